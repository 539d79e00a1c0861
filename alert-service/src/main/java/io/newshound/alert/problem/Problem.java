package io.newshound.alert.problem;

import java.net.URI;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 9457 problem detail, served as {@code application/problem+json}.
 *
 * @param errors
 *            the offending fields of a request body, when the problem is invalid input
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(URI type, String title, int status, String detail, String instance, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** One invalid field of a request: a JSON path such as {@code topics[2]} and what is wrong with it. */
    public record FieldError(String field, String message) {
    }
}
