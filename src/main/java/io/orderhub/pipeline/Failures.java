package io.orderhub.pipeline;

import org.apache.camel.Exchange;

import java.util.function.Predicate;

/** What the error-handling beans ask of a failure: which one is being decided on, and what lies in its causes. */
final class Failures {

    private Failures() {
    }

    /** Still the exchange's exception while an onWhen or doCatch asks; the caught one once it is handled. */
    static Throwable of(Exchange exchange) {
        Throwable current = exchange.getException();
        return current != null ? current : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
    }

    /** The first of the failure and its causes that matches, or null. */
    static Throwable find(Throwable failure, Predicate<Throwable> which) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (which.test(t)) {
                return t;
            }
        }
        return null;
    }

    static boolean any(Throwable failure, Predicate<Throwable> which) {
        return find(failure, which) != null;
    }
}
