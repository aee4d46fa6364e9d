package dev.lifecycle.metrics.funnel;

/**
 * How the steps of an {@link EventFunnel} must follow each other. A customer's events are ordered by time, events
 * with equal timestamps in their order in the input (the row order of an event batch): "later" and "next" below mean
 * later and next in that order, so two steps may be done at the same instant when their events come in that order.
 */
public enum FunnelOrder {
    /** Each step's event comes later than the previous step's; other events may come between. */
    ORDERED,
    /**
     * Each step's event is the next event of the customer after the previous step's: no other event of the customer,
     * of any type, comes between two steps of the chain.
     */
    STRICT,
    /**
     * The steps may be done in any order: the {@code i}-th step of the funnel counts the customers who did any
     * {@code i} of the steps, each with an event of its own, within the window. Optional steps, gaps between steps
     * and exclusions need an order, so such a funnel has none.
     */
    UNORDERED
}
