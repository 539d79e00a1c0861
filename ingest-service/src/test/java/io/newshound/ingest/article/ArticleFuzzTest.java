package io.newshound.ingest.article;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

import static io.newshound.ingest.Api.api;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Throws thousands of generated request bodies at the article API: well-formed articles with hostile values, broken
 * JSON, wrong types, invalid UTF-8 and random bytes. No request may cause a 5xx, and nothing stored may be garbage.
 */
@QuarkusTest
class ArticleFuzzTest {

    private static final int REQUESTS = 2500;

    @Inject
    EntityManager em;

    @Test
    void generatedBodiesNeverCauseServerErrorsOrStoreGarbage() {
        String run = UUID.randomUUID().toString();
        Instant started = Instant.now();
        List<byte[]> bodies = bodies(run).sampleStream().limit(REQUESTS).toList();
        int created = 0;
        List<String> serverErrors = new ArrayList<>();
        List<String> notProblems = new ArrayList<>();
        for (byte[] body : bodies) {
            Response r = api().contentType(ContentType.JSON.withCharset(StandardCharsets.UTF_8)).body(body)
                    .post("/api/v1/articles");
            if (r.statusCode() >= 500) {
                serverErrors.add(r.statusCode() + " for " + new String(body, StandardCharsets.UTF_8));
            } else if (r.statusCode() == 201) {
                created++;
            } else if (r.statusCode() >= 400 && !r.contentType().startsWith("application/problem+json")) {
                notProblems.add(r.statusCode() + " " + r.contentType() + " for "
                        + new String(body, StandardCharsets.UTF_8));
            }
        }
        assertThat(serverErrors).isEmpty();
        assertThat(notProblems).as("every 4xx is a problem document").isEmpty();
        assertThat(created).as("some generated articles are valid").isPositive();

        List<Article> stored = QuarkusTransaction.requiringNew().call(() -> em
                .createQuery("from Article where createdAt >= :t and body like :run", Article.class)
                .setParameter("t", started).setParameter("run", "%" + run + "%").getResultList());
        assertThat(stored).hasSize(created);
        Instant latest = Instant.now().plus(Duration.ofHours(1)).plusSeconds(60);
        assertThat(stored).allSatisfy(a -> {
            assertThat(a.title).isNotBlank().doesNotContain("<script");
            assertThat(a.body).isNotBlank().doesNotContain("\u0000");
            assertThat(a.canonicalUrl).matches("https?://[^\\s#]+");
            assertThat(a.publishedAt).isBefore(latest);
            assertThat(a.source).isNotBlank();
        });
    }

    /** Each generated body mentions {@code run} in its text, so what this test stored can be found again. */
    static Arbitrary<byte[]> bodies(String run) {
        Arbitrary<String> anyText = Arbitraries.strings().all().ofMaxLength(60);
        Arbitrary<String> htmlText = Arbitraries.of("<p>Talks <b>resumed</b></p>", "<script>alert(1)</script>x",
                "&amp; &lt;tag&gt;", "  \t\n ", "", "Ceasefire\u0000talks", "\uD800broken surrogate", "ok text");
        Arbitrary<String> url = Arbitraries.of("https://wire.example.com/a", "http://EXAMPLE.com:80/b?utm_source=x#f",
                "ftp://example.com/x", "javascript:alert(1)", "https://", "not a url", "https://[::1]/",
                "https://exa mple.com/x", "HTTPS://Example.COM/%7Euser?b=2&a=1", "https://例え.jp/記事");
        Arbitrary<String> date = Arbitraries.of("2026-08-15T17:58:00Z", "Fri, 15 Aug 2026 17:58:00 GMT",
                "2999-01-01T00:00:00Z", "yesterday", "", "2026-13-45", "15 Aug 26 17:58 EST", "1969-07-20T20:17:00Z");
        Arbitrary<String> language = Arbitraries.of("en", "uk", "xx-YYYYYYYYY", "", "EN", "fr");
        Arbitrary<String> article = Combinators.combine(url, anyText, htmlText, anyText, date, language,
                Arbitraries.integers().between(0, 7))
                .as((u, title, html, source, d, lang, omit) -> {
                    StringBuilder sb = new StringBuilder("{");
                    if (omit != 1) {
                        sb.append("\"url\":").append(json(u + (u.endsWith("/") ? "" : "/") + UUID.randomUUID()))
                                .append(',');
                    }
                    if (omit != 2) {
                        sb.append("\"title\":").append(json(title + " " + html)).append(',');
                    }
                    if (omit != 3) {
                        sb.append("\"body\":").append(json(html + " " + title + " " + run + " " + UUID.randomUUID()))
                                .append(',');
                    }
                    if (omit != 4) {
                        sb.append("\"source\":").append(json(source)).append(',');
                    }
                    if (omit != 5) {
                        sb.append("\"publishedAt\":").append(json(d)).append(',');
                    }
                    if (omit != 6) {
                        sb.append("\"language\":").append(json(lang)).append(',');
                    }
                    if (omit == 7) {
                        // an unknown field: refused with 400 naming it
                        sb.append("\"extra\":{\"nested\":[1,2,3]},");
                    }
                    sb.setCharAt(sb.length() - 1, '}');
                    return sb.toString();
                });
        Arbitrary<String> broken = article.map(s -> s.substring(0, s.length() / 2));
        Arbitrary<String> wrongTypes = Arbitraries.of("[]", "null", "42", "\"text\"",
                "{\"url\":5,\"title\":[],\"body\":{}}",
                "{\"title\":true}", "{}",
                "{\"url\":\"https://x.example/\",\"title\":\"t\",\"body\":\"b\",\"publishedAt\":7}");
        Arbitrary<byte[]> text = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, article), net.jqwik.api.Tuple.of(2, broken),
                net.jqwik.api.Tuple.of(1, wrongTypes))
                .map(s -> s.getBytes(StandardCharsets.UTF_8));
        Arbitrary<byte[]> invalidUtf8 = article.map(s -> {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            b[b.length / 2] = (byte) 0xC3;
            b[b.length / 2 + 1] = (byte) 0x28;
            return b;
        });
        Arbitrary<byte[]> randomBytes = Arbitraries.bytes().array(byte[].class).ofMaxSize(200);
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(8, text), net.jqwik.api.Tuple.of(1, invalidUtf8),
                net.jqwik.api.Tuple.of(1, randomBytes));
    }

    private static String json(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
