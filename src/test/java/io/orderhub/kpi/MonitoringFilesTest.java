package io.orderhub.kpi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Grafana dashboard and the alert rules in monitoring/ read only metrics the hub makes, under the names the
 * README documents: a renamed meter would otherwise leave a panel empty and an alert silent without anyone seeing.
 */
class MonitoringFilesTest {

    private static final Pattern METRIC = Pattern.compile("\\bhub_[a-z_]+");

    @Test
    void theDashboardAndTheAlertsReadMetricsTheHubMakes() throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(Path.of("monitoring/grafana/order-hub.json").toFile());
        List<String> expressions = new ArrayList<>(dashboard.findValuesAsText("expr"));
        JsonNode alerts = new ObjectMapper(new YAMLFactory())
                .readTree(Path.of("monitoring/prometheus/order-hub-alerts.yaml").toFile());
        for (JsonNode rule : alerts.path("groups").get(0).path("rules")) {
            assertThat(rule.path("annotations").path("summary").asText()).as(rule.path("alert").asText()).isNotBlank();
            expressions.add(rule.path("expr").asText());
        }
        assertThat(expressions).hasSizeGreaterThan(20);

        String code = javaSources();
        String readme = Files.readString(Path.of("README.md"));
        Set<String> metrics = new TreeSet<>();
        for (String expression : expressions) {
            Matcher m = METRIC.matcher(expression);
            while (m.find()) {
                metrics.add(m.group());
            }
        }
        for (String metric : metrics) {
            String meter = metric.replaceAll("_(bucket|count|sum)$", "");
            assertThat(documented(readme, meter)).as(metric + " is documented in the README").isTrue();
            String base = meter.replaceAll("_total$", "");
            assertThat(Stream.of(meter, base, base.replace('_', '.'), base.replaceAll("_seconds$", "").replace('_', '.'))
                    .anyMatch(name -> code.contains("\"" + name + "\""))).as(metric + " is made by the hub").isTrue();
        }
        assertThat(metrics).contains("hub_order_processing_seconds_bucket", "hub_order_errors_total",
                "hub_channel_sync_lag_seconds_bucket", "hub_order_fulfillment_shipped_total",
                "hub_deliveries_oldest_pending_seconds");
    }

    /** Named as itself (not as the start of a longer name), or under a family such as {@code hub_stock_*}. */
    private static boolean documented(String readme, String meter) {
        if (Pattern.compile("\\b" + meter + "(?![a-z_])").matcher(readme).find()) {
            return true;
        }
        for (String family = meter; family.contains("_"); family = family.substring(0, family.lastIndexOf('_'))) {
            if (readme.contains("`" + family + "_*`") || readme.contains("`" + family + "*`")) {
                return true;
            }
        }
        return false;
    }

    private static String javaSources() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            return files.filter(f -> f.toString().endsWith(".java")).map(f -> {
                try {
                    return Files.readString(f);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }).collect(Collectors.joining("\n"));
        }
    }
}
