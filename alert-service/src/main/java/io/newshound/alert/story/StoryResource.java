package io.newshound.alert.story;

import java.util.UUID;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Stories: articles about the same development, across outlets and languages. */
@Path("/api/v1/stories")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Stories")
public class StoryResource {

    private final StoryQueries stories;

    public StoryResource(StoryQueries stories) {
        this.stories = stories;
    }

    /** Shows one story the caller has an alert on. */
    @GET
    @Path("/{id}")
    @Operation(summary = "A story: headline, first and last seen, article count, sources, languages, topics")
    @APIResponse(responseCode = "200", description = "The story")
    @APIResponse(responseCode = "404", description = "No such story, or the caller has no alert on it")
    public StoryView get(@PathParam("id") UUID id) {
        return stories.get(id);
    }

    /** Lists a story's articles in the order they joined it, with what each added. */
    @GET
    @Path("/{id}/timeline")
    @Operation(summary = "A story's articles in the order they joined it, each with the topics, sources and languages it added")
    @APIResponse(responseCode = "200", description = "The story and its articles")
    @APIResponse(responseCode = "404", description = "No such story, or the caller has no alert on it")
    public StoryTimeline timeline(@PathParam("id") UUID id) {
        return stories.timeline(id);
    }
}
