package io.orderhub.pipeline;

import io.orderhub.store.IntakeResult;
import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;

/**
 * Folds the per-order results of an ingest split into one {@link IngestOutcome}. The split goes on past an order
 * that failed: bad input comes back as a refused result (the template caught it), while a failure a retry can fix
 * is carried to the end of the page, so the page is not acknowledged (its other orders are stored meanwhile and are
 * duplicates next time).
 */
public class IngestResults implements AggregationStrategy {

    @Override
    public Exchange aggregate(Exchange oldExchange, Exchange newExchange) {
        if (newExchange.getException() != null) {
            Exchange result = oldExchange == null ? newExchange : oldExchange;
            if (result.getException() == null) {
                result.setException(newExchange.getException());
            }
            if (oldExchange == null) {
                newExchange.getMessage().setBody(new IngestOutcome(java.util.List.of(), java.util.List.of()));
            }
            return result;
        }
        IngestOutcome next = toOutcome(newExchange.getMessage().getBody());
        if (oldExchange == null) {
            newExchange.getMessage().setBody(next);
            return newExchange;
        }
        IngestOutcome sofar = oldExchange.getMessage().getBody(IngestOutcome.class);
        oldExchange.getMessage().setBody(sofar.plus(next));
        return oldExchange;
    }

    /** An empty page is a valid page with no orders. */
    public IngestOutcome orEmpty(Object body) {
        return body instanceof IngestOutcome o ? o : new IngestOutcome(java.util.List.of(), java.util.List.of());
    }

    private static IngestOutcome toOutcome(Object body) {
        if (body instanceof IngestOutcome outcome) {
            return outcome;
        }
        if (body instanceof IntakeResult result) {
            return IngestOutcome.of(result);
        }
        throw new IllegalStateException("ingest step ended with an unexpected body: "
                + (body == null ? "null" : body.getClass().getName()));
    }
}
