package io.newshound.ingest.event;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;

import static org.assertj.core.api.Assertions.assertThat;

/** What this service publishes must keep the shape of the golden sample its consumers test against. */
@QuarkusTest
class ArticleIngestedContractTest {

    static final Path GOLDEN = Path.of("src/test/resources/contracts/article.ingested.v1.json");

    @Inject
    ObjectMapper json;

    @Test
    void publishedEventHasExactlyTheFieldsAndTypesOfTheGoldenSample() throws Exception {
        JsonNode golden = json.readTree(Files.readString(GOLDEN));
        ArticleIngested event = json.copy().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .treeToValue(golden, ArticleIngested.class);
        JsonNode published = json.valueToTree(event);
        assertThat(shape(published)).isEqualTo(shape(golden));
        assertThat(published.get("publishedAt").asText()).isEqualTo(golden.get("publishedAt").asText());
        assertThat(published.get("type").asText()).isEqualTo(ArticleIngested.TYPE);
    }

    /** Field name to JSON node type, recursively: the part of an event its consumers depend on. */
    static Map<String, String> shape(JsonNode node) {
        Map<String, String> shape = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> field = it.next();
            shape.put(field.getKey(), field.getValue().getNodeType().name());
        }
        return shape;
    }
}
