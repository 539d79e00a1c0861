package io.newshound.alert.matching;

import java.util.List;
import java.util.Set;

import org.apache.lucene.monitor.MultipassTermFilteredPresearcher;
import org.apache.lucene.monitor.TermFilteredPresearcher;
import org.apache.lucene.monitor.TermWeightor;

/**
 * How candidate keyword subscriptions are picked for an article and checked. All weigh terms so that a subscription is
 * filed under its most selective clause: a topic (an article has a handful) beats a source, which beats a text term
 * (longer terms first), and the language comes last (most articles share a few languages).
 */
public enum Presearch {

    /**
     * No Monitor: queries in heap posting lists under their anchor terms, candidates decided on the article's analysed
     * terms and positions ({@link TermKeywordIndex}). Same matches and hits as the Monitor.
     */
    POSTINGS {
        @Override
        KeywordQueries newIndex() {
            return new TermKeywordIndex();
        }
    },

    /** A Monitor, one pass: a subscription is a candidate when its most selective clause can match. */
    TERM_FILTERED {
        @Override
        KeywordQueries newIndex() {
            return new KeywordIndex(new TermFilteredPresearcher(WEIGHTS, List.of(), Set.of()));
        }
    },
    /**
     * A Monitor, two passes: a candidate must also hit its second most selective clause (fewer candidates, larger
     * index).
     */
    MULTIPASS {
        @Override
        KeywordQueries newIndex() {
            return new KeywordIndex(new MultipassTermFilteredPresearcher(2, 0f, WEIGHTS, List.of(), Set.of()));
        }
    };

    private static final TermWeightor WEIGHTS = TermWeightor.combine(
            TermWeightor.fieldWeightor(1000, LuceneMapping.TOPIC),
            TermWeightor.fieldWeightor(300, LuceneMapping.SOURCE),
            TermWeightor.fieldWeightor(0.01, LuceneMapping.LANGUAGE),
            TermWeightor.DEFAULT);

    abstract KeywordQueries newIndex();

    /** @return a matcher holding keyword queries as this engine does */
    public SubscriptionMatcher matcher() {
        return new SubscriptionMatcher(newIndex());
    }
}
