package dev.lifecycle.metrics.nps;

import static java.util.Objects.requireNonNull;

import dev.lifecycle.core.EventBatch;
import dev.lifecycle.core.EventType;
import dev.lifecycle.metrics.Interval;
import dev.lifecycle.metrics.internal.BatchScan;
import dev.lifecycle.metrics.internal.Checks;
import dev.lifecycle.metrics.internal.StandardNormal;
import java.util.OptionalDouble;
import java.util.stream.Collector;
import org.jspecify.annotations.Nullable;

/**
 * A Net Promoter Score: the counts of promoters (scores 9-10), passives (7-8) and detractors (0-6), and the score
 * {@code 100 * (promoters - detractors) / n} in [-100, 100].
 *
 * <p>Build one from counts with {@link #ofCounts(long, long, long)}, from raw answers with {@link #ofScores(int...)},
 * from a stream with {@link #accumulator()} or {@link #toNps()}, or from every {@link EventType#NPS_ANSWER} of an event
 * log stored by column with {@link #of(EventBatch)} (the batch's score column, split in ranges of rows over threads).
 *
 * <p><b>Empty input.</b> With no responses there is no score: {@link #isEmpty()} is {@code true}, {@link
 * #scoreIfAny()} is empty, and {@link #score()}, the shares, the intervals and {@link #compare(NetPromoterScore)}
 * throw {@link IllegalStateException}. The score is never reported as 0 for want of data.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class NetPromoterScore {
    private static final String EMPTY = "the Net Promoter Score of an empty sample is undefined (no responses)";
    private static final double ADJUST_COUNT = 0.75;
    // as docs/metrics.md and the method's source (Lewis and Sauro, MeasuringU, after Rocks 2016) say: 3 added to n,
    // which the worked example checks (50/30/20 -> about 14.05 to 44.20; 3/2 would give 14.27 to 44.84)
    private static final double ADJUST_N = 3;

    private final long promoters;
    private final long passives;
    private final long detractors;

    private NetPromoterScore(long promoters, long passives, long detractors) {
        this.promoters = promoters;
        this.passives = passives;
        this.detractors = detractors;
    }

    /**
     * Returns the score of the given counts of promoters, passives and detractors.
     *
     * @param promoters the number of respondents who answered 9 or 10
     * @param passives the number of respondents who answered 7 or 8
     * @param detractors the number of respondents who answered 0 to 6
     * @return the score
     * @throws IllegalArgumentException if a count is negative or the total overflows a {@code long}
     */
    public static NetPromoterScore ofCounts(long promoters, long passives, long detractors) {
        Checks.nonNegative(promoters, "promoters");
        Checks.nonNegative(passives, "passives");
        Checks.nonNegative(detractors, "detractors");
        try {
            Math.addExact(Math.addExact(promoters, passives), detractors);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(
                    "the total of promoters, passives and detractors must fit in a long" + " but was " + promoters
                            + " + " + passives + " + " + detractors,
                    e);
        }
        return new NetPromoterScore(promoters, passives, detractors);
    }

    /**
     * Returns the score of the given answers, each an integer from 0 to 10.
     *
     * @param scores the answers; none is an empty sample
     * @return the score
     * @throws IllegalArgumentException if an answer is outside 0..10
     */
    public static NetPromoterScore ofScores(int... scores) {
        requireNonNull(scores, "scores");
        Accumulator accumulator = accumulator();
        for (int score : scores) {
            accumulator.add(score);
        }
        return accumulator.result();
    }

    /**
     * Returns the score of every {@link EventType#NPS_ANSWER} of an event batch, each answer counted once as it is
     * (as {@link #toNps()} over the scores of {@link EventBatch#events()} that are answers), on as many threads as the
     * common fork-join pool runs: see {@link #of(EventBatch, int)}.
     *
     * @param batch the events; events of other types are not answers and are not counted
     * @return the score, empty when the batch has no answer
     * @throws NullPointerException if {@code batch} is null
     */
    public static NetPromoterScore of(EventBatch batch) {
        return of(batch, BatchScan.defaultThreads());
    }

    /**
     * Returns the score of every {@link EventType#NPS_ANSWER} of an event batch, reading its score column: the rows
     * are split into {@code threads} ranges (no more than there are rows), run on the common fork-join pool with the
     * calling thread taking part, each counting the scores of its rows; with {@code threads = 1} everything runs on
     * the calling thread. The batch checked every score when it was built, so no answer is out of range.
     *
     * @param batch the events; events of other types are not answers and are not counted
     * @param threads the number of threads, 1 or more
     * @return the score, empty when the batch has no answer
     * @throws NullPointerException if {@code batch} is null
     * @throws IllegalArgumentException if {@code threads} is below 1
     */
    public static NetPromoterScore of(EventBatch batch, int threads) {
        requireNonNull(batch, "batch");
        int rows = batch.size();
        int parts = BatchScan.parts(rows, threads);
        // per range, answers by score + 1: index 0 counts the rows that are not answers (score -1)
        long[][] histograms = new long[parts][];
        BatchScan.run(parts, p -> {
            long[] histogram = new long[12];
            int to = BatchScan.bound(rows, parts, p + 1);
            for (int row = BatchScan.bound(rows, parts, p); row < to; row++) {
                histogram[batch.npsScore(row) + 1]++;
            }
            histograms[p] = histogram;
        });
        long[] scores = new long[12];
        for (long[] histogram : histograms) {
            for (int i = 0; i < scores.length; i++) {
                scores[i] += histogram[i];
            }
        }
        Accumulator accumulator = accumulator();
        for (int score = 0; score <= 10; score++) {
            accumulator.add(score, scores[score + 1]);
        }
        return accumulator.result();
    }

    /** {@return a new, empty accumulator of answers} */
    public static Accumulator accumulator() {
        return new Accumulator();
    }

    /**
     * Returns a collector of answers (each an integer from 0 to 10) into a score; it throws {@link
     * IllegalArgumentException} on an answer outside 0..10 and {@link NullPointerException} on a null element.
     *
     * @return the collector
     */
    public static Collector<Integer, ?, NetPromoterScore> toNps() {
        return Collector.of(
                Accumulator::new,
                (accumulator, score) -> accumulator.add(requireNonNull(score, "score")),
                Accumulator::merge,
                Accumulator::result);
    }

    /** {@return the number of promoters, respondents who answered 9 or 10} */
    public long promoterCount() {
        return promoters;
    }

    /** {@return the number of passives, respondents who answered 7 or 8} */
    public long passiveCount() {
        return passives;
    }

    /** {@return the number of detractors, respondents who answered 0 to 6} */
    public long detractorCount() {
        return detractors;
    }

    /** {@return the number of responses, n} */
    public long count() {
        return promoters + passives + detractors;
    }

    /** {@return whether there are no responses, in which case there is no score} */
    public boolean isEmpty() {
        return count() == 0;
    }

    /**
     * Returns the share of promoters, {@code promoters / n}.
     *
     * @return the share, in [0, 1]
     * @throws IllegalStateException if the sample is empty
     */
    public double promoterShare() {
        return (double) promoters / nonEmptyCount();
    }

    /**
     * Returns the share of passives, {@code passives / n}.
     *
     * @return the share, in [0, 1]
     * @throws IllegalStateException if the sample is empty
     */
    public double passiveShare() {
        return (double) passives / nonEmptyCount();
    }

    /**
     * Returns the share of detractors, {@code detractors / n}.
     *
     * @return the share, in [0, 1]
     * @throws IllegalStateException if the sample is empty
     */
    public double detractorShare() {
        return (double) detractors / nonEmptyCount();
    }

    /**
     * Returns the score, {@code 100 * (promoters - detractors) / n}.
     *
     * @return the score, in [-100, 100]
     * @throws IllegalStateException if the sample is empty; see {@link #scoreIfAny()}
     */
    public double score() {
        return 100.0 * (promoters - detractors) / nonEmptyCount();
    }

    /** {@return the score, or empty if the sample is empty} */
    public OptionalDouble scoreIfAny() {
        return isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(score());
    }

    /**
     * Returns the Wald interval {@code score +- 100 * z * sqrt(var / n)}, with {@code var = p + d - (p - d)^2} for the
     * shares {@code p} of promoters and {@code d} of detractors and {@code z} the two-sided normal critical value of
     * the level. The bounds are clipped to [-100, 100]. For small samples prefer {@link #adjustedWaldInterval(double)}.
     *
     * @param level the confidence level, strictly between 0 and 1 (0.95 for a 95% interval)
     * @return the interval; it contains {@link #score()}
     * @throws IllegalArgumentException if {@code level} is not strictly between 0 and 1
     * @throws IllegalStateException if the sample is empty
     */
    public Interval waldInterval(double level) {
        Checks.level(level);
        long n = nonEmptyCount();
        return interval((double) promoters, (double) detractors, (double) n, level);
    }

    /**
     * Returns the adjusted-Wald interval: 3/4 is added to promoters and to detractors and 3 to n, then the interval
     * is computed as {@link #waldInterval(double)} does, around the adjusted score. The bounds are clipped to [-100,
     * 100]. For 50 promoters, 30 passives and 20 detractors the 95% interval is about (14.05, 44.20).
     *
     * @param level the confidence level, strictly between 0 and 1 (0.95 for a 95% interval)
     * @return the interval; it contains {@link #adjustedScore()}
     * @throws IllegalArgumentException if {@code level} is not strictly between 0 and 1
     * @throws IllegalStateException if the sample is empty
     */
    public Interval adjustedWaldInterval(double level) {
        Checks.level(level);
        long n = nonEmptyCount();
        return interval(promoters + ADJUST_COUNT, detractors + ADJUST_COUNT, n + ADJUST_N, level);
    }

    /**
     * Returns the adjusted score, the centre of the adjusted-Wald interval: {@code 100 * (promoters - detractors) / (n
     * + 3)}.
     *
     * @return the adjusted score, in (-100, 100)
     * @throws IllegalStateException if the sample is empty
     */
    public double adjustedScore() {
        long n = nonEmptyCount();
        return 100.0 * (promoters - detractors) / (n + ADJUST_N);
    }

    /**
     * Compares this score with another by a two-sample z-test on the adjusted proportions; see {@link NpsComparison}.
     *
     * @param other the second sample
     * @return the difference (this minus other), z and the two-sided p-value
     * @throws IllegalStateException if either sample is empty
     */
    public NpsComparison compare(NetPromoterScore other) {
        requireNonNull(other, "other");
        double n1 = nonEmptyCount() + ADJUST_N;
        double n2 = other.nonEmptyCount() + ADJUST_N;
        double p1 = (promoters + ADJUST_COUNT) / n1;
        double d1 = (detractors + ADJUST_COUNT) / n1;
        double p2 = (other.promoters + ADJUST_COUNT) / n2;
        double d2 = (other.detractors + ADJUST_COUNT) / n2;
        double difference = 100 * ((p1 - d1) - (p2 - d2));
        double se = 100 * Math.sqrt(variance(p1, d1) / n1 + variance(p2, d2) / n2);
        double z = difference / se;
        return new NpsComparison(difference, z, StandardNormal.twoSidedP(z));
    }

    private static Interval interval(double promoters, double detractors, double n, double level) {
        double p = promoters / n;
        double d = detractors / n;
        double centre = 100 * (p - d);
        double halfWidth = 100 * StandardNormal.criticalValue(level) * Math.sqrt(variance(p, d) / n);
        return new Interval(Math.max(-100, centre - halfWidth), Math.min(100, centre + halfWidth), level);
    }

    /** The variance of one respondent's contribution (+1, 0 or -1); never negative despite rounding. */
    private static double variance(double p, double d) {
        return Math.max(0, p + d - (p - d) * (p - d));
    }

    private long nonEmptyCount() {
        long n = count();
        if (n == 0) {
            throw new IllegalStateException(EMPTY);
        }
        return n;
    }

    /** Two scores are equal when their counts of promoters, passives and detractors are equal. */
    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof NetPromoterScore other
                && promoters == other.promoters
                && passives == other.passives
                && detractors == other.detractors;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(promoters) * 961 + Long.hashCode(passives) * 31 + Long.hashCode(detractors);
    }

    @Override
    public String toString() {
        return "NetPromoterScore{promoters=" + promoters + ", passives=" + passives + ", detractors=" + detractors
                + (isEmpty() ? ", score=undefined}" : ", score=" + score() + "}");
    }

    /**
     * Counts answers into promoters, passives and detractors; the mutable builder behind {@link #ofScores(int...)}
     * and {@link #toNps()}.
     *
     * <p>Accumulators are not thread-safe: use one per thread and {@link #merge(Accumulator)} them.
     */
    public static final class Accumulator {
        private long promoters;
        private long passives;
        private long detractors;

        private Accumulator() {}

        /**
         * Adds one answer.
         *
         * @param score the answer, from 0 to 10
         * @return this accumulator
         * @throws IllegalArgumentException if {@code score} is outside 0..10
         */
        public Accumulator add(int score) {
            return add(score, 1);
        }

        /** Adds {@code times} answers of one score (the one place the categories are decided). */
        Accumulator add(int score, long times) {
            Checks.score(score);
            if (score >= 9) {
                promoters += times;
            } else if (score >= 7) {
                passives += times;
            } else {
                detractors += times;
            }
            return this;
        }

        /**
         * Adds the answers counted by another accumulator, which is left unchanged.
         *
         * @param other the accumulator to merge into this one
         * @return this accumulator
         */
        public Accumulator merge(Accumulator other) {
            requireNonNull(other, "other");
            promoters += other.promoters;
            passives += other.passives;
            detractors += other.detractors;
            return this;
        }

        /** {@return the score of the answers added so far; the accumulator can go on accumulating} */
        public NetPromoterScore result() {
            return new NetPromoterScore(promoters, passives, detractors);
        }
    }
}
