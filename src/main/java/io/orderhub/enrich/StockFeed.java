package io.orderhub.enrich;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderhub.lifecycle.OrderStatus;
import io.orderhub.lifecycle.StatusUpdate;
import org.springframework.transaction.annotation.Transactional;

/** What routes/stock-snapshot.yaml calls: a snapshot in, and the status update that retries a backorder. */
public class StockFeed {

    private final Allocator allocator;
    private final ObjectMapper json;

    public StockFeed(Allocator allocator, ObjectMapper json) {
        this.allocator = allocator;
        this.json = json;
    }

    @Transactional
    public Applied apply(String snapshot) {
        StockSnapshot parsed;
        try {
            parsed = json.readValue(snapshot, StockSnapshot.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a stock snapshot: " + e.getOriginalMessage(), e);
        }
        return new Applied(parsed.warehouse(), allocator.applySnapshot(parsed));
    }

    /** A backordered order asks to be confirmed again: the store allocates it if the stock is there now. */
    public StatusUpdate retry() {
        return new StatusUpdate(OrderStatus.CONFIRMED, "allocation", "stock arrived", null, null);
    }

    public record Applied(String warehouse, int items) {
    }
}
