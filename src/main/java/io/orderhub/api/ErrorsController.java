package io.orderhub.api;

import io.orderhub.inventory.StockPublisher;
import io.orderhub.pipeline.IngestOutcome;
import io.orderhub.security.Role;
import io.orderhub.store.ErrorStore;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.security.Principal;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The error store: what was refused and why, and replay once the cause (usually a mapping) is fixed. An order is
 * replayed through its channel's ingest; a listing a channel refused stock for is told again.
 */
@RestController
@RequestMapping("/api/errors")
public class ErrorsController {

    private final ErrorStore errors;
    private final ChannelIngest ingest;

    private final StockPublisher stock;

    public ErrorsController(ErrorStore errors, ChannelIngest ingest, StockPublisher stock) {
        this.errors = errors;
        this.ingest = ingest;
        this.stock = stock;
    }

    /** A page of entries, without their payloads and with personal data in the reasons masked. */
    @GetMapping
    public Page list(@RequestParam(required = false) String state, @RequestParam(required = false) String channel,
                     @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
        if (page < 0 || size < 1 || size > 200) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "page must be >= 0 and size between 1 and 200");
        }
        ErrorStore.ReplayState replayState = state == null ? null : parseState(state);
        return new Page(errors.list(replayState, channel, page, size).stream().map(ErrorStore.ErrorEntry::masked)
                .toList(), errors.count(replayState, channel));
    }

    /** The entry; the payload as it came only to an operator, who may replay it. */
    @GetMapping("/{errorId}")
    public ErrorStore.ErrorEntry get(@PathVariable String errorId, HttpServletRequest request) {
        ErrorStore.ErrorEntry entry = get(errorId);
        return request.isUserInRole(Role.OPERATOR.name()) ? entry : entry.masked();
    }

    private ErrorStore.ErrorEntry get(String errorId) {
        return errors.find(errorId).orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND, "no error " + errorId));
    }

    /** Runs the kept raw payload through its channel's ingest again; on success the entry is closed. */
    @PostMapping("/{errorId}/replay")
    public ResponseEntity<?> replay(@PathVariable String errorId) {
        ErrorStore.ErrorEntry entry = get(errorId);
        if (entry.replayState() == ErrorStore.ReplayState.REPLAYED) {
            throw new ApiException(HttpStatus.CONFLICT, "error " + errorId + " was already replayed: "
                    + entry.replayResult(), errorId);
        }
        if (entry.replayState() == ErrorStore.ReplayState.EXPIRED) {
            throw new ApiException(HttpStatus.GONE, "error " + errorId + " can no longer be replayed: "
                    + entry.replayResult(), errorId);
        }
        if (entry.replayState() == ErrorStore.ReplayState.DISCARDED) {
            throw new ApiException(HttpStatus.CONFLICT, "error " + errorId + " was " + entry.replayResult(), errorId);
        }
        if (StockPublisher.STAGE.equals(entry.stage())) {
            try {
                return ResponseEntity.ok(Map.of("errorId", errorId, "result", stock.replay(entry)));
            } catch (IllegalArgumentException e) {
                throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, e.getMessage(), errorId);
            }
        }
        String account = entry.account() != null ? entry.account() : ingest.defaultAccount(entry.channel());
        IngestOutcome outcome = ingest.ingest(entry.channel(), account, "replay", entry.rawPayload(), errorId);
        if (outcome.failures().isEmpty()) {
            errors.replaySucceeded(errorId, "orders " + String.join(", ", outcome.orderIds()));
        }
        return ChannelOrdersController.respond(outcome);
    }

    /** {@code {"reason"}}: closes an open entry that is not to be taken; who and why stay on it. */
    @PostMapping("/{errorId}/discard")
    public ErrorStore.ErrorEntry discard(@PathVariable String errorId, @RequestBody DiscardRequest request,
                                         Principal operator, HttpServletRequest http) {
        if (request == null || request.reason() == null || request.reason().isBlank()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "reason is required: why the input is not to be taken");
        }
        ErrorStore.ErrorEntry entry = get(errorId);
        if (!errors.discard(errorId, "discarded by " + operator.getName() + ": " + request.reason().strip())) {
            throw new ApiException(HttpStatus.CONFLICT, "error " + errorId + " is " + entry.replayState()
                    + ", not OPEN", errorId);
        }
        return get(errorId, http);
    }

    public record DiscardRequest(String reason) {
    }

    private static ErrorStore.ReplayState parseState(String state) {
        try {
            return ErrorStore.ReplayState.valueOf(state.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "state must be one of " + List.of(ErrorStore.ReplayState.values()));
        }
    }

    public record Page(List<ErrorStore.ErrorEntry> items, long total) {
    }
}
