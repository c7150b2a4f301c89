package io.orderhub.inventory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderhub.canonical.CanonicalOrder;
import io.orderhub.canonical.OrderLine;
import io.orderhub.enrich.CsvFile;
import io.orderhub.store.StockMarks;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Transactional;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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
        OffsetDateTime now = now();
        int listings = 0;
        for (List<String> row : CsvFile.rows(directory.resolve("listings.csv"), 7, 4)) {
            try {
                store(new Listing(row.get(0), row.get(1), row.get(2), row.get(3), blank(row.get(4)), blank(row.get(5)),
                        fulfilledBy(row.get(6))), now);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("listings.csv: " + e.getMessage(), e);
            }
            listings++;
        }
        int policies = 0;
        for (List<String> row : CsvFile.rows(directory.resolve("policies.csv"), 8, 6)) {
            store(new StockPolicy(row.get(0), row.get(1), Arrays.asList(row.get(2).split("\\|")), number(row.get(3)),
                    number(row.get(4)), number(row.get(5)), optional(row.get(6)), optional(row.get(7))), now);
            policies++;
        }
        // a listing or a policy changes what its channels are told
        StockMarks.mark(jdbc, jdbc.queryForList("SELECT DISTINCT master_sku FROM listings", String.class), now);
        return new LoadResult(listings, policies);
    }

    /** Adds or replaces one listing (PUT /api/inventory/listings/...); its SKU is told again. */
    @Transactional
    public Listing putListing(Listing listing) {
        OffsetDateTime now = now();
        store(listing, now);
        StockMarks.mark(jdbc, List.of(listing.masterSku()), now);
        return listing;
    }

    /** Adds or replaces one policy (PUT /api/inventory/policies/...); the channel's listed SKUs are told again. */
    @Transactional
    public StockPolicy putPolicy(StockPolicy policy) {
        OffsetDateTime now = now();
        store(policy, now);
        String channels = StockPolicy.ANY.equals(policy.channel()) ? "" : " WHERE channel = ?";
        StockMarks.mark(jdbc, jdbc.queryForList("SELECT DISTINCT master_sku FROM listings" + channels, String.class,
                channels.isEmpty() ? new Object[0] : new Object[] {policy.channel()}), now);
        return policy;
    }

    public List<Listing> listings(String channel, String account) {
        return jdbc.query("""
                SELECT channel, account, listing_id, master_sku, inventory_item_id, location_id, fulfilled_by_channel
                FROM listings WHERE (CAST(? AS VARCHAR(32)) IS NULL OR channel = ?)
                AND (CAST(? AS VARCHAR(128)) IS NULL OR account = ?) ORDER BY channel, account, listing_id LIMIT 10000""",
                (rs, i) -> new Listing(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getBoolean(7)), channel, channel, account, account);
    }

    public List<StockPolicy> policyRows() {
        return policies().stream().sorted(Comparator.comparing(StockPolicy::channel)
                .thenComparing(StockPolicy::skuPattern)).toList();
    }

    private void store(Listing listing, OffsetDateTime now) {
        if (!listing.fulfilledByChannel() && listing.unpushable() != null) {
            throw new IllegalArgumentException("listing " + listing.listingId() + ": " + listing.unpushable());
        }
        jdbc.update("DELETE FROM listings WHERE channel = ? AND account = ? AND listing_id = ?", listing.channel(),
                listing.account(), listing.listingId());
        jdbc.update("""
                INSERT INTO listings (channel, account, listing_id, master_sku, inventory_item_id, location_id,
                    fulfilled_by_channel, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)""", listing.channel(),
                listing.account(), listing.listingId(), listing.masterSku(), listing.inventoryItemId(),
                listing.locationId(), listing.fulfilledByChannel(), now);
    }

    private void store(StockPolicy policy, OffsetDateTime now) {
        jdbc.update("DELETE FROM stock_policies WHERE channel = ? AND sku_pattern = ?", policy.channel(),
                policy.skuPattern());
        jdbc.update("""
                INSERT INTO stock_policies (channel, sku_pattern, warehouses, safety_stock, end_when, percent, cap,
                    allocation, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""", policy.channel(),
                policy.skuPattern(), String.join("|", policy.warehouses()), policy.safetyStock(), policy.endWhen(),
                policy.percent(), policy.cap(), policy.allocation(), now);
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }

    /** What GET /api/inventory/{sku} shows: the pool, the demand, and what each listing is to be told. */
    public SkuView view(String sku) {
        List<WarehouseStock> stock = stock(sku);
        int demand = demand(sku);
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

    /** What each of the channel account's own listings of the SKU is to be told now (none fulfilled by the channel). */
    public Map<Listing, Integer> toPublish(String channel, String account, String sku) {
        List<Listing> listings = listings(sku).stream().filter(l -> l.channel().equals(channel)
                && l.account().equals(account) && !l.fulfilledByChannel()).toList();
        if (listings.isEmpty()) {
            return Map.of();
        }
        List<WarehouseStock> stock = stock(sku);
        int demand = demand(sku);
        List<StockPolicy> policies = policies();
        Map<Listing, Integer> quantities = new LinkedHashMap<>();
        listings.forEach(listing -> quantities.put(listing, published(listing, stock, demand, policies)));
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

    private List<WarehouseStock> stock(String sku) {
        return jdbc.query("SELECT warehouse, on_hand, reserved FROM stock WHERE sku = ?",
                (rs, i) -> new WarehouseStock(rs.getString(1), rs.getInt(2), rs.getInt(3)), sku);
    }

    /** The units of the SKU that orders holding no reservation still want, on every channel. */
    private int demand(String sku) {
        // the LIKE only narrows the orders to read; the lines' SKUs decide
        List<String> orders = jdbc.queryForList("""
                SELECT canonical_json FROM orders WHERE status IN ('NEW', 'ON_HOLD', 'BACKORDERED')
                AND canonical_json LIKE ? ESCAPE '\\'""", String.class,
                "%" + sku.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        int demand = 0;
        for (String order : orders) {
            try {
                for (OrderLine line : json.readValue(order, CanonicalOrder.class).lines()) {
                    demand += sku.equals(line.stockSku()) ? line.quantity() : 0;
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
                FROM listings WHERE master_sku = ? ORDER BY channel, account, listing_id""",
                (rs, i) -> new Listing(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getBoolean(7)), sku);
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

    /** {@code merchant}: the hub publishes the listing's quantity; {@code channel}: the channel's warehouse fulfils it. */
    public static boolean fulfilledBy(String who) {
        return switch (who == null ? "" : who.toLowerCase(Locale.ROOT)) {
            case "merchant" -> false;
            case "channel" -> true;
            default -> throw new IllegalArgumentException("fulfilledBy is 'merchant' or 'channel', not '" + who + "'");
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
