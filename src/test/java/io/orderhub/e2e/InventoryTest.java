package io.orderhub.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderhub.sandbox.SandboxLogins;
import io.orderhub.sandbox.ShopifySimulator;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Available-to-promise through the real stock, allocation and order routes: what each listing of a master SKU is
 * to be told, from the warehouses that serve its channel, the reservations, the demand of orders that hold none,
 * and the channel's policy (mappings/inventory/policies.csv).
 */
class InventoryTest extends HubTestSupport {

    private static final String SKU = "INV-ATP-1";

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void eachListingIsOfferedWhatItsWarehousesHaveLeftAfterReservationsDemandAndPolicy() {
        assertThat(as(SandboxLogins.ADMIN).exchange("/api/catalog/products/" + SKU, org.springframework.http
                .HttpMethod.PUT, json("{\"title\": \"ATP test\", \"weightGrams\": 100}"), JsonNode.class)
                .getStatusCode().value()).isEqualTo(200);
        listing("shopify", ACCOUNT, "44190001", false);
        listing("hepsiburada", "3c9a0f52-7d41-4b8e-9e2a-6f1d2c3b4a50", "HBATP1", false);
        listing("amazon", "A2SANDBOXSELLER", "INV-ATP-1-FBA", true);
        stock("nj", 10);
        stock("ist", 7);

        JsonNode before = inventory();
        assertThat(before.path("onHand").asInt()).isEqualTo(17);
        assertThat(before.path("atp").asInt()).isEqualTo(17);
        // shopify: nj and ams, one kept back; hepsiburada: ist and ams, one kept back; amazon: FBA, never told
        assertThat(published(before, "shopify")).isEqualTo(9);
        assertThat(published(before, "hepsiburada")).isEqualTo(6);
        assertThat(channel(before, "amazon").path("status").asText()).isEqualTo("CHANNEL_FULFILLED");
        assertThat(channel(before, "amazon").path("published").isNull()).isTrue();
        assertThat(channel(before, "hepsiburada").path("status").asText()).as("not told yet").isEqualTo("PENDING");

        // a paid order reserves 2 at nj; an unpaid one reserves nothing and is demand on every channel; each change
        // marks the SKU in its own transaction, so the channels are told even after a crash
        long marked = mark();
        order(7_840_000_001L, 2, "paid");
        assertThat(mark()).isGreaterThan(marked);
        order(7_840_000_002L, 3, "pending");

        // (the warehouse simulator may ship the paid order meanwhile: then on hand and reserved both drop by 2)
        JsonNode after = inventory();
        assertThat(after.path("onHand").asInt() - after.path("reserved").asInt()).isEqualTo(15);
        assertThat(after.path("demand").asInt()).isEqualTo(3);
        assertThat(after.path("atp").asInt()).isEqualTo(17 - 2 - 3);
        assertThat(published(after, "shopify")).as("8 free at nj - 3 demand - 1 safety").isEqualTo(4);
        assertThat(published(after, "hepsiburada")).as("7 free at ist - 3 demand - 1 safety").isEqualTo(3);

        // the same question gets the same answer: computed from the rows, not from the events
        assertThat(published(inventory(), "shopify")).isEqualTo(4);
    }

    @Test
    void theFilesAreLoadedAgainByAnAdmin() {
        ResponseEntity<JsonNode> reload = as(SandboxLogins.ADMIN).postForEntity("/api/inventory/reload", null,
                JsonNode.class);

        assertThat(reload.getStatusCode().value()).isEqualTo(200);
        assertThat(reload.getBody().path("listings").asInt()).isEqualTo(11);
        assertThat(reload.getBody().path("policies").asInt()).isEqualTo(9);
        assertThat(ops().postForEntity("/api/inventory/reload", null, String.class).getStatusCode().value())
                .isEqualTo(403);
        JsonNode tea = as(SandboxLogins.VIEWER).getForObject("/api/inventory/TR-CAY-SET6", JsonNode.class);
        assertThat(tea.path("channels").findValuesAsText("channel")).contains("trendyol", "hepsiburada", "n11");
    }

