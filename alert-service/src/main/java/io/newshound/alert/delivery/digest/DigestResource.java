package io.newshound.alert.delivery.digest;

import java.time.Instant;
import java.util.UUID;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.newshound.alert.access.CurrentTenant;

/** A subscription's digest: one summary per period instead of one webhook per alert. */
@Path("/api/v1/subscriptions/{id}/digest")
@Produces(MediaType.APPLICATION_JSON)
public class DigestResource {

    private final DigestService digests;
    private final CurrentTenant caller;

    public DigestResource(DigestService digests, CurrentTenant caller) {
        this.digests = digests;
        this.caller = caller;
    }

    /** Sends this subscription's alerts as hourly or daily digests from now on. */
    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Turn digests on or change their schedule")
    public DigestSettings put(@PathParam("id") UUID id, DigestSettings settings) {
        return digests.configure(caller.id(), caller.admin(), id, settings, Instant.now());
    }

    /** The digest schedule, and when the next digest is due. */
    @GET
    public DigestSettings get(@PathParam("id") UUID id) {
        return digests.settings(caller.id(), caller.admin(), id);
    }

    /** Back to one webhook per alert. */
    @DELETE
    @Operation(summary = "Turn digests off: alerts are sent one by one again")
    public void delete(@PathParam("id") UUID id) {
        digests.remove(caller.id(), caller.admin(), id);
    }
}
