package io.orderhub.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderhub.inventory.StockPublisher;
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
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Stock to the channels through the real routes (routes/publish-stock-<channel>.yaml) and simulators that run the
 * channels' stock APIs as the channels do: Shopify's inventorySetQuantities from 2026-04 (compare-and-set,
 * idempotency keys, its own sales), WooCommerce's products/batch (absolute, per-product errors in a 200),
 * Trendyol's price-and-inventory (asynchronous, a result per item read later), Amazon's Listings Items patch (one
 * SKU a call, FBA listings untouched), eBay's bulk_update_price_quantity (a status per SKU), Hepsiburada's stock
 * uploads and n11's price-stock tasks (asynchronous, their refusals read later). A refused listing is in the error
 * store and can be replayed.
 */
class ChannelStockTest extends HubTestSupport {

    private static final String SKU = "INV-SHOP-1";
    private static final String ITEM = "gid://shopify/InventoryItem/99001";

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    StockPublisher publisher;

    @Test
    void aStockChangeReachesShopifyAndAStaleCompareIsReadBackAndSetRight() {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        as(SandboxLogins.ADMIN).exchange("/api/catalog/products/" + SKU, HttpMethod.PUT,
                new HttpEntity<>("{\"title\": \"Shopify stock test\", \"weightGrams\": 100}", headers), JsonNode.class);
        jdbc.update("""
                INSERT INTO listings (channel, account, listing_id, master_sku, inventory_item_id, location_id,
                    fulfilled_by_channel, updated_at) VALUES ('shopify', ?, '44199001', ?, ?, ?, FALSE, ?)""",
                ACCOUNT, SKU, ITEM, ShopifySimulator.LOCATION, OffsetDateTime.now(ZoneOffset.UTC));

        // 10 at nj, one kept back for Shopify (mappings/inventory/policies.csv): Shopify is told 9
        stock(10);
        await().atMost(Duration.ofSeconds(20)).until(() -> shopify.level(ITEM, ShopifySimulator.LOCATION) == 9);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            JsonNode listing = shopifyListing();
            assertThat(listing.path("confirmed").asInt()).isEqualTo(9);
            assertThat(listing.path("status").asText()).isEqualTo("CONFIRMED");
        });

        // Shopify sells 2 itself before the hub has the order; then the warehouse reports 12: the compare-and-set
        // from 9 is stale, the hub reads 7 back and sets 11 from there
        shopify.sell(ITEM, ShopifySimulator.LOCATION, 2);
        stock(12);
        await().atMost(Duration.ofSeconds(20)).until(() -> shopify.level(ITEM, ShopifySimulator.LOCATION) == 11);
        // Shopify holds 11 a moment before the hub has recorded its answer
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(jdbc.queryForList("SELECT state FROM "
                + "stock_pushes WHERE listing_id = '44199001' ORDER BY created_at", String.class))
                .containsSubsequence("CONFIRMED", "STALE", "CONFIRMED"));
        assertThat(jdbc.queryForObject("SELECT detail FROM stock_pushes WHERE listing_id = '44199001' AND state = "
                + "'STALE'", String.class)).isEqualTo("the channel held 7, not 9");

        // nothing moved: nothing more is sent (the quantity equals what Shopify confirmed)
        int pushes = jdbc.queryForObject("SELECT COUNT(*) FROM stock_pushes WHERE listing_id = '44199001'",
                Integer.class);
        stock(12);
        await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM stock_pushes WHERE listing_id = '44199001'",
                        Integer.class)).isEqualTo(pushes));
        assertThat(as(SandboxLogins.METRICS).getForObject("/actuator/prometheus", String.class))
                .contains("hub_stock_sync_seconds_count{channel=\"shopify\"");

        // Shopify drifted (someone edited it by hand); a resync tells it again, compared from what it holds
        shopify.sell(ITEM, ShopifySimulator.LOCATION, 4);
        assertThat(as(SandboxLogins.VIEWER).postForEntity("/api/inventory/resync?channel=shopify", null, String.class)
                .getStatusCode().value()).isEqualTo(403);
        ResponseEntity<JsonNode> resync = ops().postForEntity("/api/inventory/resync?channel=shopify", null,
                JsonNode.class);
        assertThat(resync.getStatusCode().value()).isEqualTo(202);
        assertThat(resync.getBody().path("listings").asInt()).isGreaterThanOrEqualTo(1);
        await().atMost(Duration.ofSeconds(20)).until(() -> shopify.level(ITEM, ShopifySimulator.LOCATION) == 11);
        readBackAgrees("shopify", "44199001", 11);
    }

    @Test
    void aListingShopifyCannotBeToldIsRefusedAndHoldsUpNoOther() {
        jdbc.update("""
                INSERT INTO listings (channel, account, listing_id, master_sku, fulfilled_by_channel, updated_at)
                VALUES ('shopify', ?, '44199002', 'INV-SHOP-2', FALSE, ?)""", ACCOUNT, OffsetDateTime.now(ZoneOffset.UTC));
        jdbc.update("""
                INSERT INTO listings (channel, account, listing_id, master_sku, inventory_item_id, location_id,
                    fulfilled_by_channel, updated_at) VALUES ('shopify', ?, '44199003', 'INV-SHOP-3', ?, ?, FALSE, ?)""",
                ACCOUNT, "gid://shopify/InventoryItem/99003", ShopifySimulator.LOCATION,
                OffsetDateTime.now(ZoneOffset.UTC));

        post("/api/stock", "{\"warehouse\": \"nj\", \"complete\": false, \"items\": [{\"sku\": \"INV-SHOP-2\", "
                + "\"onHand\": 5}, {\"sku\": \"INV-SHOP-3\", \"onHand\": 5}]}");

        await().atMost(Duration.ofSeconds(20)).until(() ->
                shopify.level("gid://shopify/InventoryItem/99003", ShopifySimulator.LOCATION) == 4);
        assertThat(jdbc.queryForList("SELECT detail FROM stock_pushes WHERE listing_id = '44199002' AND state = "
                + "'REFUSED'", String.class)).isNotEmpty()
                .allSatisfy(detail -> assertThat(detail).contains("needs its inventoryItemId and locationId"));
    }

    @Test
    void aStockChangeReachesWooCommerceAndAProductTheStoreRefusesIsRecordedOnItsOwn() {
        woocommerce.addProduct(2990);
        for (String[] listing : new String[][] {{"2990", "INV-WOO-1"}, {"2999", "INV-WOO-1"}}) {
            jdbc.update("""
                    INSERT INTO listings (channel, account, listing_id, master_sku, fulfilled_by_channel, updated_at)
                    VALUES ('woocommerce', 'shop.example.com', ?, ?, FALSE, ?)""", listing[0], listing[1],
                    OffsetDateTime.now(ZoneOffset.UTC));
        }

        post("/api/stock", "{\"warehouse\": \"nj\", \"complete\": false, \"items\": [{\"sku\": \"INV-WOO-1\", "
                + "\"onHand\": 6}]}");

        // one kept back for WooCommerce (mappings/inventory/policies.csv); 2999 is no product of the store
        await().atMost(Duration.ofSeconds(20)).until(() -> Integer.valueOf(5).equals(woocommerce.stockOf(2990)));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(jdbc.queryForList(
                "SELECT detail FROM stock_pushes WHERE channel = 'woocommerce' AND listing_id = '2999' AND state = "
                        + "'REFUSED'", String.class)).anySatisfy(detail -> assertThat(detail)
                .contains("woocommerce_rest_product_invalid_id")));
        assertThat(woocommerce.stockOf(2999)).isNull();

        // the refusal is in the error store; once the store has the product, replaying it tells the store
        JsonNode entry = openStockError("woocommerce", "2999");
        assertThat(entry.path("reason").asText()).contains("woocommerce_rest_product_invalid_id");
        woocommerce.addProduct(2999);
        ResponseEntity<JsonNode> replay = ops().postForEntity("/api/errors/" + entry.path("errorId").asText()
                + "/replay", null, JsonNode.class);
        assertThat(replay.getStatusCode().value()).isEqualTo(200);
        assertThat(replay.getBody().path("result").asText()).isEqualTo("woocommerce listing 2999 is told INV-WOO-1 again");
        await().atMost(Duration.ofSeconds(20)).until(() -> Integer.valueOf(5).equals(woocommerce.stockOf(2999)));
        assertThat(ops().getForObject("/api/errors/" + entry.path("errorId").asText(), JsonNode.class)
                .path("replayState").asText()).isEqualTo("REPLAYED");
        readBackAgrees("woocommerce", "2999", 5);
    }

    @Test
    void amazonIsPatchedSkuBySkuAndAnFbaListingIsNeverTold() {
        amazon.addListing("INV-AMZ-1", "DEFAULT");
        amazon.addListing("INV AMZ/1.b", "DEFAULT");
        amazon.addListing("INV-AMZ-1-FBA", "AMAZON_NA");
        listing("amazon", "A2SANDBOXSELLER", "INV-AMZ-1", "INV-AMZ-1", false);
        listing("amazon", "A2SANDBOXSELLER", "INV AMZ/1.b", "INV-AMZ-1", false);
        listing("amazon", "A2SANDBOXSELLER", "INV-AMZ-1-FBA", "INV-AMZ-1", true);
        listing("amazon", "A2SANDBOXSELLER", "INV-AMZ-1-GONE", "INV-AMZ-1", false);

        post("/api/stock", "{\"warehouse\": \"nj\", \"complete\": false, \"items\": [{\"sku\": \"INV-AMZ-1\", "
                + "\"onHand\": 10}]}");

        // two kept back for Amazon (mappings/inventory/policies.csv); the SKU with a space, a slash and a dot
        // reaches Amazon as itself
        await().atMost(Duration.ofSeconds(20)).until(() -> Integer.valueOf(8).equals(amazon.stockOf("INV-AMZ-1"))
                && Integer.valueOf(8).equals(amazon.stockOf("INV AMZ/1.b")));
        assertThat(amazon.patchesOf("INV-AMZ-1-FBA")).as("an FBA listing is never told").isZero();
        assertThat(amazon.fulfillmentChannelOf("INV-AMZ-1-FBA")).isEqualTo("AMAZON_NA");
        // (refused again when a throttled call made the batch go again: the error store counts it on one entry)
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(jdbc.queryForList(
                "SELECT detail FROM stock_pushes WHERE channel = 'amazon' AND listing_id = 'INV-AMZ-1-GONE' AND state"
                        + " = 'REFUSED'", String.class)).isNotEmpty().allSatisfy(d -> assertThat(d).contains("4000003")));
        assertThat(openStockError("amazon", "INV-AMZ-1-GONE").path("reason").asText()).contains("was not found");
        // each quantity is told once: a round between the listing and the stock can tell 0 first, and a batch that
        // goes again after a throttled call does not tell a confirmed listing again
        List<Map<String, Object>> told = jdbc.queryForList("SELECT state, quantity FROM stock_pushes WHERE channel ="
                + " 'amazon' AND listing_id = 'INV-AMZ-1' AND state <> 'FAILED' ORDER BY created_at");
        assertThat(told).extracting(row -> row.get("state")).containsOnly("CONFIRMED");
        assertThat(told).extracting(row -> ((Number) row.get("quantity")).intValue()).endsWith(8)
                .doesNotHaveDuplicates();
        readBackAgrees("amazon", "INV AMZ/1.b", 8);
    }

    @Test
    void manyAmazonSkusGoAsOneListingsFeedAndAFullResyncToo() {
        for (int i = 1; i <= 12; i++) {
            if (i < 12) {
                amazon.addListing("INV-FEED-" + i, "DEFAULT");
            }
            listing("amazon", "A2SANDBOXSELLER", "INV-FEED-" + i, "INV-FEED", false);
        }
        int feeds = amazon.feeds().size();

        post("/api/stock", "{\"warehouse\": \"nj\", \"complete\": false, \"items\": [{\"sku\": \"INV-FEED\", "
                + "\"onHand\": 10}]}");

        // twelve listings, hub.inventory.amazon-feed-from 10 in the sandbox: one feed, its report read back
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(jdbc.queryForList("SELECT state FROM stock_pushes WHERE channel = 'amazon' AND listing_id "
                    + "LIKE 'INV-FEED-%' AND remote_id IS NOT NULL", String.class)).hasSize(12)
                    .containsOnly("CONFIRMED", "REFUSED");
        });
        assertThat(amazon.feeds()).hasSize(feeds + 1);
        for (int i = 1; i < 12; i++) {
            assertThat(amazon.stockOf("INV-FEED-" + i)).isEqualTo(8);
        }
        assertThat(amazon.patchesOf("INV-FEED-1")).as("no patch beside the feed").isZero();
        assertThat(jdbc.queryForList("SELECT state || ' ' || detail FROM stock_pushes WHERE listing_id = "
                + "'INV-FEED-12'", String.class)).first(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                .startsWith("REFUSED amazon refused: 4000003");
        assertThat(openStockError("amazon", "INV-FEED-12").path("reason").asText()).contains("was not found");

        // a full resync: every Amazon listing again, as one feed
        assertThat(ops().postForEntity("/api/inventory/resync?channel=amazon", null, JsonNode.class)
                .getStatusCode().value()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> amazon.feeds().size() == feeds + 2
                && "DONE".equals(amazon.feeds().get(feeds + 1).path("processingStatus").asText()));
        assertThat(amazon.feeds().get(feeds + 1).path("messages").findValuesAsText("sku"))
                .contains("INV-FEED-1", "INV-FEED-11", "MUG-CER-12-BLU").doesNotContain("TEA-SENCHA-100-FBA");
    }

    @Test
    void ebayTakesUpTo25ItemsACallAndADropToZeroDoesNotWaitForTheWindow() {
        ebay.addItem("INV-EBAY-1");
        listing("ebay", "demo_atelier", "INV-EBAY-1", "INV-EBAY-1", false);
        listing("ebay", "demo_atelier", "INV-EBAY-GONE", "INV-EBAY-1", false);

        post("/api/stock", "{\"warehouse\": \"nj\", \"complete\": false, \"items\": [{\"sku\": \"INV-EBAY-1\", "
                + "\"onHand\": 11}]}");

        // one kept back, 80% of the rest (mappings/inventory/policies.csv)
        await().atMost(Duration.ofSeconds(20)).until(() -> Integer.valueOf(8).equals(ebay.stockOf("INV-EBAY-1")));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(jdbc.queryForList(
                "SELECT detail FROM stock_pushes WHERE channel = 'ebay' AND listing_id = 'INV-EBAY-GONE' AND state = "
                        + "'REFUSED'", String.class)).isNotEmpty().allSatisfy(d -> assertThat(d)
                .contains("ebay refused (404)").contains("25702")));
        assertThat(ebay.revisionsOf("INV-EBAY-1")).isEqualTo(1);
        readBackAgrees("ebay", "INV-EBAY-1", 8);
    }

    @Test
    void changesWaitForTheChannelsWindowExceptADropToZero() {
        String channel = "window-test";
        jdbc.update("""
                INSERT INTO listings (channel, account, listing_id, master_sku, fulfilled_by_channel, updated_at)
                VALUES (?, 'acct', 'W-1', 'INV-WIN-1', FALSE, ?)""", channel, OffsetDateTime.now(ZoneOffset.UTC));
        long hour = Duration.ofHours(1).toMillis();
        int all = 1_000_000;
        // the publisher's first round: the listing, with nothing in stock yet, is told 0
        StockPublisher.Batch first = publisher.due(channel, "acct", all, hour);
        assertThat(first.pushes()).extracting(StockPublisher.Push::quantity).containsExactly(0);
        publisher.confirmed(first);

        post("/api/stock", "{\"warehouse\": \"nj\", \"complete\": false, \"items\": [{\"sku\": \"INV-WIN-1\", "
                + "\"onHand\": 5}]}");
        assertThat(publisher.due(channel, "acct", all, hour)).as("a rise waits for the window").isNull();
        StockPublisher.Batch rise = publisher.due(channel, "acct", all, 0);
        assertThat(rise.pushes()).extracting(StockPublisher.Push::quantity).containsExactly(5);
        publisher.confirmed(rise);

        post("/api/stock", "{\"warehouse\": \"nj\", \"complete\": false, \"items\": [{\"sku\": \"INV-WIN-1\", "
                + "\"onHand\": 3}]}");
        assertThat(publisher.due(channel, "acct", all, hour)).isNull();
        post("/api/stock", "{\"warehouse\": \"nj\", \"complete\": false, \"items\": [{\"sku\": \"INV-WIN-1\", "
                + "\"onHand\": 0}]}");
        StockPublisher.Batch zero = publisher.due(channel, "acct", all, hour);
        assertThat(zero).as("a drop to zero goes at once").isNotNull();
        assertThat(zero.pushes()).extracting(StockPublisher.Push::quantity).containsExactly(0);
    }

    @Test
    void aChannelThatAnswered429IsNotCalledBeforeItsRetryAfter() throws Exception {
        String channel = "pause-test";
        jdbc.update("""
                INSERT INTO listings (channel, account, listing_id, master_sku, fulfilled_by_channel, updated_at)
                VALUES (?, 'acct', 'P-1', 'INV-PAUSE-1', FALSE, ?)""", channel, OffsetDateTime.now(ZoneOffset.UTC));
        StockPublisher.Batch first = publisher.due(channel, "acct", 1_000_000, 0);
        assertThat(first).isNotNull();

        // the JDK's server, as the simulators' and many others, sends the header as "Retry-after"
        publisher.failed(first, new org.apache.camel.http.base.HttpOperationFailedException("http://channel/stock",
                429, "Too Many Requests", null, Map.of("Retry-after", "2"), "{}"));

        assertThat(publisher.due(channel, "acct", 1_000_000, 0)).as("paused").isNull();
        await().pollDelay(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() ->
                publisher.due(channel, "acct", 1_000_000, 0) != null);
    }

    @Test
    void hepsiburadaTakesAnUploadAndItsResultSaysWhichListingsItRefused() {
        hepsiburada.addListing("HBCV0000INV001", "INV-HB-1");
        String merchant = "3c9a0f52-7d41-4b8e-9e2a-6f1d2c3b4a50";
        listing("hepsiburada", merchant, "HBCV0000INV001", "INV-HB-1", false);
        listing("hepsiburada", merchant, "HBCV0000INV002", "INV-HB-1", false);
        listing("hepsiburada", merchant, "HBCV0000INV003", "INV-HB-1", true);

        post("/api/stock", "{\"warehouse\": \"ist\", \"complete\": false, \"items\": [{\"sku\": \"INV-HB-1\", "
                + "\"onHand\": 6}]}");

        await().atMost(Duration.ofSeconds(20)).until(() -> Integer.valueOf(5).equals(hepsiburada.stockOf("HBCV0000INV001")));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(jdbc.queryForList(
                "SELECT detail FROM stock_pushes WHERE listing_id = 'HBCV0000INV002' AND state = 'REFUSED'",
                String.class)).anySatisfy(d -> assertThat(d).contains("Listing bulunamadı")));
        assertThat(jdbc.queryForList("SELECT state FROM stock_pushes WHERE listing_id = 'HBCV0000INV001' AND state <> 'FAILED'",
                String.class)).containsExactly("CONFIRMED");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM stock_pushes WHERE listing_id = 'HBCV0000INV003'",
                Integer.class)).as("a listing Hepsiburada fulfils is never told").isZero();
        readBackAgrees("hepsiburada", "HBCV0000INV001", 5);
    }

    @Test
    void n11TakesATaskAndItsDetailsSayWhichStockCodesFailed() {
        n11.addStockCode("INV-N11-1");
        listing("n11", "demo-n11-store", "INV-N11-1", "INV-N11-1", false);
        listing("n11", "demo-n11-store", "INV-N11-GONE", "INV-N11-1", false);

        post("/api/stock", "{\"warehouse\": \"ist\", \"complete\": false, \"items\": [{\"sku\": \"INV-N11-1\", "
                + "\"onHand\": 4}]}");

        await().atMost(Duration.ofSeconds(20)).until(() -> Integer.valueOf(3).equals(n11.stockOf("INV-N11-1")));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(jdbc.queryForList(
                "SELECT detail FROM stock_pushes WHERE listing_id = 'INV-N11-GONE' AND state = 'REFUSED'",
                String.class)).anySatisfy(d -> assertThat(d).contains("Stok kodu bulunamadı")));
        assertThat(jdbc.queryForObject("SELECT COUNT(DISTINCT remote_id) FROM stock_pushes WHERE listing_id IN "
                + "('INV-N11-1', 'INV-N11-GONE')", Integer.class)).as("one task for both").isEqualTo(1);
        readBackAgrees("n11", "INV-N11-1", 3);
    }

    @Test
    void aQuantityTheChannelDidNotApplyIsDriftAndIsToldAgain() {
        amazon.addListing("INV-AMZ-D", "DEFAULT");
        amazon.acceptWithoutApplying("INV-AMZ-D");
        listing("amazon", "A2SANDBOXSELLER", "INV-AMZ-D", "INV-AMZ-D", false);

        post("/api/stock", "{\"warehouse\": \"nj\", \"complete\": false, \"items\": [{\"sku\": \"INV-AMZ-D\", "
                + "\"onHand\": 10}]}");

        // Amazon answered ACCEPTED and kept 0; reading back finds it, and past the grace period it is drift, told
        // again, and this time applied
        await().atMost(Duration.ofSeconds(40)).until(() -> Integer.valueOf(8).equals(amazon.stockOf("INV-AMZ-D"))
                && amazon.patchesOf("INV-AMZ-D") == 2);
        JsonNode drift = null;
        for (JsonNode row : as(SandboxLogins.VIEWER).getForObject("/api/inventory/reports/drift?channel=amazon",
                JsonNode.class)) {
            if (row.path("listing").asText().equals("INV-AMZ-D")) {
                drift = row;
            }
        }
        assertThat(drift).as("the drift report shows the listing").isNotNull();
        assertThat(drift.path("driftAt").isNull()).isFalse();
        assertThat(drift.path("sku").asText()).isEqualTo("INV-AMZ-D");
        assertThat(as(SandboxLogins.METRICS).getForObject("/actuator/prometheus", String.class))
                .contains("hub_stock_drift_total{channel=\"amazon\"}");
        readBackAgrees("amazon", "INV-AMZ-D", 8);
    }

    /** The read-back (routes/stock-check-template.yaml) finds what the hub told the channel. */
    private void readBackAgrees(String channel, String listingId, int quantity) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(jdbc.queryForList("""
                SELECT actual FROM listing_checks WHERE channel = ? AND listing_id = ? AND expected = actual
                AND differs_since IS NULL""", Integer.class, channel, listingId)).containsExactly(quantity));
    }

    private void listing(String channel, String account, String listingId, String sku, boolean byChannel) {
        jdbc.update("""
                INSERT INTO listings (channel, account, listing_id, master_sku, fulfilled_by_channel, updated_at)
                VALUES (?, ?, ?, ?, ?, ?)""", channel, account, listingId, sku, byChannel,
                OffsetDateTime.now(ZoneOffset.UTC));
    }

    // The simulators answer every 20th request 429 (hub.sandbox.throttle-every): a push can fail once and go again,
    // so assertions leave FAILED pushes out.

    /** The open error-store entry of a listing the channel refused. */
    private JsonNode openStockError(String channel, String listingId) {
        for (JsonNode item : ops().getForObject("/api/errors?state=OPEN&channel=" + channel + "&size=200",
                JsonNode.class).path("items")) {
            if ("stock".equals(item.path("stage").asText()) && ops().getForObject("/api/errors/"
                    + item.path("errorId").asText(), JsonNode.class).path("rawPayload").asText()
                    .contains("\"listing\":\"" + listingId + "\"")) {
                return item;
            }
        }
        throw new AssertionError("no open stock error of " + channel + " listing " + listingId);
    }

    @Test
    void trendyolTakesStockAsynchronouslyAndEachItemsResultIsRecorded() {
        trendyol.addProduct("8690000099001");
        for (String barcode : new String[] {"8690000099001", "8690000099002"}) {
            jdbc.update("""
                    INSERT INTO listings (channel, account, listing_id, master_sku, fulfilled_by_channel, updated_at)
                    VALUES ('trendyol', '871234', ?, 'INV-TY-1', FALSE, ?)""", barcode, OffsetDateTime.now(ZoneOffset.UTC));
        }

        String eight = "{\"warehouse\": \"ist\", \"complete\": false, \"items\": [{\"sku\": \"INV-TY-1\", "
                + "\"onHand\": 8}]}";
        post("/api/stock", eight);
        // the same count again while Trendyol is still processing the batch: nothing is sent twice (Trendyol
        // refuses a body identical to one of the last 15 minutes)
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject("SELECT COUNT(*) FROM stock_pushes "
                + "WHERE listing_id = '8690000099001' AND remote_id IS NOT NULL", Integer.class) == 1);
        post("/api/stock", eight);

        // ist and ams serve Trendyol, one kept back; the result comes a second after the batch was taken
        await().atMost(Duration.ofSeconds(20)).until(() -> Integer.valueOf(7).equals(trendyol.stockOf("8690000099001")));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(jdbc.queryForList("SELECT state FROM stock_pushes WHERE listing_id = '8690000099001'",
                    String.class)).contains("CONFIRMED");
            assertThat(jdbc.queryForList("SELECT detail FROM stock_pushes WHERE listing_id = '8690000099002' AND "
                    + "state = 'REFUSED'", String.class)).anySatisfy(d -> assertThat(d).contains("Ürün bulunamadı"));
        });
        assertThat(jdbc.queryForObject("SELECT COUNT(DISTINCT remote_id) FROM stock_pushes WHERE listing_id IN "
                + "('8690000099001', '8690000099002')", Integer.class)).as("one batch for both").isEqualTo(1);
        assertThat(jdbc.queryForList("SELECT state FROM stock_pushes WHERE listing_id = '8690000099001' AND state <> "
                + "'FAILED'", String.class)).containsExactly("CONFIRMED");
        assertThat(jdbc.queryForObject("SELECT quantity FROM listing_levels WHERE listing_id = '8690000099001'",
                Integer.class)).isEqualTo(7);
        readBackAgrees("trendyol", "8690000099001", 7);
    }

    @Test
    void aTrendyolQuantityThatWentDownAndBackUpIsNotRefusedAsARepeatedBody() {
        trendyol.addProduct("8690000099021");
        trendyol.addProduct("8690000099022");
        listing("trendyol", "871234", "8690000099021", "INV-TY-21", false);
        listing("trendyol", "871234", "8690000099022", "INV-TY-22", false);
        post("/api/stock", "{\"warehouse\": \"ist\", \"complete\": false, \"items\": [{\"sku\": \"INV-TY-22\", "
                + "\"onHand\": 3}]}");
        await().atMost(Duration.ofSeconds(20)).until(() -> Integer.valueOf(2).equals(trendyol.stockOf("8690000099022")));
        String stock = "{\"warehouse\": \"ist\", \"complete\": false, \"items\": [{\"sku\": \"INV-TY-21\", "
                + "\"onHand\": %d}]}";
        post("/api/stock", stock.formatted(8));
        await().atMost(Duration.ofSeconds(20)).until(() -> Integer.valueOf(7).equals(trendyol.stockOf("8690000099021")));
        post("/api/stock", stock.formatted(5));
        await().atMost(Duration.ofSeconds(20)).until(() -> Integer.valueOf(4).equals(trendyol.stockOf("8690000099021")));

        // 7 again: Trendyol would refuse {"items": [{"barcode": ...021, "quantity": 7}]}, sent minutes ago; the
        // other listing goes with it, at what it is told now
        post("/api/stock", stock.formatted(8));
        await().atMost(Duration.ofSeconds(20)).until(() -> Integer.valueOf(7).equals(trendyol.stockOf("8690000099021")));
        assertThat(jdbc.queryForList("SELECT detail FROM stock_pushes WHERE listing_id = '8690000099021' AND detail "
                + "IS NOT NULL", String.class)).noneSatisfy(d -> assertThat(d).contains("15 dakika"));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM stock_pushes WHERE listing_id = '8690000099022'",
                Integer.class)).as("told again beside it").isGreaterThanOrEqualTo(2);
        assertThat(trendyol.stockOf("8690000099022")).isEqualTo(2);
    }

    @Test
    void aBodyTrendyolTookBeforeTheHubStartedIsSentWithAnotherListing() throws Exception {
        trendyol.addProduct("8690000099031");
        trendyol.addProduct("8690000099032");
        listing("trendyol", "871234", "8690000099031", "INV-TY-31", false);
        listing("trendyol", "871234", "8690000099032", "INV-TY-32", false);
        post("/api/stock", "{\"warehouse\": \"ist\", \"complete\": false, \"items\": [{\"sku\": \"INV-TY-32\", "
                + "\"onHand\": 3}]}");
        await().atMost(Duration.ofSeconds(20)).until(() -> Integer.valueOf(2).equals(trendyol.stockOf("8690000099032")));
        // what an earlier process sent a minute ago, before a restart: this process has not seen it
        String body = "{\"items\":[{\"barcode\":\"8690000099031\",\"quantity\":5}]}";
        java.net.http.HttpResponse<String> earlier = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + SIMULATOR_PORT
                        + "/trendyol/integration/inventory/sellers/871234/products/price-and-inventory"))
                        .header("Authorization", SandboxLogins.basic("sandbox-api-key:sandbox-api-secret"))
                        .header("User-Agent", "871234 - SelfIntegration").header("Content-Type", "application/json")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(earlier.statusCode()).isEqualTo(200);

        post("/api/stock", "{\"warehouse\": \"ist\", \"complete\": false, \"items\": [{\"sku\": \"INV-TY-31\", "
                + "\"onHand\": 6}]}");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(jdbc.queryForList("SELECT detail FROM stock_pushes WHERE listing_id = '8690000099031' AND "
                    + "state = 'FAILED'", String.class)).anySatisfy(d -> assertThat(d).contains("15 minutes"));
            assertThat(jdbc.queryForList("SELECT state FROM stock_pushes WHERE listing_id = '8690000099031'",
                    String.class)).contains("CONFIRMED");
        });
        assertThat(trendyol.stockOf("8690000099031")).isEqualTo(5);
    }

    @Test
    void aTrendyolBatchWhoseResultNeverCameIsToldAgain() {
        jdbc.update("""
                INSERT INTO listings (channel, account, listing_id, master_sku, fulfilled_by_channel, updated_at)
                VALUES ('trendyol', '871234', '8690000099009', 'INV-TY-9', FALSE, ?)""", OffsetDateTime.now(ZoneOffset.UTC));
        // read before the lost push exists: the publisher's own round may find it as soon as it is there
        long before = jdbc.queryForObject("SELECT COALESCE(MAX(seq), 0) FROM stock_marks WHERE sku = 'INV-TY-9'",
                Long.class);
        OffsetDateTime fiveHoursAgo = OffsetDateTime.now(ZoneOffset.UTC).minusHours(5);
        jdbc.update("""
                INSERT INTO stock_pushes (push_id, batch_id, channel, account, listing_id, quantity, state, remote_id,
                    created_at, updated_at) VALUES ('lost-push', 'lost-batch', 'trendyol', '871234', '8690000099009', 3,
                    'SENT', 'lost-batch-request', ?, ?)""", fiveHoursAgo, fiveHoursAgo);

        assertThat(publisher.awaiting("trendyol", "871234")).doesNotContain("lost-batch-request");

        assertThat(jdbc.queryForObject("SELECT state || ': ' || detail FROM stock_pushes WHERE push_id = 'lost-push'",
                String.class)).isEqualTo("FAILED: no result within 4 hours");
        assertThat(jdbc.queryForObject("SELECT MAX(seq) FROM stock_marks WHERE sku = 'INV-TY-9'", Long.class))
                .as("the SKU is told again").isGreaterThan(before);
    }

    private void stock(int onHand) {
        assertThat(post("/api/stock", "{\"warehouse\": \"nj\", \"complete\": false, \"items\": [{\"sku\": \"" + SKU
                + "\", \"onHand\": " + onHand + "}]}").getStatusCode().value()).isEqualTo(200);
    }

    private JsonNode shopifyListing() {
        for (JsonNode listing : as(SandboxLogins.VIEWER).getForObject("/api/inventory/" + SKU, JsonNode.class)
                .path("channels")) {
            if (listing.path("listing").asText().equals("44199001")) {
                return listing;
            }
        }
        throw new AssertionError("no shopify listing of " + SKU);
    }
}
