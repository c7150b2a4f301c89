package io.orderhub.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderhub.canonical.CanonicalOrder;
import io.orderhub.canonical.InvalidOrderException;
import io.orderhub.canonical.OrderIds;
import io.orderhub.store.ErrorStore;
import org.apache.camel.Exchange;
import org.apache.camel.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;

import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The ingest error handler's bean: decides whether a failure is the order's own fault (bad input: retrying the
 * same bytes cannot help) or the hub's (the database is down), and keeps bad input in the error store with its
 * raw payload, stage and reason, so the route (and the page, file or record it belongs to) goes on.
 * <p>
 * A transient failure is not handled, so the source stays unacknowledged and delivers again; but one order that
 * keeps failing transiently (a lock it never gets) is parked in the error store after
 * {@code hub.ingest.max-transient-attempts}, so it cannot hold its source up forever. A failing replay updates the
 * entry being replayed instead of adding a new one.
 */
public class IngestErrors implements Predicate {

    private static final Logger LOG = LoggerFactory.getLogger(IngestErrors.class);
    /** Orders whose transient failures are being counted; the oldest are forgotten past this many. */
    private static final int TRACKED = 10_000;

    private final ErrorStore errors;
    private final ObjectMapper json;
    private final int maxTransientAttempts;
    private final Map<String, Attempts> transientFailures = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Attempts> eldest) {
            return size() > TRACKED;
        }
    };

    public IngestErrors(ErrorStore errors, ObjectMapper json, int maxTransientAttempts) {
        this.errors = errors;
        this.json = json;
        this.maxTransientAttempts = maxTransientAttempts;
    }

    /**
     * The onWhen of the ingest doCatch blocks ({@code ref: ingestErrors}): a predicate, not a bean method, because a
     * bean call does not see the exchange's exception while it is being caught.
     */
    @Override
    public boolean matches(Exchange exchange) {
        return isBadInput(exchange);
    }

    /** True for bad input, false for a failure a retry can fix. */
    public boolean isBadInput(Exchange exchange) {
        Throwable cause = Failures.of(exchange);
        if (cause == null || !isTransient(cause)) {
            return true;
        }
        String key = key(exchange);
        synchronized (transientFailures) {
            Attempts attempts = transientFailures.get(key);
            Throwable root = root(cause);
            if (attempts == null) {
                attempts = new Attempts();
                transientFailures.put(key, attempts);
            }
            // one failure is asked about at each level it passes (the template's per-order, then per-payload doCatch)
            if (attempts.last != root) {
                attempts.last = root;
                attempts.count++;
            }
            return attempts.count >= maxTransientAttempts;
        }
    }

    /** Why the last attempt at this payload failed, when a transient failure is being counted for it. */
    public String lastTransientFailure(String channel, String raw) {
        synchronized (transientFailures) {
            Attempts attempts = transientFailures.get(key(channel, raw));
            return attempts == null ? null : message(attempts.last);
        }
    }

    /** An inbound message the broker gave up on: kept in the error store, with the last reason it failed. */
    public String deadLettered(String channel, String account, String queue, String body) {
        String last = lastTransientFailure(channel, body);
        String reason = "dead-lettered from " + queue + " after the broker's last redelivery"
                + (last == null ? "" : ": " + last);
        String errorId = errors.record(channel, account, "jms", "intake", reason, body);
        LOG.error("Refused {} input from {}: {} [errorId={}]", channel, queue, reason, errorId);
        return errorId;
    }

    public IngestOutcome record(Exchange exchange) {
        Throwable cause = invalidOrder(Failures.of(exchange));
        InvalidOrderException.Kind kind = cause instanceof InvalidOrderException invalid ? invalid.kind()
                : isMapping(cause) && !isStore(cause) ? InvalidOrderException.Kind.MAPPING
                : InvalidOrderException.Kind.REJECTED;
        String reason = reason(cause);
        if (cause != null && isTransient(cause)) {
            reason = "parked after " + maxTransientAttempts + " failed attempts: " + reason;
            synchronized (transientFailures) {
                transientFailures.remove(key(exchange));
            }
        }
        String channel = exchange.getMessage().getHeader("hubChannel", "unknown", String.class);
        String account = exchange.getMessage().getHeader("hubAccount", String.class);
        String source = exchange.getMessage().getHeader("hubSource", String.class);
        String replayOf = exchange.getMessage().getHeader("hubReplayOf", String.class);
        String raw = exchange.getProperty("hubRaw", String.class);
        String stage = stage(kind, cause);
        String errorId;
        boolean first = true;
        if (replayOf != null) {
            errors.replayFailed(replayOf, reason);
            errorId = replayOf;
        } else {
            ErrorStore.Kept kept = errors.keep(channel, account, source, stage, reason, raw);
            errorId = kept.errorId();
            first = kept.occurrences() == 1;
        }
        String order = orderRef(exchange);
        // once at WARN: a poll's overlap reads the same refused order again on every poll for a while
        if (first || LOG.isDebugEnabled()) {
            String line = "Refused {} input {}from {} ({}): {} [errorId={}]";
            Object[] args = {channel, order == null ? "" : "(order " + order + ") ", source, stage, reason, errorId};
            if (first) {
                LOG.warn(line, args);
            } else {
                LOG.debug(line, args);
            }
        }
        return IngestOutcome.failed(new IngestOutcome.Failure(reason, errorId, kind, order));
    }


    /** The hub's own refusal when a bean call wrapped it (a route's method call), else the failure itself. */
    private static Throwable invalidOrder(Throwable failure) {
        Throwable invalid = Failures.find(failure, t -> t instanceof InvalidOrderException);
        return invalid != null ? invalid : failure;
    }

    /** The database or broker is away, a lock or a connection timed out: the same input may succeed later. */
    static boolean isTransient(Throwable failure) {
        return Failures.any(failure, t -> t instanceof TransientDataAccessException
                || t instanceof RecoverableDataAccessException || t instanceof DataAccessResourceFailureException
                || t instanceof CannotCreateTransactionException || t instanceof SQLTransientException
                || t instanceof SQLRecoverableException || t instanceof jakarta.jms.JMSException
                || t instanceof org.springframework.jms.JmsException);
    }

    private static boolean isMapping(Throwable cause) {
        return Failures.any(cause, t -> t instanceof com.dashjoin.jsonata.JException || t instanceof JsonProcessingException);
    }

    private static String stage(InvalidOrderException.Kind kind, Throwable cause) {
        return switch (kind) {
            case SCHEMA -> "validate";
            case MAPPING -> "map";
            case MALFORMED, OVERSIZE -> "parse";
            case REJECTED -> isStore(cause) ? "store" : "accept";
        };
    }

    private static boolean isStore(Throwable cause) {
        return Failures.any(cause, t -> t instanceof DataAccessException || t instanceof java.sql.SQLException);
    }

    static String reason(Throwable cause) {
        if (cause == null) {
            return "unknown error";
        }
        if (cause instanceof InvalidOrderException) {
            return cause.getMessage();
        }
        if (isStore(cause)) {
            return "the store refused the order: " + message(root(cause));
        }
        if (isMapping(cause)) {
            return "mapping failed: " + message(cause);
        }
        return "the order could not be accepted: " + message(root(cause));
    }

    /** The channel's id of the order, once the mapping has said it; null before. */
    private String orderRef(Exchange exchange) {
        Object order = exchange.getProperty("hubOrder");
        if (order instanceof CanonicalOrder canonical) {
            return canonical.channelOrderId();
        }
        String mapped = exchange.getProperty("hubMapped", String.class);
        if (mapped != null) {
            try {
                JsonNode id = json.readTree(mapped).path("channelOrderId");
                return id.isValueNode() ? abbreviate(id.asText(), 128) : null;
            } catch (JsonProcessingException | RuntimeException e) {
                return null;
            }
        }
        return null;
    }

    private static String key(Exchange exchange) {
        return key(exchange.getMessage().getHeader("hubChannel", "unknown", String.class),
                exchange.getProperty("hubRaw", String.class));
    }

    private static String key(String channel, String raw) {
        return OrderIds.sha256(channel + "\n" + (raw == null ? "" : raw));
    }

    private static Throwable root(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    /** Short: a database's message quotes the whole value it refused. */
    private static String message(Throwable t) {
        return t == null ? null : t.getMessage() == null ? t.getClass().getSimpleName()
                : t.getClass().getSimpleName() + ": " + abbreviate(t.getMessage(), 300);
    }

    /** Order references and reasons in answers and logs stay short, whatever the channel sent. */
    private static String abbreviate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max) + "...";
    }

    private static final class Attempts {
        int count;
        Throwable last;
    }

}
