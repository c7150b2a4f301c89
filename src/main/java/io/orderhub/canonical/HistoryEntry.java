package io.orderhub.canonical;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.orderhub.lifecycle.OrderStatus;

import java.time.Instant;

/**
 * One lifecycle record. A refused transition is kept too ({@code accepted=false}, status = what was asked),
 * so the history says what was tried, by whom and why it did not happen.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HistoryEntry(OrderStatus status, OrderStatus from, Instant at, String source, String detail,
                           boolean accepted, int revision) {
}
