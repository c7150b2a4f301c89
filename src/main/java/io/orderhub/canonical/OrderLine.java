package io.orderhub.canonical;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.math.BigDecimal;

/**
 * One order line. {@code total} is quantity x unitPrice - discount, as every channel's mapping makes it: the tax is
 * inside it when the order's totals say taxIncluded, and comes on top of it otherwise.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OrderLine(String lineId, String sku, String channelSku, String title, int quantity,
                        BigDecimal unitPrice, BigDecimal discount, BigDecimal tax, BigDecimal total) {

    OrderLine withMoney(BigDecimal newUnitPrice, BigDecimal newDiscount, BigDecimal newTax, BigDecimal newTotal) {
        return new OrderLine(lineId, sku, channelSku, title, quantity, newUnitPrice, newDiscount, newTax, newTotal);
    }
}
