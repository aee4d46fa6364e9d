package dev.lifecycle.metrics.funnel;

import static java.util.Objects.requireNonNull;

import dev.lifecycle.core.CustomerEvent;
import dev.lifecycle.metrics.cohort.CohortPeriod;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.IntUnaryOperator;

/**
 * Every figure of an {@link EventFunnel} over a set of customers, read from each customer's chain (see {@link
 * EventFunnel} for how a chain is chosen): the funnel of the required steps, customers reaching each step, excluded
 * customers, time into and to each step, the customers who dropped off before each step, and the same figures by
 * breakdown or by period of entry.
 *
 * <p>Excluded customers count in {@link #excludedCount()} and nowhere else: in no step, time or drop-off. In an
 * {@linkplain FunnelOrder#UNORDERED unordered} funnel the {@code i}-th step's figures are those of doing any {@code i}
 * steps: its count is the customers who did at least {@code i}, its time the time at which they had done {@code i}.
 * Instances are immutable and thread-safe.
 */
public final class FunnelAnalysis {
    private final EventFunnel definition;
    private final FunnelChains chains;
    /** The customers of this analysis: every customer of the input, or those of one group. */
    private final int[] members;

    private final long[] stepCounts;
    private final long excluded;
    private final long[] excludedBy;
    private final Funnel funnel;

    FunnelAnalysis(EventFunnel definition, FunnelChains chains) {
        this(definition, chains, everyone(chains.customers));
    }

    private FunnelAnalysis(EventFunnel definition, FunnelChains chains, int[] members) {
        this.definition = definition;
        this.chains = chains;
        this.members = members;
        int k = chains.steps;
        this.stepCounts = new long[k];
        this.excludedBy = new long[definition.exclusionCount()];
        long excludedCustomers = 0;
        int lastRequired = k - 1;
        List<Duration> times = new ArrayList<>();
        for (int c : members) {
            if (!chains.entered(c)) {
                continue;
            }
            int broken = chains.broken[c];
            if (broken != 0) {
                excludedCustomers++;
                for (int x = 0; x < excludedBy.length; x++) {
                    excludedBy[x] += (broken >>> x) & 1;
                }
                continue;
            }
            for (int s = 0; s < k; s++) {
                stepCounts[s] += chains.has(c, s) ? 1 : 0;
            }
            if (chains.has(c, lastRequired)) {
                times.add(Span.between(chains.key(c, 0), chains.key(c, lastRequired)));
            }
        }
        this.excluded = excludedCustomers;
        List<String> required = definition.requiredStepNames();
        long[] requiredCounts = new long[required.size()];
        for (int s = 0, r = 0; s < k; s++) {
            if (!definition.optional(s)) {
                requiredCounts[r++] = stepCounts[s];
            }
        }
        this.funnel = Funnel.of(required, requiredCounts, null, TimeToConvert.of(times));
    }

    private static int[] everyone(int customers) {
        int[] all = new int[customers];
        for (int c = 0; c < customers; c++) {
            all[c] = c;
        }
        return all;
    }

    /** {@return the funnel definition, with the order mode and the entry choice the figures were computed with} */
    public EventFunnel definition() {
        return definition;
    }

    /** {@return the customers with at least one event in the input (of this group, for a breakdown or period)} */
    public long customerCount() {
        return members.length;
    }

    /** {@return the customers who entered and were not excluded: the count of step 1} */
    public long enteredCount() {
        return stepCounts[0];
    }

    /** {@return the customers excluded by some exclusion; they count in no step} */
    public long excludedCount() {
        return excluded;
    }

    /**
     * Returns the customers an exclusion excluded. A customer who broke several exclusions counts in each, and once in
     * {@link #excludedCount()}.
     *
     * @param exclusion an exclusion's name
     * @return the customers it excluded
     * @throws NullPointerException if {@code exclusion} is null
     * @throws IllegalArgumentException if the funnel has no such exclusion
     */
    public long excludedCount(String exclusion) {
        requireNonNull(exclusion, "exclusion");
        int x = definition.exclusionNames().indexOf(exclusion);
        if (x < 0) {
            throw new IllegalArgumentException(
                    "exclusion must be one of " + definition.exclusionNames() + " but was '" + exclusion + "'");
        }
        return excludedBy[x];
    }

