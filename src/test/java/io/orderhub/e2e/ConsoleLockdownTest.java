package io.orderhub.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderhub.sandbox.SandboxLogins;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hawtio's Jolokia under src/main/resources/jolokia-access.xml and the roles (security/JolokiaAccess): what a
 * viewer and an operator may call, what nobody may, and the console session's CSRF token and SameSite cookies.
 */
class ConsoleLockdownTest extends HubTestSupport {

    private static final String CONTEXT = "org.apache.camel:context=order-hub,type=context,name=\\\"order-hub\\\"";
    private static final String ROUTE = "org.apache.camel:context=order-hub,type=routes,name=\\\"status-update\\\"";

    @Test
    void aViewerReadsTheRoutesButCannotControlThem() {
        TestRestTemplate viewer = as(SandboxLogins.VIEWER);

        assertThat(jolokia(viewer, "{\"type\": \"read\", \"mbean\": \"" + ROUTE + "\", \"attribute\": \"State\"}")
                .path("value").asText()).isEqualTo("Started");
        assertThat(jolokia(viewer, "{\"type\": \"list\", \"path\": \"org.apache.camel\"}").path("status").asInt())
                .isEqualTo(200);
        assertThat(exec(viewer, ROUTE, "start()").path("status").asInt()).isEqualTo(403);
        assertThat(exec(viewer, ROUTE, "stop()").path("status").asInt()).isEqualTo(403);
        // Hawtio draws the route diagram from this dump, without the placeholders resolved
        JsonNode diagram = exec(viewer, CONTEXT, "dumpRoutesAsXml()");
        assertThat(diagram.path("status").asInt()).isEqualTo(200);
        assertThat(diagram.path("value").asText()).contains("status-update");
    }

    @Test
    void hawtioOffersEachLoginTheOperationsItsRoleAllows() {
        String ask = "{\"type\": \"exec\", \"mbean\": \"hawtio:type=security,area=jmx,name=OrderHubRoles\", "
                + "\"operation\": \"canInvoke(java.lang.String,java.lang.String)\", \"arguments\": [\"" + ROUTE
                + "\", \"%s\"]}";

        assertThat(jolokia(as(SandboxLogins.VIEWER), ask.formatted("stop()")).path("value").asBoolean()).isFalse();
        assertThat(jolokia(as(SandboxLogins.VIEWER), ask.formatted("dumpRouteStatsAsXml(boolean,boolean)"))
                .path("value").asBoolean()).isTrue();
        assertThat(jolokia(ops(), ask.formatted("stop()")).path("value").asBoolean()).isTrue();
        assertThat(jolokia(ops(), ask.formatted("remove()")).path("value").asBoolean()).isFalse();
        // Hawtio's own stand-in, which answers yes to everything, is gone
        assertThat(jolokia(ops(), "{\"type\": \"search\", \"mbean\": \"hawtio:type=security,area=jmx,*\"}")
                .path("value").toString()).contains("OrderHubRoles").doesNotContain("HawtioDummyJMXSecurity");
    }

    @Test
    void anOperatorStartsAndStopsRoutes() {
        // start on a started route changes nothing: the call is allowed and done
        assertThat(exec(ops(), ROUTE, "start()").path("status").asInt()).isEqualTo(200);
        assertThat(jolokia(ops(), "{\"type\": \"read\", \"mbean\": \"" + ROUTE + "\", \"attribute\": \"State\"}")
                .path("value").asText()).isEqualTo("Started");
    }

    @Test
    void nobodyMayCallTheOperationsThatReachPastTheRoutes() {
        for (String[] call : new String[][] {
                {CONTEXT, "sendBody(java.lang.String,java.lang.Object)", "\"http://169.254.169.254/latest\"", "\"x\""},
                {CONTEXT, "requestBody(java.lang.String,java.lang.Object)", "\"file:/tmp\"", "\"x\""},
                {CONTEXT, "dumpRoutesAsXml(boolean)", "true"},
                {CONTEXT, "dumpRoutesAsXml(boolean,boolean)", "true", "false"},
                {CONTEXT, "stop()"},
                {CONTEXT, "suspend()"},
                {ROUTE, "remove()"},
                {"com.sun.management:type=HotSpotDiagnostic", "dumpHeap(java.lang.String,boolean)", "\"/tmp/h\"",
                        "true"},
                {"com.sun.management:type=DiagnosticCommand", "gcHeapInfo()"},
                {"jdk.management.jfr:type=FlightRecorder", "newRecording()"},
                {"java.lang:type=Memory", "gc()"},
                {"org.apache.activemq.artemis:broker=\\\"order-hub\\\",component=addresses,address=\\\"hub.delivery"
                        + ".wms\\\",subcomponent=queues,routing-type=\\\"anycast\\\",queue=\\\"hub.delivery.wms\\\"",
                        "removeAllMessages()"}}) {
            String[] args = java.util.Arrays.copyOfRange(call, 2, call.length);
            assertThat(exec(ops(), call[0], call[1], args).path("status").asInt()).as(call[0] + " " + call[1])
                    .isEqualTo(403);
        }
        assertThat(jolokia(ops(), "{\"type\": \"write\", \"mbean\": \"" + ROUTE + "\", \"attribute\": "
                + "\"TracingEnabled\", \"value\": true}").path("status").asInt()).isEqualTo(403);
        assertThat(jolokia(ops(), "{\"type\": \"read\", \"mbean\": \"java.lang:type=Runtime\", \"attribute\": "
                + "\"SystemProperties\"}").path("status").asInt()).isEqualTo(403);
        // POST only: a GET is what a link or an <img> on another site would send
        ResponseEntity<JsonNode> get = ops().getForEntity("/actuator/jolokia/exec/java.lang:type=Memory/gc",
                JsonNode.class);
        assertThat(get.getBody().path("status").asInt(get.getStatusCode().value())).isIn(403, 405);
        ResponseEntity<JsonNode> read = ops().getForEntity("/actuator/jolokia/read/java.lang:type=Memory",
                JsonNode.class);
        assertThat(read.getBody().path("status").asInt(read.getStatusCode().value())).isIn(403, 405);
    }

