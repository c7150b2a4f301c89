package io.orderhub.inventory;

/**
 * A channel's listing of a master SKU (mappings/inventory/listings.csv): the channel's own listing id (Shopify
 * variant, WooCommerce product, Amazon seller SKU, eBay SKU, Trendyol barcode, Hepsiburada SKU, n11 stock code), its
 * inventory item and location where the channel has them, and whether the channel's own warehouse fulfils it.
 */
public record Listing(String channel, String account, String listingId, String masterSku, String inventoryItemId,
                      String locationId, boolean fulfilledByChannel) {

    /** Why the channel cannot be told this listing's quantity, or null when it can. */
    public String unpushable() {
        if ("shopify".equals(channel) && (inventoryItemId == null || locationId == null)) {
            return "a Shopify listing needs its inventoryItemId and locationId (mappings/inventory/listings.csv)";
        }
        if ("woocommerce".equals(channel) && !listingId.matches("\\d{1,18}")) {
            return "a WooCommerce listing is its product id, a number (mappings/inventory/listings.csv)";
        }
        return null;
    }
}
