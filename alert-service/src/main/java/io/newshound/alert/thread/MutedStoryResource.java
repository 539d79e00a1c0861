package io.newshound.alert.thread;

import java.util.List;
import java.util.UUID;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Muting a story for a subscription: no alert and no update about it until it is unmuted. */
@Path("/api/v1/subscriptions/{id}/muted-stories")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Subscriptions")
public class MutedStoryResource {

    private final MutedStories muted;

    public MutedStoryResource(MutedStories muted) {
        this.muted = muted;
    }

    /** Lists the subscription's muted stories. */
    @GET
    @Operation(summary = "The subscription's muted stories")
    @APIResponse(responseCode = "404", description = "No such subscription for the caller's tenant")
    public List<MutedStories.Muted> list(@PathParam("id") UUID id) {
        return muted.list(id);
    }

    /** Mutes a story for the subscription. */
    @POST
    @Path("/{storyId}")
    @Operation(summary = "Mute a story: it raises neither alerts nor updates for this subscription")
    @APIResponse(responseCode = "204", description = "Muted (also when it already was)")
    @APIResponse(responseCode = "404", description = "No such subscription for the caller's tenant, or no such story")
    public Response mute(@PathParam("id") UUID id, @PathParam("storyId") UUID storyId) {
        muted.mute(id, storyId);
        return Response.noContent().build();
    }

    /** Unmutes a story for the subscription. */
    @DELETE
    @Path("/{storyId}")
    @Operation(summary = "Unmute a story: its later articles raise alerts and updates again")
    @APIResponse(responseCode = "204", description = "Not muted (also when it was not)")
    @APIResponse(responseCode = "404", description = "No such subscription for the caller's tenant")
    public Response unmute(@PathParam("id") UUID id, @PathParam("storyId") UUID storyId) {
        muted.unmute(id, storyId);
        return Response.noContent().build();
    }
}
