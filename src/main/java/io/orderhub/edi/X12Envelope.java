package io.orderhub.edi;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Writes an outbound X12 interchange: ISA with its fixed widths, one GS group, the transaction sets each framed by
 * ST/SE (SE01 counts ST to SE), GE and IEA with the counts and control numbers that must agree. Segments end with
 * "~" and a line break, elements are separated by "*", components by ">".
 */
public final class X12Envelope {

    private static final DateTimeFormatter YYMMDD = DateTimeFormatter.ofPattern("yyMMdd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter CCYYMMDD = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter HHMM = DateTimeFormatter.ofPattern("HHmm").withZone(ZoneOffset.UTC);

    private X12Envelope() {
    }

    /** The version of what the hub writes, unless a document says otherwise (the 999 is 005010). */
    public static final String VERSION = "004010";

    /**
     * A transaction set to write: its type (ST01), control number (ST02), implementation convention (ST03, or null)
     * and the segments between ST and SE.
     */
    public record TransactionSet(String type, String controlNumber, String implementation, List<List<String>> segments) {

        public TransactionSet(String type, String controlNumber, List<List<String>> segments) {
            this(type, controlNumber, null, segments);
        }
    }

    public static String write(EdiPartner partner, long interchangeNumber, long groupNumber, String functionalId,
                               List<TransactionSet> sets, Instant at) {
        return write(partner, interchangeNumber, groupNumber, functionalId, VERSION, sets, at);
    }

    /** @param version GS08 (004010, or 005010X231A1 for a 999); ISA12 follows it */
    public static String write(EdiPartner partner, long interchangeNumber, long groupNumber, String functionalId,
                               String version, List<TransactionSet> sets, Instant at) {
        StringBuilder out = new StringBuilder();
        String isa13 = String.format("%09d", interchangeNumber);
        segment(out, List.of("ISA", "00", " ".repeat(10), "00", " ".repeat(10),
                partner.ourQualifier(), pad(partner.ourId(), 15), partner.qualifier(), pad(partner.interchangeId(), 15),
                YYMMDD.format(at), HHMM.format(at), "U", version.substring(0, 5), isa13, "0", partner.usage(), ">"));
        segment(out, List.of("GS", functionalId, partner.ourId(), partner.interchangeId(), CCYYMMDD.format(at),
                HHMM.format(at), String.valueOf(groupNumber), "X", version));
        for (TransactionSet set : sets) {
            segment(out, set.implementation() == null ? List.of("ST", set.type(), set.controlNumber())
                    : List.of("ST", set.type(), set.controlNumber(), set.implementation()));
            set.segments().forEach(s -> segment(out, s));
            segment(out, List.of("SE", String.valueOf(set.segments().size() + 2), set.controlNumber()));
        }
        segment(out, List.of("GE", String.valueOf(sets.size()), String.valueOf(groupNumber)));
        segment(out, List.of("IEA", "1", isa13));
        return out.toString();
    }

    private static void segment(StringBuilder out, List<String> elements) {
        int last = significant(elements);
        for (int i = 0; i < last; i++) {
            if (i > 0) {
                out.append('*');
            }
            out.append(elements.get(i) == null ? "" : elements.get(i));
        }
        out.append("~\n");
    }

    /** How many elements to write: trailing empty ones are left out, as X12 and EDIFACT both require. */
    static int significant(List<String> elements) {
        int last = elements.size();
        while (last > 1 && (elements.get(last - 1) == null || elements.get(last - 1).isEmpty())) {
            last--;
        }
        return last;
    }

    private static String pad(String value, int width) {
        return value.length() >= width ? value.substring(0, width) : value + " ".repeat(width - value.length());
    }
}
