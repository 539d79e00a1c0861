package io.newshound.alert.endpoint;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.newshound.alert.access.Role;
import io.newshound.alert.delivery.engine.DeliveryWorker;
import io.newshound.alert.delivery.engine.HostEjection;
import io.newshound.alert.delivery.engine.HostThrottles;
import io.newshound.alert.delivery.engine.ThrottledHosts;
import io.newshound.platform.problem.ProblemException;

/**
 * Target hosts of webhook endpoints, across tenants: which are throttled (ejected, endpoints with open circuits or
 * asking to slow down), and releasing one once its partner says it is back. For operators only.
 */
@Path("/api/v1/hosts")
@Tag(name = "Hosts")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.ADMIN)
public class HostResource {

    private static final int MAX_HOSTS = 1000;

    private final ThrottledHosts throttledHosts;
    private final DeliveryWorker worker;

    public HostResource(ThrottledHosts throttledHosts, DeliveryWorker worker) {
        this.throttledHosts = throttledHosts;
        this.worker = worker;
    }

    /**
     * Body of {@code POST /api/v1/hosts/release}.
     *
     * @param host
     *            {@code scheme://host[:port]}, or any endpoint URL on the host
     */
    public record ReleaseRequest(String host) {
    }

    @GET
    @Path("/throttled")
    @Operation(summary = "Hosts with throttled endpoints", description = "The furthest throttle first, at most 1000: host (scheme://host:port), throttledEndpoints,"
            + " throttledUntil, pendingDeliveries.")
    public List<ThrottledHosts.ThrottledHost> throttled() {
        return throttledHosts.list(MAX_HOSTS);
    }

    @POST
    @Path("/release")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Release a host", description = "Lifts the throttles of all its enabled endpoints, for every instance, and makes their"
            + " pending deliveries due now.")
    public HostThrottles.Released release(ReleaseRequest request) {
        String host = request == null || request.host() == null ? null : HostEjection.hostOf(request.host().trim());
        if (host == null || !(host.startsWith("http://") || host.startsWith("https://"))) {
            throw ProblemException.invalidField("host", "must be http(s)://host[:port] or a URL on the host");
        }
        return worker.releaseHost(host);
    }
}
