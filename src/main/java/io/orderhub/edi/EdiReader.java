package io.orderhub.edi;

import io.xlate.edi.stream.EDIInputFactory;
import io.xlate.edi.stream.EDIStreamEvent;
import io.xlate.edi.stream.EDIStreamException;
import io.xlate.edi.stream.EDIStreamReader;
import io.xlate.edi.stream.EDIStreamValidationError;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads an X12 or EDIFACT interchange with StAEDI, which checks the envelope as it reads: ISA/IEA, GS/GE and ST/SE
 * (UNB/UNZ, UNH/UNT) control references that must agree, segment and message counts, element sizes and code values
 * of the service segments, EDIFACT's release character. Every error is kept where it was found (interchange, group
 * or transaction set / message, with the segment's position counted from ST or UNH as acknowledgements want it),
 * so one bad set is rejected and the others are not. EDIFACT messages outside a UNG group are put in one group of
 * the interchange. The sets' own rules (an 850 or ORDERS needs its number and lines) come from
 * {@link PurchaseOrderRules}.
 */
public class EdiReader {

    /** Segments that start a loop the mappings look into: parties and lines. */
    private static final Set<String> LOOP_STARTS = Set.of("N1", "PO1", "NAD", "LIN");
    /** Segments after which no loop goes on: the summary. */
    private static final Set<String> LOOP_ENDS = Set.of("CTT", "UNS", "SE", "UNT", "AMT");

    private final EDIInputFactory factory = EDIInputFactory.newFactory();
    private final PurchaseOrderRules rules = new PurchaseOrderRules();

    public EdiInterchange read(byte[] content) {
        String standard = "X12";
        // sender qualifier, sender, receiver qualifier, receiver, control number, version, date and time prepared
        String[] header = new String[7];
        List<EdiInterchange.Group> groups = new ArrayList<>();
        List<EdiError> envelopeErrors = new ArrayList<>();
        GroupBuilder group = null;
        TransactionBuilder transaction = null;
        String tag = null;
        List<String> elements = new ArrayList<>();
        StringBuilder composite = null;
        try (EDIStreamReader reader = factory.createEDIStreamReader(new ByteArrayInputStream(content))) {
            while (reader.hasNext()) {
                EDIStreamEvent event = reader.next();
                switch (event) {
                    case START_SEGMENT -> {
                        tag = reader.getText();
                        elements = new ArrayList<>();
                        if (transaction != null) {
                            transaction.position++;
                        }
                    }
                    case START_INTERCHANGE -> standard = reader.getStandard();
                    case START_TRANSACTION -> {
                        if (group == null) { // EDIFACT without UNG: the interchange is the group
                            group = new GroupBuilder("", header[4], header[5]);
                            group.implicit = true;
                        }
                    }
                    case START_COMPOSITE -> composite = new StringBuilder();
                    case END_COMPOSITE -> {
                        elements.add(composite.toString());
                        composite = null;
                    }
                    case ELEMENT_DATA -> {
                        if (composite != null) {
                            composite.append(composite.isEmpty() && reader.getLocation().getComponentPosition() <= 1 ? "" : ":")
                                    .append(reader.getText());
                        } else {
                            elements.add(reader.getText());
                        }
                    }
                    case END_SEGMENT -> {
                        switch (tag) {
                            case "ISA" -> {
                                header[0] = element(elements, 5).trim();
                                header[1] = element(elements, 6).trim();
                                header[2] = element(elements, 7).trim();
                                header[3] = element(elements, 8).trim();
                                header[4] = element(elements, 13).trim();
                                header[5] = element(elements, 12).trim();
                                header[6] = element(elements, 9).trim() + " " + element(elements, 10).trim();
                            }
                            case "UNB" -> {
                                header[1] = component(element(elements, 2), 0);
                                header[0] = component(element(elements, 2), 1);
                                header[3] = component(element(elements, 3), 0);
                                header[2] = component(element(elements, 3), 1);
                                header[4] = element(elements, 5);
                                header[5] = element(elements, 1);
                                header[6] = element(elements, 4);
                            }
                            case "GS" -> group = new GroupBuilder(element(elements, 1), element(elements, 6),
                                    element(elements, 8));
                            case "UNG" -> group = new GroupBuilder(element(elements, 1), element(elements, 5),
                                    element(elements, 7));
                            case "ST", "UNH" -> {
                                boolean x12 = tag.equals("ST");
                                transaction = new TransactionBuilder(
                                        x12 ? element(elements, 1) : component(element(elements, 2), 0),
                                        x12 ? element(elements, 2) : element(elements, 1));
                                if (group != null && group.implicit && group.functionalId.isEmpty()) {
                                    group.functionalId = transaction.type;
                                }
                                transaction.add(tag, elements);
                            }
                            case "UNA" -> {
                                // service string advice: StAEDI applies it
                            }
                            default -> {
                                if (transaction != null) {
                                    transaction.add(tag, elements);
                                }
                            }
                        }
                    }
                    case END_TRANSACTION -> {
                        if (transaction != null && group != null) {
                            transaction.errors.addAll(rules.check(transaction.type, transaction.segments));
                            group.transactions.add(transaction.build());
                        }
                        transaction = null;
                    }
                    case END_GROUP -> {
                        if (group != null) {
                            groups.add(group.build());
                        }
                        group = null;
                    }
                    case END_INTERCHANGE -> {
                        if (group != null && group.implicit) {
                            groups.add(group.build());
                            group = null;
                        }
                    }
                    case SEGMENT_ERROR, ELEMENT_DATA_ERROR, ELEMENT_OCCURRENCE_ERROR -> {
                        EdiError error = error(reader, tag, transaction);
                        if (transaction != null) {
                            transaction.errors.add(error);
                        } else if (group != null) {
                            group.errors.add(error);
                        } else {
                            envelopeErrors.add(error);
                        }
                    }
                    default -> {
                        // interchange start/end and loop events carry nothing the hub keeps
                    }
                }
            }
        } catch (EDIStreamException | java.io.IOException | RuntimeException e) {
            envelopeErrors.add(new EdiError(tag == null ? "ISA" : tag, 0, 0, "unreadable",
                    "the file cannot be read as X12 or EDIFACT: " + e.getMessage()));
            if (transaction != null && group != null) {
                group.errors.add(new EdiError("SE", transaction.position, 0, "AK5-2", "transaction set trailer missing"));
                groups.add(group.build());
            }
        }
        return new EdiInterchange(standard == null ? "X12" : standard, header[0], header[1], header[2], header[3],
                header[4], header[5], header[6], List.copyOf(groups), List.copyOf(envelopeErrors));
    }

