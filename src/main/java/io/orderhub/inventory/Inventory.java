package io.orderhub.inventory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderhub.canonical.CanonicalOrder;
import io.orderhub.canonical.OrderLine;
import io.orderhub.enrich.CsvFile;
import io.orderhub.store.StockMarks;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.transaction.annotation.Transactional;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Available-to-promise per channel listing, computed from the current rows whenever it is asked for, so the same
 * question always gets the same answer and a late event cannot make it stale: the free stock of the warehouses that
 * serve the channel, minus the demand of orders that hold no reservation (NEW, ON_HOLD, BACKORDERED), then the
 * channel's stock policy. Listings and policies are tables a team maintains, loaded from mappings/inventory at
 * start and on {@code POST /api/inventory/reload}.
 */
public class Inventory {

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final Path directory;
    private final Clock clock;

    public Inventory(JdbcTemplate jdbc, ObjectMapper json, Path directory, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.directory = directory;
        this.clock = clock;
    }

    /** Loads listings.csv and policies.csv; what a file lists replaces the table's row with the same key. */
    @Transactional
    public LoadResult reload() {
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        int listings = 0;
        for (List<String> row : CsvFile.rows(directory.resolve("listings.csv"), 7, 4)) {
            Listing listing = new Listing(row.get(0), row.get(1), row.get(2), row.get(3), blank(row.get(4)),
                    blank(row.get(5)), fulfilledBy(row.get(6)));
            if (!listing.fulfilledByChannel() && listing.unpushable() != null) {
                throw new IllegalArgumentException("listings.csv, listing " + listing.listingId() + ": "
                        + listing.unpushable());
            }
            jdbc.update("DELETE FROM listings WHERE channel = ? AND account = ? AND listing_id = ?", listing.channel(),
                    listing.account(), listing.listingId());
            jdbc.update("""
                    INSERT INTO listings (channel, account, listing_id, master_sku, inventory_item_id, location_id,
                        fulfilled_by_channel, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)""", listing.channel(),
                    listing.account(), listing.listingId(), listing.masterSku(), listing.inventoryItemId(),
                    listing.locationId(), listing.fulfilledByChannel(), now);
            listings++;
        }
        int policies = 0;
        for (List<String> row : CsvFile.rows(directory.resolve("policies.csv"), 8, 6)) {
            StockPolicy policy = new StockPolicy(row.get(0), row.get(1), Arrays.asList(row.get(2).split("\\|")),
                    number(row.get(3)), number(row.get(4)), number(row.get(5)), optional(row.get(6)),
                    optional(row.get(7)));
            jdbc.update("DELETE FROM stock_policies WHERE channel = ? AND sku_pattern = ?", policy.channel(),
                    policy.skuPattern());
            jdbc.update("""
                    INSERT INTO stock_policies (channel, sku_pattern, warehouses, safety_stock, end_when, percent, cap,
                        allocation, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""", policy.channel(),
                    policy.skuPattern(), String.join("|", policy.warehouses()), policy.safetyStock(),
                    policy.endWhen(), policy.percent(), policy.cap(), policy.allocation(), now);
            policies++;
        }
        // a listing or a policy changes what its channels are told
        StockMarks.mark(jdbc, jdbc.queryForList("SELECT DISTINCT master_sku FROM listings", String.class), now);
        return new LoadResult(listings, policies);
    }

