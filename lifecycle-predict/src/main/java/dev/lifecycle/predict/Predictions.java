package dev.lifecycle.predict;

import java.util.Arrays;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A purchase model's predictions for every customer of a summary table, each figure as a column in the table's row
 * order. Customers with the same (x, t_x, T) share their figures, so a column costs what the distinct triples cost.
 *
 * <p>The expected value discounts what is expected in each unit of time after calibration: the purchases expected in
 * unit j (from j - 1 to j, the last unit cut at the horizon) are valued at the customer's expected order value and
 * divided by {@code (1 + rate)^j}. With weeks as the unit, a yearly rate of 10% is a weekly rate of {@code 1.1^(7 /
 * 365.2425) - 1}.
 *
 * <p>Instances are immutable and thread-safe; every column is a new array the caller owns.
 */
public final class Predictions {
    /** The longest horizon of an expected value, in units: one model evaluation per unit and customer triple. */
    public static final double MAX_VALUE_HORIZON = 10_000;
    /** The largest discount rate per unit. */
    public static final double MAX_DISCOUNT_RATE = 10;

    private final PurchaseModel model;
    private final CustomerSummaries summaries;
    private final Triples triples;
    private final Conditional figures;
    /** P(alive) per triple, made at its first use: every figure but the expected spend needs it. */
    private volatile double @Nullable [] aliveByTriple;

    private Predictions(PurchaseModel model, CustomerSummaries summaries) {
        this.model = model;
        this.summaries = summaries;
        this.triples = summaries.triples();
        this.figures = Conditional.of(model);
    }

    /**
     * Returns the predictions of a model for a table of customers.
     *
     * @param model the fitted purchase model
     * @param summaries the customers, in the model's unit
     * @return the predictions
     * @throws NullPointerException if an argument is null
     */
    public static Predictions of(PurchaseModel model, CustomerSummaries summaries) {
        return new Predictions(Objects.requireNonNull(model, "model"), Objects.requireNonNull(summaries, "summaries"));
    }

    /** {@return the model} */
    public PurchaseModel model() {
        return model;
    }

    /** {@return the customers} */
    public CustomerSummaries summaries() {
        return summaries;
    }

    /** {@return each customer's probability of being alive at the end of calibration} */
    public double[] probabilityAlive() {
        return spread(aliveByTriple());
    }

    /** P(alive) per triple; threads that need it at once may each make it, with equal results. */
    private double[] aliveByTriple() {
        double[] alive = aliveByTriple;
        if (alive == null) {
            alive = figures.aliveByTriple().apply(triples);
            aliveByTriple = alive;
        }
        return alive;
    }

    /**
     * Returns each customer's expected purchases in the {@code horizon} units after calibration.
     *
     * @param horizon the horizon, from 0 to {@link CustomerSummaries#MAX_AGE}
     * @return the expected purchases
     * @throws IllegalArgumentException if {@code horizon} is outside its range
     */
    public double[] expectedPurchases(double horizon) {
        Checks.horizon(horizon);
        return aliveTimes((x, age) -> figures.expectedIfAlive().of(horizon, x, age));
    }

    /**
     * Returns each customer's probability of exactly {@code k} purchases in the {@code horizon} units after
     * calibration.
     *
     * @param k the number of purchases, from 0 to {@link CustomerSummaries#MAX_FREQUENCY}
     * @param horizon the horizon, from 0 to {@link CustomerSummaries#MAX_AGE}
     * @return the probabilities
     * @throws IllegalArgumentException if an argument is outside its range
     */
    public double[] probabilityOfPurchases(int k, double horizon) {
        Checks.count(k);
        Checks.horizon(horizon);
        double[] ifAlive = aliveTimes((x, age) -> figures.probabilityIfAlive().of(k, horizon, x, age));
        if (k == 0) {
            double[] alive = aliveByTriple();
            int[] rowTriple = triples.rowTriple;
            for (int row = 0; row < ifAlive.length; row++) {
                ifAlive[row] += 1 - alive[rowTriple[row]];
            }
        }
        return ifAlive;
    }

