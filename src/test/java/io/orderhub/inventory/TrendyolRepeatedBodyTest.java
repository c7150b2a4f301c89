package io.orderhub.inventory;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.orderhub.store.ErrorStore;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Trendyol refuses a price-and-inventory body identical to one it took in the last 15 minutes. On an account that
 * lists a single barcode, a quantity that went 7, 4 and 7 again has nothing to be sent beside it: the hub waits the
 * 15 minutes out instead of sending a body to be refused every round, and a restart meanwhile forgets nothing.
 */
class TrendyolRepeatedBodyTest {

    private static final String ACCOUNT = "871234";
    private static final String BARCODE = "8690000000101";
    private static final String SKU = "TR-CAY-SET6";

    @TempDir
    Path mappings;

    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-27T09:00:00Z"));
    private JdbcTemplate jdbc;
    private Inventory inventory;
    private StockPublisher publisher;
    private TrendyolStock trendyol;

    @BeforeEach
    void oneListingAccount() throws IOException {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
        ds.setUser("sa");
        Flyway.configure().dataSource(ds).load().migrate();
        jdbc = new JdbcTemplate(ds);
        Files.writeString(mappings.resolve("listings.csv"), "channel,account,listingId,masterSku,inventoryItemId,"
                + "locationId,fulfilledBy\ntrendyol," + ACCOUNT + "," + BARCODE + "," + SKU + ",,,merchant\n");
        Files.writeString(mappings.resolve("policies.csv"), "channel,skuPattern,warehouses,safetyStock,endWhen,"
                + "percent,cap,allocation\n");
        inventory = new Inventory(jdbc, new ObjectMapper(), mappings, clock);
        inventory.reload();
        restart();
    }

    @Test
    void aQuantityTrendyolWouldRefuseWaitsOutTheFifteenMinutesAndIsThenTold() {
        told(7, "b-1");
        clock.move(Duration.ofMinutes(2));
        told(4, "b-2");
        clock.move(Duration.ofMinutes(2));
        told(6, "b-3");
        clock.move(Duration.ofMinutes(2));

        // 7 again, six minutes after Trendyol took {"items": [{"barcode": ..., "quantity": 7}]}
        onHand(7);
        StockPublisher.Batch batch = publisher.due("trendyol", ACCOUNT, 1000, 0);
        assertThat(batch.pushes()).singleElement().satisfies(push -> assertThat(push.quantity()).isEqualTo(7));
        assertThat(trendyol.distinct(batch)).as("not sent to be refused").isNull();
        assertThat(jdbc.queryForObject("SELECT detail FROM stock_pushes WHERE push_id = ?", String.class,
                batch.pushes().get(0).pushId())).startsWith("not sent before 2026-11-27T09:15:00Z: trendyol refuses");

        // every round until then: nothing to send, and the SKU stays marked, once (not once more each round)
        clock.move(Duration.ofMinutes(5));
        for (int round = 0; round < 3; round++) {
            assertThat(publisher.due("trendyol", ACCOUNT, 1000, 0)).isNull();
        }
        assertThat(marksAfterCursor()).isEqualTo(1);

        // another quantity is not held
        onHand(5);
        told(5, "b-4");
        onHand(7);
        assertThat(publisher.due("trendyol", ACCOUNT, 1000, 0)).as("7 is still refused until 09:15").isNull();

        clock.move(Duration.ofMinutes(5));
        StockPublisher.Batch after = publisher.due("trendyol", ACCOUNT, 1000, 0);
        assertThat(after).as("15 minutes after Trendyol took 7").isNotNull();
        assertThat(trendyol.distinct(after)).isSameAs(after);
        assertThat(trendyol.request(after)).isEqualTo("{\"items\":[{\"barcode\":\"" + BARCODE + "\",\"quantity\":7}]}");
    }

    @Test
    void aRestartWhileAQuantityWaitsStillTellsIt() {
        told(7, "b-1");
        told(4, "b-2");
        onHand(7);
        assertThat(trendyol.distinct(publisher.due("trendyol", ACCOUNT, 1000, 0))).isNull();

        // a new process knows neither what Trendyol took nor the hold, but the mark is still there: the body goes,
        // and Trendyol's 15-minute refusal (routes/publish-stock-trendyol.yaml) makes it wait again
        restart();
        StockPublisher.Batch batch = publisher.due("trendyol", ACCOUNT, 1000, 0);
        assertThat(batch).isNotNull();
        assertThat(trendyol.distinct(batch)).isSameAs(batch);
        trendyol.repeated(batch);
        StockPublisher.Batch next = publisher.due("trendyol", ACCOUNT, 1000, 0);
        assertThat(trendyol.distinct(next)).isNull();
        assertThat(publisher.due("trendyol", ACCOUNT, 1000, 0)).isNull();

        clock.move(Duration.ofMinutes(16));
        assertThat(trendyol.distinct(publisher.due("trendyol", ACCOUNT, 1000, 0))).isNotNull();
    }

    private void told(int quantity, String batchRequestId) {
        onHand(quantity);
        StockPublisher.Batch batch = trendyol.distinct(publisher.due("trendyol", ACCOUNT, 1000, 0));
        assertThat(trendyol.request(batch)).contains("\"quantity\":" + quantity + "}");
        trendyol.accepted(batch, "{\"batchRequestId\": \"" + batchRequestId + "\"}");
        trendyol.results(batchRequestId, "{\"items\": [{\"requestItem\": {\"barcode\": \"" + BARCODE + "\"}, "
                + "\"status\": \"SUCCESS\"}]}");
        assertThat(inventory.level(inventory.listings("trendyol", ACCOUNT).get(0)).quantity()).isEqualTo(quantity);
    }

    private void onHand(int quantity) {
        jdbc.update("DELETE FROM stock WHERE sku = ?", SKU);
        jdbc.update("INSERT INTO stock (warehouse, sku, on_hand, reserved, reported_at) VALUES ('ist', ?, ?, 0, ?)",
                SKU, quantity, clock.instant().atOffset(ZoneOffset.UTC));
        jdbc.update("INSERT INTO stock_marks (sku, marked_at) VALUES (?, ?)", SKU,
                clock.instant().atOffset(ZoneOffset.UTC).minusMinutes(1));
    }

    private int marksAfterCursor() {
        return jdbc.queryForObject("""
                SELECT COUNT(*) FROM stock_marks WHERE sku = ? AND seq > (SELECT seq FROM stock_publish_cursors
                WHERE channel = 'trendyol' AND account = ?)""", Integer.class, SKU, ACCOUNT);
    }

    private void restart() {
        publisher = new StockPublisher(jdbc, inventory, new ErrorStore(jdbc, clock), clock, new SimpleMeterRegistry());
        trendyol = new TrendyolStock(new ObjectMapper(), publisher, clock);
    }

    /** A clock the test moves on. */
    private static final class MovableClock extends Clock {

        private Instant now;

        MovableClock(Instant start) {
            this.now = start;
        }

        void move(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
