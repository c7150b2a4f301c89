package io.orderhub.api;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/** The body of every API error: {"error": "...", "errorId": "..."}; details lists each problem when there are several. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ApiError(String error, String errorId, List<String> details) {
}
