package io.orderhub.edi;

import java.util.ArrayList;
import java.util.List;

/**
 * What an 850 must hold to become an order, beyond what the envelope check covers: a BEG with the PO number,
 * at least one PO1 line, and a numeric quantity and unit price on every line. Each finding is an AK3/AK4 error
 * with the segment's position, so the partner's 997 says exactly what to fix.
 */
class PurchaseOrderRules {

    List<EdiError> check(List<EdiSegment> segments) {
        List<EdiError> errors = new ArrayList<>();
        EdiSegment beg = segments.stream().filter(s -> s.tag().equals("BEG")).findFirst().orElse(null);
        if (beg == null) {
            errors.add(new EdiError("BEG", 2, 0, "3", "mandatory segment BEG (purchase order number) missing"));
        } else if (element(beg, 3).isBlank()) {
            errors.add(new EdiError("BEG", beg.pos(), 3, "1", "BEG03 purchase order number missing"));
        }
        boolean lines = false;
        for (EdiSegment segment : segments) {
            if (!segment.tag().equals("PO1")) {
                continue;
            }
            lines = true;
            if (!element(segment, 2).matches("\\d+(\\.\\d+)?")) {
                errors.add(new EdiError("PO1", segment.pos(), 2, "6",
                        "PO1-02 quantity '" + element(segment, 2) + "' is not a number"));
            }
            if (!element(segment, 4).isEmpty() && !element(segment, 4).matches("\\d*\\.?\\d+")) {
                errors.add(new EdiError("PO1", segment.pos(), 4, "6",
                        "PO1-04 unit price '" + element(segment, 4) + "' is not a number"));
            }
        }
        if (!lines) {
            int at = segments.isEmpty() ? 2 : segments.get(segments.size() - 1).pos();
            errors.add(new EdiError("PO1", at, 0, "3", "mandatory segment PO1 (a line) missing"));
        }
        return errors;
    }

    private static String element(EdiSegment segment, int position) {
        return segment.e().size() >= position ? segment.e().get(position - 1) : "";
    }
}
