package io.newshound.alert.event;

import java.time.Instant;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

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
    void readsEveryFieldItUsesFromTheProducersGoldenSample() throws Exception {
        String sample = ClassifiedArticles.goldenSample();
        JsonNode golden = new ObjectMapper().readTree(sample);
        ArticleClassified e = reader.read(sample);

        assertThat(e.type()).isEqualTo(ArticleClassified.TYPE).isEqualTo(golden.path("type").asText());
        assertThat(e.eventId()).isEqualTo(UUID.fromString(golden.path("eventId").asText()));
        assertThat(e.occurredAt()).isEqualTo(Instant.parse(golden.path("occurredAt").asText()));
        assertThat(e.articleId()).isEqualTo(UUID.fromString(golden.path("articleId").asText()));
        assertThat(e.revisionOrFirst()).isEqualTo(golden.path("revision").asInt());
        assertThat(e.language()).isEqualTo(golden.path("language").asText());
        JsonNode article = golden.path("article");
        assertThat(e.article().url()).isEqualTo(article.path("url").asText());
        assertThat(e.article().title()).isEqualTo(article.path("title").asText());
        assertThat(e.article().body()).isEqualTo(article.path("body").asText());
        assertThat(e.article().source()).isEqualTo(article.path("source").asText());
        assertThat(e.article().publishedAt()).isEqualTo(Instant.parse(article.path("publishedAt").asText()));
        assertThat(e.topics()).isNotEmpty().hasSize(golden.path("topics").size());
        for (int i = 0; i < e.topics().size(); i++) {
            ArticleClassified.Topic topic = e.topics().get(i);
            JsonNode t = golden.path("topics").get(i);
            assertThat(topic.slug()).isEqualTo(t.path("slug").asText());
            assertThat(topic.label()).isEqualTo(t.path("label").asText());
            assertThat(topic.score()).isEqualTo(t.path("score").asDouble());
            assertThat(topic.evidence()).isNotEmpty().hasSize(t.path("evidence").size());
            ArticleClassified.Evidence ev = topic.evidence().get(0);
            JsonNode g = t.path("evidence").get(0);
            assertThat(ev.ruleId()).isEqualTo(g.path("ruleId").asText());
            assertThat(ev.field()).isEqualTo(g.path("field").asText());
            assertThat(ev.terms()).hasSize(g.path("terms").size());
            assertThat(ev.start()).isEqualTo(g.path("start").asInt());
            assertThat(ev.end()).isEqualTo(g.path("end").asInt());
            assertThat(ev.snippet()).isEqualTo(g.path("snippet").asText());
            String field = "title".equals(ev.field()) ? e.article().title() : e.article().body();
            assertThat(field.substring(ev.start(), ev.end())).isNotBlank();
        }
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
