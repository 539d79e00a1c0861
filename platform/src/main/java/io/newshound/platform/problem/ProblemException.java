package io.newshound.platform.problem;

import java.util.List;

/**
 * Thrown by services to answer a request with a specific problem; the mappers turn it into an
 * {@code application/problem+json} response.
 */
public class ProblemException extends RuntimeException {

    /** Problem type of requests whose fields are invalid. */
    public static final String INVALID_REQUEST = "https://newshound.io/problems/invalid-request";
    /** Problem type of a resource that does not exist or that the caller may not see. */
    public static final String NOT_FOUND = "https://newshound.io/problems/not-found";
    /** Problem type of a request the resource's current state does not allow. */
    public static final String CONFLICT = "https://newshound.io/problems/conflict";

    private final String type;
    private final int status;
    private final String title;
    private final List<Problem.FieldError> errors;
    private final Long retryAfterSeconds;

    public ProblemException(int status, String title, String detail) {
        this(status, title, detail, List.of(), null);
    }

    public ProblemException(int status, String title, String detail, List<Problem.FieldError> errors,
            Long retryAfterSeconds) {
        this("about:blank", status, title, detail, errors, retryAfterSeconds);
    }

    public ProblemException(String type, int status, String title, String detail, List<Problem.FieldError> errors,
            Long retryAfterSeconds) {
        super(detail);
        this.type = type;
        this.status = status;
        this.title = title;
        this.errors = List.copyOf(errors);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** @return a 404 for a resource that does not exist (or that the caller may not see) */
    public static ProblemException notFound(String what, Object id) {
        return new ProblemException(NOT_FOUND, 404, "Not found", what + " " + id + " does not exist", List.of(),
                null);
    }

    /** @return a 400 naming one invalid field */
    public static ProblemException invalidField(String field, String message) {
        return invalid(List.of(new Problem.FieldError(field, message)));
    }

    /** @return a 400 naming every invalid field */
    public static ProblemException invalid(List<Problem.FieldError> errors) {
        String detail = errors.stream().map(f -> f.field() + ": " + f.message())
                .collect(java.util.stream.Collectors.joining("; "));
        return new ProblemException(INVALID_REQUEST, 400, "Invalid request", detail, errors, null);
    }

    /** @return a 409 for a request the resource's current state does not allow */
    public static ProblemException conflict(String detail) {
        return new ProblemException(CONFLICT, 409, "Conflict", detail, List.of(), null);
    }

    /** @return the problem type URI */
    public String type() {
        return type;
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
