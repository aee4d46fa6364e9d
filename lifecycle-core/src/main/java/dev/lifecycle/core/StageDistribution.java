package dev.lifecycle.core;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableMap;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How many customers are in each stage at an instant (the pipeline), and how many reached each main-path stage.
 *
 * <p>Every stage of the template is listed, in template order, zero counts included. The reached count of a main-path
 * stage counts the customers whose highest main-path stage is that stage or a later one, so reached counts never
 * increase along the main path and are what a funnel is built from. Instances are immutable and thread-safe.
 */
public final class StageDistribution {
    private final String templateName;
    private final Instant asOf;
    private final ImmutableMap<String, Long> counts;
    private final ImmutableMap<String, Long> reached;
    private final long total;

    private StageDistribution(
            String templateName, Instant asOf, ImmutableMap<String, Long> counts, ImmutableMap<String, Long> reached) {
        this.templateName = templateName;
        this.asOf = asOf;
        this.counts = counts;
        this.reached = reached;
        this.total = counts.values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * Builds a distribution from per-stage counts indexed like {@code template.stages()}, and counts of customers by
     * highest main-path stage reached, indexed the same way (zero for side stages).
     */
    static StageDistribution of(LifecycleTemplate template, Instant asOf, long[] current, long[] highest) {
        List<Stage> stages = template.stages();
        ImmutableMap.Builder<String, Long> counts = ImmutableMap.builderWithExpectedSize(stages.size());
        for (int i = 0; i < stages.size(); i++) {
            counts.put(stages.get(i).id(), current[i]);
        }
        ImmutableMap.Builder<String, Long> reached = ImmutableMap.builder();
        long atOrBeyond = 0;
        for (int i = stages.size() - 1; i >= 0; i--) {
            if (!stages.get(i).isSideStage()) {
                atOrBeyond += highest[i];
            }
        }
        for (int i = 0; i < stages.size(); i++) {
            if (!stages.get(i).isSideStage()) {
                reached.put(stages.get(i).id(), atOrBeyond);
                atOrBeyond -= highest[i];
            }
        }
        return new StageDistribution(template.name(), asOf, counts.buildOrThrow(), reached.buildOrThrow());
    }

    /** {@return the name of the template the customers were classified with} */
    public String templateName() {
        return templateName;
    }

    /** {@return the instant of the classification} */
    public Instant asOf() {
        return asOf;
    }

    /** {@return the number of customers in each stage, every stage of the template in template order} */
    public Map<String, Long> counts() {
        return counts;
    }

    /**
     * Returns the number of customers in a stage.
     *
     * @param stageId a stage of the template
     * @return the count, zero or more
     * @throws NullPointerException if {@code stageId} is null
     * @throws IllegalArgumentException if the template has no such stage
     */
    public long count(String stageId) {
        return lookUp(counts, stageId, "stage", "stages");
    }

    /** {@return the number of customers classified} */
    public long total() {
        return total;
    }

    /**
     * Returns, for each main-path stage in order, the number of customers whose highest main-path stage is that
     * stage or a later one. Never increases along the main path; the first value is {@link #total()}.
     *
     * @return the reached counts by main-path stage id
     */
    public Map<String, Long> reachedCounts() {
        return reached;
    }

    /**
     * Returns the number of customers who reached a main-path stage or a later one.
     *
     * @param stageId a main-path stage of the template
     * @return the count, zero or more
     * @throws NullPointerException if {@code stageId} is null
     * @throws IllegalArgumentException if the template has no such main-path stage
     */
    public long reached(String stageId) {
        return lookUp(reached, stageId, "main-path stage", "main path");
    }

    /** Returns the count of a stage, naming the stages there are when the template has no such stage. */
    private long lookUp(Map<String, Long> byStage, String stageId, String stageKind, String listName) {
        Long count = byStage.get(requireNonNull(stageId, "stageId"));
        if (count == null) {
            throw new IllegalArgumentException("template '" + templateName + "' has no " + stageKind + " '" + stageId
                    + "'; " + listName + ": " + byStage.keySet());
        }
        return count;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof StageDistribution other
                && templateName.equals(other.templateName)
                && asOf.equals(other.asOf)
                && counts.equals(other.counts)
                && reached.equals(other.reached);
    }

    @Override
    public int hashCode() {
        return Objects.hash(templateName, asOf, counts, reached);
    }

    @Override
    public String toString() {
        return "StageDistribution{template=" + templateName + ", asOf=" + asOf + ", counts=" + counts + ", reached="
                + reached + "}";
    }
}
