package dev.lifecycle.metrics.funnel;

import static java.util.Objects.requireNonNull;

import dev.lifecycle.core.CustomerEvent;
import dev.lifecycle.core.EventBatch;
import dev.lifecycle.core.EventType;
import dev.lifecycle.metrics.internal.BatchScan;
import dev.lifecycle.metrics.internal.Checks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntUnaryOperator;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * A funnel definition over events: steps, each matched by an event type or a predicate on an event, a conversion
 * window, an order mode, an entry choice, and optionally exclusions, optional steps and gaps between steps.
 *
 * <p><b>Order of events.</b> Each customer's events are ordered by timestamp; events with equal timestamps keep their
 * order in the input (the row order of an {@link EventBatch}). "Later" and "next" below mean later and next in this
 * order, so two steps can be done at the same instant when their events come in that order.
 *
 * <p><b>Chains.</b> A customer enters the funnel at an entry event, an event matching step 1 ({@link FunnelEntry}
 * says which one when there are several). A chain from it assigns one event to each step up to some required step,
 * and to any {@linkplain Builder#optional() optional} steps among them, so that each assigned event comes later than
 * the previous one ({@link FunnelOrder#ORDERED}, the default) or is the customer's very next event ({@link
 * FunnelOrder#STRICT}); the time from the previous assigned event to each step's event lies within that step's
 * {@linkplain Builder#minGap(Duration) minimum} and {@linkplain Builder#maxGap(Duration) maximum gap}; and the time
 * from the entry event to every assigned event is at most the window (all bounds inclusive). So an event makes at most
 * one step. Of the chains that reach the most required steps, the customer's chain is the first when chains are
 * compared step by step (an assigned step before one left out, an earlier event before a later one): optional steps
 * are taken whenever they can be on the way, and each step takes its earliest possible event. The customer reaches
 * the steps of their chain. {@link FunnelOrder#UNORDERED} funnels count steps done in any order instead.
 *
 * <p><b>Exclusions.</b> An {@linkplain Builder#exclude(String, EventType, String, String) exclusion} names an event and
 * two required steps: a customer whose chain reaches the first step and who has a matching event after it and before
 * the second step's event (before the end of the window when the chain does not reach the second step) is excluded:
 * counted in {@link FunnelAnalysis#excludedCount()} and in no step.
 *
 * <p><b>Figures.</b> {@link #analyse(Iterable)} gives every figure: the funnel of the required steps (with the time
 * from entry to the last step), customers reaching each optional step, excluded customers, per-step times, the
 * customers who dropped off before each step, breakdowns and the funnel per period of entry. {@link
 * #evaluate(Iterable)} gives the funnel alone. The defaults (ordered, first entry, no optional step, gap or
 * exclusion) are the funnel of earlier versions: the greedy chain of earliest events from the first entry.
 *
 * <p><b>From an event batch.</b> {@link #analyse(EventBatch, int)} computes the same figures straight from the
 * columns of an {@link EventBatch} when every step and exclusion is defined by a type: no object per event, the
 * customers split into ranges of codes on N threads. A predicate can only be tested on an event object, so a funnel
 * with one evaluates {@link EventBatch#events()} on the calling thread: the same answer, at the object path's speed.
 *
 * <p>At most {@value #MAX_STEPS} steps and {@value #MAX_EXCLUSIONS} exclusions. Create one with {@link
 * #builder(Duration)}. Instances are immutable and thread-safe when the predicates are.
 */
public final class EventFunnel {
    /** The most steps a funnel may have. */
    public static final int MAX_STEPS = 32;

    /** The most exclusions a funnel may have. */
    public static final int MAX_EXCLUSIONS = 32;

    private final List<String> names;
    private final List<Predicate<CustomerEvent>> conditions;
    /** The type ordinal of each step by type; null when some step is a predicate. */
    private final int @Nullable [] stepTypes;

    private final boolean[] optional;
    private final Span[] minGap;
    private final Span[] maxGap;
    private final Duration window;
    private final FunnelOrder order;
    private final FunnelEntry entry;
    private final List<String> exclusionNames;
    private final List<Predicate<CustomerEvent>> exclusionConditions;
    /** The type ordinal of each exclusion by type; null when some exclusion is a predicate. */
    private final int @Nullable [] exclusionTypes;

    private final int[] exclusionFrom;
    private final int[] exclusionTo;

    private EventFunnel(Builder builder) {
        this.names = List.copyOf(builder.names);
        this.conditions = List.copyOf(builder.conditions);
        this.stepTypes = ordinals(builder.types);
        int k = names.size();
        this.optional = new boolean[k];
        this.minGap = new Span[k];
        this.maxGap = new Span[k];
        for (int s = 0; s < k; s++) {
            optional[s] = builder.optional.get(s);
            minGap[s] = Span.of(builder.minGaps.get(s));
            Duration max = builder.maxGaps.get(s);
            maxGap[s] = max == null ? Span.UNBOUNDED : Span.of(max);
        }
        this.window = builder.window;
        this.order = builder.order;
        this.entry = builder.entry;
        this.exclusionNames = List.copyOf(builder.exclusionNames);
        this.exclusionConditions = List.copyOf(builder.exclusionConditions);
        this.exclusionTypes = ordinals(builder.exclusionTypes);
        this.exclusionFrom =
                builder.exclusionFrom.stream().mapToInt(Integer::intValue).toArray();
        this.exclusionTo =
                builder.exclusionTo.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * Returns a builder for an event funnel with the given conversion window.
     *
     * @param window the longest time from the entry event to a later step, inclusive; zero or more
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

    /** {@return the names of the required steps in order: the steps of the funnel {@link #evaluate} gives} */
    public List<String> requiredStepNames() {
        List<String> required = new ArrayList<>(names.size());
        for (int s = 0; s < names.size(); s++) {
            if (!optional[s]) {
                required.add(names.get(s));
            }
        }
        return List.copyOf(required);
    }

    /**
     * Tells whether a step is optional.
     *
     * @param step a step name
     * @return true when the step is optional
     * @throws IllegalArgumentException if the funnel has no such step
     */
    public boolean isOptional(String step) {
        return optional[stepIndex(step)];
    }

    /** {@return the exclusion names in order} */
    public List<String> exclusionNames() {
        return exclusionNames;
    }

    /** {@return the conversion window} */
    public Duration window() {
        return window;
    }

    /** {@return how the steps must follow each other} */
    public FunnelOrder order() {
        return order;
    }

    /** {@return which entry event starts a customer's window} */
    public FunnelEntry entry() {
        return entry;
    }

    /**
     * Computes the funnel of the required steps over the events of any number of customers: {@link
     * #analyse(Iterable)}{@code .funnel()}.
     *
     * @param events the events, in any order
     * @return the funnel, with time to convert
     * @throws NullPointerException if {@code events} or an event is null
     * @throws IllegalStateException if a step's or exclusion's predicate throws; the message names it
     */
    public Funnel evaluate(Iterable<CustomerEvent> events) {
        return analyse(events).funnel();
    }

    /**
     * Computes the funnel of the required steps over an event batch on the default number of threads: {@link
     * #analyse(EventBatch)}{@code .funnel()}.
     *
     * @param batch the events
     * @return the funnel, with time to convert
     * @throws NullPointerException if {@code batch} is null
     * @throws IllegalStateException if a step's or exclusion's predicate throws; the message names it
     */
    public Funnel evaluate(EventBatch batch) {
        return analyse(batch).funnel();
    }

    /**
     * Computes the funnel of the required steps over an event batch: {@link #analyse(EventBatch, int)}{@code
     * .funnel()}.
     *
     * @param batch the events
     * @param threads the number of threads, 1 or more
     * @return the funnel, with time to convert
     * @throws NullPointerException if {@code batch} is null
     * @throws IllegalArgumentException if {@code threads} is below 1
     * @throws IllegalStateException if a step's or exclusion's predicate throws; the message names it
     */
    public Funnel evaluate(EventBatch batch, int threads) {
        return analyse(batch, threads).funnel();
    }

    /**
     * Finds every customer's chain and returns all the figures of the funnel.
     *
     * @param events the events, in any order
     * @return the analysis
     * @throws NullPointerException if {@code events} or an event is null
     * @throws IllegalArgumentException if the steps times the customers exceed what one array holds (about 2^31)
     * @throws IllegalStateException if a step's or exclusion's predicate throws; the message names it
     */
    public FunnelAnalysis analyse(Iterable<CustomerEvent> events) {
        requireNonNull(events, "events");
        List<CustomerEvent> all = new ArrayList<>();
        Map<String, Integer> codes = new HashMap<>();
        List<String> ids = new ArrayList<>();
        int[] customerOf = new int[16];
        for (CustomerEvent event : events) {
            requireNonNull(event, "event");
            Integer code = codes.get(event.customerId());
            if (code == null) {
                code = ids.size();
                codes.put(event.customerId(), code);
                ids.add(event.customerId());
            }
            if (all.size() == customerOf.length) {
                customerOf = Arrays.copyOf(customerOf, customerOf.length * 2);
            }
            customerOf[all.size()] = code;
            all.add(event);
        }
        int customers = ids.size();
        // the events grouped by customer, each customer's in input order
        int[] first = new int[customers + 1];
        for (int i = 0; i < all.size(); i++) {
            first[customerOf[i] + 1]++;
        }
        for (int c = 0; c < customers; c++) {
            first[c + 1] += first[c];
        }
        int[] grouped = new int[all.size()];
        int[] next = Arrays.copyOf(first, customers);
        for (int i = 0; i < all.size(); i++) {
            grouped[next[customerOf[i]]++] = i;
        }
        FunnelChains chains = new FunnelChains(names.size(), customers, ids::get, all::get);
        ChainSearch search = newSearch();
        ChainInput input = new ChainInput(names.size());
        IntUnaryOperator stepMask = handle -> stepMask(all.get(handle));
        IntUnaryOperator exclusionMask = handle -> exclusionMask(all.get(handle));
        for (int c = 0; c < customers; c++) {
            input.reset(first[c + 1] - first[c]);
            for (int i = first[c]; i < first[c + 1]; i++) {
                input.add(Span.key(all.get(grouped[i]).timestamp()), grouped[i]);
            }
            input.search(search, chains, c, stepMask, exclusionMask, !exclusionNames.isEmpty());
        }
        return new FunnelAnalysis(this, chains);
    }

    /**
     * Computes every figure over the events of an event batch, on as many threads as the common fork-join pool runs
     * (its parallelism plus the calling thread): see {@link #analyse(EventBatch, int)}.
     *
     * @param batch the events
     * @return the analysis
     * @throws NullPointerException if {@code batch} is null
     * @throws IllegalStateException if a step's or exclusion's predicate throws; the message names it
     */
    public FunnelAnalysis analyse(EventBatch batch) {
        return analyse(batch, BatchScan.defaultThreads());
    }

    /**
     * Computes every figure over the events of an event batch: the same figures as {@link #analyse(Iterable)} over
     * {@link EventBatch#events()} (ties in time keep the batch's row order).
     *
     * <p>When every step and exclusion is defined by a type, the customers are split into {@code threads} ranges of
     * codes (no more than there are customers), run on the common fork-join pool with the calling thread taking part;
     * each range reads the batch's columns and keeps its customers' events in primitive arrays. With {@code threads =
     * 1} everything runs on the calling thread. When a step or exclusion is a predicate, the batch's events are
     * evaluated as objects on the calling thread, whatever {@code threads} is.
     *
     * @param batch the events
     * @param threads the number of threads, 1 or more
     * @return the analysis
     * @throws NullPointerException if {@code batch} is null
     * @throws IllegalArgumentException if {@code threads} is below 1, or the steps times the customers exceed what one
     *     array holds (about 2^31)
     * @throws IllegalStateException if a step's or exclusion's predicate throws; the message names it
     */
    public FunnelAnalysis analyse(EventBatch batch, int threads) {
        requireNonNull(batch, "batch");
        BatchScan.checkThreads(threads);
        int[] types = stepTypes;
        int[] excluded = exclusionTypes;
        if (types == null || excluded == null) {
            return analyse(batch.events());
        }
        return new FunnelAnalysis(this, BatchFunnel.chains(this, types, excluded, batch, threads));
    }

    /** A chain search for this funnel, for one thread. */
    ChainSearch newSearch() {
        return new ChainSearch(optional, minGap, maxGap, Span.of(window), order, entry, exclusionFrom, exclusionTo);
    }

    /** {@return whether every event of a customer takes part in the search, not only those that match something} */
    boolean needsEveryEvent() {
        return order == FunnelOrder.STRICT;
    }

    /** {@return the number of exclusions} */
    int exclusionCount() {
        return exclusionNames.size();
    }

    /** {@return whether step {@code s} is optional} */
    boolean optional(int s) {
        return optional[s];
    }

    /** The index of a step by name. */
    int stepIndex(String step) {
        requireNonNull(step, "step");
        int index = names.indexOf(step);
        if (index < 0) {
            throw new IllegalArgumentException("step must be one of " + names + " but was '" + step + "'");
        }
        return index;
    }

    /** The steps an event matches, bit {@code s} for step {@code s}. */
    private int stepMask(CustomerEvent event) {
        int mask = 0;
        for (int s = 0; s < conditions.size(); s++) {
            if (test(conditions.get(s), event, "funnel step", names.get(s))) {
                mask |= 1 << s;
            }
        }
        return mask;
    }

    /** The exclusions an event matches, bit {@code x} for exclusion {@code x}. */
    private int exclusionMask(CustomerEvent event) {
        int mask = 0;
        for (int x = 0; x < exclusionConditions.size(); x++) {
            if (test(exclusionConditions.get(x), event, "funnel exclusion", exclusionNames.get(x))) {
                mask |= 1 << x;
            }
        }
        return mask;
    }

    private static boolean test(Predicate<CustomerEvent> condition, CustomerEvent event, String what, String name) {
        try {
            return condition.test(event);
        } catch (RuntimeException e) {
            throw new IllegalStateException(
                    "condition of " + what + " '" + name + "' failed on event " + event.eventId(), e);
        }
    }

    /** The type ordinals of steps or exclusions; null when one is a predicate. */
    private static int @Nullable [] ordinals(List<@Nullable EventType> types) {
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

    @Override
    public String toString() {
        return "EventFunnel{steps=" + names + ", window=" + window + ", order=" + order + ", entry=" + entry
                + (exclusionNames.isEmpty() ? "" : ", exclusions=" + exclusionNames) + "}";
    }

    /** Collects the steps of an event funnel. Not thread-safe. */
    public static final class Builder {
        private final Duration window;
        private final List<String> names = new ArrayList<>();
        private final List<Predicate<CustomerEvent>> conditions = new ArrayList<>();
        private final List<@Nullable EventType> types = new ArrayList<>();
        private final List<Boolean> optional = new ArrayList<>();
        private final List<Duration> minGaps = new ArrayList<>();
        private final List<@Nullable Duration> maxGaps = new ArrayList<>();
        private final Set<String> seen = new HashSet<>();
        private FunnelOrder order = FunnelOrder.ORDERED;
        private FunnelEntry entry = FunnelEntry.FIRST;
        private final List<String> exclusionNames = new ArrayList<>();
        private final List<Predicate<CustomerEvent>> exclusionConditions = new ArrayList<>();
        private final List<@Nullable EventType> exclusionTypes = new ArrayList<>();
        private final List<String> exclusionFromNames = new ArrayList<>();
        private final List<String> exclusionToNames = new ArrayList<>();
        private final List<Integer> exclusionFrom = new ArrayList<>();
        private final List<Integer> exclusionTo = new ArrayList<>();

        private Builder(Duration window) {
            this.window = window;
        }

        /**
         * Sets how the steps must follow each other; {@link FunnelOrder#ORDERED} unless set.
         *
         * @param order the order mode
         * @return this builder
         * @throws NullPointerException if {@code order} is null
         */
        public Builder order(FunnelOrder order) {
            this.order = requireNonNull(order, "order");
            return this;
        }

        /**
         * Sets which entry event starts a customer's window; {@link FunnelEntry#FIRST} unless set.
         *
         * @param entry the entry choice
         * @return this builder
         * @throws NullPointerException if {@code entry} is null
         */
        public Builder entry(FunnelEntry entry) {
            this.entry = requireNonNull(entry, "entry");
            return this;
        }

        /**
         * Adds the next step, matched by events of a type.
         *
         * @param name the step name, unique in the funnel
         * @param type the event type that satisfies the step
         * @return this builder
         * @throws NullPointerException if an argument is null
         * @throws IllegalArgumentException if {@code name} is blank or repeated, or the funnel has {@value
         *     #MAX_STEPS} steps already
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
         * @throws IllegalArgumentException if {@code name} is blank or repeated, or the funnel has {@value
         *     #MAX_STEPS} steps already
         */
        public Builder step(String name, Predicate<CustomerEvent> condition) {
            add(name, condition, null);
            return this;
        }

        /**
         * Makes the step added last optional: a chain may leave it out, and takes it when it can on the way. The
         * first and last steps must stay required; {@link #build()} checks.
         *
         * @return this builder
         * @throws IllegalStateException if no step was added yet
         */
        public Builder optional() {
            optional.set(last("optional()"), true);
            return this;
        }

        /**
         * Sets the least time from the previous step's event to the event of the step added last, inclusive; zero
         * unless set.
         *
         * @param gap the minimum gap, zero or more
         * @return this builder
         * @throws NullPointerException if {@code gap} is null
         * @throws IllegalArgumentException if {@code gap} is negative
         * @throws IllegalStateException if no step was added yet, or only the first
         */
        public Builder minGap(Duration gap) {
            Duration checked = nonNegative(gap, "minGap");
            minGaps.set(laterStep("minGap"), checked);
            return this;
        }

        /**
         * Sets the most time from the previous step's event to the event of the step added last, inclusive; only the
         * window bounds it unless set.
         *
         * @param gap the maximum gap, zero or more
         * @return this builder
         * @throws NullPointerException if {@code gap} is null
         * @throws IllegalArgumentException if {@code gap} is negative
         * @throws IllegalStateException if no step was added yet, or only the first
         */
        public Builder maxGap(Duration gap) {
            Duration checked = nonNegative(gap, "maxGap");
            maxGaps.set(laterStep("maxGap"), checked);
            return this;
        }

        /**
         * Adds an exclusion: customers whose chain reaches step {@code fromStep} and who have an event of the type
         * after it and before step {@code toStep}'s event (before the end of the window when the chain does not reach
         * {@code toStep}) are excluded from the funnel.
         *
         * @param name the exclusion's name, unique among the exclusions
         * @param type the event type that excludes
         * @param fromStep a required step
         * @param toStep a later required step
         * @return this builder
         * @throws NullPointerException if an argument is null
         * @throws IllegalArgumentException if {@code name} is blank or repeated, or the funnel has {@value
         *     #MAX_EXCLUSIONS} exclusions already; the steps are checked by {@link #build()}
         */
        public Builder exclude(String name, EventType type, String fromStep, String toStep) {
            requireNonNull(type, "type");
            addExclusion(name, event -> event.type() == type, type, fromStep, toStep);
            return this;
        }

        /**
         * Adds an exclusion matched by a predicate; see {@link #exclude(String, EventType, String, String)}.
         *
         * @param name the exclusion's name, unique among the exclusions
         * @param condition the predicate that an excluding event passes
         * @param fromStep a required step
         * @param toStep a later required step
         * @return this builder
         * @throws NullPointerException if an argument is null
         * @throws IllegalArgumentException if {@code name} is blank or repeated, or the funnel has {@value
         *     #MAX_EXCLUSIONS} exclusions already
         */
        public Builder exclude(String name, Predicate<CustomerEvent> condition, String fromStep, String toStep) {
            addExclusion(name, condition, null, fromStep, toStep);
            return this;
        }

        private void add(String name, Predicate<CustomerEvent> condition, @Nullable EventType type) {
            requireNonNull(name, "name");
            requireNonNull(condition, "condition");
            Checks.nonBlank(name, "name");
            Checks.uniqueStepName(!seen.contains(name), name);
            if (names.size() == MAX_STEPS) {
                throw new IllegalArgumentException("an event funnel has at most " + MAX_STEPS + " steps, but step '"
                        + name + "' would be step " + (MAX_STEPS + 1));
            }
            seen.add(name);
            names.add(name);
            conditions.add(condition);
            types.add(type);
            optional.add(false);
            minGaps.add(Duration.ZERO);
            maxGaps.add(null);
        }

        private void addExclusion(
                String name,
                Predicate<CustomerEvent> condition,
                @Nullable EventType type,
                String fromStep,
                String toStep) {
            requireNonNull(name, "name");
            requireNonNull(condition, "condition");
            requireNonNull(fromStep, "fromStep");
            requireNonNull(toStep, "toStep");
            Checks.nonBlank(name, "name");
            if (exclusionNames.contains(name)) {
                throw new IllegalArgumentException("exclusion names must be unique but '" + name + "' is repeated");
            }
            if (exclusionNames.size() == MAX_EXCLUSIONS) {
                throw new IllegalArgumentException("an event funnel has at most " + MAX_EXCLUSIONS
                        + " exclusions, but exclusion '" + name + "' would be exclusion " + (MAX_EXCLUSIONS + 1));
            }
            exclusionNames.add(name);
            exclusionConditions.add(condition);
            exclusionTypes.add(type);
            exclusionFromNames.add(fromStep);
            exclusionToNames.add(toStep);
        }

        private int last(String what) {
            if (names.isEmpty()) {
                throw new IllegalStateException(what + " applies to the step added last, but no step was added");
            }
            return names.size() - 1;
        }

        private int laterStep(String what) {
            int step = last(what + "()");
            if (step == 0) {
                throw new IllegalStateException(what + " is the time from the previous step, but step '" + names.get(0)
                        + "' is the first step");
            }
            return step;
        }

        private static Duration nonNegative(Duration gap, String what) {
            requireNonNull(gap, what);
            if (gap.isNegative()) {
                throw new IllegalArgumentException(what + " must be zero or more but was " + gap);
            }
            return gap;
        }

        /**
         * Builds the event funnel.
         *
         * @return the event funnel
         * @throws IllegalStateException if no step was added; the first or last step is optional; a step's minimum
         *     gap exceeds its maximum; an exclusion names a step that is not a required step of the funnel, or its
         *     steps are not in funnel order; or an {@link FunnelOrder#UNORDERED} funnel has optional steps, gaps or
         *     exclusions
         */
        public EventFunnel build() {
            if (names.isEmpty()) {
                throw new IllegalStateException("an event funnel needs at least one step but none was added");
            }
            if (optional.get(0) || optional.get(names.size() - 1)) {
                String step = optional.get(0) ? names.get(0) : names.get(names.size() - 1);
                throw new IllegalStateException(
                        "the first and last steps of a funnel must be required, but step '" + step + "' is optional");
            }
            for (int s = 1; s < names.size(); s++) {
                Duration max = maxGaps.get(s);
                if (max != null && minGaps.get(s).compareTo(max) > 0) {
                    throw new IllegalStateException("the minimum gap " + minGaps.get(s) + " of step '" + names.get(s)
                            + "' must not exceed its maximum gap " + max);
                }
            }
            if (order == FunnelOrder.UNORDERED) {
                checkUnordered();
            }
            exclusionFrom.clear();
            exclusionTo.clear();
            for (int x = 0; x < exclusionNames.size(); x++) {
                int from = requiredStep(x, exclusionFromNames.get(x));
                int to = requiredStep(x, exclusionToNames.get(x));
                if (from >= to) {
                    throw new IllegalStateException("exclusion '" + exclusionNames.get(x) + "' must run from a step"
                            + " to a later one, but '" + exclusionFromNames.get(x) + "' does not come before '"
                            + exclusionToNames.get(x) + "'");
                }
                exclusionFrom.add(from);
                exclusionTo.add(to);
            }
            return new EventFunnel(this);
        }

        private void checkUnordered() {
            for (int s = 0; s < names.size(); s++) {
                if (optional.get(s) || !minGaps.get(s).isZero() || maxGaps.get(s) != null) {
                    throw new IllegalStateException("an unordered funnel has no optional steps or gaps between steps,"
                            + " but step '" + names.get(s) + "' has one");
                }
            }
            if (!exclusionNames.isEmpty()) {
                throw new IllegalStateException("an unordered funnel has no exclusions between steps, but exclusion '"
                        + exclusionNames.get(0) + "' was added");
            }
        }

        private int requiredStep(int exclusion, String step) {
            int index = names.indexOf(step);
            if (index < 0 || optional.get(index)) {
                throw new IllegalStateException("exclusion '" + exclusionNames.get(exclusion)
                        + "' must name required steps of the funnel " + names + " but names '" + step + "'"
                        + (index < 0 ? "" : ", which is optional"));
            }
            return index;
        }
    }
}
