package io.orderhub.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderhub.canonical.CanonicalJson;
import io.orderhub.canonical.CanonicalOrder;
import io.orderhub.canonical.CanonicalOrderSchema;
import io.orderhub.canonical.CanonicalOrders;
import io.orderhub.pipeline.CompiledJsonata;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bare-work bound: what each order irreducibly costs, done by a straight loop in this process without routing
 * or a broker between the steps. The same orders (same shapes, same mix of JSON channels) are parsed, mapped with
 * the same mapping files (compiled once), made canonical as the hub does (CanonicalOrders: the schema, the model,
 * money rounded), made durable in an H2 database on the
 * same disk with the same durability (WRITE_DELAY=0: a commit is on disk when it returns; one transaction per
 * order with the order, its revision and four delivery rows; a natural-key conflict is a duplicate), and sent once
 * to the same receivers: the warehouse's HTTP API (mapped with mappings/wms/), the carrier (the order posted to the
 * carrier receiver's UPS path with the hub's OAuth token flow left out), the ERP queue on the hub's own Artemis
 * (persistent, with the duplicate id) and the events topic (acks=all); then the deliveries are marked done in the
 * same transaction's table. {@code workers} loops run at once, as the hub's delivery consumers do.
 */
final class BareWork {

    private final ObjectMapper json = new ObjectMapper();
    private final ObjectMapper model = CanonicalJson.configure(new ObjectMapper());
    private final CanonicalOrders canonicalOrders = new CanonicalOrders(model, new CanonicalOrderSchema());
    private final Map<String, CompiledJsonata> toCanonical;
    private final CompiledJsonata wmsMapping;
    private final CompiledJsonata erpMapping;
    private final BenchmarkOrders orders;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String receivers;

    BareWork(Path mappings, BenchmarkOrders orders, int receiverPort) throws Exception {
        this.orders = orders;
        this.receivers = "http://127.0.0.1:" + receiverPort;
        toCanonical = Map.of("shopify", compile(mappings.resolve("shopify/to-canonical.jsonata")),
                "woocommerce", compile(mappings.resolve("woocommerce/to-canonical.jsonata")),
                "pos", compile(mappings.resolve("pos/to-canonical.jsonata")));
        wmsMapping = compile(mappings.resolve("wms/from-canonical.jsonata"));
        erpMapping = compile(mappings.resolve("erp/from-canonical.jsonata"));
    }

