package io.orderhub.edi;

import java.util.List;

/**
 * An acknowledgement the hub wrote (997, 999 or CONTRL): its text and the control numbers it was given, so the
 * audit trail records them without reading the text back.
 */
public record Acknowledgement(String type, String text, String interchangeNo, String groupNo,
                              List<String> transactionNos) {
}
