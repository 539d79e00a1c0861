package io.newshound.alert.console;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.hibernate.Session;

import io.newshound.alert.matching.Article;
import io.newshound.alert.matching.SubscriptionCriteria;
import io.newshound.alert.matching.SubscriptionMatch;
import io.newshound.alert.matching.SubscriptionMatcher;

/**
 * Which recent articles a subscription being edited would have matched: the service's own matching engine, given only
 * that subscription, run over the articles most recently placed in stories. Those are kept without their body and
 * without topic scores, so the preview reads headlines and counts every stored topic as present.
 */
@ApplicationScoped
public class ArticlePreview {

    /** How many of the newest stored articles a preview looks through. */
    static final int RECENT = 1000;
    /** Most matches a preview shows. */
    static final int SHOWN = 20;

    private final EntityManager em;

    public ArticlePreview(EntityManager em) {
        this.em = em;
    }

    /** An article the subscription would have matched, its headline cut for highlighting. */
    public record Hit(UUID articleId, List<Highlights.Piece> title, String source, String language, Instant publishedAt,
            List<String> topics) {
    }

    /** @return the newest matches among the {@link #RECENT} newest stored articles, newest first */
    @Transactional
    public List<Hit> preview(SubscriptionCriteria subscription) {
        List<Hit> hits = new ArrayList<>();
        try (SubscriptionMatcher matcher = new SubscriptionMatcher()) {
            matcher.put(subscription);
            for (Stored stored : recent()) {
                Article a = stored.article();
                for (SubscriptionMatch m : matcher.match(a)) {
                    List<Highlights.Span> spans = m.keywords().stream()
                            .filter(k -> k.field() == SubscriptionMatch.ArticleField.TITLE)
                            .map(k -> new Highlights.Span(k.start(), k.end())).toList();
                    hits.add(new Hit(a.articleId(), Highlights.of(a.title(), spans), a.source(), a.language(),
                            stored.publishedAt(), m.topics().stream().map(SubscriptionMatch.TopicHit::slug)
                                    .toList()));
                }
                if (hits.size() >= SHOWN) {
                    break;
                }
            }
        }
        return hits;
    }

    private record Stored(Article article, Instant publishedAt) {
    }

    private List<Stored> recent() {
        return em.unwrap(Session.class).doReturningWork(c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    select article_id, title, url, source, language, topics, published_at
                    from story_article order by assigned_at desc, article_id limit ?""")) {
                s.setInt(1, RECENT);
                List<Stored> list = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        UUID id = r.getObject(1, UUID.class);
                        Map<String, Double> topics = new LinkedHashMap<>();
                        java.sql.Array array = r.getArray(6);
                        if (array != null) {
                            Arrays.stream((String[]) array.getArray()).forEach(t -> topics.put(t, 1.0));
                        }
                        list.add(new Stored(new Article(id, r.getString(2), "", r.getString(4), r.getString(3),
                                r.getString(5), topics), r.getTimestamp(7).toInstant()));
                    }
                }
                return list;
            }
        });
    }
}
