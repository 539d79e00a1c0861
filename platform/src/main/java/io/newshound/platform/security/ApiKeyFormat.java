package io.newshound.platform.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one shape of a Newshound API key, {@code nhk_<prefix>_<secret>}, and how it is stored: the prefix in clear (to
 * find the row) and the SHA-256 of the whole key (to check it), never the key itself. A high-entropy random key needs
 * no slow password hash: guessing one is hopeless, and the lookup stays cheap on every request.
 */
public final class ApiKeyFormat {

    private static final Pattern KEY = Pattern.compile("nhk_([a-z0-9]{10})_([A-Za-z0-9]{32})");
    private static final char[] ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
            .toCharArray();
    private static final char[] PREFIX_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiKeyFormat() {
    }

    /**
     * A freshly issued key.
     *
     * @param prefix
     *            stored in clear and unique: finds the key's row
     * @param key
     *            the whole key, to hand to its owner once and then forget
     * @param hash
     *            hex SHA-256 of the whole key, the only form that is stored
     */
    public record IssuedKey(String prefix, String key, String hash) {
    }

    /** @return a new random key with its prefix and hash */
    public static IssuedKey issue() {
        String prefix = random(PREFIX_ALPHABET, 10);
        String key = "nhk_" + prefix + "_" + random(ALPHABET, 32);
        return new IssuedKey(prefix, key, sha256(key));
    }

    /** @return the lookup prefix of a presented key, or empty when it does not have the shape of a key */
    public static Optional<String> prefixOf(String presented) {
        if (presented == null) {
            return Optional.empty();
        }
        Matcher m = KEY.matcher(presented);
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** @return whether {@code presentedHash} equals the stored hash, compared in constant time */
    public static boolean hashMatches(String storedHash, String presentedHash) {
        return storedHash != null && MessageDigest.isEqual(
                storedHash.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII),
                presentedHash.getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * @return whether the presented key is the deployment's configured (bootstrap) key, compared in constant time;
     *         never true when none is configured
     */
    public static boolean isConfiguredKey(Optional<String> configured, String presented) {
        return configured.isPresent() && !configured.get().isBlank() && presented != null && MessageDigest.isEqual(
                configured.get().getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
    }

    /** @return the hex SHA-256 of a string's UTF-8 bytes */
    public static String sha256(String s) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String random(char[] alphabet, int length) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = alphabet[RANDOM.nextInt(alphabet.length)];
        }
        return new String(out);
    }
}
