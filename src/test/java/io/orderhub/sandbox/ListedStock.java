package io.orderhub.sandbox;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a channel holds per listing, as channels keep it: a quantity its stock API sets and the orders it sells
 * lower, below zero when it sold what was not there (an oversell).
 */
public final class ListedStock {

    private final Map<String, Integer> quantities = new ConcurrentHashMap<>();

    /** The listings the store has at the start (mappings/inventory/listings.csv), each at 0. */
    public ListedStock(String... listings) {
        for (String listing : listings) {
            list(listing);
        }
    }

    public void list(String listing) {
        quantities.putIfAbsent(listing, 0);
    }

    public boolean listed(String listing) {
        return quantities.containsKey(listing);
    }

    /** The quantity the channel holds; null for a listing the store does not have. */
    public Integer of(String listing) {
        return quantities.get(listing);
    }

    public void set(String listing, int quantity) {
        quantities.put(listing, quantity);
    }

    public void sell(String listing, int quantity) {
        quantities.computeIfPresent(listing, (id, left) -> left - quantity);
    }
}