    /** Runs {@code count} orders through {@code workers} loops as fast as they go; orders a second. */
    double run(int count, int workers, Path database, int artemisPort, String kafka, String erpQueue,
               String eventsTopic) throws Exception {
        Files.createDirectories(database.getParent());
        String url = "jdbc:h2:file:" + database + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;WRITE_DELAY=0";
        try (var setup = DriverManager.getConnection(url, "sa", ""); var statement = setup.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS orders (order_id VARCHAR(64) PRIMARY KEY, channel VARCHAR(32),"
                    + " channel_order_id VARCHAR(128), status VARCHAR(32), canonical_json TEXT, created_at TIMESTAMP)");
            statement.execute("CREATE TABLE IF NOT EXISTS order_revisions (order_id VARCHAR(64), revision INT,"
                    + " canonical_json TEXT, PRIMARY KEY (order_id, revision))");
            statement.execute("CREATE TABLE IF NOT EXISTS deliveries (idempotency_key VARCHAR(200) PRIMARY KEY,"
                    + " order_id VARCHAR(64), destination VARCHAR(32), status VARCHAR(16), updated_at TIMESTAMP)");
        }
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        AtomicLong next = new AtomicLong();
        try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + artemisPort);
             Connection jms = factory.createConnection();
             KafkaProducer<String, String> events = new KafkaProducer<>(Map.of(
                     ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka, ProducerConfig.ACKS_CONFIG, "all",
                     ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                     ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                     ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            long start = System.nanoTime();
            List<Future<?>> loops = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                loops.add(pool.submit(() -> {
                    Random random = new Random(next.get());
                    try (var db = DriverManager.getConnection(url, "sa", "");
                         Session session = jms.createSession(false, Session.AUTO_ACKNOWLEDGE);
                         MessageProducer erp = session.createProducer(session.createQueue(erpQueue))) {
                        db.setAutoCommit(false);
                        erp.setDeliveryMode(DeliveryMode.PERSISTENT);
                        long n;
                        while ((n = next.incrementAndGet()) <= count) {
                            one(n, random, db, session, erp, events, eventsTopic);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> loop : loops) {
                loop.get();
            }
            return count / ((System.nanoTime() - start) / 1e9);
        } finally {
            pool.shutdownNow();
        }
    }

    private void one(long n, Random random, java.sql.Connection db, Session session, MessageProducer erp,
                     KafkaProducer<String, String> events, String eventsTopic) throws Exception {
        long id = 500_000_000L + n;
        int lines = orders.lines(random);
        BenchmarkOrders.Order order = switch ((int) (n % 3)) {
            case 0 -> orders.shopify(id, lines);
            case 1 -> orders.woo(id, lines);
            default -> orders.pos(id, lines);
        };
        // parse, map, validate
        Object mapped = toCanonical.get(order.channel()).evaluate(json.readValue(order.body(), Object.class));
        CanonicalOrder canonical = canonicalOrders.fromMapping(json.writeValueAsString(mapped), order.channel(),
                order.account());
        String text = model.writeValueAsString(canonical);
        // durable once: the order, its revision and one delivery row per destination
        try (PreparedStatement insert = db.prepareStatement("INSERT INTO orders VALUES (?, ?, ?, 'CONFIRMED', ?,"
                + " CURRENT_TIMESTAMP)");
             PreparedStatement revision = db.prepareStatement("INSERT INTO order_revisions VALUES (?, 1, ?)");
             PreparedStatement delivery = db.prepareStatement("INSERT INTO deliveries VALUES (?, ?, ?, 'PENDING',"
                     + " CURRENT_TIMESTAMP)")) {
            insert.setString(1, order.orderId());
            insert.setString(2, order.channel());
            insert.setString(3, canonical.channelOrderId());
            insert.setString(4, text);
            insert.executeUpdate();
            revision.setString(1, order.orderId());
            revision.setString(2, text);
            revision.executeUpdate();
            for (String destination : List.of("wms", "carrier", "erp", "events")) {
                delivery.setString(1, key(order.orderId(), destination));
                delivery.setString(2, order.orderId());
                delivery.setString(3, destination);
                delivery.addBatch();
            }
            delivery.executeBatch();
        }
        db.commit();
        // sent once to each destination
        for (JsonNode part : json.valueToTree(wmsMapping.evaluate(json.readValue(text, Object.class)))) {
            expect2xx(http.send(HttpRequest.newBuilder(URI.create(receivers + "/wms/fulfillment-orders"))
                    .header("Content-Type", "application/json").header("Idempotency-Key", key(order.orderId(), "wms"))
                    .POST(HttpRequest.BodyPublishers.ofString(part.toString())).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        expect2xx(http.send(HttpRequest.newBuilder(URI.create(receivers + "/bare/carrier"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(text)).build(), HttpResponse.BodyHandlers.ofString()));
        TextMessage message = session.createTextMessage(json.writeValueAsString(
                erpMapping.evaluate(json.readValue(text, Object.class))));
        message.setStringProperty("IdempotencyKey", key(order.orderId(), "erp"));
        message.setStringProperty("_AMQ_DUPL_ID", key(order.orderId(), "erp"));
        erp.send(message);
        ProducerRecord<String, String> event = new ProducerRecord<>(eventsTopic, order.orderId(), text);
        event.headers().add("Idempotency-Key", key(order.orderId(), "events").getBytes(StandardCharsets.UTF_8));
        events.send(event).get();
        try (PreparedStatement done = db.prepareStatement("UPDATE deliveries SET status = 'DELIVERED',"
                + " updated_at = CURRENT_TIMESTAMP WHERE order_id = ?")) {
            done.setString(1, order.orderId());
            done.executeUpdate();
        }
        db.commit();
    }

    private static String key(String orderId, String destination) {
        return orderId + ":" + destination + ":1:bare";
    }

    private static void expect2xx(HttpResponse<String> answer) {
        if (answer.statusCode() / 100 != 2) {
            throw new IllegalStateException("a receiver refused the bare loop's request: " + answer.statusCode() + " "
                    + answer.body());
        }
    }

    /** Compiled once, as the hub compiles its mappings, and shared by the loops. */
    private static CompiledJsonata compile(Path file) throws Exception {
        return CompiledJsonata.compile(Files.readString(file));
    }
}
