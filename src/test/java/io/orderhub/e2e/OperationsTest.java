package io.orderhub.e2e;

import com.dashjoin.jsonata.Jsonata;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.orderhub.sandbox.SandboxLogins;
import org.apache.camel.Route;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.Model;
import org.apache.camel.model.RouteTemplateDefinition;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** What operations rely on: every connector and mapping loads, routes show in Jolokia/Hawtio, health and metrics. */
class OperationsTest extends HubTestSupport {

    @Test
    void everyConnectorInstantiates() throws Exception {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        List<Path> kamelets;
        try (Stream<Path> files = Files.list(Path.of("connectors"))) {
            kamelets = files.filter(f -> f.toString().endsWith(".kamelet.yaml")).sorted().toList();
        }
        assertThat(kamelets).isNotEmpty();
        for (Path file : kamelets) {
            JsonNode kamelet = yaml.readTree(file.toFile());
            String name = kamelet.path("metadata").path("name").asText();
            assertThat(file.getFileName().toString()).isEqualTo(name + ".kamelet.yaml");
            assertThat(name).matches("[a-z0-9]+(-[a-z0-9]+)*-(source|sink|action)");
            assertThat(kamelet.path("metadata").path("labels").path("camel.apache.org/kamelet.type").asText())
                    .isEqualTo(name.substring(name.lastIndexOf('-') + 1));
            RouteTemplateDefinition template = camel.getCamelContextExtension()
                    .getContextPlugin(Model.class).getRouteTemplateDefinition(name);
            assertThat(template).as("route template of " + name).isNotNull();
            instantiate(name, kamelet);
        }
    }

    /** Uses the Kamelet from a route that is never started: creating the route builds the Kamelet's route. */
    private void instantiate(String name, JsonNode kamelet) throws Exception {
        List<String> parameters = new java.util.ArrayList<>();
        JsonNode definition = kamelet.path("spec").path("definition");
        definition.path("required").forEach(p -> parameters.add(p.asText() + "="
                + definition.path("properties").path(p.asText()).path("example").asText("http://localhost:1/" + p.asText())));
        String uri = "kamelet:" + name + "?" + String.join("&", parameters);
        Set<String> before = camel.getRoutes().stream().map(Route::getRouteId).collect(Collectors.toSet());
        String routeId = "startup-check-" + name;
        boolean source = name.endsWith("-source");
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                if (source) {
                    from(uri).routeId(routeId).autoStartup(false).to("log:startup-check");
                } else {
                    from("direct:" + routeId).routeId(routeId).autoStartup(false).to(uri);
                }
            }
        });
        List<String> created = camel.getRoutes().stream().map(Route::getRouteId).filter(id -> !before.contains(id)).toList();
        assertThat(created).as("routes created by using " + name).contains(routeId).anyMatch(id -> id.startsWith(name + "-"));
        for (String id : created) {
            camel.getRouteController().stopRoute(id);
            camel.removeRoute(id);
        }
    }

    @Test
    void everyMappingCompiles() throws IOException {
        List<Path> mappings;
        try (Stream<Path> files = Files.walk(Path.of("mappings"))) {
            mappings = files.filter(f -> f.toString().endsWith(".jsonata")).sorted().toList();
        }
        assertThat(mappings).extracting(p -> p.getParent().getFileName() + "/" + p.getFileName())
                .contains("shopify/to-canonical.jsonata", "wms/from-canonical.jsonata");
        for (Path mapping : mappings) {
            assertThat(Jsonata.jsonata(Files.readString(mapping))).as(mapping.toString()).isNotNull();
        }
    }

    @Test
    void jolokiaListsTheCamelRoutesForPeopleOnly() {
        String search = "{\"type\": \"search\", \"mbean\": \"org.apache.camel:type=routes,*\"}";

        ResponseEntity<JsonNode> response = jolokia(ops(), search);

        assertThat(response.getStatusCode().value()).isEqualTo(200);
        String routes = response.getBody().path("value").toString();
        assertThat(routes).contains("name=\\\"ingest-shopify\\\"", "name=\\\"poll-shopify\\\"",
                "name=\\\"deliver-wms\\\"", "name=\\\"deliver-events\\\"", "name=\\\"status-update\\\"");
        // routes made from Kamelets are registered too (camel.main.jmx-management-register-routes-create-by-kamelet)
        assertThat(routes).contains("shopify-orders-source");
        assertThat(jolokia(rest, search).getStatusCode().value()).isEqualTo(401);
        assertThat(jolokia(api(), search).getStatusCode().value()).isEqualTo(403);
    }

    @Test
    void routeStatisticsAreReadable() {
        JsonNode value = jolokia(as(SandboxLogins.VIEWER), "{\"type\": \"read\", \"mbean\": "
                + "\"org.apache.camel:context=order-hub,type=routes,name=\\\"accept-order\\\"\", "
                + "\"attribute\": \"ExchangesTotal\"}").getBody();
        assertThat(value.path("status").asInt()).isEqualTo(200);
        assertThat(value.path("value").isNumber()).isTrue();
    }

    @Test
    void hawtioIsServedToOperators() {
        ResponseEntity<String> page = ops().getForEntity("/actuator/hawtio/", String.class);
        assertThat(page.getStatusCode().value()).isEqualTo(200);
        assertThat(page.getBody()).containsIgnoringCase("hawtio");
        // without a login the console is not shown: a browser lands on the login form, a program gets 401
        HttpHeaders browser = new HttpHeaders();
        browser.setAccept(List.of(MediaType.TEXT_HTML));
        assertThat(rest.exchange("/actuator/hawtio/", HttpMethod.GET, new HttpEntity<>(browser), String.class)
                .getBody()).contains("Please sign in").doesNotContainIgnoringCase("hawtio");
        ResponseEntity<String> program = rest.getForEntity("/actuator/hawtio/", String.class);
        assertThat(program.getStatusCode().value()).isEqualTo(401);
        assertThat(program.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Basic");
    }

    @Test
    void healthIsOpenForProbesAndMetricsNeedTheScrapeLogin() {
        ResponseEntity<JsonNode> health = rest.getForEntity("/actuator/health", JsonNode.class);
        assertThat(health.getStatusCode().value()).isEqualTo(200);
        assertThat(health.getBody().path("status").asText()).isEqualTo("UP");
        assertThat(health.getBody().has("components")).as("details only to a login").isFalse();
        assertThat(rest.getForEntity("/actuator/prometheus", String.class).getStatusCode().value()).isEqualTo(401);
        ResponseEntity<String> metrics = as(SandboxLogins.METRICS).getForEntity("/actuator/prometheus", String.class);
        assertThat(metrics.getStatusCode().value()).isEqualTo(200);
        assertThat(metrics.getBody()).contains("jvm_memory_used_bytes");
    }

    static ResponseEntity<JsonNode> jolokia(TestRestTemplate caller, String request) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return caller.exchange("/actuator/jolokia", HttpMethod.POST, new HttpEntity<>(request, headers),
                JsonNode.class);
    }
}
