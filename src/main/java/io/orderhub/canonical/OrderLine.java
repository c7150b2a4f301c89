package io.orderhub.canonical;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.math.BigDecimal;

/** One order line. {@code total} is what the buyer pays for the line: quantity x unitPrice - discount (+ tax when excluded). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OrderLine(String lineId, String sku, String channelSku, String title, int quantity,
                        BigDecimal unitPrice, BigDecimal discount, BigDecimal tax, BigDecimal total) {

    OrderLine withMoney(BigDecimal newUnitPrice, BigDecimal newDiscount, BigDecimal newTax, BigDecimal newTotal) {
        return new OrderLine(lineId, sku, channelSku, title, quantity, newUnitPrice, newDiscount, newTax, newTotal);
    }
}
