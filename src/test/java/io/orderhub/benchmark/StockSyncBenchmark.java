package io.orderhub.benchmark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orderhub.OrderHubApplication;
import io.orderhub.enrich.Catalog;
import io.orderhub.inventory.Inventory;
import io.orderhub.inventory.Listing;
import io.orderhub.sandbox.AmazonSimulator;
import io.orderhub.sandbox.EbaySimulator;
import io.orderhub.sandbox.HepsiburadaSimulator;
import io.orderhub.sandbox.N11Simulator;
import io.orderhub.sandbox.ShopifySimulator;
import io.orderhub.sandbox.TrendyolSimulator;
import io.orderhub.sandbox.WooCommerceSimulator;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntFunction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stock sync path at catalogue size: {@code bench.skus} master SKUs (default 10,000), each listed on all seven
 * channels of the sandbox, whose simulators keep the channels' batch sizes, asynchronous results, throttling
 * (every 20th request a 429) and Amazon's feed limits. Two figures:
 * <ol>
 *   <li>after a full stock snapshot of two warehouses, the time until every channel has confirmed every listing,
 *   with the calls each channel took, paced by hub.inventory.* (batch sizes, batches a round, windows);</li>
 *   <li>then {@code bench.orders} paid Shopify orders (default 300) at {@code bench.rate} a second (default 5),
 *   each reserving one unit: the latency from the order's stock mark to each channel's confirmed quantity
 *   ({@code stock_pushes.marked_at} to its confirmation), p50, p99 and max per channel.</li>
 * </ol>
 * The sandbox's windows are short (src/test/resources/application-sandbox.yaml). Run with
 * {@code ./mvnw -B -Pbenchmark test -Dtest=StockSyncBenchmark}; results also in target/benchmark/stock-sync.json.
 */
