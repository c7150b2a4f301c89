package io.orderhub.pipeline;

import io.orderhub.canonical.InvalidOrderException;
import io.orderhub.store.IntakeResult;

import java.util.ArrayList;
import java.util.List;

/** What one ingest call (a webhook body, a page, a file) came to: the orders accepted and the inputs refused. */
public record IngestOutcome(List<IntakeResult> accepted, List<Failure> failures) {

    public IngestOutcome {
        accepted = List.copyOf(accepted);
        failures = List.copyOf(failures);
    }

    public static IngestOutcome of(IntakeResult result) {
        return new IngestOutcome(List.of(result), List.of());
    }

    public static IngestOutcome failed(Failure failure) {
        return new IngestOutcome(List.of(), List.of(failure));
    }

    public IngestOutcome plus(IngestOutcome other) {
        List<IntakeResult> a = new ArrayList<>(accepted);
        a.addAll(other.accepted);
        List<Failure> f = new ArrayList<>(failures);
        f.addAll(other.failures);
        return new IngestOutcome(a, f);
    }

    public List<String> orderIds() {
        return accepted.stream().map(IntakeResult::orderId).toList();
    }

    /** One refused input, with the error store entry that keeps it and the channel's id of the order when known. */
    public record Failure(String error, String errorId, InvalidOrderException.Kind kind, String channelOrderId) {
    }
}
