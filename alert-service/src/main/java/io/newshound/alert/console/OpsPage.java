package io.newshound.alert.console;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.hibernate.Session;

import io.newshound.alert.delivery.DeliveryStore;
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
    private final DeliveryStore deliveries;
    private final EntityManager em;
    private final Template page;

    public OpsPage(ConsoleUser user, ServiceHealth health, DeliveryStore deliveries, EntityManager em,
            @Location("console/ops.html") Template page) {
        this.user = user;
        this.health = health;
        this.deliveries = deliveries;
        this.em = em;
        this.page = page;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    @Transactional
    public TemplateInstance ops() {
        ConsoleUser.View me = user.requireAdmin();
        return page.data("user", me).data("services", health.check()).data("backlog", backlog())
                .data("throttled", deliveries.throttledHosts(50));
    }

    /** @return counts of the backlogs alert-service keeps in its tables */
    private Map<String, Long> backlog() {
        return em.unwrap(Session.class).doReturningWork(c -> {
            Map<String, Long> counts = new LinkedHashMap<>();
            try (PreparedStatement s = c.prepareStatement("""
                    select 'Deliveries waiting', count(*) from delivery where status = 'pending'
                    union all select 'Deliveries due for over a minute', count(*) from delivery
                        where status = 'pending' and next_attempt_at < now() - interval '1 minute'
                    union all select 'Deliveries failed for good', count(*) from delivery where status = 'dead'
                    union all select 'Articles waiting for a coalesced update', count(*) from alert_article
                        where revision is null""")) {
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        counts.put(r.getString(1), r.getLong(2));
                    }
                }
            }
            return counts;
        });
    }
}
