package io.newshound.alert.matching;

import java.util.ArrayList;
import java.util.List;

import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * A subscription's compiled Lucene query in a form that is evaluated directly against {@link ArticleTerms}, with the
 * semantics of Lucene's own weights on a one-document index: terms, exact phrases (slop 0), boolean clauses
 * (must/filter, should with a minimum, must-not), match-all and match-none. {@link #compile} returns null for any other
 * query type, which is then matched through Lucene.
 */
sealed interface QueryNode {

    /** Whether the article matches. */
    boolean matches(ArticleTerms article);

    /**
     * Adds the text hits Lucene's {@code Weight#matches} reports for a matching article: every occurrence of every
     * matching positive term or phrase (prohibited clauses never contribute). Call only when {@link #matches} is true.
     */
    void hits(ArticleTerms article, Hits hits);

    /**
     * Terms of which the article must have at least one for the query to match, as {@code field, term} pairs: the
     * anchors the query is filed under. Null when no such set exists (the query must be checked against every article);
     * empty when the query can never match.
     */
    Anchors anchors();

    /**
     * The query as a node tree, or null when it contains a query type not handled here. Terms go through the interner:
     * a million queries drawn from one vocabulary share their strings.
     */
    static QueryNode compile(Query query, Interner interner) {
        if (query instanceof TermQuery term) {
            return new TermNode(interner.intern(term.getTerm().field()), interner.intern(term.getTerm().text()));
        }
        if (query instanceof PhraseQuery phrase) {
            Term[] terms = phrase.getTerms();
            if (phrase.getSlop() != 0 || terms.length == 0) {
                return null;
            }
            String field = terms[0].field();
            String[] texts = new String[terms.length];
            for (int i = 0; i < terms.length; i++) {
                if (!terms[i].field().equals(field)) {
                    return null;
                }
                texts[i] = interner.intern(terms[i].text());
            }
            return new PhraseNode(interner.intern(field), texts, phrase.getPositions());
        }
        if (query instanceof BooleanQuery bool) {
            List<QueryNode> required = new ArrayList<>();
            List<QueryNode> optional = new ArrayList<>();
            List<QueryNode> prohibited = new ArrayList<>();
            for (BooleanClause clause : bool.clauses()) {
                QueryNode node = compile(clause.getQuery(), interner);
                if (node == null) {
                    return null;
                }
                switch (clause.getOccur()) {
                    case MUST, FILTER -> required.add(node);
                    case SHOULD -> optional.add(node);
                    case MUST_NOT -> prohibited.add(node);
                }
            }
            return new BooleanNode(required.toArray(QueryNode[]::new), optional.toArray(QueryNode[]::new),
                    prohibited.toArray(QueryNode[]::new), bool.getMinimumNumberShouldMatch());
        }
        if (query instanceof ConstantScoreQuery constant) {
            return compile(constant.getQuery(), interner);
        }
        if (query instanceof BoostQuery boost) {
            return compile(boost.getQuery(), interner);
        }
        if (query instanceof MatchAllDocsQuery) {
            return Constant.ALL;
        }
        if (query instanceof MatchNoDocsQuery) {
            return Constant.NONE;
        }
        return null;
    }

    /**
     * How selective an anchor is, in the order the Monitor presearchers use: a topic (an article has a handful) beats a
     * source, which beats a text term (longer terms are rarer), and a language is last.
     */
    static double weight(String field, String term) {
        return switch (field) {
            case LuceneMapping.TOPIC -> 1000;
            case LuceneMapping.SOURCE -> 300;
            case LuceneMapping.LANGUAGE -> 0.01;
            default -> Math.min(term.length(), 50);
        };
    }

    /** A set of alternative anchors; its weight is that of its least selective member. */
    record Anchors(String[] fields, String[] terms, double weight) {

        static final Anchors NEVER = new Anchors(new String[0], new String[0], Double.MAX_VALUE);

        static Anchors of(String field, String term) {
            return new Anchors(new String[]{field}, new String[]{term}, QueryNode.weight(field, term));
        }

        int size() {
            return terms.length;
        }
    }

    record TermNode(String field, String term) implements QueryNode {

        @Override
        public boolean matches(ArticleTerms article) {
            return article.has(field, term);
        }

        @Override
        public void hits(ArticleTerms article, Hits hits) {
            if (!field.equals(LuceneMapping.TEXT)) {
                return;
            }
            ArticleTerms.Occurrences occurrences = article.text.get(term);
            for (int i = 0; i < occurrences.count(); i++) {
                hits.add(occurrences.field(i), occurrences.start(i), occurrences.end(i));
            }
        }

        @Override
        public Anchors anchors() {
            return Anchors.of(field, term);
        }
    }

    record PhraseNode(String field, String[] terms, int[] positions) implements QueryNode {

        @Override
        public boolean matches(ArticleTerms article) {
            return visit(article, null);
        }

        @Override
        public void hits(ArticleTerms article, Hits hits) {
            visit(article, hits);
        }

        /** Finds the phrase's occurrences; stops at the first unless hits are wanted. */
        private boolean visit(ArticleTerms article, Hits hits) {
            if (!field.equals(LuceneMapping.TEXT)) {
                return false;
            }
            ArticleTerms.Occurrences[] postings = new ArticleTerms.Occurrences[terms.length];
            for (int i = 0; i < terms.length; i++) {
                postings[i] = article.text.get(terms[i]);
                if (postings[i] == null) {
                    return false;
                }
            }
            boolean found = false;
            ArticleTerms.Occurrences lead = postings[0];
            for (int o = 0; o < lead.count(); o++) {
                int fieldOf = lead.field(o);
                int base = lead.position(o) - positions[0];
                boolean all = true;
                for (int i = 1; i < terms.length && all; i++) {
                    all = postings[i].at(fieldOf, base + positions[i]);
                }
                if (!all) {
                    continue;
                }
                if (hits == null) {
                    return true;
                }
                found = true;
                int last = terms.length - 1;
                hits.add(fieldOf, lead.start(o), endAt(postings[last], fieldOf, base + positions[last]));
            }
            return found;
        }

        private static int endAt(ArticleTerms.Occurrences occurrences, int field, int position) {
            for (int i = 0; i < occurrences.count(); i++) {
                if (occurrences.field(i) == field && occurrences.position(i) == position) {
                    return occurrences.end(i);
                }
            }
            throw new IllegalStateException("phrase term vanished");
        }

        @Override
        public Anchors anchors() {
            // every term is required: the longest is the rarest
            String best = terms[0];
            for (String term : terms) {
                if (term.length() > best.length()) {
                    best = term;
                }
            }
            return Anchors.of(field, best);
        }
    }

    record BooleanNode(QueryNode[] required, QueryNode[] optional, QueryNode[] prohibited, int minimumShouldMatch)
            implements
                QueryNode {

        @Override
        public boolean matches(ArticleTerms article) {
            for (QueryNode node : required) {
                if (!node.matches(article)) {
                    return false;
                }
            }
            for (QueryNode node : prohibited) {
                if (node.matches(article)) {
                    return false;
                }
            }
            // without required clauses at least one optional clause must match, as in Lucene
            int needed = required.length == 0 ? Math.max(1, minimumShouldMatch) : minimumShouldMatch;
            if (needed == 0) {
                return true;
            }
            int matched = 0;
            for (QueryNode node : optional) {
                if (node.matches(article) && ++matched >= needed) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public void hits(ArticleTerms article, Hits hits) {
            for (QueryNode node : required) {
                node.hits(article, hits);
            }
            for (QueryNode node : optional) {
                if (node.matches(article)) {
                    node.hits(article, hits);
                }
            }
        }

        @Override
        public Anchors anchors() {
            if (required.length > 0) {
                // any required clause will do: file under the most selective one that can be narrowed at all
                Anchors best = null;
                for (QueryNode node : required) {
                    Anchors anchors = node.anchors();
                    if (anchors != null && anchors.size() == 0) {
                        return Anchors.NEVER;
                    }
                    if (anchors != null && (best == null || anchors.weight() > best.weight())) {
                        best = anchors;
                    }
                }
                if (best != null || minimumShouldMatch == 0) {
                    return best;
                }
            }
            if (optional.length == 0) {
                return required.length == 0 ? Anchors.NEVER : null;
            }
            List<String> fields = new ArrayList<>();
            List<String> terms = new ArrayList<>();
            double weight = Double.MAX_VALUE;
            for (QueryNode node : optional) {
                Anchors anchors = node.anchors();
                if (anchors == null) {
                    return null;
                }
                for (int i = 0; i < anchors.size(); i++) {
                    fields.add(anchors.fields()[i]);
                    terms.add(anchors.terms()[i]);
                }
                if (anchors.size() > 0) {
                    weight = Math.min(weight, anchors.weight());
                }
            }
            return terms.isEmpty()
                    ? Anchors.NEVER
                    : new Anchors(fields.toArray(String[]::new), terms.toArray(String[]::new), weight);
        }
    }

    enum Constant implements QueryNode {
        ALL, NONE;

        @Override
        public boolean matches(ArticleTerms article) {
            return this == ALL;
        }

        @Override
        public void hits(ArticleTerms article, Hits hits) {
        }

        @Override
        public Anchors anchors() {
            return this == ALL ? null : Anchors.NEVER;
        }
    }

    /** Distinct text hits as field, start and end offset. */
    final class Hits {

        private int[] values = new int[12];
        private int size;

        void add(int field, int start, int end) {
            for (int i = 0; i < size; i += 3) {
                if (values[i] == field && values[i + 1] == start && values[i + 2] == end) {
                    return;
                }
            }
            if (size + 3 > values.length) {
                values = java.util.Arrays.copyOf(values, values.length * 2);
            }
            values[size++] = field;
            values[size++] = start;
            values[size++] = end;
        }

        int count() {
            return size / 3;
        }

        int field(int i) {
            return values[i * 3];
        }

        int start(int i) {
            return values[i * 3 + 1];
        }

        int end(int i) {
            return values[i * 3 + 2];
        }
    }
}
