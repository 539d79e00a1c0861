package io.newshound.alert.console;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.newshound.alert.delivery.engine.ThrottledHosts;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;

/**
 * The operations page, for administrators only: each service's health, alert-service's backlogs (deliveries by status,
 * articles waiting for a coalesced update) and throttled webhook hosts, with links to every service's metrics.
 */
@Path(ConsoleSessionMechanism.PATH + "/ops")
public class OpsPage {

    private final ConsoleUser user;
    private final ServiceHealth health;
    private final ThrottledHosts throttledHosts;
    private final Backlogs backlogs;
    private final Template page;

    public OpsPage(ConsoleUser user, ServiceHealth health, ThrottledHosts throttledHosts, Backlogs backlogs,
            @Location("console/ops.html") Template page) {
        this.user = user;
        this.health = health;
        this.throttledHosts = throttledHosts;
        this.backlogs = backlogs;
        this.page = page;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public TemplateInstance ops() {
        ConsoleUser.View me = user.requireAdmin();
        return page.data("user", me).data("services", health.check()).data("backlog", backlogs.counts())
                .data("throttled", throttledHosts.list(50));
    }
}
