package io.orderhub.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderhub.canonical.OrderIds;
import io.orderhub.sandbox.SandboxLogins;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may do what (README, "Security"), through the real filter chains and controllers: each role, each
 * integration's scope, and what anonymous callers get.
 */
class AccessControlTest extends HubTestSupport {

    @Test
    void anonymousCallersGet401EverywhereButHealth() {
        for (String path : List.of("/api/orders", "/api/deliveries", "/api/errors", "/api/catalog/products",
                "/api/stock", "/actuator/prometheus", "/actuator/info", "/actuator/hawtio/", "/")) {
            assertThat(status(rest, HttpMethod.GET, path, null)).as(path).isEqualTo(401);
        }
        for (String path : List.of("/api/orders/any/release", "/api/channels/shopify/orders",
                "/api/deliveries/retry", "/actuator/jolokia")) {
            assertThat(status(rest, HttpMethod.POST, path, "{}")).as(path).isEqualTo(401);
        }
        for (String probe : List.of("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness")) {
            ResponseEntity<JsonNode> health = rest.getForEntity(probe, JsonNode.class);
            assertThat(health.getStatusCode().value()).as(probe).isEqualTo(200);
            assertThat(health.getBody().path("status").asText()).as(probe).isEqualTo("UP");
            assertThat(health.getBody().has("components")).as(probe + ": no details without a login").isFalse();
        }
        assertThat(as(SandboxLogins.VIEWER).getForEntity("/actuator/health", JsonNode.class).getBody()
                .has("components")).as("a viewer sees the details").isTrue();
    }

    @Test
    void aViewerReadsButChangesNothingAndSeesNoContactOrStreet() {
        String orderId = ingest(7_810_000_001L);
        TestRestTemplate viewer = as(SandboxLogins.VIEWER);

        JsonNode seen = viewer.getForEntity("/api/orders/" + orderId, JsonNode.class).getBody();
        assertThat(seen.path("customer").path("email").asText()).isEqualTo("d***@example.com");
        assertThat(seen.path("customer").path("phone").asText()).isEqualTo("***42");
        assertThat(seen.path("shipTo").path("line1").asText()).isEqualTo("4***");
        assertThat(seen.path("customer").path("name").asText()).as("names stay").isNotBlank();
        JsonNode listed = viewer.getForEntity("/api/orders?channel=shopify&size=200", JsonNode.class).getBody();
        assertThat(listed.path("items").findValuesAsText("email")).isNotEmpty()
                .allSatisfy(email -> assertThat(email).contains("***"));
        JsonNode operatorSees = ops().getForEntity("/api/orders/" + orderId, JsonNode.class).getBody();
        assertThat(operatorSees.path("customer").path("email").asText()).isEqualTo("dana.whitfield@example.com");
        assertThat(operatorSees.path("shipTo").path("line1").asText()).isEqualTo("418 Alder Street");

        assertThat(status(viewer, HttpMethod.GET, "/api/deliveries", null)).isEqualTo(200);
        assertThat(status(viewer, HttpMethod.GET, "/api/errors", null)).isEqualTo(200);
        assertThat(status(viewer, HttpMethod.GET, "/api/orders/" + orderId + "/documents", null)).isEqualTo(200);
        assertThat(status(viewer, HttpMethod.GET, "/api/catalog/products", null)).isEqualTo(200);
        for (String[] call : new String[][] {
                {"POST", "/api/orders/" + orderId + "/release", "{}"},
                {"POST", "/api/orders/" + orderId + "/status", "{\"status\": \"CANCELED\"}"},
                {"POST", "/api/deliveries/retry", "{\"destination\": \"wms\"}"},
                {"POST", "/api/deliveries/any/retry", "{}"},
                {"POST", "/api/errors/any/replay", "{}"},
                {"GET", "/api/edi/documents/any/body", null},
                {"PUT", "/api/catalog/products/ACL-1", "{\"title\": \"x\", \"weightGrams\": 1}"},
                {"POST", "/api/catalog/reload", "{}"},
                {"POST", "/api/stock", "{}"},
                {"POST", "/api/channels/shopify/orders", "{}"},
                {"POST", "/api/privacy/erasure", "{\"email\": \"a@b.c\"}"}}) {
            assertThat(status(viewer, HttpMethod.valueOf(call[0]), call[1], call[2])).as(call[0] + " " + call[1])
                    .isEqualTo(403);
        }
        assertThat(order(orderId).path("history").findValuesAsText("status")).as("nothing a viewer did")
                .doesNotContain("CANCELED");
    }

