package io.orderhub.benchmark;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderhub.sandbox.CarrierSimulator;
import io.orderhub.sandbox.HubClient;
import io.orderhub.sandbox.SimulatorServer;
import io.orderhub.sandbox.WmsSimulator;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The systems the hub delivers to, in the benchmark's process: the warehouse and the carriers over HTTP (the
 * sandbox's strict simulators, which refuse what the real APIs refuse), the ERP reading its Artemis queue over TCP,
 * and an events consumer on the Kafka topic. Each records, per hub order id, when its destination first took the
 * order ({@link System#nanoTime()}, the load generator's clock); an order is through when all four have.
 */
final class Receivers implements AutoCloseable {

    static final int WMS = 0;
    static final int CARRIER = 1;
    static final int ERP = 2;
    static final int EVENTS = 3;
    private static final int DESTINATIONS = 4;

    private final Map<String, AtomicLongArray> received = new ConcurrentHashMap<>();
    private final Map<String, Long> shippedByKey = new ConcurrentHashMap<>();
    private final Map<String, String> orderByKey = new ConcurrentHashMap<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final WmsSimulator wms;
    private final CarrierSimulator carriers;
    private final SimulatorServer http;
    private final Thread events;
    private Connection erp;

    Receivers(ObjectMapper json, int port, HubClient hub, String kafka, String eventsTopic) throws IOException {
        carriers = new CarrierSimulator(json, hub, Duration.ofSeconds(1));
        carriers.onShipment(this::shipped);
        wms = new WmsSimulator(json, hub, Duration.ofSeconds(1), carriers::pickedUp);
        wms.setReportProgress(false); // the warehouse's own progress is not part of the pipeline under test
        http = new SimulatorServer(port)
                .route("/wms", exchange -> {
                    String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
                    wms.handle(exchange);
                    if (key != null && exchange.getResponseCode() / 100 == 2) {
                        mark(before(key, ":wms:"), WMS);
                    }
                })
                .route("/carriers", carriers::handle)
                // the bare-work loop's carrier call (BareWork): read the request, answer as a carrier does
                .route("/bare/carrier", exchange -> {
                    json.readTree(exchange.getRequestBody());
                    SimulatorServer.respond(exchange, 200, "{\"trackingNumbers\":[\"1ZBARE\"],\"labelRef\":\"BARE\"}");
                })
                .start();
        events = new Thread(() -> consumeEvents(kafka, eventsTopic), "bench-events-receiver");
        events.setDaemon(true);
        events.start();
    }

    /** The ERP starts reading the hub's queue (the hub's broker must be up). */
    void connectErp(int artemisPort, String queue) throws JMSException {
        closeErp();
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + artemisPort);
        factory.setReconnectAttempts(-1);
        erp = factory.createConnection();
        Session session = erp.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageConsumer consumer = session.createConsumer(session.createQueue(queue));
        consumer.setMessageListener(message -> {
            try {
                String key = message.getStringProperty("IdempotencyKey");
                if (key != null) {
                    mark(before(key, ":erp:"), ERP);
                }
            } catch (JMSException e) {
                // a message without the property is not one of the hub's
            }
        });
        erp.start();
    }

    void closeErp() {
        if (erp != null) {
            try {
                erp.close();
            } catch (JMSException e) {
                // the hub's broker went away with its process
            }
            erp = null;
        }
    }

    /** The warehouse and the carriers answer 503 while down, as in a maintenance window. */
    void setAvailable(boolean available) {
        wms.setAvailable(available);
        carriers.setAvailable(available);
    }

    /** When the last of the four destinations took the order, or 0 while one has not. */
    long completedAt(String orderId) {
        AtomicLongArray at = received.get(orderId);
        if (at == null) {
            return 0;
        }
        long last = 0;
        for (int d = 0; d < DESTINATIONS; d++) {
            long t = at.get(d);
            if (t == 0) {
                return 0;
            }
            last = Math.max(last, t);
        }
        return last;
    }

    /** Which destinations took the order, for the report of those that never got through. */
    String seenBy(String orderId) {
        AtomicLongArray at = received.get(orderId);
        StringBuilder out = new StringBuilder();
        List<String> names = List.of("wms", "carrier", "erp", "events");
        for (int d = 0; d < DESTINATIONS; d++) {
            if (at != null && at.get(d) != 0) {
                out.append(names.get(d)).append(' ');
            }
        }
        return out.toString().trim();
    }

    void forget() {
        received.clear();
        orderByKey.clear();
    }

    private void mark(String orderId, int destination) {
        mark(orderId, destination, System.nanoTime());
    }

    private void mark(String orderId, int destination, long at) {
        AtomicLongArray times = received.get(orderId);
        if (times == null) {
            synchronized (shippedByKey) {
                times = received.computeIfAbsent(orderId, id -> new AtomicLongArray(DESTINATIONS));
                // the Turkish SOAP carriers know an order by its cargo key only
                String key = CarrierSimulator.soapKey(orderId);
                orderByKey.put(key, orderId);
                Long shippedAt = shippedByKey.remove(key);
                if (shippedAt != null) {
                    times.compareAndSet(CARRIER, 0, shippedAt);
                }
            }
        }
        times.compareAndSet(destination, 0, at);
    }

    private void shipped(CarrierSimulator.Shipment shipment) {
        long at = System.nanoTime();
        String id = shipment.orderId();
        if (id.startsWith("HUB") && id.equals(shipment.reference())) {
            synchronized (shippedByKey) {
                String orderId = orderByKey.get(id);
                if (orderId == null) {
                    shippedByKey.put(id, at); // its order's entry takes it when the order is first seen
                    return;
                }
                id = orderId;
            }
        }
        mark(id, CARRIER, at);
    }

    private static String before(String key, String marker) {
        int at = key.indexOf(marker);
        return at < 0 ? key : key.substring(0, at);
    }

    private void consumeEvents(String kafka, String topic) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-events");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            while (running.get()) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                    Header key = record.headers().lastHeader("Idempotency-Key");
                    if (key != null) {
                        mark(before(new String(key.value(), StandardCharsets.UTF_8), ":events:"), EVENTS);
                    }
                }
            }
        }
    }

    @Override
    public void close() throws Exception {
        running.set(false);
        events.join(5_000);
        closeErp();
        http.close();
        wms.close();
        carriers.close();
    }
}
