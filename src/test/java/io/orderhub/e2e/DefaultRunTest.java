package io.orderhub.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderhub.FreePorts;
import io.orderhub.OrderHubApplication;
import io.orderhub.sandbox.SandboxLogins;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The hub as the README's run command ({@code mvn spring-boot:test-run}) starts it: its own JVM on the test
 * classpath (which holds the sandbox and makes it the default profile), the sandbox defaults, the relative default
 * {@code hub.data-dir} ({@code ./data}), and a working directory that is not the repository. Only the ports are
 * free ones, so the test runs beside anything else. Health must be UP, every channel and the demo EDI partner must
 * deliver orders, every channel must confirm the stock it is told, and the partner's 850 must get its 997 and 855.
 */
class DefaultRunTest {

    private static final List<String> CHANNELS = List.of("shopify", "woocommerce", "amazon", "ebay", "trendyol",
            "hepsiburada", "n11", "pos", "edi");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ObjectMapper json = new ObjectMapper();
    private Process hub;

    @AfterEach
    void stop() throws InterruptedException {
        if (hub != null) {
            hub.destroy();
            if (!hub.waitFor(60, TimeUnit.SECONDS)) {
                hub.destroyForcibly();
            }
        }
    }

    @Test
    void theDefaultRunIsHealthyAndOrdersFlowOnEveryChannelAndEdi() throws Exception {
        Path workingDir = Files.createTempDirectory("order-hub-default-run");
        Path repository = Path.of("").toAbsolutePath();
        int port = FreePorts.next();
        String classpath = System.getProperty("java.class.path");
        Path log = workingDir.resolve("hub.log");
        hub = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classpath, OrderHubApplication.class.getName(),
                "--hub.home=" + repository, "--server.port=" + port,
                "--hub.sandbox.port=" + FreePorts.next(), "--hub.sandbox.sftp-port=" + FreePorts.next())
                .directory(workingDir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();

        String base = "http://127.0.0.1:" + port;
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions().untilAsserted(() -> {
            assertThat(hub.isAlive()).as(tail(log)).isTrue();
            HttpResponse<String> health = get(base + "/actuator/health", false);
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(json.readTree(health.body()).path("status").asText()).isEqualTo("UP");
        });

        // the demo partner's first 850 comes after hub.sandbox.edi-interval (30 s); every channel before that
        List<String> missing = new ArrayList<>(CHANNELS);
        await().atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            missing.removeIf(channel -> total(base, channel) > 0);
            assertThat(missing).as("channels without an order yet").isEmpty();
        });

        // every channel that lists a SKU the merchant fulfils has been told its stock and confirmed a quantity (the
        // sandbox's orders move it all the time, so it may be told the next one already)
        Map<String, String> listed = Map.of("shopify", "MUG-CER-12-BLU", "woocommerce", "MUG-CER-12-BLU",
                "amazon", "MUG-CER-12-BLU", "ebay", "KET-GLS-1L", "trendyol", "TR-CAY-SET6",
                "hepsiburada", "TR-CAY-SET6", "n11", "TR-CAY-SET6");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            for (Map.Entry<String, String> listing : listed.entrySet()) {
                assertThat(confirmed(base, listing.getValue(), listing.getKey()))
                        .as(listing.getKey() + " " + listing.getValue()).isNotEmpty();
            }
        });

        Path outbound = workingDir.resolve("data/sftp/demo-partner/outbound");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(names(outbound))
                .anyMatch(f -> f.startsWith("997-")).anyMatch(f -> f.startsWith("855-")));
        // the partner's file moves to processed/ once its exchange completes, a moment after the 997 is written
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(names(workingDir.resolve(
                "data/sftp/demo-partner/inbound/processed"))).isNotEmpty());
        assertThat(get(base + "/actuator/health", false).statusCode()).isEqualTo(200);
        assertThat(Files.readString(log)).doesNotContain("Cannot get current directory");
    }

    /** When the channel's listings of the SKU last confirmed a quantity. */
    private List<String> confirmed(String base, String sku, String channel) throws IOException, InterruptedException {
        List<String> confirmedAt = new ArrayList<>();
        for (JsonNode listing : json.readTree(get(base + "/api/inventory/" + sku, true).body()).path("channels")) {
            if (listing.path("channel").asText().equals(channel) && listing.hasNonNull("confirmedAt")) {
                confirmedAt.add(listing.path("confirmedAt").asText());
            }
        }
        return confirmedAt;
    }

    private long total(String base, String channel) {
        try {
            HttpResponse<String> response = get(base + "/api/orders?size=1&channel=" + channel, true);
            JsonNode page = json.readTree(response.body());
            return page.path("total").asLong();
        } catch (IOException | InterruptedException e) {
            return 0;
        }
    }

    private HttpResponse<String> get(String url, boolean authenticated) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
        if (authenticated) {
            request.header("Authorization", SandboxLogins.basic(SandboxLogins.VIEWER));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<String> names(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString()).toList();
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "no log";
        }
    }
}
