package io.newshound.alert.matching;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.newshound.alert.matching.KeywordQuery.All;
import io.newshound.alert.matching.KeywordQuery.AnyOf;
import io.newshound.alert.matching.KeywordQuery.Not;
import io.newshound.alert.matching.KeywordQuery.Phrase;
import io.newshound.alert.matching.KeywordQuery.SourceFilter;
import io.newshound.alert.matching.KeywordQuery.Word;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KeywordQueryParserTest {

    @Test
    void readsWordsAsAllOfThem() {
        assertThat(KeywordQueryParser.parse("ceasefire  talks"))
                .isEqualTo(new All(List.of(new Word("ceasefire", 0), new Word("talks", 11)), 0));
    }

    @Test
    void acceptsAnExplicitAnd() {
        assertThat(KeywordQueryParser.parse("ceasefire AND talks"))
                .isEqualTo(new All(List.of(new Word("ceasefire", 0), new Word("talks", 14)), 0));
    }

    @Test
    void readsQuotedPhrases() {
        assertThat(KeywordQueryParser.parse("\"security guarantees\" alaska")).isEqualTo(
                new All(List.of(new Phrase("security guarantees", 0), new Word("alaska", 22)), 0));
    }

    @Test
    void bindsOrLooserThanImplicitAnd() {
        assertThat(KeywordQueryParser.parse("putin summit OR zelensky")).isEqualTo(new AnyOf(List.of(
                new All(List.of(new Word("putin", 0), new Word("summit", 6)), 0), new Word("zelensky", 16)), 0));
    }

    @Test
    void treatsPipeAsOrAndLowercaseOrAsAWord() {
        assertThat(KeywordQueryParser.parse("kyiv | kiev"))
                .isEqualTo(new AnyOf(List.of(new Word("kyiv", 0), new Word("kiev", 7)), 0));
        assertThat(KeywordQueryParser.parse("war or peace")).isInstanceOf(All.class);
    }

    @Test
    void groupsWithParentheses() {
        assertThat(KeywordQueryParser.parse("(kyiv OR kiev) \"land swap\"")).isEqualTo(new All(List.of(
                new AnyOf(List.of(new Word("kyiv", 1), new Word("kiev", 9)), 1), new Phrase("land swap", 15)), 0));
    }

    @Test
    void readsExclusionsOfWordsPhrasesAndGroups() {
        assertThat(KeywordQueryParser.parse("bitcoin -etf -\"price prediction\" -(scam OR fraud)"))
                .isEqualTo(new All(List.of(new Word("bitcoin", 0), new Not(new Word("etf", 9), 8),
                        new Not(new Phrase("price prediction", 14), 13),
                        new Not(new AnyOf(List.of(new Word("scam", 35), new Word("fraud", 43)), 35), 33)), 0));
    }

    @Test
    void keepsHyphensInsideWords() {
        assertThat(KeywordQueryParser.parse("article-5")).isEqualTo(new Word("article-5", 0));
    }

    @Test
    void readsSiteAndSourceFilters() {
        assertThat(KeywordQueryParser.parse("site:reuters.com SOURCE:\"Example Wire\" -site:tabloid.example"))
                .isEqualTo(new All(List.of(new SourceFilter("reuters.com", 0),
                        new SourceFilter("Example Wire", 17),
                        new Not(new SourceFilter("tabloid.example", 40), 39)), 0));
    }

    @Test
    void rejectsAnEmptyQuery() {
        assertInvalid("   ", 0, "query is empty");
    }

    @Test
    void rejectsAnUnclosedQuoteAtTheQuote() {
        assertInvalid("ukraine \"land swap", 8, "'\"' is never closed");
    }

    @Test
    void rejectsAnUnclosedParenthesisAtTheParenthesis() {
        assertInvalid("a (b OR c", 2, "'(' is never closed");
    }

    @Test
    void rejectsAStrayClosingParenthesis() {
        assertInvalid("a b) c", 3, "unexpected ')' without matching '('");
    }

    @Test
    void rejectsEmptyParentheses() {
        assertInvalid("a ()", 3, "expected a word, phrase or group");
    }

    @Test
    void rejectsOrWithoutBothSides() {
        assertInvalid("OR kyiv", 0, "expected a word, phrase or group");
        assertInvalid("kyiv OR", 5, "OR needs a word, phrase or group on both sides");
        assertInvalid("kyiv OR OR kiev", 5, "OR needs a word, phrase or group on both sides");
    }

    @Test
    void rejectsADanglingMinus() {
        assertInvalid("ukraine - russia", 8, "'-' must be directly followed by the word, phrase or group to exclude");
    }

    @Test
    void rejectsASourceFilterWithoutValue() {
        assertInvalid("ukraine site:", 8, "'site:' needs a source name or host");
    }

    @Test
    void rejectsWordsWithoutLettersOrDigits() {
        assertInvalid("ukraine &&", 8, "'&&' has no letters or digits to search for");
        assertInvalid("\" ! \"", 0, "phrase has no letters or digits to search for");
    }

    @Test
    void rejectsAQueryOverTheLengthLimit() {
        assertInvalid("a".repeat(KeywordQueryParser.MAX_LENGTH + 1), KeywordQueryParser.MAX_LENGTH,
                "query is longer than 500 characters");
    }

    @Test
    void rejectsAQueryOverTheTermLimitAtTheFirstTermTooMany() {
        String query = "w ".repeat(KeywordQueryParser.MAX_TERMS) + "last";
        assertInvalid(query, 2 * KeywordQueryParser.MAX_TERMS, "query has more than 32 terms");
    }

    @Test
    void countsEveryWordOfAPhraseAgainstTheTermLimit() {
        String phrase = "\"" + "w ".repeat(KeywordQueryParser.MAX_TERMS).trim() + "\"";
        assertThat(KeywordQueryParser.parse(phrase)).isInstanceOf(Phrase.class);
        assertInvalid(phrase + " extra", phrase.length() + 1, "query has more than 32 terms");
    }

    @Test
    void rejectsParenthesesNestedTooDeep() {
        String query = "(".repeat(KeywordQueryParser.MAX_DEPTH + 1) + "a"
                + ")".repeat(KeywordQueryParser.MAX_DEPTH + 1);
        assertInvalid(query, KeywordQueryParser.MAX_DEPTH, "parentheses are nested deeper than 8");
    }

    @Test
    void saysWhereTheProblemIsInTheMessage() {
        assertThatThrownBy(() -> KeywordQueryParser.parse("a (b"))
                .hasMessage("'(' is never closed (at position 2)");
    }

    private static void assertInvalid(String query, int position, String reason) {
        assertThatThrownBy(() -> KeywordQueryParser.parse(query)).isInstanceOfSatisfying(
                InvalidKeywordQueryException.class, e -> {
                    assertThat(e.reason()).isEqualTo(reason);
                    assertThat(e.position()).isEqualTo(position);
                });
    }
}
