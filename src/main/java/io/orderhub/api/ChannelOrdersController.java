package io.orderhub.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.orderhub.config.HubProperties;
import io.orderhub.pipeline.IngestOutcome;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** POST /api/channels/{channel}/orders: a channel's native payload, one order or a list page. */
@RestController
@RequestMapping("/api/channels")
public class ChannelOrdersController {

    private static final int KEEP_OF_OVERSIZE = 64 * 1024;

    private final ChannelIngest ingest;
    private final int maxPayloadBytes;

    public ChannelOrdersController(ChannelIngest ingest, HubProperties hub) {
        this.ingest = ingest;
        this.maxPayloadBytes = hub.ingest().maxPayloadBytes();
    }

    @PostMapping("/{channel}/orders")
    public ResponseEntity<?> post(@PathVariable String channel, @RequestParam(required = false) String account,
                                  HttpServletRequest request) throws IOException {
        ingest.requireChannel(channel);
        String acct = account == null || account.isBlank() ? ingest.defaultAccount(channel) : account;
        byte[] body = readAtMost(request.getInputStream(), maxPayloadBytes + 1);
        if (body.length > maxPayloadBytes) {
            long length = request.getContentLengthLong() > 0 ? request.getContentLengthLong() : body.length;
            throw ingest.oversize(channel, acct, "api", length,
                    new String(body, 0, Math.min(KEEP_OF_OVERSIZE, body.length), StandardCharsets.UTF_8), maxPayloadBytes);
        }
        IngestOutcome outcome = ingest.ingest(channel, acct, "api", body);
        return respond(outcome);
    }

    /**
     * One order refused: a 4xx naming it, with its error-store entry. Otherwise 202 with a result per order, the
     * refused ones among them (outcome REFUSED, with the reason and the entry that keeps them).
     */
    static ResponseEntity<?> respond(IngestOutcome outcome) {
        if (outcome.accepted().isEmpty() && outcome.failures().size() == 1) {
            IngestOutcome.Failure only = outcome.failures().get(0);
            return ApiErrorHandler.error(ChannelIngest.statusOf(only.kind()), only.error(), only.errorId(),
                    only.channelOrderId() == null ? List.of() : List.of("order " + only.channelOrderId()));
        }
        return accepted(outcome);
    }

    /** 202 with a result per order, the refused ones among them: what a channel's webhook gets once it is kept. */
    static ResponseEntity<?> accepted(IngestOutcome outcome) {
        List<Accepted.Result> results = new java.util.ArrayList<>();
        outcome.accepted().forEach(r -> results.add(new Accepted.Result(r.orderId(), null, r.outcome().name(),
                r.status().name(), r.revision(), null, null)));
        outcome.failures().forEach(f -> results.add(new Accepted.Result(null, f.channelOrderId(), "REFUSED", null,
                null, f.error(), f.errorId())));
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(new Accepted(outcome.orderIds(), results,
                outcome.failures().stream().map(f -> new ApiError(f.error(), f.errorId(), List.of())).toList()));
    }

    private static byte[] readAtMost(InputStream in, int limit) throws IOException {
        return in.readNBytes(limit);
    }

    /** 202: the orders are durably stored; results says which were new, updated or already known. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record Accepted(@JsonInclude(JsonInclude.Include.ALWAYS) List<String> orderIds, List<Result> results,
                    List<ApiError> errors) {
        @JsonInclude(JsonInclude.Include.NON_NULL)
        record Result(String orderId, String channelOrderId, String outcome, String status, Integer revision,
                      String error, String errorId) {
        }
    }
}
