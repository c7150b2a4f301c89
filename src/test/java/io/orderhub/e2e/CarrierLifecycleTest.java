package io.orderhub.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderhub.canonical.OrderIds;
import io.orderhub.sandbox.CarrierSimulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The carriers beside the first four, through the real routes and simulators that speak their protocols: Yurtiçi
 * and Aras over SOAP (a label once, also when the answer was lost to a timeout; tracking asked, since they never
 * push, until DELIVERED; a cancel that cancels the shipment), USPS by the rules for the service the buyer chose, and
 * the OAuth client-credentials tokens of UPS, FedEx and USPS, replaced when the carrier refuses one.
 */
class CarrierLifecycleTest extends HubTestSupport {

    /**
     * Every carrier, as the rules choose it: a label request that times out after the carrier made the label is not
     * bought again (the carrier is asked for the label of the order's reference), and a cancel voids the label at
     * the carrier. USPS finds no label by reference: the delivery stops for an operator instead of buying blind.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "ups     | US | Portland | Standard Shipping     | UPS",
        "fedex   | US | Portland | Express Shipping      | FedEx",
        "dhl     | DE | Berlin   | Standard Shipping     | DHL",
        "usps    | US | Portland | USPS Ground Advantage | USPS",
        "mng     | TR | İstanbul | MNG Kargo             | MNG",
        "yurtici | TR | Ankara   | Standard Shipping     | Yurtici Kargo",
        "aras    | TR | İzmir    | Aras Kargo            | Aras Kargo"})
    void aLabelWhoseAnswerWasLostIsNotBoughtTwiceAndACancelVoidsIt(String carrier, String country, String city,
                                                                    String method, String name) {
        long id = 7_810_000_000L + Math.abs(carrier.hashCode() % 100_000);
        String orderId = OrderIds.orderId("shopify", ACCOUNT, String.valueOf(id));
        String reference = carrier.equals("yurtici") || carrier.equals("aras") ? CarrierSimulator.soapKey(orderId)
                : orderId;
        wms.setReportProgress(false);
        // longer than the hub waits (camel.component.http.response-timeout in the tests: 3 s, also for SOAP)
        carriers.setAnswerDelay(Duration.ofSeconds(5));
        try {
            post("/api/channels/shopify/orders", shopifyOrder("order-basic.json", id)
                    .replace("\"country_code\": \"US\"", "\"country_code\": \"" + country + "\"")
                    .replace("\"city\": \"Portland\"", "\"city\": \"" + city + "\"")
                    .replace("\"title\": \"Standard Shipping\"", "\"title\": \"" + method + "\""));
            await().atMost(Duration.ofSeconds(15)).until(() -> attempts(orderId) >= 1);
            carriers.setAnswerDelay(Duration.ZERO);
            assertThat(order(orderId).path("fulfillment").path("carrier").asText()).isEqualTo(name);

            if (carrier.equals("usps")) {
                await().atMost(Duration.ofSeconds(20)).until(() -> "DEAD".equals(carrierDelivery(orderId)
                        .path("status").asText()));
                assertThat(carrierDelivery(orderId).path("lastError").asText())
                        .startsWith("outcome unknown").contains("check usps for a label of this order");
                assertThat(carriers.shipments()).filteredOn(s -> s.orderId().equals(reference)).hasSize(1);
                return;
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> "DELIVERED".equals(carrierDelivery(orderId)
                    .path("status").asText()));
            CarrierSimulator.Shipment label = carriers.shipments().stream()
                    .filter(s -> s.orderId().equals(reference)).reduce((a, b) -> {
                        throw new AssertionError(carrier + " made two labels: " + a + ", " + b);
                    }).orElseThrow();
            assertThat(label.carrier()).isEqualTo(carrier);
            assertThat(order(orderId).path("fulfillment").path("labelRef").asText()).isEqualTo(label.id());

            post("/api/orders/" + orderId + "/status", "{\"status\":\"CANCELED\",\"detail\":\"buyer changed mind\"}");
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(carriers.voided()).contains(label.id()));
        } finally {
            carriers.setAnswerDelay(Duration.ZERO);
            wms.setReportProgress(true);
        }
    }

    /**
     * Neither Turkish carrier pushes: the hub asks, Yurtiçi with queryShipment, Aras on its second service
     * (GetQueryJSON, the login and query as XML strings, the answer JSON in a string), until DELIVERED.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "yurtici | 7800000001 | Ankara | Standard Shipping | Yurtici Kargo | 40 | Kargo teslimatta | Alıcı adreste bulunamadı | Kargo teslim edilmiştir",
        "aras    | 7800000010 | İzmir  | Aras Kargo        | Aras Kargo    | 130 | YOLDA | TESLİM EDİLEMEDİ: alıcı adreste bulunamadı | TESLİM EDİLDİ"})
    void aTurkishParcelIsBookedOnceOverSoapAndFollowedByAskingUntilDelivered(String carrier, long id, String city,
            String method, String name, String numberPrefix, String onTheWay, String notDelivered, String delivered) {
        String orderId = placeTurkish(id, city, method);

        await().atMost(Duration.ofSeconds(60)).until(() -> "DELIVERED".equals(order(orderId).path("status").asText()));
        JsonNode order = order(orderId);
        assertThat(order.path("fulfillment").path("carrier").asText()).isEqualTo(name);
        String key = CarrierSimulator.soapKey(orderId);
        assertThat(order.path("fulfillment").path("labelRef").asText()).isEqualTo(key);
        assertThat(carriers.shipments()).filteredOn(s -> s.orderId().equals(key)).singleElement()
                .satisfies(s -> assertThat(s.carrier()).isEqualTo(carrier));
        // the carrier's own tracking number (Yurtiçi's docId, Aras's KARGO_TAKIP_NO) came with the first answer that
        // found the parcel on its way
        assertThat(order.path("fulfillment").path("trackingNumbers").toString()).contains("\"" + numberPrefix);
        assertThat(order.path("history").findValuesAsText("detail"))
                .anySatisfy(d -> assertThat(d).startsWith("in transit: " + onTheWay))
                .anySatisfy(d -> assertThat(d).startsWith("delivery failed: " + notDelivered))
                .anySatisfy(d -> assertThat(d).startsWith("delivered: " + delivered));
        assertThat(order.path("history").findValuesAsText("status")).containsOnlyOnce("DELIVERED");
    }

    @Test
    void aShipmentYurticiRefusesIsDeadAtOnceWithYurticisWords() {
        wms.setReportProgress(false);
        try {
            long id = 7_800_000_009L;
            String orderId = OrderIds.orderId("shopify", ACCOUNT, String.valueOf(id));
            post("/api/channels/shopify/orders", shopifyOrder("order-basic.json", id)
                    .replace("\"country_code\": \"US\"", "\"country_code\": \"TR\"")
                    .replace("\"city\": \"Portland\"", "\"city\": \"Ankara\"")
                    .replace("\"phone\": \"+1 503-555-0142\"", "\"phone\": \"555-01\""));

            await().atMost(Duration.ofSeconds(20)).until(() -> "DEAD".equals(carrierDelivery(orderId)
                    .path("status").asText()));
            assertThat(carrierDelivery(orderId).path("attempts").asInt()).isEqualTo(1);
            assertThat(carrierDelivery(orderId).path("lastError").asText()).contains("refused by")
                    .contains("(createShipment): outFlag 1, receiverPhone1 10 veya 11 haneli olmalıdır");
            assertThat(carriers.shipments()).filteredOn(s -> s.orderId().equals(CarrierSimulator.soapKey(orderId)))
                    .isEmpty();
            // the order itself goes on: it waits at the warehouse for an operator to fix the address and retry
            assertThat(order(orderId).path("status").asText()).isIn("CONFIRMED", "PICKING");
        } finally {
            wms.setReportProgress(true);
        }
    }

    @Test
    void anArasLabelWhoseAnswerWasLostIsFoundByItsIntegrationCodeNotBoughtAgain() {
        wms.setReportProgress(false);
        // longer than the hub waits (camel.component.http.response-timeout in the tests: 3 s, also for SOAP)
        carriers.setAnswerDelay(Duration.ofSeconds(5));
        try {
            String orderId = placeTurkish(7_800_000_002L, "İstanbul", "Aras Kargo");
            String key = CarrierSimulator.soapKey(orderId);
            await().atMost(Duration.ofSeconds(15)).until(() -> attempts(orderId) >= 1);
            carriers.setAnswerDelay(Duration.ZERO);
            await().atMost(Duration.ofSeconds(30)).until(() -> "DELIVERED".equals(carrierDelivery(orderId)
                    .path("status").asText()));
            assertThat(carrierDelivery(orderId).path("attempts").asInt()).isGreaterThanOrEqualTo(2);
            assertThat(order(orderId).path("fulfillment").path("carrier").asText()).isEqualTo("Aras Kargo");
            assertThat(order(orderId).path("fulfillment").path("labelRef").asText()).isEqualTo(key);
            // Aras refuses an IntegrationCode twice: a second SetOrder would have shown as a refusal
            assertThat(carriers.shipments()).filteredOn(s -> s.orderId().equals(key)).hasSize(1);
        } finally {
            carriers.setAnswerDelay(Duration.ZERO);
            wms.setReportProgress(true);
        }
    }

    @Test
    void cancelingAnOrderCancelsItsYurticiShipment() {
        wms.setReportProgress(false);
        try {
            String orderId = placeTurkish(7_800_000_003L, "Konya", "Standard Shipping");
            String key = CarrierSimulator.soapKey(orderId);
            await().atMost(Duration.ofSeconds(20)).until(() -> "DELIVERED".equals(carrierDelivery(orderId)
                    .path("status").asText()));
            post("/api/orders/" + orderId + "/status", "{\"status\":\"CANCELED\",\"detail\":\"buyer changed mind\"}");

            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(carriers.voided()).contains(key));
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(get("/api/orders/" + orderId
                    + "/deliveries").getBody().findValuesAsText("response")).contains("label " + key + " voided"));
        } finally {
            wms.setReportProgress(true);
        }
    }

    @Test
    void aUsOrderWhoseShippingMethodNamesUspsShipsWithUspsAndIsTrackedToDelivered() {
        String orderId = OrderIds.orderId("shopify", ACCOUNT, "7800000004");
        post("/api/channels/shopify/orders", shopifyOrder("order-basic.json", 7_800_000_004L)
                .replace("\"title\": \"Standard Shipping\"", "\"title\": \"USPS Ground Advantage\""));

        await().atMost(Duration.ofSeconds(40)).until(() -> "DELIVERED".equals(order(orderId).path("status").asText()));
        JsonNode fulfillment = order(orderId).path("fulfillment");
        assertThat(fulfillment.path("carrier").asText()).isEqualTo("USPS");
        assertThat(fulfillment.path("service").asText()).isEqualTo("ground-advantage");
        assertThat(fulfillment.path("trackingNumbers").get(0).asText()).startsWith("92001903");
        assertThat(carriers.shipments()).filteredOn(s -> s.orderId().equals(orderId)).singleElement()
                .satisfies(s -> assertThat(s.carrier()).isEqualTo("usps"));
        assertThat(order(orderId).path("history").findValuesAsText("source")).contains("usps");
    }

    @Test
    void aCarrierTokenRefusedBeforeItsTimeIsReplacedAndTheLabelStillMadeOnce() {
        wms.setReportProgress(false);
        try {
            String first = placeShopify(7_800_000_005L);
            await().atMost(Duration.ofSeconds(20)).until(() -> "DELIVERED".equals(carrierDelivery(first)
                    .path("status").asText()));
            long issued = carriers.tokensIssued("ups");
            assertThat(issued).isPositive();

            carriers.revokeTokens();
            String second = placeShopify(7_800_000_006L);
            await().atMost(Duration.ofSeconds(30)).until(() -> "DELIVERED".equals(carrierDelivery(second)
                    .path("status").asText()));
            assertThat(carrierDelivery(second).path("attempts").asInt()).isGreaterThanOrEqualTo(2);
            assertThat(carriers.tokensIssued("ups")).isEqualTo(issued + 1);
            assertThat(carriers.shipments()).filteredOn(s -> s.orderId().equals(second)).hasSize(1);
        } finally {
            wms.setReportProgress(true);
        }
    }

    @Test
    void carrierPushesAreTakenOnlyWithTheCarriersOwnCredentialOrSignature() {
        wms.setReportProgress(false);
        try {
            String orderId = placeShopify(7_800_000_007L);
            await().atMost(Duration.ofSeconds(20)).until(() -> "DELIVERED".equals(carrierDelivery(orderId)
                    .path("status").asText()));
            String tracking = order(orderId).path("fulfillment").path("trackingNumbers").get(0).asText();
            post("/api/orders/" + orderId + "/status", "{\"status\":\"PICKING\",\"source\":\"wms\"}");
            post("/api/orders/" + orderId + "/status", "{\"status\":\"SHIPPED\",\"source\":\"wms\"}");
            byte[] delivered = ("{\"trackingNumber\":\"" + tracking + "\",\"shipmentReferenceNumbers\":[\"" + orderId
                    + "\"],\"activityStatus\":{\"type\":\"D\",\"code\":\"KB\",\"description\":\"DELIVERED\"}}")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8);

            assertThat(webhook("carriers/ups", "credential", delivered, null).getStatusCode().value()).isEqualTo(401);
            assertThat(webhook("carriers/ups", "credential", delivered, "guessed").getStatusCode().value())
                    .isEqualTo(401);
            // FedEx signs the body: a signature of other bytes, or none, is refused
            assertThat(webhook("carriers/fedex", "x-fedex-signature", delivered,
                    CarrierSimulator.sign(CarrierSimulator.FEDEX_WEBHOOK_SECRET, "{}")).getStatusCode().value())
                    .isEqualTo(401);
            // DHL has no push authentication configured: its pushes come with a hub login to /api/carriers/
            assertThat(webhook("carriers/dhl", "x-anything", delivered, "x").getStatusCode().value()).isEqualTo(404);
            assertThat(order(orderId).path("status").asText()).isEqualTo("SHIPPED");

            var taken = webhook("carriers/ups", "credential", delivered, CarrierSimulator.UPS_WEBHOOK_CREDENTIAL);
            assertThat(taken.getStatusCode().value()).isEqualTo(200);
            assertThat(taken.getBody().path("status").asText()).isEqualTo("DELIVERED");
        } finally {
            wms.setReportProgress(true);
        }
    }

    @Test
    void aReturnOpenedGetsOneReturnLabelFromTheCarrierThatShippedTheOrderToldAsAnEvent() {
        String orderId = placeShopify(7_800_000_008L);
        await().atMost(Duration.ofSeconds(40)).until(() -> "DELIVERED".equals(order(orderId).path("status").asText()));
        post("/api/orders/" + orderId + "/status", "{\"status\":\"RETURN_PENDING\",\"detail\":\"too small\"}");

        await().atMost(Duration.ofSeconds(20)).until(() -> order(orderId).path("fulfillment")
                .hasNonNull("returnTrackingNumber"));
        JsonNode order = order(orderId);
        CarrierSimulator.Shipment label = carriers.returnLabels().stream().filter(s -> s.orderId().equals(orderId))
                .reduce((a, b) -> {
                    throw new AssertionError("two return labels for one return: " + a + ", " + b);
                }).orElseThrow();
        assertThat(label.carrier()).isEqualTo("ups");
        assertThat(order.path("fulfillment").path("returnTrackingNumber").asText())
                .isEqualTo(label.trackingNumbers().get(0));
        assertThat(order.path("fulfillment").path("returnLabelRef").asText()).isEqualTo(label.id());
        assertThat(order.path("status").asText()).isEqualTo("RETURN_PENDING");
        // the outbound label stays; the return label is a change of the order, told on the events topic
        assertThat(order.path("fulfillment").path("labelRef").asText()).startsWith("UPS");
        int revision = 0;
        for (JsonNode step : order.path("history")) {
            if (step.path("detail").asText().startsWith("return label " + label.id())) {
                revision = step.path("revision").asInt();
            }
        }
        assertThat(keyOf(orderId, "events", revision)).doesNotContain("not scheduled");
        assertThat(carriers.shipments()).filteredOn(s -> s.orderId().equals(orderId)).hasSize(1);
    }

    /** A Shopify order shipped to Turkey: the Turkish carrier rules choose by province and shipping method. */
    private String placeTurkish(long id, String province, String shippingMethod) {
        post("/api/channels/shopify/orders", shopifyOrder("order-basic.json", id)
                .replace("\"country_code\": \"US\"", "\"country_code\": \"TR\"")
                .replace("\"city\": \"Portland\"", "\"city\": \"" + province + "\"")
                .replace("\"province\": \"Oregon\"", "\"province\": \"Merkez\"")
                .replace("\"title\": \"Standard Shipping\"", "\"title\": \"" + shippingMethod + "\""));
        return OrderIds.orderId("shopify", ACCOUNT, String.valueOf(id));
    }

    private String placeShopify(long id) {
        post("/api/channels/shopify/orders", shopifyOrder("order-basic.json", id));
        return OrderIds.orderId("shopify", ACCOUNT, String.valueOf(id));
    }
}
