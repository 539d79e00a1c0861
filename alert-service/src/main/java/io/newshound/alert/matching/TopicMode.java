package io.newshound.alert.matching;

/** How a subscription's topics combine. */
public enum TopicMode {
    /** One of the topics is enough. */
    ANY_OF,
    /** Every topic must be present. */
    ALL_OF
}
