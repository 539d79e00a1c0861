package io.newshound.alert.matching.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import io.newshound.alert.matching.Article;
import io.newshound.alert.matching.SubscriptionCriteria;
import io.newshound.alert.matching.TopicMode;

/**
 * Deterministic synthetic news and subscriptions for the matching benchmark. Articles are 2-8 KB of pseudo-words (Latin
 * script for en/de/fr, Cyrillic for uk/ru) drawn from a Zipf vocabulary, with 1-3 topics from a Zipf taxonomy and a
 * bias towards words associated with their topics. Subscriptions: 80% topic filters, 20% keyword queries of 1-6 terms
 * (half of them also with topics) with some phrases, OR groups, exclusions and site filters; a third carry language
 * filters, a tenth source filters, a few are paused.
 */
public final class SyntheticNews {

    static final int TOPICS = 10_000;
    static final int VOCABULARY = 50_000;
    static final int FUNCTION_WORDS = 150;
    static final int SOURCES = 300;
    /** Vocabulary rank from which query words not tied to a topic are drawn: names and rarer words. */
    static final int LONG_TAIL = 5_000;
    static final int WORDS_PER_TOPIC = 40;

    private static final String[] LANGUAGES = {"en", "de", "fr", "ru", "uk"};
    private static final double[] LANGUAGE_SHARE = {0.60, 0.12, 0.10, 0.10, 0.08};

    private final String[] topics = new String[TOPICS];
    private final String[] latin;
    private final String[] cyrillic;
    private final String[] latinFunction;
    private final String[] cyrillicFunction;
    private final int[][] topicWords = new int[TOPICS][WORDS_PER_TOPIC];
    private final String[] sourceNames = new String[SOURCES];
    private final String[] sourceHosts = new String[SOURCES];
    private final Zipf topicZipf = new Zipf(TOPICS, 0.5);
    private final Zipf wordZipf = new Zipf(VOCABULARY, 1.0);
    private final Zipf functionZipf = new Zipf(FUNCTION_WORDS, 1.0);
    private final Zipf sourceZipf = new Zipf(SOURCES, 1.0);

    public SyntheticNews(long seed) {
        Random random = new Random(seed);
        latin = words(random, VOCABULARY, "bcdfghklmnprstvz", "aeiou", 2, 4);
        cyrillic = words(random, VOCABULARY, "бвгдзклмнпрстфх", "аеиоуя", 2, 4);
        latinFunction = words(random, FUNCTION_WORDS, "bdlmnst", "aeio", 1, 1);
        cyrillicFunction = words(random, FUNCTION_WORDS, "вднпст", "аеио", 1, 1);
        for (int i = 0; i < TOPICS; i++) {
            topics[i] = "topic-" + latin[i + 1000] + "-" + i;
            for (int w = 0; w < WORDS_PER_TOPIC; w++) {
                topicWords[i][w] = 100 + random.nextInt(20_000);
            }
        }
        for (int i = 0; i < SOURCES; i++) {
            sourceNames[i] = "Source " + latin[i + 2000];
            sourceHosts[i] = (i % 3 == 0 ? "www." : "news.") + latin[i + 3000] + (i % 2 == 0 ? ".com" : ".org");
        }
    }

