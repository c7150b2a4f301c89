package io.orderhub.crash;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orderhub.FreePorts;
import io.orderhub.canonical.OrderIds;
import io.orderhub.sandbox.CarrierSimulator;
import io.orderhub.sandbox.ChannelFaults;
import io.orderhub.sandbox.HubClient;
import io.orderhub.sandbox.PosSimulator;
import io.orderhub.sandbox.SandboxEdiPartner;
import io.orderhub.sandbox.SandboxLogins;
import io.orderhub.sandbox.SandboxSftpServer;
import io.orderhub.sandbox.ShopifySimulator;
import io.orderhub.sandbox.SimulatorServer;
import io.orderhub.sandbox.WebhookSigner;
import io.orderhub.sandbox.WmsSimulator;
import io.orderhub.sandbox.WooCommerceSimulator;
import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Proof under crash: the hub in its own JVM ({@link CrashableHub}) on a data directory that survives restarts, fed
 * through its real entry points (signed Shopify webhooks and Shopify's poll, the push API with WooCommerce orders,
 * the POS Kafka topic, 850 files on the partner's SFTP server), delivering to receivers in this JVM that record
 * every request and do not deduplicate (the warehouse, the carrier, Shopify's write-back, the EDI partner's
 * folder, the ERP queue, the events topic). It is killed with SIGKILL at each named point of
 * {@link CrashableHub#POINTS} and at random under load, restarted each time, and then the warehouse is down for
 * longer than its retry horizon. Asserted: every order acknowledged to its source is stored; every delivery ends
 * DELIVERED; the carrier, the write-backs and the EDI partner saw each effect once; Shopify ends holding the stock
 * the hub publishes; the warehouse's outage left its
 * deliveries DEAD without delaying the others, and one bulk retry sent each once. What the receivers saw twice is
 * printed (and kept in target/crash-harness/report.txt).
 */
class CrashHarnessTest {

    private static final String ACCOUNT = "demo-atelier.myshopify.com";
    private static final String WOO_ACCOUNT = "shop.example.com";
    private static final String POS_TOPIC = "hub.pos-orders";
    private static final String EVENTS_TOPIC = "hub.order-events";
    /** Orders of each channel per phase; a phase ends in a kill. */
    /** Channels the harness's hub has switched off: it takes WooCommerce orders through the push API only. */
    private static final List<String> SWITCHED_OFF = List.of("woocommerce", "trendyol", "hepsiburada", "n11", "ebay",
            "amazon");
    private static final int PER_PHASE = Integer.getInteger("crash.orders-per-phase", 60);
    private static final List<String> POINTS = List.of("after-intake-commit", "between-fanout-sends", "after-wms-2xx",
            "after-carrier-2xx", "after-ledger-update", "after-write-back-2xx", "between-edi-documents", "mid-pos-batch",
            "after-stock-push-2xx");

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Clock clock = Clock.systemUTC();
    private final Random random = new Random(20261201);
    private final int hubPort = FreePorts.next();
    private final int simulatorPort = FreePorts.next();
    private final int sftpPort = FreePorts.next();
    private final int artemisPort = FreePorts.next();
    /** Every order its source was told was taken: channel, account, the channel's order id. */
    private final Set<List<String>> acknowledged = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicLong> wmsRequests = new ConcurrentHashMap<>();
    private final AtomicLong wooIds = new AtomicLong(880_000);
    private Path data;
    private Path log;
    private Process hub;
    private EmbeddedKafkaKraftBroker kafka;
    private SandboxSftpServer sftp;
    private SimulatorServer simulators;
    private ShopifySimulator shopify;
    private WooCommerceSimulator woo;
    private WmsSimulator wms;
    private CarrierSimulator carriers;
    private PosSimulator pos;
    private SandboxEdiPartner partner;

    @AfterEach
    void stop() throws Exception {
        if (hub != null) {
            hub.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        for (AutoCloseable closeable : new AutoCloseable[]{pos, partner, wms, carriers, simulators, sftp}) {
            if (closeable != null) {
                closeable.close();
            }
        }
        if (kafka != null) {
            kafka.destroy();
        }
    }

    @Test
    void everyOrderGetsThroughKillsAtEachNamedPointAtRandomAndAnOutageLongerThanTheRetryHorizon() throws Exception {
        data = Files.createTempDirectory("order-hub-crash");
        log = Path.of("target", "crash-harness", "hub.log");
        Files.createDirectories(log.getParent());
        Files.deleteIfExists(log);
        kafka = new EmbeddedKafkaKraftBroker(1, 1, POS_TOPIC, EVENTS_TOPIC);
        kafka.afterPropertiesSet();
        sftp = new SandboxSftpServer(sftpPort, data.resolve("partner"), "demo-partner-sandbox").start();
        HubClient hubClient = new HubClient(() -> hubPort, "hub", "hub-sandbox");
        carriers = new CarrierSimulator(json, hubClient, Duration.ofMillis(300));
        wms = new WmsSimulator(json, hubClient, Duration.ofMillis(300), carriers::pickedUp);
        shopify = new ShopifySimulator(json, "/shopify", "shpat_sandbox_token", clock, new ChannelFaults(0));
        woo = new WooCommerceSimulator(json, clock, new ChannelFaults(0), "ck_sandbox", "cs_sandbox");
        simulators = new SimulatorServer(simulatorPort)
                .route("/wms", exchange -> {
                    // what the warehouse took (2xx): the refusals of its outage are not applications
                    String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
                    wms.handle(exchange);
                    if (key != null && exchange.getResponseCode() / 100 == 2) {
                        wmsRequests.computeIfAbsent(key, k -> new AtomicLong()).incrementAndGet();
                    }
                })
                .route("/carriers", carriers::handle)
                .route("/shopify", shopify::handle)
                .start();
        pos = new PosSimulator(json, clock, kafka.getBrokersAsString(), POS_TOPIC);
        partner = new SandboxEdiPartner(sftp.home("demo-partner"), Duration.ofDays(1), clock);

        List<String> kills = new ArrayList<>();
        start(null);
        stock();
        for (String point : POINTS) {
            start(point);
            Thread load = load(PER_PHASE);
            kills.add(point + ": " + awaitKill(load));
        }
        for (int i = 0; i < 2; i++) {
            start(null);
            Thread load = load(PER_PHASE);
            Thread.sleep(2_000 + random.nextInt(4_000));
            kill();
            load.join();
            kills.add("random, under load");
        }
        start(null);
        load(PER_PHASE).join();

        // the warehouse down for longer than its retry horizon (hub.delivery.destinations.wms: 4 attempts, ~3 s)
        wms.setAvailable(false);
        List<String> duringOutage = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            duringOutage.add(pushWoo());
        }
        // under the backlog the kills leave, an attempt waits in the queue longer than its redelivery delay, and the
        // sweeper's copies start their attempts again: on a slow 2-core machine DEAD takes minutes
        await().atMost(Duration.ofMinutes(8)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            for (String orderId : duringOutage) {
                Map<String, String> byDestination = deliveryStatus(orderId);
                assertThat(byDestination.get("wms:1")).as(orderId).isEqualTo("DEAD");
                // the other destinations did not wait for the warehouse
                assertThat(byDestination.get("erp:1")).as(orderId).isEqualTo("DELIVERED");
                assertThat(byDestination.get("events:1")).as(orderId).isEqualTo("DELIVERED");
                assertThat(byDestination.get("carrier:1")).as(orderId).isEqualTo("DELIVERED");
            }
            // and every other warehouse delivery the outage caught has used up its attempts too: the operator's
            // one bulk retry below is to find them all DEAD, not a straggler that dead-letters a moment later
            assertThat(total("/api/deliveries?status=PENDING&destination=wms&size=1")).as("wms deliveries still "
                    + "being tried").isZero();
        });
        wms.setAvailable(true);
        JsonNode retried = json.readTree(send("POST", "/api/deliveries/retry",
                "{\"destination\":\"wms\",\"status\":\"DEAD\"}").body());
        assertThat(retried.path("retried").asInt()).isGreaterThanOrEqualTo(duringOutage.size());

        // everything settles: no delivery pending or dead, every order shipped. (The simulated warehouse ships an
        // order even when a crash held its label request back past that point; the label is then not bought, so
        // the carrier never reports it delivered: such orders stay SHIPPED, and are counted in the report.)
        // The restarted hub takes the POS partitions back at once (static membership, group-instance-id); every
        // acknowledged order must be stored within these minutes.
        await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            assertThat(notStored()).as("acknowledged but not stored").isEmpty();
            assertThat(total("/api/deliveries?status=PENDING&size=1")).as("pending deliveries").isZero();
            assertThat(total("/api/deliveries?status=DEAD&size=1")).as("dead deliveries").isZero();
            assertThat(total("/api/orders?status=DELIVERED&size=1") + total("/api/orders?status=SHIPPED&size=1"))
                    .as("orders shipped or delivered, of " + statuses()).isEqualTo(total("/api/orders?size=1"));
        });

        long stored = total("/api/orders?size=1");

        // stock: every kill came after some marks were committed and before their push (after-intake-commit), or
        // after Shopify took a push and before the hub recorded it (after-stock-push-2xx); Shopify, which also
        // lowers its own quantity for what it sells, ends holding what the hub publishes now
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            JsonNode listing = shopifyListing("MUG-CER-12-BLU");
            assertThat(listing.path("status").asText()).as("Shopify confirmed " + listing).isEqualTo("CONFIRMED");
            assertThat(shopify.level("gid://shopify/InventoryItem/46120001", ShopifySimulator.LOCATION))
                    .as("what Shopify holds").isEqualTo(listing.path("published").asInt());
        });

        // each destination applied each key once
        Map<String, Long> labels = count(carriers.shipments().stream().map(CarrierSimulator.Shipment::orderId));
        Map<String, Long> fulfillments = count(shopify.writeBacks().stream()
                .filter(w -> w.method().equals("POST") && w.path().endsWith("/fulfillments.json"))
                .map(w -> w.body().toString()));
        Map<String, Set<String>> ediControls = ediControlNumbers();
        Map<String, Long> erp = erpMessages();
        Map<String, Long> events = events();
        String report = String.join("\n",
                "orders acknowledged to their sources: " + acknowledged.size() + ", stored: " + stored
                        + ", kills: " + kills.size() + ", " + statuses(),
                "kills: " + kills,
                "warehouse: " + wmsRequests.size() + " keys, requests taken again for " + repeats(wmsRequests.values()
                        .stream().map(AtomicLong::get).toList()) + " (the WMS dedupes on Idempotency-Key)",
                "carrier: " + labels.size() + " orders labeled, second labels: " + repeats(labels.values()),
                "write-back (Shopify fulfillments): " + fulfillments.size() + ", repeated: " + repeats(fulfillments.values()),
                "EDI documents: " + ediControls.size() + ", under two control numbers: "
                        + ediControls.values().stream().filter(c -> c.size() > 1).count(),
                "ERP messages: " + erp.size() + " keys, repeated: " + repeats(erp.values()),
                "events: " + events.size() + " keys, repeated: " + repeats(events.values())
                        + " (at least once: a kill between the publish and the ledger update repeats it)",
                "bulk retry after the outage: " + retried.path("retried").asInt());
        System.out.println("CRASH HARNESS\n" + report);
        Files.writeString(log.resolveSibling("report.txt"), report + "\n");

        // a phase's load stops where its kill comes; the final phase's load is all acknowledged
        assertThat(acknowledged.size()).isGreaterThanOrEqualTo(PER_PHASE * 3);
        assertThat(stored).isGreaterThanOrEqualTo(acknowledged.size());
        assertThat(repeats(labels.values())).as("second labels").isZero();
        assertThat(repeats(fulfillments.values())).as("repeated write-backs").isZero();
        assertThat(ediControls.values()).as("EDI documents under two control numbers").allMatch(c -> c.size() == 1);
        assertThat(repeats(erp.values())).as("repeated ERP messages").isZero();
        // a channel switched off does not poll (its Kamelet's route stays stopped with poll-<channel>)
        String hubLog = Files.readString(log);
        for (String off : SWITCHED_OFF) {
            assertThat(hubLog).as(off + " is switched off").doesNotContain(off + " answered");
        }
        for (String orderId : duringOutage) {
            assertThat(wmsRequests.entrySet()).filteredOn(e -> e.getKey().startsWith(orderId + ":wms:1:"))
                    .as("the retried delivery reached the warehouse once").singleElement()
                    .satisfies(e -> assertThat(e.getValue().get()).isEqualTo(1));
        }
    }

    /** One phase's orders, sent from another thread; what a source was told was taken is acknowledged. */
    private Thread load(int perChannel) {
        Thread thread = new Thread(() -> {
            for (int i = 0; i < perChannel; i++) {
                shopifyWebhook();
                pushWoo();
                ObjectNode sale = pos.placeOrder(o -> { });
                acknowledged.add(List.of("pos", sale.path("source").path("storeId").asText(),
                        sale.path("order").path("posOrderId").asText()));
                if (i % 10 == 0) {
                    String name = partner.send();
                    acknowledged.add(List.of("edi", "demo-partner", poNumber(name)));
                }
            }
        }, "crash-harness-load");
        thread.start();
        return thread;
    }

    private void shopifyWebhook() {
        ObjectNode order = shopify.placeOrder(false);
        byte[] body = order.toString().getBytes(StandardCharsets.UTF_8);
        try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(base() + "/webhooks/shopify"))
                    .header("Content-Type", "application/json")
                    .header("X-Shopify-Hmac-Sha256", shopifySignature(body))
                    .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() / 100 == 2) {
                acknowledged.add(List.of("shopify", ACCOUNT, order.path("id").asText()));
            }
        } catch (IOException | InterruptedException e) {
            // not acknowledged: Shopify sends it again, and the hub's poll finds it
        }
    }

    /** A WooCommerce order through the push API; its order id, acknowledged or not. */
    private String pushWoo() {
        ObjectNode order = woo.placeOrder();
        long id = wooIds.incrementAndGet();
        order.put("id", id).put("number", String.valueOf(id));
        try {
            HttpResponse<String> answer = send("POST", "/api/channels/woocommerce/orders", order.toString());
            if (answer.statusCode() / 100 == 2) {
                acknowledged.add(List.of("woocommerce", WOO_ACCOUNT, String.valueOf(id)));
            }
        } catch (IOException | InterruptedException e) {
            // not acknowledged
        }
        return OrderIds.orderId("woocommerce", WOO_ACCOUNT, String.valueOf(id));
    }

    private String poNumber(String fileName) {
        Matcher n = Pattern.compile("po-(\\d+)\\.x12").matcher(fileName);
        assertThat(n.matches()).isTrue();
        return "PO-SBX-" + n.group(1);
    }

    private void start(String point) throws Exception {
        if (hub != null && hub.isAlive()) {
            kill();
        }
        Path marker = data.resolve("crash-point-reached");
        Files.deleteIfExists(marker);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx768m", "-Dcrash.artemis-port=" + artemisPort, "-Dcrash.marker=" + marker));
        if (point != null) {
            command.add("-Dcrash.point=" + point);
            command.add("-Dcrash.after=" + (point.equals("between-edi-documents") ? 1 : 5));
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), CrashableHub.class.getName(),
                "--hub.home=" + Path.of("").toAbsolutePath(), "--hub.data-dir=" + data.resolve("hub"),
                "--server.port=" + hubPort, "--hub.sandbox.enabled=false", "--hub.sandbox.port=" + simulatorPort,
                "--hub.channels.pos.group-instance-id=crash-hub",
                "--hub.sandbox.sftp-port=" + sftpPort, "--hub.kafka.bootstrap-servers=" + kafka.getBrokersAsString(),
                "--hub.destinations.channel.channels=shopify", "--hub.channels.shopify.poll-interval=1000",
                "--hub.edi.partners.demo-partner.poll-delay=500ms",
                "--hub.edi.partners.demo-partner.read-lock-min-age=300ms",
                "--hub.delivery.sweep-interval-ms=2000", "--hub.delivery.sweep-after-seconds=20",
                "--hub.delivery.initial-delay=200ms", "--hub.delivery.max-delay=2s",
                "--hub.delivery.destinations.wms.max-attempts=4", "--hub.delivery.destinations.wms.max-delay=1s",
                "--hub.delivery.metrics-interval-ms=2000", "--camel.component.http.response-timeout=5000",
                "--camel.component.http.so-timeout=5000", "--spring.jmx.enabled=false"));
        for (String off : SWITCHED_OFF) {
            command.add("--hub.channels." + off + ".enabled=false");
        }
        hub = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() -> {
            if (!hub.isAlive() || Files.exists(marker)) {
                return true; // killed at its point before it was healthy: the caller sees the marker
            }
            HttpResponse<String> health = send("GET", "/actuator/health", null);
            return health.statusCode() == 200;
        });
    }

    /** Waits for the hub to reach its kill point, then kills it as the OOM killer or a power cut would. */
    private String awaitKill(Thread load) throws Exception {
        Path marker = data.resolve("crash-point-reached");
        long startedAt = System.nanoTime();
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100))
                .until(() -> Files.exists(marker) && Files.size(marker) > 0);
        kill();
        load.join();
        return "killed after " + Duration.ofNanos(System.nanoTime() - startedAt).toSeconds() + " s";
    }

    private void kill() throws InterruptedException {
        hub.destroyForcibly(); // SIGKILL
        assertThat(hub.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }

    /** Every warehouse of the allocation rules has every catalog SKU, as a WMS reports at start. */
    private void stock() throws Exception {
        List<String> skus = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("mappings", "catalog", "products.csv"))) {
            if (!line.isBlank() && !line.startsWith("#") && !line.startsWith("sku")) {
                skus.add(line.split(",")[0].trim());
            }
        }
        for (String warehouse : List.of("ist", "ams", "nj")) {
            ObjectNode snapshot = json.createObjectNode().put("warehouse", warehouse).put("complete", true);
            skus.forEach(sku -> snapshot.withArray("items").addObject().put("sku", sku).put("onHand", 1_000_000));
            assertThat(send("POST", "/api/stock", snapshot.toString()).statusCode()).isEqualTo(200);
        }
    }

    private JsonNode shopifyListing(String sku) throws Exception {
        for (JsonNode listing : json.readTree(send("GET", "/api/inventory/" + sku, null).body()).path("channels")) {
            if (listing.path("channel").asText().equals("shopify")) {
                return listing;
            }
        }
        throw new AssertionError("no shopify listing of " + sku);
    }

    private Map<String, String> deliveryStatus(String orderId) throws Exception {
        Map<String, String> out = new HashMap<>();
        for (JsonNode row : json.readTree(send("GET", "/api/orders/" + orderId + "/deliveries", null).body())) {
            out.put(row.path("destination").asText() + ":" + row.path("revision").asInt(), row.path("status").asText());
        }
        return out;
    }

    /** Per 855/856/810 and purchase order, the interchange control numbers it was sent under. */
    private Map<String, Set<String>> ediControlNumbers() throws IOException {
        Map<String, Set<String>> out = new HashMap<>();
        Path outbound = sftp.home("demo-partner").resolve("outbound");
        try (Stream<Path> files = Files.list(outbound)) {
            for (Path file : files.toList()) {
                String text = Files.readString(file, StandardCharsets.ISO_8859_1);
                Matcher type = Pattern.compile("~\\s*ST\\*(\\d{3})\\*").matcher(text);
                Matcher po = Pattern.compile("PO-SBX-\\d+").matcher(text);
                if (!type.find() || type.group(1).equals("997") || !po.find()) {
                    continue;
                }
                String control = text.substring(90, 99);
                out.computeIfAbsent(type.group(1) + " " + po.group(), k -> new HashSet<>()).add(control);
            }
        }
        return out;
    }

    /** The ERP queue, drained as the ERP would read it: messages per IdempotencyKey. */
    private Map<String, Long> erpMessages() throws Exception {
        Map<String, Long> out = new HashMap<>();
        try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + artemisPort);
             Connection connection = factory.createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = session.createConsumer(session.createQueue("hub.erp.sales-orders"));
            for (Message message = consumer.receive(3_000); message != null; message = consumer.receive(1_000)) {
                out.merge(message.getStringProperty("IdempotencyKey"), 1L, Long::sum);
            }
        }
        return out;
    }

    /** The events topic from the start: records per Idempotency-Key header. */
    private Map<String, Long> events() {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.getBrokersAsString());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "crash-harness");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        Map<String, Long> out = new HashMap<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(EVENTS_TOPIC));
            int empty = 0;
            while (empty < 3) {
                var records = consumer.poll(Duration.ofSeconds(2));
                empty = records.isEmpty() ? empty + 1 : 0;
                for (ConsumerRecord<String, String> record : records) {
                    Header key = record.headers().lastHeader("Idempotency-Key");
                    out.merge(key == null ? "none" : new String(key.value(), StandardCharsets.UTF_8), 1L, Long::sum);
                }
            }
        }
        return out;
    }

    private static Map<String, Long> count(Stream<String> values) {
        Map<String, Long> out = new HashMap<>();
        values.forEach(v -> out.merge(v, 1L, Long::sum));
        return out;
    }

    private static long repeats(java.util.Collection<Long> counts) {
        return counts.stream().mapToLong(c -> c - 1).sum();
    }

    /** The acknowledged orders the hub does not have. */
    private List<String> notStored() throws Exception {
        List<String> missing = new ArrayList<>();
        for (List<String> order : acknowledged) {
            String orderId = OrderIds.orderId(order.get(0), order.get(1), order.get(2));
            if (send("GET", "/api/orders/" + orderId, null).statusCode() != 200) {
                missing.add(orderId);
            }
        }
        return missing;
    }

    /** Orders per status, and a few of those not delivered. */
    private String statuses() throws Exception {
        Map<String, Long> out = new HashMap<>();
        for (String status : List.of("NEW", "ON_HOLD", "BACKORDERED", "CONFIRMED", "PICKING", "PACKED", "SHIPPED",
                "DELIVERED", "CANCELED")) {
            long n = total("/api/orders?size=1&status=" + status);
            if (n > 0) {
                out.put(status, n);
            }
        }
        StringBuilder some = new StringBuilder(out.toString());
        for (String status : List.of("CONFIRMED", "SHIPPED", "ON_HOLD", "PICKING", "PACKED")) {
            for (JsonNode order : json.readTree(send("GET", "/api/orders?size=2&status=" + status, null).body()).path("items")) {
                some.append(" ").append(order.path("orderId").asText()).append(" ").append(status);
            }
        }
        return some.toString();
    }

    private long total(String path) throws Exception {
        return json.readTree(send("GET", path, null).body()).path("total").asLong();
    }

    private HttpResponse<String> send(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(20))
                .header("Authorization", SandboxLogins.basic(SandboxLogins.forCall(method, path)))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String base() {
        return "http://127.0.0.1:" + hubPort;
    }

    private static String shopifySignature(byte[] body) {
        return WebhookSigner.sign(WebhookSigner.SHOPIFY_SANDBOX_SECRET, body);
    }
}
