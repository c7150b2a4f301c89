package io.orderhub.api;

import io.orderhub.inventory.StockPublisher;
import io.orderhub.pipeline.IngestOutcome;
import io.orderhub.store.ErrorStore;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * One error-store entry replayed: an order through its channel's ingest again, a listing a channel refused stock
 * for told again. The single replay and a group's replay (a bulk job) take this same path.
 */
@Component
public class ErrorReplay {

    private final ErrorStore errors;
    private final ChannelIngest ingest;
    private final StockPublisher stock;

    public ErrorReplay(ErrorStore errors, ChannelIngest ingest, StockPublisher stock) {
        this.errors = errors;
        this.ingest = ingest;
        this.stock = stock;
    }

    /** What a replay did: the stock push's result, or the ingest's outcome (refused again: its failures). */
    public record Result(String errorId, String stockResult, IngestOutcome outcome) {

        public boolean succeeded() {
            return outcome == null || outcome.failures().isEmpty();
        }

        /** Why it failed again, for a job's last error. */
        public String failure() {
            return succeeded() ? null : outcome.failures().get(0).error();
        }
    }

    /** 404 unknown, 409 replayed or discarded already, 410 kept no longer, 422 a listing that cannot be told. */
    public Result replay(String errorId) {
        ErrorStore.ErrorEntry entry = errors.find(errorId)
                .orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND, "no error " + errorId));
        switch (entry.replayState()) {
            case REPLAYED -> throw new ApiException(HttpStatus.CONFLICT, "error " + errorId + " was already replayed: "
                    + entry.replayResult(), errorId);
            case EXPIRED -> throw new ApiException(HttpStatus.GONE, "error " + errorId + " can no longer be replayed: "
                    + entry.replayResult(), errorId);
            case DISCARDED -> throw new ApiException(HttpStatus.CONFLICT, "error " + errorId + " was "
                    + entry.replayResult(), errorId);
            case OPEN -> {
                // replayed below
            }
        }
        if (StockPublisher.STAGE.equals(entry.stage())) {
            try {
                return new Result(errorId, stock.replay(entry), null);
            } catch (IllegalArgumentException e) {
                throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, e.getMessage(), errorId);
            }
        }
        String account = entry.account() != null ? entry.account() : ingest.defaultAccount(entry.channel());
        IngestOutcome outcome = ingest.ingest(entry.channel(), account, "replay", entry.rawPayload(), errorId);
        if (outcome.failures().isEmpty()) {
            errors.replaySucceeded(errorId, "orders " + String.join(", ", outcome.orderIds()));
        }
        return new Result(errorId, null, outcome);
    }
}
