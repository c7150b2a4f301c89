package io.orderhub.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Camel 4.18.0 predates fixes of camel-http (credentials sent on across a redirect to another host, placeholders
 * resolved inside a CamelHttpUri header). The releases with them are not reachable, so the hub keeps their
 * mitigations, and these tests keep them: no redirect is followed, and no data from outside becomes part of a URL
 * unchecked.
 */
class HttpAdvisoryMitigationsTest extends HubTestSupport {

    @Autowired
    ProducerTemplate producer;
    private HttpServer carrier;
    private HttpServer elsewhere;
    private final List<String> carrierSaw = new CopyOnWriteArrayList<>();
    private final List<String> elsewhereSaw = new CopyOnWriteArrayList<>();

    @BeforeEach
    void servers() throws IOException {
        elsewhere = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        elsewhere.createContext("/", exchange -> {
            elsewhereSaw.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " "
                    + exchange.getRequestHeaders().getFirst("Authorization"));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        carrier = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        carrier.createContext("/", exchange -> {
            carrierSaw.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
            exchange.getResponseHeaders().add("Location", "http://localhost:" + elsewhere.getAddress().getPort()
                    + "/collect");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        elsewhere.start();
        carrier.start();
    }

    @AfterEach
    void stop() {
        carrier.stop(0);
        elsewhere.stop(0);
    }

    @Test
    void aRedirectToAnotherHostIsNotFollowedWithTheCredentials() throws Exception {
        Exchange answer = call("1Z999AA10123456784");

        assertThat(carrierSaw).containsExactly("DELETE /void/1Z999AA10123456784");
        assertThat(answer.getException()).as("a 302 fails the call").isNotNull()
                .hasMessageContaining("statusCode: 302");
        assertThat(elsewhereSaw).as("the other host got nothing, no Authorization above all").isEmpty();
    }

    @Test
    void aShipmentIdThatIsNoPlainPathSegmentNeverReachesAUrl() throws Exception {
        for (String id : List.of("{{hub.security.api-password}}", "../../admin", "1Z9?x=1", "a b")) {
            Exchange answer = call(id);

            assertThat(answer.getException()).as(id).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("a carrier shipment id must be");
        }
        assertThat(carrierSaw).as("no call made").isEmpty();
    }

    @Test
    void aChannelOrderIdWithAPlaceholderIsRefusedAtIntake() {
        String order = shopifyOrder("order-basic.json", 7_830_000_001L)
                .replace("\"id\": 7830000001", "\"id\": \"{{hub.security.api-password}}\"");

        ResponseEntity<JsonNode> refused = post("/api/channels/shopify/orders", order);

        assertThat(refused.getStatusCode().value()).isEqualTo(422);
        assertThat(refused.getBody().path("error").asText()).contains("channelOrderId");
        assertThat(refused.getBody().path("errorId").asText()).as("kept in the error store").isNotBlank();
    }

    /** The void call as the carrier routes make it, from a route of its own (a Kamelet takes its caller's errors). */
    private Exchange call(String shipmentId) throws Exception {
        if (camel.getRoute("http-advisory-void") == null) {
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:http-advisory-void").routeId("http-advisory-void")
                            .toD("kamelet:carrier-shipment-id-sink?url=RAW(${header.voidUrl})&method=DELETE"
                                    + "&authorization=RAW(Bearer carrier-secret)");
                }
            });
        }
        String url = "http://127.0.0.1:" + carrier.getAddress().getPort() + "/void";
        return producer.request("direct:http-advisory-void", exchange -> {
            exchange.getMessage().setHeader("voidUrl", url);
            exchange.getMessage().setBody(shipmentId);
        });
    }
}
