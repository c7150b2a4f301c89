package io.orderhub.edi;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orderhub.canonical.OrderIds;
import io.orderhub.store.ErrorStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A file from a trading partner's inbound folder, in two steps around the order intake:
 * <ol>
 *   <li>{@link #read}: a file or interchange control number seen before is a duplicate and changes nothing;
 *   otherwise the interchange is read and checked (envelope, sender, each transaction set), its acknowledgement (997
 *   for X12, CONTRL for EDIFACT) is written, and the accepted purchase orders (850, ORDERS) are handed on as a page
 *   of transaction sets for mappings/edi/;</li>
 *   <li>{@link #complete}, once the orders are stored and the 997 is in the partner's folder: every transaction set
 *   and the 997 are kept for audit, linked to their orders, and anything rejected goes to the error store.</li>
 * </ol>
 * Nothing is recorded before the orders are stored, so a file whose intake failed is simply read again.
 */
public class EdiInbound {

    private static final Logger LOG = LoggerFactory.getLogger(EdiInbound.class);
    private static final Set<String> PURCHASE_ORDERS = Set.of("850", "ORDERS");
    /** A partner's acknowledgements of what the hub sent; X12 never acknowledges them in turn. */
    private static final Set<String> ACKNOWLEDGEMENTS = Set.of("997", "999");

    private final Map<String, EdiPartner> partners;
    private final EdiDocuments documents;
    private final ControlNumbers numbers;
    private final ErrorStore errors;
    private final ObjectMapper json;
    private final Clock clock;
    private final long maxFileBytes;
    private final Duration duplicateWindow;
    private final EdiReader reader = new EdiReader();
    private final X12Acknowledgements x12Acknowledgements = new X12Acknowledgements();
    private final EdifactAcknowledgements edifactAcknowledgements = new EdifactAcknowledgements();

    public EdiInbound(Map<String, EdiPartner> partners, EdiDocuments documents, ControlNumbers numbers,
                      ErrorStore errors, ObjectMapper json, Clock clock, long maxFileBytes, Duration duplicateWindow) {
        this.maxFileBytes = maxFileBytes;
        this.duplicateWindow = duplicateWindow;
        this.partners = partners;
        this.documents = documents;
        this.numbers = numbers;
        this.errors = errors;
        this.json = json;
        this.clock = clock;
    }

    /** What a received file came to. {@code transactions}: the accepted sets as JSON ({"transactions": [...]}). */
    public record Received(String partner, String fileName, String text, String contentHash, boolean duplicate,
                           EdiInterchange interchange, String transactions, Acknowledgement acknowledgement,
                           String acknowledgementFile, String folder) {

        /** The acknowledgement's text for the partner's folder, or null when the envelope could not be read. */
        public String acknowledgementText() {
            return acknowledgement == null ? null : acknowledgement.text();
        }

        public boolean hasOrders() {
            return transactions != null && interchange.groups().stream().anyMatch(g -> g.acceptedCount() > 0);
        }
    }

    public Received read(String partnerId, String fileName, byte[] content) throws Exception {
        EdiPartner partner = partner(partnerId);
        String text = new String(content, StandardCharsets.ISO_8859_1);
        String hash = OrderIds.sha256(text);
        EdiInterchange interchange = reader.read(content);
        if (documents.receivedFile(partnerId, hash)) {
            LOG.info("EDI {}: {} is interchange {} again (the same bytes); not processed twice", partnerId, fileName,
                    interchange.controlNumber());
            return new Received(partnerId, fileName, text, hash, true, interchange, null, null, null, "processed");
        }
        interchange = checkSender(interchange, partner);
        interchange = checkControlNumber(partnerId, interchange);
        Acknowledgement ack = null;
        String ackFile = null;
        boolean onlyAcknowledgements = interchange.groups().stream().allMatch(g -> "FA".equals(g.functionalId()));
        if (interchange.controlNumber() != null && !interchange.groups().isEmpty() && !onlyAcknowledgements) {
            Instant now = Instant.now(clock);
            boolean edifact = "EDIFACT".equals(interchange.standard());
            ack = edifact ? edifactAcknowledgements.write(interchange, partner, partnerId, numbers, now)
                    : x12Acknowledgements.write(interchange, partner, partnerId, numbers, now);
            ackFile = (edifact ? "CONTRL-" : partner.acknowledgement() + "-") + interchange.controlNumber() + "-"
                    + now.toEpochMilli() + (edifact ? ".edi" : ".x12");
        }
        ObjectNode page = json.createObjectNode();
        ArrayNode sets = page.putArray("transactions");
        for (EdiInterchange.Group group : interchange.groups()) {
            if (!group.errors().isEmpty()) {
                continue;
            }
            for (EdiInterchange.Transaction transaction : group.transactions()) {
                if (transaction.accepted() && PURCHASE_ORDERS.contains(transaction.type())) {
                    sets.add(asJson(json, partnerId, interchange, group, transaction));
                }
            }
        }
        String folder = interchange.accepted() ? "processed" : "error";
        return new Received(partnerId, fileName, text, hash, false, interchange, page.toString(), ack, ackFile, folder);
    }

    /** One transaction set as mappings/edi/ reads it. */
    public static ObjectNode asJson(ObjectMapper json, String partnerId, EdiInterchange interchange,
                                    EdiInterchange.Group group, EdiInterchange.Transaction transaction) {
        ObjectNode set = json.createObjectNode().put("standard", interchange.standard()).put("partner", partnerId)
                .put("interchange", interchange.controlNumber()).put("group", group.controlNumber())
                .put("type", transaction.type()).put("controlNumber", transaction.controlNumber());
        set.set("segments", json.valueToTree(transaction.segments()));
        return set;
    }

    /** Keeps the received sets and the 997 for audit and records what was rejected; see the class comment. */
    public void complete(Received received) {
        if (received.duplicate()) {
            return;
        }
        EdiInterchange interchange = received.interchange();
        String partnerId = received.partner();
        String isa13 = interchange.controlNumber() == null ? "" : interchange.controlNumber();
        List<String> problems = new ArrayList<>();
        interchange.envelopeErrors().forEach(e -> problems.add("interchange: " + e));
        if (interchange.groups().isEmpty()) {
            documents.record(new EdiDocuments.Entry(partnerId, "IN", interchange.standard(), "interchange", isa13, "",
                    "", null, received.fileName(), received.contentHash(), "REJECTED", String.join("; ", problems),
                    received.text()));
        }
        for (EdiInterchange.Group group : interchange.groups()) {
            group.errors().forEach(e -> problems.add("group " + group.controlNumber() + ": " + e));
            for (EdiInterchange.Transaction transaction : group.transactions()) {
                boolean accepted = transaction.accepted() && group.errors().isEmpty() && interchange.envelopeErrors().isEmpty();
                String detail = transaction.errors().stream().map(EdiError::toString).collect(Collectors.joining("; "));
                transaction.errors().forEach(e -> problems.add(transaction.type() + " " + transaction.controlNumber() + ": " + e));
                String orderId = !accepted ? null : ACKNOWLEDGEMENTS.contains(transaction.type())
                        ? settle(partnerId, isa13, transaction) : orderId(partnerId, transaction);
                documents.record(new EdiDocuments.Entry(partnerId, "IN", interchange.standard(), transaction.type(),
                        isa13, group.controlNumber(), transaction.controlNumber(), orderId, received.fileName(),
                        received.contentHash(), accepted ? "ACCEPTED" : "REJECTED", detail.isEmpty() ? null : detail,
                        received.text()));
            }
        }
        Acknowledgement ack = received.acknowledgement();
        if (ack != null) {
            String hash = OrderIds.sha256(ack.text());
            for (String transactionNo : ack.transactionNos()) {
                documents.record(new EdiDocuments.Entry(partnerId, "OUT", interchange.standard(), ack.type(),
                        ack.interchangeNo(), ack.groupNo(), transactionNo, null, received.acknowledgementFile(), hash,
                        interchange.accepted() ? "ACCEPTED" : "REJECTED", "acknowledges interchange " + isa13,
                        ack.text()));
            }
        }
        if (!problems.isEmpty()) {
            String errorId = errors.record("edi", partnerId, "sftp", "edi-envelope",
                    received.fileName() + ": " + String.join("; ", problems), received.text());
            LOG.warn("EDI {}: {} rejected ({}), error {}: {}", partnerId, received.fileName(),
                    received.acknowledgement() == null ? "no acknowledgement: the envelope cannot be read" : "acknowledged",
                    errorId, String.join("; ", problems));
        }
    }

    /**
     * A partner's 997 or 999 settles the hub's documents it names: AK1 the functional group, AK2 each transaction
     * set and AK5 (IK5 in a 999) whether it was taken (A, or E: taken with errors noted) or not; a group acknowledged
     * with AK9 alone settles every set of it. Answers the order of the first document settled, to link it.
     */
    private String settle(String partnerId, String isa13, EdiInterchange.Transaction acknowledgement) {
        String group = null;
        String type = null;
        String set = null;
        boolean anySet = false;
        List<String> notes = new ArrayList<>();
        List<String> orders = new ArrayList<>();
        for (EdiSegment segment : acknowledgement.segments()) {
            List<String> e = segment.e();
            switch (segment.tag()) {
                case "AK1" -> group = e.size() > 1 ? e.get(1) : null;
                case "AK2" -> {
                    type = e.isEmpty() ? null : e.get(0);
                    set = e.size() > 1 ? e.get(1) : null;
                    notes.clear();
                }
                case "AK3", "AK4", "IK3", "IK4" -> notes.add(segment.tag() + "*" + String.join("*", e));
                case "AK5", "IK5" -> {
                    if (group != null && type != null && set != null && !e.isEmpty()) {
                        anySet = true;
                        orders.addAll(documents.acknowledged(partnerId, group, type, set, taken(e.get(0)),
                                detail(acknowledgement.type(), isa13, segment, notes)));
                    }
                    type = null;
                    set = null;
                }
                case "AK9" -> {
                    if (group != null && !anySet && !e.isEmpty()) {
                        for (String sentType : List.of("855", "856", "810")) {
                            orders.addAll(documents.acknowledged(partnerId, group, sentType, null, taken(e.get(0)),
                                    detail(acknowledgement.type(), isa13, segment, List.of())));
                        }
                    }
                }
                default -> {
                    // the envelope's own segments
                }
            }
        }
        LOG.info("EDI {}: {} {} settles documents of orders {}", partnerId, acknowledgement.type(), isa13, orders);
        return orders.isEmpty() ? null : orders.get(0);
    }

    private static boolean taken(String code) {
        return "A".equals(code) || "E".equals(code);
    }

    private static String detail(String type, String isa13, EdiSegment status, List<String> notes) {
        return (taken(status.e().get(0)) ? "acknowledged" : "rejected") + " by the partner's " + type + " " + isa13
                + ": " + status.tag() + "*" + String.join("*", status.e())
                + (notes.isEmpty() ? "" : " (" + String.join("; ", notes) + ")");
    }

    /** The order a purchase order became: its number is BEG03 (X12) or BGM 1004 (EDIFACT). */
    private static String orderId(String partnerId, EdiInterchange.Transaction transaction) {
        return transaction.segments().stream()
                .filter(s -> (s.tag().equals("BEG") && s.e().size() >= 3) || (s.tag().equals("BGM") && s.e().size() >= 2))
                .findFirst().map(s -> OrderIds.orderId("edi", partnerId, s.e().get(s.tag().equals("BEG") ? 2 : 1)))
                .orElse(null);
    }

    /** The interchange must come from the partner whose folder it is in. */
    private static EdiInterchange checkSender(EdiInterchange interchange, EdiPartner partner) {
        if (interchange.senderId() == null || interchange.senderId().equals(partner.interchangeId())) {
            return interchange;
        }
        return rejected(interchange, new EdiError("ISA", 0, 6, "sender", "sender '" + interchange.senderId()
                + "' is not this partner's interchange id '" + partner.interchangeId() + "'"),
                "interchange sender is not this partner");
    }

    /**
     * A duplicate is the same bytes (see {@link #read}), or the same control number with the same preparation date
     * and time within {@code hub.edi.duplicate-window}: that one, with other content, is rejected (the 997 or CONTRL
     * says so, the error store keeps it), never swallowed. A control number a partner reuses on another date (its
     * counter wrapped or was reset) is a new interchange.
     */
    private EdiInterchange checkControlNumber(String partnerId, EdiInterchange interchange) {
        if (interchange.controlNumber() == null || interchange.controlNumber().isBlank()) {
            return interchange;
        }
        Instant since = Instant.now(clock).minus(duplicateWindow);
        for (String earlier : documents.receivedInterchanges(partnerId, interchange.controlNumber(), since)) {
            String earlierPrepared = earlier == null ? null
                    : reader.read(earlier.getBytes(StandardCharsets.ISO_8859_1)).preparedAt();
            if (earlierPrepared != null && earlierPrepared.equals(interchange.preparedAt())) {
                return rejected(interchange, new EdiError("ISA", 0, 13, "duplicate", "interchange control number "
                        + interchange.controlNumber() + " prepared " + interchange.preparedAt()
                        + " was received before with other content"), "duplicate interchange control number");
            }
        }
        return interchange;
    }

    /** The interchange with an envelope error, and every group rejected for it. */
    private static EdiInterchange rejected(EdiInterchange interchange, EdiError envelopeError, String groupReason) {
        List<EdiError> envelope = new ArrayList<>(interchange.envelopeErrors());
        envelope.add(envelopeError);
        List<EdiInterchange.Group> rejected = interchange.groups().stream().map(g -> new EdiInterchange.Group(
                g.functionalId(), g.controlNumber(), g.version(), g.transactions(), List.of(new EdiError("GS", 0, 2,
                "AK9-6", groupReason)))).toList();
        return new EdiInterchange(interchange.standard(), interchange.senderQualifier(), interchange.senderId(),
                interchange.receiverQualifier(), interchange.receiverId(), interchange.controlNumber(),
                interchange.version(), interchange.preparedAt(), rejected, List.copyOf(envelope));
    }

    /**
     * A file over {@code hub.edi.max-file-bytes} is not read: it goes to error/ with an error-store entry (its
     * first 64 KiB kept), and the hub stays up whatever a partner uploads.
     */
    public Received oversize(String partnerId, String fileName, Long length, byte[] start) {
        String reason = fileName + ": file of " + (length == null || length <= 0 ? "more than " + maxFileBytes : length)
                + " bytes is larger than hub.edi.max-file-bytes="
                + maxFileBytes + "; not read";
        String errorId = errors.record("edi", partnerId, "sftp", "edi-size", reason,
                new String(start, 0, Math.min(start.length, 64 * 1024), StandardCharsets.ISO_8859_1));
        LOG.warn("EDI {}: {} [errorId={}]", partnerId, reason, errorId);
        return new Received(partnerId, fileName, null, null, true, null, null, null, null, "error");
    }

    /** At most {@code hub.edi.max-file-bytes + 1} bytes of a file: more means it is too large to read. */
    public byte[] readBounded(java.io.InputStream in) throws java.io.IOException {
        return in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxFileBytes + 1));
    }

    public long maxFileBytes() {
        return maxFileBytes;
    }

    private EdiPartner partner(String partnerId) {
        EdiPartner partner = partners.get(partnerId);
        if (partner == null) {
            throw new IllegalArgumentException("no EDI partner '" + partnerId + "' in hub.edi.partners");
        }
        return partner;
    }
}
