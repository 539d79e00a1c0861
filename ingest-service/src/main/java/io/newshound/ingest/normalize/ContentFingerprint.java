package io.newshound.ingest.normalize;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.Locale;

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
        String normalized = HtmlText.normalize(text);
        // compatibility forms (ligatures, full-width letters, no-break spaces) only exist from U+00A0 on
        boolean plain = normalized.chars().allMatch(c -> c < '\u00A0');
        String s = (plain ? normalized : Normalizer.normalize(normalized, Normalizer.Form.NFKC))
                .toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(s.length());
        boolean space = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                space = true;
                continue;
            }
            if (space && out.length() > 0) {
                out.append(' ');
            }
            space = false;
            switch (c) {
                case '\u2018', '\u2019', '\u201A', '\u201B', '\u2032', '\u00B4', '`' -> out.append('\'');
                case '\u201C', '\u201D', '\u201E', '\u201F', '\u2033', '\u00AB', '\u00BB' -> out.append('"');
                case '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2015', '\u2212' -> out.append('-');
                case '\u2026' -> out.append("...");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return hex;
    }
}
