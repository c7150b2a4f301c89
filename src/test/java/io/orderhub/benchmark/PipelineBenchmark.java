package io.orderhub.benchmark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orderhub.FreePorts;
import io.orderhub.sandbox.HubClient;
import io.orderhub.sandbox.SandboxEdiPartner;
import io.orderhub.sandbox.SandboxSftpServer;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.util.FileSystemUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The hub's throughput, latency and cost as a user would see them: the hub in its own JVM on the embedded default
 * ({@link HubProcess}), the systems it delivers to in this process ({@link Receivers}), open-loop load through its
 * real entry points ({@link OpenLoad}), and in the same run the bare-work bound ({@link BareWork}). Steps:
 * a warm-up; the offered-load sweep ({@code bench.rates}); the bare-work bound; the per-order cost at
 * {@code bench.stored-small} and {@code bench.stored-large} stored orders; a backlog of {@code bench.backlog}
 * orders put on the POS topic while the hub was down, drained after its start. Writes target/benchmark/result.json
 * and target/benchmark/load.svg. Run with {@code ./mvnw -B -Pbenchmark test} (README, "Performance").
 */
class PipelineBenchmark {

    private static final String POS_TOPIC = "hub.pos-orders";
    private static final String EVENTS_TOPIC = "hub.order-events";
    private static final String ERP_QUEUE = "hub.erp.sales-orders";
    private static final List<String> POLLERS_OFF = List.of("shopify", "woocommerce", "trendyol", "hepsiburada", "n11",
            "ebay", "amazon");

    private final ObjectMapper json = new ObjectMapper();
    private final double seconds = Double.parseDouble(System.getProperty("bench.seconds", "30"));
    private final double warmupSeconds = Double.parseDouble(System.getProperty("bench.warmup-seconds", "20"));
    private final List<Double> rates = Arrays.stream(System.getProperty("bench.rates", "100,250,500,800,1200")
            .split(",")).map(String::trim).map(Double::parseDouble).toList();
    private final double latencyRate = Double.parseDouble(System.getProperty("bench.latency-rate", "500"));
    private final String mix = System.getProperty("bench.mix", "shopify-webhook:40,woocommerce-api:30,pos-kafka:28,"
            + "edi-sftp:2");
    private final int bareOrders = Integer.getInteger("bench.bare-orders", 5000);
    private final long storedSmall = Long.getLong("bench.stored-small", 10_000);
    private final long storedLarge = Long.getLong("bench.stored-large", 1_000_000);
    private final int backlog = Integer.getInteger("bench.backlog", 100_000);
    private final Duration stall = Duration.ofSeconds(Long.getLong("bench.stall-seconds", 60));

