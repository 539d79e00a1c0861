package io.newshound.alert.story;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class KeyTermsTest {

    @Test
    void writesANameTheSameInCyrillicAndLatin() {
        assertThat(KeyTerms.key("Путін")).isEqualTo(KeyTerms.key("Putin")).isEqualTo(KeyTerms.key("Путин"));
        assertThat(KeyTerms.key("Аляска")).isEqualTo(KeyTerms.key("Alaska"));
        assertThat(KeyTerms.key("Харків")).isEqualTo(KeyTerms.key("Kharkiv")).isEqualTo(KeyTerms.key("Charkiw"));
        assertThat(KeyTerms.key("Зеленський")).isEqualTo(KeyTerms.key("Zelensky"))
                .isEqualTo(KeyTerms.key("Selenskyj"));
    }

    @Test
    void cutsCyrillicCaseEndings() {
        assertThat(KeyTerms.key("Путіним")).isEqualTo(KeyTerms.key("Putin"));
        assertThat(KeyTerms.key("Зеленського")).isEqualTo(KeyTerms.key("Zelensky"));
        assertThat(KeyTerms.key("Аляски")).isEqualTo(KeyTerms.key("Alaska"));
    }

    @Test
    void findsThePlaceBehindACyrillicAdjective() {
        assertThat(KeyTerms.keys("Чорнобильської")).contains(KeyTerms.key("Chernobyl"));
        assertThat(KeyTerms.keys("Харківська")).contains(KeyTerms.key("Kharkiv"));
        assertThat(KeyTerms.keys("Одеської")).contains(KeyTerms.key("Odesa"));
    }

    @Test
    void readsDigitGroupsTheSameInEveryLanguage() {
        assertThat(KeyTerms.of("340,000 without power", "")).containsExactly("#340000");
        assertThat(KeyTerms.of("340 000 sans électricité", "")).containsExactly("#340000");
        // German capitalises nouns, so "Strom" is a key term too
        assertThat(KeyTerms.of("340.000 ohne Strom", "")).containsExactly("#340000", KeyTerms.key("Strom"));
    }

    @Test
    void ignoresFunctionWordsAndLowerCaseWords() {
        assertThat(KeyTerms.of("The talks in Anchorage", "after the summit")).containsExactly(
                KeyTerms.key("Anchorage"));
        assertThat(KeyTerms.of("Die Gespräche", "")).containsExactly(KeyTerms.key("Gespräche"));
    }
}
