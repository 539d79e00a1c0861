package io.newshound.ingest.article;

import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What became of a submitted article.
 *
 * @param id
 *            the article id (an existing one for duplicates and updates)
 * @param revision
 *            the article's revision after this submission
 * @param outcome
 *            {@code created}, {@code updated} (same URL, changed text: published again as a new revision) or
 *            {@code duplicate} (nothing published)
 * @param duplicateOf
 *            for a duplicate, the article it duplicates
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ArticleReceipt(UUID id, int revision, Outcome outcome, UUID duplicateOf) {

    public enum Outcome {
        created, updated, duplicate
    }
}
