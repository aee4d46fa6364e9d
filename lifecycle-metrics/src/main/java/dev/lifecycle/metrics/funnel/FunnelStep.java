package dev.lifecycle.metrics.funnel;

import static java.util.Objects.requireNonNull;

import dev.lifecycle.metrics.rate.Rate;

/**
 * One step of a {@link Funnel}: how many customers reached it, the conversion into it and the drop-off before it.
 *
 * <p>For step 1 the conversion from the previous step is {@code n1 / n1} and the drop-off is {@code 0 / n1}. With
 * {@code n1 = 0} every rate is undefined. Instances are immutable and thread-safe.
 *
 * @param name the step name
 * @param position the 1-based position in the funnel
 * @param count n_i, the customers who reached the step
 * @param fromPrevious the conversion from the previous step, {@code n_i / n_(i-1)}
 * @param fromTop the conversion from the first step, {@code n_i / n_1}
 * @param dropOffCount {@code n_(i-1) - n_i}, the customers lost before this step
 * @param dropOffRate {@code (n_(i-1) - n_i) / n_(i-1)}
 */
public record FunnelStep(
        String name, int position, long count, Rate fromPrevious, Rate fromTop, long dropOffCount, Rate dropOffRate) {

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
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code position} is below 1 or a count is negative
     */
    public FunnelStep {
        requireNonNull(name, "name");
        requireNonNull(fromPrevious, "fromPrevious");
        requireNonNull(fromTop, "fromTop");
        requireNonNull(dropOffRate, "dropOffRate");
        if (position < 1) {
            throw new IllegalArgumentException("position must be 1 or more but was " + position);
        }
        if (count < 0) {
            throw new IllegalArgumentException("count must be zero or more but was " + count);
        }
        if (dropOffCount < 0) {
            throw new IllegalArgumentException("dropOffCount must be zero or more but was " + dropOffCount);
        }
    }
}
