package io.newshound.classifier.problem;

import java.net.URI;
import java.util.Comparator;
import java.util.List;

import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;

import io.newshound.classifier.problem.Problem.FieldError;
import io.newshound.classifier.taxonomy.TaxonomyException;

/** Turns request failures into {@code application/problem+json} responses instead of bare errors. */
public class ProblemMappers {

    static final URI VALIDATION = URI.create("https://newshound.io/problems/validation");
    static final URI MALFORMED = URI.create("https://newshound.io/problems/malformed-request");
    static final URI INVALID_TAXONOMY = URI.create("https://newshound.io/problems/invalid-taxonomy");

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e, UriInfo uri) {
        List<FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new FieldError(field(v.getPropertyPath().toString()), v.getMessage()))
                .sorted(Comparator.comparing(FieldError::field)).toList();
        return new Problem(VALIDATION, "Request is not valid", 400, "The request has " + errors.size()
                + " invalid field(s).", instance(uri), errors).toResponse();
    }

    @ServerExceptionMapper
    public Response malformed(JsonProcessingException e, UriInfo uri) {
        List<FieldError> errors = null;
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            StringBuilder path = new StringBuilder();
            for (var ref : m.getPath()) {
                path.append(ref.getFieldName() != null
                        ? (path.isEmpty() ? "" : ".") + ref.getFieldName()
                        : "[" + ref.getIndex() + "]");
            }
            errors = List.of(new FieldError(path.toString(), "has the wrong type"));
        }
        return new Problem(MALFORMED, "Request body is not valid JSON of the expected shape", 400,
                e.getOriginalMessage(), instance(uri), errors).toResponse();
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return null;
        }
        Throwable cause = e.getCause();
        if (cause instanceof JsonProcessingException json) {
            return malformed(json, uri);
        }
        return new Problem(MALFORMED, e.getResponse().getStatusInfo().getReasonPhrase(), status, e.getMessage(),
                instance(uri), null).toResponse();
    }

    @ServerExceptionMapper
    public Response invalidTaxonomy(TaxonomyException e, UriInfo uri) {
        List<FieldError> errors = e.violations().stream().map(v -> new FieldError(v.field(), v.message()))
                .toList();
        return new Problem(INVALID_TAXONOMY, "Taxonomy rejected; the previous taxonomy keeps serving", 422,
                e.getMessage(), instance(uri), errors).toResponse();
    }

    private static URI instance(UriInfo uri) {
        return URI.create(uri.getPath());
    }

    /** Drops the method and parameter names Hibernate Validator puts in front ({@code classify.request.title}). */
    private static String field(String path) {
        String[] parts = path.split("\\.");
        if (parts.length <= 2) {
            return parts[parts.length - 1];
        }
        return String.join(".", java.util.Arrays.copyOfRange(parts, 2, parts.length));
    }
}
