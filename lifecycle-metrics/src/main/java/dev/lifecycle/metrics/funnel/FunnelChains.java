package dev.lifecycle.metrics.funnel;

import dev.lifecycle.core.CustomerEvent;
import java.util.Arrays;
import java.util.function.IntFunction;

/**
 * Every customer's chosen chain through an {@link EventFunnel}, as {@link ChainSearch} found it: per customer and
 * step the event that made the step (a handle: its index in the input, or its row in an event batch) and its key,
 * and the exclusions the chain broke. The one store the figures of a {@link FunnelAnalysis} are read from, whichever
 * path filled it. Filled by one or more threads, each writing only its own customers, then never changed.
 */
final class FunnelChains {
    static final int NONE = -1;
    /** The most entries (steps times customers) the store holds: the largest array the JVM makes. */
    static final int MAX_ENTRIES = Integer.MAX_VALUE - 8;

    final int steps;
    final int customers;
    private final IntFunction<String> customerId;
    private final IntFunction<CustomerEvent> event;
    /** Per customer {@code c} and step {@code s}, at {@code c * steps + s}: the handle of the step's event, or -1. */
    final int[] handles;
    /** Per customer and step, as {@link #handles}: the key (epoch nanoseconds) of the step's event. */
    final long[] keys;
    /** Per customer: the exclusions the chain broke, bit {@code x} for exclusion {@code x}. */
    final int[] broken;

    FunnelChains(int steps, int customers, IntFunction<String> customerId, IntFunction<CustomerEvent> event) {
        this.steps = steps;
        this.customers = customers;
        this.customerId = customerId;
        this.event = event;
        if ((long) steps * customers > MAX_ENTRIES) {
            throw new IllegalArgumentException("a funnel of " + steps + " steps over " + customers + " customers keeps "
                    + (long) steps * customers + " chain entries, more than the " + MAX_ENTRIES
                    + " an array holds; use fewer steps or split the customers");
        }
        this.handles = new int[steps * customers];
        this.keys = new long[handles.length];
        this.broken = new int[customers];
        Arrays.fill(handles, NONE);
    }

    /**
     * Records a customer's chain.
     *
     * @param customer the customer's index
     * @param chain per step the position of its event among the customer's events, or -1
     * @param eventHandles the handle of the event at each position
     * @param eventKeys the key of the event at each position
     * @param brokenExclusions the exclusions the chain broke
     */
    void record(int customer, int[] chain, int[] eventHandles, long[] eventKeys, int brokenExclusions) {
        int at = customer * steps;
        for (int s = 0; s < steps; s++) {
            int position = chain[s];
            if (position != NONE) {
                handles[at + s] = eventHandles[position];
                keys[at + s] = eventKeys[position];
            }
        }
        broken[customer] = brokenExclusions;
    }

    /** {@return whether the customer entered the funnel (excluded or not)} */
    boolean entered(int customer) {
        return handles[customer * steps] != NONE;
    }

    /** {@return whether the customer's chain has an event for the step} */
    boolean has(int customer, int step) {
        return handles[customer * steps + step] != NONE;
    }

    /** {@return the key of the customer's event for a step the chain has} */
    long key(int customer, int step) {
        return keys[customer * steps + step];
    }

    /** {@return the event that made a step of the customer's chain} */
    CustomerEvent event(int customer, int step) {
        return event.apply(handles[customer * steps + step]);
    }

    /** {@return the last step the customer's chain has, or -1} */
    int lastStep(int customer) {
        for (int s = steps - 1; s >= 0; s--) {
            if (has(customer, s)) {
                return s;
            }
        }
        return NONE;
    }

    /** {@return the customer's id} */
    String customerId(int customer) {
        return customerId.apply(customer);
    }
}
