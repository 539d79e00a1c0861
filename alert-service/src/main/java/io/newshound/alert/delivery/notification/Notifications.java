package io.newshound.alert.delivery.notification;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.hibernate.Session;

import io.newshound.alert.db.Columns;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;

/** The per-tenant notification log: appended in the transactions that raise alerts, read by the stream and feed. */
@ApplicationScoped
public class Notifications {

    private final EntityManager em;
    private final NotificationConfig config;

    public Notifications(EntityManager em, NotificationConfig config) {
        this.em = em;
        this.config = config;
    }

    /**
     * Appends an entry inside the caller's transaction. Takes the tenant's log lock until commit, which is what keeps
     * seq order equal to commit order within a tenant: call it as the last write of the transaction so the lock is held
     * only for the commit, and, when appending for several tenants, in a stable tenant order.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void append(String tenantId, UUID subscriptionId, String type, String payload) {
        appendAll(List.of(new Pending(tenantId, subscriptionId, type, payload)));
    }

    /** An entry to append at the end of a transaction. */
    public record Pending(String tenantId, UUID subscriptionId, String type, String payload) {
    }

    /**
     * Appends entries for any number of tenants inside the caller's transaction, taking the tenants' log locks in
     * tenant order, so transactions that tell several tenants cannot deadlock on each other. Call it last.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void appendAll(List<Pending> entries) {
        Session session = em.unwrap(Session.class);
        // the caller's own writes first, so the log lock is still taken last
        session.flush();
        session.doWork(c -> appendAll(c, entries));
    }

    /**
     * {@link #appendAll(List)} on a plain JDBC connection whose transaction the caller runs (autocommit off): the one
     * place that writes the log.
     */
    public static void appendAll(Connection c, List<Pending> entries) throws SQLException {
        List<Pending> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparing(Pending::tenantId));
        Timestamp now = Timestamp.from(Instant.now());
        for (Pending p : sorted) {
            try (PreparedStatement lock = c
                    .prepareStatement("select pg_advisory_xact_lock(hashtextextended('notification:' || ?, 0))")) {
                lock.setString(1, p.tenantId());
                lock.execute();
            }
            try (PreparedStatement insert = c.prepareStatement("insert into notification (tenant_id, subscription_id,"
                    + " type, payload, created_at) values (?, ?, ?, ?, ?)")) {
                insert.setString(1, p.tenantId());
                insert.setObject(2, p.subscriptionId(), Types.OTHER);
                insert.setString(3, p.type());
                insert.setString(4, p.payload());
                insert.setTimestamp(5, now);
                insert.executeUpdate();
            }
        }
    }

    /**
     * @return the tenant's entries after {@code afterSeq}, oldest first, at most {@code limit}; only those of
     *         {@code subscriptionId} when it is not null
     */
    @Transactional
    public List<Notification> after(String tenantId, UUID subscriptionId, long afterSeq, int limit) {
        String sql = "select seq, tenant_id, subscription_id, type, payload, created_at from notification"
                + " where tenant_id = ?1 and seq > ?2" + (subscriptionId == null ? "" : " and subscription_id = ?4")
                + " order by seq limit ?3";
        var query = em.createNativeQuery(sql).setParameter(1, tenantId).setParameter(2, afterSeq)
                .setParameter(3, limit);
        if (subscriptionId != null) {
            query.setParameter(4, subscriptionId);
        }
        return rows(query.getResultList());
    }

    /** A reader's place in a tenant's log. */
    public record Position(String tenantId, long afterSeq) {
    }

    /**
     * One query for many readers at once, as the stream's poller needs it: for each position, the tenant's entries
     * after it, oldest first, at most {@code limitPerPosition} each.
     */
    @Transactional
    public Map<Position, List<Notification>> after(Collection<Position> positions, int limitPerPosition) {
        if (positions.isEmpty()) {
            return Map.of();
        }
        List<Position> list = List.copyOf(positions);
        String[] tenants = new String[list.size()];
        Long[] seqs = new Long[list.size()];
        for (int i = 0; i < list.size(); i++) {
            tenants[i] = list.get(i).tenantId();
            seqs[i] = list.get(i).afterSeq();
        }
        List<?> result = em
                .createNativeQuery(
                        """
                                select n.seq, n.tenant_id, n.subscription_id, n.type, n.payload, n.created_at, c.i
                                from unnest(cast(:tenants as text[]), cast(:seqs as bigint[])) with ordinality as c(tenant, after_seq, i)
                                cross join lateral (select * from notification
                                    where tenant_id = c.tenant and seq > c.after_seq order by seq limit :lim) n
                                order by c.i, n.seq""")
                .setParameter("tenants", tenants).setParameter("seqs", seqs)
                .setParameter("lim", limitPerPosition).getResultList();
        Map<Position, List<Notification>> out = new HashMap<>();
        for (Object o : result) {
            Object[] r = (Object[]) o;
            Position p = list.get(((Number) r[6]).intValue() - 1);
            out.computeIfAbsent(p, k -> new ArrayList<>()).add(row(r));
        }
        return out;
    }

    /** @return the seq of the tenant's newest entry, or 0 when it has none */
    @Transactional
    public long head(String tenantId) {
        Number n = (Number) em.createNativeQuery("select coalesce(max(seq), 0) from notification where tenant_id = ?1")
                .setParameter(1, tenantId).getSingleResult();
        return n.longValue();
    }

    @Scheduled(every = "1h", delayed = "2m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledPurge() {
        purge(Instant.now().minus(config.retention()));
    }

    /** @return the number of entries deleted: those created before {@code before} */
    @Transactional
    public int purge(Instant before) {
        int n = em.createNativeQuery("delete from notification where created_at < ?1").setParameter(1, before)
                .executeUpdate();
        if (n > 0) {
            Log.infof("Notifications: deleted %d entries created before %s", n, before);
        }
        return n;
    }

    private static List<Notification> rows(List<?> result) {
        List<Notification> out = new ArrayList<>(result.size());
        for (Object o : result) {
            out.add(row((Object[]) o));
        }
        return out;
    }

    private static Notification row(Object[] r) {
        return new Notification(((Number) r[0]).longValue(), (String) r[1], (UUID) r[2], (String) r[3], (String) r[4],
                Columns.instant(r[5]));
    }
}
