package io.newshound.ingest.article;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
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
        Submitted result = submitAll(List.of(submission)).get(0);
        if (result.problem() != null) {
            throw result.problem();
        }
        return result.receipt();
    }

    /**
     * What became of one article of {@link #submitAll}: a receipt, or the problem that kept it out.
     *
     * @param receipt
     *            the outcome when accepted or recognised
     * @param problem
     *            why it was refused
     */
    public record Submitted(ArticleReceipt receipt, ProblemException problem) {
    }

    /**
     * Accepts several articles in one transaction, as {@link #submit} would one by one and in order (a later article of
     * the batch may be a duplicate or an update of an earlier one). Articles that are unacceptable are refused without
     * affecting the others; the rest commit together, with their events, in one round of statements.
     *
     * @param submissions
     *            validated submissions
     * @return one result per submission, in order
     */
    @Transactional
    public List<Submitted> submitAll(List<ArticleSubmission> submissions) {
        Instant now = Instant.now(clock);
        List<Object> prepared = new ArrayList<>(submissions.size());
        SortedSet<String> lockKeys = new TreeSet<>();
        for (ArticleSubmission submission : submissions) {
            try {
                Prepared p = prepare(submission, now);
                prepared.add(p);
                lockKeys.add("url:" + p.canonicalUrl());
                lockKeys.add("hash:" + p.hash());
            } catch (ProblemException e) {
                prepared.add(e);
            }
        }
        List<Prepared> accepted = prepared.stream().filter(Prepared.class::isInstance).map(Prepared.class::cast)
                .toList();
        Map<String, Article> byUrl = new HashMap<>();
        Map<String, Article> byHash = new HashMap<>();
        if (!accepted.isEmpty()) {
            lockAll(lockKeys);
            List<String> urls = accepted.stream().map(Prepared::canonicalUrl).distinct().toList();
            List<String> hashes = accepted.stream().map(Prepared::hash).distinct().toList();
            em.createQuery("from Article where canonicalUrl in :urls", Article.class).setParameter("urls", urls)
                    .getResultList().forEach(a -> byUrl.put(a.canonicalUrl, a));
            em.createQuery("from Article where contentHash in :hashes", Article.class).setParameter("hashes", hashes)
                    .getResultList().forEach(a -> byHash.putIfAbsent(a.contentHash, a));
        }
        List<Submitted> results = new ArrayList<>(prepared.size());
        List<Outbox.Pending> events = new ArrayList<>();
        for (Object item : prepared) {
            if (item instanceof ProblemException problem) {
                results.add(new Submitted(null, problem));
                continue;
            }
            Prepared p = (Prepared) item;
            Article sameUrl = byUrl.get(p.canonicalUrl());
            if (sameUrl != null) {
                if (sameUrl.contentHash.equals(p.hash())) {
                    results.add(new Submitted(duplicateOf(sameUrl), null));
                    continue;
                }
                p.applyTo(sameUrl);
                sameUrl.revision++;
                sameUrl.updatedAt = now;
                byHash.putIfAbsent(p.hash(), sameUrl);
                events.add(event(sameUrl, now));
                results.add(new Submitted(new ArticleReceipt(sameUrl.id, sameUrl.revision,
                        ArticleReceipt.Outcome.updated, null), null));
                continue;
            }
            Article sameText = byHash.get(p.hash());
            if (sameText != null) {
                results.add(new Submitted(duplicateOf(sameText), null));
                continue;
            }
            Article a = new Article();
            a.id = UUID.randomUUID();
            a.canonicalUrl = p.canonicalUrl();
            p.applyTo(a);
            a.revision = 1;
            a.createdAt = now;
            a.updatedAt = now;
            a.persist();
            byUrl.put(a.canonicalUrl, a);
            byHash.put(a.contentHash, a);
            events.add(event(a, now));
            results.add(new Submitted(new ArticleReceipt(a.id, a.revision, ArticleReceipt.Outcome.created, null),
                    null));
        }
        outbox.addAll(events);
        return results;
    }

    private static ArticleReceipt duplicateOf(Article a) {
        return new ArticleReceipt(a.id, a.revision, ArticleReceipt.Outcome.duplicate, a.id);
    }

    /** A submission normalised and checked, ready to be compared with what is stored. */
    private record Prepared(String url, String canonicalUrl, String title, String body, String source,
            String language, Instant publishedAt, String hash) {

        void applyTo(Article a) {
            a.url = url;
            a.title = title;
            a.body = body;
            a.source = source;
            a.language = language;
            a.publishedAt = publishedAt;
            a.contentHash = hash;
        }
    }

    private Prepared prepare(ArticleSubmission submission, Instant now) {
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
        return new Prepared(submission.url(), canonicalUrl, title, body, source, language, publishedAt,
                ContentFingerprint.of(title, body).hex());
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

    private static Outbox.Pending event(Article a, Instant now) {
        UUID eventId = UUID.randomUUID();
        return new Outbox.Pending(eventId, ArticleIngested.TYPE, ArticleIngested.TOPIC, a.id.toString(),
                new ArticleIngested(ArticleIngested.TYPE, eventId, now, a.id, a.revision, a.url, a.title, a.body,
                        a.source, a.language, a.publishedAt));
    }

    /**
     * Serialises submissions of the same URL or text across threads and replicas until the transaction ends. Locks are
     * taken in one order (sorted by their hash), so two batches never deadlock.
     */
    private void lockAll(SortedSet<String> keys) {
        em.createNativeQuery("select count(pg_advisory_xact_lock(h)) from (select hashtextextended(k, 0) h"
                + " from unnest(cast(:keys as text[])) k order by h) locks")
                .setParameter("keys", keys.toArray(String[]::new)).getSingleResult();
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