    public List<Article> articles(int count, long seed) {
        List<Article> articles = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            articles.add(article(new Random(seed * 1_000_003L + i)));
        }
        return articles;
    }

    private Article article(Random random) {
        String language = pick(random, LANGUAGES, LANGUAGE_SHARE);
        boolean cyr = language.equals("ru") || language.equals("uk");
        int topicCount = 1 + random.nextInt(3);
        Map<String, Double> scores = new HashMap<>();
        int[] chosen = new int[topicCount];
        for (int t = 0; t < topicCount; t++) {
            chosen[t] = topicZipf.sample(random);
            double score = t == 0 ? 0.6 + 0.4 * random.nextDouble() : 0.3 + 0.6 * random.nextDouble();
            scores.merge(topics[chosen[t]], Math.round(score * 100) / 100.0, Math::max);
        }
        String title = text(random, 6 + random.nextInt(7), chosen, cyr, 0.3);
        int length = 2000 + random.nextInt(6000);
        StringBuilder body = new StringBuilder(length + 200);
        while (body.length() < length) {
            body.append(text(random, 8 + random.nextInt(13), chosen, cyr, 0.06)).append(". ");
        }
        int source = sourceZipf.sample(random);
        return new Article(new UUID(random.nextLong(), random.nextLong()), title, body.toString(), sourceNames[source],
                "https://" + sourceHosts[source] + "/" + random.nextInt(1_000_000), language, scores);
    }

    private String text(Random random, int words, int[] articleTopics, boolean cyr, double topicBias) {
        StringBuilder text = new StringBuilder();
        String[] vocabulary = cyr ? cyrillic : latin;
        for (int w = 0; w < words; w++) {
            if (w > 0) {
                text.append(' ');
            }
            double roll = random.nextDouble();
            if (roll < 0.45) {
                text.append((cyr ? cyrillicFunction : latinFunction)[functionZipf.sample(random)]);
            } else if (roll < 0.45 + 0.55 * topicBias) {
                int[] associated = topicWords[articleTopics[random.nextInt(articleTopics.length)]];
                text.append(vocabulary[associated[random.nextInt(associated.length)]]);
            } else {
                text.append(vocabulary[wordZipf.sample(random)]);
            }
        }
        if (text.length() > 0) {
            text.setCharAt(0, Character.toUpperCase(text.charAt(0)));
        }
        return text.toString();
    }

    public List<SubscriptionCriteria> subscriptions(int count, long seed) {
        Random random = new Random(seed);
        List<SubscriptionCriteria> subscriptions = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            subscriptions.add(subscription(random));
        }
        return subscriptions;
    }

    private SubscriptionCriteria subscription(Random random) {
        boolean keywords = random.nextDouble() < 0.20;
        Set<String> languages = new LinkedHashSet<>();
        if (random.nextDouble() < 0.35) {
            int count = random.nextDouble() < 0.7 ? 1 : 2;
            for (int i = 0; i < count; i++) {
                languages.add(pick(random, LANGUAGES, LANGUAGE_SHARE));
            }
        }
        boolean cyr = !languages.isEmpty() && languages.stream().allMatch(l -> l.equals("ru") || l.equals("uk"));
        int topicCount = keywords ? (random.nextBoolean() ? 0 : 1 + random.nextInt(2)) : topicCount(random);
        int[] chosen = new int[topicCount];
        Set<String> slugs = new LinkedHashSet<>();
        for (int t = 0; t < topicCount; t++) {
            chosen[t] = topicZipf.sample(random);
            slugs.add(topics[chosen[t]]);
        }
        TopicMode mode = slugs.size() > 1 && random.nextDouble() < 0.15 ? TopicMode.ALL_OF : TopicMode.ANY_OF;
        String query = keywords ? query(random, chosen, cyr) : null;
        Set<String> include = new LinkedHashSet<>();
        Set<String> exclude = new LinkedHashSet<>();
        double sourceRoll = random.nextDouble();
        if (sourceRoll < 0.05) {
            for (int i = 0; i <= random.nextInt(3); i++) {
                int source = sourceZipf.sample(random);
                include.add(random.nextBoolean() ? sourceNames[source] : sourceHosts[source]);
            }
        } else if (sourceRoll < 0.10) {
            exclude.add(sourceHosts[sourceZipf.sample(random)]);
        }
        double minScore = pick(random, new Double[]{0.0, 0.5, 0.6, 0.7, 0.8},
                new double[]{0.40, 0.20, 0.20, 0.15, 0.05});
        return new SubscriptionCriteria(new UUID(random.nextLong(), random.nextLong()), slugs, mode, query, languages,
                include, exclude, minScore, random.nextDouble() < 0.03);
    }

    private static int topicCount(Random random) {
        double roll = random.nextDouble();
        return roll < 0.6 ? 1 : roll < 0.9 ? 2 : 3;
    }

    private String query(Random random, int[] subscriptionTopics, boolean cyr) {
        int terms = pick(random, new Integer[]{1, 2, 3, 4, 5, 6},
                new double[]{0.25, 0.30, 0.20, 0.12, 0.08, 0.05});
        String[] vocabulary = cyr ? cyrillic : latin;
        List<String> words = new ArrayList<>();
        for (int i = 0; i < terms; i++) {
            if (subscriptionTopics.length > 0 && random.nextDouble() < 0.6) {
                int[] associated = topicWords[subscriptionTopics[random.nextInt(subscriptionTopics.length)]];
                words.add(vocabulary[associated[random.nextInt(associated.length)]]);
            } else {
                words.add(vocabulary[LONG_TAIL + random.nextInt(VOCABULARY - LONG_TAIL)]);
            }
        }
        List<String> clauses = new ArrayList<>();
        int next = 0;
        if (terms >= 2 && random.nextDouble() < 0.20) {
            clauses.add("\"" + words.get(0) + " " + words.get(1) + "\"");
            next = 2;
        } else if (terms >= 2 && random.nextDouble() < 0.12) {
            clauses.add("(" + words.get(0) + " OR " + words.get(1) + ")");
            next = 2;
        }
        clauses.addAll(words.subList(next, words.size()));
        if (random.nextDouble() < 0.15) {
            clauses.add("-" + vocabulary[100 + random.nextInt(20_000)]);
        }
        if (random.nextDouble() < 0.05) {
            clauses.add("site:" + sourceHosts[sourceZipf.sample(random)].replaceFirst("^www\\.", ""));
        }
        return String.join(" ", clauses);
    }

    private static <T> T pick(Random random, T[] values, double[] shares) {
        double roll = random.nextDouble();
        for (int i = 0; i < values.length - 1; i++) {
            roll -= shares[i];
            if (roll < 0) {
                return values[i];
            }
        }
        return values[values.length - 1];
    }

    private static String[] words(Random random, int count, String consonants, String vowels, int minSyllables,
            int maxSyllables) {
        Set<String> words = new LinkedHashSet<>();
        while (words.size() < count) {
            int syllables = minSyllables + random.nextInt(maxSyllables - minSyllables + 1);
            StringBuilder word = new StringBuilder();
            for (int s = 0; s < syllables; s++) {
                word.append(consonants.charAt(random.nextInt(consonants.length())));
                word.append(vowels.charAt(random.nextInt(vowels.length())));
                if (random.nextDouble() < 0.3) {
                    word.append(consonants.charAt(random.nextInt(consonants.length())));
                }
            }
            words.add(word.toString());
        }
        return words.toArray(String[]::new);
    }

    /** Zipf sampler over ranks 0..n-1 by inverse CDF. */
    private static final class Zipf {
        private final double[] cumulative;

        Zipf(int n, double exponent) {
            cumulative = new double[n];
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += 1.0 / Math.pow(i + 1, exponent);
                cumulative[i] = sum;
            }
            for (int i = 0; i < n; i++) {
                cumulative[i] /= sum;
            }
        }

        int sample(Random random) {
            int at = Arrays.binarySearch(cumulative, random.nextDouble());
            return Math.min(cumulative.length - 1, at >= 0 ? at : -at - 1);
        }
    }
}
