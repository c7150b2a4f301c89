package io.orderhub.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orderhub.FreePorts;
import io.orderhub.OrderHubApplication;
import io.orderhub.sandbox.AmazonSimulator;
import io.orderhub.sandbox.CarrierSimulator;
import io.orderhub.sandbox.ChannelSimulator;
import io.orderhub.sandbox.EbaySimulator;
import io.orderhub.sandbox.ErpSimulator;
import io.orderhub.sandbox.HepsiburadaSimulator;
import io.orderhub.sandbox.N11Simulator;
import io.orderhub.sandbox.PosSimulator;
import io.orderhub.sandbox.SandboxLogins;
import io.orderhub.sandbox.ShopifySimulator;
import io.orderhub.sandbox.TrendyolSimulator;
import io.orderhub.sandbox.WebhookSigner;
import io.orderhub.sandbox.WmsSimulator;
import io.orderhub.sandbox.WooCommerceSimulator;
import io.orderhub.store.ChannelCursors;
import org.apache.camel.CamelContext;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.apache.camel.test.spring.junit5.DisableJmx;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * One running hub for all end-to-end tests: the real routes, embedded Artemis, embedded Kafka, H2 on disk, the
 * SFTP server and the simulators on real local ports. Subclasses share the Spring context (same configuration).
 */
