package io.newshound.alert.subscription;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.JsonNode;

import io.newshound.alert.access.Role;
import io.newshound.alert.endpoint.EndpointService;
import io.newshound.alert.endpoint.RotatedSecret;

/** Subscriptions: what a subscriber wants (topics, keywords, languages, sources) and the webhook that receives it. */
@Path("/api/v1/subscriptions")
@Tag(name = "Subscriptions")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.TENANT)
public class SubscriptionResource {

    /** Media type of a JSON merge patch (RFC 7396); plain JSON is accepted too. */
    static final String MERGE_PATCH = "application/merge-patch+json";

    private final SubscriptionService subscriptions;
    private final EndpointService endpoints;

    public SubscriptionResource(SubscriptionService subscriptions, EndpointService endpoints) {
        this.subscriptions = subscriptions;
        this.endpoints = endpoints;
    }

    /** Creates a subscription; the response is the only one that shows the webhook signing secret. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a subscription", description = "Topics and/or a keyword query; the signing secret "
            + "is in this response only. 400 names each invalid field (an unparsable query with the position); "
            + "409 when the tenant is at its subscription limit.")
    @APIResponse(responseCode = "201", description = "Created, with the secret")
    public Response create(CreateSubscriptionRequest request) {
        SubscriptionView created = subscriptions.create(request);
        return Response.created(URI.create("/api/v1/subscriptions/" + created.id())).entity(created).build();
    }

    /** Lists the caller's active subscriptions. */
    @GET
    @Operation(summary = "List the caller's active subscriptions (an admin sees every tenant's)")
    public List<SubscriptionView> list() {
        return subscriptions.list();
    }

    /** Shows one active subscription. */
    @GET
    @Path("/{id}")
    @Operation(summary = "One subscription, with every field but the secret")
    public SubscriptionView get(@PathParam("id") UUID id) {
        return subscriptions.get(id);
    }

    /** Replaces every setting of a subscription but its webhook. */
    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace a subscription's settings", description = "Every field of the body; absent "
            + "optional fields are cleared. Takes effect on every replica within a second.")
    public SubscriptionView replace(@PathParam("id") UUID id, SubscriptionSettings settings) {
        return subscriptions.replace(id, settings);
    }

    /** Changes some settings of a subscription (JSON merge patch). */
    @PATCH
    @Path("/{id}")
    @Consumes({MERGE_PATCH, MediaType.APPLICATION_JSON})
    @Operation(summary = "Change some settings of a subscription", description = "JSON merge patch: fields present "
            + "replace, null clears, absent stay. E.g. {\"paused\": true}.")
    @RequestBody(content = @Content(schema = @Schema(implementation = SubscriptionSettings.class)))
    public SubscriptionView patch(@PathParam("id") UUID id, JsonNode patch) {
        return subscriptions.patch(id, patch);
    }

    /** Rotates the signing secret of the subscription's webhook endpoint. */
    @POST
    @Path("/{id}/rotate-secret")
    @Operation(summary = "Rotate the signing secret of the subscription's endpoint")
    public RotatedSecret rotateSecret(@PathParam("id") UUID id) {
        return endpoints.rotateSecret(subscriptions.endpointOf(id));
    }

    /** Deletes a subscription and cancels its pending deliveries. */
    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a subscription", description = "Stops matching at once; pending deliveries are "
            + "cancelled, alerts and the delivery log stay.")
    public Response delete(@PathParam("id") UUID id) {
        subscriptions.delete(id);
        return Response.noContent().build();
    }
}
