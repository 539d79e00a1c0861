package io.newshound.ingest.normalize;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A SHA-256 fingerprint of an article's title and body, for spotting exact duplicates: the same story syndicated under
 * several URLs, or re-sent unchanged.
 * <p>
 * Before hashing, both parts are {@linkplain HtmlText#normalize(String) normalised}, then compatibility-folded (NFKC),
 * lower-cased, typographic quotes, apostrophes and dashes are mapped to their ASCII forms and all whitespace collapses
 * to single spaces. So differences in case, line wrapping, paragraph layout, {@code &nbsp;} or curly quotes do not
 * change the fingerprint; any change of words does. Title and body are hashed with a separator, so text moving between
 * them does change it.
 *
 * @param hex
 *            64 lower-case hex digits
 */
public record ContentFingerprint(String hex) {

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final char SEPARATOR = '\u001F';

    /**
     * Validates the hex form.
     *
     * @param hex
     *            64 lower-case hex digits
     */
    public ContentFingerprint {
        if (hex == null || !hex.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("a content fingerprint is 64 lower-case hex digits, not " + hex);
        }
    }

    /**
     * Computes the fingerprint of an article.
     *
     * @param title
     *            plain-text title; {@code null} counts as empty
     * @param body
     *            plain-text body; {@code null} counts as empty
     * @return the fingerprint
     */
    public static ContentFingerprint of(String title, String body) {
        String canonical = fold(title) + SEPARATOR + fold(body);
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return new ContentFingerprint(
                    HexFormat.of().formatHex(sha256.digest(canonical.getBytes(StandardCharsets.UTF_8))));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }

    private static String fold(String text) {
        String s = Normalizer.normalize(HtmlText.normalize(text), Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\u2018', '\u2019', '\u201A', '\u201B', '\u2032', '\u00B4', '`' -> out.append('\'');
                case '\u201C', '\u201D', '\u201E', '\u201F', '\u2033', '\u00AB', '\u00BB' -> out.append('"');
                case '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2015', '\u2212' -> out.append('-');
                case '\u2026' -> out.append("...");
                default -> out.append(c);
            }
        }
        return WHITESPACE.matcher(out).replaceAll(" ").strip();
    }

    @Override
    public String toString() {
        return hex;
    }
}
