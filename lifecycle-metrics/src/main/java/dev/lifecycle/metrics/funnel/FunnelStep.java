package dev.lifecycle.metrics.funnel;

import static java.util.Objects.requireNonNull;

import dev.lifecycle.metrics.internal.Checks;
import dev.lifecycle.metrics.rate.Rate;

/**
 * One step of a {@link Funnel}: how many customers reached it, the conversion into it and the drop-off before it.
 *
 * <p>For step 1 the conversion from the previous step is {@code n1 / n1} and the drop-off is {@code 0 / n1}. With
 * {@code n1 = 0} every rate is undefined.
 *
 * <p>A step is <em>not measured</em> when the input has no events that decide it, as awareness and advocacy on a
 * purchase history (see {@link dev.lifecycle.core.LifecycleTemplate#measuredStages(java.util.Set)}): its count then
 * only follows from the template's rules and says nothing about the stage. The figures are still those the counts
 * give, so that the funnel's invariants hold, but reports show such a step as not measured rather than its count. The
 * conversion from the previous step and the drop-off compare two counts, so they mean something only when both steps
 * are measured: {@link #dropOffMeasured()}. Instances are immutable and thread-safe.
 *
 * @param name the step name
 * @param position the 1-based position in the funnel
 * @param count n_i, the customers who reached the step
 * @param fromPrevious the conversion from the previous step, {@code n_i / n_(i-1)}
 * @param fromTop the conversion from the first step, {@code n_i / n_1}
 * @param dropOffCount {@code n_(i-1) - n_i}, the customers lost before this step
 * @param dropOffRate {@code (n_(i-1) - n_i) / n_(i-1)}
 * @param measured whether the input has events that decide this step
 * @param dropOffMeasured whether this step and the previous one are both measured (for step 1, whether it is), so
 *     that {@code fromPrevious}, {@code dropOffCount} and {@code dropOffRate} compare measured counts
 */
public record FunnelStep(
        String name,
        int position,
        long count,
        Rate fromPrevious,
        Rate fromTop,
        long dropOffCount,
        Rate dropOffRate,
        boolean measured,
        boolean dropOffMeasured) {

    /**
     * Validates the step.
     *
     * @param name the step name
     * @param position the 1-based position in the funnel
     * @param count the customers who reached the step
     * @param fromPrevious the conversion from the previous step
     * @param fromTop the conversion from the first step
     * @param dropOffCount the customers lost before this step
     * @param dropOffRate the drop-off rate before this step
     * @param measured whether the input has events that decide this step
     * @param dropOffMeasured whether this step and the previous one are both measured (step 1: whether it is)
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code position} is below 1, a count is negative, {@code dropOffMeasured}
     *     is true for a step that is not measured, or differs from {@code measured} at step 1
     */
    public FunnelStep {
        requireNonNull(name, "name");
        requireNonNull(fromPrevious, "fromPrevious");
        requireNonNull(fromTop, "fromTop");
        requireNonNull(dropOffRate, "dropOffRate");
        if (position < 1) {
            throw new IllegalArgumentException("position must be 1 or more but was " + position);
        }
        Checks.zeroOrMore(count, "count");
        Checks.zeroOrMore(dropOffCount, "dropOffCount");
        if (dropOffMeasured && !measured) {
            throw new IllegalArgumentException(
                    "dropOffMeasured must be false for step '" + name + "', which is not measured, but was true");
        }
        if (position == 1 && dropOffMeasured != measured) {
            throw new IllegalArgumentException("dropOffMeasured of step 1 '" + name + "' must equal measured ("
                    + measured + ") but was " + dropOffMeasured);
        }
    }
}
