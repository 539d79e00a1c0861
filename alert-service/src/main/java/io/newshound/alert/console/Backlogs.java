package io.newshound.alert.console;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.hibernate.Session;

/** The backlogs alert-service keeps in its tables, counted for the operations page. */
@ApplicationScoped
public class Backlogs {

    private final EntityManager em;

    public Backlogs(EntityManager em) {
        this.em = em;
    }

    /** @return what waits, by a label for people, in a fixed order */
    @Transactional
    public Map<String, Long> counts() {
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
