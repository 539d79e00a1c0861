package io.newshound.alert.endpoint;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.newshound.alert.access.Role;
import io.newshound.platform.problem.Problem.FieldError;
import io.newshound.platform.problem.ProblemException;

/** Webhook endpoints: the targets of subscriptions, their secrets, health and replays. */
@Path("/api/v1/endpoints")
@RolesAllowed(Role.TENANT)
@Produces(MediaType.APPLICATION_JSON)
public class EndpointResource {

    private final EndpointService endpoints;
    private final DeliveryService deliveries;

    public EndpointResource(EndpointService endpoints, DeliveryService deliveries) {
        this.endpoints = endpoints;
        this.deliveries = deliveries;
    }

    @GET
    public List<EndpointView> list() {
        return endpoints.list();
    }

    @GET
    @Path("/{id}")
    public EndpointView get(@PathParam("id") UUID id) {
        return endpoints.get(id);
    }

    /** Issues a new signing secret; the old one keeps signing too during the configured overlap. */
    @POST
    @Path("/{id}/rotate-secret")
    public RotatedSecret rotateSecret(@PathParam("id") UUID id) {
        return endpoints.rotateSecret(id);
    }

    /**
     * Re-enables an endpoint disabled by a 410 or by failing for too long, and lifts a throttle; its pending deliveries
     * go out at once.
     */
    @POST
    @Path("/{id}/enable")
    public EndpointView enable(@PathParam("id") UUID id) {
        return endpoints.enable(id);
    }

    /** Sets the endpoint's own request rate ({@code {"perSecond": 5}}), or the default again with null. */
    @PUT
    @Path("/{id}/rate-limit")
    @Consumes(MediaType.APPLICATION_JSON)
    public EndpointView setRateLimit(@PathParam("id") UUID id, RateLimitRequest request) {
        return endpoints.setRateLimit(id, request);
    }

    /** What happened to the endpoint that its owner should know (disabled and why, enabled), newest first. */
    @GET
    @Path("/{id}/events")
    public List<EndpointEvent> events(@PathParam("id") UUID id) {
        return endpoints.events(id);
    }

    /** Success rate, latency, last error and backlog of an endpoint over the last {@code hours} (default 24). */
    @GET
    @Path("/{id}/health")
    public EndpointHealth health(@PathParam("id") UUID id, @QueryParam("hours") String hours) {
        int h;
        try {
            h = hours == null || hours.isBlank() ? 24 : Integer.parseInt(hours.trim());
        } catch (NumberFormatException e) {
            h = -1;
        }
        if (h < 1 || h > 24 * 90) {
            throw ProblemException.invalid(List.of(new FieldError("hours", "must be between 1 and 2160")));
        }
        return endpoints.health(id, Duration.ofHours(h));
    }

    /**
     * Sends finished deliveries again (all dead ones, everything since a time, or since an alert), keeping their
     * webhook-id.
     */
    @POST
    @Path("/{id}/replay")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response replay(@PathParam("id") UUID id, ReplayRequest request) {
        return Response.accepted(Map.of("replayed", deliveries.replay(id, request))).build();
    }
}
