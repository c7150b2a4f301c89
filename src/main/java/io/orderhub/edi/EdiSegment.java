package io.orderhub.edi;

import java.util.List;

/**
 * One segment of a transaction as the mappings see it: its tag, its elements (a composite element's components
 * joined by ':'), its position in the transaction (ST/UNH is 1) and the position of the loop it belongs to (the
 * last N1/PO1 or NAD/LIN before it; null in the header and after CTT/UNS).
 */
public record EdiSegment(String tag, List<String> e, int pos, Integer loop) {
}
