package io.newshound.alert.console;

import java.net.URI;
import java.util.Optional;

import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestForm;

import io.newshound.alert.tenant.TenantKeys;
import io.quarkus.logging.Log;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;

/**
 * Signing in and out of the console. A tenant's API key is exchanged for a server-side session whose token travels in
 * an HttpOnly, SameSite=Strict cookie; the key itself is never stored in the browser, in a URL or in a log.
 */
@Path(ConsoleSessionMechanism.PATH)
public class SignInResource {

    /** The sign-in form's CSRF cookie: a form posted from another site cannot know its value. */
    static final String LOGIN_CSRF_COOKIE = "newshound_console_login";

    private final ConsoleSessions sessions;
    private final TenantKeys keys;
    private final ConsoleUser user;
    private final ConsoleConfig config;
    private final Template login;

    public SignInResource(ConsoleSessions sessions, TenantKeys keys, ConsoleUser user, ConsoleConfig config,
            @Location("console/login.html") Template login) {
        this.sessions = sessions;
        this.keys = keys;
        this.user = user;
        this.config = config;
        this.login = login;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Response home() {
        return Response.seeOther(URI.create(ConsoleSessionMechanism.PATH + "/feed")).build();
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Path("/login")
    @Operation(hidden = true)
    public Response form(@Context UriInfo uri) {
        if (user.session().isPresent()) {
            return home();
        }
        return loginPage(200, null, uri);
    }

    @POST
    @Path("/login")
    @Operation(hidden = true)
    public Response signIn(@RestForm("key") String key, @RestForm("_csrf") String csrf,
            @CookieParam(LOGIN_CSRF_COOKIE) String csrfCookie, @Context UriInfo uri) {
        if (csrf == null || csrfCookie == null || !java.security.MessageDigest.isEqual(csrf.getBytes(),
                csrfCookie.getBytes())) {
            throw new ConsoleUser.CsrfRefused();
        }
        Optional<TenantKeys.Caller> caller = key == null || key.isBlank()
                ? Optional.empty()
                : keys.authenticate(key.strip());
        if (caller.isEmpty()) {
            Log.info("Console sign-in refused: unknown or revoked key");
            return loginPage(401, "That key is not valid. Check it was copied whole, and that it was not revoked.",
                    uri);
        }
        ConsoleSessions.Started started = sessions.start(caller.get().tenantId(), caller.get().admin(),
                caller.get().keyId());
        return Response.seeOther(URI.create(ConsoleSessionMechanism.PATH + "/feed"))
                .cookie(sessionCookie(started.token(), uri, false), loginCsrfCookie("", uri, true)).build();
    }

    @POST
    @Path("/logout")
    @Operation(hidden = true)
    public Response signOut(@RestForm("_csrf") String csrf,
            @CookieParam(ConsoleSessionMechanism.COOKIE) String token, @Context UriInfo uri) {
        user.requireForm(csrf);
        sessions.end(token);
        return Response.seeOther(URI.create(ConsoleSessionMechanism.PATH + "/login"))
                .cookie(sessionCookie("", uri, true)).build();
    }

    private Response loginPage(int status, String error, UriInfo uri) {
        String csrf = ConsoleSessions.randomToken();
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(login.data("csrf", csrf).data("error", error).data("user", null).render())
                .cookie(loginCsrfCookie(csrf, uri, false)).build();
    }

    private NewCookie sessionCookie(String value, UriInfo uri, boolean expire) {
        return cookie(ConsoleSessionMechanism.COOKIE, value, ConsoleSessionMechanism.PATH, uri, expire);
    }

    private NewCookie loginCsrfCookie(String value, UriInfo uri, boolean expire) {
        return cookie(LOGIN_CSRF_COOKIE, value, ConsoleSessionMechanism.PATH + "/login", uri, expire);
    }

    private NewCookie cookie(String name, String value, String path, UriInfo uri, boolean expire) {
        boolean secure = config.secureCookie().orElse("https".equalsIgnoreCase(uri.getRequestUri().getScheme()));
        NewCookie.Builder b = new NewCookie.Builder(name).value(value).path(path).httpOnly(true).secure(secure)
                .sameSite(NewCookie.SameSite.STRICT);
        if (expire) {
            b.maxAge(0);
        }
        return b.build();
    }
}
