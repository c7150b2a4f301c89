package io.orderhub.benchmark;

import io.orderhub.canonical.OrderIds;
import io.orderhub.sandbox.SandboxEdiPartner;
import io.orderhub.sandbox.SandboxLogins;
import io.orderhub.sandbox.WebhookSigner;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Open-loop load: orders are sent on a fixed schedule at the offered rate, whatever the hub answers, so a hub that
 * falls behind shows it in latency (measured from each order's scheduled time) instead of slowing the load down.
 * Each order goes in through one of the hub's real entry points, by the mix: Shopify's signed webhook, the push
 * API (WooCommerce), the POS Kafka topic, or an 850 file in the EDI partner's SFTP inbox.
 */
final class OpenLoad implements AutoCloseable {

    /** An order that went in: its hub id and when it was due to be sent. */
    record Sent(String orderId, long scheduledNanos) {
    }

    /** What one run sent, and what the hub refused (the source was told no). */
    record Run(List<Sent> sent, long refused, List<String> refusals, double lateSeconds) {
    }

    private static final Pattern PO = Pattern.compile("po-(\\d+)\\.x12");

    private final ExecutorService clientThreads = Executors.newFixedThreadPool(4);
    private final HttpClient http = HttpClient.newBuilder().executor(clientThreads)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String hub;
    private final BenchmarkOrders orders;
    private final KafkaProducer<String, String> pos;
    private final String posTopic;
    private final SandboxEdiPartner partner;
    private final Map<String, Integer> mix;
    private final Random random = new Random(20261203);
    private final AtomicLong sequence = new AtomicLong();
    private final String apiLogin = SandboxLogins.basic(SandboxLogins.INTEGRATION);

    OpenLoad(int hubPort, BenchmarkOrders orders, String kafka, String posTopic, SandboxEdiPartner partner,
             String mix) {
        this.hub = "http://127.0.0.1:" + hubPort;
        this.orders = orders;
        this.posTopic = posTopic;
        this.partner = partner;
        this.mix = parse(mix);
        this.pos = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 2,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
    }

    /** Sends {@code rate × seconds} orders on schedule; returns once the last one is handed over. */
    Run run(double rate, double seconds) {
        int count = (int) Math.round(rate * seconds);
        List<Sent> sent = new ArrayList<>(count);
        AtomicLong refused = new AtomicLong();
        ConcurrentLinkedQueue<String> refusals = new ConcurrentLinkedQueue<>();
        long period = (long) (1e9 / rate);
        long start = System.nanoTime();
        long late = 0;
        for (int i = 0; i < count; i++) {
            long due = start + i * period;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            } else {
                late = Math.max(late, -wait);
            }
            sent.add(new Sent(send(pick(), refused, refusals), due));
        }
        pos.flush();
        return new Run(sent, refused.get(), List.copyOf(refusals).subList(0, Math.min(5, refusals.size())), late / 1e9);
    }

    /** Puts {@code count} POS sales on the topic as fast as it takes them (a backlog while the hub is down). */
    List<Sent> backlog(int count) {
        List<Sent> sent = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            BenchmarkOrders.Order order = orders.pos(sequence.incrementAndGet(), orders.lines(random));
            pos.send(new ProducerRecord<>(posTopic, order.orderId(), order.body()));
            sent.add(new Sent(order.orderId(), System.nanoTime()));
        }
        pos.flush();
        return sent;
    }

    private String pick() {
        int roll = random.nextInt(mix.values().stream().mapToInt(Integer::intValue).sum());
        for (Map.Entry<String, Integer> entry : mix.entrySet()) {
            roll -= entry.getValue();
            if (roll < 0) {
                return entry.getKey();
            }
        }
        throw new IllegalStateException("empty mix");
    }

    private String send(String entry, AtomicLong refused, ConcurrentLinkedQueue<String> refusals) {
        long n = sequence.incrementAndGet();
        int lines = orders.lines(random);
        switch (entry) {
            case "shopify-webhook" -> {
                BenchmarkOrders.Order order = orders.shopify(n, lines);
                byte[] body = order.body().getBytes(StandardCharsets.UTF_8);
                post(HttpRequest.newBuilder(URI.create(hub + "/webhooks/shopify"))
                        .header("X-Shopify-Hmac-Sha256", sign(body))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)), refused, refusals);
                return order.orderId();
            }
            case "woocommerce-api" -> {
                BenchmarkOrders.Order order = orders.woo(n, lines);
                post(HttpRequest.newBuilder(URI.create(hub + "/api/channels/woocommerce/orders"))
                        .header("Authorization", apiLogin)
                        .POST(HttpRequest.BodyPublishers.ofString(order.body())), refused, refusals);
                return order.orderId();
            }
            case "pos-kafka" -> {
                BenchmarkOrders.Order order = orders.pos(n, lines);
                pos.send(new ProducerRecord<>(posTopic, order.orderId(), order.body()), (metadata, e) -> {
                    if (e != null) {
                        refused.incrementAndGet();
                        refusals.add("pos: " + e.getMessage());
                    }
                });
                return order.orderId();
            }
            case "edi-sftp" -> {
                Matcher po = PO.matcher(partner.send());
                if (!po.matches()) {
                    throw new IllegalStateException("the partner's file is not named po-<n>.x12");
                }
                return OrderIds.orderId("edi", "demo-partner", "PO-SBX-" + po.group(1));
            }
            default -> throw new IllegalArgumentException("unknown entry point in bench.mix: " + entry);
        }
    }

    private void post(HttpRequest.Builder request, AtomicLong refused, ConcurrentLinkedQueue<String> refusals) {
        http.sendAsync(request.header("Content-Type", "application/json").timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString()).whenComplete((answer, e) -> {
            if (e != null || answer.statusCode() / 100 != 2) {
                refused.incrementAndGet();
                if (refusals.size() < 5) {
                    refusals.add(e != null ? e.toString() : answer.statusCode() + " " + answer.body());
                }
            }
        });
    }

    private static String sign(byte[] body) {
        return WebhookSigner.sign(WebhookSigner.SHOPIFY_SANDBOX_SECRET, body);
    }

    private static Map<String, Integer> parse(String mix) {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (String part : mix.split(",")) {
            String[] kv = part.trim().split(":");
            out.put(kv[0], Integer.parseInt(kv[1]));
        }
        return out;
    }

    @Override
    public void close() {
        pos.close();
        clientThreads.shutdownNow();
    }
}
