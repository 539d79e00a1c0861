package io.newshound.alert.story;

import java.time.Duration;

/**
 * Tuning of {@link StoryGrouper}. The defaults were tuned on the development part of the labelled set under
 * {@code src/test/resources/stories/}; the held-out part was only measured.
 *
 * @param window
 *            how far apart in publication time an article and a story's latest article may be; stories whose latest
 *            article is older than this behind the newest article seen expire
 * @param nearDuplicateThreshold
 *            estimated shingle Jaccard similarity at which an article joins a story outright
 * @param joinThreshold
 *            combined score at which an article joins the best-scoring story
 * @param minSharedKeyTerms
 *            key terms an article must share with a story to join it without being a near-duplicate
 * @param keyTermWeight
 *            weight of key-term overlap in the combined score
 * @param topicWeight
 *            weight of topic overlap in the combined score
 * @param minTopicScore
 *            classifier score from which a topic counts for grouping
 * @param lookupTerms
 *            the article's rarest key terms used to look up candidate stories
 * @param maxCandidates
 *            candidate stories scored per article, those sharing most lookup terms first
 * @param bands
 *            LSH bands of the MinHash signature
 * @param rows
 *            hash values per band
 * @param shingleSize
 *            words per shingle
 * @param signaturesPerStory
 *            most recent article signatures a story keeps for near-duplicate checks
 * @param keyTermsPerStory
 *            most frequent key terms a story keeps
 * @param genericTermWeight
 *            factor on the weight of generic words ({@link KeyTerms#isGeneric(String)}: "Bank", "Governor", "Prozent");
 *            such words never count as shared key terms and are never used to look up candidates
 * @param minKeyTermScore
 *            key-term similarity an article needs with a story whatever the topics say, so that two developments with
 *            the same topics and a few common names (two strikes in one war, two central banks) stay apart
 * @param contentWeight
 *            weight of content-word agreement ({@link KeyTerms#contentWords(String, String)}: what happened rather than
 *            who and where), counted only against stories with an article in the article's language; a disagreement
 *            counts up to twice as much against a story last seen a day before the article
 * @param contentBaseline
 *            share of an article's content words, by rarity, that a story in its language is expected to share: above
 *            it the agreement adds to the score, below it subtracts
 * @param contentWordsPerStory
 *            most frequent content words a story keeps, besides its key terms
 * @param timePenalty
 *            malus for a story whose latest article is a day or more older than the article (in proportion below a
 *            day), scaled by the share of key terms the two do not agree on: a development a day later must agree more
 *            on names to join
 * @param rareWordsForKeyTerm
 *            rare content words shared with a story that stand in for one missing shared key term (a report that names
 *            only "Ukrzaliznytsia" but also says "cyberattack")
 */
