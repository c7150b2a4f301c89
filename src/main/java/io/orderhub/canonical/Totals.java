package io.orderhub.canonical;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.math.BigDecimal;

/**
 * What the buyer was charged as placed. {@code taxIncluded}: the prices already hold the tax (VAT-inclusive
 * marketplaces, WooCommerce with prices_include_tax), so {@code tax} is the share inside them and is not added
 * on top; false or null: tax comes on top (grandTotal = subtotal - discount + shipping + tax).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Totals(BigDecimal subtotal, BigDecimal discount, BigDecimal shipping, BigDecimal tax,
                     BigDecimal grandTotal, Boolean taxIncluded) {
}
