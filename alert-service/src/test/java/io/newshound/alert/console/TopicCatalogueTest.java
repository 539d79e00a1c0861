package io.newshound.alert.console;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** The console describes topics as classifier-service's taxonomy does, so the two cannot drift apart unnoticed. */
class TopicCatalogueTest {

    @Test
    void describesEveryTopicOfTheClassifiersTaxonomyAsTheTaxonomyDoes() throws IOException {
        JsonNode taxonomy = new YAMLMapper().readTree(Path.of(System.getProperty("newshound.root"),
                "classifier-service/src/main/resources/taxonomy/taxonomy.yaml").toFile());
        List<TopicCatalogue.Topic> expected = new ArrayList<>();
        for (JsonNode t : taxonomy.path("topics")) {
            expected.add(new TopicCatalogue.Topic(t.path("slug").asText(), t.path("label").asText(),
                    t.path("description").asText().replaceAll("\\s+", " ").strip(), strings(t.path("cameo")),
                    strings(t.path("gdeltThemes"))));
        }

        assertThat(expected).isNotEmpty();
        assertThat(new TopicCatalogue(new ObjectMapper()).all()).isEqualTo(expected);
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }
}
