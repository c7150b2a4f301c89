package io.orderhub.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * UPS, FedEx, DHL and MNG Kargo as the hub sees them: each creates shipments on its own API shape under
 * {@code /carriers/<carrier>/...} (every request answered 200 is a new shipment, as at the real carriers, which
 * trace the request reference but do not deduplicate on it; {@link #shipments} lists them), and once the
 * warehouse hands a parcel over ({@link #pickedUp}) pushes its own tracking reports, in transit then delivered, to
 * the hub's {@code /api/carriers/<carrier>/tracking}. A shipment can be looked up by the reference the request gave
 * (GET {@code .../reference/<orderId>}, 404 when there is none) and voided by its id (DELETE {@code .../void/<id>});
 * a voided shipment is not delivered. It can be taken down ({@link #setAvailable}) or made to time out after it
 * created the shipment ({@link #setAnswerDelay}), as a carrier under load does.
 */
public class CarrierSimulator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CarrierSimulator.class);

    private final ObjectMapper json;
    private final HubClient hub;
    private final Duration stepDelay;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final AtomicLong sequence = new AtomicLong(100_000);
    private final Map<String, Shipment> byOrder = new ConcurrentHashMap<>();
    private final Set<String> pickedUp = ConcurrentHashMap.newKeySet();
    private final List<Shipment> created = Collections.synchronizedList(new ArrayList<>());
    private final Set<String> voided = ConcurrentHashMap.newKeySet();
    private volatile boolean available = true;
    private volatile Duration answerDelay = Duration.ZERO;

    public CarrierSimulator(ObjectMapper json, HubClient hub, Duration stepDelay) {
        this.json = json;
        this.hub = hub;
        this.stepDelay = stepDelay;
    }

    public void setAvailable(boolean available) {
        this.available = available;
    }

    /** Creates shipments as before but answers only after this delay, longer than the hub waits: a timeout. */
    public void setAnswerDelay(Duration answerDelay) {
        this.answerDelay = answerDelay;
    }

    /** The ids of the shipments voided. */
    public Set<String> voided() {
        return Set.copyOf(voided);
    }

    /** Every shipment created, each once, in order. */
    public List<Shipment> shipments() {
        synchronized (created) {
            return List.copyOf(created);
        }
    }

    public void handle(HttpExchange exchange) throws IOException {
        if (!available) {
            SimulatorServer.respond(exchange, 503, "{\"error\":\"carrier API unavailable\"}");
            return;
        }
        String[] path = exchange.getRequestURI().getPath().split("/");
        String carrier = path.length > 2 ? path[2] : "";
        if (exchange.getRequestHeaders().getFirst("Authorization") == null) {
            SimulatorServer.respond(exchange, 401, "{\"error\":\"credentials are required\"}");
            return;
        }
        if ("GET".equals(exchange.getRequestMethod()) && path.length > 1 && "reference".equals(path[path.length - 2])) {
            lookUp(exchange, carrier, path[path.length - 1]);
            return;
        }
        if ("DELETE".equals(exchange.getRequestMethod()) && path.length > 1 && "void".equals(path[path.length - 2])) {
            voidShipment(exchange, path[path.length - 1]);
            return;
        }
        String reference = firstHeader(exchange, "transId", "Message-Reference", "x-customer-transaction-id",
                "X-Request-Id");
        if (reference == null || exchange.getRequestHeaders().getFirst("Authorization") == null) {
            SimulatorServer.respond(exchange, 401, "{\"error\":\"credentials and a request reference are required\"}");
            return;
        }
        if (!"POST".equals(exchange.getRequestMethod())) {
            SimulatorServer.respond(exchange, 405, "{\"error\":\"method not allowed\"}");
            return;
        }
        JsonNode request = json.readTree(exchange.getRequestBody());
        // like the real carriers, the request reference is only traced, never deduplicated: every request that is
        // answered 200 is a new shipment with new tracking numbers (and a new bill)
        String orderId = switch (carrier) {
            case "ups" -> request.path("ShipmentRequest").path("Shipment").path("ReferenceNumber").path("Value").asText("");
            case "dhl" -> request.path("customerReferences").path(0).path("value").asText("");
            case "mng" -> request.path("order").path("referenceId").asText("");
            case "fedex" -> request.path("requestedShipment").path("requestedPackageLineItems").path(0)
                    .path("customerReferences").path(0).path("value").asText("");
            default -> "";
        };
        if (orderId.isEmpty()) {
            SimulatorServer.respond(exchange, 400, "{\"error\":\"no shipment reference in the request\"}");
            return;
        }
        int parcels = switch (carrier) {
            case "ups" -> request.path("ShipmentRequest").path("Shipment").path("Package").size();
            case "mng" -> request.path("orderPieceList").size();
            case "fedex" -> request.path("requestedShipment").path("requestedPackageLineItems").size();
            default -> request.path("content").path("packages").size();
        };
        Shipment shipment = new Shipment(carrier, orderId, carrier.toUpperCase() + sequence.incrementAndGet(),
                trackingNumbers(carrier, Math.max(parcels, 1)), reference);
        byOrder.put(orderId, shipment);
        created.add(shipment);
        LOG.info("Carrier simulator: {} shipment {} for order {}", carrier, shipment.id(), orderId);
        if (!answerDelay.isZero()) {
            try {
                Thread.sleep(answerDelay.toMillis()); // the shipment exists; the caller has given up waiting
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        SimulatorServer.respond(exchange, 200, json.writeValueAsString(answer(shipment)));
    }

    /** The latest shipment not voided that was created with this reference, in the create answer's shape. */
    private void lookUp(HttpExchange exchange, String carrier, String reference) throws IOException {
        Shipment found = null;
        for (Shipment shipment : shipments()) {
            if (shipment.carrier().equals(carrier) && shipment.orderId().equals(reference)
                    && !voided.contains(shipment.id())) {
                found = shipment;
            }
        }
        if (found == null) {
            SimulatorServer.respond(exchange, 404, "{\"error\":\"no shipment with reference " + reference + "\"}");
            return;
        }
        SimulatorServer.respond(exchange, 200, json.writeValueAsString(answer(found)));
    }

    private void voidShipment(HttpExchange exchange, String id) throws IOException {
        boolean known = shipments().stream().anyMatch(s -> s.id().equals(id));
        if (!known) {
            SimulatorServer.respond(exchange, 404, "{\"error\":\"no shipment " + id + "\"}");
            return;
        }
        voided.add(id);
        byOrder.values().removeIf(s -> s.id().equals(id));
        LOG.info("Carrier simulator: shipment {} voided", id);
        SimulatorServer.respond(exchange, 200, "{\"voided\":\"" + id + "\"}");
    }

    /** The warehouse handed the order's parcels over: tracking reports follow. */
    public void pickedUp(String orderId) {
        Shipment shipment = byOrder.get(orderId);
        // the parcels of a split order are handed over one by one; the shipment is tracked once
        if (shipment != null && pickedUp.add(orderId)) {
            report(shipment, 0);
        }
    }

    private void report(Shipment shipment, int step) {
        if (step > 1) {
            return;
        }
        scheduler.schedule(() -> {
            boolean delivered = step == 1;
            if (hub.post("/api/carriers/" + shipment.carrier() + "/tracking",
                    json.valueToTree(tracking(shipment, delivered)).toString())) {
                report(shipment, step + 1);
            } else {
                report(shipment, step);
            }
        }, stepDelay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private Object answer(Shipment s) {
        return switch (s.carrier()) {
            case "ups" -> Map.of("ShipmentResponse", Map.of(
                    "Response", Map.of("ResponseStatus", Map.of("Code", "1", "Description", "Success")),
                    "ShipmentResults", Map.of("ShipmentIdentificationNumber", s.id(),
                            "PackageResults", s.trackingNumbers().stream().map(t -> Map.of("TrackingNumber", t,
                                    "ShippingLabel", Map.of("ImageFormat", Map.of("Code", "GIF"), "GraphicImage", "R0lGODlh"))).toList())));
            case "mng" -> List.of(Map.of("referenceId", s.orderId(), "orderInvoiceId", s.id(),
                    "barcodes", s.trackingNumbers().stream().map(t -> Map.of("value", t)).toList()));
            case "fedex" -> Map.of("transactionId", s.reference(), "output", Map.of("transactionShipments", List.of(Map.of(
                    "masterTrackingNumber", s.id(), "serviceType", "FEDEX_GROUND",
                    "pieceResponses", s.trackingNumbers().stream().map(t -> Map.of("trackingNumber", t,
                            "packageDocuments", List.of(Map.of("contentType", "LABEL", "url",
                                    "https://labels.example/" + t + ".pdf")))).toList()))));
            default -> Map.of("shipmentTrackingNumber", s.id(),
                    "packages", s.trackingNumbers().stream().map(t -> Map.of("referenceNumber", 1, "trackingNumber", t)).toList(),
                    "documents", List.of(Map.of("typeCode", "label", "imageFormat", "PDF", "content", "JVBERi0=")));
        };
    }

    private Object tracking(Shipment s, boolean delivered) {
        String number = s.trackingNumbers().get(0);
        return switch (s.carrier()) {
            case "ups" -> Map.of("trackingNumber", number, "shipmentReferenceNumbers", List.of(s.orderId()),
                    "activityLocation", Map.of("city", delivered ? "Destination" : "Louisville", "countryCode", "US"),
                    "activityStatus", Map.of("type", delivered ? "D" : "I", "code", delivered ? "KB" : "AR",
                            "description", delivered ? "DELIVERED" : "Arrival Scan"));
            case "mng" -> Map.of("referenceId", s.orderId(), "barcode", number,
                    "shipmentStatusCode", delivered ? 5 : 3, "shipmentStatus", delivered ? "TESLIM EDILDI" : "YOLDA");
            case "fedex" -> Map.of("trackingNumber", number,
                    "customerReferences", List.of(Map.of("customerReferenceType", "CUSTOMER_REFERENCE", "value", s.orderId())),
                    "scanEvent", Map.of("eventType", delivered ? "DL" : "IT",
                            "eventDescription", delivered ? "Delivered" : "In transit", "scanLocation", Map.of("city", "Memphis")));
            default -> Map.of("shipmentTrackingNumber", s.id(), "status", delivered ? "delivered" : "transit",
                    "customerReferences", List.of(Map.of("value", s.orderId(), "typeCode", "CU")),
                    "events", List.of(Map.of("description", delivered ? "Delivered" : "Processed at hub")));
        };
    }

    private List<String> trackingNumbers(String carrier, int parcels) {
        List<String> numbers = new ArrayList<>();
        for (int i = 0; i < parcels; i++) {
            long n = sequence.incrementAndGet();
            numbers.add(switch (carrier) {
                case "ups" -> "1ZSIM" + n;
                case "mng" -> "MNG" + n;
                case "fedex" -> "7949" + n;
                default -> "JD0" + n;
            });
        }
        return numbers;
    }

    private static String firstHeader(HttpExchange exchange, String... names) {
        for (String name : names) {
            String value = exchange.getRequestHeaders().getFirst(name);
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }

    public record Shipment(String carrier, String orderId, String id, List<String> trackingNumbers, String reference) {
    }
}
