package io.orderhub.pipeline;

import io.orderhub.canonical.InvalidOrderException;
import io.orderhub.store.ErrorStore;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Called by the ingest error handler for input that cannot become an order: keeps the raw payload and the reason
 * in the error store and answers with the failure, so the route (and the poll it belongs to) goes on.
 * A failing replay updates the entry being replayed instead of adding a new one.
 */
public class IngestErrors {

    private static final Logger LOG = LoggerFactory.getLogger(IngestErrors.class);

    private final ErrorStore errors;

    public IngestErrors(ErrorStore errors) {
        this.errors = errors;
    }

    public IngestOutcome record(Exchange exchange) {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        InvalidOrderException.Kind kind = cause instanceof InvalidOrderException invalid
                ? invalid.kind() : InvalidOrderException.Kind.MAPPING;
        String reason = reason(cause);
        String channel = exchange.getMessage().getHeader("hubChannel", "unknown", String.class);
        String account = exchange.getMessage().getHeader("hubAccount", String.class);
        String source = exchange.getMessage().getHeader("hubSource", String.class);
        String replayOf = exchange.getMessage().getHeader("hubReplayOf", String.class);
        String raw = exchange.getProperty("hubRaw", String.class);
        String stage = kind == InvalidOrderException.Kind.SCHEMA ? "validate"
                : kind == InvalidOrderException.Kind.MAPPING ? "map" : "parse";
        String errorId;
        if (replayOf != null) {
            errors.replayFailed(replayOf, reason);
            errorId = replayOf;
        } else {
            errorId = errors.record(channel, account, source, stage, reason, raw);
        }
        LOG.warn("Refused {} input from {} ({}): {} [errorId={}]", channel, source, stage, reason, errorId);
        return IngestOutcome.failed(new IngestOutcome.Failure(reason, errorId, kind));
    }

    static String reason(Throwable cause) {
        if (cause == null) {
            return "unknown error";
        }
        if (cause instanceof InvalidOrderException) {
            return cause.getMessage();
        }
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return "mapping failed: " + message;
    }
}
