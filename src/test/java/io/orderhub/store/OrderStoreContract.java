package io.orderhub.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderhub.canonical.Address;
import io.orderhub.canonical.CanonicalJson;
import io.orderhub.canonical.CanonicalOrder;
import io.orderhub.canonical.Customer;
import io.orderhub.canonical.HistoryEntry;
import io.orderhub.canonical.OrderIds;
import io.orderhub.canonical.OrderLine;
import io.orderhub.canonical.Totals;
import io.orderhub.edi.ControlNumbers;
import io.orderhub.enrich.Allocator;
import io.orderhub.enrich.CarrierRules;
import io.orderhub.enrich.Catalog;
import io.orderhub.enrich.FulfillmentPlanner;
import io.orderhub.enrich.RuleFile;
import io.orderhub.enrich.StockSnapshot;
import io.orderhub.lifecycle.DeliveryPlan;
import io.orderhub.lifecycle.Destination;
import io.orderhub.lifecycle.OrderStatus;
import io.orderhub.lifecycle.StatusUpdate;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.orderhub.lifecycle.OrderStatus.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The state store's behaviour, run as-is on every database the hub supports (H2 by default, PostgreSQL in
 * production), on the schema the Flyway migrations create.
 */
abstract class OrderStoreContract {

    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    JdbcTemplate jdbc;
    TransactionTemplate tx;
    OrderStore orders;
    DeliveryLedger ledger;
    ChannelCursors cursors;
    ErrorStore errors;

    abstract DataSource dataSource();

    @BeforeEach
    void cleanSchema() {
        DataSource ds = dataSource();
        Flyway flyway = Flyway.configure().dataSource(ds).cleanDisabled(false).load();
        flyway.clean();
        flyway.migrate();
        jdbc = new JdbcTemplate(ds);
        tx = new TransactionTemplate(new DataSourceTransactionManager(ds));
        Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
        orders = new OrderStore(jdbc, CanonicalJson.newMapper(), new DeliveryPlan(
                EnumSet.of(Destination.WMS, Destination.CHANNEL, Destination.EVENTS), Set.of("shopify")), clock);
        ledger = new DeliveryLedger(jdbc, clock);
        cursors = new ChannelCursors(jdbc, clock);
        errors = new ErrorStore(jdbc, clock);
    }

    @Test
    void ediControlNumbersAreSequentialPerPartnerNeverRepeatedAndSurviveARestart() throws Exception {
        ControlNumbers numbers = new ControlNumbers(jdbc, tx);
        assertThat(numbers.next("acme", ControlNumbers.Kind.INTERCHANGE)).isEqualTo(1);
        assertThat(numbers.next("acme", ControlNumbers.Kind.INTERCHANGE)).isEqualTo(2);
        assertThat(numbers.next("acme", ControlNumbers.Kind.GROUP)).isEqualTo(1);
        assertThat(numbers.next("globex", ControlNumbers.Kind.INTERCHANGE)).isEqualTo(1);

        // a new instance on the same database, as after a restart, goes on where the last one stopped
        ControlNumbers afterRestart = new ControlNumbers(jdbc, tx);
        assertThat(afterRestart.next("acme", ControlNumbers.Kind.INTERCHANGE)).isEqualTo(3);

        // concurrent senders never get the same number
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Long>> issued = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                issued.add(pool.submit(() -> afterRestart.next("acme", ControlNumbers.Kind.TRANSACTION)));
            }
            Set<Long> values = new HashSet<>();
            for (Future<Long> value : issued) {
                values.add(value.get(30, TimeUnit.SECONDS));
            }
            assertThat(values).hasSize(40).allMatch(v -> v >= 1 && v <= 40);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aNewOrderIsStoredWithItsHistoryAndDeliveries() {
        IntakeResult result = accept(order("1001", T0, CONFIRMED, "Portland"));

        assertThat(result.outcome()).isEqualTo(IntakeResult.Outcome.CREATED);
        assertThat(result.revision()).isEqualTo(1);
        assertThat(result.deliveries()).extracting(DeliveryRef::key)
                .containsExactly(keyOf(result.orderId(), "wms", 1), keyOf(result.orderId(), "events", 1));
        CanonicalOrder stored = orders.find(result.orderId()).orElseThrow();
        assertThat(stored.status()).isEqualTo(CONFIRMED);
        assertThat(stored.shipTo().city()).isEqualTo("Portland");
        assertThat(stored.totals().grandTotal()).isEqualTo(new BigDecimal("23.95"));
        assertThat(stored.history()).singleElement().satisfies(h -> {
            assertThat(h.status()).isEqualTo(CONFIRMED);
            assertThat(h.accepted()).isTrue();
            assertThat(h.source()).isEqualTo("shopify/poll");
        });
        assertThat(ledger.forOrder(result.orderId())).extracting(DeliveryLedger.DeliveryRow::status)
                .containsOnly("PENDING");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM raw_payloads", Integer.class)).isEqualTo(1);
    }