    /** The error as the 997 reports it; control number and count mismatches become AK5/AK9 codes. */
    private static EdiError error(EDIStreamReader reader, String tag, TransactionBuilder transaction) {
        EDIStreamValidationError type = reader.getErrorType();
        int element = Math.max(reader.getLocation().getElementPosition(), 0);
        int position = transaction == null ? 0 : transaction.position;
        String code = switch (type) {
            case CONTROL_COUNT_DOES_NOT_MATCH_ACTUAL_COUNT -> isGroupTrailer(tag) ? "AK9-5" : isSetTrailer(tag) ? "AK5-4" : "count";
            case CONTROL_REFERENCE_MISMATCH -> isGroupTrailer(tag) ? "AK9-4" : isSetTrailer(tag) ? "AK5-3" : "reference";
            case UNRECOGNIZED_SEGMENT_ID -> "1";
            case UNEXPECTED_SEGMENT -> "2";
            case MANDATORY_SEGMENT_MISSING -> "3";
            case LOOP_OCCURS_OVER_MAXIMUM_TIMES -> "4";
            case SEGMENT_EXCEEDS_MAXIMUM_USE -> "5";
            case SEGMENT_NOT_IN_DEFINED_TRANSACTION_SET -> "6";
            case SEGMENT_NOT_IN_PROPER_SEQUENCE -> "7";
            case REQUIRED_DATA_ELEMENT_MISSING -> "1";
            case CONDITIONAL_REQUIRED_DATA_ELEMENT_MISSING -> "2";
            case TOO_MANY_DATA_ELEMENTS -> "3";
            case DATA_ELEMENT_TOO_SHORT -> "4";
            case DATA_ELEMENT_TOO_LONG -> "5";
            case INVALID_CHARACTER_DATA -> "6";
            case INVALID_CODE_VALUE -> "7";
            case INVALID_DATE -> "8";
            case INVALID_TIME -> "9";
            case EXCLUSION_CONDITION_VIOLATED -> "10";
            case TOO_MANY_REPETITIONS -> "12";
            case TOO_MANY_COMPONENTS -> "13";
            default -> "8";
        };
        boolean segmentLevel = reader.getLocation().getElementPosition() < 1 || type.name().contains("SEGMENT")
                || type.name().startsWith("LOOP");
        return new EdiError(tag == null ? "?" : tag, position, segmentLevel ? 0 : element, code,
                type.name().toLowerCase().replace('_', ' ')
                        + (reader.getTextLength() > 0 ? " ('" + reader.getText() + "')" : ""));
    }

    private static boolean isGroupTrailer(String tag) {
        return "GE".equals(tag) || "UNE".equals(tag);
    }

    private static boolean isSetTrailer(String tag) {
        return "SE".equals(tag) || "UNT".equals(tag);
    }

    /** A component of a composite element as the reader joined it ("4006381000016:14"). */
    private static String component(String element, int index) {
        String[] parts = element.split(":", -1);
        return index < parts.length ? parts[index] : "";
    }

    private static String element(List<String> elements, int position) {
        return elements.size() >= position ? elements.get(position - 1) : "";
    }

    private static final class GroupBuilder {
        String functionalId;
        boolean implicit;
        final String controlNumber;
        final String version;
        final List<EdiInterchange.Transaction> transactions = new ArrayList<>();
        final List<EdiError> errors = new ArrayList<>();

        GroupBuilder(String functionalId, String controlNumber, String version) {
            this.functionalId = functionalId;
            this.controlNumber = controlNumber;
            this.version = version;
        }

        EdiInterchange.Group build() {
            return new EdiInterchange.Group(functionalId, controlNumber, version, List.copyOf(transactions),
                    List.copyOf(errors));
        }
    }

    private static final class TransactionBuilder {
        final String type;
        final String controlNumber;
        final List<EdiSegment> segments = new ArrayList<>();
        final List<EdiError> errors = new ArrayList<>();
        int position = 1; // ST
        Integer loop;

        TransactionBuilder(String type, String controlNumber) {
            this.type = type;
            this.controlNumber = controlNumber;
        }

        void add(String tag, List<String> elements) {
            if (LOOP_STARTS.contains(tag)) {
                loop = position;
            } else if (LOOP_ENDS.contains(tag)) {
                loop = null;
            }
            segments.add(new EdiSegment(tag, List.copyOf(elements), position, loop));
        }

        EdiInterchange.Transaction build() {
            return new EdiInterchange.Transaction(type, controlNumber, List.copyOf(segments), List.copyOf(errors));
        }
    }
}
