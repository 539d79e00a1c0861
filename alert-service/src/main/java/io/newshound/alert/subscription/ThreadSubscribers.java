package io.newshound.alert.subscription;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.hibernate.Session;

import io.newshound.alert.db.SqlArrays;
import io.newshound.alert.thread.Subscribers;
import io.newshound.alert.thread.UpdatePolicy;

/**
 * The subscriptions as alert threads read them, in one statement on the consumer's connection: JDBC, as everything on
 * the consumer's hot path.
 */
@ApplicationScoped
public class ThreadSubscribers implements Subscribers {

    private final EntityManager em;

    public ThreadSubscribers(EntityManager em) {
        this.em = em;
    }

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public Map<UUID, Subscriber> find(Collection<UUID> ids, UUID storyId) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return em.unwrap(Session.class).doReturningWork(c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    select s.id, s.tenant_id, s.endpoint_id, s.update_policy, s.update_interval_minutes,
                           exists (select 1 from subscription_muted_story m
                                   where m.subscription_id = s.id and m.story_id = ?)
                    from subscription s where s.id = any(?) and s.deleted_at is null""")) {
                s.setObject(1, storyId);
                s.setArray(2, SqlArrays.uuids(c, ids));
                Map<UUID, Subscriber> found = new HashMap<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        UUID id = r.getObject(1, UUID.class);
                        found.put(id, new Subscriber(id, r.getString(2), r.getObject(3, UUID.class),
                                UpdatePolicy.of(r.getString(4), (Integer) r.getObject(5)), r.getBoolean(6)));
                    }
                }
                return found;
            }
        });
    }
}
