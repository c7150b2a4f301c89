package io.orderhub.inventory;

import java.util.List;
import java.util.regex.Pattern;

/**
 * How much of the stock pool one channel is offered for the SKUs a row names (mappings/inventory/policies.csv):
 * the warehouses that serve the channel, a safety stock kept back, a level at or below which 0 is published
 * ({@code endWhen}), a percentage of the rest, a cap; or a fixed allocation instead of the percentage and the cap.
 */
public record StockPolicy(String channel, String skuPattern, List<String> warehouses, int safetyStock, int endWhen,
                          int percent, Integer cap, Integer allocation) {

    public static final String ANY = "*";

    /** What a channel gets without a row: every warehouse, nothing kept back, all of it. */
    public static StockPolicy none(String channel) {
        return new StockPolicy(channel, ANY, List.of(ANY), 0, 0, 100, null, null);
    }

    public StockPolicy {
        warehouses = List.copyOf(warehouses);
        if (safetyStock < 0 || endWhen < 0 || percent < 0 || percent > 100 || cap != null && cap < 0
                || allocation != null && allocation < 0) {
            throw new IllegalArgumentException("stock policy " + channel + "/" + skuPattern
                    + ": safety stock, end-when, cap and allocation must not be negative, percent 0 to 100");
        }
    }

    public boolean servedBy(String warehouse) {
        return warehouses.contains(ANY) || warehouses.contains(warehouse);
    }

    public boolean appliesTo(String channelName, String sku) {
        return (channel.equals(ANY) || channel.equals(channelName)) && glob(skuPattern).matcher(sku).matches();
    }

    /** How well the row fits: the channel's own row over any channel's, a SKU over a pattern over everything. */
    int specificity() {
        int sku = skuPattern.equals(ANY) ? 0 : skuPattern.contains(ANY) ? 1 : 2;
        return (channel.equals(ANY) ? 0 : 10) + sku;
    }

    /** The quantity to publish when {@code available} units are free for the channel (pool minus demand). */
    public int publish(int available) {
        int raw = available - safetyStock;
        if (raw <= endWhen) {
            return 0;
        }
        if (allocation != null) {
            return Math.min(allocation, raw);
        }
        int share = (int) Math.floor(raw * (percent / 100.0));
        return cap == null ? share : Math.min(share, cap);
    }

    private static Pattern glob(String pattern) {
        return Pattern.compile(Pattern.quote(pattern).replace(ANY, "\\E.*\\Q"));
    }
}
