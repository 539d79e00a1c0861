package io.newshound.classifier.problem;

import java.net.URI;
import java.util.List;

import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 9457 problem document, with the offending fields when there are any.
 *
 * @param type
 *            URI naming the kind of problem
 * @param title
 *            short summary of the kind
 * @param status
 *            HTTP status
 * @param detail
 *            what went wrong this time
 * @param instance
 *            the request path
 * @param errors
 *            field-level errors
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(URI type, String title, int status, String detail, URI instance, List<FieldError> errors) {

    /** Media type of problem documents. */
    public static final String MEDIA_TYPE = "application/problem+json";

    /** One offending field and what is wrong with it. */
    public record FieldError(String field, String message) {
    }

    /** @return a response carrying this problem */
    public Response toResponse() {
        return Response.status(status).type(MEDIA_TYPE).entity(this).build();
    }
}
