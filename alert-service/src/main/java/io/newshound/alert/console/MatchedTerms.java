package io.newshound.alert.console;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.hibernate.Session;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.newshound.alert.matching.MatchedTerm;

/** Where a subscription's keyword query hit each article of an alert thread, as recorded with the thread. */
@ApplicationScoped
public class MatchedTerms {

    private static final TypeReference<List<MatchedTerm>> TERMS = new TypeReference<>() {
    };

    private final EntityManager em;
    private final ObjectMapper mapper;

    public MatchedTerms(EntityManager em, ObjectMapper mapper) {
        this.em = em;
        this.mapper = mapper;
    }

    /**
     * Not scoped by tenant: call it for an alert the caller was already shown.
     *
     * @return article id to the query's hits in it; articles without hits are absent
     */
    @Transactional
    public Map<UUID, List<MatchedTerm>> byArticle(UUID alertId) {
        Map<UUID, String> raw = em.unwrap(Session.class).doReturningWork(c -> {
            try (PreparedStatement s = c.prepareStatement("select article_id, matched_terms from alert_article"
                    + " where alert_id = ? and matched_terms is not null")) {
                s.setObject(1, alertId);
                Map<UUID, String> found = new HashMap<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        found.put(r.getObject(1, UUID.class), r.getString(2));
                    }
                }
                return found;
            }
        });
        Map<UUID, List<MatchedTerm>> terms = new HashMap<>();
        raw.forEach((article, json) -> {
            try {
                terms.put(article, mapper.readValue(json, TERMS));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("stored matched terms of alert " + alertId + " unreadable", e);
            }
        });
        return terms;
    }
}
