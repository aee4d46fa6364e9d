package dev.lifecycle.core;

/**
 * Counts of what a {@link LifecycleTracker} has done; every event it was given is accounted for exactly once:
 * {@code received() == applied() + duplicates() + late() + rejected() + pending()}.
 *
 * @param customers customers tracked
 * @param received events given to the tracker
 * @param applied events applied to their customer
 * @param pending accepted events waiting for the watermark to pass them
 * @param duplicates events dropped as redeliveries of a pending event
 * @param late events rejected as older than the watermark
 * @param rejected events rejected because they cannot be applied to their customer, at their {@code accept} or when
 *     the watermark released them
 * @param transitions stage transitions emitted
 * @param listenerFailures listener calls that threw
 */
public record TrackerStats(
        long customers,
        long received,
        long applied,
        long pending,
        long duplicates,
        long late,
        long rejected,
        long transitions,
        long listenerFailures) {

    /**
     * Checks the counts.
     *
     * @param customers customers tracked
     * @param received events given to the tracker
     * @param applied events applied
     * @param pending accepted events not yet applied
     * @param duplicates events dropped as duplicates
     * @param late events rejected as late
     * @param rejected events rejected as not applicable
     * @param transitions transitions emitted
     * @param listenerFailures listener calls that threw
     * @throws IllegalArgumentException if a count is negative, if {@code received != applied + duplicates + late +
     *     rejected + pending}, or if that sum exceeds {@link Long#MAX_VALUE}
     */
    public TrackerStats {
        Checks.nonNegative(customers, "customers");
        Checks.nonNegative(received, "received");
        Checks.nonNegative(applied, "applied");
        Checks.nonNegative(pending, "pending");
        Checks.nonNegative(duplicates, "duplicates");
        Checks.nonNegative(late, "late");
        Checks.nonNegative(rejected, "rejected");
        Checks.nonNegative(transitions, "transitions");
        Checks.nonNegative(listenerFailures, "listenerFailures");
        long accounted;
        try {
            accounted = Math.addExact(
                    Math.addExact(Math.addExact(applied, duplicates), Math.addExact(late, rejected)), pending);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(
                    "applied, duplicates, late, rejected and pending add up to more than "
                            + Long.MAX_VALUE + ": " + applied + ", " + duplicates + ", " + late + ", " + rejected + ", "
                            + pending,
                    e);
        }
        if (received != accounted) {
            throw new IllegalArgumentException("received (" + received + ") must equal applied (" + applied
                    + ") plus duplicates (" + duplicates + ") plus late (" + late + ") plus rejected (" + rejected
                    + ") plus pending (" + pending + ")");
        }
    }
}
