package io.newshound.ingest.article;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.newshound.ingest.config.IngestConfig;
import io.newshound.ingest.event.ArticleIngested;
import io.newshound.ingest.normalize.CanonicalUrl;
import io.newshound.ingest.normalize.ContentFingerprint;
import io.newshound.ingest.normalize.HtmlText;
import io.newshound.ingest.normalize.LanguageGuess;
import io.newshound.ingest.normalize.PublishedTime;
import io.newshound.ingest.normalize.RejectedTimeException;
import io.newshound.ingest.normalize.RejectedUrlException;
import io.newshound.ingest.outbox.Outbox;
import io.newshound.platform.problem.ProblemException;

/**
 * Accepts articles: normalises them, recognises duplicates and updates, stores them and puts the event that publishes
 * them into the outbox, all in one transaction.
 */
@ApplicationScoped
public class ArticleService {

    private final EntityManager em;
    private final Outbox outbox;
    private final IngestConfig config;
    private final Clock clock;
    private final PublishedTime publishedTime;
    private final LanguageGuess languages;

    public ArticleService(EntityManager em, Outbox outbox, IngestConfig config, Clock clock, LanguageGuess languages) {
        this.em = em;
        this.outbox = outbox;
        this.config = config;
        this.clock = clock;
        this.languages = languages;
        this.publishedTime = new PublishedTime(clock, config.articles().futureTolerance(),
                PublishedTime.DEFAULT_EARLIEST);
    }

    /**
     * Accepts one article. The same URL with the same text is a duplicate (nothing published); the same URL with
     * changed text is an update (published again as the next revision of the same article id); the same text under
     * another URL is a duplicate of the article first seen with it.
     *
     * @param submission
     *            a validated submission
     * @return what became of it
     * @throws ProblemException
     *             when the article is unacceptable (URL, size, dates)
     */
    @Transactional
    public ArticleReceipt submit(ArticleSubmission submission) {
        Instant now = Instant.now(clock);
        String canonicalUrl = canonicalUrl(submission.url());
        String title = HtmlText.toLine(submission.title());
        String body = HtmlText.toText(submission.body());
        if (title.isEmpty() || body.isEmpty()) {
            throw ProblemException.invalidField(title.isEmpty() ? "title" : "body", "must not be blank");
        }
        if (body.length() > config.articles().maxBodyChars()) {
            throw ProblemException.invalidField("body",
                    "is " + body.length() + " characters; the limit is " + config.articles().maxBodyChars());
        }
        Instant publishedAt;
        try {
            publishedAt = submission.publishedAt() == null ? now : publishedTime.parse(submission.publishedAt());
        } catch (RejectedTimeException e) {
            throw ProblemException.invalidField("publishedAt", e.getMessage());
        }
        String source = submission.source() == null ? "" : HtmlText.toLine(submission.source());
        if (source.isEmpty()) {
            source = URI.create(canonicalUrl).getHost();
        }
        String language = submission.language() != null ? submission.language() : detectLanguage(title, body);
        String hash = ContentFingerprint.of(title, body).hex();

        lock("url:" + canonicalUrl);
        lock("hash:" + hash);
        Optional<Article> sameUrl = Article.find("canonicalUrl", canonicalUrl).firstResultOptional();
        if (sameUrl.isPresent()) {
            Article a = sameUrl.get();
            if (a.contentHash.equals(hash)) {
                return new ArticleReceipt(a.id, a.revision, ArticleReceipt.Outcome.duplicate, a.id);
            }
            a.url = submission.url();
            a.title = title;
            a.body = body;
            a.source = source;
            a.language = language;
            a.publishedAt = publishedAt;
            a.contentHash = hash;
            a.revision++;
            a.updatedAt = now;
            publish(a, now);
            return new ArticleReceipt(a.id, a.revision, ArticleReceipt.Outcome.updated, null);
        }
        Optional<Article> sameText = Article.find("contentHash", hash).firstResultOptional();
        if (sameText.isPresent()) {
            Article a = sameText.get();
            return new ArticleReceipt(a.id, a.revision, ArticleReceipt.Outcome.duplicate, a.id);
        }
        Article a = new Article();
        a.id = UUID.randomUUID();
        a.url = submission.url();
        a.canonicalUrl = canonicalUrl;
        a.title = title;
        a.body = body;
        a.source = source;
        a.language = language;
        a.publishedAt = publishedAt;
        a.contentHash = hash;
        a.revision = 1;
        a.createdAt = now;
        a.updatedAt = now;
        a.persist();
        publish(a, now);
        return new ArticleReceipt(a.id, a.revision, ArticleReceipt.Outcome.created, null);
    }

