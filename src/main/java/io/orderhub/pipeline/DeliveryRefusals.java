package io.orderhub.pipeline;

import org.apache.camel.Exchange;
import org.apache.camel.http.base.HttpOperationFailedException;

/**
 * Tells a destination's refusal from its failure. A 4xx answer (other than 408 and 429) says the request itself is
 * wrong for that destination (an order it does not know, a field it rejects): redelivering the same request ten
 * times only delays the operator, so such a delivery is marked dead at once with the destination's words. Anything
 * else (5xx, 408, 429, no answer) is a failure the broker's redelivery may get past.
 */
public class DeliveryRefusals {

    public boolean isRefusal(Exchange exchange) {
        HttpOperationFailedException http = refusal(exchange);
        return http != null;
    }

    /** What the destination said, for the ledger and the log. */
    public String reason(Exchange exchange) {
        HttpOperationFailedException http = refusal(exchange);
        if (http == null) {
            return null;
        }
        String body = http.getResponseBody();
        return "refused with " + http.getStatusCode() + " by " + http.getUri()
                + (body == null || body.isBlank() ? "" : ": " + body);
    }

    private static HttpOperationFailedException refusal(Exchange exchange) {
        // while onWhen decides, the failure is the exchange's exception; once handled, it is the caught one
        Throwable cause = exchange.getException();
        if (cause == null) {
            cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        }
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof HttpOperationFailedException http) {
                int status = http.getStatusCode();
                return status >= 400 && status < 500 && status != 408 && status != 429 ? http : null;
            }
        }
        return null;
    }
}