    /** What GET /api/inventory/{sku} shows: the pool, the demand, and what each listing is to be told. */
    public SkuView view(String sku) {
        List<WarehouseStock> stock = stock(List.of(sku)).getOrDefault(sku, List.of());
        int demand = demand(List.of(sku)).getOrDefault(sku, 0);
        List<StockPolicy> policies = policies();
        List<ChannelView> channels = listings(sku).stream().map(listing -> {
            Level level = level(listing);
            Integer confirmed = level == null ? null : level.quantity();
            Instant confirmedAt = level == null ? null : level.confirmedAt().toInstant();
            if (listing.fulfilledByChannel()) {
                return new ChannelView(listing.channel(), listing.account(), listing.listingId(), null, confirmed,
                        confirmedAt, Status.CHANNEL_FULFILLED);
            }
            int published = published(listing, stock, demand, policies);
            return new ChannelView(listing.channel(), listing.account(), listing.listingId(), published, confirmed,
                    confirmedAt, Integer.valueOf(published).equals(confirmed) ? Status.CONFIRMED : Status.PENDING);
        }).toList();
        int onHand = stock.stream().mapToInt(WarehouseStock::onHand).sum();
        int reserved = stock.stream().mapToInt(WarehouseStock::reserved).sum();
        int free = stock.stream().mapToInt(WarehouseStock::free).sum();
        return new SkuView(sku, onHand, reserved, demand, free - demand, channels);
    }

    /** The SKUs the channel account lists (and fulfils itself): what a first push of the account tells. */
    public List<String> listedSkus(String channel, String account) {
        return jdbc.queryForList("""
                SELECT DISTINCT master_sku FROM listings WHERE channel = ? AND account = ? AND NOT fulfilled_by_channel
                ORDER BY master_sku""", String.class, channel, account);
    }

    /**
     * What each of the channel account's own listings of these SKUs is to be told now (none fulfilled by the
     * channel), by SKU: the listings, stock, demand and policies of a publisher's round read once for all of them.
     */
    public Map<String, Map<Listing, Integer>> toPublish(String channel, String account, Collection<String> skus) {
        if (skus.isEmpty()) {
            return Map.of();
        }
        List<Object> args = new ArrayList<>(List.of(channel, account));
        args.addAll(skus);
        Map<String, List<Listing>> listings = jdbc.query("""
                SELECT channel, account, listing_id, master_sku, inventory_item_id, location_id, fulfilled_by_channel
                FROM listings WHERE channel = ? AND account = ? AND NOT fulfilled_by_channel AND master_sku IN ("""
                + in(skus) + ") ORDER BY listing_id", LISTING, args.toArray()).stream()
                .collect(Collectors.groupingBy(Listing::masterSku, LinkedHashMap::new, Collectors.toList()));
        if (listings.isEmpty()) {
            return Map.of();
        }
        Map<String, List<WarehouseStock>> stock = stock(listings.keySet());
        Map<String, Integer> demand = demand(listings.keySet());
        List<StockPolicy> policies = policies();
        Map<String, Map<Listing, Integer>> quantities = new LinkedHashMap<>();
        listings.forEach((sku, ofSku) -> ofSku.forEach(listing -> quantities.computeIfAbsent(sku,
                s -> new LinkedHashMap<>()).put(listing, published(listing, stock.getOrDefault(sku, List.of()),
                demand.getOrDefault(sku, 0), policies))));
        return quantities;
    }

    /** What the channel holds for the listing as the hub last knew it (confirmed by a push, or read back). */
    public Level level(Listing listing) {
        return jdbc.query("""
                SELECT quantity, confirmed_at FROM listing_levels WHERE channel = ? AND account = ? AND listing_id = ?""",
                (rs, i) -> new Level(rs.getInt(1), rs.getObject(2, OffsetDateTime.class)), listing.channel(),
                listing.account(), listing.listingId()).stream().findFirst().orElse(null);
    }

    public record Level(int quantity, OffsetDateTime confirmedAt) {
    }

    private static int published(Listing listing, List<WarehouseStock> stock, int demand, List<StockPolicy> policies) {
        StockPolicy policy = policy(policies, listing.channel(), listing.masterSku());
        int free = stock.stream().filter(s -> policy.servedBy(s.warehouse())).mapToInt(WarehouseStock::free).sum();
        return policy.publish(free - demand);
    }

