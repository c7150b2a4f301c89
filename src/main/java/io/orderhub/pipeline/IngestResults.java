package io.orderhub.pipeline;

import io.orderhub.store.IntakeResult;
import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;

/** Folds the per-order results of an ingest split into one {@link IngestOutcome}. */
public class IngestResults implements AggregationStrategy {

    @Override
    public Exchange aggregate(Exchange oldExchange, Exchange newExchange) {
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