    /**
     * @param id
     *            an article id
     * @return the article at its latest revision
     */
    @Transactional
    public Optional<ArticleView> find(UUID id) {
        return Article.<Article>findByIdOptional(id).map(ArticleView::of);
    }

    /**
     * Lists received articles, newest first.
     *
     * @param filter
     *            source, language and received-time bounds (each optional)
     * @param cursor
     *            where the previous page ended, or {@code null}
     * @param limit
     *            page size
     * @return the page and the cursor of the next one
     */
    @Transactional
    public ArticlePage list(ArticleFilter filter, String cursor, int limit) {
        StringBuilder jpql = new StringBuilder("from Article a where 1 = 1");
        java.util.Map<String, Object> params = new java.util.HashMap<>();
        if (filter.source() != null) {
            jpql.append(" and a.source = :source");
            params.put("source", filter.source());
        }
        if (filter.language() != null) {
            jpql.append(" and a.language = :language");
            params.put("language", filter.language());
        }
        if (filter.since() != null) {
            jpql.append(" and a.createdAt >= :since");
            params.put("since", filter.since());
        }
        if (filter.until() != null) {
            jpql.append(" and a.createdAt < :until");
            params.put("until", filter.until());
        }
        if (cursor != null) {
            PageCursor c = PageCursor.decode(cursor);
            jpql.append(" and (a.createdAt < :cAt or (a.createdAt = :cAt and a.id < :cId))");
            params.put("cAt", c.createdAt());
            params.put("cId", c.id());
        }
        jpql.append(" order by a.createdAt desc, a.id desc");
        var query = em.createQuery(jpql.toString(), Article.class).setMaxResults(limit + 1);
        params.forEach(query::setParameter);
        java.util.List<Article> rows = query.getResultList();
        boolean more = rows.size() > limit;
        java.util.List<ArticleView> items = rows.stream().limit(limit).map(ArticleView::of).toList();
        String next = more ? new PageCursor(rows.get(limit - 1).createdAt, rows.get(limit - 1).id).encode() : null;
        return new ArticlePage(items, next);
    }

    private void publish(Article a, Instant now) {
        UUID eventId = UUID.randomUUID();
        outbox.add(eventId, ArticleIngested.TYPE, ArticleIngested.TOPIC, a.id.toString(),
                new ArticleIngested(ArticleIngested.TYPE, eventId, now, a.id, a.revision, a.url, a.title, a.body,
                        a.source, a.language, a.publishedAt));
    }

    /** Serialises submissions of the same URL or text across threads and replicas until the transaction ends. */
    private void lock(String key) {
        em.createNativeQuery("select pg_advisory_xact_lock(hashtextextended(:key, 0))").setParameter("key", key)
                .getSingleResult();
    }

    private static String canonicalUrl(String url) {
        try {
            return CanonicalUrl.of(url).value();
        } catch (RejectedUrlException e) {
            throw ProblemException.invalidField("url", e.getMessage());
        }
    }

    private String detectLanguage(String title, String body) {
        String guess = languages.languageOf(title + "\n" + body);
        return LanguageGuess.UNKNOWN.equals(guess) ? null : guess;
    }
}
