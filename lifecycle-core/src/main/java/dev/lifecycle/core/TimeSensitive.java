package dev.lifecycle.core;

/**
 * A built-in condition whose value can change with time alone (no new event): "no purchase for 180 days" becomes
 * true 180 days and a nanosecond after the last order. The tracker asks for these instants so that time-based
 * transitions carry the instant they happened, not the instant the tracker noticed.
 */
interface TimeSensitive {

    /**
     * Returns the earliest instant, in epoch nanoseconds, after {@code afterNanos} at which the condition's value may
     * change for this profile as long as the profile stays the same; {@link Long#MAX_VALUE} if there is none.
     */
    long nextChangeAfter(CustomerProfile profile, long afterNanos);
}
