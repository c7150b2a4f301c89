package io.orderhub.canonical;

import java.util.List;

/**
 * Input the hub cannot turn into a valid canonical order: malformed JSON, a mapping that fails, or a
 * canonical order that breaks the schema. The message names every field that is wrong.
 */
public class InvalidOrderException extends RuntimeException {

    private final Kind kind;
    private final List<String> problems;

    /** REJECTED: the order was valid but the hub could not take it (the store refused it), whatever the retry. */
    public enum Kind { MALFORMED, MAPPING, SCHEMA, OVERSIZE, REJECTED }

    public InvalidOrderException(Kind kind, String message, List<String> problems, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.problems = List.copyOf(problems);
    }

    public InvalidOrderException(Kind kind, String message) {
        this(kind, message, List.of(), null);
    }

    public Kind kind() {
        return kind;
    }

    public List<String> problems() {
        return problems;
    }
}
