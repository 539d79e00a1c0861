package io.newshound.classifier.event;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.newshound.classifier.classification.Classification;
import io.newshound.classifier.classification.TaxonomyEngine;
import io.newshound.classifier.pipeline.ArticleClassificationPipeline;
import io.newshound.classifier.taxonomy.TaxonomySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the classifier publishes has exactly the fields and types of its golden sample, which consumers test against.
 */
class ArticleClassifiedContractTest {

    static final Path ROOT = Path.of(System.getProperty("newshound.root"));
    static final Path GOLDEN = ROOT
            .resolve("classifier-service/src/test/resources/contracts/article.classified.v1.json");
    static final Path INGESTED = ROOT.resolve("ingest-service/src/test/resources/contracts/article.ingested.v1.json");
    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    static final TaxonomyEngine ENGINE = TaxonomyEngine.compile(TaxonomySource.bundled());

    @Test
    void publishesExactlyTheFieldsAndTypesOfTheGoldenSample() throws Exception {
        ArticleIngested in = JSON.readValue(Files.readString(INGESTED), ArticleIngested.class);
        Classification c = new Classification("en", ENGINE.taxonomy().version(), "0.1.0",
                ENGINE.classify(in.title(), in.body(), "en"));
        JsonNode published = JSON.valueToTree(ArticleClassificationPipeline.toEvent(in, c));
        JsonNode golden = JSON.readTree(Files.readString(GOLDEN));

        assertThat(shape(published)).isEqualTo(shape(golden));
    }

    @Test
    void goldenSampleIsWhatTheClassifierProducesForTheIngestGoldenSample() throws Exception {
        ArticleIngested in = JSON.readValue(Files.readString(INGESTED), ArticleIngested.class);
        ArticleClassified golden = JSON.readValue(Files.readString(GOLDEN), ArticleClassified.class);
        Classification c = new Classification("en", ENGINE.taxonomy().version(), golden.classifierVersion(),
                ENGINE.classify(in.title(), in.body(), "en"));
        ArticleClassified produced = ArticleClassificationPipeline.toEvent(in, c);

        assertThat(golden.type()).isEqualTo(ArticleClassified.TYPE);
        assertThat(golden.taxonomyVersion()).isEqualTo(ENGINE.taxonomy().version());
        assertThat(golden.eventId()).isEqualTo(ClassifiedEventId.of(in.eventId(), golden.taxonomyVersion(),
                golden.classifierVersion()));
        assertThat(golden.eventId().version()).isEqualTo(5);
        assertThat(golden.topics()).isEqualTo(produced.topics());
        assertThat(golden.article()).isEqualTo(produced.article());
        assertThat(produced.acceptedAt()).isEqualTo(in.occurredAt()).isEqualTo(golden.acceptedAt());
        assertThat(produced.eventId()).isEqualTo(golden.eventId()).isNotEqualTo(UUID.fromString(in.eventId()));
    }

    /** Field names and JSON types, arrays described by the union of their elements. */
    static Object shape(JsonNode node) {
        if (node.isObject()) {
            Map<String, Object> fields = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                fields.put(e.getKey(), shape(e.getValue()));
            }
            return fields;
        }
        if (node.isArray()) {
            Map<String, Object> union = new TreeMap<>();
            Object scalar = null;
            for (JsonNode element : node) {
                Object s = shape(element);
                if (s instanceof Map<?, ?> m) {
                    m.forEach((k, v) -> union.merge((String) k, v, (a, b) -> a.equals(b) ? a : a + "|" + b));
                } else {
                    scalar = s;
                }
            }
            return "array of " + (scalar != null ? scalar : union);
        }
        return node.isNumber() ? "number" : node.getNodeType().toString().toLowerCase();
    }
}
