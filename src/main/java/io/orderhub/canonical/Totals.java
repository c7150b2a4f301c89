package io.orderhub.canonical;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.math.BigDecimal;

@JsonInclude(JsonInclude.Include.NON_NULL)
public record Totals(BigDecimal subtotal, BigDecimal discount, BigDecimal shipping, BigDecimal tax,
                     BigDecimal grandTotal) {
}
