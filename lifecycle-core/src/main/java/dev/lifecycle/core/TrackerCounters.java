package dev.lifecycle.core;

/**
 * The counts a tracker keeps, as it hands them to the state codec and takes them back: exactly the {@code counters}
 * line of an exported state. {@link TrackerStats} adds the counts of customers and waiting events, which the state
 * does not write because its customer and event lines are them; {@link #toStats} makes one from the other and checks
 * them. The tracker's own counts and the codec's parsed ones (each a count of zero or more) are the only sources.
 *
 * @param received events given to the tracker
 * @param applied events applied to their customer
 * @param duplicates events dropped as redeliveries of a waiting event
 * @param late events rejected as older than the watermark
 * @param rejected events rejected because they cannot be applied to their customer
 * @param transitions stage transitions emitted
 * @param listenerFailures listener calls that threw
 */
record TrackerCounters(
        long received,
        long applied,
        long duplicates,
        long late,
        long rejected,
        long transitions,
        long listenerFailures) {

    /**
     * Returns these counts with the customers tracked and the events waiting.
     *
     * @throws IllegalArgumentException if the counts do not reconcile, as {@link TrackerStats} checks
     */
    TrackerStats toStats(long customers, long pending) {
        return new TrackerStats(
                customers, received, applied, pending, duplicates, late, rejected, transitions, listenerFailures);
    }
}
