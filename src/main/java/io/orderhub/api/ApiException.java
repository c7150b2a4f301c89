package io.orderhub.api;

import org.springframework.http.HttpStatus;

import java.util.function.Supplier;

/** An API error with the status that fits it; errorId names the error store entry when there is one. */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final String errorId;

    public ApiException(HttpStatus status, String message, String errorId) {
        super(message);
        this.status = status;
        this.errorId = errorId;
    }

    public ApiException(HttpStatus status, String message) {
        this(status, message, null);
    }

    public HttpStatus status() {
        return status;
    }

    public String errorId() {
        return errorId;
    }

    /** Makes a change a team asked for; one the rules refuse (an IllegalArgumentException) answers 422. */
    static <T> T unprocessableIfInvalid(Supplier<T> change) {
        try {
            return change.get();
        } catch (IllegalArgumentException e) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, e.getMessage());
        }
    }
}
