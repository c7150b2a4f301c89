package io.orderhub.canonical;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.List;

/**
 * Money enters the hub at the currency's minor unit. Mappings may compute amounts (a sum of discount
 * allocations, a unit price from a line total) in the mapping language's floating point; rounding once here,
 * half-up at 2 decimals for USD or TRY, makes every stored amount exact and comparable.
 */
public final class Money {

    private Money() {
    }

    public static int scaleOf(String currency) {
        try {
            int digits = Currency.getInstance(currency).getDefaultFractionDigits();
            return digits < 0 ? 2 : digits;
        } catch (IllegalArgumentException | NullPointerException e) {
            return 2;
        }
    }

    public static BigDecimal round(BigDecimal amount, int scale) {
        return amount == null ? null : amount.setScale(scale, RoundingMode.HALF_UP);
    }

    /** The order with every amount of its lines and totals at the currency's scale. */
    public static CanonicalOrder normalize(CanonicalOrder order) {
        int scale = scaleOf(order.currency());
        List<OrderLine> lines = order.lines() == null ? List.of() : order.lines().stream()
                .map(l -> l.withMoney(round(l.unitPrice(), scale), round(l.discount(), scale), round(l.tax(), scale),
                        round(l.total(), scale)))
                .toList();
        Totals t = order.totals();
        Totals totals = t == null ? null : new Totals(round(t.subtotal(), scale), round(t.discount(), scale),
                round(t.shipping(), scale), round(t.tax(), scale), round(t.grandTotal(), scale), t.taxIncluded());
        return order.withMoney(lines, totals);
    }
}