    @Test
    void onlyAnOperatorSeesARawPayloadAndADocumentBody() {
        String broken = "{\"id\": 7810000011, \"email\": \"kim.ode@example.com\", \"name\": }";
        String errorId = post("/api/channels/shopify/orders", broken).getBody().path("errorId").asText();

        JsonNode viewerSees = as(SandboxLogins.VIEWER).getForEntity("/api/errors/" + errorId, JsonNode.class)
                .getBody();
        assertThat(viewerSees.path("stage").asText()).isEqualTo("parse");
        assertThat(viewerSees.has("rawPayload")).isFalse();
        JsonNode page = ops().getForEntity("/api/errors?channel=shopify&size=200", JsonNode.class).getBody();
        assertThat(page.path("items").findValuesAsText("errorId")).contains(errorId);
        assertThat(page.path("items").findValues("rawPayload")).as("lists never carry payloads").isEmpty();
        assertThat(ops().getForEntity("/api/errors/" + errorId, JsonNode.class).getBody().path("rawPayload").asText())
                .isEqualTo(broken);
        String discard = "{\"reason\": \"a test order, never to be taken\"}";
        assertThat(status(as(SandboxLogins.VIEWER), HttpMethod.POST, "/api/errors/" + errorId + "/discard", discard))
                .isEqualTo(403);
        JsonNode discarded = ops().postForObject("/api/errors/" + errorId + "/discard", json(discard), JsonNode.class);
        assertThat(discarded.path("replayState").asText()).isEqualTo("DISCARDED");
        assertThat(discarded.path("replayResult").asText()).isEqualTo("discarded by ops: a test order, never to be taken");
        assertThat(status(ops(), HttpMethod.POST, "/api/errors/" + errorId + "/replay", "")).isEqualTo(409);
        assertThat(status(ops(), HttpMethod.POST, "/api/errors/" + errorId + "/discard", discard)).isEqualTo(409);

        assertThat(status(as(SandboxLogins.VIEWER), HttpMethod.GET, "/api/edi/documents/none/body", null))
                .isEqualTo(403);
        assertThat(status(ops(), HttpMethod.GET, "/api/edi/documents/none/body", null)).as("allowed, not there")
                .isEqualTo(404);
    }

    @Test
    void theCatalogAndErasureAreTheAdminsAlone() {
        String product = "{\"title\": \"Access test\", \"weightGrams\": 100}";
        assertThat(status(ops(), HttpMethod.PUT, "/api/catalog/products/ACL-2", product)).isEqualTo(403);
        assertThat(status(ops(), HttpMethod.POST, "/api/catalog/reload", "{}")).isEqualTo(403);
        assertThat(status(ops(), HttpMethod.POST, "/api/privacy/erasure", "{\"email\": \"a@b.c\"}")).isEqualTo(403);
        assertThat(status(as(SandboxLogins.ADMIN), HttpMethod.PUT, "/api/catalog/products/ACL-2", product))
                .isEqualTo(200);
        assertThat(status(as(SandboxLogins.ADMIN), HttpMethod.POST, "/api/privacy/erasure", "{}")).isEqualTo(400);
    }

    @Test
    void anIntegrationPostsOnlyWhatItsScopesAllow() {
        String orderId = ingest(7_810_000_021L);
        TestRestTemplate wms = rest.withBasicAuth("wms", "wms-sandbox");
        TestRestTemplate ups = rest.withBasicAuth("ups", "ups-sandbox");
        TestRestTemplate portal = rest.withBasicAuth("portal", "portal-sandbox");

        // allowed: the call gets past the door and is judged on what it says (here: nothing useful, so 400)
        assertThat(status(wms, HttpMethod.POST, "/api/orders/" + orderId + "/status", "{}")).isEqualTo(400);
        assertThat(status(wms, HttpMethod.POST, "/api/stock", "{}")).isEqualTo(400);
        assertThat(status(ups, HttpMethod.POST, "/api/carriers/ups/tracking", "not json")).isEqualTo(400);
        assertThat(status(portal, HttpMethod.POST, "/api/channels/b2b/orders?account=acme", "{")).isEqualTo(400);
        // refused: another system's call, another account, or anything a person does
        for (String[] call : new String[][] {
                {"wms", "POST", "/api/carriers/ups/tracking"}, {"wms", "POST", "/api/channels/shopify/orders"},
                {"wms", "GET", "/api/orders/" + orderId}, {"wms", "POST", "/api/orders/" + orderId + "/release"},
                {"ups", "POST", "/api/carriers/dhl/tracking"}, {"ups", "POST", "/api/orders/" + orderId + "/status"},
                {"ups", "POST", "/api/stock"},
                {"portal", "POST", "/api/channels/b2b/orders"}, {"portal", "POST", "/api/channels/b2b/orders?account=x"},
                {"portal", "POST", "/api/channels/shopify/orders"}, {"portal", "GET", "/api/orders"},
                {"hub", "GET", "/api/orders/" + orderId}, {"hub", "POST", "/api/errors/any/replay"},
                {"hub", "POST", "/api/orders/" + orderId + "/release"}, {"prometheus", "GET", "/api/orders"}}) {
            TestRestTemplate caller = rest.withBasicAuth(call[0], call[0].equals("hub") ? "hub-sandbox"
                    : call[0] + "-sandbox");
            assertThat(status(caller, HttpMethod.valueOf(call[1]), call[2], "{}"))
                    .as(call[0] + " " + call[1] + " " + call[2]).isEqualTo(403);
        }
        assertThat(status(as(SandboxLogins.METRICS), HttpMethod.GET, "/actuator/prometheus", null)).isEqualTo(200);
        assertThat(status(rest.withBasicAuth("wms", "wrong"), HttpMethod.GET, "/api/orders", null)).isEqualTo(401);
        assertThat(wms.getForEntity("/api/orders", JsonNode.class).getBody().path("error").asText())
                .isEqualTo("forbidden: this login's roles and scopes do not allow GET /api/orders (README, \"Security\")");
    }

    private String ingest(long id) {
        ResponseEntity<JsonNode> accepted = post("/api/channels/shopify/orders?account=" + ACCOUNT,
                shopifyOrder("order-basic.json", id));
        assertThat(accepted.getStatusCode().value()).isEqualTo(202);
        return OrderIds.orderId("shopify", ACCOUNT, String.valueOf(id));
    }

    private static int status(TestRestTemplate caller, HttpMethod method, String path, String body) {
        return caller.exchange(path, method, json(body), String.class).getStatusCode().value();
    }

    private static HttpEntity<String> json(String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return new HttpEntity<>(body, headers);
    }
}
