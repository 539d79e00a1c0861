package io.newshound.alert.matching;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.core.KeywordTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.MultiReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * How subscriptions and articles are expressed in Lucene: one document per article with the fields below, one query per
 * subscription. Public so that comparisons (the benchmark baseline) use exactly the same mapping.
 */
public final class LuceneMapping {

    /** Title and body, analysed with the article language's analyzer; the body follows the title. */
    public static final String TEXT = "text";
    /** One untokenized value per topic slug of the article. */
    public static final String TOPIC = "topic";
    /** The article language code, lowercase. */
    public static final String LANGUAGE = "lang";
    /** The article's source name and URL host forms, see {@link Sources#ofArticle}. */
    public static final String SOURCE = "source";

    /** Keeps phrases from spanning the end of the title and the start of the body. */
    static final int TITLE_BODY_POSITION_GAP = 100;

    private static final Analyzer DOCUMENT_ANALYZER = new Analyzer() {
        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            return new TokenStreamComponents(new KeywordTokenizer());
        }

        @Override
        public int getPositionIncrementGap(String fieldName) {
            return TEXT.equals(fieldName) ? TITLE_BODY_POSITION_GAP : 0;
        }
    };

    /** Rewrites need no index for the query types compiled here; done once at registration, not per candidate. */
    private static final IndexSearcher REWRITER = emptySearcher();

    private LuceneMapping() {
    }

    /**
     * The analyzer to give a {@code Monitor} or {@code MemoryIndex} for documents built by
     * {@link #articleDocument(Article)}; the text arrives already analysed.
     */
    public static Analyzer documentAnalyzer() {
        return DOCUMENT_ANALYZER;
    }

    /** The article as a Lucene document (single use: the text fields are token streams). */
    public static Document articleDocument(Article article) {
        return ArticleDocument.of(article).document();
    }

    /**
     * The whole subscription as one Lucene query: keyword query, topic presence, language and source filters (the
     * minimum topic score is not expressible and stays a check on the matches).
     *
     * @throws InvalidKeywordQueryException
     *             when the keyword query does not parse
     */
    public static Query subscriptionQuery(SubscriptionCriteria subscription) {
        Query keywords = subscription.hasQuery()
                ? keywordQuery(KeywordQueryParser.parse(subscription.query()), languageKeys(subscription.languages()))
                : null;
        return subscriptionQuery(subscription, keywords);
    }

    static Query subscriptionQuery(SubscriptionCriteria subscription, Query keywords) {
        BooleanQuery.Builder query = new BooleanQuery.Builder();
        List<Query> required = new ArrayList<>(4);
        if (keywords != null) {
            required.add(keywords);
        }
        List<String> topics = subscription.topics().stream().sorted().toList();
        if (subscription.topicMode() == TopicMode.ALL_OF) {
            topics.forEach(topic -> required.add(new TermQuery(new Term(TOPIC, topic))));
        } else if (!topics.isEmpty()) {
            required.add(anyTerm(TOPIC, topics));
        }
        if (!subscription.languages().isEmpty()) {
            required.add(anyTerm(LANGUAGE,
                    subscription.languages().stream().map(l -> l.toLowerCase(Locale.ROOT)).sorted().toList()));
        }
        if (!subscription.includeSources().isEmpty()) {
            required.add(anyTerm(SOURCE, subscription.includeSources().stream().map(Sources::normalize).sorted()
                    .toList()));
        }
        if (required.size() == 1 && subscription.excludeSources().isEmpty()) {
            return required.get(0);
        }
        required.forEach(clause -> query.add(clause, Occur.MUST));
        subscription.excludeSources().stream().map(Sources::normalize).sorted()
                .forEach(source -> query.add(new TermQuery(new Term(SOURCE, source)), Occur.MUST_NOT));
        return query.build();
    }

    /** Analyzer keys a keyword query is compiled for: the subscription's languages, or every language. */
    static List<String> languageKeys(Set<String> languages) {
        if (languages.isEmpty()) {
            List<String> all = new ArrayList<>(KeywordAnalyzers.SUPPORTED);
            all.add(KeywordAnalyzers.OTHER);
            return all;
        }
        return languages.stream().map(KeywordAnalyzers::key).distinct().sorted().toList();
    }

    /**
     * Compiles a parsed keyword query. Each word or phrase becomes the alternatives of its analysed forms in the given
     * languages: an article is analysed with its own language's analyzer, so only the form for that language can hit.
     */
    static Query keywordQuery(KeywordQuery node, Collection<String> languageKeys) {
        if (node instanceof KeywordQuery.Word word) {
            return textQuery(word.text(), languageKeys);
        }
        if (node instanceof KeywordQuery.Phrase phrase) {
            return textQuery(phrase.text(), languageKeys);
        }
        if (node instanceof KeywordQuery.SourceFilter source) {
            return new TermQuery(new Term(SOURCE, Sources.normalize(source.value())));
        }
        if (node instanceof KeywordQuery.Not) {
            return conjunction(List.of(node), languageKeys);
        }
        if (node instanceof KeywordQuery.All all) {
            return conjunction(all.clauses(), languageKeys);
        }
        KeywordQuery.AnyOf any = (KeywordQuery.AnyOf) node;
        BooleanQuery.Builder query = new BooleanQuery.Builder();
        any.alternatives().forEach(alternative -> query.add(keywordQuery(alternative, languageKeys), Occur.SHOULD));
        return query.build();
    }

    private static Query conjunction(List<KeywordQuery> clauses, Collection<String> languageKeys) {
        BooleanQuery.Builder query = new BooleanQuery.Builder();
        boolean positive = false;
        for (KeywordQuery clause : clauses) {
            if (clause instanceof KeywordQuery.Not not) {
                query.add(keywordQuery(not.clause(), languageKeys), Occur.MUST_NOT);
            } else {
                query.add(keywordQuery(clause, languageKeys), Occur.MUST);
                positive = true;
            }
        }
        if (!positive) {
            query.add(new MatchAllDocsQuery(), Occur.MUST);
        }
        return query.build();
    }

    private static Query textQuery(String text, Collection<String> languageKeys) {
        Set<Query> forms = new LinkedHashSet<>();
        for (String key : languageKeys) {
            Query form = analysedForm(text, KeywordAnalyzers.forKey(key));
            if (form != null) {
                forms.add(form);
            }
        }
        if (forms.isEmpty()) {
            return new MatchNoDocsQuery("no searchable tokens in '" + text + "'");
        }
        if (forms.size() == 1) {
            return forms.iterator().next();
        }
        BooleanQuery.Builder query = new BooleanQuery.Builder();
        forms.forEach(form -> query.add(form, Occur.SHOULD));
        return query.build();
    }

    private static Query analysedForm(String text, Analyzer analyzer) {
        PhraseQuery.Builder phrase = new PhraseQuery.Builder();
        Term single = null;
        int tokens = 0;
        try (TokenStream stream = analyzer.tokenStream("query", text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            PositionIncrementAttribute increment = stream.addAttribute(PositionIncrementAttribute.class);
            stream.reset();
            int position = -1;
            while (stream.incrementToken()) {
                position += Math.max(1, increment.getPositionIncrement());
                single = new Term(TEXT, term.toString());
                phrase.add(single, position);
                tokens++;
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (tokens == 0) {
            return null;
        }
        return tokens == 1 ? new TermQuery(single) : phrase.build();
    }

    private static Query anyTerm(String field, List<String> values) {
        if (values.size() == 1) {
            return new TermQuery(new Term(field, values.get(0)));
        }
        BooleanQuery.Builder query = new BooleanQuery.Builder();
        values.forEach(value -> query.add(new TermQuery(new Term(field, value)), Occur.SHOULD));
        return query.build();
    }

    /**
     * An article document plus what is needed to map hit offsets back to title and body: the text field holds the
     * title, then the body one character further on (the offset gap) when the title produced tokens.
     */
    static final class ArticleDocument {

        private final Document document;
        private final TokenCounter titleTokens;
        private final String title;
        private final String body;

        private ArticleDocument(Document document, TokenCounter titleTokens, String title, String body) {
            this.document = document;
            this.titleTokens = titleTokens;
            this.title = title;
            this.body = body;
        }

        static ArticleDocument of(Article article) {
            Analyzer analyzer = KeywordAnalyzers.forKey(KeywordAnalyzers.key(article.language()));
            Document document = new Document();
            TokenCounter titleTokens = new TokenCounter(analyzer.tokenStream("title", article.title()));
            document.add(new TextField(TEXT, titleTokens));
            document.add(new TextField(TEXT, analyzer.tokenStream("body", article.body())));
            for (Map.Entry<String, Double> topic : article.topics().entrySet()) {
                document.add(new StringField(TOPIC, topic.getKey(), Field.Store.NO));
            }
            if (article.language() != null) {
                document.add(new StringField(LANGUAGE, article.language().toLowerCase(Locale.ROOT), Field.Store.NO));
            }
            for (String source : Sources.ofArticle(article.source(), article.url())) {
                document.add(new StringField(SOURCE, source, Field.Store.NO));
            }
            return new ArticleDocument(document, titleTokens, article.title(), article.body());
        }

        Document document() {
            return document;
        }

        /** Maps a character range of the text field to title or body; valid once the document was indexed. */
        SubscriptionMatch.KeywordHit hit(int start, int end) {
            if (titleTokens.count > 0 && start < title.length()) {
                return new SubscriptionMatch.KeywordHit(SubscriptionMatch.ArticleField.TITLE, start, end,
                        title.substring(start, Math.min(end, title.length())));
            }
            int base = titleTokens.count > 0 ? title.length() + DOCUMENT_ANALYZER.getOffsetGap(TEXT) : 0;
            int from = Math.max(0, start - base);
            int to = Math.min(body.length(), end - base);
            return new SubscriptionMatch.KeywordHit(SubscriptionMatch.ArticleField.BODY, from, to,
                    body.substring(from, Math.max(from, to)));
        }
    }

    private static final class TokenCounter extends TokenFilter {

        private int count;

        TokenCounter(TokenStream input) {
            super(input);
        }

        @Override
        public boolean incrementToken() throws IOException {
            if (input.incrementToken()) {
                count++;
                return true;
            }
            return false;
        }
    }

    /** The query in the form it is registered: rewritten once, so that candidates need no rewrite. */
    static Query rewritten(Query query) {
        try {
            return REWRITER.rewrite(query);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static IndexSearcher emptySearcher() {
        try {
            return new IndexSearcher(new MultiReader());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
