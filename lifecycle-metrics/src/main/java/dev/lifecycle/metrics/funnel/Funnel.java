package dev.lifecycle.metrics.funnel;

import static java.util.Objects.requireNonNull;

import dev.lifecycle.core.StageDistribution;
import dev.lifecycle.metrics.internal.Checks;
import dev.lifecycle.metrics.rate.Rate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * An ordered funnel of steps with reached counts {@code n1 >= n2 >= ... >= nk}, their conversions and drop-offs.
 *
 * <p>Build one from counts with {@link #builder()}, from a {@link StageDistribution} with {@link
 * #fromDistribution(StageDistribution)} or {@link #fromDistribution(StageDistribution, Set)}, or from events with
 * {@link EventFunnel}. Counts never increase along the steps; an increasing count is rejected. An empty funnel ({@code
 * n1 = 0}) has every rate undefined, no biggest drop-off and no benchmark comparison ({@link #isEmpty()} says so).
 *
 * <p>A step may be {@linkplain FunnelStep#measured() not measured}: the input has no events that decide it, so its
 * count only follows from the template's rules. Such a step keeps its count (the invariants above hold for every
 * step), but no drop-off into or out of it is ranked or compared with a benchmark. Instances are immutable and
 * thread-safe.
 */
public final class Funnel {
    private final List<FunnelStep> steps;
    private final @Nullable TimeToConvert timeToConvert;

    private Funnel(List<FunnelStep> steps, @Nullable TimeToConvert timeToConvert) {
        this.steps = steps;
        this.timeToConvert = timeToConvert;
    }

    /** {@return a builder for a funnel from counts} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the funnel of the reached counts along the template's main path, every step measured.
     *
     * @param distribution a classification of customers
     * @return one step per main-path stage, named by stage id
     * @throws NullPointerException if {@code distribution} is null
     */
    public static Funnel fromDistribution(StageDistribution distribution) {
        requireNonNull(distribution, "distribution");
        return fromDistribution(distribution, distribution.reachedCounts().keySet());
    }

    /**
     * Returns the funnel of the reached counts along the template's main path, with the stages outside {@code
     * measuredStages} marked not measured. {@link dev.lifecycle.core.LifecycleTemplate#measuredStages(Set)} tells
     * which stages the event types of an input measure.
     *
     * @param distribution a classification of customers
     * @param measuredStages the ids of the main-path stages the input measures
     * @return one step per main-path stage, named by stage id
     * @throws NullPointerException if an argument is null or {@code measuredStages} holds null
     * @throws IllegalArgumentException if {@code measuredStages} names a stage that is not on the main path of the
     *     distribution's template
     */
    public static Funnel fromDistribution(StageDistribution distribution, Set<String> measuredStages) {
        requireNonNull(distribution, "distribution");
        requireNonNull(measuredStages, "measuredStages");
        Map<String, Long> reached = distribution.reachedCounts();
        for (String stage : measuredStages) {
            requireNonNull(stage, "measuredStages holds null");
            if (!reached.containsKey(stage)) {
                throw new IllegalArgumentException("measured stage '" + stage + "' must be a main-path stage of"
                        + " template '" + distribution.templateName() + "' " + reached.keySet() + " but is not");
            }
        }
        Builder builder = builder();
        for (Map.Entry<String, Long> entry : reached.entrySet()) {
            if (measuredStages.contains(entry.getKey())) {
                builder.step(entry.getKey(), entry.getValue());
            } else {
                builder.unmeasuredStep(entry.getKey(), entry.getValue());
            }
        }
        return builder.build();
    }

    /** The funnel of the counts; {@code measured} null means every step is measured. */
    static Funnel of(
            List<String> names, long[] counts, boolean @Nullable [] measured, @Nullable TimeToConvert timeToConvert) {
        List<FunnelStep> steps = new ArrayList<>(names.size());
        long top = counts[0];
        for (int i = 0; i < names.size(); i++) {
            long count = counts[i];
            long previous = i == 0 ? count : counts[i - 1];
            String name = names.get(i);
            boolean isMeasured = measured == null || measured[i];
            boolean previousMeasured = measured == null || measured[i == 0 ? 0 : i - 1];
            steps.add(new FunnelStep(
                    name,
                    i + 1,
                    count,
                    Rate.of("conversion into '" + name + "' from previous step", count, previous),
                    Rate.of("conversion into '" + name + "' from top", count, top),
                    previous - count,
                    Rate.of("drop-off before '" + name + "'", previous - count, previous),
                    isMeasured,
                    isMeasured && previousMeasured));
        }
        return new Funnel(List.copyOf(steps), timeToConvert);
    }

    /** {@return the steps in order, at least one} */
    public List<FunnelStep> steps() {
        return steps;
    }

    /**
     * Returns the step with the given name.
     *
     * @param name a step name
     * @return the step
     * @throws NullPointerException if {@code name} is null
     * @throws IllegalArgumentException if the funnel has no such step
     */
    public FunnelStep step(String name) {
        requireNonNull(name, "name");
        for (FunnelStep step : steps) {
            if (step.name().equals(name)) {
                return step;
            }
        }
        throw new IllegalArgumentException("funnel has no step '" + name + "'; steps: " + names());
    }

    /** {@return whether the first step has no customer, so that every rate is undefined} */
    public boolean isEmpty() {
        return steps.get(0).count() == 0;
    }

    /**
     * Returns the step with the largest drop-off rate (ties: the earliest step), among steps 2..k whose drop-off rate
     * is defined and that are {@linkplain FunnelStep#dropOffMeasured() measured together with their previous step}: a
     * drop-off into or out of a step that is not measured is never ranked.
     *
     * @return the step, or empty when the funnel is empty, has a single step, or has no two consecutive measured steps
     *     with a defined drop-off rate
     */
    public Optional<FunnelStep> biggestDropOff() {
        @Nullable FunnelStep best = null;
        for (FunnelStep step : steps.subList(1, steps.size())) {
            Rate rate = step.dropOffRate();
            if (step.dropOffMeasured()
                    && rate.isDefined()
                    && (best == null || rate.requireValue() > best.dropOffRate().requireValue())) {
                best = step;
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * Compares a step's conversion from the previous step ({@code n_i / n_(i-1)}) with a benchmark or target rate. For
     * other bases use {@link BenchmarkComparison#of(Rate, double)} with a step's rate.
     *
     * @param stepName the step
     * @param benchmark r0, in [0, 1]
     * @return the comparison, or empty when the step's conversion from the previous step is undefined or the step
     *     or the previous one is not measured
     * @throws NullPointerException if {@code stepName} is null
     * @throws IllegalArgumentException if the funnel has no such step or {@code benchmark} is not in [0, 1]
     */
    public Optional<BenchmarkComparison> compareWithBenchmark(String stepName, double benchmark) {
        FunnelStep step = step(stepName);
        Optional<BenchmarkComparison> comparison = BenchmarkComparison.of(step.fromPrevious(), benchmark);
        return step.dropOffMeasured() ? comparison : Optional.empty();
    }

    /**
     * Returns the time from step 1 to the last step of the converted customers; only event funnels have it.
     *
     * @return the statistics, or empty for a funnel built from counts
     */
    public Optional<TimeToConvert> timeToConvert() {
        return Optional.ofNullable(timeToConvert);
    }

    private List<String> names() {
        List<String> names = new ArrayList<>();
        for (FunnelStep step : steps) {
            names.add(step.name());
        }
        return names;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof Funnel other
                && steps.equals(other.steps)
                && Objects.equals(timeToConvert, other.timeToConvert);
    }

    @Override
    public int hashCode() {
        return Objects.hash(steps, timeToConvert);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("Funnel{");
        for (FunnelStep step : steps) {
            text.append(step.position() == 1 ? "" : " -> ")
                    .append(step.name())
                    .append('=')
                    .append(step.count())
                    .append(step.measured() ? "" : " (not measured)");
        }
        return text.append('}').toString();
    }

    /** Collects the steps of a funnel from counts. Not thread-safe. */
    public static final class Builder {
        private final List<String> names = new ArrayList<>();
        private final List<Long> counts = new ArrayList<>();
        private final List<Boolean> measured = new ArrayList<>();
        private final Set<String> seen = new HashSet<>();

        private Builder() {}

        /**
         * Adds the next step, measured.
         *
         * @param name the step name, unique in the funnel
         * @param count the customers who reached the step, zero or more and no more than the previous step's
         * @return this builder
         * @throws NullPointerException if {@code name} is null
         * @throws IllegalArgumentException if {@code name} is blank or repeated, {@code count} is negative, or
         *     {@code count} exceeds the previous step's count
         */
        public Builder step(String name, long count) {
            return add(name, count, true);
        }

        /**
         * Adds the next step, {@linkplain FunnelStep#measured() not measured}: the input has no events that decide
         * it, so its count only follows from the rules. The count obeys the same rules as a measured step's.
         *
         * @param name the step name, unique in the funnel
         * @param count the customers the rules put at or past the step, zero or more and no more than the previous
         *     step's
         * @return this builder
         * @throws NullPointerException if {@code name} is null
         * @throws IllegalArgumentException if {@code name} is blank or repeated, {@code count} is negative, or
         *     {@code count} exceeds the previous step's count
         */
        public Builder unmeasuredStep(String name, long count) {
            return add(name, count, false);
        }

        private Builder add(String name, long count, boolean isMeasured) {
            requireNonNull(name, "name");
            Checks.nonBlank(name, "name");
            Checks.uniqueStepName(!seen.contains(name), name);
            Checks.zeroOrMoreOf(count, "count of step", name);
            if (!counts.isEmpty() && count > counts.get(counts.size() - 1)) {
                throw new IllegalArgumentException("count of step '" + name + "' must not exceed the count "
                        + counts.get(counts.size() - 1) + " of step '" + names.get(names.size() - 1)
                        + "' but was " + count);
            }
            seen.add(name);
            names.add(name);
            counts.add(count);
            measured.add(isMeasured);
            return this;
        }

        /**
         * Builds the funnel.
         *
         * @return the funnel
         * @throws IllegalStateException if no step was added
         */
        public Funnel build() {
            if (names.isEmpty()) {
                throw new IllegalStateException("a funnel needs at least one step but none was added");
            }
            boolean[] isMeasured = new boolean[measured.size()];
            for (int i = 0; i < isMeasured.length; i++) {
                isMeasured[i] = measured.get(i);
            }
            return of(names, counts.stream().mapToLong(Long::longValue).toArray(), isMeasured, null);
        }
    }
}
