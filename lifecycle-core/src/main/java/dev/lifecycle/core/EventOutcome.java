package dev.lifecycle.core;

/** What a {@link LifecycleTracker} did with an event it was given. */
public enum EventOutcome {
    /** The event was taken; it is applied once the tracker's watermark passes its timestamp. */
    ACCEPTED,
    /** An event with the same customer and event id is already waiting to be applied; this copy was dropped. */
    DUPLICATE,
    /**
     * The event is older than the tracker's watermark (later than the allowed lateness, or a redelivery of an event
     * already applied); it was rejected and counted, never applied out of order.
     */
    LATE,
    /**
     * The event cannot be applied to its customer (an amount in another currency than the customer's applied amounts);
     * it was counted and handed to the tracker's rejection handler with the reason, and is never applied.
     */
    REJECTED
}
