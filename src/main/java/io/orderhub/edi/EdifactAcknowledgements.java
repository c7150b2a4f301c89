package io.orderhub.edi;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The CONTRL syntax and service report (D:3) of a received EDIFACT interchange: UCI for the interchange (7
 * acknowledged, 4 rejected), UCM per message (7 or 4), and for each error a UCS with the segment's position and an
 * error code, plus UCD with the element's position for an element error. Error codes are UN/EDIFACT 0085, taken from
 * what the reader found.
 */
public class EdifactAcknowledgements {

    /** The reader's X12-style codes as EDIFACT syntax error codes (0085). */
    private static final Map<String, String> CODES = Map.ofEntries(
            Map.entry("1", "13"), Map.entry("2", "13"), Map.entry("3", "13"), Map.entry("4", "40"),
            Map.entry("5", "39"), Map.entry("6", "37"), Map.entry("7", "12"), Map.entry("8", "12"),
            Map.entry("12", "35"), Map.entry("13", "16"), Map.entry("AK5-4", "29"), Map.entry("AK5-3", "28"),
            Map.entry("AK9-4", "28"), Map.entry("AK9-5", "29"));

    public Acknowledgement write(EdiInterchange interchange, EdiPartner partner, String partnerId,
                                 ControlNumbers numbers, Instant at) {
        List<List<String>> segments = new ArrayList<>();
        segments.add(List.of("UCI", EdifactEnvelope.escape(interchange.controlNumber()),
                EdifactEnvelope.escape(interchange.senderId()) + ":" + interchange.senderQualifier(),
                EdifactEnvelope.escape(interchange.receiverId()) + ":" + interchange.receiverQualifier(),
                interchange.accepted() ? "7" : "4"));
        for (EdiInterchange.Group group : interchange.groups()) {
            for (EdiInterchange.Transaction message : group.transactions()) {
                boolean accepted = message.accepted() && group.errors().isEmpty();
                segments.add(List.of("UCM", EdifactEnvelope.escape(message.controlNumber()), message.type() + ":D:96A:UN",
                        accepted ? "7" : "4"));
                for (EdiError error : message.errors()) {
                    String code = CODES.getOrDefault(error.code(), "12");
                    segments.add(List.of("UCS", String.valueOf(error.segmentPosition()), error.isElementError() ? "" : code));
                    if (error.isElementError()) {
                        segments.add(List.of("UCD", code, String.valueOf(error.elementPosition())));
                    }
                }
            }
        }
        String reference = String.valueOf(numbers.next(partnerId, ControlNumbers.Kind.TRANSACTION));
        long interchangeReference = numbers.next(partnerId, ControlNumbers.Kind.INTERCHANGE);
        String text = EdifactEnvelope.write(partner, interchangeReference,
                List.of(new EdifactEnvelope.Message("CONTRL:D:3:UN", reference, segments)), at);
        return new Acknowledgement("CONTRL", text, String.valueOf(interchangeReference), "", List.of(reference));
    }
}
