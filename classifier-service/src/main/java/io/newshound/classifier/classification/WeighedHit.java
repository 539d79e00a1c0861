package io.newshound.classifier.classification;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

import io.newshound.classifier.event.ArticleClassified.Evidence;
import io.newshound.classifier.taxonomy.Taxonomy;

/**
 * A rule's hit in one field, weighed by rule weight, place and negation; its terms and snippet are only read for the
 * few hits a topic reports.
 */
record WeighedHit(Taxonomy.Topic topic, double weight, boolean negated, String ruleId, String field, String text,
        HitSpan span) {

    int start() {
        return span.start;
    }

    boolean inTitle() {
        return TaxonomyEngine.TITLE.equals(field);
    }

    boolean overlaps(WeighedHit o) {
        return field.equals(o.field) && span.start < o.span.end && o.span.start < span.end;
    }

    Evidence evidence() {
        List<String> terms = new ArrayList<>(new LinkedHashSet<>(span.terms(text)));
        return new Evidence(ruleId, field, terms, span.start, span.end, HitSpan.snippet(text, span.start, span.end));
    }
}
