package io.newshound.alert.story;

import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/**
 * The outcome of grouping one article: the story as it is now and what the article added to it, so the alert layer can
 * send one alert for a new story and an update only when something worth telling changed.
 *
 * @param story
 *            the story after the article was added
 * @param newStory
 *            whether the article started the story
 * @param newTopics
 *            topics the story had not seen before (all of them for a new story)
 * @param newSources
 *            outlets that had not reported the story before
 * @param newLanguages
 *            languages the story had not been reported in before
 * @param match
 *            why the article landed where it did
 * @param score
 *            the combined score against the chosen story (1 for a new story)
 */
public record StoryAssignment(Story story, boolean newStory, Set<String> newTopics, Set<String> newSources,
        Set<String> newLanguages, Match match, double score) {

    public StoryAssignment {
        newTopics = Collections.unmodifiableSortedSet(new TreeSet<>(newTopics));
        newSources = Collections.unmodifiableSortedSet(new TreeSet<>(newSources));
        newLanguages = Collections.unmodifiableSortedSet(new TreeSet<>(newLanguages));
    }

    /** Whether the article added a topic, source or language to an existing story. */
    public boolean addsSomething() {
        return !newStory && !(newTopics.isEmpty() && newSources.isEmpty() && newLanguages.isEmpty());
    }

    /** Why an article was put into its story. */
    public enum Match {
        /** No live story was close enough: the article starts one. */
        NEW_STORY,
        /** Its text is a near-duplicate of an article already in the story. */
        NEAR_DUPLICATE,
        /** It shares enough rare key terms and topics with the story. */
        KEY_TERMS
    }
}