    @Test
    void theConsoleSessionNeedsItsCsrfTokenAndItsCookiesStayOnThisSite() throws Exception {
        CookieManager cookies = new CookieManager();
        HttpClient browser = HttpClient.newBuilder().cookieHandler(cookies).build();
        String base = rest.getRootUri();

        HttpResponse<String> form = browser.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofString());
        Matcher token = Pattern.compile("name=\"_csrf\" type=\"hidden\" value=\"([^\"]+)\"").matcher(form.body());
        assertThat(token.find()).as("the login form carries the token").isTrue();
        assertThat(form.headers().allValues("Set-Cookie")).anySatisfy(c -> assertThat(c).startsWith("XSRF-TOKEN=")
                .contains("SameSite=Strict"));
        HttpResponse<String> login = browser.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=ops&password=ops-sandbox&_csrf="
                        + URLEncoder.encode(token.group(1), StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().firstValue("Location").orElse("")).endsWith("/console/");
        assertThat(login.headers().allValues("Set-Cookie")).anySatisfy(c -> assertThat(c).startsWith("JSESSIONID=")
                .contains("SameSite=Strict").contains("HttpOnly"));

        String read = "{\"type\": \"read\", \"mbean\": \"" + ROUTE + "\", \"attribute\": \"State\"}";
        HttpResponse<String> withoutToken = browser.send(HttpRequest.newBuilder(URI.create(base + "/actuator/jolokia"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(read)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(withoutToken.statusCode()).as("a write in the session without the token").isEqualTo(403);
        String xsrf = cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN"))
                .map(HttpCookie::getValue).findFirst().orElseThrow();
        HttpResponse<String> withToken = browser.send(HttpRequest.newBuilder(URI.create(base + "/actuator/jolokia"))
                .header("Content-Type", "application/json").header("X-XSRF-TOKEN", xsrf)
                .POST(HttpRequest.BodyPublishers.ofString(read)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(withToken.statusCode()).isEqualTo(200);
        assertThat(new ObjectMapper().readTree(withToken.body()).path("value").asText()).isEqualTo("Started");

        // the operations console calls the API in the same session: reads as the login, writes only with the token
        HttpResponse<String> me = browser.send(HttpRequest.newBuilder(URI.create(base + "/api/me")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(new ObjectMapper().readTree(me.body()).path("user").asText()).isEqualTo("ops");
        assertThat(me.headers().allValues("Set-Cookie")).as("the API sets no cookie").isEmpty();
        String retry = "{\"keys\": [\"no-such-key\"]}";
        HttpResponse<String> apiWithoutToken = browser.send(HttpRequest.newBuilder(URI.create(base
                        + "/api/deliveries/retry")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(retry)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(apiWithoutToken.statusCode()).as("an API write in the session without the token").isEqualTo(403);
        HttpResponse<String> apiWithToken = browser.send(HttpRequest.newBuilder(URI.create(base
                        + "/api/deliveries/retry")).header("Content-Type", "application/json").header("X-XSRF-TOKEN", xsrf)
                .POST(HttpRequest.BodyPublishers.ofString(retry)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(apiWithToken.statusCode()).isEqualTo(202);
        assertThat(new ObjectMapper().readTree(apiWithToken.body()).path("retried").asInt()).isZero();
        HttpResponse<String> page = browser.send(HttpRequest.newBuilder(URI.create(base + "/console/"))
                .header("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("/console/console.js");
    }

    @Test
    void aProgramsBasicCallToTheApiGetsNoSession() {
        ResponseEntity<JsonNode> orders = rest.withBasicAuth("viewer", "viewer-sandbox")
                .getForEntity("/api/orders?size=1", JsonNode.class);
        assertThat(orders.getStatusCode().value()).isEqualTo(200);
        assertThat(orders.getHeaders().get(HttpHeaders.SET_COOKIE)).as("no session, no token cookie").isNull();
        assertThat(rest.getForEntity("/console/", String.class).getStatusCode().value())
                .as("the console without a login").isIn(302, 401);
    }

    private static JsonNode exec(TestRestTemplate caller, String mbean, String operation, String... arguments) {
        return jolokia(caller, "{\"type\": \"exec\", \"mbean\": \"" + mbean + "\", \"operation\": \"" + operation
                + "\", \"arguments\": [" + String.join(", ", List.of(arguments)) + "]}");
    }

    private static JsonNode jolokia(TestRestTemplate caller, String request) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        ResponseEntity<JsonNode> response = caller.exchange("/actuator/jolokia", HttpMethod.POST,
                new HttpEntity<>(request, headers), JsonNode.class);
        assertThat(response.getStatusCode().value()).as("Jolokia answers in its body").isIn(200, 403);
        return response.getBody();
    }
}
