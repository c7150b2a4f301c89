package io.orderhub.api;

import org.springframework.http.HttpStatus;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Query parameters the list calls share, parsed with the caller's mistake named. */
final class QueryParams {

    private QueryParams() {
    }

    /** An ISO-8601 instant, or null when absent. */
    static Instant instant(String name, String value) {
        try {
            return value == null || value.isBlank() ? null : Instant.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new ApiException(HttpStatus.BAD_REQUEST, name + " must be an ISO-8601 instant (2026-11-27T09:00:00Z)");
        }
    }

    static void page(int page, int size, int maxSize) {
        if (page < 0 || size < 1 || size > maxSize) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "page must be >= 0 and size between 1 and " + maxSize);
        }
    }
}