@CamelSpringBootTest
@DisableJmx(false) // Hawtio and Jolokia read the routes over JMX, as in production
@SpringBootTest(classes = OrderHubApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class HubTestSupport {

    static final String ACCOUNT = "demo-atelier.myshopify.com";
    static final int MAX_PAYLOAD = 200_000;
    static final int MAX_EDI_FILE = 100_000;
    // Chosen once: a supplier in the registry is asked again on every read of the property.
    static final int SIMULATOR_PORT = FreePorts.next();
    static final int SFTP_PORT = FreePorts.next();
    /** The sandbox partners' SFTP password: what a URI (&, +, %41, a space) or a quoted expression (', ,) would break on. */
    static final String SFTP_PASSWORD = "p&ss+w'rd,%41 x";

    @Autowired
    TestRestTemplate rest;
    @Autowired
    CamelContext camel;
    @Autowired
    ObjectMapper json;
    @Autowired
    ShopifySimulator shopify;
    @Autowired
    WooCommerceSimulator woocommerce;
    @Autowired
    TrendyolSimulator trendyol;
    @Autowired
    HepsiburadaSimulator hepsiburada;
    @Autowired
    N11Simulator n11;
    @Autowired
    PosSimulator pos;
    @Autowired
    EbaySimulator ebay;
    @Autowired
    AmazonSimulator amazon;
    @Autowired
    WmsSimulator wms;
    @Autowired
    ErpSimulator erp;
    @Autowired
    CarrierSimulator carriers;
    @Autowired
    ChannelCursors cursors;
    @Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;

    @DynamicPropertySource
    static void hub(DynamicPropertyRegistry registry) throws IOException {
        Path data = Files.createTempDirectory("order-hub-test");
        registry.add("hub.data-dir", data::toString);
        // the hub's own copy of the mappings, so a test can break one and mend it as a team would
        mappings = copy(Path.of("mappings"), data.resolve("mappings"));
        registry.add("hub.mappings-dir", mappings::toString);
        registry.add("hub.sandbox.port", () -> SIMULATOR_PORT);
        registry.add("hub.sandbox.sftp-port", () -> SFTP_PORT);
        registry.add("hub.sandbox.generate-orders", () -> "false");
        registry.add("hub.sandbox.scarce-sku", () -> "");
        // no sandbox orders in the tests: a difference that lasts 4 s is drift
        registry.add("hub.inventory.drift-grace-ms", () -> "4000");
        registry.add("hub.sandbox.wms-step-delay", () -> "300ms");
        registry.add("hub.sandbox.throttle-every", () -> "0"); // faults only where a test asks for them
        registry.add("hub.channels.shopify.poll-interval", () -> "300");
        // small pages, so every poll follows the Link header across several of them
        registry.add("hub.channels.shopify.page-size", () -> "3");
        registry.add("hub.channels.woocommerce.poll-interval", () -> "300");
        registry.add("hub.channels.woocommerce.page-size", () -> "3");
        for (String channel : new String[]{"trendyol", "hepsiburada", "n11", "ebay", "amazon"}) {
            registry.add("hub.channels." + channel + ".poll-interval", () -> "300");
            registry.add("hub.channels." + channel + ".page-size", () -> "3");
        }
        registry.add("hub.channels.trendyol.claims-poll-interval", () -> "300");
        registry.add("hub.edi.partners.demo-partner.password", () -> SFTP_PASSWORD);
        registry.add("hub.edi.partners.demo-partner.poll-delay", () -> "300ms");
        registry.add("hub.edi.partners.demo-partner.read-lock-min-age", () -> "300ms");
        // more partners on the same sandbox login, each in its own folders: an EDIFACT one, and two whose host key
        // is checked, against the server's real key and against another key
        partner(registry, "demo-edifact", "edifact", "4006381000016", "");
        registry.add("hub.edi.partners.demo-edifact.standard", () -> "EDIFACT");
        registry.add("hub.edi.partners.demo-edifact.qualifier", () -> "14");
        registry.add("hub.edi.partners.demo-edifact.our-qualifier", () -> "14");
        registry.add("hub.edi.partners.demo-edifact.our-id", () -> "8690000000002");
        SimpleGeneratorHostKeyProvider serverKey = new SimpleGeneratorHostKeyProvider(data.resolve("sftp").resolve("hostkey.ser"));
        Files.createDirectories(data.resolve("sftp"));
        partner(registry, "demo-strict", "strict", "ACMERETAIL", knownHosts(data.resolve("known_hosts"), serverKey));
        SimpleGeneratorHostKeyProvider otherKey = new SimpleGeneratorHostKeyProvider(data.resolve("other-hostkey.ser"));
        partner(registry, "demo-wrongkey", "wrongkey", "ACMERETAIL", knownHosts(data.resolve("known_hosts_wrong"), otherKey));
        registry.add("hub.delivery.sweep-interval-ms", () -> "1000");
        // a destination that does not answer in 3 s fails the attempt (30 s in the defaults)
        registry.add("camel.component.http.response-timeout", () -> "3000");
        registry.add("camel.component.http.so-timeout", () -> "3000");
        registry.add("hub.delivery.sweep-after-seconds", () -> "2");
        registry.add("hub.delivery.metrics-interval-ms", () -> "500");
        registry.add("hub.inventory.publish-interval-ms", () -> "300");
        registry.add("hub.ingest.max-payload-bytes", () -> String.valueOf(MAX_PAYLOAD));
        registry.add("hub.http.max-body-bytes", () -> String.valueOf(MAX_PAYLOAD));
        registry.add("hub.edi.max-file-bytes", () -> String.valueOf(MAX_EDI_FILE));
        registry.add("hub.delivery.initial-delay", () -> "200ms");
        registry.add("hub.delivery.multiplier", () -> "1.5");
        registry.add("hub.delivery.max-delay", () -> "1s");
        registry.add("hub.delivery.max-attempts", () -> "100");
        // the channel write-back gives up soon, so a write-back the channel keeps answering 404 ends DEAD in the test
        registry.add("hub.delivery.destinations.channel.max-attempts", () -> "3");
        // the carrier's own retry policy: more attempts, a shorter first wait
        registry.add("hub.delivery.destinations.carrier.max-attempts", () -> "150");
        registry.add("hub.delivery.destinations.carrier.initial-delay", () -> "100ms");
    }

    /** The mappings the running hub reads (a copy of mappings/). */
    static Path mappings;

    private static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
        return to;
    }

    record Channel(ChannelSimulator simulator, String account, Function<ObjectNode, String> channelOrderId) {
    }

    /** A polled channel's simulator, the account the hub keeps it under, and its order id field. */
    Channel channel(String name) {
        return switch (name) {
            case "woocommerce" -> new Channel(woocommerce, "shop.example.com", o -> o.get("id").asText());
            case "trendyol" -> new Channel(trendyol, "871234", o -> o.get("shipmentPackageId").asText());
            case "hepsiburada" -> new Channel(hepsiburada, "3c9a0f52-7d41-4b8e-9e2a-6f1d2c3b4a50",
                    o -> o.get("orderNumber").asText());
            case "n11" -> new Channel(n11, "demo-n11-store", o -> o.get("id").asText());
            case "ebay" -> new Channel(ebay, "demo_atelier", o -> o.get("orderId").asText());
            case "amazon" -> new Channel(amazon, "A2SANDBOXSELLER", o -> o.get("AmazonOrderId").asText());
            default -> throw new IllegalArgumentException(name);
        };
    }

    /** Amazon in tests: no two-minute settle, and a rate limit that paces without slowing the suite. */
    @BeforeEach
    void amazonWithoutTheWait() {
        amazon.settle(Duration.ZERO).rateLimit("100");
    }

    /** A test EDI partner on the sandbox login, with folders {@code <folders>-in} and {@code <folders>-out}. */
    private static void partner(DynamicPropertyRegistry registry, String id, String folders, String interchangeId,
                                String knownHostsFile) {
        String prefix = "hub.edi.partners." + id + ".";
        registry.add(prefix + "host", () -> "127.0.0.1");
        registry.add(prefix + "port", () -> SFTP_PORT);
        registry.add(prefix + "user", () -> "demo-partner");
        registry.add(prefix + "password", () -> SFTP_PASSWORD);
        registry.add(prefix + "inbound-dir", () -> folders + "-in");
        registry.add(prefix + "outbound-dir", () -> folders + "-out");
        registry.add(prefix + "interchange-id", () -> interchangeId);
        registry.add(prefix + "known-hosts-file", () -> knownHostsFile);
        registry.add(prefix + "poll-delay", () -> "300ms");
        registry.add(prefix + "read-lock-min-age", () -> "300ms");
    }

    /**
     * An OpenSSH known_hosts file naming this host key for the sandbox server. The key is made (or loaded) where
     * the server will load it from, before the server starts.
     */
    private static String knownHosts(Path file, SimpleGeneratorHostKeyProvider key) throws IOException {
        PublicKey publicKey = key.loadKeys(null).iterator().next().getPublic();
        Files.writeString(file, "[127.0.0.1]:" + SFTP_PORT + " " + PublicKeyEntry.toString(publicKey) + "\n");
        return file.toString();
    }

    /** The sandbox's integration login: it speaks for every channel, carrier and the WMS. */
    TestRestTemplate api() {
        return as(SandboxLogins.INTEGRATION);
    }

    /** The sandbox's operator login. */
    TestRestTemplate ops() {
        return as(SandboxLogins.OPERATOR);
    }

    TestRestTemplate as(String login) {
        String[] parts = login.split(":", 2);
        return rest.withBasicAuth(parts[0], parts[1]);
    }

    /** Posts as the caller of that path would (SandboxLogins.forCall). */
    ResponseEntity<JsonNode> post(String path, String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return as(SandboxLogins.forCall("POST", path))
                .exchange(path, HttpMethod.POST, new HttpEntity<>(body, headers), JsonNode.class);
    }

    ResponseEntity<JsonNode> get(String path) {
        return as(SandboxLogins.forCall("GET", path)).getForEntity(path, JsonNode.class);
    }

    JsonNode order(String orderId) {
        return get("/api/orders/" + orderId).getBody();
    }

    static String sample(String name) {
        try (InputStream in = HubTestSupport.class.getResourceAsStream("/samples/shopify/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A Shopify sample as another order: its own id, so tests do not see each other's orders. */
    static String shopifyOrder(String sample, long id) {
        return sample(sample).replace("5820114403001", String.valueOf(id)).replace("5820114403002", String.valueOf(id));
    }

    /** Posts a channel webhook as the channel would, with its signature header when one is given. */
    ResponseEntity<JsonNode> webhook(String channel, String signatureHeader, byte[] body, String signature) {
        org.springframework.http.HttpHeaders headers = new org.springframework.http.HttpHeaders();
        headers.setContentType(org.springframework.http.MediaType.APPLICATION_JSON);
        if (signature != null) {
            headers.set(signatureHeader, signature);
        }
        return rest.exchange("/webhooks/" + channel, org.springframework.http.HttpMethod.POST,
                new org.springframework.http.HttpEntity<>(body, headers), JsonNode.class);
    }

    /** Shopify's X-Shopify-Hmac-Sha256 for a body, with the sandbox's webhook secret. */
    static String shopifySignature(byte[] body) {
        return WebhookSigner.sign(WebhookSigner.SHOPIFY_SANDBOX_SECRET, body);
    }

    static byte[] resource(String name) {
        try (java.io.InputStream in = HubTestSupport.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The key the store gave the delivery of this order, destination and revision (its last part is random). */
    String keyOf(String orderId, String destination, int revision) {
        return jdbc.queryForList("SELECT idempotency_key FROM deliveries WHERE order_id = ? AND destination = ? AND revision = ?",
                String.class, orderId, destination.toUpperCase(java.util.Locale.ROOT), revision).stream().findFirst()
                .orElse(orderId + ":" + destination + ":" + revision + ":(not scheduled)");
    }

    /** The carrier delivery of the order's first revision, the one that asks for its label. */
    JsonNode carrierDelivery(String orderId) {
        for (JsonNode delivery : get("/api/orders/" + orderId + "/deliveries").getBody()) {
            if (delivery.path("key").asText().equals(keyOf(orderId, "carrier", 1))) {
                return delivery;
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    int attempts(String orderId) {
        return carrierDelivery(orderId).path("attempts").asInt();
    }
}
