package io.newshound.ingest.feed;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.newshound.ingest.access.Role;
import io.newshound.platform.problem.ProblemException;

/** Operators register the RSS and Atom feeds the service polls for articles, and watch their health. */
@Path("/api/v1/feeds")
@Tag(name = "Feeds")
@Produces(MediaType.APPLICATION_JSON)
public class FeedResource {

    private final FeedRegistry registry;
    private final FeedPoller poller;

    public FeedResource(FeedRegistry registry, FeedPoller poller) {
        this.registry = registry;
        this.poller = poller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.INGEST)
    @Operation(summary = "Register a feed", description = "The URL is stored in canonical form and polled at once, "
            + "then every pollIntervalSeconds. 409 when the same canonical URL is already registered.")
    public Response register(@Valid @NotNull FeedRegistration registration) {
        FeedView feed = registry.register(registration);
        return Response.created(URI.create("/api/v1/feeds/" + feed.id())).entity(feed).build();
    }

    @GET
    @RolesAllowed({Role.READ, Role.INGEST})
    @Operation(summary = "List registered feeds with their health", description = "Oldest registration first.")
    public List<FeedView> list() {
        return registry.list();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Role.READ, Role.INGEST})
    @Operation(summary = "Read a feed with its health", description = "Last poll, last success, last error, item "
            + "counts, consecutive failures, next poll and the cache validators.")
    public FeedView get(@PathParam("id") UUID id) {
        return registry.find(id).orElseThrow(() -> ProblemException.notFound("Feed", id));
    }

    @POST
    @Path("/{id}/pause")
    @RolesAllowed(Role.INGEST)
    @Operation(summary = "Pause polling a feed", description = "The optional reason is shown with the feed.")
    public FeedView pause(@PathParam("id") UUID id, @QueryParam("reason") String reason) {
        return registry.pause(id, reason);
    }

    @POST
    @Path("/{id}/resume")
    @RolesAllowed(Role.INGEST)
    @Operation(summary = "Resume polling a feed", description = "Due at once; the failure count starts from zero.")
    public FeedView resume(@PathParam("id") UUID id) {
        return registry.resume(id);
    }

    @POST
    @Path("/{id}/poll")
    @RolesAllowed(Role.INGEST)
    @Operation(summary = "Poll a feed now", description = "Fetches and ingests it synchronously, due or not, paused "
            + "or not, and records its health as a scheduled poll would. 409 while it is being polled.")
    public PollReport poll(@PathParam("id") UUID id) {
        return poller.pollNow(id);
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(Role.INGEST)
    @Operation(summary = "Remove a feed", description = "Its articles stay.")
    public Response remove(@PathParam("id") UUID id) {
        if (!registry.remove(id)) {
            throw ProblemException.notFound("Feed", id);
        }
        return Response.noContent().build();
    }
}