    /**
     * Returns the funnel of the required steps: their counts, conversions and drop-offs, and the time from the entry
     * event to the last step's event of the customers who reached it.
     *
     * @return the funnel
     */
    public Funnel funnel() {
        return funnel;
    }

    /**
     * Returns the customers who reached a step, required or optional.
     *
     * @param step a step name
     * @return the customers whose chain has the step
     * @throws NullPointerException if {@code step} is null
     * @throws IllegalArgumentException if the funnel has no such step
     */
    public long stepCount(String step) {
        return stepCounts[definition.stepIndex(step)];
    }

    /**
     * Returns the time into a step: from the event of the previous step in each customer's chain (an optional step
     * when the chain has it) to the step's event, over the customers who reached the step. Step 1 has no time into it
     * (count 0).
     *
     * @param step a step name
     * @return the times, with count, mean, median and percentiles
     * @throws NullPointerException if {@code step} is null
     * @throws IllegalArgumentException if the funnel has no such step
     */
    public TimeToConvert timeToStep(String step) {
        int s = definition.stepIndex(step);
        return times(s, c -> {
            int previous = s - 1;
            while (previous >= 0 && !chains.has(c, previous)) {
                previous--;
            }
            return previous;
        });
    }

    /**
     * Returns the time from each customer's entry event to a step's event, over the customers who reached the step.
     *
     * @param step a step name
     * @return the times, with count, mean, median and percentiles
     * @throws NullPointerException if {@code step} is null
     * @throws IllegalArgumentException if the funnel has no such step
     */
    public TimeToConvert timeFromEntry(String step) {
        int s = definition.stepIndex(step);
        return times(s, c -> s == 0 ? -1 : 0);
    }

    private TimeToConvert times(int step, IntUnaryOperator from) {
        List<Duration> times = new ArrayList<>();
        for (int c : members) {
            if (counted(c) && chains.has(c, step)) {
                int start = from.applyAsInt(c);
                if (start >= 0) {
                    times.add(Span.between(chains.key(c, start), chains.key(c, step)));
                }
            }
        }
        return TimeToConvert.of(times);
    }

    /**
     * Returns the customers who dropped off before a required step: they reached the previous required step and not
     * this one. These are the ids a platform can act on (send a reminder, open a ticket).
     *
     * @param step a required step other than the first
     * @return the customer ids, in ascending order
     * @throws NullPointerException if {@code step} is null
     * @throws IllegalArgumentException if the funnel has no such step, or it is the first or an optional step
     */
    public List<String> droppedBefore(String step) {
        int s = definition.stepIndex(step);
        if (s == 0 || definition.optional(s)) {
            throw new IllegalArgumentException("customers drop off before a required step after the first, but '" + step
                    + "' is " + (s == 0 ? "the first step" : "optional"));
        }
        int previous = s - 1;
        while (definition.optional(previous)) {
            previous--;
        }
        List<String> ids = new ArrayList<>();
        for (int c : members) {
            if (counted(c) && chains.has(c, previous) && !chains.has(c, s)) {
                ids.add(chains.customerId(c));
            }
        }
        ids.sort(null);
        return List.copyOf(ids);
    }

    /** Whether a customer entered and was not excluded. */
    private boolean counted(int c) {
        return chains.entered(c) && chains.broken[c] == 0;
    }

    /**
     * Splits the funnel by a property of an event of each customer's chain: the entry event ({@link
     * FunnelBreakdown.Touch#FIRST}) or the event of the furthest step reached ({@link FunnelBreakdown.Touch#LAST}).
     * Only customers who entered (excluded ones too) fall in a group; see {@link FunnelBreakdown} for the groups kept.
     *
     * @param property the property of an event, such as its channel; null reads as {@link FunnelBreakdown#NO_VALUE}
     * @param touch which event of the chain is read
     * @param limit the most groups kept apart from {@link FunnelBreakdown#OTHER}, 1 or more
     * @return the breakdown
     * @throws NullPointerException if {@code property} or {@code touch} is null
     * @throws IllegalArgumentException if {@code limit} is below 1
     * @throws IllegalStateException if {@code property} throws; the message names the event
     */
    public FunnelBreakdown breakdownByEvent(
            Function<CustomerEvent, String> property, FunnelBreakdown.Touch touch, int limit) {
        requireNonNull(property, "property");
        requireNonNull(touch, "touch");
        FunnelBreakdown.checkLimit(limit);
        return group(
                c -> {
                    CustomerEvent event =
                            chains.event(c, touch == FunnelBreakdown.Touch.FIRST ? 0 : chains.lastStep(c));
                    try {
                        return property.apply(event);
                    } catch (RuntimeException e) {
                        throw new IllegalStateException("breakdown property failed on event " + event.eventId(), e);
                    }
                },
                limit);
    }

