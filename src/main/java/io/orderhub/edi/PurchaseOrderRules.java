package io.orderhub.edi;

import java.util.ArrayList;
import java.util.List;

/**
 * What a purchase order must hold to become an order, beyond what the envelope check covers. X12 850: a BEG with
 * the PO number, at least one PO1 line, a numeric quantity and unit price on every line. EDIFACT ORDERS: a BGM with
 * the order number, at least one LIN, and numeric QTY and PRI. Each finding names the segment's position and the
 * element (AK3/AK4 codes; the CONTRL writer translates them), so the partner's acknowledgement says what to fix.
 * Other transaction sets pass unchecked here.
 */
class PurchaseOrderRules {

    List<EdiError> check(String type, List<EdiSegment> segments) {
        return switch (type) {
            case "850" -> x12(segments);
            case "ORDERS" -> edifact(segments);
            default -> List.of();
        };
    }

    private List<EdiError> edifact(List<EdiSegment> segments) {
        List<EdiError> errors = new ArrayList<>();
        EdiSegment bgm = segments.stream().filter(s -> s.tag().equals("BGM")).findFirst().orElse(null);
        if (bgm == null) {
            errors.add(new EdiError("BGM", 2, 0, "3", "mandatory segment BGM (order number) missing"));
        } else if (element(bgm, 2).isBlank()) {
            errors.add(new EdiError("BGM", bgm.pos(), 2, "1", "BGM 1004 order number missing"));
        } else if (element(bgm, 2).length() > 35) {
            errors.add(new EdiError("BGM", bgm.pos(), 2, "5", "BGM 1004 order number is longer than 35 (an..35)"));
        }
        if (segments.stream().noneMatch(s -> s.tag().equals("LIN"))) {
            int at = segments.isEmpty() ? 2 : segments.get(segments.size() - 1).pos();
            errors.add(new EdiError("LIN", at, 0, "3", "mandatory segment LIN (a line) missing"));
        }
        for (EdiSegment segment : segments) {
            if ((segment.tag().equals("QTY") || segment.tag().equals("PRI"))
                    && !element(segment, 1).matches("[A-Z0-9]+:\\d*\\.?\\d+(:.*)?")) {
                errors.add(new EdiError(segment.tag(), segment.pos(), 1, "6",
                        segment.tag() + " '" + element(segment, 1) + "' has no numeric amount"));
            }
        }
        return errors;
    }

    private List<EdiError> x12(List<EdiSegment> segments) {
        List<EdiError> errors = new ArrayList<>();
        EdiSegment beg = segments.stream().filter(s -> s.tag().equals("BEG")).findFirst().orElse(null);
        if (beg == null) {
            errors.add(new EdiError("BEG", 2, 0, "3", "mandatory segment BEG (purchase order number) missing"));
        } else if (element(beg, 3).isBlank()) {
            errors.add(new EdiError("BEG", beg.pos(), 3, "1", "BEG03 purchase order number missing"));
        } else if (element(beg, 3).length() > 22) {
            // element 324 is AN 1/22; the envelope check does not know the 850's own elements
            errors.add(new EdiError("BEG", beg.pos(), 3, "5", "BEG03 purchase order number is longer than 22 (AN 1/22)"));
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
            if (element(segment, 7).length() > 48) {
                errors.add(new EdiError("PO1", segment.pos(), 7, "5", "PO1-07 product id is longer than 48 (AN 1/48)"));
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
