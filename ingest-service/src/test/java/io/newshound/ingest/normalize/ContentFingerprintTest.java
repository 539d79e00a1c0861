package io.newshound.ingest.normalize;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ContentFingerprintTest {

    private static final String TITLE = "Putin agrees to Article 5-like security guarantees";
    private static final String BODY = "Putin agreed on Friday.\n\nThere is no ceasefire yet.";

    @Test
    void isTheSha256HexOfTheNormalisedText() {
        assertThat(ContentFingerprint.of(TITLE, BODY).hex()).hasSize(64).matches("[0-9a-f]{64}");
    }

    @Test
    void hashesLowerCasedTitleAndBodyJoinedByAUnitSeparator() {
        // a literal, so that a change to the folding rules shows up as a failing test, not as silent re-keying
        assertThat(ContentFingerprint.of("Putin  Agrees", "Second paragraph.\n\nThird").hex())
                .isEqualTo("d452fab00a147b8eaf3c44a8980bb432ee50f5685d8f77d100298a43e808fb5e");
    }

    @Test
    void ignoresCaseLayoutAndTypography() {
        ContentFingerprint plain = ContentFingerprint.of("It's a \"deal\" - say officials", "One two.\n\nThree.");
        ContentFingerprint styled = ContentFingerprint.of("IT\u2019S A \u201CDEAL\u201D \u2014 SAY OFFICIALS",
                "  One\u00A0two.  Three.\r\n");

        assertThat(styled).isEqualTo(plain);
    }

    @Test
    void changesWhenAWordChanges() {
        assertThat(ContentFingerprint.of(TITLE, BODY))
                .isNotEqualTo(ContentFingerprint.of(TITLE, BODY.replace("no ceasefire", "a ceasefire")));
    }

    @Test
    void changesWhenTextMovesBetweenTitleAndBody() {
        assertThat(ContentFingerprint.of("a b", "c")).isNotEqualTo(ContentFingerprint.of("a", "b c"));
    }

    @Test
    void rejectsAMalformedHexValue() {
        assertThatThrownBy(() -> new ContentFingerprint("ABC")).isInstanceOf(IllegalArgumentException.class);
    }
}
