package io.newshound.platform.problem;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import io.quarkus.logging.Log;

/**
 * Turns every failure of an HTTP request into an RFC 9457 {@code application/problem+json} response: validation errors
 * name the field, malformed JSON names where it broke, and nothing unexpected leaks a stack trace.
 */
public class ProblemMappers {

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        Response.ResponseBuilder r = respond(new Problem(e.type(), e.title(), e.status(), e.getMessage(),
                path(uri), e.errors()));
        if (e.retryAfterSeconds() != null) {
            r.header("Retry-After", e.retryAfterSeconds());
        }
        return r.build();
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e, UriInfo uri) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(field(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        String detail = errors.stream().map(f -> f.field() + ": " + f.message()).collect(Collectors.joining("; "));
        return respond(new Problem(ProblemException.INVALID_REQUEST, "Invalid request", 400, detail, path(uri),
                errors)).build();
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException e, UriInfo uri) {
        String field = e instanceof JsonMappingException m ? jsonPath(m) : "";
        if (e instanceof UnrecognizedPropertyException) {
            // a typo such as "langauges" would otherwise be dropped silently and its default applied
            return respond(new Problem(ProblemException.INVALID_REQUEST, "Invalid request body", 400,
                    "Unknown field " + field, path(uri),
                    List.of(new Problem.FieldError(field, "is not a known field"))))
                    .build();
        }
        String reason = e instanceof JsonParseException ? "Malformed JSON" : "Unreadable JSON value";
        String detail = reason + (field.isEmpty() ? "" : " at " + field) + ": " + e.getOriginalMessage();
        List<Problem.FieldError> errors = field.isEmpty()
                ? List.of()
                : List.of(new Problem.FieldError(field, e.getOriginalMessage()));
        return respond(new Problem(ProblemException.INVALID_REQUEST, "Invalid request body", 400, detail, path(uri),
                errors)).build();
    }

    /** Quarkus maps this subtype itself (without a problem document); this mapper takes precedence. */
    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER - 100)
    public Response mismatchedJson(com.fasterxml.jackson.databind.exc.MismatchedInputException e, UriInfo uri) {
        return malformedJson(e, uri);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return malformedJson(json, uri);
        }
        int status = e.getResponse().getStatus();
        if (status == 404) {
            return respond(new Problem(ProblemException.NOT_FOUND, "Not found", 404, "No resource at " + path(uri),
                    path(uri), List.of())).build();
        }
        Response.StatusType type = Response.Status.fromStatusCode(status);
        String title = type != null ? type.getReasonPhrase() : "HTTP " + status;
        String detail = e.getMessage() != null ? e.getMessage() : title;
        Response.ResponseBuilder r = respond(new Problem("about:blank", title, status, detail, path(uri), List.of()));
        e.getResponse().getHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Content-Type") && !name.equalsIgnoreCase("Content-Length")) {
                values.forEach(v -> r.header(name, v));
            }
        });
        return r.build();
    }

    @ServerExceptionMapper({io.quarkus.security.UnauthorizedException.class,
            io.quarkus.security.AuthenticationFailedException.class})
    public Response unauthenticated(Exception e, UriInfo uri) {
        return respond(new Problem("about:blank", "Unauthorized", 401,
                "A valid API key is required (header X-Api-Key or Authorization: Bearer)", path(uri), List.of()))
                .header("WWW-Authenticate", "Bearer realm=\"newshound\"").build();
    }

    @ServerExceptionMapper
    public Response forbidden(io.quarkus.security.ForbiddenException e, UriInfo uri) {
        return respond(new Problem("about:blank", "Forbidden", 403, "This API key lacks the role this operation needs",
                path(uri), List.of())).build();
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e, UriInfo uri) {
        Log.errorf(e, "Unexpected failure on %s", path(uri));
        return respond(new Problem("about:blank", "Internal error", 500,
                "The request could not be processed; it has been logged", path(uri), List.of())).build();
    }

    private static Response.ResponseBuilder respond(Problem p) {
        return Response.status(p.status()).type(Problem.MEDIA_TYPE).entity(p);
    }

    private static String path(UriInfo uri) {
        return uri == null ? null : uri.getRequestUri().getRawPath();
    }

    private static String field(ConstraintViolation<?> v) {
        StringBuilder sb = new StringBuilder();
        for (Path.Node node : v.getPropertyPath()) {
            if (node.getKind() == ElementKind.METHOD || node.getKind() == ElementKind.PARAMETER
                    || node.getKind() == ElementKind.RETURN_VALUE) {
                continue;
            }
            if (node.getIndex() != null && sb.length() > 0) {
                sb.append('[').append(node.getIndex()).append(']');
            }
            if (node.getName() != null) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(node.getName());
            }
        }
        return sb.length() == 0 ? "body" : sb.toString();
    }

    private static String jsonPath(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }
}
