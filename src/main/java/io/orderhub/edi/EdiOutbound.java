package io.orderhub.edi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orderhub.canonical.OrderIds;
import io.orderhub.lifecycle.OrderStatus;
import io.orderhub.pipeline.DeliveryChanges;
import io.orderhub.store.DeliveryRef;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The documents an EDI order's partner gets back as its lifecycle moves: an 855 when the order is CONFIRMED (or a
 * rejecting 855 when the hub cancels it), an 856 and an 810 when it SHIPPED, each only if the partner expects it
 * ({@code hub.edi.partners.<id>.documents}); an EDIFACT partner gets ORDRSP, DESADV and INVOIC instead.
 * mappings/edi/x12-<document>.jsonata or edifact-<message>.jsonata gives the segments; this class wraps them in an
 * interchange with the partner's next control numbers and keeps what was sent for audit.
 */
public class EdiOutbound {

    /** The EDIFACT message for each X12 document: what an EDIFACT partner gets instead. */
    private static final Map<String, String> EDIFACT_NAMES = Map.of("855", "ORDRSP", "856", "DESADV", "810", "INVOIC");

    private final Map<String, EdiPartner> partners;
    private final DeliveryChanges changes;
    private final EdiDocuments documents;
    private final ControlNumbers numbers;
    private final ObjectMapper json;
    private final Clock clock;

    public EdiOutbound(Map<String, EdiPartner> partners, DeliveryChanges changes, EdiDocuments documents,
                       ControlNumbers numbers, ObjectMapper json, Clock clock) {
        this.partners = partners;
        this.changes = changes;
        this.documents = documents;
        this.numbers = numbers;
        this.json = json;
        this.clock = clock;
    }

    /**
     * What the mappings read, and which documents to make: the delivery's change ({@link DeliveryChanges}) with
     * "action", "partner", "standard" and "documents".
     */
    public String envelope(DeliveryRef delivery) throws JsonProcessingException {
        ObjectNode envelope = changes.change(delivery);
        String partnerId = envelope.path("order").path("account").asText();
        EdiPartner partner = partners.get(partnerId);
        OrderStatus moved = OrderStatus.valueOf(envelope.path("status").asText());
        String action = switch (moved) {
            case CONFIRMED -> "confirm";
            case BACKORDERED -> "backorder";
            case CANCELED -> "reject";
            case SHIPPED -> "ship";
            default -> throw new IllegalStateException("no EDI document for " + moved);
        };
        boolean edifact = partner != null && "EDIFACT".equalsIgnoreCase(partner.standard());
        List<String> wanted = new ArrayList<>();
        for (String document : action.equals("ship") ? List.of("856", "810") : List.of("855")) {
            if (partner != null && (partner.expects(document) || partner.expects(EDIFACT_NAMES.get(document)))) {
                wanted.add(edifact ? EDIFACT_NAMES.get(document) : document);
            }
        }
        envelope.put("action", action).put("partner", partnerId).put("standard", edifact ? "edifact" : "x12");
        envelope.set("documents", json.valueToTree(wanted));
        return envelope.toString();
    }

    /** A document ready for the partner's outbound folder. */
    public record Outbound(String partner, String type, String orderId, String fileName, String interchangeNo,
                           String groupNo, String transactionNo, String text) {
    }

    /**
     * The document of this type for the delivery: the one made the first time, when there is one (a retry sends the
     * same bytes under the same control numbers and file name), else the mapped segments ({"segments": [{"tag", "e":
     * [...]}, ...]}, nested lists allowed) wrapped in an interchange with the partner's next control numbers, kept
     * before it is uploaded.
     */
    public Outbound write(String deliveryKey, String partnerId, String type, String orderId, String mapped)
            throws JsonProcessingException {
        Outbound made = documents.outbound(deliveryKey, type).orElse(null);
        if (made != null) {
            return made;
        }
        Outbound document = envelope(partnerId, type, orderId, mapped);
        return documents.keepOutbound(deliveryKey, document);
    }

    private Outbound envelope(String partnerId, String type, String orderId, String mapped)
            throws JsonProcessingException {
        EdiPartner partner = partners.get(partnerId);
        if (partner == null) {
            throw new IllegalArgumentException("no EDI partner '" + partnerId + "' in hub.edi.partners");
        }
        boolean edifact = "EDIFACT".equalsIgnoreCase(partner.standard());
        List<List<String>> segments = new ArrayList<>();
        flatten(json.readTree(mapped).path("segments"), segments, edifact);
        long interchange = numbers.next(partnerId, ControlNumbers.Kind.INTERCHANGE);
        if (edifact) {
            String reference = String.valueOf(numbers.next(partnerId, ControlNumbers.Kind.TRANSACTION));
            String text = EdifactEnvelope.write(partner, interchange, List.of(new EdifactEnvelope.Message(
                    type + ":D:96A:UN:EAN008", reference, segments)), Instant.now(clock));
            return new Outbound(partnerId, type, orderId, type + "-" + interchange + ".edi", String.valueOf(interchange),
                    "", reference, text);
        }
        long group = numbers.next(partnerId, ControlNumbers.Kind.GROUP);
        String transaction = String.format("%04d", numbers.next(partnerId, ControlNumbers.Kind.TRANSACTION));
        String text = X12Envelope.write(partner, interchange, group, functionalId(type),
                List.of(new X12Envelope.TransactionSet(type, transaction, segments)), Instant.now(clock));
        String isa13 = String.format("%09d", interchange);
        return new Outbound(partnerId, type, orderId, type + "-" + isa13 + ".x12", isa13, String.valueOf(group),
                transaction, text);
    }

    /** Keeps a document that is in the partner's folder, linked to its order. */
    public void sent(Outbound document) {
        documents.record(new EdiDocuments.Entry(document.partner(), "OUT",
                document.fileName().endsWith(".edi") ? "EDIFACT" : "X12", document.type(),
                document.interchangeNo(), document.groupNo(), document.transactionNo(), document.orderId(),
                document.fileName(), OrderIds.sha256(document.text()), "SENT", null, document.text()));
    }

    /**
     * The mapped segments as element lists. For EDIFACT an element given as an array is a composite: its components
     * are released and joined with ':'; a plain value is released whole.
     */
    private static void flatten(JsonNode node, List<List<String>> out, boolean edifact) {
        if (node.isArray()) {
            node.forEach(child -> flatten(child, out, edifact));
        } else if (node.isObject()) {
            List<String> segment = new ArrayList<>();
            segment.add(node.path("tag").asText());
            for (JsonNode element : node.path("e")) {
                if (!edifact) {
                    segment.add(element.isNull() ? "" : element.asText());
                } else if (element.isArray()) {
                    List<String> components = new ArrayList<>();
                    element.forEach(c -> components.add(EdifactEnvelope.escape(c.isNull() ? "" : c.asText())));
                    segment.add(String.join(":", components));
                } else {
                    segment.add(EdifactEnvelope.escape(element.isNull() ? "" : element.asText()));
                }
            }
            out.add(segment);
        }
    }

    private static String functionalId(String type) {
        return switch (type) {
            case "855" -> "PR";
            case "856" -> "SH";
            case "810" -> "IN";
            default -> throw new IllegalArgumentException("no functional group for " + type);
        };
    }
}
