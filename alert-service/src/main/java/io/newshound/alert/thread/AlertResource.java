package io.newshound.alert.thread;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.UUID;

import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.newshound.platform.problem.ProblemException;

/** Alerts: one thread per subscription and story, with every revision sent on it. */
@Path("/api/v1/alerts")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Alerts")
public class AlertResource {

    private final AlertQueries alerts;

    public AlertResource(AlertQueries alerts) {
        this.alerts = alerts;
    }

    /** Lists the caller's alerts, newest first, a page at a time. */
    @GET
    @Operation(summary = "The caller's alerts, newest first; page on with nextCursor")
    @APIResponse(responseCode = "200", description = "One page of alerts")
    @APIResponse(responseCode = "400", description = "An invalid filter, limit or cursor (problem+json naming it)")
    public AlertPage list(
            @Parameter(description = "only this subscription's alerts") @QueryParam("subscriptionId") String subscriptionId,
            @Parameter(description = "only alerts on this story") @QueryParam("storyId") String storyId,
            @Parameter(description = "only alerts raised at or after this ISO-8601 instant") @QueryParam("since") String since,
            @Parameter(description = "page size, 1-200") @QueryParam("limit") @DefaultValue("50") int limit,
            @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor) {
        return alerts.list(uuid("subscriptionId", subscriptionId), uuid("storyId", storyId), instant("since", since),
                limit, cursor);
    }

    /** Shows one alert with its story, its revisions and their articles. */
    @GET
    @Path("/{id}")
    @Operation(summary = "An alert with its story, every revision (what changed, which articles) and what waits to be sent")
    @APIResponse(responseCode = "200", description = "The alert")
    @APIResponse(responseCode = "404", description = "No such alert for the caller's tenant")
    public AlertDetail get(@PathParam("id") UUID id) {
        return alerts.get(id);
    }

    private static UUID uuid(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(value.trim());
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField(field, "must be a UUID");
        }
    }

    private static Instant instant(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw ProblemException.invalidField(field, "must be an ISO-8601 instant such as 2026-11-26T09:00:00Z");
        }
    }
}
