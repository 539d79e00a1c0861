package io.newshound.alert.matching;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

/**
 * An article analysed once for {@link TermKeywordIndex}: every text term with its occurrences (field, position,
 * offsets), and the values of the topic, language and source fields, exactly as {@link LuceneMapping} indexes them.
 * What a {@code MemoryIndex} would hold, in hash maps that answer "does the article have this term, and where" without
 * building an index.
 */
final class ArticleTerms {

    static final int TITLE = 0;
    static final int BODY = 1;

    final Article article;
    final Map<String, Occurrences> text = new HashMap<>(1024);
    final Set<String> topics;
    final String language;
    final Set<String> sources;

    ArticleTerms(Article article) {
        this.article = article;
        Analyzer analyzer = KeywordAnalyzers.forKey(KeywordAnalyzers.key(article.language()));
        analyse(analyzer, "title", article.title(), TITLE);
        analyse(analyzer, "body", article.body(), BODY);
        this.topics = article.topics().keySet();
        this.language = article.language() == null ? null : article.language().toLowerCase(Locale.ROOT);
        this.sources = Sources.ofArticle(article.source(), article.url());
    }

    /** Whether the article has the term in the field (one of the {@link LuceneMapping} field names). */
    boolean has(String field, String term) {
        return switch (field) {
            case LuceneMapping.TEXT -> text.containsKey(term);
            case LuceneMapping.TOPIC -> topics.contains(term);
            case LuceneMapping.LANGUAGE -> term.equals(language);
            case LuceneMapping.SOURCE -> sources.contains(term);
            default -> false;
        };
    }

    private void analyse(Analyzer analyzer, String fieldName, String value, int field) {
        try (TokenStream stream = analyzer.tokenStream(fieldName, value)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            OffsetAttribute offset = stream.addAttribute(OffsetAttribute.class);
            PositionIncrementAttribute increment = stream.addAttribute(PositionIncrementAttribute.class);
            stream.reset();
            int position = -1;
            while (stream.incrementToken()) {
                position += increment.getPositionIncrement();
                text.computeIfAbsent(term.toString(), t -> new Occurrences()).add(field, position,
                        offset.startOffset(), offset.endOffset());
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where one term occurs: quadruples of field, position, start offset and end offset, in text order. */
    static final class Occurrences {

        private int[] values = new int[8];
        private int size;

        private void add(int field, int position, int start, int end) {
            if (size + 4 > values.length) {
                values = Arrays.copyOf(values, values.length * 2);
            }
            values[size++] = field;
            values[size++] = position;
            values[size++] = start;
            values[size++] = end;
        }

        int count() {
            return size / 4;
        }

        int field(int i) {
            return values[i * 4];
        }

        int position(int i) {
            return values[i * 4 + 1];
        }

        int start(int i) {
            return values[i * 4 + 2];
        }

        int end(int i) {
            return values[i * 4 + 3];
        }

        /**
         * Whether the term occurs in the field at the position. Occurrences are added in text order (title, then body,
         * positions rising), so this is a binary search: phrase checks stay cheap for words that occur hundreds of
         * times.
         */
        boolean at(int field, int position) {
            int low = 0;
            int high = count() - 1;
            while (low <= high) {
                int middle = (low + high) >>> 1;
                int byField = Integer.compare(field(middle), field);
                int order = byField != 0 ? byField : Integer.compare(position(middle), position);
                if (order < 0) {
                    low = middle + 1;
                } else if (order > 0) {
                    high = middle - 1;
                } else {
                    return true;
                }
            }
            return false;
        }
    }
}
