package io.newshound.classifier.classification;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class UkrainianLightStemFilterTest {

    @Test
    void bringsInflectedFormsOfANounToOneStem() {
        assertThat(UkrainianLightStemFilter.stem("перемир'я")).isEqualTo("перемир");
        assertThat(UkrainianLightStemFilter.stem("перемир’ям")).isEqualTo("перемир");
        assertThat(UkrainianLightStemFilter.stem("санкції")).isEqualTo(UkrainianLightStemFilter.stem("санкціями"));
        assertThat(UkrainianLightStemFilter.stem("полоненими")).isEqualTo(UkrainianLightStemFilter.stem("полонених"));
    }

    @Test
    void keepsShortWordsAsTheyAre() {
        assertThat(UkrainianLightStemFilter.stem("не")).isEqualTo("не");
        assertThat(UkrainianLightStemFilter.stem("гес")).isEqualTo("гес");
    }
}
