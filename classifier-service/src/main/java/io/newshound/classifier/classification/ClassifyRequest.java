package io.newshound.classifier.classification;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * An article to classify on demand.
 *
 * @param title
 *            headline
 * @param body
 *            text; may be empty
 * @param language
 *            one of en, uk, ru, de, fr; detected when absent
 */
public record ClassifyRequest(@NotBlank @Size(max = 1000) String title, @NotNull @Size(max = 200_000) String body,
        @Pattern(regexp = "en|uk|ru|de|fr", message = "must be one of en, uk, ru, de, fr") String language) {
}
