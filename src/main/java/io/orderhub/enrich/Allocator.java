package io.orderhub.enrich;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderhub.canonical.CanonicalOrder;
import io.orderhub.canonical.OrderLine;
import io.orderhub.store.FulfillmentPlanning;
import io.orderhub.store.Oversells;
import io.orderhub.store.StockMarks;
import io.orderhub.store.Where;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Stock per warehouse and what orders hold of it. The warehouses that may serve an order, best first, come from
 * mappings/allocation/warehouses.jsonata (ship-to country, priority). The whole order goes to the first of them
 * that has every line in stock; failing that it is split by line, each line to the first that has it; a line no
 * warehouse has makes the order backordered and reserves nothing, and is an oversell of its channel (Oversells). A reservation is one conditional UPDATE
 * ({@code on_hand - reserved >= quantity}), so two orders cannot both take the last unit.
 */
public class Allocator {

    private final JdbcTemplate jdbc;
    private final RuleFile warehouseRules;
    private final Clock clock;

    public Allocator(JdbcTemplate jdbc, RuleFile warehouseRules, Clock clock) {
        this.jdbc = jdbc;
        this.warehouseRules = warehouseRules;
        this.clock = clock;
    }

    /** The warehouse of each line (by line id), or empty when some line has no stock in any candidate warehouse. */
    public Result allocate(CanonicalOrder order) {
        release(order.orderId());
        List<String> candidates = candidates(order);
        if (candidates.isEmpty()) {
            return Result.backordered("no warehouse serves " + shipCountry(order)
                    + " (mappings/allocation/warehouses.jsonata)");
        }
        for (String warehouse : candidates) {
            Map<String, String> whole = new LinkedHashMap<>();
            order.lines().forEach(line -> whole.put(line.lineId(), warehouse));
            if (reserveAll(order, whole)) {
                return new Result(whole, null);
            }
        }
        Map<String, String> split = new LinkedHashMap<>();
        for (OrderLine line : order.lines()) {
            Optional<String> from = candidates.stream().filter(w -> reserve(w, line.stockSku(), line.quantity()))
                    .findFirst();
            if (from.isEmpty()) {
                split.forEach((lineId, w) -> unreserve(w, lineOf(order, lineId)));
                Oversells.record(jdbc, order, line, OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC));
                return Result.backordered("no stock of " + line.stockSku() + " x " + line.quantity() + " in "
                        + String.join(", ", candidates));
            }
            split.put(line.lineId(), from.get());
        }
        record(order, split);
        return new Result(split, null);
    }

    /** Gives back what the order holds and has not shipped. */
    public void release(String orderId) {
        for (Map<String, Object> row : jdbc.queryForList(
                "SELECT warehouse, sku, quantity FROM allocations WHERE order_id = ? AND state = 'RESERVED'", orderId)) {
            jdbc.update("UPDATE stock SET reserved = reserved - ? WHERE warehouse = ? AND sku = ?",
                    row.get("quantity"), row.get("warehouse"), row.get("sku"));
        }
        jdbc.update("DELETE FROM allocations WHERE order_id = ? AND state = 'RESERVED'", orderId);
    }

    /** The warehouse's part shipped: its units leave on-hand and reserved. Null ships every part. */
    public FulfillmentPlanning.Shipped ship(String orderId, String warehouse) {
        String parts = "SELECT line_id, warehouse, sku, quantity FROM allocations WHERE order_id = ? AND state = 'RESERVED'";
        List<Map<String, Object>> rows = warehouse == null ? jdbc.queryForList(parts, orderId)
                : jdbc.queryForList(parts + " AND warehouse = ?", orderId, warehouse);
        for (Map<String, Object> row : rows) {
            jdbc.update("UPDATE stock SET reserved = reserved - ?, on_hand = on_hand - ? WHERE warehouse = ? AND sku = ?",
                    row.get("quantity"), row.get("quantity"), row.get("warehouse"), row.get("sku"));
            jdbc.update("UPDATE allocations SET state = 'SHIPPED', updated_at = ? WHERE order_id = ? AND line_id = ?",
                    now(), orderId, row.get("line_id"));
        }
        return new FulfillmentPlanning.Shipped(!rows.isEmpty(), jdbc.queryForList("""
                SELECT DISTINCT warehouse FROM allocations WHERE order_id = ? AND state = 'RESERVED' ORDER BY warehouse""",
                String.class, orderId));
    }

    /**
     * A warehouse's stock as its WMS counts it. A full snapshot sets every SKU of the warehouse (one it does not
     * list has none); a partial one only those it lists.
     */
    public int applySnapshot(StockSnapshot snapshot) {
        OffsetDateTime now = now();
        List<String> moved = new ArrayList<>(snapshot.items().stream().map(StockSnapshot.Item::sku).toList());
        if (snapshot.full()) {
            moved.addAll(jdbc.queryForList("SELECT sku FROM stock WHERE warehouse = ?", String.class,
                    snapshot.warehouse()));
            jdbc.update("UPDATE stock SET on_hand = 0, reported_at = ? WHERE warehouse = ?", now, snapshot.warehouse());
        }
        for (StockSnapshot.Item item : snapshot.items()) {
            if (jdbc.update("UPDATE stock SET on_hand = ?, reported_at = ? WHERE warehouse = ? AND sku = ?",
                    item.onHand(), now, snapshot.warehouse(), item.sku()) == 0) {
                jdbc.update("INSERT INTO stock (warehouse, sku, on_hand, reserved, reported_at) VALUES (?, ?, ?, 0, ?)",
                        snapshot.warehouse(), item.sku(), item.onHand(), now);
            }
        }
        StockMarks.mark(jdbc, moved, now);
        return snapshot.items().size();
    }

    /** Stock levels, of one warehouse or SKU when given. */
    public List<StockLevel> levels(String warehouse, String sku) {
        Where where = new Where().eq("warehouse", warehouse).eq("sku", sku);
        return jdbc.query("SELECT warehouse, sku, on_hand, reserved, reported_at FROM stock" + where.sql()
                        + " ORDER BY warehouse, sku",
                (rs, i) -> new StockLevel(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getInt(4),
                        rs.getObject(5, OffsetDateTime.class).toInstant().toString()), where.args());
    }

    private List<String> candidates(CanonicalOrder order) {
        JsonNode result = warehouseRules.evaluate(order);
        List<String> out = new ArrayList<>();
        if (result.isTextual()) { // one warehouse: JSONata gives the string, not a list of one
            out.add(result.asText());
        }
        result.forEach(w -> out.add(w.asText()));
        return out;
    }

    private boolean reserveAll(CanonicalOrder order, Map<String, String> plan) {
        List<OrderLine> done = new ArrayList<>();
        for (OrderLine line : order.lines()) {
            if (!reserve(plan.get(line.lineId()), line.stockSku(), line.quantity())) {
                done.forEach(d -> unreserve(plan.get(d.lineId()), d));
                return false;
            }
            done.add(line);
        }
        record(order, plan);
        return true;
    }

    private boolean reserve(String warehouse, String sku, int quantity) {
        return jdbc.update("""
                UPDATE stock SET reserved = reserved + ? WHERE warehouse = ? AND sku = ? AND on_hand - reserved >= ?""",
                quantity, warehouse, sku, quantity) == 1;
    }

    private void unreserve(String warehouse, OrderLine line) {
        jdbc.update("UPDATE stock SET reserved = reserved - ? WHERE warehouse = ? AND sku = ?",
                line.quantity(), warehouse, line.stockSku());
    }

    private void record(CanonicalOrder order, Map<String, String> plan) {
        OffsetDateTime now = now();
        for (OrderLine line : order.lines()) {
            jdbc.update("""
                    INSERT INTO allocations (order_id, line_id, warehouse, sku, quantity, state, updated_at)
                    VALUES (?, ?, ?, ?, ?, 'RESERVED', ?)""",
                    order.orderId(), line.lineId(), plan.get(line.lineId()), line.stockSku(), line.quantity(), now);
        }
    }

    private static OrderLine lineOf(CanonicalOrder order, String lineId) {
        return order.lines().stream().filter(l -> l.lineId().equals(lineId)).findFirst().orElseThrow();
    }

    private static String shipCountry(CanonicalOrder order) {
        return order.shipTo() == null || order.shipTo().countryCode() == null ? "an order without a ship-to country"
                : order.shipTo().countryCode();
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }

    /** Line id to warehouse, or why nothing could be allocated. */
    public record Result(Map<String, String> warehouses, String backorderReason) {
        static Result backordered(String reason) {
            return new Result(Map.of(), reason);
        }
    }

    public record StockLevel(String warehouse, String sku, int onHand, int reserved, String reportedAt) {
    }
}
