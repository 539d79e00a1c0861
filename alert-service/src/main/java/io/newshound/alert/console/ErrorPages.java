package io.newshound.alert.console;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.newshound.platform.problem.Problem;
import io.newshound.platform.problem.ProblemException;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;

/**
 * How the console answers what went wrong: a browser (asking for HTML) gets a page, anything else an RFC 9457 problem
 * document.
 */
@ApplicationScoped
public class ErrorPages {

    private final Template error;
    private final ObjectMapper mapper;

    public ErrorPages(@Location("console/error.html") Template error, ObjectMapper mapper) {
        this.error = error;
        this.mapper = mapper;
    }

    /** A service's problem, for a console resource's own exception mapper. */
    public Response problem(ProblemException e, HttpHeaders headers, UriInfo uri) {
        return respond(e.status(), e.title(), e.getMessage(), headers, uri);
    }

    /** @return a page or a problem document with that status */
    public Response respond(int status, String title, String detail, HttpHeaders headers, UriInfo uri) {
        boolean browser = headers.getAcceptableMediaTypes().stream()
                .anyMatch(m -> m.isCompatible(MediaType.TEXT_HTML_TYPE) && !m.isWildcardType());
        if (browser) {
            return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                    .entity(error.data("status", status).data("title", title).data("detail", detail)
                            .data("user", null).render())
                    .build();
        }
        try {
            // written here, so the body does not depend on which writers the resource method's @Produces selects
            return Response.status(status).type(Problem.MEDIA_TYPE).entity(mapper.writeValueAsString(
                    new Problem("about:blank", title, status, detail, uri.getPath(), List.of()))).build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