    @Test
    void anOrderThePoolCannotReserveIsAnOversellWithWhatItsChannelWasTold() {
        String sku = "INV-OVER-1";
        String item = "gid://shopify/InventoryItem/99077";
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        assertThat(as(SandboxLogins.ADMIN).exchange("/api/catalog/products/" + sku, HttpMethod.PUT, new HttpEntity<>(
                "{\"title\": \"Oversell test\", \"weightGrams\": 100}", headers), JsonNode.class).getStatusCode()
                .is2xxSuccessful()).isTrue();
        jdbc.update("""
                INSERT INTO listings (channel, account, listing_id, master_sku, inventory_item_id, location_id,
                    fulfilled_by_channel, updated_at) VALUES ('shopify', ?, '44199077', ?, ?, ?, FALSE, ?)""",
                ACCOUNT, sku, item, ShopifySimulator.LOCATION, OffsetDateTime.now(ZoneOffset.UTC));
        assertThat(post("/api/stock", "{\"warehouse\": \"nj\", \"complete\": false, \"items\": [{\"sku\": \""
                + sku + "\", \"onHand\": 3}]}").getStatusCode().value()).isEqualTo(200);
        // until the hub has recorded Shopify's confirmation, not only until Shopify holds it: the oversell report
        // reads what was confirmed before the order was placed
        await().atMost(Duration.ofSeconds(20)).until(() -> shopify.level(item, ShopifySimulator.LOCATION) == 2
                && channel(as(SandboxLogins.VIEWER).getForObject("/api/inventory/" + sku, JsonNode.class), "shopify")
                .path("confirmed").asInt(-1) == 2);

        // Shopify was told 2 and sells 5 (a sale the hub could not stop): the order is backordered, an oversell
        String now = OffsetDateTime.now(ZoneOffset.UTC).toString();
        String order = shopifyOrder("order-basic.json", 7_840_000_077L).replace("MUG-CER-12-BLU", sku)
                .replace("\"quantity\": 1,", "\"quantity\": 5,").replace("2025-03-04T10:21:07-08:00", now);
        assertThat(post("/api/channels/shopify/orders?account=" + ACCOUNT, order).getStatusCode().value())
                .isEqualTo(202);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode oversell = null;
            for (JsonNode row : as(SandboxLogins.VIEWER).getForObject("/api/inventory/reports/oversells?channel="
                    + "shopify", JsonNode.class)) {
                if (row.path("sku").asText().equals(sku)) {
                    oversell = row;
                }
            }
            assertThat(oversell).isNotNull();
            assertThat(oversell.path("quantity").asInt()).isEqualTo(5);
            assertThat(oversell.path("channelQuantity").asInt()).as("what Shopify was told").isEqualTo(2);
            assertThat(oversell.path("confirmedSecondsBeforeOrder").asLong()).isBetween(0L, 120L);
        });
        assertThat(as(SandboxLogins.METRICS).getForObject("/actuator/prometheus", String.class))
                .containsPattern("hub_stock_oversells_total\\{channel=\"shopify\"} [1-9]");
    }

    @Test
    void aCrossReferenceChangeMarksTheSkusItMovesBetween() {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        String xref = "/api/catalog/sku-xref/woocommerce/shop.example.com/WOO-XREF-MARK";
        assertThat(as(SandboxLogins.ADMIN).exchange(xref, HttpMethod.PUT, new HttpEntity<>("{\"masterSku\": "
                + "\"TEA-SENCHA-100\"}", headers), JsonNode.class).getStatusCode().value()).isEqualTo(200);
        long tea = jdbc.queryForObject("SELECT MAX(seq) FROM stock_marks WHERE sku = 'TEA-SENCHA-100'", Long.class);

        assertThat(as(SandboxLogins.ADMIN).exchange(xref, HttpMethod.PUT, new HttpEntity<>("{\"masterSku\": "
                + "\"KET-GLS-1L\"}", headers), JsonNode.class).getStatusCode().value()).isEqualTo(200);

        // the SKU it mapped to and the one it maps to now are computed again for their channels
        assertThat(jdbc.queryForObject("SELECT MAX(seq) FROM stock_marks WHERE sku = 'TEA-SENCHA-100'", Long.class))
                .isGreaterThan(tea);
        assertThat(jdbc.queryForObject("SELECT MAX(seq) FROM stock_marks WHERE sku = 'KET-GLS-1L'", Long.class))
                .isGreaterThan(tea);
    }

    @Test
    void listingsAndPoliciesAreDataAnAdminMaintainsThroughTheApi() {
        String sku = "INV-API-1";
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        String listing = "/api/inventory/listings/woocommerce/shop.example.com/2777";
        String policy = "/api/inventory/policies/woocommerce/INV-API-*";

        assertThat(as(SandboxLogins.VIEWER).exchange(listing, HttpMethod.PUT, new HttpEntity<>("{\"masterSku\": \""
                + sku + "\"}", headers), String.class).getStatusCode().value()).isEqualTo(403);
        assertThat(as(SandboxLogins.ADMIN).exchange(listing, HttpMethod.PUT, new HttpEntity<>("{\"masterSku\": \""
                + sku + "\"}", headers), JsonNode.class).getStatusCode().value()).isEqualTo(200);
        assertThat(as(SandboxLogins.ADMIN).exchange("/api/inventory/listings/woocommerce/shop.example.com/not-a-number",
                HttpMethod.PUT, new HttpEntity<>("{\"masterSku\": \"" + sku + "\"}", headers), JsonNode.class)
                .getBody().path("error").asText()).contains("product id, a number");
        ResponseEntity<JsonNode> refused = as(SandboxLogins.ADMIN).exchange(policy, HttpMethod.PUT,
                new HttpEntity<>("{\"percent\": 150}", headers), JsonNode.class);
        assertThat(refused.getStatusCode().value()).isEqualTo(422);
        assertThat(as(SandboxLogins.ADMIN).exchange(policy, HttpMethod.PUT, new HttpEntity<>("{\"warehouses\": "
                + "[\"nj\"], \"safetyStock\": 0, \"cap\": 3}", headers), JsonNode.class).getStatusCode().value())
                .isEqualTo(200);

        assertThat(post("/api/stock", "{\"warehouse\": \"nj\", \"complete\": false, \"items\": [{\"sku\": \""
                + sku + "\", \"onHand\": 10}]}").getStatusCode().value()).isEqualTo(200);
        JsonNode view = as(SandboxLogins.VIEWER).getForObject("/api/inventory/" + sku, JsonNode.class);
        assertThat(published(view, "woocommerce")).as("the pattern's cap").isEqualTo(3);
        assertThat(as(SandboxLogins.VIEWER).getForObject("/api/inventory/policies", JsonNode.class)
                .findValuesAsText("skuPattern")).contains("INV-API-*");
        assertThat(as(SandboxLogins.VIEWER).getForObject("/api/inventory/listings?channel=woocommerce",
                JsonNode.class).findValuesAsText("listingId")).contains("2777");
    }

    private long mark() {
        return jdbc.queryForObject("SELECT MAX(seq) FROM stock_marks WHERE sku = ?", Long.class, SKU);
    }

    private void listing(String channel, String account, String listingId, boolean byChannel) {
        jdbc.update("DELETE FROM listings WHERE channel = ? AND account = ? AND listing_id = ?", channel, account,
                listingId);
        jdbc.update("""
                INSERT INTO listings (channel, account, listing_id, master_sku, fulfilled_by_channel, updated_at)
                VALUES (?, ?, ?, ?, ?, ?)""", channel, account, listingId, SKU, byChannel,
                OffsetDateTime.now(ZoneOffset.UTC));
    }

    private void stock(String warehouse, int onHand) {
        assertThat(post("/api/stock", "{\"warehouse\": \"" + warehouse + "\", \"complete\": false, \"items\": "
                + "[{\"sku\": \"" + SKU + "\", \"onHand\": " + onHand + "}]}").getStatusCode().value()).isEqualTo(200);
    }

    private void order(long id, int quantity, String financialStatus) {
        String order = shopifyOrder("order-basic.json", id).replace("MUG-CER-12-BLU", SKU)
                .replace("\"quantity\": 1,", "\"quantity\": " + quantity + ",")
                .replace("\"financial_status\": \"paid\"", "\"financial_status\": \"" + financialStatus + "\"");
        assertThat(post("/api/channels/shopify/orders?account=" + ACCOUNT, order).getStatusCode().value())
                .isEqualTo(202);
    }

    private JsonNode inventory() {
        return as(SandboxLogins.VIEWER).getForObject("/api/inventory/" + SKU, JsonNode.class);
    }

    private static JsonNode channel(JsonNode view, String channel) {
        for (JsonNode listing : view.path("channels")) {
            if (listing.path("channel").asText().equals(channel)) {
                return listing;
            }
        }
        throw new AssertionError("no listing on " + channel + " in " + view);
    }

    private static int published(JsonNode view, String channel) {
        return channel(view, channel).path("published").asInt();
    }

    private static org.springframework.http.HttpEntity<String> json(String body) {
        org.springframework.http.HttpHeaders headers = new org.springframework.http.HttpHeaders();
        headers.setContentType(org.springframework.http.MediaType.APPLICATION_JSON);
        return new org.springframework.http.HttpEntity<>(body, headers);
    }
}
