package io.newshound.alert.event;

import java.time.Instant;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.newshound.alert.ClassifiedArticles;
import io.quarkus.test.junit.QuarkusTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** alert-service reads the classifier's golden sample with the same reader its consumer uses. */
@QuarkusTest
class ArticleClassifiedContractTest {

    @Inject
    ArticleClassifiedReader reader;

    @Test
    void readsEveryFieldItUsesFromTheProducersGoldenSample() {
        ArticleClassified e = reader.read(ClassifiedArticles.goldenSample());

        assertThat(e.type()).isEqualTo(ArticleClassified.TYPE);
        assertThat(e.eventId()).isEqualTo(UUID.fromString("3a2b1c0d-9e8f-5a7b-8c6d-5e4f3a2b1c0d"));
        assertThat(e.occurredAt()).isEqualTo(Instant.parse("2026-08-15T18:04:05.456Z"));
        assertThat(e.articleId()).isEqualTo(UUID.fromString("0c9d8e7f-6a5b-4c3d-8e2f-1a0b9c8d7e6f"));
        assertThat(e.revisionOrFirst()).isEqualTo(1);
        assertThat(e.language()).isEqualTo("en");
        assertThat(e.article().url()).startsWith("https://wire.example.com/");
        assertThat(e.article().title()).startsWith("Putin agrees");
        assertThat(e.article().body()).contains("land swaps");
        assertThat(e.article().source()).isEqualTo("Example Wire");
        assertThat(e.article().publishedAt()).isEqualTo(Instant.parse("2026-08-15T17:58:00Z"));
        assertThat(e.topics()).extracting(ArticleClassified.Topic::slug).containsExactly("security-guarantees",
                "land-swap");
        ArticleClassified.Topic first = e.topics().get(0);
        assertThat(first.label()).isEqualTo("Security guarantees");
        assertThat(first.score()).isEqualTo(0.93);
        ArticleClassified.Evidence ev = first.evidence().get(0);
        assertThat(ev.ruleId()).isEqualTo("security-guarantees.en.article-5");
        assertThat(ev.field()).isEqualTo("title");
        assertThat(ev.terms()).containsExactly("article 5", "security guarantees");
        assertThat(e.article().title().substring(ev.start(), ev.end())).isNotBlank();
        assertThat(ev.snippet()).contains("security guarantees");
    }

    @Test
    void rejectsRecordsThatAreNotClassifiedArticles() {
        assertThatThrownBy(() -> reader.read("not json")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> reader.read("{\"type\":\"article.ingested.v1\"}"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> reader.read("{\"eventId\":\"" + UUID.randomUUID() + "\"}"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
