package io.orderhub.api;

import io.orderhub.operations.BulkJobs;
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

    /** A group replay takes at most this many entries; the rest stay open for the next one. */
    static final int MAX_GROUP = 10_000;

    private final ErrorStore errors;
    private final ErrorReplay replays;
    private final BulkJobs jobs;

    public ErrorsController(ErrorStore errors, ErrorReplay replays, BulkJobs jobs) {
        this.errors = errors;
        this.replays = replays;
        this.jobs = jobs;
    }

    /** A page of entries, without their payloads and with personal data in the reasons masked. */
    @GetMapping
    public Page list(@RequestParam(required = false) String state, @RequestParam(required = false) String channel,
                     @RequestParam(required = false) String stage, @RequestParam(required = false) String reason,
                     @RequestParam(required = false) String since, @RequestParam(required = false) String until,
                     @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
        QueryParams.page(page, size, 200);
        ErrorStore.ErrorFilter filter = filter(state, channel, stage, reason, since, until);
        return new Page(errors.list(filter, page, size).stream().map(ErrorStore.ErrorEntry::masked).toList(),
                errors.count(filter));
    }

    /** The matching entries (open ones unless a state is named) grouped by cause, largest group first. */
    @GetMapping("/causes")
    public List<ErrorStore.Cause> causes(@RequestParam(defaultValue = "OPEN") String state,
                                         @RequestParam(required = false) String channel,
                                         @RequestParam(required = false) String stage,
                                         @RequestParam(required = false) String reason,
                                         @RequestParam(required = false) String since,
                                         @RequestParam(required = false) String until) {
        return errors.causes(filter(state, channel, stage, reason, since, until), MAX_GROUP);
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
        ErrorReplay.Result result = replays.replay(errorId);
        return result.outcome() == null ? ResponseEntity.ok(Map.of("errorId", errorId, "result", result.stockResult()))
                : ChannelOrdersController.respond(result.outcome());
    }

    /**
     * {@code {"errorIds"?: [...], "channel"?, "stage"?, "reason"?, "cause"?, "since"?, "until"?}}: the open entries
     * named, or those matching (of that cause, as /causes gives it), replayed one by one in the background. 202
     * with the job ({@code GET /api/jobs/{jobId}}: counts done and left).
     */
    @PostMapping("/replay")
    public ResponseEntity<BulkJobs.Progress> replayAll(@RequestBody GroupReplay request, Principal operator) {
        List<String> ids;
        String what;
        if (request.errorIds() != null && !request.errorIds().isEmpty()) {
            ids = request.errorIds().stream().distinct().limit(MAX_GROUP).toList();
            what = ids.size() + " chosen entries";
        } else {
            ErrorStore.ErrorFilter filter = filter("OPEN", request.channel(), request.stage(), request.reason(),
                    request.since(), request.until());
            ids = errors.idsOfCause(filter, request.cause(), MAX_GROUP);
            what = "open entries" + describe("channel", request.channel()) + describe("stage", request.stage())
                    + describe("reason", request.reason()) + describe("cause", request.cause());
        }
        if (ids.isEmpty()) {
            throw new ApiException(HttpStatus.NOT_FOUND, "no open error-store entry matches");
        }
        BulkJobs.Progress job = jobs.start("replay", "replay of " + what, operator.getName(), ids, 1, part -> {
            ErrorReplay.Result result = replays.replay(part.get(0));
            if (!result.succeeded()) {
                throw new IllegalStateException(part.get(0) + ": " + result.failure());
            }
            return 1;
        });
        return ResponseEntity.accepted().body(job);
    }

    /** Which entries a group replay takes: by id, or by the filters of the list and a cause. */
    public record GroupReplay(List<String> errorIds, String channel, String stage, String reason, String cause,
                              String since, String until) {
    }

    private static String describe(String name, String value) {
        return value == null || value.isBlank() ? "" : ", " + name + " '" + value.strip() + "'";
    }

    private static ErrorStore.ErrorFilter filter(String state, String channel, String stage, String reason,
                                                 String since, String until) {
        return new ErrorStore.ErrorFilter(state == null || state.isBlank() ? null : parseState(state), channel, stage,
                reason, QueryParams.instant("since", since), QueryParams.instant("until", until));
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
