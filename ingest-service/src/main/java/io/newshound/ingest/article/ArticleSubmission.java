package io.newshound.ingest.article;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * An article as a newsroom submits it. Unknown fields are ignored.
 *
 * @param url
 *            where the article lives (http or https)
 * @param title
 *            its headline
 * @param body
 *            its text (plain text or HTML)
 * @param source
 *            the outlet; the URL's host when absent
 * @param publishedAt
 *            when it was published, with a zone offset; the time of submission when absent
 * @param language
 *            ISO 639-1 code when known (en, uk, ru, de, fr, ...)
 */
public record ArticleSubmission(
        @NotBlank @Size(max = 2048) @Pattern(regexp = "(?i)https?://\\S+", message = "must be an absolute http(s) URL") String url,
        @NotBlank @Size(max = 1000) String title,
        @NotBlank String body,
        @Size(max = 200) String source,
        @Size(max = 100) String publishedAt,
        @Pattern(regexp = "[a-z]{2,3}(-[A-Za-z0-9]{2,8})?", message = "must be an ISO 639 code such as en or uk") String language) {
}
