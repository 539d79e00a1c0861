package io.newshound.alert.endpoint;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.newshound.alert.access.Role;

/** The delivery log: what was sent where, every attempt, and replays. */
@Path("/api/v1/deliveries")
@RolesAllowed(Role.TENANT)
@Produces(MediaType.APPLICATION_JSON)
public class DeliveryResource {

    private final DeliveryService deliveries;

    public DeliveryResource(DeliveryService deliveries) {
        this.deliveries = deliveries;
    }

    /** Lists deliveries newest first, filtered by status, endpoint and creation time. */
    @GET
    public List<DeliveryView> list(@QueryParam("status") String status, @QueryParam("endpointId") String endpointId,
            @QueryParam("since") String since, @QueryParam("until") String until,
            @QueryParam("limit") String limit) {
        return deliveries.list(status, endpointId, since, until, limit);
    }

    /** Shows one delivery with its attempts and the exact body sent. */
    @GET
    @Path("/{id}")
    public DeliveryDetail get(@PathParam("id") UUID id) {
        return deliveries.get(id);
    }

    /**
     * Sends again the finished deliveries of all enabled endpoints matching the body ({@code since} and/or
     * {@code status}), keeping their webhook-ids.
     */
    @POST
    @Path("/replay")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response replayAll(ReplayRequest request) {
        return Response.accepted(Map.of("replayed", deliveries.replayAll(request))).build();
    }

    /** Sends one delivery again now, keeping its {@code webhook-id}. */
    @POST
    @Path("/{id}/replay")
    public Response replay(@PathParam("id") UUID id) {
        return Response.accepted(deliveries.replay(id)).build();
    }
}
