package io.newshound.alert.console;

import java.net.URI;
import java.time.Duration;
import java.util.UUID;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.newshound.alert.endpoint.DeliveryService;
import io.newshound.alert.endpoint.EndpointHealth;
import io.newshound.alert.endpoint.EndpointService;
import io.newshound.alert.endpoint.ReplayRequest;
import io.newshound.alert.endpoint.RotatedSecret;
import io.newshound.alert.subscription.SubscriptionService;
import io.newshound.alert.subscription.SubscriptionView;
import io.newshound.platform.problem.ProblemException;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;

/**
 * A subscription's deliveries: the log with status and attempts, its endpoint's health, replaying one delivery or a
 * range, and rotating the endpoint's signing secret. (The service has no test event, so the console offers none.)
 */
@Path(ConsoleSessionMechanism.PATH + "/subscriptions/{id}/deliveries")
public class DeliveryPages {

    /** Deliveries the log shows, newest first. */
    static final int SHOWN = 100;
    /** How far back the endpoint's health statistics reach. */
    static final Duration HEALTH_WINDOW = Duration.ofHours(24);

    private final ConsoleUser user;
    private final SubscriptionService subscriptions;
    private final DeliveryService deliveries;
    private final EndpointService endpoints;
    private final ErrorPages errors;
    private final Template page;

    public DeliveryPages(ConsoleUser user, SubscriptionService subscriptions, DeliveryService deliveries,
            EndpointService endpoints, ErrorPages errors, @Location("console/deliveries.html") Template page) {
        this.user = user;
        this.subscriptions = subscriptions;
        this.deliveries = deliveries;
        this.endpoints = endpoints;
        this.errors = errors;
        this.page = page;
    }

    @ServerExceptionMapper
    public Response problem(ProblemException e, HttpHeaders headers, UriInfo uri) {
        return errors.problem(e, headers, uri);
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Response log(@PathParam("id") UUID id, @QueryParam("replayed") Integer replayed) {
        ConsoleUser.View me = user.require();
        return render(me, id, replayed == null
                ? null
                : replayed + " deliver" + (replayed == 1 ? "y" : "ies")
                        + " scheduled again.",
                null);
    }

    @POST
    @Path("/{deliveryId}/replay")
    @Operation(hidden = true)
    public Response replayOne(@PathParam("id") UUID id, @PathParam("deliveryId") UUID deliveryId,
            @RestForm("_csrf") String csrf) {
        user.requireForm(csrf);
        UUID endpoint = subscriptions.endpointOf(id);
        if (!deliveries.get(deliveryId).delivery().endpointId().equals(endpoint)) {
            throw ProblemException.notFound("Delivery", deliveryId);
        }
        deliveries.replay(deliveryId);
        return back(id, 1);
    }

    @POST
    @Path("/replay")
    @Operation(hidden = true)
    public Response replayRange(@PathParam("id") UUID id, @RestForm("_csrf") String csrf,
            @RestForm("status") String status, @RestForm("since") String since) {
        ConsoleUser.View me = user.requireForm(csrf);
        try {
            int n = deliveries.replay(subscriptions.endpointOf(id),
                    new ReplayRequest(blankToNull(status), blankToNull(since), null));
            return back(id, n);
        } catch (ProblemException e) {
            if (e.status() != 400) {
                throw e;
            }
            return render(me, id, null, e.getMessage());
        }
    }

    @POST
    @Path("/rotate-secret")
    @Operation(hidden = true)
    public Response rotateSecret(@PathParam("id") UUID id, @RestForm("_csrf") String csrf) {
        ConsoleUser.View me = user.requireForm(csrf);
        RotatedSecret rotated = endpoints.rotateSecret(subscriptions.endpointOf(id));
        // answered directly, never through a redirect: the secret must not travel in a URL
        return render(me, id, null, null, rotated);
    }

    private Response render(ConsoleUser.View me, UUID id, String notice, String problem) {
        return render(me, id, notice, problem, null);
    }

    private Response render(ConsoleUser.View me, UUID id, String notice, String problem, RotatedSecret rotated) {
        SubscriptionView s = subscriptions.get(id);
        EndpointHealth health = endpoints.health(s.endpointId(), HEALTH_WINDOW);
        String body = page.data("user", me).data("subscription", s)
                .data("deliveries",
                        deliveries.list(null, s.endpointId().toString(), null, null, Integer.toString(SHOWN)))
                .data("endpoint", endpoints.get(s.endpointId()))
                .data("health", health)
                .data("successRate", health.successRate() == null
                        ? null
                        : Math.round(health.successRate() * 100) + "%")
                .data("notice", notice).data("problem", problem).data("rotated", rotated).render();
        return Response.status(problem == null ? 200 : 400).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(body).build();
    }

    private static Response back(UUID id, int replayed) {
        return Response.seeOther(URI.create(ConsoleSessionMechanism.PATH + "/subscriptions/" + id
                + "/deliveries?replayed=" + replayed)).build();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
