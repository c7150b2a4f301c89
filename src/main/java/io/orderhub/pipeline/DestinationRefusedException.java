package io.orderhub.pipeline;

/**
 * A destination that answers without HTTP status codes (a SOAP carrier's fault or result code, see SoapCalls) said
 * the request itself is wrong: like a 400 or 422, the same request cannot succeed later (DeliveryRefusals).
 */
public class DestinationRefusedException extends RuntimeException {

    public DestinationRefusedException(String message) {
        super(message);
    }
}