@CamelSpringBootTest
@SpringBootTest(classes = OrderHubApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class StockSyncBenchmark {

    private static final int SKUS = Integer.getInteger("bench.skus", 10_000);
    private static final int ORDERS = Integer.getInteger("bench.orders", 300);
    private static final double RATE = Double.parseDouble(System.getProperty("bench.rate", "5"));
    private static final List<String> CHANNELS = List.of("shopify", "woocommerce", "amazon", "ebay", "trendyol",
            "hepsiburada", "n11");

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Environment env;
    @Autowired
    Catalog catalog;
    @Autowired
    Inventory inventory;
    @Autowired
    ShopifySimulator shopify;
    @Autowired
    WooCommerceSimulator woocommerce;
    @Autowired
    AmazonSimulator amazon;
    @Autowired
    EbaySimulator ebay;
    @Autowired
    TrendyolSimulator trendyol;
    @Autowired
    HepsiburadaSimulator hepsiburada;
    @Autowired
    N11Simulator n11;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @DynamicPropertySource
    static void hub(DynamicPropertyRegistry registry) throws IOException {
        BenchmarkSandbox.register(registry, "order-hub-stock-bench");
        registry.add("hub.sandbox.scarce-units", () -> "0");
        registry.add("logging.level.stock-snapshot", () -> "WARN");
    }

    @Test
    void fullSnapshotThenReservations() throws Exception {
        // the sandbox's own first rounds are done before the catalogue is listed, so only the snapshot is timed
        awaitIdle(Duration.ofMinutes(2));
        list();
        OffsetDateTime baseline = OffsetDateTime.now(ZoneOffset.UTC);

        long start = System.nanoTime();
        OffsetDateTime startedAt = OffsetDateTime.now(ZoneOffset.UTC);
        snapshot("nj", i -> 5 + i % 40);
        snapshot("ist", i -> 3 + i % 25);
        double snapshotSeconds = (System.nanoTime() - start) / 1e9;
        Map<String, Double> confirmedAfter = awaitConfirmed(start, Duration.ofMinutes(30));
        Map<String, Long> calls = calls(baseline);
        Map<String, Double> firstCall = new LinkedHashMap<>();
        CHANNELS.forEach(c -> firstCall.put(c, Duration.between(startedAt, jdbc.queryForObject(
                "SELECT MIN(created_at) FROM stock_pushes WHERE channel = ? AND created_at > ?", OffsetDateTime.class,
                c, startedAt)).toMillis() / 1e3));
        Map<String, Long> throttled = new LinkedHashMap<>();
        CHANNELS.forEach(c -> throttled.put(c, jdbc.queryForObject("""
                SELECT COUNT(DISTINCT batch_id) FROM stock_pushes WHERE channel = ? AND state = 'FAILED'
                AND created_at > ?""", Long.class, c, baseline)));
        agreeWithTheChannels();

        OffsetDateTime ordersFrom = OffsetDateTime.now(ZoneOffset.UTC);
        placeOrders();
        awaitConfirmed(System.nanoTime(), Duration.ofMinutes(10));
        Map<String, double[]> latency = latencies(ordersFrom);

        StringBuilder out = new StringBuilder(String.format("""

                === StockSyncBenchmark: %d SKUs x %d channels, %d cores, publish every %s ms, %s batches a round ===
                full snapshot (nj and ist, %.1f s to take both) until every channel confirmed every listing:
                """, SKUS, CHANNELS.size(), Runtime.getRuntime().availableProcessors(),
                env.getProperty("hub.inventory.publish-interval-ms"),
                env.getProperty("hub.inventory.batches-per-round"), snapshotSeconds));
        ObjectNode result = new ObjectMapper().createObjectNode().put("skus", SKUS).put("orders", ORDERS)
                .put("ordersPerSecond", RATE)
                .put("snapshotSeconds", snapshotSeconds);
        ObjectNode full = result.putObject("fullSyncSeconds");
        for (String channel : CHANNELS) {
            out.append(String.format("  %-12s %7.1f s  %5d calls, the first after %5.1f s  (%d failed or throttled, "
                    + "told again)%n", channel, confirmedAfter.get(channel), calls.get(channel), firstCall.get(channel),
                    throttled.get(channel)));
            full.put(channel, confirmedAfter.get(channel));
        }
        double all = confirmedAfter.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
        result.put("allConfirmedSeconds", all);
        out.append(String.format("  all channels %7.1f s%n", all));
        out.append(String.format("reservation to confirmed, %d paid orders at %.0f/s (since %s):%n", ORDERS, RATE,
                ordersFrom));
        ObjectNode lat = result.putObject("reservationToConfirmedMs");
        for (Map.Entry<String, double[]> channel : latency.entrySet()) {
            double[] ms = channel.getValue();
            out.append(String.format("  %-12s p50 %7.0f ms  p99 %7.0f ms  max %7.0f ms  (%d pushes)%n",
                    channel.getKey(), ms[0], ms[1], ms[2], (long) ms[3]));
            lat.putObject(channel.getKey()).put("p50", ms[0]).put("p99", ms[1]).put("max", ms[2])
                    .put("pushes", (long) ms[3]);
        }
        System.out.println(out);
        Path report = Path.of("target", "benchmark", "stock-sync.json");
        Files.createDirectories(report.getParent());
        Files.writeString(report, result.toPrettyString());
    }

    /** The catalogue: every SKU a product, listed on every channel, and known to every channel simulator. */
    private void list() {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < SKUS; i++) {
            String sku = sku(i);
            catalog.putProduct(new Catalog.Product(sku, "Benchmark " + i, 250));
            rows.add(row("shopify", String.valueOf(45_000_000 + i), sku, "gid://shopify/InventoryItem/"
                    + (47_000_000 + i), ShopifySimulator.LOCATION, now));
            rows.add(row("woocommerce", String.valueOf(300_000 + i), sku, null, null, now));
            woocommerce.addProduct(300_000 + i);
            rows.add(row("amazon", sku, sku, null, null, now));
            amazon.addListing(sku, "DEFAULT");
            rows.add(row("ebay", sku, sku, null, null, now));
            ebay.addItem(sku);
            rows.add(row("trendyol", barcode(i), sku, null, null, now));
            trendyol.addProduct(barcode(i));
            rows.add(row("hepsiburada", "HBCVB" + String.format("%09d", i), sku, null, null, now));
            hepsiburada.addListing("HBCVB" + String.format("%09d", i), sku);
            rows.add(row("n11", sku, sku, null, null, now));
            n11.addStockCode(sku);
        }
        jdbc.batchUpdate("""
                INSERT INTO listings (channel, account, listing_id, master_sku, inventory_item_id, location_id,
                    fulfilled_by_channel, updated_at) VALUES (?, ?, ?, ?, ?, ?, FALSE, ?)""", rows);
    }

    private Object[] row(String channel, String listingId, String sku, String item, String location,
                         OffsetDateTime now) {
        return new Object[] {channel, env.getRequiredProperty("hub.channels." + channel + ".account"), listingId, sku,
            item, location, now};
    }

    private void snapshot(String warehouse, IntFunction<Integer> onHand) throws Exception {
        ObjectNode body = new ObjectMapper().createObjectNode().put("warehouse", warehouse).put("complete", false);
        ArrayNode items = body.putArray("items");
        for (int i = 0; i < SKUS; i++) {
            items.addObject().put("sku", sku(i)).put("onHand", onHand.apply(i));
        }
        HttpResponse<String> answer = post("/api/stock", body.toString(), "wms:wms-sandbox");
        assertThat(answer.statusCode()).as(answer.body()).isBetween(200, 202);
    }

    /** Seconds from {@code start} until each channel holds a confirmed level for every benchmark listing. */
    private Map<String, Double> awaitConfirmed(long start, Duration limit) throws InterruptedException {
        Map<String, Double> done = new LinkedHashMap<>();
        long deadline = System.nanoTime() + limit.toNanos();
        while (done.size() < CHANNELS.size()) {
            for (String channel : CHANNELS) {
                if (!done.containsKey(channel) && confirmed(channel)) {
                    done.put(channel, (System.nanoTime() - start) / 1e9);
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not confirmed after " + limit + ": only " + done.keySet());
            }
            Thread.sleep(500);
        }
        return done;
    }

    private void awaitIdle(Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!CHANNELS.stream().allMatch(this::idle)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the hub's publishers are not idle after " + limit);
            }
            Thread.sleep(200);
        }
    }

    /** Every benchmark listing of the channel has a confirmed level, and nothing is left to tell it. */
    private boolean confirmed(String channel) {
        Integer levels = jdbc.queryForObject("""
                SELECT COUNT(*) FROM listings l JOIN listing_levels v ON v.channel = l.channel AND v.account = l.account
                AND v.listing_id = l.listing_id WHERE l.channel = ? AND l.master_sku LIKE 'BENCH-%'""", Integer.class,
                channel);
        return levels != null && levels == SKUS && idle(channel);
    }

    /** The channel's publisher has started, read every mark, and awaits no answer. */
    private boolean idle(String channel) {
        Integer cursors = jdbc.queryForObject("SELECT COUNT(*) FROM stock_publish_cursors WHERE channel = ?",
                Integer.class, channel);
        if (cursors == null || cursors == 0) {
            return false;
        }
        Integer open = jdbc.queryForObject("""
                SELECT COUNT(*) FROM stock_pushes WHERE channel = ? AND state = 'SENT'""", Integer.class, channel);
        Integer marksAhead = jdbc.queryForObject("""
                SELECT COUNT(*) FROM stock_marks WHERE seq > (SELECT seq FROM stock_publish_cursors WHERE channel = ?)""",
                Integer.class, channel);
        return open != null && open == 0 && marksAhead != null && marksAhead == 0;
    }

    /** What each channel holds is what the hub confirmed and what it would publish now, for a sample of SKUs. */
    private void agreeWithTheChannels() {
        Random random = new Random(7);
        for (int n = 0; n < 200; n++) {
            String sku = sku(random.nextInt(SKUS));
            for (String channel : CHANNELS) {
                Map<Listing, Integer> publish = inventory.toPublish(channel,
                        env.getRequiredProperty("hub.channels." + channel + ".account"), sku);
                publish.forEach((listing, quantity) -> {
                    assertThat(inventory.level(listing).quantity()).as(channel + " " + sku).isEqualTo(quantity);
                    assertThat(held(listing)).as(channel + " holds " + sku).isEqualTo(quantity);
                });
            }
        }
    }

    private Integer held(Listing listing) {
        return switch (listing.channel()) {
            case "shopify" -> shopify.level(listing.inventoryItemId(), listing.locationId());
            case "woocommerce" -> woocommerce.stockOf(Long.parseLong(listing.listingId()));
            case "amazon" -> amazon.stockOf(listing.listingId());
            case "ebay" -> ebay.stockOf(listing.listingId());
            case "trendyol" -> trendyol.stockOf(listing.listingId());
            case "hepsiburada" -> hepsiburada.stockOf(listing.listingId());
            default -> n11.stockOf(listing.listingId());
        };
    }

    /** Paid Shopify orders, one unit of a random benchmark SKU each, at RATE a second (open loop). */
    private void placeOrders() throws Exception {
        String template;
        try (InputStream in = getClass().getResourceAsStream("/samples/shopify/order-basic.json")) {
            template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Random random = new Random(11);
        long begin = System.nanoTime();
        for (int n = 0; n < ORDERS; n++) {
            long due = begin + (long) (n * 1e9 / RATE);
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            String order = template.replace("5820114403001", String.valueOf(9_100_000_000L + n))
                    .replace("MUG-CER-12-BLU", sku(random.nextInt(SKUS)));
            HttpResponse<String> answer = post("/api/channels/shopify/orders", order, "hub:hub-sandbox");
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
        }
    }

    /** Per channel: p50, p99, max of mark-to-confirmation in ms, and the pushes measured. */
    private Map<String, double[]> latencies(OffsetDateTime after) {
        Map<String, double[]> result = new LinkedHashMap<>();
        for (String channel : CHANNELS) {
            List<Double> ms = jdbc.query("""
                    SELECT marked_at, updated_at FROM stock_pushes WHERE channel = ? AND state = 'CONFIRMED'
                    AND created_at > ? AND marked_at IS NOT NULL""", (rs, i) -> (double) Duration.between(
                    rs.getObject(1, OffsetDateTime.class), rs.getObject(2, OffsetDateTime.class)).toMillis(),
                    channel, after);
            if (ms.isEmpty()) {
                continue;
            }
            ms.sort(Double::compare);
            result.put(channel, new double[] {quantile(ms, 0.50), quantile(ms, 0.99), ms.get(ms.size() - 1),
                ms.size()});
        }
        return result;
    }

    private Map<String, Long> calls(OffsetDateTime after) {
        Map<String, Long> calls = new LinkedHashMap<>();
        CHANNELS.forEach(c -> calls.put(c, jdbc.queryForObject("""
                SELECT COUNT(DISTINCT batch_id) FROM stock_pushes WHERE channel = ? AND created_at > ?""", Long.class,
                c, after)));
        return calls;
    }

    private HttpResponse<String> post(String path, String body, String login) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(login.getBytes(
                        StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static double quantile(List<Double> sorted, double q) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1));
    }

    private static String sku(int i) {
        return String.format("BENCH-%05d", i);
    }

    private static String barcode(int i) {
        return String.format("869100%07d", i);
    }
}
