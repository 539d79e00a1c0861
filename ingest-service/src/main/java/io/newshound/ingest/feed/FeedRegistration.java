package io.newshound.ingest.feed;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A feed to poll, as an operator registers it. Unknown fields are ignored.
 *
 * @param url
 *            the feed document's URL (http or https); stored in canonical form
 * @param pollIntervalSeconds
 *            how often to poll it; the configured default (5 minutes) when absent, within the configured bounds (at
 *            least 60 seconds by default)
 * @param sourceName
 *            the outlet its articles are attributed to; the feed's own title (else the article's host) when absent
 * @param language
 *            ISO 639 code for items that declare none (otherwise the language is detected)
 */
public record FeedRegistration(
        @NotBlank @Size(max = 2048) @Pattern(regexp = "(?i)\\s*https?://\\S+\\s*", message = "must be an absolute http(s) URL") String url,
        Integer pollIntervalSeconds,
        @Size(max = 200) String sourceName,
        @Pattern(regexp = "[a-z]{2,3}(-[A-Za-z0-9]{2,8})?", message = "must be an ISO 639 code such as en or uk") String language) {
}
