package dev.lifecycle.metrics.funnel;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The time from step 1 to the last step for the customers who converted through an event funnel.
 *
 * <p>Statistics: the mean is the exact mean in nanoseconds, truncated toward zero; the median is the middle value, or
 * the mean of the two middle values (truncated) when the count is even; p90 is the nearest-rank percentile, the
 * {@code ceil(0.9 n)}-th smallest value. With no converted customer the count is 0 and the statistics are empty.
 * Instances are immutable and thread-safe.
 */
public final class TimeToConvert {
    private final List<Duration> sorted;

    private TimeToConvert(List<Duration> sorted) {
        this.sorted = sorted;
    }

    /**
     * Returns the statistics of the given durations.
     *
     * @param durations the time to convert of each converted customer, in any order
     * @return the statistics
     * @throws NullPointerException if the list or an element is null
     * @throws IllegalArgumentException if a duration is negative
     */
    public static TimeToConvert of(List<Duration> durations) {
        requireNonNull(durations, "durations");
        List<Duration> copy = new ArrayList<>(durations.size());
        for (Duration duration : durations) {
            requireNonNull(duration, "duration");
            if (duration.isNegative()) {
                throw new IllegalArgumentException("duration must be zero or more but was " + duration);
            }
            copy.add(duration);
        }
        copy.sort(null);
        return new TimeToConvert(List.copyOf(copy));
    }

    /** The statistics of durations already in ascending order and not negative, kept without a copy. */
    static TimeToConvert ofSorted(List<Duration> sorted) {
        return new TimeToConvert(Collections.unmodifiableList(sorted));
    }

    /** {@return the number of converted customers} */
    public long count() {
        return sorted.size();
    }

    /** {@return the durations, shortest first} */
    public List<Duration> durations() {
        return sorted;
    }

    /** {@return the mean, or empty when no customer converted} */
    public Optional<Duration> mean() {
        if (sorted.isEmpty()) {
            return Optional.empty();
        }
        BigInteger sum = BigInteger.ZERO;
        for (Duration duration : sorted) {
            sum = sum.add(nanos(duration));
        }
        return Optional.of(fromNanos(sum.divide(BigInteger.valueOf(sorted.size()))));
    }

    /** {@return the median, or empty when no customer converted} */
    public Optional<Duration> median() {
        int n = sorted.size();
        if (n == 0) {
            return Optional.empty();
        }
        if (n % 2 == 1) {
            return Optional.of(sorted.get(n / 2));
        }
        BigInteger sum = nanos(sorted.get(n / 2 - 1)).add(nanos(sorted.get(n / 2)));
        return Optional.of(fromNanos(sum.divide(BigInteger.TWO)));
    }

    /** {@return the nearest-rank 90th percentile, or empty when no customer converted} */
    public Optional<Duration> p90() {
        return percentile(90);
    }

    /**
     * Returns a nearest-rank percentile: the {@code ceil(p / 100 * n)}-th smallest duration, the rank taken in exact
     * decimal arithmetic on the shortest decimal that reads back as {@code p} (so {@code percentile(90)} equals {@link #p90()} and {@code percentile(50)} is the lower
     * middle value, not {@link #median()}'s mean of the two).
     *
     * @param p the percentile, above 0 and at most 100
     * @return the percentile, or empty when no customer converted
     * @throws IllegalArgumentException if {@code p} is not above 0 and at most 100 (NaN included)
     */
    public Optional<Duration> percentile(double p) {
        if (!(p > 0 && p <= 100)) {
            throw new IllegalArgumentException("percentile must be above 0 and at most 100 but was " + p);
        }
        int n = sorted.size();
        if (n == 0) {
            return Optional.empty();
        }
        BigDecimal rank = BigDecimal.valueOf(p)
                .multiply(BigDecimal.valueOf(n))
                .divide(BigDecimal.valueOf(100))
                .setScale(0, RoundingMode.CEILING);
        return Optional.of(sorted.get(Math.max(1, rank.intValueExact()) - 1));
    }

    private static BigInteger nanos(Duration duration) {
        return BigInteger.valueOf(duration.getSeconds())
                .multiply(BigInteger.valueOf(1_000_000_000L))
                .add(BigInteger.valueOf(duration.getNano()));
    }

    private static Duration fromNanos(BigInteger nanos) {
        BigInteger[] parts = nanos.divideAndRemainder(BigInteger.valueOf(1_000_000_000L));
        return Duration.ofSeconds(parts[0].longValueExact(), parts[1].longValueExact());
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof TimeToConvert other && sorted.equals(other.sorted);
    }

    @Override
    public int hashCode() {
        return Objects.hash(sorted);
    }

    @Override
    public String toString() {
        return "TimeToConvert{count=" + count() + ", mean=" + mean() + ", median=" + median() + ", p90=" + p90() + "}";
    }
}
