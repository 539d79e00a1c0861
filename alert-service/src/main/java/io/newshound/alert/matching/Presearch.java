package io.newshound.alert.matching;

import java.util.List;
import java.util.Set;

import org.apache.lucene.monitor.MultipassTermFilteredPresearcher;
import org.apache.lucene.monitor.Presearcher;
import org.apache.lucene.monitor.TermFilteredPresearcher;
import org.apache.lucene.monitor.TermWeightor;

/**
 * How the Monitor picks candidate keyword subscriptions for an article. Both weigh terms so that the presearcher files
 * a subscription under its most selective clause: a topic (an article has a handful) beats a source, which beats a text
 * term (longer terms first), and the language comes last (most articles share a few languages).
 */
public enum Presearch {

    /** One pass: a subscription is a candidate when its most selective clause can match. */
    TERM_FILTERED {
        @Override
        Presearcher create() {
            return new TermFilteredPresearcher(WEIGHTS, List.of(), Set.of());
        }
    },
    /** Two passes: a candidate must also hit its second most selective clause (fewer candidates, larger index). */
    MULTIPASS {
        @Override
        Presearcher create() {
            return new MultipassTermFilteredPresearcher(2, 0f, WEIGHTS, List.of(), Set.of());
        }
    };

    private static final TermWeightor WEIGHTS = TermWeightor.combine(
            TermWeightor.fieldWeightor(1000, LuceneMapping.TOPIC),
            TermWeightor.fieldWeightor(300, LuceneMapping.SOURCE),
            TermWeightor.fieldWeightor(0.01, LuceneMapping.LANGUAGE),
            TermWeightor.DEFAULT);

    abstract Presearcher create();
}
