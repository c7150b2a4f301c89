package io.orderhub.canonical;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.math.BigDecimal;

/**
 * One order line. {@code total} is quantity x unitPrice - discount, as every channel's mapping makes it: the tax is
 * inside it when the order's totals say taxIncluded, and comes on top of it otherwise.
 * <p>
 * {@code sku} is the seller's SKU as the channel sent it; the hub adds the rest: {@code masterSku} (the SKU cross
 * reference), {@code warehouse} (allocation) and {@code shippedQuantity} (what the warehouse reported shipped, less
 * than {@code quantity} when it short-shipped).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OrderLine(String lineId, String sku, String channelSku, String title, int quantity,
                        BigDecimal unitPrice, BigDecimal discount, BigDecimal tax, BigDecimal total,
                        String masterSku, String warehouse, Integer shippedQuantity) {

    public OrderLine(String lineId, String sku, String channelSku, String title, int quantity,
                     BigDecimal unitPrice, BigDecimal discount, BigDecimal tax, BigDecimal total) {
        this(lineId, sku, channelSku, title, quantity, unitPrice, discount, tax, total, null, null, null);
    }

    OrderLine withMoney(BigDecimal newUnitPrice, BigDecimal newDiscount, BigDecimal newTax, BigDecimal newTotal) {
        return new OrderLine(lineId, sku, channelSku, title, quantity, newUnitPrice, newDiscount, newTax, newTotal,
                masterSku, warehouse, shippedQuantity);
    }

    public OrderLine withMasterSku(String newMasterSku) {
        return new OrderLine(lineId, sku, channelSku, title, quantity, unitPrice, discount, tax, total,
                newMasterSku, warehouse, shippedQuantity);
    }

    public OrderLine withWarehouse(String newWarehouse) {
        return new OrderLine(lineId, sku, channelSku, title, quantity, unitPrice, discount, tax, total,
                masterSku, newWarehouse, shippedQuantity);
    }

    public OrderLine withShippedQuantity(Integer shipped) {
        return new OrderLine(lineId, sku, channelSku, title, quantity, unitPrice, discount, tax, total,
                masterSku, warehouse, shipped);
    }

    /** The SKU the warehouses know: the cross-referenced master SKU, or the channel's when there is none yet. */
    public String stockSku() {
        return masterSku != null ? masterSku : sku;
    }
}