    @Test
    void pipeline() throws Exception {
        Path out = Path.of("target", "benchmark");
        Files.createDirectories(out);
        Path data = Files.createTempDirectory("order-hub-bench");
        Path log = out.resolve("hub.log");
        Files.deleteIfExists(log);
        int hubPort = FreePorts.next();
        int receiverPort = FreePorts.next();
        int sftpPort = FreePorts.next();
        int artemisPort = FreePorts.next();
        EmbeddedKafkaKraftBroker kafka = new EmbeddedKafkaKraftBroker(1, 3, POS_TOPIC, EVENTS_TOPIC);
        kafka.afterPropertiesSet();
        BenchmarkOrders orders = new BenchmarkOrders(Integer.getInteger("bench.max-lines", 20));
        List<String> arguments = new ArrayList<>(List.of("--hub.home=" + Path.of("").toAbsolutePath(),
                "--hub.data-dir=" + data.resolve("hub"), "--hub.sandbox.enabled=false",
                "--hub.sandbox.port=" + receiverPort, "--hub.sandbox.sftp-port=" + sftpPort,
                "--hub.kafka.bootstrap-servers=" + kafka.getBrokersAsString(),
                "--hub.channels.pos.group-instance-id=bench-hub", "--hub.destinations.channel.enabled=false",
                // all the load comes from one address, as behind a proxy
                "--hub.webhooks.per-client-per-minute=100000000",
                "--hub.edi.partners.demo-partner.poll-delay=500ms",
                "--hub.edi.partners.demo-partner.read-lock-min-age=300ms"));
        POLLERS_OFF.forEach(channel -> arguments.add("--hub.channels." + channel + ".enabled=false"));
        List<String> jvm = List.of("-Dcrash.artemis-port=" + artemisPort);
        String url = "jdbc:h2:file:" + data.resolve("hub/db/hub") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                + "DEFAULT_NULL_ORDERING=HIGH";
        ObjectNode result = json.createObjectNode();
        ArrayNode steps = result.putArray("steps");
        try (SandboxSftpServer sftp = new SandboxSftpServer(sftpPort, data.resolve("partner"), "demo-partner-sandbox").start();
             SandboxEdiPartner partner = new SandboxEdiPartner(sftp.home("demo-partner"), Duration.ofDays(1),
                     Clock.systemUTC());
             Receivers receivers = new Receivers(json, receiverPort, new HubClient(() -> hubPort, "hub", "hub-sandbox"),
                     kafka.getBrokersAsString(), EVENTS_TOPIC);
             OpenLoad load = new OpenLoad(hubPort, orders, kafka.getBrokersAsString(), POS_TOPIC, partner, mix)) {
            HubProcess hub = new HubProcess(hubPort, jvm, arguments, log).start();
            result.put("startupSeconds", round(hub.startupSeconds()));
            receivers.connectErp(artemisPort, ERP_QUEUE);
            stock(hub);

            print("warm-up at %.0f/s for %.0f s", 100.0, warmupSeconds);
            Step warmup = step(hub, receivers, load, 100, warmupSeconds);
            print("warm-up: %s", warmup);

            Step best = null;
            Step atLatencyRate = null;
            List<LoadChart.Point> points = new ArrayList<>();
            for (double rate : rates) {
                Step step = step(hub, receivers, load, rate, seconds);
                print("offered %.0f/s: %s", rate, step);
                steps.add(step.json(json));
                points.add(new LoadChart.Point(rate, step.sustained(), step.p99Ms()));
                if (best == null || step.sustained() > best.sustained()) {
                    best = step;
                }
                if (rate == latencyRate) {
                    atLatencyRate = step;
                }
            }
            long peakRss = hub.peakRssMiB();

            print("bare-work bound: %d orders", bareOrders);
            BareWork bare = new BareWork(Path.of("mappings"), orders, receiverPort);
            double bareRate = bare.run(bareOrders, 4, data.resolve("bare/db"), artemisPort, kafka.getBrokersAsString(),
                    ERP_QUEUE, EVENTS_TOPIC);
            print("bare-work bound: %.1f orders/s", bareRate);

            double scaleRate = Math.max(20, Math.floor(best.sustained() * 0.5));
            ObjectNode growth = result.putObject("storedOrders");
            for (long stored : List.of(storedSmall, storedLarge)) {
                hub.stop();
                receivers.closeErp();
                long holds = new StoredOrders(url).growTo(stored);
                hub = new HubProcess(hubPort, jvm, arguments, log).start();
                receivers.connectErp(artemisPort, ERP_QUEUE);
                // a restarted hub compiles its hot paths again: measured once they are warm, as in the sweep
                step(hub, receivers, load, scaleRate, warmupSeconds);
                Step step = step(hub, receivers, load, scaleRate, seconds);
                print("%d orders stored, offered %.0f/s: %s", holds, scaleRate, step);
                growth.set(String.valueOf(stored), step.json(json).put("stored", holds));
            }

            hub.stop();
            receivers.closeErp();
            receivers.forget();
            print("backlog: %d POS orders on the topic while the hub is down", backlog);
            List<OpenLoad.Sent> queued = load.backlog(backlog);
            long started = System.nanoTime();
            hub = new HubProcess(hubPort, jvm, arguments, log).start();
            receivers.connectErp(artemisPort, ERP_QUEUE);
            Step drain = Step.of(List.copyOf(queued).stream().map(s -> new OpenLoad.Sent(s.orderId(), started))
                    .toList(), await(receivers, queued), 0, 0, 0, 0);
            print("backlog drained: %s", drain);
            ObjectNode backlogJson = drain.json(json);
            backlogJson.put("drainSeconds", round(drain.spanSeconds()));
            result.set("backlog", backlogJson);
            peakRss = Math.max(peakRss, hub.peakRssMiB());
            hub.stop();

            Step headline = atLatencyRate == null ? best : atLatencyRate;
            result.put("ordersPerSecond", round(best.sustained()));
            result.put("offeredPerSecond", best.offered());
            result.put("bareWorkOrdersPerSecond", round(bareRate));
            result.put("ratioToBareWork", round(best.sustained() / bareRate));
            result.put("latencyAtOfferedPerSecond", headline.offered());
            result.put("p50Ms", round(headline.p50Ms()));
            result.put("p95Ms", round(headline.p95Ms()));
            result.put("p99Ms", round(headline.p99Ms()));
            result.put("maxMs", round(headline.maxMs()));
            result.put("cpuMsPerOrder", round(best.cpuMsPerOrder()));
            result.put("peakRssMiB", peakRss);
            result.put("orders", best.completed());
            result.put("mix", mix);
            result.put("cores", Runtime.getRuntime().availableProcessors());
            Files.writeString(out.resolve("result.json"), json.writerWithDefaultPrettyPrinter().writeValueAsString(result));
            LoadChart.write(out.resolve("load.svg"), points, String.format(Locale.ROOT,
                    "%d cores, embedded default (H2 on disk, WRITE_DELAY=0), %s s a step",
                    Runtime.getRuntime().availableProcessors(), fmt(seconds)));
            System.out.println("\n=== PipelineBenchmark ===\n" + json.writerWithDefaultPrettyPrinter()
                    .writeValueAsString(result));
        } finally {
            kafka.destroy();
            // the stores of a million orders are gigabytes: none is left behind
            FileSystemUtils.deleteRecursively(data);
        }
    }

