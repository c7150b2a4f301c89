package io.orderhub.lifecycle;

/** A screening rule that fired on a new order (mappings/holds/screen.jsonata), and why. */
public record Hold(String rule, String reason) {

    @Override
    public String toString() {
        return rule + ": " + reason;
    }
}
