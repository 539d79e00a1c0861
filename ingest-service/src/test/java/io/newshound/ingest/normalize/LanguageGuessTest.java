package io.newshound.ingest.normalize;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class LanguageGuessTest {

    private final LanguageGuess guess = new LanguageGuess();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "en|Putin agreed to security guarantees for Ukraine at the Alaska summit on Friday, officials said.",
            "uk|Президент заявив, що переговори щодо гарантій безпеки для України тривають, але перемир'я поки немає.",
            "ru|Президент заявил, что переговоры о гарантиях безопасности для Украины продолжаются, но перемирия пока нет.",
            "de|Die Bundesregierung hat am Freitag neue Sicherheitsgarantien für die Ukraine angekündigt, hieß es.",
            "fr|Le gouvernement a annoncé vendredi de nouvelles garanties de sécurité pour l'Ukraine, selon des sources."})
    void recognisesTheCoveredLanguages(String expected, String text) {
        assertThat(guess.languageOf(text)).isEqualTo(expected);
    }

    @Test
    void tellsUkrainianFromRussianByTheirOwnLetters() {
        assertThat(guess.languageOf("Їжак і ґанок: її історія в Києві")).isEqualTo("uk");
        assertThat(guess.languageOf("Съешь же ещё этих мягких французских булок")).isEqualTo("ru");
    }

    @Test
    void saysUnknownForTooLittleText() {
        assertThat(guess.guess("OK")).isEqualTo(new LanguageGuess.Guess(LanguageGuess.UNKNOWN, 0));
        assertThat(guess.languageOf("12:30 - 14:45 / 2026")).isEqualTo(LanguageGuess.UNKNOWN);
        assertThat(guess.languageOf(null)).isEqualTo(LanguageGuess.UNKNOWN);
    }

    @Test
    void saysUnknownWhenTheBestLanguageDoesNotStandOut() {
        LanguageGuess demanding = new LanguageGuess(1.0);

        LanguageGuess.Guess result = demanding.guess("Taxi Hotel Restaurant Radio Internet Computer");

        assertThat(result.language()).isEqualTo(LanguageGuess.UNKNOWN);
        assertThat(result.confidence()).isLessThan(1.0);
    }

    @Test
    void reportsAConfidenceBetweenZeroAndOne() {
        LanguageGuess.Guess result = guess.guess("The quick brown fox jumps over the lazy dog near the river bank.");

        assertThat(result.language()).isEqualTo("en");
        assertThat(result.confidence()).isBetween(LanguageGuess.DEFAULT_MINIMUM_CONFIDENCE, 1.0);
    }

    @Test
    void canLoadItsModelsAhead() {
        LanguageGuess.preload();

        assertThat(guess.languageOf("Президент заявив, що переговори тривають.")).isEqualTo("uk");
    }

    @Test
    void canBeSharedBetweenThreads() {
        List<String> texts = List.of("The government announced new measures on Friday afternoon.",
                "Die Regierung hat am Freitag neue Maßnahmen angekündigt.",
                "Le gouvernement a annoncé de nouvelles mesures vendredi.");
        List<CompletableFuture<String>> results = IntStream.range(0, 24)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> guess.languageOf(texts.get(i % 3)))).toList();

        assertThat(results.stream().map(CompletableFuture::join).toList())
                .containsExactlyElementsOf(IntStream.range(0, 24).mapToObj(i -> List.of("en", "de", "fr").get(i % 3))
                        .toList());
    }
}
