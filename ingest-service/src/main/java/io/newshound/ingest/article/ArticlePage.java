package io.newshound.ingest.article;

import java.util.List;

/**
 * One page of recently received articles, newest first.
 *
 * @param items
 *            the articles
 * @param nextCursor
 *            pass as {@code cursor} for the next page; absent on the last page
 */
public record ArticlePage(List<ArticleView> items, String nextCursor) {
}
