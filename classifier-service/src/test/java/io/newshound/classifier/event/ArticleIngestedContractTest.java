package io.newshound.classifier.event;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** The classifier reads what ingest-service publishes: its golden sample maps onto the classifier's own record. */
class ArticleIngestedContractTest {

    static final Path GOLDEN = Path.of(System.getProperty("newshound.root"),
            "ingest-service/src/test/resources/contracts/article.ingested.v1.json");

    @Test
    void readsEveryFieldItNeedsFromTheIngestGoldenSample() throws Exception {
        ArticleIngested a = new ObjectMapper().readValue(Files.readString(GOLDEN), ArticleIngested.class);

        assertThat(a.type()).isEqualTo(ArticleIngested.TYPE);
        assertThat(a.eventId()).isNotBlank();
        assertThat(a.articleId()).isNotBlank();
        assertThat(a.revision()).isNotNull();
        assertThat(a.url()).startsWith("http");
        assertThat(a.title()).isNotBlank();
        assertThat(a.body()).isNotBlank();
        assertThat(a.source()).isNotBlank();
        assertThat(a.language()).isEqualTo("en");
        assertThat(a.publishedAt()).isNotBlank();
    }
}
