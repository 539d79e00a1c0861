package io.newshound.ingest.access;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Administrators create, list and revoke API keys here. */
@Path("/api/v1/keys")
@Tag(name = "API keys")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.ADMIN)
public class ApiKeyResource {

    private final ApiKeys keys;

    public ApiKeyResource(ApiKeys keys) {
        this.keys = keys;
    }

    /**
     * @param name
     *            what the key is for
     * @param roles
     *            ingest, read and/or admin
     * @param rateLimitPerMinute
     *            requests per minute; the configured default when absent
     */
    public record NewKey(String name, List<String> roles, Integer rateLimitPerMinute) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a key", description = "The key is in this response only; store it now.")
    public Response create(@NotNull NewKey request) {
        ApiKeys.CreatedKey created = keys.create(request.name(), request.roles(), request.rateLimitPerMinute());
        return Response.created(URI.create("/api/v1/keys/" + created.id())).entity(created).build();
    }

    @GET
    @Operation(summary = "List keys (never the keys themselves)")
    public List<ApiKeys.KeyView> list() {
        return keys.list();
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Revoke a key", description = "It stops working on every replica within ten seconds.")
    public Response revoke(@PathParam("id") UUID id) {
        keys.revoke(id);
        return Response.noContent().build();
    }
}
