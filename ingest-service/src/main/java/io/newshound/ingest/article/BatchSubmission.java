package io.newshound.ingest.article;

import java.util.List;

/**
 * Several articles in one request; each is accepted or rejected on its own.
 *
 * @param articles
 *            the articles, at most the configured batch size
 */
public record BatchSubmission(List<ArticleSubmission> articles) {
}
