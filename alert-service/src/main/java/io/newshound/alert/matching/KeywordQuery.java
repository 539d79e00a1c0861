package io.newshound.alert.matching;

import java.util.List;

/** Parsed form of a keyword query; every node remembers where it started in the query text. */
public sealed interface KeywordQuery {

    /** Character offset of the node in the query text. */
    int position();

    /** A single word; several tokens inside one word (e.g. {@code 5-like}) are searched as a phrase. */
    record Word(String text, int position) implements KeywordQuery {
    }

    /** A {@code "quoted phrase"}: its words adjacent and in order. */
    record Phrase(String text, int position) implements KeywordQuery {
    }

    /** {@code site:host} or {@code source:name}: the article's source name or URL host. */
    record SourceFilter(String value, int position) implements KeywordQuery {
    }

    /** Every clause must hold; at least one clause. */
    record All(List<KeywordQuery> clauses, int position) implements KeywordQuery {
    }

    /** At least one alternative must hold; at least two alternatives. */
    record AnyOf(List<KeywordQuery> alternatives, int position) implements KeywordQuery {
    }

    /** The clause must not hold. */
    record Not(KeywordQuery clause, int position) implements KeywordQuery {
    }
}