public record StoryGroupingSettings(Duration window, double nearDuplicateThreshold, double joinThreshold,
        int minSharedKeyTerms, double keyTermWeight, double topicWeight, double minTopicScore, int lookupTerms,
        int lookupPostings, int maxCandidates, int bands, int rows, int shingleSize, int signaturesPerStory,
        int keyTermsPerStory, double genericTermWeight, double minKeyTermScore, double contentWeight,
        double contentBaseline, int contentWordsPerStory, double timePenalty, int rareWordsForKeyTerm) {

    /** Settings without generic-word weighting, a key-term floor, content words or a time malus. */
    public StoryGroupingSettings(Duration window, double nearDuplicateThreshold, double joinThreshold,
            int minSharedKeyTerms, double keyTermWeight, double topicWeight, double minTopicScore, int lookupTerms,
            int lookupPostings, int maxCandidates, int bands, int rows, int shingleSize, int signaturesPerStory,
            int keyTermsPerStory) {
        this(window, nearDuplicateThreshold, joinThreshold, minSharedKeyTerms, keyTermWeight, topicWeight,
                minTopicScore, lookupTerms, lookupPostings, maxCandidates, bands, rows, shingleSize, signaturesPerStory,
                keyTermsPerStory, 1.0, 0.0, 0.0, 0.0, 0, 0.0, Integer.MAX_VALUE);
    }

    /** The tuned defaults, with a 48 hour window. */
    public static StoryGroupingSettings defaults() {
        return new StoryGroupingSettings(Duration.ofHours(48), 0.5, 0.35, 2, 0.75, 0.25, 0.5, 12, 500, 64, 16, 4, 3,
                8, 64, 0.2, 0.2, 0.4, 0.2, 64, 0.3, 2);
    }

    /** These settings with another window. */
    public StoryGroupingSettings withWindow(Duration window) {
        return new StoryGroupingSettings(window, nearDuplicateThreshold, joinThreshold, minSharedKeyTerms,
                keyTermWeight, topicWeight, minTopicScore, lookupTerms, lookupPostings, maxCandidates, bands, rows,
                shingleSize, signaturesPerStory, keyTermsPerStory, genericTermWeight, minKeyTermScore, contentWeight,
                contentBaseline, contentWordsPerStory, timePenalty, rareWordsForKeyTerm);
    }

    /** These settings with another join threshold. */
    public StoryGroupingSettings withJoinThreshold(double joinThreshold) {
        return new StoryGroupingSettings(window, nearDuplicateThreshold, joinThreshold, minSharedKeyTerms,
                keyTermWeight, topicWeight, minTopicScore, lookupTerms, lookupPostings, maxCandidates, bands, rows,
                shingleSize, signaturesPerStory, keyTermsPerStory, genericTermWeight, minKeyTermScore, contentWeight,
                contentBaseline, contentWordsPerStory, timePenalty, rareWordsForKeyTerm);
    }

    /** These settings with another key-term floor. */
    public StoryGroupingSettings withMinKeyTermScore(double minKeyTermScore) {
        return new StoryGroupingSettings(window, nearDuplicateThreshold, joinThreshold, minSharedKeyTerms,
                keyTermWeight, topicWeight, minTopicScore, lookupTerms, lookupPostings, maxCandidates, bands, rows,
                shingleSize, signaturesPerStory, keyTermsPerStory, genericTermWeight, minKeyTermScore, contentWeight,
                contentBaseline, contentWordsPerStory, timePenalty, rareWordsForKeyTerm);
    }

    /** These settings with another factor on generic words. */
    public StoryGroupingSettings withGenericTermWeight(double genericTermWeight) {
        return new StoryGroupingSettings(window, nearDuplicateThreshold, joinThreshold, minSharedKeyTerms,
                keyTermWeight, topicWeight, minTopicScore, lookupTerms, lookupPostings, maxCandidates, bands, rows,
                shingleSize, signaturesPerStory, keyTermsPerStory, genericTermWeight, minKeyTermScore, contentWeight,
                contentBaseline, contentWordsPerStory, timePenalty, rareWordsForKeyTerm);
    }

    /** These settings with another content-word weight and baseline. */
    public StoryGroupingSettings withContent(double contentWeight, double contentBaseline) {
        return new StoryGroupingSettings(window, nearDuplicateThreshold, joinThreshold, minSharedKeyTerms,
                keyTermWeight, topicWeight, minTopicScore, lookupTerms, lookupPostings, maxCandidates, bands, rows,
                shingleSize, signaturesPerStory, keyTermsPerStory, genericTermWeight, minKeyTermScore, contentWeight,
                contentBaseline, contentWordsPerStory, timePenalty, rareWordsForKeyTerm);
    }

    /** These settings with another time malus. */
    public StoryGroupingSettings withTimePenalty(double timePenalty) {
        return new StoryGroupingSettings(window, nearDuplicateThreshold, joinThreshold, minSharedKeyTerms,
                keyTermWeight, topicWeight, minTopicScore, lookupTerms, lookupPostings, maxCandidates, bands, rows,
                shingleSize, signaturesPerStory, keyTermsPerStory, genericTermWeight, minKeyTermScore, contentWeight,
                contentBaseline, contentWordsPerStory, timePenalty, rareWordsForKeyTerm);
    }

    /** These settings with another number of rare content words that stand in for a shared key term. */
    public StoryGroupingSettings withRareWordsForKeyTerm(int rareWordsForKeyTerm) {
        return new StoryGroupingSettings(window, nearDuplicateThreshold, joinThreshold, minSharedKeyTerms,
                keyTermWeight, topicWeight, minTopicScore, lookupTerms, lookupPostings, maxCandidates, bands, rows,
                shingleSize, signaturesPerStory, keyTermsPerStory, genericTermWeight, minKeyTermScore, contentWeight,
                contentBaseline, contentWordsPerStory, timePenalty, rareWordsForKeyTerm);
    }
}
