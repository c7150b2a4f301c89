package io.orderhub.sandbox;

import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a channel simulator does wrong on purpose: an occasional 429 with Retry-After (every
 * {@code hub.sandbox.throttle-every}-th request), and, for tests, the next n requests throttled, failing with 503, or
 * refused with 401 as a revoked access token is.
 */
public class ChannelFaults {

    private final int throttleEvery;
    private final AtomicLong requests = new AtomicLong();
    private final AtomicInteger throttleNext = new AtomicInteger();
    private final AtomicInteger failNext = new AtomicInteger();
    private final AtomicInteger refuseNext = new AtomicInteger();
    private volatile String refusedPath = "";
    private final AtomicInteger answered = new AtomicInteger();

    public ChannelFaults(int throttleEvery) {
        this.throttleEvery = throttleEvery;
    }

    public void throttleNext(int requests) {
        throttleNext.set(requests);
    }

    public void failNext(int requests) {
        failNext.set(requests);
    }

    public void refuseNext(int requests) {
        refuseNext(requests, "");
    }

    /** A 401 for the next requests to a path ending so, whatever else (stock, write-back) calls in between. */
    public void refuseNext(int requests, String pathEnd) {
        refusedPath = pathEnd;
        refuseNext.set(requests);
    }

    /** How many requests got a 429, 503 or 401 so far. */
    public int faultsAnswered() {
        return answered.get();
    }

    /** @return true when this request got a fault as its answer */
    boolean intercept(HttpExchange exchange) throws IOException {
        long n = requests.incrementAndGet();
        if (takeOne(throttleNext) || (throttleEvery > 0 && n % throttleEvery == 0)) {
            answered.incrementAndGet();
            exchange.getResponseHeaders().set("Retry-After", "1");
            SimulatorServer.respond(exchange, 429, "{\"errors\":\"Exceeded the rate limit; try again later\"}");
            return true;
        }
        if (takeOne(failNext)) {
            answered.incrementAndGet();
            SimulatorServer.respond(exchange, 503, "{\"errors\":\"Service temporarily unavailable\"}");
            return true;
        }
        if (exchange.getRequestURI().getPath().endsWith(refusedPath) && takeOne(refuseNext)) {
            answered.incrementAndGet();
            SimulatorServer.respond(exchange, 401, "{\"errors\":\"[API] Invalid API key or access token"
                    + " (unrecognized login or wrong password)\"}");
            return true;
        }
        return false;
    }

    private static boolean takeOne(AtomicInteger counter) {
        return counter.getAndUpdate(c -> c > 0 ? c - 1 : 0) > 0;
    }
}
