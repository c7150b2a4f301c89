package io.orderhub.edi;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Writes an outbound EDIFACT interchange: UNA with the default service characters, UNB (syntax UNOC:3, both parties
 * with their qualifiers, date and time, the interchange reference), the messages each framed by UNH/UNT (UNT counts
 * UNH to UNT), and UNZ with the message count and the same reference. Elements are written as given: the caller
 * joins a composite's components with ':' and escapes data with {@link #escape}.
 */
public final class EdifactEnvelope {

    private static final DateTimeFormatter YYMMDD = DateTimeFormatter.ofPattern("yyMMdd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter HHMM = DateTimeFormatter.ofPattern("HHmm").withZone(ZoneOffset.UTC);

    private EdifactEnvelope() {
    }

    /** A message to write: its type identifier (UNH 0065:0052:0054:0051, e.g. "CONTRL:D:3:UN"), reference, segments. */
    public record Message(String identifier, String reference, List<List<String>> segments) {
    }

    public static String write(EdiPartner partner, long interchangeReference, List<Message> messages, Instant at) {
        StringBuilder out = new StringBuilder("UNA:+.? '\n");
        String reference = String.valueOf(interchangeReference);
        segment(out, List.of("UNB", "UNOC:3", escape(partner.ourId()) + ":" + partner.ourQualifier(),
                escape(partner.interchangeId()) + ":" + partner.qualifier(), YYMMDD.format(at) + ":" + HHMM.format(at),
                reference));
        for (Message message : messages) {
            segment(out, List.of("UNH", message.reference(), message.identifier()));
            message.segments().forEach(s -> segment(out, s));
            segment(out, List.of("UNT", String.valueOf(message.segments().size() + 2), message.reference()));
        }
        segment(out, List.of("UNZ", String.valueOf(messages.size()), reference));
        return out.toString();
    }

    private static void segment(StringBuilder out, List<String> elements) {
        int last = X12Envelope.significant(elements);
        for (int i = 0; i < last; i++) {
            if (i > 0) {
                out.append('+');
            }
            out.append(elements.get(i) == null ? "" : elements.get(i));
        }
        out.append("'\n");
    }

    /** Data with the service characters released ("?+", "?:", "?'", "??"). */
    public static String escape(String value) {
        StringBuilder escaped = new StringBuilder();
        for (char c : (value == null ? "" : value).toCharArray()) {
            if (c == '?' || c == '+' || c == '\'' || c == ':') {
                escaped.append('?');
            }
            escaped.append(c);
        }
        return escaped.toString();
    }
}
