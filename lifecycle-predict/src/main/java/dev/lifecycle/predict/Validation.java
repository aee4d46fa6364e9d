package dev.lifecycle.predict;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * How well a purchase model fitted on the calibration period predicts the holdout period (the checks of Fader, Hardie
 * and Lee 2005): each customer's predicted purchases in the holdout against the actual ones, grouped by calibration
 * frequency and by decile of the prediction, the error figures over customers, and the tracking of the cohort's repeat
 * purchases over both periods, cumulative and per period.
 *
 * <p>Predicted holdout purchases are {@link PurchaseModel#conditionalExpectedPurchases} over the holdout's length. The
 * tracking prediction sums, over the cohort, a new customer's {@link PurchaseModel#expectedPurchases} from each
 * customer's first purchase day, as the papers' tracking plots do; time runs from the cohort's first purchase day.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class Validation {
    /** The largest calibration frequency shown on its own; higher ones form one group, as in the papers (7+). */
    public static final int FREQUENCY_GROUPS = 7;

    private final PurchaseModel model;
    private final Holdout holdout;
    private final double[] predicted;
    private final int[] actual;

    private Validation(PurchaseModel model, Holdout holdout) {
        this.model = model;
        this.holdout = holdout;
        this.predicted = Predictions.of(model, holdout.calibration()).expectedPurchases(holdout.length());
        this.actual = holdout.holdoutColumn();
    }

    /**
     * Compares a model's predictions with a holdout period.
     *
     * @param model the model, fitted on {@code holdout}'s calibration summary
     * @param holdout the split
     * @return the validation
     * @throws NullPointerException if an argument is null
     */
    public static Validation of(PurchaseModel model, Holdout holdout) {
        return new Validation(Objects.requireNonNull(model, "model"), Objects.requireNonNull(holdout, "holdout"));
    }

    /** {@return the model validated} */
    public PurchaseModel model() {
        return model;
    }

    /** {@return the calibration/holdout split validated on} */
    public Holdout holdout() {
        return holdout;
    }

    /** {@return the customers in the cohort} */
    public int customers() {
        return actual.length;
    }

    /** {@return the cohort's predicted holdout purchases} */
    public double predictedPurchases() {
        return Arrays.stream(predicted).sum();
    }

    /** {@return the cohort's actual holdout purchases} */
    public long actualPurchases() {
        long total = 0;
        for (int a : actual) {
            total += a;
        }
        return total;
    }

    /** {@return the mean over customers of the absolute difference of predicted and actual holdout purchases; 0 for none} */
    public double meanAbsoluteError() {
        double sum = 0;
        for (int i = 0; i < actual.length; i++) {
            sum += Math.abs(predicted[i] - actual[i]);
        }
        return actual.length == 0 ? 0 : sum / actual.length;
    }

    /** {@return the root of the mean over customers of the squared difference; 0 for none} */
    public double rootMeanSquaredError() {
        double sum = 0;
        for (int i = 0; i < actual.length; i++) {
            double d = predicted[i] - actual[i];
            sum += d * d;
        }
        return actual.length == 0 ? 0 : Math.sqrt(sum / actual.length);
    }

    /**
     * Customers grouped by calibration frequency, with their mean predicted and actual holdout purchases.
     *
     * @param label the frequency ("0" to "6", then "7+")
     * @param customers the customers in the group
     * @param predicted the mean predicted holdout purchases
     * @param actual the mean actual holdout purchases
     */
    public record FrequencyGroup(String label, long customers, double predicted, double actual) {}

    /** {@return the groups by calibration frequency 0 to 6 and 7+, empty groups included} */
    public List<FrequencyGroup> byFrequency() {
        long[] count = new long[FREQUENCY_GROUPS + 1];
        double[] predictedSum = new double[FREQUENCY_GROUPS + 1];
        double[] actualSum = new double[FREQUENCY_GROUPS + 1];
        int[] x = holdout.calibration().frequencies();
        for (int i = 0; i < actual.length; i++) {
            int g = Math.min(x[i], FREQUENCY_GROUPS);
            count[g]++;
            predictedSum[g] += predicted[i];
            actualSum[g] += actual[i];
        }
        List<FrequencyGroup> groups = new ArrayList<>();
        for (int g = 0; g <= FREQUENCY_GROUPS; g++) {
            String label = g == FREQUENCY_GROUPS ? g + "+" : Integer.toString(g);
            groups.add(
                    new FrequencyGroup(label, count[g], mean(predictedSum[g], count[g]), mean(actualSum[g], count[g])));
        }
        return List.copyOf(groups);
    }

    /**
     * A tenth of the customers ranked by predicted holdout purchases, highest first.
     *
     * @param decile 1 for the highest predictions to 10 for the lowest
     * @param customers the customers in it
     * @param predicted the mean predicted holdout purchases
     * @param actual the mean actual holdout purchases
     */
    public record Decile(int decile, long customers, double predicted, double actual) {}

    /**
     * Returns the deciles of the prediction: customers sorted by predicted holdout purchases (ties by row), split into
     * ten groups whose sizes differ by at most one.
     *
     * @return ten deciles, fewer when there are fewer than ten customers
     */
    public List<Decile> deciles() {
        Integer[] order = new Integer[actual.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (i, j) -> {
            int byPrediction = Double.compare(predicted[j], predicted[i]);
            return byPrediction != 0 ? byPrediction : Integer.compare(i, j);
        });
        List<Decile> deciles = new ArrayList<>();
        int n = order.length;
        for (int d = 0; d < 10; d++) {
            int from = (int) ((long) n * d / 10);
            int to = (int) ((long) n * (d + 1) / 10);
            if (from == to) {
                continue;
            }
            double p = 0;
            double a = 0;
            for (int k = from; k < to; k++) {
                p += predicted[order[k]];
                a += actual[order[k]];
            }
            deciles.add(new Decile(d + 1, to - from, p / (to - from), a / (to - from)));
        }
        return List.copyOf(deciles);
    }

    /**
     * The cohort's repeat purchases up to the end of a tracking period.
     *
     * @param time the period's end, in units since the cohort's first purchase day
     * @param inHoldout whether the period ends after the calibration's last day
     * @param actualCumulative the repeat occasions up to the period's end
     * @param predictedCumulative the expected repeat purchases up to the period's end
     * @param actualIncremental the repeat occasions in the period
     * @param predictedIncremental the expected repeat purchases in the period
     */
    public record TrackingPoint(
            double time,
            boolean inHoldout,
            long actualCumulative,
            double predictedCumulative,
            long actualIncremental,
            double predictedIncremental) {}

    /**
     * Returns the tracking of repeat purchases over calibration and holdout in periods of {@code period} units, the
     * last period ending on the holdout's last day.
     *
     * @param period the length of a period in units, at least one day's worth and at most the whole span
     * @return one point per period
     * @throws IllegalArgumentException if {@code period} is outside its range
     */
    public List<TrackingPoint> tracking(double period) {
        int[] firsts = holdout.firstDays();
        if (firsts.length == 0) {
            return List.of();
        }
        double daysPerUnit = holdout.calibration().options().daysPerUnit();
        int start = Arrays.stream(firsts).min().orElseThrow();
        int end = Math.toIntExact(holdout.lastDay().toEpochDay());
        int through = Math.toIntExact(holdout.calibration().options().through().toEpochDay());
        double span = (end - start) / daysPerUnit;
        if (!(period * daysPerUnit >= 1 && period <= Math.max(span, 1 / daysPerUnit))) {
            throw new IllegalArgumentException(
                    "tracking period must be between one day and the span of " + span + " units but was " + period);
        }
        // customers by first day: the prediction sums over distinct first days
        int[] sortedFirsts = firsts.clone();
        Arrays.sort(sortedFirsts);
        int[] repeats = holdout.repeatDays();
        List<TrackingPoint> points = new ArrayList<>();
        long previousActual = 0;
        double previousPredicted = 0;
        int periods = (int) Math.ceil(span / period - 1e-9);
        for (int k = 1; k <= Math.max(periods, 1); k++) {
            double time = Math.min(k * period, span);
            double endDay = start + time * daysPerUnit;
            long actualCumulative = countAtMost(repeats, endDay);
            double predictedCumulative = 0;
            for (int i = 0; i < sortedFirsts.length; ) {
                int day = sortedFirsts[i];
                int j = i;
                while (j < sortedFirsts.length && sortedFirsts[j] == day) {
                    j++;
                }
                if (day <= endDay) {
                    predictedCumulative += (j - i) * model.expectedPurchases((endDay - day) / daysPerUnit);
                }
                i = j;
            }
            points.add(new TrackingPoint(
                    time,
                    endDay > through,
                    actualCumulative,
                    predictedCumulative,
                    actualCumulative - previousActual,
                    predictedCumulative - previousPredicted));
            previousActual = actualCumulative;
            previousPredicted = predictedCumulative;
        }
        return List.copyOf(points);
    }

    private static long countAtMost(int[] sortedDays, double endDay) {
        int low = 0;
        int high = sortedDays.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (sortedDays[mid] <= endDay) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    private static double mean(double sum, long count) {
        return count == 0 ? 0 : sum / count;
    }

    @Override
    public String toString() {
        return "Validation[" + model.describe() + ", " + actual.length + " customers, holdout purchases predicted "
                + predictedPurchases() + ", actual " + actualPurchases() + "]";
    }
}
