package io.orderhub.enrich;

import io.orderhub.canonical.CanonicalOrder;
import io.orderhub.canonical.OrderLine;
import io.orderhub.lifecycle.Hold;
import io.orderhub.store.StockMarks;
import io.orderhub.store.Where;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.transaction.annotation.Transactional;

import java.nio.file.Path;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The master catalog and the SKU cross reference, kept as tables a team maintains: mappings/catalog/products.csv
 * and sku-xref.csv are loaded at start and on {@code POST /api/catalog/reload} (what a file lists replaces what the
 * table had for that key; rows added through the API stay), and single rows change through {@code /api/catalog}.
 * <p>
 * A line's SKU resolves, in this order, through the cross reference for its channel and account, then for every
 * account of the channel ({@code *}), by the SKU and then by the channel's product id (ASIN, barcode); a SKU that
 * is itself a master SKU needs no entry. What resolves nowhere is unknown, and a new order with an unknown SKU is
 * held until the table is fixed and the order released.
 */
public class Catalog {

    public static final String ANY_ACCOUNT = "*";
    public static final String UNKNOWN_SKU_RULE = "sku-unknown";

    private final JdbcTemplate jdbc;
    private final Path directory;
    private final Clock clock;

    public Catalog(JdbcTemplate jdbc, Path directory, Clock clock) {
        this.jdbc = jdbc;
        this.directory = directory;
        this.clock = clock;
    }

    /** Loads products.csv and sku-xref.csv from the catalog directory; a missing file loads nothing. */
    @Transactional
    public LoadResult reload() {
        int products = 0;
        for (List<String> row : CsvFile.rows(directory.resolve("products.csv"), 3, 3)) {
            putProduct(new Product(row.get(0), row.get(1), Integer.parseInt(row.get(2).trim())));
            products++;
        }
        int xrefs = 0;
        for (List<String> row : CsvFile.rows(directory.resolve("sku-xref.csv"), 4, 4)) {
            putXref(new Xref(row.get(0), row.get(1), row.get(2), row.get(3)));
            xrefs++;
        }
        return new LoadResult(products, xrefs);
    }

    public void putProduct(Product product) {
        if (product.weightGrams() < 0) {
            throw new IllegalArgumentException("weightGrams of " + product.sku() + " must not be negative");
        }
        OffsetDateTime now = now();
        if (jdbc.update("UPDATE products SET title = ?, weight_grams = ?, updated_at = ? WHERE sku = ?",
                product.title(), product.weightGrams(), now, product.sku()) == 0) {
            jdbc.update("INSERT INTO products (sku, title, weight_grams, updated_at) VALUES (?, ?, ?, ?)",
                    product.sku(), product.title(), product.weightGrams(), now);
        }
    }

    /**
     * Maps a channel SKU to a master SKU, which must be in the catalog. The master SKUs it maps from and to are
     * marked (StockMarks) in the same transaction: what their channels are told is computed again.
     */
    @Transactional
    public void putXref(Xref xref) {
        if (product(xref.masterSku()).isEmpty()) {
            throw new IllegalArgumentException("master SKU " + xref.masterSku() + " is not in the catalog");
        }
        OffsetDateTime now = now();
        List<String> moved = new ArrayList<>(jdbc.queryForList("""
                SELECT master_sku FROM sku_xref WHERE channel = ? AND account = ? AND channel_sku = ?""", String.class,
                xref.channel(), xref.account(), xref.channelSku()));
        moved.add(xref.masterSku());
        StockMarks.mark(jdbc, moved, now);
        if (jdbc.update("""
                UPDATE sku_xref SET master_sku = ?, updated_at = ? WHERE channel = ? AND account = ? AND channel_sku = ?""",
                xref.masterSku(), now, xref.channel(), xref.account(), xref.channelSku()) == 0) {
            jdbc.update("""
                    INSERT INTO sku_xref (channel, account, channel_sku, master_sku, updated_at) VALUES (?, ?, ?, ?, ?)""",
                    xref.channel(), xref.account(), xref.channelSku(), xref.masterSku(), now);
        }
    }

    public Optional<Product> product(String sku) {
        return jdbc.query("SELECT sku, title, weight_grams FROM products WHERE sku = ?",
                (rs, i) -> new Product(rs.getString(1), rs.getString(2), rs.getInt(3)), sku).stream().findFirst();
    }

    public List<Product> products() {
        return jdbc.query("SELECT sku, title, weight_grams FROM products ORDER BY sku",
                (rs, i) -> new Product(rs.getString(1), rs.getString(2), rs.getInt(3)));
    }

    public List<Xref> xrefs(String channel) {
        Where where = new Where().eq("channel", channel);
        return jdbc.query("SELECT channel, account, channel_sku, master_sku FROM sku_xref" + where.sql()
                        + " ORDER BY channel, account, channel_sku",
                (rs, i) -> new Xref(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)), where.args());
    }

    /** The order with each line's master SKU set where one is known: two queries for the whole order. */
    public CanonicalOrder resolve(CanonicalOrder order) {
        Set<String> keys = new LinkedHashSet<>();
        for (OrderLine line : order.lines()) {
            keys.add(line.sku());
            keys.add(line.channelSku());
        }
        keys.remove(null);
        if (keys.isEmpty()) {
            return order;
        }
        String in = String.join(", ", Collections.nCopies(keys.size(), "?"));
        // the account's own entry wins over the channel-wide one: it comes after it, and replaces it in the map
        Map<String, String> xref = new HashMap<>();
        List<Object> args = new ArrayList<>(List.of(order.channel(), order.account(), ANY_ACCOUNT));
        args.addAll(keys);
        jdbc.query("SELECT channel_sku, master_sku FROM sku_xref WHERE channel = ? AND account IN (?, ?) AND channel_sku IN ("
                        + in + ") ORDER BY CASE WHEN account = '" + ANY_ACCOUNT + "' THEN 0 ELSE 1 END",
                (RowCallbackHandler) rs -> xref.put(rs.getString(1), rs.getString(2)), args.toArray());
        Set<String> masters = new HashSet<>(jdbc.queryForList("SELECT sku FROM products WHERE sku IN (" + in + ")",
                String.class, keys.toArray()));
        List<OrderLine> lines = new ArrayList<>();
        for (OrderLine line : order.lines()) {
            String master = xref.get(line.sku());
            if (master == null && line.channelSku() != null) {
                master = xref.get(line.channelSku());
            }
            if (master == null && masters.contains(line.sku())) {
                master = line.sku();
            }
            lines.add(line.withMasterSku(master));
        }
        return order.withLines(lines);
    }

    /** The hold for the lines {@link #resolve} found no master SKU for, or none. */
    public List<Hold> unknownSkus(CanonicalOrder resolved) {
        Set<String> unknown = new LinkedHashSet<>();
        for (OrderLine line : resolved.lines()) {
            if (line.masterSku() == null) {
                unknown.add(line.sku());
            }
        }
        if (unknown.isEmpty()) {
            return List.of();
        }
        return List.of(new Hold(UNKNOWN_SKU_RULE, "no master SKU for " + String.join(", ", unknown) + " on "
                + resolved.channel() + "/" + resolved.account() + "; add it to the catalog or the SKU cross reference"));
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }

    public record Product(String sku, String title, int weightGrams) {
    }

    public record Xref(String channel, String account, String channelSku, String masterSku) {
    }

    public record LoadResult(int products, int xrefs) {
    }
}
