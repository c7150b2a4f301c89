package io.orderhub.edi;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The functional acknowledgement of a received interchange, a 997 or, for partners configured so, a 999
 * (implementation acknowledgement, 005010X231A1: the same report with IK3/IK4/IK5 in place of AK3/AK4/AK5): one per
 * functional group, AK2 and AK5/IK5 per transaction set, AK3/IK3 (segment) and AK4/IK4 (element) for each error with
 * its position and code, and AK9 with the counts. Accepted (A), rejected (R), or partially accepted (P) when some
 * sets of a group passed.
 */
public class X12Acknowledgements {

    private static final String IMPLEMENTATION_999 = "005010X231A1";

    public List<X12Envelope.TransactionSet> functionalAcks(EdiInterchange interchange, ControlNumbers numbers,
                                                           String partnerId, boolean implementation) {
        String segment = implementation ? "IK" : "AK";
        List<X12Envelope.TransactionSet> sets = new ArrayList<>();
        for (EdiInterchange.Group group : interchange.groups()) {
            List<List<String>> segments = new ArrayList<>();
            segments.add(List.of("AK1", group.functionalId(), group.controlNumber()));
            for (EdiInterchange.Transaction transaction : group.transactions()) {
                segments.add(List.of("AK2", transaction.type(), transaction.controlNumber()));
                String ak5Code = "";
                for (EdiError error : transaction.errors()) {
                    if (error.code().startsWith("AK5-")) {
                        ak5Code = error.code().substring(4);
                        continue;
                    }
                    segments.add(List.of(segment + "3", error.segmentTag(), String.valueOf(error.segmentPosition()), "",
                            error.isElementError() ? "8" : error.code()));
                    if (error.isElementError()) {
                        segments.add(List.of(segment + "4", String.valueOf(error.elementPosition()), "", error.code()));
                    }
                }
                if (transaction.accepted()) {
                    segments.add(List.of(segment + "5", "A"));
                } else {
                    segments.add(List.of(segment + "5", "R", ak5Code.isEmpty() ? "5" : ak5Code));
                }
            }
            long received = group.transactions().size();
            long accepted = group.acceptedCount();
            String groupCode = group.errors().stream().filter(e -> e.code().startsWith("AK9-"))
                    .map(e -> e.code().substring(4)).findFirst().orElse("");
            String status = !group.errors().isEmpty() || accepted == 0 ? "R" : accepted < received ? "P" : "A";
            List<String> ak9 = new ArrayList<>(List.of("AK9", status, String.valueOf(received), String.valueOf(received),
                    String.valueOf(status.equals("R") ? 0 : accepted)));
            if (!groupCode.isEmpty()) {
                ak9.add(groupCode);
            }
            segments.add(ak9);
            sets.add(new X12Envelope.TransactionSet(implementation ? "999" : "997",
                    String.format("%04d", numbers.next(partnerId, ControlNumbers.Kind.TRANSACTION)),
                    implementation ? IMPLEMENTATION_999 : null, segments));
        }
        return sets;
    }

    /** The interchange written out, ready for the partner's folder. */
    public Acknowledgement write(EdiInterchange interchange, EdiPartner partner, String partnerId,
                                 ControlNumbers numbers, Instant at) {
        boolean implementation = "999".equals(partner.acknowledgement());
        List<X12Envelope.TransactionSet> sets = functionalAcks(interchange, numbers, partnerId, implementation);
        long isa13 = numbers.next(partnerId, ControlNumbers.Kind.INTERCHANGE);
        long gs06 = numbers.next(partnerId, ControlNumbers.Kind.GROUP);
        String text = X12Envelope.write(partner, isa13, gs06, "FA",
                implementation ? IMPLEMENTATION_999 : X12Envelope.VERSION, sets, at);
        return new Acknowledgement(implementation ? "999" : "997", text, String.format("%09d", isa13),
                String.valueOf(gs06), sets.stream().map(X12Envelope.TransactionSet::controlNumber).toList());
    }
}
