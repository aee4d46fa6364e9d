package dev.lifecycle.core;

/**
 * Counts of what a {@link LifecycleTracker} has done; every event it was given is accounted for:
 * {@code received() == accepted() + duplicates() + late()} and {@code accepted() == applied() + pending()}.
 *
 * @param customers customers tracked
 * @param accepted events accepted
 * @param applied accepted events applied to their customer
 * @param pending accepted events waiting for the watermark to pass them
 * @param duplicates events dropped as redeliveries of a pending event
 * @param late events rejected as older than the watermark
 * @param transitions stage transitions emitted
 * @param listenerFailures listener calls that threw
 */
public record TrackerStats(
        long customers,
        long accepted,
        long applied,
        long pending,
        long duplicates,
        long late,
        long transitions,
        long listenerFailures) {

    /**
     * Checks the counts.
     *
     * @param customers customers tracked
     * @param accepted events accepted
     * @param applied accepted events applied
     * @param pending accepted events not yet applied
     * @param duplicates events dropped as duplicates
     * @param late events rejected as late
     * @param transitions transitions emitted
     * @param listenerFailures listener calls that threw
     * @throws IllegalArgumentException if a count is negative or {@code accepted != applied + pending}
     */
    public TrackerStats {
        Checks.nonNegative(customers, "customers");
        Checks.nonNegative(accepted, "accepted");
        Checks.nonNegative(applied, "applied");
        Checks.nonNegative(pending, "pending");
        Checks.nonNegative(duplicates, "duplicates");
        Checks.nonNegative(late, "late");
        Checks.nonNegative(transitions, "transitions");
        Checks.nonNegative(listenerFailures, "listenerFailures");
        if (accepted != applied + pending) {
            throw new IllegalArgumentException(
                    "accepted (" + accepted + ") must equal applied (" + applied + ") plus pending (" + pending + ")");
        }
    }

    /** {@return every event the tracker was given: accepted, duplicate or late} */
    public long received() {
        return accepted + duplicates + late;
    }
}
