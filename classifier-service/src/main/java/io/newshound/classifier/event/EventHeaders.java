package io.newshound.classifier.event;

/** Kafka header names shared by every Newshound event and by dead-lettered records. */
public final class EventHeaders {

    /** Type string of the event in the record value. */
    public static final String EVENT_TYPE = "event-type";
    /** Id of the event in the record value. */
    public static final String EVENT_ID = "event-id";
    /** Why a record was dead-lettered. */
    public static final String DEAD_LETTER_REASON = "dead-letter-reason";
    /** The exception class behind a dead-lettered record, when there was one. */
    public static final String DEAD_LETTER_CAUSE = "dead-letter-cause";
    /** Topic the dead-lettered record was read from. */
    public static final String DEAD_LETTER_TOPIC = "dead-letter-topic";
    /** Partition the dead-lettered record was read from. */
    public static final String DEAD_LETTER_PARTITION = "dead-letter-partition";
    /** Offset the dead-lettered record was read from. */
    public static final String DEAD_LETTER_OFFSET = "dead-letter-offset";

    private EventHeaders() {
    }
}
