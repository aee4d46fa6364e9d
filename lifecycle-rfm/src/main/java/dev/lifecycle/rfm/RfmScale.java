package dev.lifecycle.rfm;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The breakpoints that turn a customer's recency, frequency and monetary values into scores from 1 to {@link
 * #scores()}: fitted to a table of customers by a {@link Binning} rule, or fixed thresholds given directly.
 *
 * <p><b>The rule, for every dimension.</b> Each dimension has {@code scores - 1} breakpoints in ascending order. A
 * value's bin is 1 plus the number of breakpoints at or below it: a breakpoint is the lower bound, inclusive, of the
 * next bin, and a value below the first breakpoint is in bin 1. Frequency and monetary score their bin; recency
 * scores {@code scores + 1 - bin}, so that fewer days since the last order score higher. Breakpoints may repeat (that
 * bin is empty) and may be infinite (no value reaches it).
 *
 * <p>A scale fitted to one table scores any other customer the same way, which is what lets a lifecycle rule hold a
 * scale (the breakpoints of last quarter's customers) and score one profile at a time.
 *
 * <p>Instances are immutable and thread-safe values.
 */
public final class RfmScale {
    /** The fewest scores a scale has. */
    public static final int MIN_SCORES = 2;
    /** The most scores a scale has: one digit each, so that an {@link RfmScore#code()} reads as three digits. */
    public static final int MAX_SCORES = 9;
    /** The largest finite breakpoint, above every value a table holds (revenue is at most 2^53 minor units). */
    public static final double MAX_BREAKPOINT = 1e16;

    private final int scores;
    private final Monetary monetary;
    private final @Nullable Binning binning;
    /** Each dimension's breakpoints, by ordinal. */
    private final double[][] breakpoints;

    private RfmScale(int scores, Monetary monetary, @Nullable Binning binning, double[][] breakpoints) {
        this.scores = scores;
        this.monetary = monetary;
        this.binning = binning;
        this.breakpoints = breakpoints;
    }

    /**
     * Fits a scale to a table's customers.
     *
     * @param values the customers
     * @param binning the rule that finds the breakpoints
     * @param scores the number of scores, from {@link #MIN_SCORES} to {@link #MAX_SCORES}
     * @param monetary what the monetary dimension measures
     * @return the scale
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code scores} is out of range or the table has no customers
     */
    public static RfmScale fit(RfmValues values, Binning binning, int scores, Monetary monetary) {
        Objects.requireNonNull(values, "values");
        Objects.requireNonNull(binning, "binning");
        Objects.requireNonNull(monetary, "monetary");
        checkScores(scores);
        if (values.size() == 0) {
            throw new IllegalArgumentException("a scale is fitted to at least one customer but the table has none");
        }
        double[][] breakpoints = new double[Dimension.values().length][];
        for (Dimension dimension : Dimension.values()) {
            // a selection of the few positions the breakpoints read, not a sort
            Sorted sorted = new Sorted(values, dimension, monetary);
            breakpoints[dimension.ordinal()] = binning == Binning.RANKS
                    ? ranked(sorted, scores, dimension.largerIsBetter())
                    : rPackage(sorted, scores);
        }
        return new RfmScale(scores, monetary, binning, breakpoints);
    }

    /**
     * Fits the default scale: five scores by rank, monetary the total revenue.
     *
     * @param values the customers
     * @return the scale
     * @throws NullPointerException if {@code values} is null
     * @throws IllegalArgumentException if the table has no customers
     */
    public static RfmScale quintiles(RfmValues values) {
        return fit(values, Binning.RANKS, 5, Monetary.TOTAL);
    }

    /**
     * Returns a scale of fixed thresholds.
     *
     * @param scores the number of scores, from {@link #MIN_SCORES} to {@link #MAX_SCORES}
     * @param monetary what the monetary dimension measures
     * @param recencyDays recency's {@code scores - 1} breakpoints in days, ascending (a customer whose last order is
     *     fewer days back than the first scores {@code scores})
     * @param orders frequency's breakpoints, ascending
     * @param monetaryValues monetary's breakpoints in units of the currency, ascending
     * @return the scale
     * @throws NullPointerException if an argument or breakpoint is null
     * @throws IllegalArgumentException naming the dimension, the value and the rule when {@code scores} is out of
     *     range, a list does not have {@code scores - 1} breakpoints, a breakpoint is not from 0 to {@link
     *     #MAX_BREAKPOINT} (written in at most 40 characters) or infinity, or a breakpoint is below the one before it
     */
    public static RfmScale of(
            int scores, Monetary monetary, List<Double> recencyDays, List<Double> orders, List<Double> monetaryValues) {
        Objects.requireNonNull(monetary, "monetary");
        checkScores(scores);
        double[][] breakpoints = new double[Dimension.values().length][];
        breakpoints[Dimension.RECENCY.ordinal()] = checked(Dimension.RECENCY, scores, recencyDays);
        breakpoints[Dimension.FREQUENCY.ordinal()] = checked(Dimension.FREQUENCY, scores, orders);
        breakpoints[Dimension.MONETARY.ordinal()] = checked(Dimension.MONETARY, scores, monetaryValues);
        return new RfmScale(scores, monetary, null, breakpoints);
    }

    private static void checkScores(int scores) {
        if (scores < MIN_SCORES || scores > MAX_SCORES) {
            throw new IllegalArgumentException(
                    "scores must be from " + MIN_SCORES + " to " + MAX_SCORES + " but was " + scores);
        }
    }

    private static double[] checked(Dimension dimension, int scores, List<Double> given) {
        Objects.requireNonNull(given, dimension.key());
        if (given.size() != scores - 1) {
            throw new IllegalArgumentException(dimension.key() + " needs " + (scores - 1) + " breakpoints for " + scores
                    + " scores but has " + given.size());
        }
        double[] breakpoints = new double[given.size()];
        for (int i = 0; i < breakpoints.length; i++) {
            double b = Objects.requireNonNull(given.get(i), dimension.key());
            if (!(b >= 0 && (b <= MAX_BREAKPOINT || b == Double.POSITIVE_INFINITY))
                    || text(b).length() > RfmData.MAX_NUMBER_CHARS) {
                throw new IllegalArgumentException(dimension.key() + " breakpoint " + (i + 1) + " must be from 0 to "
                        + text(MAX_BREAKPOINT) + " written in at most " + RfmData.MAX_NUMBER_CHARS
                        + " characters, or Infinity, but was " + b);
            }
            if (i > 0 && b < breakpoints[i - 1]) {
                throw new IllegalArgumentException(dimension.key() + " breakpoints must be ascending but " + text(b)
                        + " follows " + text(breakpoints[i - 1]));
            }
            breakpoints[i] = b;
        }
        return breakpoints;
    }

    /**
     * {@link Binning#RANKS}: the breakpoint of score k is the first value whose count of worse values reaches
     * {@code t = ceil((k - 1) N / n)}. Larger is better: the smallest value above the t-th smallest (positive infinity
     * when none is); smaller is better: the t-th largest.
     */
    private static double[] ranked(Sorted sorted, int scores, boolean largerIsBetter) {
        int size = sorted.size();
        long[] t = new long[scores + 1];
        SortedSet<Integer> wanted = new TreeSet<>();
        for (int k = 2; k <= scores; k++) {
            t[k] = ((long) (k - 1) * size + scores - 1) / scores;
            if (!largerIsBetter) {
                wanted.add((int) (size - t[k]));
            } else if (t[k] < size) {
                // the value at t - 1, and at t, which is the first above it unless the two tie
                wanted.add((int) t[k] - 1);
                wanted.add((int) t[k]);
            }
        }
        sorted.select(wanted);
        double[] breakpoints = new double[scores - 1];
        for (int k = 2; k <= scores; k++) {
            if (!largerIsBetter) {
                // score k holds while at least t values are above: below the value at position size - t
                breakpoints[scores - k] = sorted.at((int) (size - t[k]));
            } else {
                // the smallest value with at least t values below it: the first above the value at t - 1
                breakpoints[k - 2] = t[k] >= size ? Double.POSITIVE_INFINITY : sorted.above((int) t[k] - 1);
            }
        }
        return breakpoints;
    }

    /**
     * {@link Binning#RFM_PACKAGE}: R's {@code quantile(x, seq(0, 1, length.out = n + 1))} (type 7) without its ends,
     * plus 1, with R's double arithmetic.
     */
    private static double[] rPackage(Sorted sorted, int scores) {
        double by = 1.0 / scores;
        double[] index = new double[scores];
        SortedSet<Integer> wanted = new TreeSet<>();
        for (int k = 1; k < scores; k++) {
            index[k] = 1 + (sorted.size() - 1) * (k * by);
            wanted.add((int) Math.floor(index[k]) - 1);
            wanted.add((int) Math.ceil(index[k]) - 1);
        }
        sorted.select(wanted);
        double[] breakpoints = new double[scores - 1];
        for (int k = 1; k < scores; k++) {
            double lo = Math.floor(index[k]);
            double q = sorted.at((int) lo - 1);
            double upper = sorted.at((int) Math.ceil(index[k]) - 1);
            if (index[k] > lo && upper != q) {
                double h = index[k] - lo;
                q = (1 - h) * q + h * upper;
            }
            breakpoints[k - 1] = q + 1;
        }
        return breakpoints;
    }

    /** A dimension's values as a sort would order them, read at chosen positions by selection of their sort keys. */
    private static final class Sorted {
        private final RfmValues values;
        private final Dimension dimension;
        private final Monetary monetary;
        private final long[] keys;
        private int[] positions = new int[0];
        private OrderStatistics.Selection selection = new OrderStatistics.Selection(0);

        Sorted(RfmValues values, Dimension dimension, Monetary monetary) {
            this.values = values;
            this.dimension = dimension;
            this.monetary = monetary;
            this.keys = values.keys(dimension, monetary);
        }

        int size() {
            return keys.length;
        }

        /** Selects the positions {@link #at} and {@link #above} read. */
        void select(SortedSet<Integer> wanted) {
            positions = wanted.stream().mapToInt(Integer::intValue).toArray();
            selection = OrderStatistics.select(keys, positions);
        }

        /** The value at a selected position. */
        double at(int position) {
            return values.valueOfKey(dimension, monetary, selection.keys()[index(position)]);
        }

        /** The smallest value greater than the one at a selected position, positive infinity if none is. */
        double above(int position) {
            double value = at(position);
            int end = selection.runEnds()[index(position)];
            if (end < keys.length) {
                // the first key above the run: met by the selection, selected already, or selected now
                long key = selection.nextKeys()[index(position)];
                if (key < 0) {
                    int selected = index(end);
                    key = selected >= 0
                            ? selection.keys()[selected]
                            : OrderStatistics.select(keys, new int[] {end}).keys()[0];
                }
                double next = values.valueOfKey(dimension, monetary, key);
                if (next > value) {
                    return next;
                }
            }
            // the next key's value rounds to the same double (or there is none): look among the values
            double next = Double.POSITIVE_INFINITY;
            for (long key : keys) {
                double v = values.valueOfKey(dimension, monetary, key);
                if (v > value && v < next) {
                    next = v;
                }
            }
            return next;
        }

        private int index(int position) {
            return Arrays.binarySearch(positions, position);
        }
    }

    /** {@return what the monetary dimension measures} */
    public Monetary monetary() {
        return monetary;
    }

    /** {@return the number of scores} */
    public int scores() {
        return scores;
    }

    /** {@return the rule that fitted the breakpoints, empty for fixed thresholds} */
    public Optional<Binning> binning() {
        return Optional.ofNullable(binning);
    }

    /**
     * Returns a dimension's breakpoints.
     *
     * @param dimension the dimension
     * @return its {@code scores - 1} breakpoints, ascending
     */
    public List<Double> breakpoints(Dimension dimension) {
        List<Double> list = new ArrayList<>();
        for (double b : breakpoints[dimension.ordinal()]) {
            list.add(b);
        }
        return List.copyOf(list);
    }

    /**
     * Scores one value.
     *
     * @param dimension the dimension
     * @param value the value (days, orders or money in units of the currency)
     * @return its score, from 1 to {@link #scores()}
     * @throws NullPointerException if {@code dimension} is null
     * @throws IllegalArgumentException if {@code value} is NaN
     */
    public int score(Dimension dimension, double value) {
        if (Double.isNaN(value)) {
            throw new IllegalArgumentException(dimension.key() + " value must be a number but was NaN");
        }
        return score(breakpoints[dimension.ordinal()], dimension.largerIsBetter(), value);
    }

    /** A value's score: 1 plus the breakpoints at or below it, counted down from the top when smaller is better. */
    private int score(double[] dimensionBreakpoints, boolean largerIsBetter, double value) {
        int bin = 1;
        for (double b : dimensionBreakpoints) {
            bin += b <= value ? 1 : 0; // a count without a branch per breakpoint, which values would mispredict
        }
        return largerIsBetter ? bin : scores + 1 - bin;
    }

    /**
     * Scores a column of one dimension into cells of the cube of scores: each row's cell becomes {@code cell * scores
     * + score - 1}, so that recency, frequency and monetary in turn give {@code ((R - 1) n + F - 1) n + M - 1}.
     */
    void scoreInto(Dimension dimension, RfmValues values, short[] cells) {
        double[] bs = breakpoints[dimension.ordinal()];
        boolean largerIsBetter = dimension.largerIsBetter();
        int digits = values.digits();
        for (int row = 0; row < cells.length; row++) {
            double value = values.value(dimension, monetary, digits, row);
            cells[row] = (short) (cells[row] * scores + score(bs, largerIsBetter, value) - 1);
        }
    }

    /**
     * Scores one row of a table.
     *
     * @param values the table
     * @param row a row
     * @return the row's scores
     * @throws IllegalArgumentException if the table's monetary values are not the scale's
     */
    public RfmScore score(RfmValues values, int row) {
        return new RfmScore(
                score(Dimension.RECENCY, values.value(Dimension.RECENCY, monetary, row)),
                score(Dimension.FREQUENCY, values.value(Dimension.FREQUENCY, monetary, row)),
                score(Dimension.MONETARY, values.value(Dimension.MONETARY, monetary, row)));
    }

    /**
     * Describes one dimension's breakpoints for evidence and reports, as in {@code "R breakpoints 115, 181, 297.4,
     * 482 days"}.
     *
     * @param dimension the dimension
     * @return the description
     */
    public String describe(Dimension dimension) {
        StringBuilder text = new StringBuilder(dimension.letter()).append(" breakpoints ");
        double[] bs = breakpoints[dimension.ordinal()];
        for (int i = 0; i < bs.length; i++) {
            text.append(i == 0 ? "" : ", ").append(text(bs[i]));
        }
        String unit = dimension == Dimension.MONETARY ? monetary.key() : dimension.unit();
        return text.append(' ').append(unit).toString();
    }

    /** A breakpoint as text: the shortest decimal that reads back as the same double, or {@code Infinity}. */
    static String text(double value) {
        return Double.isInfinite(value)
                ? (value > 0 ? "Infinity" : "-Infinity")
                : BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    @Override
    public boolean equals(@Nullable Object o) {
        if (!(o instanceof RfmScale other)
                || scores != other.scores
                || monetary != other.monetary
                || binning != other.binning) {
            return false;
        }
        for (Dimension d : Dimension.values()) {
            if (!Arrays.equals(breakpoints[d.ordinal()], other.breakpoints[d.ordinal()])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int hash = Objects.hash(scores, monetary, binning);
        for (Dimension d : Dimension.values()) {
            hash = 31 * hash + Arrays.hashCode(breakpoints[d.ordinal()]);
        }
        return hash;
    }

    @Override
    public String toString() {
        return String.format(
                Locale.ROOT,
                "RfmScale[%d scores, %s; %s; %s; %s]",
                scores,
                binning == null
                        ? "fixed thresholds"
                        : binning.name().toLowerCase(Locale.ROOT).replace('_', ' '),
                describe(Dimension.RECENCY),
                describe(Dimension.FREQUENCY),
                describe(Dimension.MONETARY));
    }
}
