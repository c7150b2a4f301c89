package io.orderhub.benchmark;

import com.sun.management.OperatingSystemMXBean;
import io.orderhub.OrderHubApplication;
import io.orderhub.sandbox.WmsSimulator;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.apache.camel.test.spring.junit5.DisableJmx;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Throughput and latency of the whole hub on this machine: {@code bench.orders} Shopify orders (default 2000) are
 * POSTed to the API by {@code bench.clients} concurrent clients (default 4), each through mapping, validation,
 * dedupe, enrichment (SKU cross reference, allocation, carrier choice), the store, the fan-out and every
 * destination (WMS and carrier over HTTP, ERP on Artemis, events on Kafka). Reported: API acceptance rate and
 * latency, time until every delivery is acknowledged, hub CPU per order, heap. Closed loop (a client waits for its
 * answer), so latency under overload is understated; run with {@code mvn -Pbenchmark test}.
 */
@CamelSpringBootTest
@DisableJmx(false)
@SpringBootTest(classes = OrderHubApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class IngestBenchmark {

    private static final int ORDERS = Integer.getInteger("bench.orders", 2000);
    private static final int CLIENTS = Integer.getInteger("bench.clients", 4);
    private static final int WARMUP = Integer.getInteger("bench.warmup", 300);

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    WmsSimulator wms;

    @DynamicPropertySource
    static void hub(DynamicPropertyRegistry registry) throws IOException {
        BenchmarkSandbox.register(registry, "order-hub-bench");
        registry.add("hub.channels.shopify.enabled", () -> "false");
        registry.add("logging.level.accept-order", () -> "WARN");
    }

    @Test
    void ingestToDelivered() throws Exception {
        wms.setReportProgress(false); // measure ingest and fan-out, not the simulated warehouse's timing
        String template = sample();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        run(http, template, 1_000_000, WARMUP);
        awaitDeliveries(Duration.ofMinutes(2));

        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long deliveredBefore = delivered();
        long cpuBefore = os.getProcessCpuTime();
        long start = System.nanoTime();
        List<Long> latencies = run(http, template, 2_000_000, ORDERS);
        long accepted = System.nanoTime();
        awaitDeliveries(Duration.ofMinutes(10));
        long done = System.nanoTime();
        long cpu = os.getProcessCpuTime() - cpuBefore;

        Collections.sort(latencies);
        double acceptSeconds = (accepted - start) / 1e9;
        double doneSeconds = (done - start) / 1e9;
        System.out.printf("""

                === IngestBenchmark: %d orders, %d clients, %d cores, H2 %s ===
                API accepted        %8.1f orders/s  (%.1f s)
                API latency (ms)    p50 %.1f  p90 %.1f  p99 %.1f  max %.1f
                all delivered       %8.1f orders/s  (%.1f s until %d deliveries acknowledged: WMS, carrier, ERP, events)
                CPU per order       %8.2f ms  (whole JVM: hub, brokers, simulators and load clients)
                heap used           %8d MiB  (after the run, before GC)
                """, ORDERS, CLIENTS, Runtime.getRuntime().availableProcessors(),
                "WRITE_DELAY=" + jdbc.queryForObject(
                        "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'WRITE_DELAY'", String.class),
                ORDERS / acceptSeconds, acceptSeconds,
                ms(latencies, 0.50), ms(latencies, 0.90), ms(latencies, 0.99), latencies.get(latencies.size() - 1) / 1e6,
                ORDERS / doneSeconds, doneSeconds, delivered() - deliveredBefore,
                cpu / 1e6 / ORDERS, memory.getHeapMemoryUsage().getUsed() / (1024 * 1024));

        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM deliveries WHERE status <> 'DELIVERED'", Long.class)).isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM orders", Long.class)).isEqualTo(WARMUP + ORDERS);
    }

    private List<Long> run(HttpClient http, String template, long firstId, int count) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        AtomicLong next = new AtomicLong(firstId);
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>(count));
        String auth = "Basic " + Base64.getEncoder().encodeToString("hub:hub-sandbox".getBytes(StandardCharsets.UTF_8));
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                work.add(clients.submit(() -> {
                    long id;
                    while ((id = next.getAndIncrement()) < firstId + count) {
                        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/channels/shopify/orders"))
                                .header("Content-Type", "application/json").header("Authorization", auth)
                                .POST(HttpRequest.BodyPublishers.ofString(template.replace("5820114403001", String.valueOf(id))))
                                .build();
                        long t0 = System.nanoTime();
                        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                        latencies.add(System.nanoTime() - t0);
                        if (response.statusCode() != 202) {
                            throw new IllegalStateException("order " + id + ": " + response.statusCode() + " " + response.body());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : work) {
                f.get();
            }
        } finally {
            clients.shutdownNow();
        }
        return new ArrayList<>(latencies);
    }

    /** Waits until every scheduled delivery (WMS, carrier, ERP, events; the label adds an event) is acknowledged. */
    private void awaitDeliveries(Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (outstanding() > 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(outstanding() + " deliveries still not acknowledged after " + limit);
            }
            Thread.sleep(50);
        }
    }

    private long outstanding() {
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM deliveries WHERE status <> 'DELIVERED'", Long.class);
        return n == null ? 0 : n;
    }

    private long delivered() {
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM deliveries WHERE status = 'DELIVERED'", Long.class);
        return n == null ? 0 : n;
    }

    private static double ms(List<Long> sorted, double quantile) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(quantile * sorted.size()) - 1)) / 1e6;
    }

    private static String sample() throws IOException {
        try (InputStream in = IngestBenchmark.class.getResourceAsStream("/samples/shopify/order-basic.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
