package io.newshound.alert.story;

import java.util.UUID;

/**
 * Another transaction changed (or started) the story this assignment was about to write: the assignment read a stale
 * story and is retried from the start, in a new transaction that sees the other's commit.
 */
public class StoryConflictException extends RuntimeException {

    StoryConflictException(UUID storyId) {
        super("story " + storyId + " was changed by a concurrent assignment");
    }
}
