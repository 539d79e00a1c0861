package io.newshound.alert.story.eval;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import io.newshound.alert.story.StoryArticle;

/**
 * Random news-like articles for load: titles and bodies mix lower-case filler with capitalised names drawn from a
 * skewed distribution, so a few names are everywhere (like "Ukraine") and most are rare.
 */
final class SyntheticStoryArticles {

    private static final String[] SYLLABLES = {"ka", "ro", "mi", "tan", "vel", "sor", "ul", "bek", "dra", "no",
            "zi", "pol", "gar", "en", "lu", "shi", "ter", "ma", "dov", "ri", "ox", "fen", "ba", "kul"};
    private static final String[] TOPICS = {"war", "economy", "elections", "sport", "weather", "space", "crime",
            "health", "energy", "diplomacy"};
    private static final int NAMES = 200_000;
    private static final int FILLER = 5_000;

    private final Random random;

    SyntheticStoryArticles(Random random) {
        this.random = random;
    }

    StoryArticle article(int n, Instant at) {
        StringBuilder title = new StringBuilder();
        StringBuilder body = new StringBuilder();
        words(title, 9, 3);
        for (int s = 0; s < 4; s++) {
            words(body, 14, 3);
            body.append(". ");
        }
        return new StoryArticle(id(n), title.toString(), body.toString(), "Outlet " + random.nextInt(300),
                "https://example.com/" + n, "en", at, topics());
    }

    private Map<String, Double> topics() {
        int first = random.nextInt(TOPICS.length);
        int second = (first + 1 + random.nextInt(TOPICS.length - 1)) % TOPICS.length;
        return Map.of(TOPICS[first], 0.9, TOPICS[second], 0.6);
    }

    /** The same text with a different outlet and a sentence appended, as a rewrite would look. */
    StoryArticle rewrite(StoryArticle original, int n, Instant at) {
        StringBuilder extra = new StringBuilder();
        words(extra, 10, 2);
        return new StoryArticle(id(n), original.title(), original.body() + " " + extra, "Outlet " + random.nextInt(300),
                "https://example.com/" + n, original.language(), at, original.topics());
    }

    private void words(StringBuilder out, int count, int names) {
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                out.append(' ');
            }
            if (i % (count / names) == 1) {
                out.append(capitalised(word(skewed(NAMES))));
            } else {
                out.append(word(random.nextInt(FILLER) + NAMES));
            }
        }
    }

    /** Roughly Zipf-like: small ranks are much more likely than large ones. */
    private int skewed(int n) {
        double u = random.nextDouble();
        return (int) Math.min(n - 1, Math.floor(Math.pow(n, u)) - 1);
    }

    private static String word(int rank) {
        StringBuilder w = new StringBuilder();
        int r = rank + 1;
        while (r > 0) {
            w.append(SYLLABLES[r % SYLLABLES.length]);
            r /= SYLLABLES.length;
        }
        return w.toString();
    }

    private static String capitalised(String word) {
        return Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }

    private static UUID id(int n) {
        return UUID.nameUUIDFromBytes(("synthetic-" + n).getBytes(StandardCharsets.UTF_8));
    }
}
