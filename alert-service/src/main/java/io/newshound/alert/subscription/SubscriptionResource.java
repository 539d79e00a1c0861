package io.newshound.alert.subscription;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.newshound.alert.delivery.webhook.EndpointService;
import io.newshound.alert.delivery.webhook.RotatedSecret;

/** Subscriptions: which topics a subscriber wants, and the webhook that receives the alerts. */
@Path("/api/v1/subscriptions")
@Produces(MediaType.APPLICATION_JSON)
public class SubscriptionResource {

    private final SubscriptionService subscriptions;
    private final EndpointService endpoints;

    public SubscriptionResource(SubscriptionService subscriptions, EndpointService endpoints) {
        this.subscriptions = subscriptions;
        this.endpoints = endpoints;
    }

    /** Creates a subscription; the response is the only one that shows the webhook signing secret. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(CreateSubscriptionRequest request) {
        SubscriptionView created = subscriptions.create(request);
        return Response.created(URI.create("/api/v1/subscriptions/" + created.id())).entity(created).build();
    }

    /** Lists active subscriptions. */
    @GET
    public List<SubscriptionView> list() {
        return subscriptions.list();
    }

    /** Shows one active subscription. */
    @GET
    @Path("/{id}")
    public SubscriptionView get(@PathParam("id") UUID id) {
        return subscriptions.get(id);
    }

    /** Rotates the signing secret of the subscription's webhook endpoint. */
    @POST
    @Path("/{id}/rotate-secret")
    public RotatedSecret rotateSecret(@PathParam("id") UUID id) {
        return endpoints.rotateSecret(subscriptions.endpointOf(id));
    }

    /** Deletes a subscription and cancels its pending deliveries. */
    @DELETE
    @Path("/{id}")
    public Response delete(@PathParam("id") UUID id) {
        subscriptions.delete(id);
        return Response.noContent().build();
    }
}
