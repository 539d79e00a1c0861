package io.newshound.ingest.article;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.newshound.ingest.config.IngestConfig;
import io.newshound.ingest.event.ArticleIngested;
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

    public ArticleService(EntityManager em, Outbox outbox, IngestConfig config, Clock clock) {
        this.em = em;
        this.outbox = outbox;
        this.config = config;
        this.clock = clock;
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
        String title = normaliseText(submission.title());
        String body = normaliseText(submission.body());
        if (body.length() > config.articles().maxBodyChars()) {
            throw ProblemException.invalidField("body",
                    "is " + body.length() + " characters; the limit is " + config.articles().maxBodyChars());
        }
        if (title.isEmpty() || body.isEmpty()) {
            throw ProblemException.invalidField(title.isEmpty() ? "title" : "body", "must not be blank");
        }
        Instant publishedAt = submission.publishedAt() == null ? now : submission.publishedAt().toInstant();
        if (publishedAt.isAfter(now.plus(config.articles().futureTolerance()))) {
            throw ProblemException.invalidField("publishedAt", "lies in the future (" + publishedAt + ")");
        }
        String source = submission.source() == null || submission.source().isBlank()
                ? URI.create(canonicalUrl).getHost()
                : normaliseText(submission.source());
        String hash = contentHash(title, body);

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
            a.language = submission.language() != null ? submission.language() : a.language;
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
        a.language = submission.language();
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

    static String canonicalUrl(String url) {
        try {
            URI u = new URI(url.trim());
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || u.getHost() == null) {
                throw ProblemException.invalidField("url", "must be an absolute http(s) URL");
            }
            int port = u.getPort();
            if (port == 80 && scheme.equals("http") || port == 443 && scheme.equals("https")) {
                port = -1;
            }
            String path = u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getRawPath();
            return new URI(scheme, null, u.getHost().toLowerCase(Locale.ROOT), port, null, null, null)
                    + path + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
        } catch (URISyntaxException e) {
            throw ProblemException.invalidField("url", "is not a valid URL: " + e.getReason());
        }
    }

    static String normaliseText(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFC).replaceAll("[\\p{Cntrl}&&[^\n\t]]", "")
                .replaceAll("[ \\t\\x0B\\f\\r]+", " ").replaceAll(" *\n[ \n]*", "\n").trim();
    }

    static String contentHash(String title, String body) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(title.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) '\n');
            sha.update(body.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
