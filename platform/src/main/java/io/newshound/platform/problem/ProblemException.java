package io.newshound.platform.problem;

import java.util.List;

/**
 * Thrown by services to answer a request with a specific problem; the mappers turn it into an
 * {@code application/problem+json} response.
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String title;
    private final List<Problem.FieldError> errors;
    private final Long retryAfterSeconds;

    public ProblemException(int status, String title, String detail) {
        this(status, title, detail, List.of(), null);
    }

    public ProblemException(int status, String title, String detail, List<Problem.FieldError> errors,
            Long retryAfterSeconds) {
        super(detail);
        this.status = status;
        this.title = title;
        this.errors = List.copyOf(errors);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** @return a 404 for a resource that does not exist (or that the caller may not see) */
    public static ProblemException notFound(String what, Object id) {
        return new ProblemException(404, "Not found", what + " " + id + " does not exist");
    }

    /** @return a 400 naming one invalid field */
    public static ProblemException invalidField(String field, String message) {
        return new ProblemException(400, "Invalid request", field + ": " + message,
                List.of(new Problem.FieldError(field, message)), null);
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public List<Problem.FieldError> errors() {
        return errors;
    }

    /** @return seconds for a {@code Retry-After} header, or {@code null} */
    public Long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