    /**
     * Splits the funnel by a property of the customer, such as a template stage or an RFM segment. Only customers who
     * entered (excluded ones too) fall in a group.
     *
     * @param property the property of a customer id; null reads as {@link FunnelBreakdown#NO_VALUE}
     * @param limit the most groups kept apart from {@link FunnelBreakdown#OTHER}, 1 or more
     * @return the breakdown
     * @throws NullPointerException if {@code property} is null
     * @throws IllegalArgumentException if {@code limit} is below 1
     * @throws IllegalStateException if {@code property} throws; the message names the customer
     */
    public FunnelBreakdown breakdownByCustomer(Function<String, String> property, int limit) {
        requireNonNull(property, "property");
        FunnelBreakdown.checkLimit(limit);
        return group(
                c -> {
                    String id = chains.customerId(c);
                    try {
                        return property.apply(id);
                    } catch (RuntimeException e) {
                        throw new IllegalStateException("breakdown property failed on customer " + id, e);
                    }
                },
                limit);
    }

    private FunnelBreakdown group(IntFunction<String> label, int limit) {
        Map<String, List<Integer>> groups = new TreeMap<>();
        for (int c : members) {
            if (chains.entered(c)) {
                String value = label.apply(c);
                groups.computeIfAbsent(value == null ? FunnelBreakdown.NO_VALUE : value, v -> new ArrayList<>())
                        .add(c);
            }
        }
        Map<String, FunnelAnalysis> analyses = new TreeMap<>();
        groups.forEach((value, customers) -> analyses.put(value, subset(customers)));
        return FunnelBreakdown.of(analyses, limit, this::merge);
    }

    /** The analysis of the customers of several groups together. */
    private FunnelAnalysis merge(List<FunnelAnalysis> parts) {
        List<Integer> customers = new ArrayList<>();
        for (FunnelAnalysis part : parts) {
            for (int c : part.members) {
                customers.add(c);
            }
        }
        customers.sort(null);
        return subset(customers);
    }

    private FunnelAnalysis subset(List<Integer> customers) {
        return new FunnelAnalysis(
                definition,
                chains,
                customers.stream().mapToInt(Integer::intValue).toArray());
    }

    /**
     * Splits the funnel by the period (UTC) of each customer's entry event: one point per period from the first
     * entry's to the last's, empty periods included, so each point's previous period is the point before it. A
     * customer counts in the period they entered, whatever the period of their later steps. Only customers who
     * entered (excluded ones too) fall in a period.
     *
     * @param period the period
     * @return the funnel per period, with comparisons to the previous period
     * @throws NullPointerException if {@code period} is null
     * @throws IllegalArgumentException if the periods from the first entry to the last exceed {@value
     *     dev.lifecycle.metrics.internal.PeriodBound#MAX_PERIODS}
     */
    public FunnelTrend byEntryPeriod(CohortPeriod period) {
        requireNonNull(period, "period");
        Map<LocalDate, List<Integer>> byPeriod = new TreeMap<>();
        for (int c : members) {
            if (chains.entered(c)) {
                Instant entry = Instant.ofEpochSecond(0, chains.key(c, 0));
                byPeriod.computeIfAbsent(period.startOf(entry), p -> new ArrayList<>())
                        .add(c);
            }
        }
        Map<LocalDate, FunnelAnalysis> analyses = new TreeMap<>();
        byPeriod.forEach((start, customers) -> analyses.put(start, subset(customers)));
        return FunnelTrend.of(period, analyses, subset(List.of()));
    }

    @Override
    public String toString() {
        return "FunnelAnalysis{order=" + definition.order() + ", entry=" + definition.entry() + ", customers="
                + members.length + ", excluded=" + excluded + ", funnel=" + funnel + "}";
    }
}
