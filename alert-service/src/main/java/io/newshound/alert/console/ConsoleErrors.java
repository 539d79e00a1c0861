package io.newshound.alert.console;

import java.net.URI;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Maps the console's own refusals: to the sign-in form, 403 for a missing CSRF token, 404 for admin-only pages. */
public class ConsoleErrors {

    private final ErrorPages pages;

    public ConsoleErrors(ErrorPages pages) {
        this.pages = pages;
    }

    @ServerExceptionMapper
    public Response signIn(ConsoleUser.SignInRequired e) {
        return Response.seeOther(URI.create(ConsoleSessionMechanism.PATH + "/login")).build();
    }

    @ServerExceptionMapper
    public Response csrf(ConsoleUser.CsrfRefused e, HttpHeaders headers, UriInfo uri) {
        return pages.respond(403, "Forbidden", e.getMessage(), headers, uri);
    }

    @ServerExceptionMapper
    public Response adminOnly(ConsoleUser.AdminOnly e, HttpHeaders headers, UriInfo uri) {
        return pages.respond(404, "Not found", "No page at " + uri.getPath(), headers, uri);
    }
}
