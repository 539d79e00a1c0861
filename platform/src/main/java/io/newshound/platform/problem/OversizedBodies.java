package io.newshound.platform.problem;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Answers a request whose declared body exceeds {@code quarkus.http.limits.max-body-size} with a 413 problem document,
 * after reading (and discarding) the upload. The built-in check answers 413 with no body and closes the connection
 * while the client is still sending, which most clients report as a connection reset, not as a readable answer.
 *
 * <p>
 * Discarding costs bandwidth, so it has a ceiling: a body declared over {@value #DRAIN_FACTOR} times the limit is not
 * read, and gets the problem document on a closing connection instead. Bodies sent without {@code Content-Length}
 * (chunked) are left to the built-in limit, which stops reading them once they pass it.
 */
@ApplicationScoped
public class OversizedBodies {

    /** Runs just before the built-in limit ({@code RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT}, -2). */
    static final int ORDER = -3;
    static final int DRAIN_FACTOR = 4;

    private final Optional<MemorySize> limit;
    private final ObjectMapper json;

    public OversizedBodies(@ConfigProperty(name = "quarkus.http.limits.max-body-size") Optional<MemorySize> limit,
            ObjectMapper json) {
        this.limit = limit;
        this.json = json;
    }

    void register(@Observes Router router) {
        if (limit.isEmpty()) {
            return;
        }
        long max = limit.get().asLongValue();
        router.route().order(ORDER).handler(rc -> check(rc, max));
    }

    private void check(RoutingContext rc, long max) {
        HttpServerRequest request = rc.request();
        long declared;
        try {
            String header = request.getHeader(HttpHeaders.CONTENT_LENGTH);
            declared = header == null ? -1 : Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            declared = -1;
        }
        if (declared <= max) {
            rc.next();
            return;
        }
        byte[] body = problem(request, declared, max);
        if (declared > max * DRAIN_FACTOR || request.isEnded()) {
            respond(rc, body, true);
            return;
        }
        request.handler(ignored -> {
        });
        request.exceptionHandler(e -> rc.response().reset());
        request.endHandler(v -> respond(rc, body, false));
        request.resume();
    }

    private byte[] problem(HttpServerRequest request, long declared, long max) {
        Problem p = new Problem("about:blank", "Payload too large", 413,
                "The request body of " + declared + " bytes exceeds the limit of " + max + " bytes", request.path(),
                List.of());
        try {
            return json.writeValueAsBytes(p);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void respond(RoutingContext rc, byte[] body, boolean close) {
        if (rc.response().ended()) {
            return;
        }
        rc.response().setStatusCode(413).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE);
        if (close) {
            rc.response().putHeader(HttpHeaders.CONNECTION, "close");
        }
        rc.response().end(io.vertx.core.buffer.Buffer.buffer(body));
    }
}
