package io.newshound.alert.problem;

import java.net.URI;
import java.util.List;

/** Ends a request with an RFC 9457 problem response. */
public class ProblemException extends RuntimeException {

    private final URI type;
    private final String title;
    private final int status;
    private final List<Problem.FieldError> errors;

    public ProblemException(URI type, String title, int status, String detail, List<Problem.FieldError> errors) {
        super(detail);
        this.type = type;
        this.title = title;
        this.status = status;
        this.errors = List.copyOf(errors);
    }

    /** @return a 400 naming every invalid field */
    public static ProblemException invalid(List<Problem.FieldError> errors) {
        return new ProblemException(URI.create("https://newshound.io/problems/invalid-request"), "Invalid request", 400,
                "The request body has " + errors.size() + " invalid field(s).", errors);
    }

    /** @return a 404 for a resource that does not exist (or no longer exists) */
    public static ProblemException notFound(String what, Object id) {
        return new ProblemException(URI.create("https://newshound.io/problems/not-found"), "Not found", 404,
                what + " " + id + " does not exist.", List.of());
    }

    /** @return a 409 for a request the resource's current state does not allow */
    public static ProblemException conflict(String detail) {
        return new ProblemException(URI.create("https://newshound.io/problems/conflict"), "Conflict", 409, detail,
                List.of());
    }

    /** @return the problem, located at the given request path */
    public Problem toProblem(String instance) {
        return new Problem(type, title, status, getMessage(), instance, errors);
    }

    public int status() {
        return status;
    }
}