    private Map<String, List<WarehouseStock>> stock(Collection<String> skus) {
        return jdbc.query("SELECT sku, warehouse, on_hand, reserved FROM stock WHERE sku IN (" + in(skus) + ")",
                (rs, i) -> Map.entry(rs.getString(1), new WarehouseStock(rs.getString(2), rs.getInt(3), rs.getInt(4))),
                skus.toArray()).stream().collect(Collectors.groupingBy(Map.Entry::getKey,
                Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
    }

    /** The units of each SKU that orders holding no reservation still want, on every channel: one read of them. */
    private Map<String, Integer> demand(Collection<String> skus) {
        Map<String, Integer> demand = new HashMap<>();
        for (String order : jdbc.queryForList("""
                SELECT canonical_json FROM orders WHERE status IN ('NEW', 'ON_HOLD', 'BACKORDERED')""", String.class)) {
            try {
                for (OrderLine line : json.readValue(order, CanonicalOrder.class).lines()) {
                    if (skus.contains(line.stockSku())) {
                        demand.merge(line.stockSku(), line.quantity(), Integer::sum);
                    }
                }
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("stored canonical order cannot be read", e);
            }
        }
        return demand;
    }

    private List<Listing> listings(String sku) {
        return jdbc.query("""
                SELECT channel, account, listing_id, master_sku, inventory_item_id, location_id, fulfilled_by_channel
                FROM listings WHERE master_sku = ? ORDER BY channel, account, listing_id""", LISTING, sku);
    }

    private static final RowMapper<Listing> LISTING = (rs, i) -> new Listing(rs.getString(1), rs.getString(2),
            rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getBoolean(7));

    private static String in(Collection<String> values) {
        return String.join(", ", Collections.nCopies(values.size(), "?"));
    }

    private List<StockPolicy> policies() {
        return jdbc.query("""
                SELECT channel, sku_pattern, warehouses, safety_stock, end_when, percent, cap, allocation
                FROM stock_policies""", (rs, i) -> new StockPolicy(rs.getString(1), rs.getString(2),
                Arrays.asList(rs.getString(3).split("\\|")), rs.getInt(4), rs.getInt(5), rs.getInt(6),
                (Integer) rs.getObject(7, Integer.class), (Integer) rs.getObject(8, Integer.class)));
    }

    /** The row that fits the channel and SKU best, or all of it from every warehouse when none does. */
    static StockPolicy policy(List<StockPolicy> policies, String channel, String sku) {
        return policies.stream().filter(p -> p.appliesTo(channel, sku))
                .max(Comparator.comparingInt(StockPolicy::specificity)).orElse(StockPolicy.none(channel));
    }

    private static boolean fulfilledBy(String who) {
        return switch (who.toLowerCase(Locale.ROOT)) {
            case "merchant" -> false;
            case "channel" -> true;
            default -> throw new IllegalArgumentException("listings.csv: fulfilledBy is 'merchant' or 'channel', not '"
                    + who + "'");
        };
    }

    private static String blank(String cell) {
        return cell.isEmpty() ? null : cell;
    }

    private static int number(String cell) {
        return Integer.parseInt(cell);
    }

    private static Integer optional(String cell) {
        return cell.isEmpty() ? null : Integer.valueOf(cell);
    }

    private record WarehouseStock(String warehouse, int onHand, int reserved) {
        int free() {
            return Math.max(onHand - reserved, 0);
        }
    }

    /**
     * CONFIRMED: the channel holds what it is to be told; PENDING: it is yet to be told (a push is due or under
     * way); CHANNEL_FULFILLED: the channel's own warehouse owns the listing, and the hub never tells it.
     */
    public enum Status { CONFIRMED, PENDING, CHANNEL_FULFILLED }

    /**
     * One listing: {@code published} is what the channel is to be told now; {@code confirmed} and
     * {@code confirmedAt} what it last confirmed, or what was read back from it.
     */
    public record ChannelView(String channel, String account, String listing, Integer published, Integer confirmed,
                              Instant confirmedAt, Status status) {
    }

    /** {@code atp}: the free stock of every warehouse minus the demand, before any channel's policy. */
    public record SkuView(String sku, int onHand, int reserved, int demand, int atp, List<ChannelView> channels) {
    }

    public record LoadResult(int listings, int policies) {
    }
}
