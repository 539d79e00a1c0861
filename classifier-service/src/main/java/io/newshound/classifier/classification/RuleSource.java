package io.newshound.classifier.classification;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What a rule looks for in one analysed field, as position intervals. These are Lucene's interval semantics
 * ({@code org.apache.lucene.queries.intervals}: term, phrase, disjunction, ordered, max-gaps and not-within, the
 * operators the taxonomy uses), evaluated directly on the article's token table instead of through a per-article index
 * and a query per rule. The algorithms follow Lucene's iterators step for step, because the evidence of a hit (which
 * words, which offsets) depends on which minimal intervals they produce: a disjunction skips an interval that contains
 * the one it returned before ("energy truce" after "truce"), an ordered pair is shrunk to its narrowest form ("land ...
 * land swap" is the second "land" and "swap").
 *
 * <p>
 * Every interval carries its hits: the tokens of the words that make it up, which the evidence is built from.
 *
 * <p>
 * One case is settled differently from Lucene on purpose: when a word can stand on both sides of a proximity rule, the
 * two orders can yield the same interval with different words, and Lucene keeps one of them by the hash order of its
 * sources; here the left-right one wins. The taxonomy's proximity rules have disjoint sides, so it never arises there.
 */
sealed interface RuleSource {

    /** @return the intervals in the field, in Lucene's iteration order; empty when there are none */
    List<Interval> intervals(AnalysedText field);

    /**
     * The presearch: a cheap test on the field's term table that is false whenever {@link #intervals} would be empty.
     */
    boolean possible(AnalysedText field);

    /** A matched interval: first and last position, gaps inside it, and the tokens of its words. */
    record Interval(int start, int end, int gaps, int[] hits) {
    }

    /**
     * One analysed term, or a marked prefix {@code prefix*}.
     *
     * @param word
     *            its number in the language's {@link AnalysedText.Vocabulary}
     */
    record Term(String term, int word) implements RuleSource {
        @Override
        public List<Interval> intervals(AnalysedText field) {
            return field.intervals(word);
        }

        @Override
        public boolean possible(AnalysedText field) {
            return field.has(word);
        }
    }

    /** Terms at consecutive positions (Lucene's block iterator). */
    record Phrase(List<Term> terms) implements RuleSource {
        @Override
        public List<Interval> intervals(AnalysedText field) {
            List<Interval> shared = field.shared(this);
            if (shared == null) {
                shared = field.share(this, match(field));
            }
            return shared;
        }

        private List<Interval> match(AnalysedText field) {
            Cursor[] c = cursors(terms, field);
            if (c == null) {
                return List.of();
            }
            List<Interval> out = new ArrayList<>();
            int n = c.length;
            outer : while (c[0].next() != AnalysedText.NONE) {
                int i = 1;
                while (i < n) {
                    while (c[i].start() <= c[i - 1].end()) {
                        if (c[i].next() == AnalysedText.NONE) {
                            break outer;
                        }
                    }
                    if (c[i].start() == c[i - 1].end() + 1) {
                        i++;
                    } else {
                        if (c[0].next() == AnalysedText.NONE) {
                            break outer;
                        }
                        i = 1;
                    }
                }
                out.add(new Interval(c[0].start(), c[n - 1].end(), 0, hits(c)));
            }
            return out;
        }

        @Override
        public boolean possible(AnalysedText field) {
            // indexed loops here and below: these run for every rule on every article, an iterator each time adds up
            for (int i = 0, n = terms.size(); i < n; i++) {
                if (!terms.get(i).possible(field)) {
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * Any of the sources (Lucene's disjunction iterator): intervals in order of end, then of start descending, an
     * interval that contains the one returned just before it skipped.
     */
    record AnyOf(List<RuleSource> sources) implements RuleSource {
        private static final Comparator<Interval> BY_START = Comparator.comparingInt(Interval::start);

        @Override
        public List<Interval> intervals(AnalysedText field) {
            List<Interval> shared = field.shared(this);
            if (shared == null) {
                shared = field.share(this, merge(field));
            }
            return shared;
        }

        private List<Interval> merge(AnalysedText field) {
            if (sources.stream().allMatch(Term.class::isInstance)) {
                return words(field);
            }
            List<Cursor> queue = new ArrayList<>(sources.size());
            for (RuleSource s : sources) {
                List<Interval> list = s.intervals(field);
                if (!list.isEmpty()) {
                    Cursor c = new Cursor(list);
                    c.next();
                    queue.add(c);
                }
            }
            if (queue.isEmpty()) {
                return List.of();
            }
            List<Interval> out = new ArrayList<>();
            Interval current = top(queue).current();
            out.add(current);
            while (true) {
                Cursor top = top(queue);
                while (top != null && contains(top, current.start(), current.end())) {
                    if (top.next() == AnalysedText.NONE) {
                        queue.remove(top);
                    }
                    top = top(queue);
                }
                if (top == null) {
                    return out;
                }
                current = top.current();
                out.add(current);
            }
        }

        /**
         * The common case of single words, where the general merge below reduces to: every token of any of the words in
         * text order, once (one-word intervals contain each other only when they are the same token).
         */
        private List<Interval> words(AnalysedText field) {
            List<Interval> all = null;
            for (RuleSource s : sources) {
                List<Interval> list = s.intervals(field);
                if (!list.isEmpty()) {
                    if (all == null) {
                        all = new ArrayList<>(list);
                    } else {
                        all.addAll(list);
                    }
                }
            }
            if (all == null) {
                return List.of();
            }
            all.sort(BY_START);
            List<Interval> out = new ArrayList<>(all.size());
            for (Interval i : all) {
                if (out.isEmpty() || out.get(out.size() - 1).start() != i.start()) {
                    out.add(i);
                }
            }
            return out;
        }

        private static Cursor top(List<Cursor> queue) {
            Cursor best = null;
            for (Cursor c : queue) {
                if (best == null || c.end() < best.end() || (c.end() == best.end() && c.start() > best.start())) {
                    best = c;
                }
            }
            return best;
        }

        private static boolean contains(Cursor it, int start, int end) {
            return start >= it.start() && start <= it.end() && end >= it.start() && end <= it.end();
        }

        @Override
        public boolean possible(AnalysedText field) {
            for (int i = 0, n = sources.size(); i < n; i++) {
                if (sources.get(i).possible(field)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** The sources one after the other without overlapping, each match shrunk to its narrowest form. */
    record Ordered(List<RuleSource> sources) implements RuleSource {
        @Override
        public List<Interval> intervals(AnalysedText field) {
            return intervals(field, Integer.MAX_VALUE);
        }

        /** @return the intervals with at most {@code maxGaps} gaps (those {@link MaxGaps} keeps), the others unmade */
        List<Interval> intervals(AnalysedText field, int maxGaps) {
            Cursor[] c = new Cursor[sources.size()];
            for (int k = 0; k < c.length; k++) {
                List<Interval> list = sources.get(k).intervals(field);
                if (list.isEmpty()) {
                    return List.of();
                }
                c[k] = new Cursor(list);
            }
            return new OrderedIterator(c, maxGaps).all();
        }

        @Override
        public boolean possible(AnalysedText field) {
            for (int i = 0, n = sources.size(); i < n; i++) {
                if (!sources.get(i).possible(field)) {
                    return false;
                }
            }
            return true;
        }
    }

    /** Intervals of the source with at most {@code gaps} positions inside them not covered by its parts. */
    record MaxGaps(int gaps, RuleSource source) implements RuleSource {
        @Override
        public List<Interval> intervals(AnalysedText field) {
            if (source instanceof Ordered ordered) {
                // most ordered pairs of a long article are far apart: only the near ones are made
                return ordered.intervals(field, gaps);
            }
            List<Interval> out = new ArrayList<>();
            for (Interval i : source.intervals(field)) {
                if (i.gaps() <= gaps) {
                    out.add(i);
                }
            }
            return out;
        }

        @Override
        public boolean possible(AnalysedText field) {
            return source.possible(field);
        }
    }

    /** Intervals of the source that come no closer than {@code positions} to an interval of {@code exclude}. */
    record NotWithin(RuleSource source, int positions, RuleSource exclude) implements RuleSource {
        @Override
        public List<Interval> intervals(AnalysedText field) {
            List<Interval> minuend = source.intervals(field);
            if (minuend.isEmpty() || !exclude.possible(field)) {
                return minuend;
            }
            List<Interval> subtrahend = exclude.intervals(field);
            if (subtrahend.isEmpty()) {
                return minuend;
            }
            // Lucene's non-overlapping iterator over the exclusions extended by the window on both sides
            List<Interval> out = new ArrayList<>(minuend.size());
            int b = -1;
            boolean more = true;
            for (Interval a : minuend) {
                if (!more) {
                    out.add(a);
                    continue;
                }
                while (extendedEnd(subtrahend, b) < a.start()) {
                    if (++b >= subtrahend.size()) {
                        more = false;
                        break;
                    }
                }
                if (!more || extendedStart(subtrahend, b) > a.end()) {
                    out.add(a);
                }
            }
            return out;
        }

        private int extendedStart(List<Interval> list, int i) {
            return Math.max(0, list.get(i).start() - positions);
        }

        private int extendedEnd(List<Interval> list, int i) {
            return i < 0 ? -1 : list.get(i).end() + positions;
        }

        @Override
        public boolean possible(AnalysedText field) {
            return source.possible(field);
        }
    }

    private static Cursor[] cursors(List<Term> terms, AnalysedText field) {
        Cursor[] c = new Cursor[terms.size()];
        for (int k = 0; k < c.length; k++) {
            List<Interval> list = terms.get(k).intervals(field);
            if (list.isEmpty()) {
                return null;
            }
            c[k] = new Cursor(list);
        }
        return c;
    }

    private static int[] hits(Cursor[] cursors) {
        int n = 0;
        for (Cursor c : cursors) {
            n += c.current().hits().length;
        }
        int[] hits = new int[n];
        int k = 0;
        for (Cursor c : cursors) {
            int[] h = c.current().hits();
            System.arraycopy(h, 0, hits, k, h.length);
            k += h.length;
        }
        return hits;
    }

    /** Walks a list of intervals the way an interval iterator does: before the first, at one, or exhausted. */
    final class Cursor {
        final List<Interval> list;
        private int index = -1;

        Cursor(List<Interval> list) {
            this.list = list;
        }

        int next() {
            index++;
            return start();
        }

        int start() {
            return index < 0 ? -1 : index >= list.size() ? AnalysedText.NONE : list.get(index).start();
        }

        int end() {
            return index < 0 ? -1 : index >= list.size() ? AnalysedText.NONE : list.get(index).end();
        }

        int width() {
            return end() - start() + 1;
        }

        Interval current() {
            return list.get(index);
        }
    }

    /** Lucene's ordered interval iterator: minimal intervals in which the parts occur in order, not overlapping. */
    final class OrderedIterator {
        private final Cursor[] c;
        private int i = 1;
        private int start;
        private int end;
        private int slop;
        private int[] matched;
        private final int maxGaps;

        /**
         * @param maxGaps
         *            intervals with more gaps are stepped over like the others but not made
         */
        OrderedIterator(Cursor[] cursors, int maxGaps) {
            this.c = cursors;
            this.maxGaps = maxGaps;
        }

        List<Interval> all() {
            List<Interval> out = new ArrayList<>();
            c[0].next();
            while (next() != AnalysedText.NONE) {
                if (slop <= maxGaps) {
                    out.add(new Interval(start, end, slop, matched));
                }
            }
            return out;
        }

        private int next() {
            start = end = slop = AnalysedText.NONE;
            int lastStart = Integer.MAX_VALUE;
            boolean minimizing = false;
            int n = c.length;
            while (true) {
                while (true) {
                    if (c[i - 1].end() >= lastStart) {
                        return start;
                    }
                    if (i == n || (minimizing && c[i].start() > c[i - 1].end())) {
                        break;
                    }
                    do {
                        if (c[i].end() >= lastStart || c[i].next() == AnalysedText.NONE) {
                            return start;
                        }
                    } while (c[i].start() <= c[i - 1].end());
                    i++;
                }
                start = c[0].start();
                if (start == AnalysedText.NONE) {
                    return end = AnalysedText.NONE;
                }
                end = c[n - 1].end();
                slop = end - start + 1;
                for (Cursor cursor : c) {
                    slop -= cursor.width();
                }
                matched = slop <= maxGaps ? hits(c) : null;
                lastStart = c[n - 1].start();
                i = 1;
                if (c[0].next() == AnalysedText.NONE) {
                    return start;
                }
                minimizing = true;
            }
        }
    }
}
