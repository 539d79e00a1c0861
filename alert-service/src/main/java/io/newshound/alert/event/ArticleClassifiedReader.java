package io.newshound.alert.event;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Parses and checks {@code article.classified.v1} records; anything it rejects belongs on the dead-letter topic. */
@ApplicationScoped
public class ArticleClassifiedReader {

    private final ObjectMapper mapper;

    public ArticleClassifiedReader(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * @throws IllegalArgumentException
     *             when the record is not JSON, is another event type, or lacks what an alert needs
     */
    public ArticleClassified read(String json) {
        if (json == null || json.isBlank()) {
            throw new IllegalArgumentException("empty record");
        }
        ArticleClassified e;
        try {
            e = mapper.readValue(json, ArticleClassified.class);
        } catch (JsonProcessingException ex) {
            throw new IllegalArgumentException(
                    "not an " + ArticleClassified.TYPE + " record: " + ex.getOriginalMessage(),
                    ex);
        }
        if (e.type() != null && !ArticleClassified.TYPE.equals(e.type())) {
            throw new IllegalArgumentException("unexpected event type " + e.type());
        }
        if (e.eventId() == null || e.articleId() == null || e.article() == null || e.article().url() == null) {
            throw new IllegalArgumentException("eventId, articleId and article.url are required");
        }
        for (ArticleClassified.Topic t : e.topicsOrEmpty()) {
            if (t == null || t.slug() == null) {
                throw new IllegalArgumentException("every topic needs a slug");
            }
        }
        return e;
    }
}
