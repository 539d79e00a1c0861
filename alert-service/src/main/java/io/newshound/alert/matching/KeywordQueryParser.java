package io.newshound.alert.matching;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Parses keyword queries written the way people know from news alerts:
 * <ul>
 * <li>{@code ceasefire talks}: all words (AND is implicit; an explicit {@code AND} is accepted)</li>
 * <li>{@code "security guarantees"}: a phrase</li>
 * <li>{@code ukraine OR kyiv}, {@code ukraine | kyiv}: either side ({@code OR} in capitals)</li>
 * <li>{@code (ukraine OR kyiv) summit}: grouping</li>
 * <li>{@code -crypto}, {@code -"press release"}, {@code -(a OR b)}: exclusion</li>
 * <li>{@code site:reuters.com}, {@code source:"Example Wire"}: the article's URL host (or a parent domain) or source
 * name</li>
 * </ul>
 * Matching is case-insensitive. Limits: {@value #MAX_LENGTH} characters, {@value #MAX_TERMS} terms (words, phrase words
 * and source filters), parentheses nested {@value #MAX_DEPTH} deep.
 */
public final class KeywordQueryParser {

    /** Longest accepted query, in characters. */
    public static final int MAX_LENGTH = 500;
    /** Most words (counting each word of a phrase) and source filters in one query. */
    public static final int MAX_TERMS = 32;
    /** Deepest accepted nesting of parentheses. */
    public static final int MAX_DEPTH = 8;

    private enum Kind {
        OPEN, CLOSE, OR, AND, NOT, WORD, PHRASE, SOURCE
    }

    private record Token(Kind kind, String text, int start) {
    }

    private final String query;
    private final List<Token> tokens;
    private int next;
    private int terms;

    private KeywordQueryParser(String query, List<Token> tokens) {
        this.query = query;
        this.tokens = tokens;
    }

    /**
     * Parses and checks a query.
     *
     * @throws InvalidKeywordQueryException
     *             with the position of the first problem
     */
    public static KeywordQuery parse(String query) {
        if (query == null || query.isBlank()) {
            throw new InvalidKeywordQueryException("query is empty", 0);
        }
        if (query.length() > MAX_LENGTH) {
            throw new InvalidKeywordQueryException("query is longer than " + MAX_LENGTH + " characters", MAX_LENGTH);
        }
        KeywordQueryParser parser = new KeywordQueryParser(query, tokenize(query));
        KeywordQuery parsed = parser.alternatives();
        if (parser.peek() != null) {
            Token extra = parser.peek();
            throw new InvalidKeywordQueryException("unexpected ')' without matching '('", extra.start());
        }
        return parsed;
    }

    private KeywordQuery alternatives() {
        int start = peek() == null ? query.length() : peek().start();
        List<KeywordQuery> alternatives = new ArrayList<>();
        alternatives.add(conjunction());
        while (peekIs(Kind.OR)) {
            Token or = tokens.get(next++);
            Token after = peek();
            if (after == null || after.kind() == Kind.CLOSE || after.kind() == Kind.OR) {
                throw new InvalidKeywordQueryException("OR needs a word, phrase or group on both sides", or.start());
            }
            alternatives.add(conjunction());
        }
        return alternatives.size() == 1
                ? alternatives.get(0)
                : new KeywordQuery.AnyOf(List.copyOf(alternatives), start);
    }

    private KeywordQuery conjunction() {
        List<KeywordQuery> clauses = new ArrayList<>();
        int start = -1;
        while (peek() != null && !peekIs(Kind.CLOSE) && !peekIs(Kind.OR)) {
            if (peekIs(Kind.AND)) {
                next++;
                continue;
            }
            if (start < 0) {
                start = peek().start();
            }
            clauses.add(unary());
        }
        if (clauses.isEmpty()) {
            int at = peek() == null ? query.length() : peek().start();
            throw new InvalidKeywordQueryException("expected a word, phrase or group", at);
        }
        return clauses.size() == 1 ? clauses.get(0) : new KeywordQuery.All(List.copyOf(clauses), start);
    }

    private KeywordQuery unary() {
        if (peekIs(Kind.NOT)) {
            Token not = tokens.get(next++);
            return new KeywordQuery.Not(unary(), not.start());
        }
        return primary();
    }

    private KeywordQuery primary() {
        Token token = tokens.get(next++);
        switch (token.kind()) {
            case OPEN -> {
                int depth = depthAt(token);
                if (depth > MAX_DEPTH) {
                    throw new InvalidKeywordQueryException("parentheses are nested deeper than " + MAX_DEPTH,
                            token.start());
                }
                KeywordQuery inner = alternatives();
                if (!peekIs(Kind.CLOSE)) {
                    throw new InvalidKeywordQueryException("'(' is never closed", token.start());
                }
                next++;
                return inner;
            }
            case WORD -> {
                countTerms(1, token);
                return new KeywordQuery.Word(token.text(), token.start());
            }
            case PHRASE -> {
                countTerms(token.text().split("\\s+").length, token);
                return new KeywordQuery.Phrase(token.text(), token.start());
            }
            case SOURCE -> {
                countTerms(1, token);
                return new KeywordQuery.SourceFilter(token.text(), token.start());
            }
            case CLOSE -> throw new InvalidKeywordQueryException("unexpected ')' without matching '('", token.start());
            default -> throw new InvalidKeywordQueryException("expected a word, phrase or group", token.start());
        }
    }

    private int depthAt(Token open) {
        int depth = 0;
        for (int i = 0; i < next; i++) {
            Kind kind = tokens.get(i).kind();
            if (kind == Kind.OPEN) {
                depth++;
            } else if (kind == Kind.CLOSE) {
                depth--;
            }
        }
        return depth;
    }

    private void countTerms(int count, Token token) {
        terms += count;
        if (terms > MAX_TERMS) {
            throw new InvalidKeywordQueryException("query has more than " + MAX_TERMS + " terms", token.start());
        }
    }

    private Token peek() {
        return next < tokens.size() ? tokens.get(next) : null;
    }

    private boolean peekIs(Kind kind) {
        Token token = peek();
        return token != null && token.kind() == kind;
    }

    private static List<Token> tokenize(String query) {
        List<Token> tokens = new ArrayList<>();
        int length = query.length();
        int i = 0;
        while (i < length) {
            char c = query.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '(') {
                tokens.add(new Token(Kind.OPEN, "(", i++));
            } else if (c == ')') {
                tokens.add(new Token(Kind.CLOSE, ")", i++));
            } else if (c == '|') {
                tokens.add(new Token(Kind.OR, "|", i++));
            } else if (c == '"') {
                int close = closingQuote(query, i);
                tokens.add(new Token(Kind.PHRASE, phraseText(query, i, close), i));
                i = close + 1;
            } else if (c == '-') {
                if (i + 1 >= length || Character.isWhitespace(query.charAt(i + 1))) {
                    throw new InvalidKeywordQueryException(
                            "'-' must be directly followed by the word, phrase or group to exclude", i);
                }
                tokens.add(new Token(Kind.NOT, "-", i++));
            } else {
                int start = i;
                while (i < length && !Character.isWhitespace(query.charAt(i)) && "()\"".indexOf(query.charAt(i)) < 0) {
                    i++;
                }
                String word = query.substring(start, i);
                String prefix = sourcePrefix(word);
                if (word.equals("OR")) {
                    tokens.add(new Token(Kind.OR, word, start));
                } else if (word.equals("AND")) {
                    tokens.add(new Token(Kind.AND, word, start));
                } else if (prefix != null) {
                    String value = word.substring(prefix.length());
                    if (value.isEmpty() && i < length && query.charAt(i) == '"') {
                        int close = closingQuote(query, i);
                        value = phraseText(query, i, close);
                        i = close + 1;
                    }
                    if (!hasLetterOrDigit(value)) {
                        throw new InvalidKeywordQueryException("'" + prefix + "' needs a source name or host", start);
                    }
                    tokens.add(new Token(Kind.SOURCE, value.trim(), start));
                } else {
                    if (!hasLetterOrDigit(word)) {
                        throw new InvalidKeywordQueryException("'" + word + "' has no letters or digits to search for",
                                start);
                    }
                    tokens.add(new Token(Kind.WORD, word, start));
                }
            }
        }
        return tokens;
    }

    private static String sourcePrefix(String word) {
        String lower = word.toLowerCase(Locale.ROOT);
        if (lower.startsWith("site:")) {
            return word.substring(0, 5);
        }
        if (lower.startsWith("source:")) {
            return word.substring(0, 7);
        }
        return null;
    }

    private static int closingQuote(String query, int open) {
        int close = query.indexOf('"', open + 1);
        if (close < 0) {
            throw new InvalidKeywordQueryException("'\"' is never closed", open);
        }
        return close;
    }

    private static String phraseText(String query, int open, int close) {
        String text = query.substring(open + 1, close).trim();
        if (!hasLetterOrDigit(text)) {
            throw new InvalidKeywordQueryException("phrase has no letters or digits to search for", open);
        }
        return text;
    }

    private static boolean hasLetterOrDigit(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isLetterOrDigit(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }
}
