package dev.lifecycle.metrics.funnel;

/**
 * Which of a customer's entry events starts their conversion window in an {@link EventFunnel}. An entry event is an
 * event that matches step 1 (any step in an {@linkplain FunnelOrder#UNORDERED unordered} funnel).
 */
public enum FunnelEntry {
    /** The customer's first entry event; later entry events do not start a window again. */
    FIRST,
    /**
     * Of the entry events, the one from which the most required steps are reached; of several, the latest, which
     * gives the shortest time to convert. This is the level ClickHouse's {@code windowFunnel} reports, which also
     * restarts a chain at each later entry event.
     */
    LONGEST
}
