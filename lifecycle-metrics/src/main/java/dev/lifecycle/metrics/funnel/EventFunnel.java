package dev.lifecycle.metrics.funnel;

import static java.util.Objects.requireNonNull;

import dev.lifecycle.core.CustomerEvent;
import dev.lifecycle.core.EventType;
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
 * <p>Create one with {@link #builder(Duration)}. Instances are immutable and thread-safe when the predicates are.
 */
public final class EventFunnel {
    private final List<String> names;
    private final List<Predicate<CustomerEvent>> conditions;
    private final Duration window;

    private EventFunnel(List<String> names, List<Predicate<CustomerEvent>> conditions, Duration window) {
        this.names = names;
        this.conditions = conditions;
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
            return step(name, event -> event.type() == type);
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
            requireNonNull(name, "name");
            requireNonNull(condition, "condition");
            Checks.nonBlank(name, "name");
            Checks.uniqueStepName(seen.add(name), name);
            names.add(name);
            conditions.add(condition);
            return this;
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
            return new EventFunnel(List.copyOf(names), List.copyOf(conditions), window);
        }
    }
}
