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
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * UPS, FedEx, USPS, DHL and MNG Kargo as the hub sees them (Yurtiçi and Aras, which speak SOAP and never push, are
 * {@link TurkishCarrierSimulator}): each creates shipments on its own API shape under
 * {@code /carriers/<carrier>/...} (every request answered 200 is a new shipment, as at the real carriers, which
 * trace the request reference but do not deduplicate on it; {@link #shipments} lists them), and once the
 * warehouse hands a parcel over ({@link #pickedUp}) pushes its own tracking reports, in transit then delivered, to
 * the hub's {@code /api/carriers/<carrier>/tracking}. A shipment can be looked up by the reference the request gave
 * (GET {@code .../reference/<orderId>}, 404 when there is none) and voided by its id (DELETE {@code .../void/<id>});
 * a voided shipment is not delivered. It can be taken down ({@link #setAvailable}) or made to time out after it
 * created the shipment ({@link #setAnswerDelay}), as a carrier under load does. UPS, FedEx and USPS take only
 * bearer tokens their token endpoints issued (OAuth 2 client credentials, each client's own id and secret) and
 * answer 401 to any other, as they do to a token revoked early ({@link #revokeTokens}).
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
    private volatile Consumer<Shipment> onShipment = shipment -> { };
    private final Set<String> voided = ConcurrentHashMap.newKeySet();
    private final List<Shipment> returnLabels = Collections.synchronizedList(new ArrayList<>());
    private final TurkishCarrierSimulator turkish;
    private final Map<String, String> liveTokens = new ConcurrentHashMap<>();
    private final Set<String> livePayments = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicLong> tokensIssued = new ConcurrentHashMap<>();
    private volatile boolean available = true;
    private volatile Duration answerDelay = Duration.ZERO;

    /** The web service login of the SOAP carriers, as application-sandbox.yaml configures it. */
    public static final String SOAP_USER = "sandbox-ws";
    public static final String SOAP_PASSWORD = "sandbox-ws-password";
    /** How UPS and FedEx authenticate their tracking pushes, as application-sandbox.yaml configures it. */
    public static final String UPS_WEBHOOK_CREDENTIAL = "sandbox-ups-track-alert-credential";
    public static final String FEDEX_WEBHOOK_SECRET = "sandbox-fedex-webhook-secret";
    /** The OAuth clients of UPS, FedEx and USPS, as application-sandbox.yaml configures them. */
    private static final Map<String, String> CLIENTS = Map.of("ups", "sandbox-ups-client:sandbox-ups-secret",
            "fedex", "sandbox-fedex-client:sandbox-fedex-secret", "usps", "sandbox-usps-client:sandbox-usps-secret");

    public CarrierSimulator(ObjectMapper json, HubClient hub, Duration stepDelay) {
        this.json = json;
        this.hub = hub;
        this.stepDelay = stepDelay;
        this.turkish = new TurkishCarrierSimulator(SOAP_USER, SOAP_PASSWORD, stepDelay, this::record, voided::add);
    }

    /** The key the hub gives an order's shipment at Yurtiçi and Aras: what their shipments list as order id. */
    public static String soapKey(String orderId) {
        return TurkishCarrierSimulator.key(orderId);
    }

    /** Every token issued so far is refused from now on, as after a rotation of the client's secret. */
    public void revokeTokens() {
        liveTokens.clear();
        livePayments.clear();
    }

    /** How many tokens the carrier's token endpoint issued. */
    public long tokensIssued(String carrier) {
        return tokensIssued.getOrDefault(carrier, new AtomicLong()).get();
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

    /** Every return label made, in order (not shipments: a return label is billed only when used). */
    public List<Shipment> returnLabels() {
        synchronized (returnLabels) {
            return List.copyOf(returnLabels);
        }
    }

    /** A return label request: UPS's ReturnService, FedEx's RETURN_SHIPMENT, USPS's own endpoint. */
    private static boolean isReturn(String carrier, JsonNode request, String path) {
        return switch (carrier) {
            case "ups" -> request.path("ShipmentRequest").path("Shipment").has("ReturnService");
            case "fedex" -> request.path("requestedShipment").path("shipmentSpecialServices").has("returnShipmentDetail");
            case "usps" -> path.endsWith("/return-label");
            default -> false;
        };
    }

    /** Called with each shipment the moment it is made (the benchmark's receivers time them). */
    public void onShipment(Consumer<Shipment> listener) {
        this.onShipment = listener;
    }

    private void record(Shipment shipment) {
        created.add(shipment);
        onShipment.accept(shipment);
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
        if (turkish.serves(carrier)) {
            turkish.handle(exchange, carrier, answerDelay);
            return;
        }
        if (CLIENTS.containsKey(carrier) && exchange.getRequestURI().getPath().contains("/oauth")) {
            issueToken(exchange, carrier);
            return;
        }
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization == null || CLIENTS.containsKey(carrier)
                && !carrier.equals(liveTokens.get(authorization.replaceFirst("^Bearer ", "")))) {
            SimulatorServer.respond(exchange, 401, "{\"error\":\"invalid_token\",\"error_description\":"
                    + "\"the access token is missing, expired or revoked\"}");
            return;
        }
        if ("usps".equals(carrier) && exchange.getRequestURI().getPath().endsWith("/payment-authorization")) {
            authorizePayment(exchange);
            return;
        }
        // USPS makes a label only for a payment authorization it issued
        if ("usps".equals(carrier) && "POST".equals(exchange.getRequestMethod())
                && !livePayments.contains(Objects.requireNonNullElse(
                exchange.getRequestHeaders().getFirst("X-Payment-Authorization-Token"), ""))) {
            SimulatorServer.respond(exchange, 401, "{\"error\":\"the payment authorization token is missing or"
                    + " invalid\"}");
            return;
        }
        if ("GET".equals(exchange.getRequestMethod()) && path.length > 1 && "reference".equals(path[path.length - 2])) {
            lookUp(exchange, carrier, path[path.length - 1]);
            return;
        }
        if ("DELETE".equals(exchange.getRequestMethod()) && path.length > 1
                && ("void".equals(path[path.length - 2]) || "usps".equals(carrier))) {
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
            case "usps" -> request.path("packageDescription").path("customerReference").path(0)
                    .path("referenceNumber").asText("");
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
            case "usps" -> 1;
            default -> request.path("content").path("packages").size();
        };
        if (isReturn(carrier, request, exchange.getRequestURI().getPath())) {
            String number = trackingNumbers(carrier, 1).get(0);
            Shipment label = new Shipment(carrier, orderId, "usps".equals(carrier) ? number : "RET" + number,
                    List.of(number), reference);
            returnLabels.add(label);
            LOG.info("Carrier simulator: {} return label {} for order {}", carrier, label.id(), orderId);
            SimulatorServer.respond(exchange, 200, json.writeValueAsString("usps".equals(carrier)
                    ? Map.of("returnLabelMetadata", Map.of("trackingNumber", number, "postage", 0),
                    "returnLabelImage", "JVBERi0=") : answer(label)));
            return;
        }
        List<String> numbers = trackingNumbers(carrier, Math.max(parcels, 1));
        // a USPS label is known by its tracking number, which a void names
        Shipment shipment = new Shipment(carrier, orderId, "usps".equals(carrier) ? numbers.get(0)
                : carrier.toUpperCase() + sequence.incrementAndGet(), numbers, reference);
        byOrder.put(orderId, shipment);
        record(shipment);
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

    /**
     * The client-credentials grant: UPS takes the client in HTTP Basic, FedEx and USPS in the form. A wrong client
     * or grant gets 401 or 400, as at the carriers; UPS writes expires_in as a string.
     */
    private void issueToken(HttpExchange exchange, String carrier) throws IOException {
        String form = new String(exchange.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        Map<String, String> fields = new java.util.HashMap<>();
        for (String pair : form.split("&")) {
            String[] kv = pair.split("=", 2);
            fields.put(java.net.URLDecoder.decode(kv[0], java.nio.charset.StandardCharsets.UTF_8),
                    kv.length > 1 ? java.net.URLDecoder.decode(kv[1], java.nio.charset.StandardCharsets.UTF_8) : "");
        }
        String client = "ups".equals(carrier)
                ? new String(java.util.Base64.getDecoder().decode(Objects.requireNonNullElse(exchange.getRequestHeaders()
                .getFirst("Authorization"), "Basic ").replaceFirst("^Basic ", "")), java.nio.charset.StandardCharsets.UTF_8)
                : fields.get("client_id") + ":" + fields.get("client_secret");
        if (!"client_credentials".equals(fields.get("grant_type"))) {
            SimulatorServer.respond(exchange, 400, "{\"error\":\"unsupported_grant_type\"}");
            return;
        }
        if (!CLIENTS.get(carrier).equals(client)) {
            SimulatorServer.respond(exchange, 401, "{\"error\":\"invalid_client\"}");
            return;
        }
        String token = carrier + "-token-" + sequence.incrementAndGet();
        liveTokens.put(token, carrier);
        tokensIssued.computeIfAbsent(carrier, c -> new AtomicLong()).incrementAndGet();
        SimulatorServer.respond(exchange, 200, json.writeValueAsString("ups".equals(carrier)
                ? Map.of("token_type", "Bearer", "access_token", token, "expires_in", "14399", "status", "approved")
                : Map.of("token_type", "bearer", "access_token", token, "expires_in", 3599, "scope", "CXS")));
    }

    /** USPS's payment authorization: a token for a payer and a label owner, each with its CRID, MID and account. */
    private void authorizePayment(HttpExchange exchange) throws IOException {
        JsonNode roles = json.readTree(exchange.getRequestBody()).path("roles");
        List<String> names = new ArrayList<>();
        roles.forEach(r -> {
            if (!r.path("CRID").asText().isEmpty() && !r.path("MID").asText().isEmpty()
                    && !r.path("accountNumber").asText().isEmpty()) {
                names.add(r.path("roleName").asText());
            }
        });
        if (!names.containsAll(List.of("PAYER", "LABEL_OWNER"))) {
            SimulatorServer.respond(exchange, 400, "{\"error\":\"roles PAYER and LABEL_OWNER, each with CRID, MID"
                    + " and accountNumber, are required\"}");
            return;
        }
        String token = "usps-payment-" + sequence.incrementAndGet();
        livePayments.add(token);
        SimulatorServer.respond(exchange, 200, json.writeValueAsString(Map.of("paymentAuthorizationToken", token,
                "roles", roles)));
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

    /** The warehouse handed the order's parcels over: tracking reports follow (Yurtiçi and Aras are asked). */
    public void pickedUp(String orderId) {
        if (turkish.pickedUp(orderId)) {
            return;
        }
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
            if (push(shipment.carrier(), json.valueToTree(tracking(shipment, delivered)).toString())) {
                report(shipment, step + 1);
            } else {
                report(shipment, step);
            }
        }, stepDelay.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * A tracking push as the carrier authenticates it: UPS Track Alert sends the credential the subscription gave,
     * FedEx signs the body (base64 HMAC-SHA256), both to the hub's /webhooks/carriers/; the others post to the
     * API with the hub's login.
     */
    private boolean push(String carrier, String body) {
        return switch (carrier) {
            case "ups" -> hub.post("/webhooks/carriers/ups", body, "credential", UPS_WEBHOOK_CREDENTIAL);
            case "fedex" -> hub.post("/webhooks/carriers/fedex", body, "x-fedex-signature",
                    sign(FEDEX_WEBHOOK_SECRET, body));
            default -> hub.post("/api/carriers/" + carrier + "/tracking", body);
        };
    }

    /** base64(HMAC-SHA256(secret, body)): how FedEx signs its pushes. */
    public static String sign(String secret, String body) {
        return WebhookSigner.sign(secret, body);
    }

    private Object answer(Shipment s) {
        return switch (s.carrier()) {
            case "ups" -> Map.of("ShipmentResponse", Map.of(
                    "Response", Map.of("ResponseStatus", Map.of("Code", "1", "Description", "Success")),
                    "ShipmentResults", Map.of("ShipmentIdentificationNumber", s.id(),
                            "PackageResults", s.trackingNumbers().stream().map(t -> Map.of("TrackingNumber", t,
                                    "ShippingLabel", Map.of("ImageFormat", Map.of("Code", "GIF"), "GraphicImage", "R0lGODlh"))).toList())));
            case "usps" -> Map.of("labelMetadata", Map.of("trackingNumber", s.id(), "postage", 5.40,
                    "routingInformation", "420088179205", "SKU", "DVXR0XXXXC03010"), "labelImage", "JVBERi0=");
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
            case "usps" -> Map.of("trackingNumber", number, "customerReference", s.orderId(),
                    "trackingEvents", List.of(Map.of("eventType", delivered ? "Delivered, In/At Mailbox" : "In Transit",
                            "eventCode", delivered ? "01" : "NT", "eventCity", delivered ? "EDISON" : "KEARNY")));
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
                case "usps" -> "92001903" + n;
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
