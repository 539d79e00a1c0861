package io.newshound.platform.problem;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 9457 problem detail, the body of every error response of a Newshound service.
 *
 * @param type
 *            a URI naming the kind of problem ({@code about:blank} when the status says it all)
 * @param title
 *            a short summary of the kind of problem
 * @param status
 *            the HTTP status
 * @param detail
 *            what went wrong with this request, for a human
 * @param instance
 *            the request path
 * @param errors
 *            the fields at fault, when the request body was invalid
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String instance,
        List<FieldError> errors) {

    /** The media type of a problem body. */
    public static final String MEDIA_TYPE = "application/problem+json";

    /**
     * One invalid field.
     *
     * @param field
     *            a JSON path such as {@code title} or {@code items[3].url}
     * @param message
     *            what is wrong with it
     */
    public record FieldError(String field, String message) {
    }
}