    @Test
    void theSameOrderAgainChangesNothing() {
        IntakeResult first = accept(order("1001", T0, CONFIRMED, "Portland"));
        IntakeResult again = accept(order("1001", T0, CONFIRMED, "Portland"));

        assertThat(again.outcome()).isEqualTo(IntakeResult.Outcome.DUPLICATE);
        assertThat(again.orderId()).isEqualTo(first.orderId());
        assertThat(again.deliveries()).isEmpty();
        assertThat(orders.history(first.orderId())).hasSize(1);
        assertThat(ledger.forOrder(first.orderId())).hasSize(2);
        assertThat(count("orders")).isEqualTo(1);
    }

    @Test
    void aNewerVersionIsAnUpdateThatMovesTheLifecycle() {
        IntakeResult first = accept(order("1001", T0, CONFIRMED, "Portland"));
        IntakeResult canceled = accept(order("1001", T0.plusSeconds(60), CANCELED, "Portland"));

        assertThat(canceled.outcome()).isEqualTo(IntakeResult.Outcome.UPDATED);
        assertThat(canceled.status()).isEqualTo(CANCELED);
        assertThat(canceled.revision()).isEqualTo(2);
        // the warehouse had it: it is told to stop (the channel, which canceled it, is not told back)
        assertThat(canceled.deliveries()).extracting(DeliveryRef::key)
                .containsExactly(keyOf(first.orderId(), "wms", 2), keyOf(first.orderId(), "events", 2));
        assertThat(orders.history(first.orderId())).extracting(HistoryEntry::status).containsExactly(CONFIRMED, CANCELED);
    }

    @Test
    void anAmendedAddressBeforePickingGoesToTheWarehouseAgain() {
        IntakeResult first = accept(order("1001", T0, CONFIRMED, "Portland"));
        IntakeResult moved = accept(order("1001", T0.plusSeconds(60), CONFIRMED, "Seattle"));

        assertThat(moved.outcome()).isEqualTo(IntakeResult.Outcome.UPDATED);
        assertThat(moved.deliveries()).extracting(DeliveryRef::key)
                .containsExactly(keyOf(first.orderId(), "wms", 2), keyOf(first.orderId(), "events", 2));
        assertThat(orders.find(first.orderId()).orElseThrow().shipTo().city()).isEqualTo("Seattle");
    }

    @Test
    void anOlderVersionIsIgnored() {
        IntakeResult first = accept(order("1001", T0, CONFIRMED, "Portland"));
        IntakeResult stale = accept(order("1001", T0.minusSeconds(60), NEW, "Somewhere"));

        assertThat(stale.outcome()).isEqualTo(IntakeResult.Outcome.STALE);
        assertThat(orders.find(first.orderId()).orElseThrow().shipTo().city()).isEqualTo("Portland");
        assertThat(orders.history(first.orderId())).hasSize(1);
    }

    @Test
    void aChannelThatIsBehindTheHubDoesNotRollTheOrderBack() {
        IntakeResult first = accept(order("1001", T0, CONFIRMED, "Portland"));
        orders.applyStatus(first.orderId(), new StatusUpdate(PICKING, "wms", null, null, null));
        IntakeResult update = accept(order("1001", T0.plusSeconds(60), CONFIRMED, "Portland, OR"));

        assertThat(update.outcome()).isEqualTo(IntakeResult.Outcome.UPDATED);
        assertThat(update.status()).isEqualTo(PICKING);
        assertThat(orders.history(first.orderId())).allMatch(HistoryEntry::accepted);
    }

