package io.newshound.alert.story;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * MinHash signatures over word shingles of normalised text, with LSH banding: two texts whose shingle sets have Jaccard
 * similarity s share at least one band key with probability {@code 1 - (1 - s^rows)^bands}. With the default 16 bands
 * of 4 rows that is about 0.5 at s = 0.4 and above 0.99 at s = 0.7, so near-duplicates (wire copy, light rewrites) meet
 * in a bucket without comparing against every story.
 *
 * <p>
 * Hashing is seeded with constants, so signatures are the same on every run and every machine.
 */
public final class MinHash {

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");

    private final int bands;
    private final int rows;
    private final int shingleSize;
    private final long[] seeds;

    /**
     * @param bands
     *            number of LSH bands
     * @param rows
     *            hash values per band; the signature has {@code bands * rows} values
     * @param shingleSize
     *            words per shingle
     */
    public MinHash(int bands, int rows, int shingleSize) {
        if (bands < 1 || rows < 1 || shingleSize < 1) {
            throw new IllegalArgumentException("bands, rows and shingleSize must be positive");
        }
        this.bands = bands;
        this.rows = rows;
        this.shingleSize = shingleSize;
        this.seeds = new long[bands * rows];
        long state = 0x5DEECE66DL;
        for (int i = 0; i < seeds.length; i++) {
            state = mix(state + 0x9E3779B97F4A7C15L);
            seeds[i] = state;
        }
    }

    /** The signature of a text: for each seeded hash function, the minimum over the text's shingles. */
    public int[] signature(String text) {
        List<Long> shingles = shingleHashes(text);
        int[] signature = new int[seeds.length];
        Arrays.fill(signature, Integer.MAX_VALUE);
        for (long shingle : shingles) {
            for (int i = 0; i < seeds.length; i++) {
                int h = (int) (mix(shingle ^ seeds[i]) >>> 33);
                if (h < signature[i]) {
                    signature[i] = h;
                }
            }
        }
        return signature;
    }

    /** One key per band; the band index is mixed in so that equal values in different bands do not meet. */
    public long[] bandKeys(int[] signature) {
        long[] keys = new long[bands];
        for (int b = 0; b < bands; b++) {
            long h = 0xCBF29CE484222325L ^ b;
            for (int r = 0; r < rows; r++) {
                h = mix(h ^ signature[b * rows + r]);
            }
            keys[b] = h;
        }
        return keys;
    }

    /** The share of equal positions: an unbiased estimate of the Jaccard similarity of the two shingle sets. */
    public static double similarity(int[] a, int[] b) {
        if (a.length != b.length || a.length == 0) {
            return 0;
        }
        int equal = 0;
        for (int i = 0; i < a.length; i++) {
            if (a[i] == b[i] && a[i] != Integer.MAX_VALUE) {
                equal++;
            }
        }
        return (double) equal / a.length;
    }

    private List<Long> shingleHashes(String text) {
        List<String> words = new ArrayList<>();
        Matcher m = WORD.matcher(Transliteration.toLatin(text));
        while (m.find()) {
            words.add(m.group());
        }
        List<Long> hashes = new ArrayList<>(Math.max(1, words.size()));
        if (words.isEmpty()) {
            return hashes;
        }
        int size = Math.min(shingleSize, words.size());
        for (int i = 0; i + size <= words.size(); i++) {
            long h = 0xCBF29CE484222325L;
            for (int j = i; j < i + size; j++) {
                h = mix(h ^ fnv(words.get(j)));
            }
            hashes.add(h);
        }
        return hashes;
    }

    private static long fnv(String word) {
        long h = 0xCBF29CE484222325L;
        for (byte b : word.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xFF;
            h *= 0x100000001B3L;
        }
        return h;
    }

    /** SplitMix64 finaliser. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
