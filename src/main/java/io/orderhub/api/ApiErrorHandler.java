package io.orderhub.api;

import io.orderhub.store.OrderNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

import java.util.List;
import java.util.UUID;

/** Turns every API failure into {"error", "errorId"} with a status that fits. */
@RestControllerAdvice(basePackages = "io.orderhub.api")
public class ApiErrorHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ApiErrorHandler.class);

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ApiError> api(ApiException e) {
        return error(e.status(), e.getMessage(), e.errorId());
    }

    @ExceptionHandler(OrderNotFoundException.class)
    ResponseEntity<ApiError> notFound(OrderNotFoundException e) {
        return error(HttpStatus.NOT_FOUND, e.getMessage(), null);
    }

    @ExceptionHandler({HttpMessageNotReadableException.class, MethodArgumentTypeMismatchException.class,
            MissingServletRequestParameterException.class, IllegalArgumentException.class})
    ResponseEntity<ApiError> badRequest(Exception e) {
        if (tooLarge(e)) {
            return error(HttpStatus.PAYLOAD_TOO_LARGE, "request body is larger than hub.http.max-body-bytes", null);
        }
        String message = e instanceof HttpMessageNotReadableException unreadable && unreadable.getMostSpecificCause() != null
                ? "request body is not valid: " + unreadable.getMostSpecificCause().getMessage()
                : e.getMessage();
        return error(HttpStatus.BAD_REQUEST, message, null);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ApiError> unexpected(Exception e) {
        if (tooLarge(e)) {
            return error(HttpStatus.PAYLOAD_TOO_LARGE, "request body is larger than hub.http.max-body-bytes", null);
        }
        ResponseEntity<ApiError> response = error(HttpStatus.SERVICE_UNAVAILABLE,
                "the hub could not complete the request; nothing was acknowledged, retry later", null);
        LOG.error("API request failed [errorId={}]", response.getBody().errorId(), e);
        return response;
    }

    /** The body was cut off by {@link RequestBodyLimit} while a converter read it. */
    private static boolean tooLarge(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof RequestBodyLimit.TooLarge) {
                return true;
            }
        }
        return false;
    }

    static ResponseEntity<ApiError> error(HttpStatus status, String message, String errorId) {
        return error(status, message, errorId, List.of());
    }

    static ResponseEntity<ApiError> error(HttpStatus status, String message, String errorId, List<String> details) {
        String id = errorId != null ? errorId : "req-" + UUID.randomUUID();
        return ResponseEntity.status(status).body(new ApiError(message, id, details));
    }
}