    @Test
    void aChannelCancelAfterShippingIsRefusedAndRecorded() {
        IntakeResult first = accept(order("1001", T0, CONFIRMED, "Portland"));
        orders.applyStatus(first.orderId(), new StatusUpdate(PICKING, "wms", null, null, null));
        orders.applyStatus(first.orderId(), new StatusUpdate(SHIPPED, "wms", null, "1Z999", "UPS"));
        IntakeResult cancel = accept(order("1001", T0.plusSeconds(60), CANCELED, "Portland"));

        assertThat(cancel.status()).isEqualTo(SHIPPED);
        HistoryEntry refused = orders.history(first.orderId()).stream().filter(h -> !h.accepted()).findFirst().orElseThrow();
        assertThat(refused.status()).isEqualTo(CANCELED);
        assertThat(refused.detail()).isEqualTo("SHIPPED -> CANCELED is not allowed: an order cannot be canceled once SHIPPED; start a return instead");
        assertThat(orders.find(first.orderId()).orElseThrow().fulfillment().trackingNumbers()).containsExactly("1Z999");
    }

    @Test
    void statusUpdatesWalkTheLifecycleAndKeepTracking() {
        String id = accept(order("1001", T0, CONFIRMED, "Portland")).orderId();

        TransitionResult picking = orders.applyStatus(id, new StatusUpdate(PICKING, "wms", "started", null, null));
        TransitionResult shipped = orders.applyStatus(id, new StatusUpdate(SHIPPED, "wms", null, "1Z999", "UPS"));

        assertThat(picking.outcome()).isEqualTo(TransitionResult.Outcome.TRANSITIONED);
        assertThat(shipped.revision()).isEqualTo(3);
        // the warehouse shipped it: the channel is told (write-back) and an event goes out
        assertThat(shipped.deliveries()).extracting(DeliveryRef::key).containsExactly(keyOf(id, "channel", 3), keyOf(id, "events", 3));
        CanonicalOrder order = orders.find(id).orElseThrow();
        assertThat(order.status()).isEqualTo(SHIPPED);
        assertThat(order.fulfillment().carrier()).isEqualTo("UPS");
        assertThat(order.fulfillment().trackingNumbers()).containsExactly("1Z999");
        assertThat(orders.historyAt(id, 3).orElseThrow().detail()).isEqualTo("tracking 1Z999");
    }

    @Test
    void aRefusedTransitionIsRecordedAndLeavesTheOrderIntact() {
        String id = accept(order("1001", T0, CONFIRMED, "Portland")).orderId();
        String before = orders.canonicalJson(id);

        TransitionResult refused = orders.applyStatus(id, new StatusUpdate(DELIVERED, "carrier", null, null, null));

        assertThat(refused.outcome()).isEqualTo(TransitionResult.Outcome.REFUSED);
        assertThat(refused.reason()).startsWith("CONFIRMED -> DELIVERED is not allowed");
        assertThat(refused.revision()).isEqualTo(1);
        assertThat(refused.deliveries()).isEmpty();
        assertThat(orders.canonicalJson(id)).isEqualTo(before);
        assertThat(orders.history(id)).last().satisfies(h -> {
            assertThat(h.accepted()).isFalse();
            assertThat(h.status()).isEqualTo(DELIVERED);
            assertThat(h.from()).isEqualTo(CONFIRMED);
            assertThat(h.source()).isEqualTo("carrier");
        });
    }

    @Test
    void theSameStatusUpdateTwiceMovesTheOrderOnce() {
        String id = accept(order("1001", T0, CONFIRMED, "Portland")).orderId();
        orders.applyStatus(id, new StatusUpdate(PICKING, "wms", null, null, null));
        TransitionResult again = orders.applyStatus(id, new StatusUpdate(PICKING, "wms", null, null, null));

        assertThat(again.outcome()).isEqualTo(TransitionResult.Outcome.UNCHANGED);
        assertThat(again.revision()).isEqualTo(2);
        assertThat(orders.history(id)).hasSize(2);
    }

    @Test
    void unknownOrdersAreReportedAsSuch() {
        assertThatThrownBy(() -> orders.applyStatus("shopify-nope", new StatusUpdate(PICKING, "wms", null, null, null)))
                .isInstanceOf(OrderNotFoundException.class);
        assertThat(orders.find("shopify-nope")).isEmpty();
    }

