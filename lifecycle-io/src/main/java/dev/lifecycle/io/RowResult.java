package dev.lifecycle.io;

import static java.util.Objects.requireNonNull;

import dev.lifecycle.core.CustomerEvent;

/**
 * What {@link EventMapping} made of one row: an event, or the reason the row was rejected. Instances are immutable and
 * thread-safe.
 */
public sealed interface RowResult permits RowResult.Accepted, RowResult.Rejected {

    /**
     * A row that gave an event.
     *
     * @param event the event
     */
    record Accepted(CustomerEvent event) implements RowResult {
        /**
         * Checks the event.
         *
         * @param event the event
         * @throws NullPointerException if {@code event} is null
         */
        public Accepted {
            requireNonNull(event, "event");
        }
    }

    /**
     * A row that gave no event.
     *
     * @param reason why, one line of text naming the column, the rule and the value (at most 80 characters of it)
     */
    record Rejected(String reason) implements RowResult {
        /**
         * Checks the reason.
         *
         * @param reason why the row was rejected
         * @throws NullPointerException if {@code reason} is null
         */
        public Rejected {
            requireNonNull(reason, "reason");
        }
    }
}
