package io.orderhub.pipeline;

import org.apache.camel.Exchange;
import org.apache.camel.http.base.HttpOperationFailedException;

/**
 * Tells a destination's refusal from its failure. Only 400 and 422 say the request itself is wrong (a field the
 * destination rejects): redelivering the same bytes cannot help, so such a delivery is dead at once, with the
 * destination's words, for an operator to fix and retry. Everything else is retried with the broker's backoff:
 * 401 and 403 (a rotated token, a proxy), 404 (a deploy, an order the channel has not indexed yet), 409 (the
 * receiver is busy with the same key), 408, 429, 5xx and no answer at all. A destination without status codes
 * refuses with a {@link DestinationRefusedException}.
 */
public class DeliveryRefusals {

    public boolean isRefusal(Exchange exchange) {
        return refusal(exchange) != null || refused(exchange) != null;
    }

    /**
     * Whether the destination answered the failed call (an error status, a SOAP fault), so the call made nothing;
     * not when no answer came (a timeout, a refused connection after the request went out).
     */
    public boolean answered(Exchange exchange) {
        return Failures.any(Failures.of(exchange), t -> t instanceof HttpOperationFailedException
                || t instanceof org.springframework.ws.client.WebServiceTransportException
                || t instanceof org.springframework.ws.soap.client.SoapFaultClientException);
    }

    /** What the destination said, for the ledger and the log. */
    public String reason(Exchange exchange) {
        HttpOperationFailedException http = refusal(exchange);
        if (http == null) {
            Throwable refused = refused(exchange);
            return refused == null ? null : refused.getMessage();
        }
        String body = http.getResponseBody();
        return "refused with " + http.getStatusCode() + " by " + http.getUri()
                + (body == null || body.isBlank() ? "" : ": " + body);
    }

    private static Throwable refused(Exchange exchange) {
        return Failures.find(Failures.of(exchange), t -> t instanceof DestinationRefusedException);
    }

    private static HttpOperationFailedException refusal(Exchange exchange) {
        Throwable http = Failures.find(Failures.of(exchange), t -> t instanceof HttpOperationFailedException);
        if (http instanceof HttpOperationFailedException answer) {
            int status = answer.getStatusCode();
            return status == 400 || status == 422 ? answer : null;
        }
        return null;
    }
}
