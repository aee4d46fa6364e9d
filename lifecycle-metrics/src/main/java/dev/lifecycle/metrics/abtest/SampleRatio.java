package dev.lifecycle.metrics.abtest;

import static java.util.Objects.requireNonNull;

import dev.lifecycle.metrics.internal.Checks;
import java.util.Arrays;
import org.apache.commons.statistics.distribution.ChiSquaredDistribution;

/**
 * A sample-ratio-mismatch check: a chi-square goodness-of-fit test of the users assigned to each variant against the
 * planned split, with {@code k - 1} degrees of freedom for {@code k} variants.
 *
 * <p>A mismatch is flagged when the p-value is below 0.001; it means the assignment is broken and the test's results
 * should not be trusted. With no users at all there is nothing to test: {@link #hasObservations()} is {@code false},
 * {@link #chiSquare()} and {@link #pValue()} throw {@link IllegalStateException}, and {@link #isMismatch()} is {@code
 * false}. Instances are immutable and thread-safe.
 */
public final class SampleRatio {
    /** The p-value below which the split is flagged as a mismatch. */
    public static final double MISMATCH_THRESHOLD = 0.001;

    private static final double SHARE_TOLERANCE = 1e-9;

    private final long[] observed;
    private final double[] plannedShares;
    private final long total;
    private final double chiSquare;
    private final double pValue;

    private SampleRatio(long[] observed, double[] plannedShares, long total, double chiSquare, double pValue) {
        this.observed = observed;
        this.plannedShares = plannedShares;
        this.total = total;
        this.chiSquare = chiSquare;
        this.pValue = pValue;
    }

    /**
     * Tests observed assignment counts against the planned shares.
     *
     * @param observed the users assigned to each variant, at least two variants, none negative
     * @param plannedShares the planned share of each variant, as many as {@code observed}, each strictly between 0
     *     and 1, summing to 1
     * @return the test
     * @throws IllegalArgumentException if the arrays differ in length or have fewer than two elements, a count is
     *     negative, the counts overflow a {@code long}, a share is outside (0, 1), or the shares do not sum to 1
     */
    public static SampleRatio check(long[] observed, double[] plannedShares) {
        requireNonNull(observed, "observed");
        requireNonNull(plannedShares, "plannedShares");
        if (observed.length < 2) {
            throw new IllegalArgumentException("observed must have at least 2 variants but had " + observed.length);
        }
        if (plannedShares.length != observed.length) {
            throw new IllegalArgumentException("plannedShares must have as many elements as observed ("
                    + observed.length + ") but had " + plannedShares.length);
        }
        long[] counts = observed.clone();
        double[] shares = plannedShares.clone();
        long total = 0;
        double shareSum = 0;
        for (int i = 0; i < counts.length; i++) {
            Checks.nonNegative(counts[i], "observed[" + i + "]");
            Checks.openProbability(shares[i], "plannedShares[" + i + "]");
            if (total > Long.MAX_VALUE - counts[i]) {
                throw new IllegalArgumentException(
                        "observed must sum to at most " + Long.MAX_VALUE + " but overflowed");
            }
            total += counts[i];
            shareSum += shares[i];
        }
        if (Math.abs(shareSum - 1) > SHARE_TOLERANCE) {
            throw new IllegalArgumentException("plannedShares must sum to 1 but summed to " + shareSum);
        }
        if (total == 0) {
            return new SampleRatio(counts, shares, 0, Double.NaN, Double.NaN);
        }
        double chiSquare = 0;
        for (int i = 0; i < counts.length; i++) {
            double expected = total * shares[i];
            double gap = counts[i] - expected;
            chiSquare += gap * gap / expected;
        }
        double pValue = ChiSquaredDistribution.of(counts.length - 1.0).survivalProbability(chiSquare);
        return new SampleRatio(counts, shares, total, chiSquare, pValue);
    }

    /** {@return a copy of the users assigned to each variant} */
    public long[] observed() {
        return observed.clone();
    }

    /** {@return a copy of the planned share of each variant} */
    public double[] plannedShares() {
        return plannedShares.clone();
    }

    /** {@return the total number of users assigned} */
    public long total() {
        return total;
    }

    /** {@return whether any user was assigned, without which the test is undefined} */
    public boolean hasObservations() {
        return total > 0;
    }

    /**
     * Returns the chi-square statistic, {@code sum((observed - expected)^2 / expected)}.
     *
     * @return the statistic, zero or more
     * @throws IllegalStateException if no user was assigned
     */
    public double chiSquare() {
        requireObservations();
        return chiSquare;
    }

    /**
     * Returns the p-value of the statistic under the planned split.
     *
     * @return the p-value, in [0, 1]
     * @throws IllegalStateException if no user was assigned
     */
    public double pValue() {
        requireObservations();
        return pValue;
    }

    /** {@return whether the split departs from the plan, {@code pValue() < 0.001}; false when no user was assigned} */
    public boolean isMismatch() {
        return hasObservations() && pValue < MISMATCH_THRESHOLD;
    }

    private void requireObservations() {
        if (!hasObservations()) {
            throw new IllegalStateException("the sample-ratio test is undefined when no user was assigned");
        }
    }

    @Override
    public String toString() {
        return "SampleRatio{observed=" + Arrays.toString(observed) + ", plannedShares=" + Arrays.toString(plannedShares)
                + (hasObservations() ? ", chiSquare=" + chiSquare + ", pValue=" + pValue : ", undefined") + "}";
    }
}
