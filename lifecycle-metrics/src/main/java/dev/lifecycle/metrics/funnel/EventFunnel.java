package dev.lifecycle.metrics.funnel;

import static java.util.Objects.requireNonNull;

import dev.lifecycle.core.CustomerEvent;
import dev.lifecycle.core.EventBatch;
import dev.lifecycle.core.EventType;
import dev.lifecycle.metrics.internal.BatchScan;
import dev.lifecycle.metrics.internal.Checks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * A funnel definition over events: ordered steps, each matched by a predicate on an event, and a conversion window.
 *
 * <p>Each customer's events are ordered by timestamp (ties keep their order in the input). A customer enters the
 * funnel at their first event matching step 1; the window is measured from that event. The customer reaches step i
 * when there are events e1 (the entry event), e2, ..., ei, each later in that order than the one before, where ej
 * matches step j and {@code ei.timestamp - e1.timestamp <= window} (inclusive). So steps occur in order and an event
 * satisfies at most one step. The counts are computed greedily (each step takes the earliest matching event after the
 * previous step's), which finds such a chain whenever one exists and gives the shortest time to the last step; the
 * time to convert of a customer who reaches the last step is that shortest time.
 *
 * <p><b>From an event batch.</b> {@link #evaluate(EventBatch)} computes the same funnel straight from the columns of
 * an {@link EventBatch} when every step is defined by a type ({@link Builder#stepOfType}): no object per event, the
 * customers split into ranges of codes over the common fork-join pool ({@link #evaluate(EventBatch, int)} takes the
 * number of threads). A predicate ({@link Builder#step}) can only be tested on an event object, so a funnel with one
 * evaluates {@link EventBatch#events()}, the batch's events as objects made as they are read, on the calling thread:
 * the same answer, at the object path's speed.
 *
 * <p>Create one with {@link #builder(Duration)}. Instances are immutable and thread-safe when the predicates are.
 */
public final class EventFunnel {
    private final List<String> names;
    private final List<Predicate<CustomerEvent>> conditions;
    /** The type ordinal of each step by type; null when some step is a predicate. */
    private final int @Nullable [] stepTypes;

    private final Duration window;

    private EventFunnel(
            List<String> names,
            List<Predicate<CustomerEvent>> conditions,
            int @Nullable [] stepTypes,
            Duration window) {
        this.names = names;
        this.conditions = conditions;
        this.stepTypes = stepTypes;
        this.window = window;
    }

    /**
     * Returns a builder for an event funnel with the given conversion window.
     *
     * @param window the longest time from step 1 to a later step, inclusive; zero or more
     * @return a new builder
     * @throws NullPointerException if {@code window} is null
     * @throws IllegalArgumentException if {@code window} is negative
     */
    public static Builder builder(Duration window) {
        requireNonNull(window, "window");
        if (window.isNegative()) {
            throw new IllegalArgumentException("window must be zero or more but was " + window);
        }
        return new Builder(window);
    }

    /** {@return the step names in order} */
    public List<String> stepNames() {
        return names;
    }

    /** {@return the conversion window} */
    public Duration window() {
        return window;
    }

    /**
     * Computes the funnel over the events of any number of customers.
     *
     * @param events the events, in any order
     * @return the funnel, with time to convert
     * @throws NullPointerException if {@code events} or an event is null
     * @throws IllegalStateException if a step's predicate throws; the message names the step
     */
    public Funnel evaluate(Iterable<CustomerEvent> events) {
        requireNonNull(events, "events");
        Map<String, List<CustomerEvent>> byCustomer = new LinkedHashMap<>();
        for (CustomerEvent event : events) {
            requireNonNull(event, "event");
            byCustomer
                    .computeIfAbsent(event.customerId(), id -> new ArrayList<>())
                    .add(event);
        }
        int k = names.size();
        long[] counts = new long[k];
        List<Duration> times = new ArrayList<>();
        for (List<CustomerEvent> customerEvents : byCustomer.values()) {
            customerEvents.sort(Comparator.comparing(CustomerEvent::timestamp));
            int next = 0;
            @Nullable CustomerEvent entry = null;
            @Nullable CustomerEvent last = null;
            for (CustomerEvent event : customerEvents) {
                if (next == k) {
                    break;
                }
                if (entry != null
                        && Duration.between(entry.timestamp(), event.timestamp())
                                        .compareTo(window)
                                > 0) {
                    break;
                }
                if (matches(next, event)) {
                    if (entry == null) {
                        entry = event;
                    }
                    last = event;
                    counts[next]++;
                    next++;
                }
            }
            if (next == k && entry != null && last != null) {
                times.add(Duration.between(entry.timestamp(), last.timestamp()));
            }
        }
        return Funnel.of(names, counts, null, TimeToConvert.of(times));
    }

    /**
     * Computes the funnel over the events of an event batch, as {@link #evaluate(Iterable)} does over {@link
     * EventBatch#events()}, on as many threads as the common fork-join pool runs (its parallelism plus the calling
     * thread): see {@link #evaluate(EventBatch, int)}.
     *
     * @param batch the events
     * @return the funnel, with time to convert
     * @throws NullPointerException if {@code batch} is null
     * @throws IllegalStateException if a step's predicate throws; the message names the step
     */
    public Funnel evaluate(EventBatch batch) {
        return evaluate(batch, BatchScan.defaultThreads());
    }

    /**
     * Computes the funnel over the events of an event batch: the same counts and times to convert as {@link
     * #evaluate(Iterable)} over {@link EventBatch#events()} (ties in time keep the batch's row order).
     *
     * <p>When every step is defined by a type, the customers are split into {@code threads} ranges of codes (no more
     * than there are customers), run on the common fork-join pool with the calling thread taking part; each range
     * reads the batch's columns once per step and keeps its customers' chains in primitive arrays. With {@code threads
     * = 1} everything runs on the calling thread. When a step is a predicate, the batch's events are evaluated as
     * objects on the calling thread, whatever {@code threads} is.
     *
     * @param batch the events
     * @param threads the number of threads, 1 or more
     * @return the funnel, with time to convert
     * @throws NullPointerException if {@code batch} is null
     * @throws IllegalArgumentException if {@code threads} is below 1
     * @throws IllegalStateException if a step's predicate throws; the message names the step
     */
    public Funnel evaluate(EventBatch batch, int threads) {
        requireNonNull(batch, "batch");
        BatchScan.checkThreads(threads);
        int[] types = stepTypes;
        if (types == null) {
            return evaluate(batch.events());
        }
        return BatchFunnel.evaluate(names, types, window, batch, threads);
    }

    private boolean matches(int step, CustomerEvent event) {
        try {
            return conditions.get(step).test(event);
        } catch (RuntimeException e) {
            throw new IllegalStateException(
                    "condition of funnel step '" + names.get(step) + "' failed on event " + event.eventId(), e);
        }
    }

    @Override
    public String toString() {
        return "EventFunnel{steps=" + names + ", window=" + window + "}";
    }

    /** Collects the steps of an event funnel. Not thread-safe. */
    public static final class Builder {
        private final Duration window;
        private final List<String> names = new ArrayList<>();
        private final List<Predicate<CustomerEvent>> conditions = new ArrayList<>();
        private final List<@Nullable EventType> types = new ArrayList<>();
        private final Set<String> seen = new HashSet<>();

        private Builder(Duration window) {
            this.window = window;
        }

        /**
         * Adds the next step, matched by events of a type.
         *
         * @param name the step name, unique in the funnel
         * @param type the event type that satisfies the step
         * @return this builder
         * @throws NullPointerException if an argument is null
         * @throws IllegalArgumentException if {@code name} is blank or repeated
         */
        public Builder stepOfType(String name, EventType type) {
            requireNonNull(type, "type");
            add(name, event -> event.type() == type, type);
            return this;
        }

        /**
         * Adds the next step, matched by a predicate.
         *
         * @param name the step name, unique in the funnel
         * @param condition the predicate that an event satisfying the step passes
         * @return this builder
         * @throws NullPointerException if an argument is null
         * @throws IllegalArgumentException if {@code name} is blank or repeated
         */
        public Builder step(String name, Predicate<CustomerEvent> condition) {
            add(name, condition, null);
            return this;
        }

        private void add(String name, Predicate<CustomerEvent> condition, @Nullable EventType type) {
            requireNonNull(name, "name");
            requireNonNull(condition, "condition");
            Checks.nonBlank(name, "name");
            Checks.uniqueStepName(seen.add(name), name);
            names.add(name);
            conditions.add(condition);
            types.add(type);
        }

        /**
         * Builds the event funnel.
         *
         * @return the event funnel
         * @throws IllegalStateException if no step was added
         */
        public EventFunnel build() {
            if (names.isEmpty()) {
                throw new IllegalStateException("an event funnel needs at least one step but none was added");
            }
            return new EventFunnel(List.copyOf(names), List.copyOf(conditions), typeOrdinals(), window);
        }

        /** The type ordinals of the steps, for the batch path; null when some step is a predicate. */
        private int @Nullable [] typeOrdinals() {
            int[] ordinals = new int[types.size()];
            for (int i = 0; i < ordinals.length; i++) {
                EventType type = types.get(i);
                if (type == null) {
                    return null;
                }
                ordinals[i] = type.ordinal();
            }
            return ordinals;
        }
    }
}