    /**
     * Returns each customer's expected order value under a spend model (see {@link
     * GammaGamma#conditionalExpectedSpend}).
     *
     * @param spend the fitted spend model
     * @return the expected order values, in the table's currency
     * @throws NullPointerException if {@code spend} is null
     * @throws IllegalStateException if the spend model has no finite mean
     */
    public double[] expectedSpend(GammaGamma spend) {
        Objects.requireNonNull(spend, "spend");
        double[] column = new double[summaries.size()];
        int[] x = summaries.frequencies();
        double[] mean = summaries.meanRepeatValues();
        for (int row = 0; row < column.length; row++) {
            column[row] = spend.conditionalExpectedSpend(x[row], mean[row]);
        }
        return column;
    }

    /**
     * Returns each customer's discounted expected value over a horizon: expected purchases per unit of time times the
     * expected order value, discounted per unit as the class describes.
     *
     * @param spend the fitted spend model
     * @param horizon the horizon in units, from 0 to {@link #MAX_VALUE_HORIZON}
     * @param discountRate the discount rate per unit, from 0 to {@link #MAX_DISCOUNT_RATE}
     * @return the expected values, in the table's currency
     * @throws NullPointerException if {@code spend} is null
     * @throws IllegalArgumentException if an argument is outside its range
     * @throws IllegalStateException if the spend model has no finite mean
     */
    public double[] expectedValue(GammaGamma spend, double horizon, double discountRate) {
        Objects.requireNonNull(spend, "spend");
        if (!(horizon >= 0 && horizon <= MAX_VALUE_HORIZON)) {
            throw new IllegalArgumentException(
                    "value horizon must be between 0 and " + MAX_VALUE_HORIZON + " units but was " + horizon);
        }
        if (!(discountRate >= 0 && discountRate <= MAX_DISCOUNT_RATE)) {
            throw new IllegalArgumentException(
                    "discount rate must be between 0 and " + MAX_DISCOUNT_RATE + " but was " + discountRate);
        }
        int units = (int) Math.ceil(horizon);
        double[] discountedPurchases = aliveTimes((x, age) -> {
            double total = 0;
            double before = 0;
            for (int j = 1; j <= units; j++) {
                double upTo = figures.expectedIfAlive().of(Math.min(j, horizon), x, age);
                total += (upTo - before) / Math.pow(1 + discountRate, j);
                before = upTo;
            }
            return total;
        });
        double[] value = expectedSpend(spend);
        for (int row = 0; row < value.length; row++) {
            value[row] *= discountedPurchases[row];
        }
        return value;
    }

    /** A figure of a customer alive at the end of calibration, which depends on x and T only. */
    private interface IfAlive {
        double of(int x, double age);
    }

    /**
     * Returns P(alive) times a figure of an alive customer, per row: the figure is taken once per distinct (x, T), the
     * probability once per distinct triple. Every conditional figure of the models has this form.
     */
    private double[] aliveTimes(IfAlive figure) {
        double[] alive = aliveByTriple();
        double[] byTriple = new double[triples.size];
        // per frequency, a memo over the distinct ages (triples come ordered by x)
        double[] memo = new double[triples.values.length];
        for (int g = 0; g < triples.xs.length; g++) {
            Arrays.fill(memo, Double.NaN);
            int x = triples.xs[g];
            for (int i = triples.xStart[g]; i < triples.xStart[g + 1]; i++) {
                int at = triples.age[i];
                if (Double.isNaN(memo[at])) {
                    memo[at] = figure.of(x, triples.values[at]);
                }
                byTriple[i] = alive[i] * memo[at];
            }
        }
        return spread(byTriple);
    }

    private double[] spread(double[] byTriple) {
        double[] column = new double[triples.rowTriple.length];
        for (int row = 0; row < column.length; row++) {
            column[row] = byTriple[triples.rowTriple[row]];
        }
        return column;
    }

    @Override
    public String toString() {
        return "Predictions[" + model.describe() + ", " + summaries.size() + " customers]";
    }
}
