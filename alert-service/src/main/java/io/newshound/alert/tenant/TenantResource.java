package io.newshound.alert.tenant;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
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

import io.newshound.alert.access.Role;

/** Administrators manage tenants and their API keys here. */
@Path("/api/v1/tenants")
@Tag(name = "Tenants")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.ADMIN)
public class TenantResource {

    private final TenantService tenants;
    private final TenantKeys keys;

    public TenantResource(TenantService tenants, TenantKeys keys) {
        this.tenants = tenants;
        this.keys = keys;
    }

    /**
     * Body of {@code POST /api/v1/tenants/{id}/keys}.
     *
     * @param name
     *            what the key is for
     * @param role
     *            {@code tenant} (default) or {@code admin}
     */
    public record NewKey(String name, String role) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a tenant", description = "Ids are lowercase slugs; 409 when taken.")
    public Response create(TenantService.NewTenant request) {
        TenantService.TenantView created = tenants.create(request);
        return Response.created(URI.create("/api/v1/tenants/" + created.id())).entity(created).build();
    }

    @GET
    @Operation(summary = "List tenants with their limits and active subscription counts")
    public List<TenantService.TenantView> list() {
        return tenants.list();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One tenant")
    public TenantService.TenantView get(@PathParam("id") String id) {
        return tenants.get(id);
    }

    @POST
    @Path("/{id}/keys")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create an API key for the tenant", description = "The key is in this response only.")
    public Response createKey(@PathParam("id") String id, NewKey request) {
        TenantKeys.CreatedKey created = keys.create(id, request == null ? null : request.name(),
                request == null ? null : request.role());
        return Response.created(URI.create("/api/v1/tenants/" + id + "/keys/" + created.id())).entity(created)
                .build();
    }

    @GET
    @Path("/{id}/keys")
    @Operation(summary = "List the tenant's keys (never the keys themselves)")
    public List<TenantKeys.KeyView> listKeys(@PathParam("id") String id) {
        return keys.list(id);
    }

    @DELETE
    @Path("/{id}/keys/{keyId}")
    @Operation(summary = "Revoke a key", description = "At once on this replica, within ten seconds on the others.")
    public Response revoke(@PathParam("id") String id, @PathParam("keyId") UUID keyId) {
        keys.revoke(id, keyId);
        return Response.noContent().build();
    }
}