    /** Offers {@code rate} orders a second for {@code seconds}, then waits until they are through or stall. */
    private Step step(HubProcess hub, Receivers receivers, OpenLoad load, double rate, double seconds) throws Exception {
        long cpuBefore = hub.cpuMillis();
        OpenLoad.Run run = load.run(rate, seconds);
        List<Long> completed = await(receivers, run.sent());
        long cpu = hub.cpuMillis() - cpuBefore;
        if (run.refused() > 0) {
            print("  the hub refused %d orders, e.g. %s", run.refused(), run.refusals());
        }
        return Step.of(run.sent(), completed, rate, cpu, run.refused(), run.lateSeconds());
    }

    /** Completion times of the orders (0 for one that never got through), once all are through or progress stalls. */
    private List<Long> await(Receivers receivers, List<OpenLoad.Sent> sent) throws InterruptedException {
        long[] done = new long[sent.size()];
        int left = sent.size();
        long lastProgress = System.nanoTime();
        while (left > 0 && System.nanoTime() - lastProgress < stall.toNanos()) {
            Thread.sleep(200);
            int before = left;
            for (int i = 0; i < done.length; i++) {
                if (done[i] == 0) {
                    done[i] = receivers.completedAt(sent.get(i).orderId());
                    if (done[i] != 0) {
                        left--;
                    }
                }
            }
            if (left < before) {
                lastProgress = System.nanoTime();
            }
        }
        List<Long> out = new ArrayList<>(done.length);
        int shown = 0;
        for (int i = 0; i < done.length; i++) {
            out.add(done[i]);
            if (done[i] == 0 && shown++ < 5) {
                print("  not through: %s (taken by: %s)", sent.get(i).orderId(), receivers.seenBy(sent.get(i).orderId()));
            }
        }
        return out;
    }

    /** Every warehouse of the allocation rules holds plenty of every catalog SKU, as a WMS reports at start. */
    private void stock(HubProcess hub) throws Exception {
        for (String warehouse : List.of("ist", "ams", "nj")) {
            ObjectNode snapshot = json.createObjectNode().put("warehouse", warehouse).put("complete", true);
            BenchmarkOrders.SKUS.forEach(sku -> snapshot.withArray("items").addObject().put("sku", sku)
                    .put("onHand", 1_000_000_000));
            if (hub.post("/api/stock", snapshot.toString()) != 200) {
                throw new IllegalStateException("the hub did not take the stock snapshot of " + warehouse);
            }
        }
    }

    private static void print(String format, Object... args) {
        System.out.println("[bench] " + String.format(Locale.ROOT, format, args));
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }

    private static String fmt(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }
}