    @Test
    void twoIntakesOfTheSameNewOrderAtOnceCreateItOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 20; round++) { // a race: one round proves little
                String channelOrderId = "race-" + round;
                CountDownLatch go = new CountDownLatch(1);
                List<Future<IntakeResult>> results = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    results.add(pool.submit(() -> {
                        go.await();
                        return accept(order(channelOrderId, T0, CONFIRMED, "Portland"));
                    }));
                }
                go.countDown();
                List<IntakeResult.Outcome> outcomes = new ArrayList<>();
                for (Future<IntakeResult> r : results) {
                    outcomes.add(r.get().outcome());
                }
                assertThat(outcomes).as("round " + round)
                        .containsExactlyInAnyOrder(IntakeResult.Outcome.CREATED, IntakeResult.Outcome.DUPLICATE);
            }
            assertThat(count("orders")).isEqualTo(20);
            assertThat(count("deliveries")).isEqualTo(40);
            assertThat(count("order_history")).isEqualTo(20);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void listsAndLooksUpOrders() {
        accept(order("1001", T0, CONFIRMED, "Portland"));
        accept(order("1002", T0, NEW, "Albany"));
        accept(order("1003", T0, CONFIRMED, "Seattle"));

        assertThat(orders.list(CONFIRMED, "shopify", 0, 10).total()).isEqualTo(2);
        assertThat(orders.list(null, null, 0, 2).items()).hasSize(2);
        assertThat(orders.list(null, null, 1, 2).items()).hasSize(1);
        assertThat(orders.list(null, "amazon", 0, 10).total()).isZero();
        assertThat(orders.lookup("shopify", null, "1002"))
                .containsExactly(OrderIds.orderId("shopify", "shop-a", "1002"));
        assertThat(orders.lookup("shopify", "other-shop", "1002")).isEmpty();
    }

    @Test
    void deliveryLedgerRecordsAttemptsAndNeverReopensADeliveredKey() {
        IntakeResult result = accept(order("1001", T0, CONFIRMED, "Portland"));
        String key = keyOf(result.orderId(), "wms", 1);

        assertThat(ledger.open(key)).isEqualTo(new DeliveryRef(key, result.orderId(), Destination.WMS, 1));
        ledger.failed(key, "503 Service Unavailable");
        ledger.failed(key, "503 Service Unavailable");
        ledger.succeeded(key, "{\"fulfillmentOrderId\":\"FO-1\"}");
        ledger.failed(key, "late failure after success is ignored");

        DeliveryLedger.DeliveryRow row = ledger.forOrder(result.orderId()).stream()
                .filter(r -> r.key().equals(key)).findFirst().orElseThrow();
        assertThat(row.destination()).isEqualTo("wms");
        assertThat(row.status()).isEqualTo("DELIVERED");
        assertThat(row.attempts()).isEqualTo(3);
        assertThat(row.lastError()).isNull();
        assertThat(ledger.open(key)).isNull();
        assertThat(ledger.isDone(key)).isTrue();

        String events = keyOf(result.orderId(), "events", 1);
        ledger.deadLettered(events, "dead-lettered");
        assertThat(ledger.open(events)).isNull();
        assertThat(ledger.stalePending(0, 10).deliveries()).isEmpty();

        // what the metrics read: the open deliveries only, and the last success of those after a given time
        assertThat(ledger.stats()).extracting(DeliveryLedger.Stat::destination, DeliveryLedger.Stat::status,
                DeliveryLedger.Stat::count).contains(tuple(Destination.EVENTS, DeliveryLedger.Status.DEAD, 1L));
        assertThat(ledger.stats()).extracting(DeliveryLedger.Stat::status).doesNotContain(DeliveryLedger.Status.DELIVERED);
        assertThat(ledger.lastSuccesses(T0.minusSeconds(1))).containsExactly(entry(Destination.WMS, T0));
        assertThat(ledger.lastSuccesses(T0)).isEmpty();
    }

    @Test
    void aDeliveryReadsTheOrderAsItWasAtItsRevision() {
        IntakeResult result = accept(order("1101", T0, CONFIRMED, "Portland"));
        orders.applyStatus(result.orderId(), new StatusUpdate(CANCELED, "ops", "buyer changed mind", null, null));

        assertThat(orders.canonicalJsonAt(result.orderId(), 1)).contains("\"status\":\"CONFIRMED\"");
        assertThat(orders.canonicalJsonAt(result.orderId(), 2)).contains("\"status\":\"CANCELED\"");
        assertThat(orders.canonicalJson(result.orderId())).contains("\"status\":\"CANCELED\"");
    }

    @Test
    void stalePendingDeliveriesAreFoundForRepublishing() {
        IntakeResult result = accept(order("1001", T0, CONFIRMED, "Portland"));
        jdbc.update("UPDATE deliveries SET updated_at = ?", T0.minusSeconds(600).atOffset(ZoneOffset.UTC));

        assertThat(ledger.stalePending(120, 10).deliveries()).containsExactlyInAnyOrderElementsOf(result.deliveries());
        assertThat(ledger.stalePending(3600, 10).deliveries()).isEmpty();
    }

    @Test
    void theSweepPagesThroughEveryStalePendingDeliveryInsteadOfTheSameOldestOnes() {
        List<String> keys = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            accept(order("20" + i, T0, CONFIRMED, "Portland")).deliveries().forEach(d -> keys.add(d.key()));
        }
        jdbc.update("UPDATE deliveries SET updated_at = ?", T0.minusSeconds(600).atOffset(ZoneOffset.UTC));

        java.util.Set<String> swept = new java.util.HashSet<>();
        for (int sweep = 0; sweep < (keys.size() + 3) / 4; sweep++) {
            Deliveries batch = ledger.stalePending(120, 4);
            assertThat(batch.republishTag()).as("a republish has a fresh broker id").startsWith(":r-");
            batch.deliveries().forEach(d -> assertThat(swept.add(d.key())).as(d.key() + " swept twice").isTrue());
        }
        assertThat(swept).containsExactlyInAnyOrderElementsOf(keys);
    }

    @Test
    void aDeliveryWaitingForItsNextRedeliveryIsNotCopiedBeforeTheLongestDelayHasPassed() {
        DeliveryLedger withBackoff = new DeliveryLedger(jdbc, Clock.fixed(T0, ZoneOffset.UTC), Duration.ofMinutes(10));
        IntakeResult result = accept(order("1201", T0, CONFIRMED, "Portland"));
        String failed = keyOf(result.orderId(), "wms", 1);
        withBackoff.failed(failed, "503");
        jdbc.update("UPDATE deliveries SET updated_at = ?", T0.minusSeconds(300).atOffset(ZoneOffset.UTC));

        // the never-tried ones are stale after two minutes; the failed one is in the broker's backoff
        assertThat(withBackoff.stalePending(120, 10).deliveries()).extracting(DeliveryRef::key)
                .isNotEmpty().doesNotContain(failed);
        jdbc.update("UPDATE deliveries SET updated_at = ? WHERE idempotency_key = ?",
                T0.minusSeconds(800).atOffset(ZoneOffset.UTC), failed);
        assertThat(withBackoff.stalePending(120, 10).deliveries()).extracting(DeliveryRef::key).containsExactly(failed);
    }

    @Test
    void aDeadDeliveryIsListedAndCanBeSentAgainOneOrInBulkButADeliveredOneCannot() {
        IntakeResult first = accept(order("3001", T0, CONFIRMED, "Portland"));
        IntakeResult second = accept(order("3002", T0, CONFIRMED, "Portland"));
        String one = keyOf(first.orderId(), "wms", 1);
        String two = keyOf(second.orderId(), "wms", 1);
        ledger.refused(one, "refused with 422 by the WMS");
        ledger.deadLettered(two, "dead-lettered after the last redelivery");
        ledger.succeeded(keyOf(first.orderId(), "events", 1), "ok");

        DeliveryLedger.Page dead = ledger.page(DeliveryLedger.Status.DEAD, Destination.WMS, T0.minusSeconds(1), null, 0, 10);
        assertThat(dead.total()).isEqualTo(2);
        assertThat(dead.items()).extracting(DeliveryLedger.Item::key).containsExactlyInAnyOrder(one, two);
        assertThat(dead.items()).extracting(DeliveryLedger.Item::destination).containsOnly("wms");
        assertThat(ledger.page(DeliveryLedger.Status.DEAD, Destination.WMS, T0.plusSeconds(1), null, 0, 10).total()).isZero();

        assertThat(ledger.retry(one)).contains(new DeliveryRef(one, first.orderId(), Destination.WMS, 1));
        assertThat(ledger.open(one)).isNotNull();
        assertThat(ledger.retry(keyOf(first.orderId(), "events", 1))).isEmpty();
        assertThat(ledger.retry("no-such-key")).isEmpty();

        assertThat(ledger.retryAll(Destination.WMS, DeliveryLedger.Status.DEAD, null, null))
                .containsExactly(new DeliveryRef(two, second.orderId(), Destination.WMS, 1));
        assertThat(ledger.open(two)).isNotNull();
        assertThat(ledger.retryAll(Destination.WMS, DeliveryLedger.Status.DEAD, null, null)).isEmpty();
    }

    @Test
    void cursorsOnlyMoveForward() {
        assertThat(cursors.startFor("shopify", "shop-a", 120, "P1D")).isEqualTo("2026-02-28T10:00:00Z");

        cursors.advance("shopify", "shop-a", List.of("2026-03-01T05:00:00-05:00", "2026-03-01T09:00:00Z"));
        assertThat(cursors.get("shopify", "shop-a")).contains("2026-03-01T10:00:00Z");
        cursors.advance("shopify", "shop-a", List.of("2026-03-01T08:00:00Z"));
        assertThat(cursors.get("shopify", "shop-a")).contains("2026-03-01T10:00:00Z");
        cursors.advance("shopify", "shop-a", List.of());
        assertThat(cursors.startFor("shopify", "shop-a", 120, "P1D")).isEqualTo("2026-03-01T09:58:00Z");
        assertThat(cursors.get("shopify", "shop-b")).isEmpty();
    }

    @Test
    void errorStoreKeepsThePayloadAndTheReplayState() {
        String id = errors.record("shopify", "shop-a", "api", "parse", "malformed JSON at line 1, column 9", "{\"id\": ");

        ErrorStore.ErrorEntry entry = errors.find(id).orElseThrow();
        assertThat(entry.rawPayload()).isEqualTo("{\"id\": ");
        assertThat(entry.replayState()).isEqualTo(ErrorStore.ReplayState.OPEN);
        assertThat(errors.count(ErrorStore.ReplayState.OPEN, "shopify")).isEqualTo(1);

        errors.replayFailed(id, "still malformed");
        assertThat(errors.find(id).orElseThrow()).satisfies(e -> {
            assertThat(e.replayState()).isEqualTo(ErrorStore.ReplayState.OPEN);
            assertThat(e.replayCount()).isEqualTo(1);
            assertThat(e.reason()).isEqualTo("still malformed");
        });
        errors.replaySucceeded(id, "orders shopify-1");
        assertThat(errors.find(id).orElseThrow().replayState()).isEqualTo(ErrorStore.ReplayState.REPLAYED);
        assertThat(errors.list(ErrorStore.ReplayState.OPEN, null, 0, 10)).isEmpty();
        assertThat(errors.list(null, "shopify", 0, 10)).hasSize(1);
    }

    @Test
    void searchesOrdersByAnyOfTheirIdsTheCustomersEmailAndWhenTheyCame() {
        accept(order("2001", T0, CONFIRMED, "Portland"));
        accept(order("2002", T0, NEW, "Albany"));
        String first = OrderIds.orderId("shopify", "shop-a", "2001");

        assertThat(search(new OrderStore.OrderSearch(null, null, "2001", null, null, null))).containsExactly(first);
        assertThat(search(new OrderStore.OrderSearch(null, null, "#2001", null, null, null))).containsExactly(first);
        assertThat(search(new OrderStore.OrderSearch(null, null, first, null, null, null))).containsExactly(first);
        assertThat(search(new OrderStore.OrderSearch(NEW, null, "2001", null, null, null))).isEmpty();
        assertThat(search(new OrderStore.OrderSearch(null, null, null, " Dana@Example.com ", null, null))).hasSize(2);
        assertThat(search(new OrderStore.OrderSearch(null, null, null, "other@example.com", null, null))).isEmpty();
        assertThat(search(new OrderStore.OrderSearch(null, null, null, null, T0, T0.plusSeconds(1)))).hasSize(2);
        assertThat(search(new OrderStore.OrderSearch(null, null, null, null, T0.plusSeconds(1), null))).isEmpty();
    }

    private List<String> search(OrderStore.OrderSearch search) {
        return orders.list(search, 0, 10).items().stream().map(CanonicalOrder::orderId).toList();
    }

    @Test
    void errorStoreIsFilteredAndGroupedByCause() {
        String a = errors.record("shopify", "shop-a", "poll", "validate", "order 5001: required property 'totals' not found", "{\"id\": 5001}");
        String b = errors.record("shopify", "shop-a", "poll", "validate", "order 5002: required property 'totals' not found", "{\"id\": 5002}");
        errors.record("shopify", "shop-a", "poll", "parse", "malformed JSON at line 3, column 7", "{");
        errors.record("amazon", "seller", "poll", "validate", "order 5003: 100% off_price_is_invalid", "{}");

        ErrorStore.ErrorFilter validate = new ErrorStore.ErrorFilter(ErrorStore.ReplayState.OPEN, "shopify", "validate",
                null, null, null);
        assertThat(errors.count(validate)).isEqualTo(2);
        // LIKE's wildcards in the text are taken as they are
        assertThat(errors.count(new ErrorStore.ErrorFilter(null, null, null, "100% OFF_", null, null))).isEqualTo(1);
        assertThat(errors.count(new ErrorStore.ErrorFilter(null, null, null, "0%", null, null))).isEqualTo(1);
        assertThat(errors.count(new ErrorStore.ErrorFilter(null, null, null, "_", null, null))).isEqualTo(1);
        assertThat(errors.count(new ErrorStore.ErrorFilter(null, null, null, null, null, T0))).isZero();

        List<ErrorStore.Cause> causes = errors.causes(new ErrorStore.ErrorFilter(ErrorStore.ReplayState.OPEN, null,
                null, null, null, null), 100);
        assertThat(causes.get(0)).satisfies(c -> {
            assertThat(c.cause()).isEqualTo("order #: required property 'totals' not found");
            assertThat(c.entries()).isEqualTo(2);
            assertThat(c.channel()).isEqualTo("shopify");
        });
        assertThat(causes).hasSize(3);
        assertThat(errors.idsOfCause(validate, "order #: required property 'totals' not found", 100))
                .containsExactlyInAnyOrder(a, b);
        assertThat(errors.idsOfCause(validate, "something else", 100)).isEmpty();
    }

    /**
     * Allocation in the order's transaction: two orders racing for the last unit get it once; the other is
     * BACKORDERED and reserves nothing. Shipping takes the unit out of stock; a cancellation gives it back.
     */
    @Test
    void twoOrdersRacingForTheLastUnitTakeItOnce() throws Exception {
        ObjectMapper mapper = CanonicalJson.newMapper();
        Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
        Catalog catalog = new Catalog(jdbc, Path.of("mappings", "catalog"), clock);
        catalog.reload();
        Allocator allocator = new Allocator(jdbc,
                new RuleFile(Path.of("mappings", "allocation", "warehouses.jsonata"), mapper), clock);
        allocator.applySnapshot(new StockSnapshot("nj", true, List.of(new StockSnapshot.Item("MUG-CER-12-BLU", 1))));
        OrderStore allocating = new OrderStore(jdbc, mapper, new DeliveryPlan(EnumSet.of(Destination.WMS,
                Destination.CARRIER, Destination.EVENTS), Set.of()), clock, new FulfillmentPlanner(allocator,
                new CarrierRules(new RuleFile(Path.of("mappings", "carriers", "select.jsonata"), mapper), catalog)),
                StoreEvents.NONE);

        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<IntakeResult>> racing = new ArrayList<>();
            for (String id : List.of("2001", "2002")) {
                CanonicalOrder order = order(id, T0, CONFIRMED, "Portland");
                racing.add(pool.submit(() -> {
                    start.await();
                    return tx.execute(s -> allocating.accept(order, null, "poll"));
                }));
            }
            start.countDown();
            List<IntakeResult> results = new ArrayList<>();
            for (Future<IntakeResult> result : racing) {
                results.add(result.get(30, TimeUnit.SECONDS));
            }
            assertThat(results).extracting(IntakeResult::status).containsExactlyInAnyOrder(CONFIRMED, BACKORDERED);
            IntakeResult won = results.stream().filter(r -> r.status() == CONFIRMED).findFirst().orElseThrow();
            IntakeResult lost = results.stream().filter(r -> r.status() == BACKORDERED).findFirst().orElseThrow();
            // the one that got it goes to the warehouse and the carrier; the backorder goes nowhere yet
            assertThat(won.deliveries()).extracting(DeliveryRef::destination)
                    .containsExactly(Destination.WMS, Destination.CARRIER, Destination.EVENTS);
            assertThat(lost.deliveries()).extracting(DeliveryRef::destination).containsExactly(Destination.EVENTS);
            CanonicalOrder allocated = allocating.find(won.orderId()).orElseThrow();
            assertThat(allocated.fulfillment().warehouse()).isEqualTo("nj");
            assertThat(allocated.fulfillment().carrier()).isEqualTo("UPS");
            assertThat(allocated.fulfillment().service()).isEqualTo("ground");
            assertThat(allocated.lines().get(0).masterSku()).isNull(); // resolved by the route, not the store
            assertThat(allocator.levels("nj", "MUG-CER-12-BLU")).singleElement()
                    .satisfies(l -> assertThat(l.reserved()).isEqualTo(1));

            // the backorder waits; canceling the allocated one gives the unit back, and the backorder takes it
            assertThat(tx.execute(s -> allocating.applyStatus(lost.orderId(),
                    new StatusUpdate(CONFIRMED, "allocation", "stock arrived", null, null))).outcome())
                    .isEqualTo(TransitionResult.Outcome.UNCHANGED);
            tx.execute(s -> allocating.applyStatus(won.orderId(), new StatusUpdate(CANCELED, "ops", null, null, null)));
            assertThat(tx.execute(s -> allocating.applyStatus(lost.orderId(),
                    new StatusUpdate(CONFIRMED, "allocation", "stock arrived", null, null))).status()).isEqualTo(CONFIRMED);
            tx.execute(s -> allocating.applyStatus(lost.orderId(), new StatusUpdate(PICKING, "wms", null, null, null)));
            tx.execute(s -> allocating.applyStatus(lost.orderId(), new StatusUpdate(SHIPPED, "wms", null, null, null)));
            assertThat(allocator.levels("nj", "MUG-CER-12-BLU")).singleElement().satisfies(l -> {
                assertThat(l.onHand()).isZero();
                assertThat(l.reserved()).isZero();
            });
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theVelocityCountSeesACustomersRecentOrdersWhateverTheCaseOfTheEmail() {
        accept(order("3001", T0, CONFIRMED, "Portland"));
        accept(order("3002", T0, CONFIRMED, "Portland"));
        CanonicalOrder next = order("3003", T0, CONFIRMED, "Portland");
        assertThat(orders.ordersOfCustomerSince(next, T0.minusSeconds(600))).isEqualTo(2);
        assertThat(orders.ordersOfCustomerSince(next, T0.plusSeconds(1))).isZero();
        CanonicalOrder shouting = new CanonicalOrder(next.orderId(), next.channel(), next.account(), next.channelOrderId(),
                next.orderNumber(), next.placedAt(), next.updatedAt(), next.currency(), next.status(),
                new Customer("Dana", " DANA@Example.com", null), next.shipTo(), next.billTo(), next.lines(),
                next.totals(), next.payment(), next.shippingMethod(), null, null, null);
        assertThat(orders.ordersOfCustomerSince(shouting, T0.minusSeconds(600))).isEqualTo(2);
    }

    private IntakeResult accept(CanonicalOrder order) {
        return tx.execute(s -> orders.accept(order, "{\"id\":" + order.channelOrderId() + ",\"at\":\""
                + order.updatedAt() + "\",\"city\":\"" + order.shipTo().city() + "\"}", "poll"));
    }

    private int count(String table) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Integer.class);
    }

    static CanonicalOrder order(String channelOrderId, Instant updatedAt, OrderStatus status, String city) {
        String orderId = OrderIds.orderId("shopify", "shop-a", channelOrderId);
        return new CanonicalOrder(orderId, "shopify", "shop-a", channelOrderId, "#" + channelOrderId, T0, updatedAt,
                "USD", status, new Customer("Dana Whitfield", "dana@example.com", "+15035550142"),
                new Address("Dana Whitfield", null, "1 Main St", null, city, "OR", "97201", "US", null), null,
                List.of(new OrderLine("1", "MUG-CER-12-BLU", "45001001", "Mug", 1, new BigDecimal("18.00"),
                        BigDecimal.ZERO, BigDecimal.ZERO, new BigDecimal("18.00"))),
                new Totals(new BigDecimal("18.00"), BigDecimal.ZERO, new BigDecimal("5.95"), BigDecimal.ZERO,
                        new BigDecimal("23.95"), false), null, "Standard", null, null, null);
    }

    /** The key the store gave the delivery of this order, destination and revision (its last part is random). */
    String keyOf(String orderId, String destination, int revision) {
        return jdbc.queryForList("SELECT idempotency_key FROM deliveries WHERE order_id = ? AND destination = ? AND revision = ?",
                String.class, orderId, destination.toUpperCase(java.util.Locale.ROOT), revision).stream().findFirst()
                .orElse(orderId + ":" + destination + ":" + revision + ":(not scheduled)");
    }
}
