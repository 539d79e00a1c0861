package io.newshound.ingest.article;

import java.time.Instant;

/**
 * Which articles a listing shows; every part is optional.
 *
 * @param source
 *            exact source name
 * @param language
 *            ISO 639 code
 * @param since
 *            received at or after
 * @param until
 *            received before
 */
public record ArticleFilter(String source, String language, Instant since, Instant until) {
}
