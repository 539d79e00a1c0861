package io.newshound.alert.matching;

/**
 * A stretch of an article that a subscription's keyword query term or phrase matched, as alerts report it
 * ({@code matchedTerms} in the webhook body).
 *
 * @param field
 *            {@code title} or {@code body}
 * @param start
 *            first character, inclusive, within that field
 * @param end
 *            last character, exclusive
 * @param text
 *            the matched text as it appears in the article
 */
public record MatchedTerm(String field, int start, int end, String text) {
}
