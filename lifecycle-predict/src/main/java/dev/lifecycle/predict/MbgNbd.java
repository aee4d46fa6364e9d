package dev.lifecycle.predict;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The MBG/NBD model (Batislam, Denizel and Filiztekin, "Empirical validation and comparison of models for customer
 * base analysis", International Journal of Research in Marketing 24(3), 2007): BG/NBD with one more chance to drop
 * out, at time zero, so that a customer without repeat purchases need not be alive.
 *
 * <p>Given a history, the customer is alive with {@link #probabilityAlive} and then buys as a BG/NBD customer alive at
 * 0 with parameters {@code (r+x, alpha+T, a, b+x+1)}.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class MbgNbd implements PurchaseModel {
    static final String NAME = "MBG/NBD";

    private final ModelParameters model;
    private final double r;
    private final double alpha;
    private final double a;
    private final double b;

    private MbgNbd(double r, double alpha, double a, double b) {
        this.model = new ModelParameters(NAME, BgNbd.PARAMETERS, r, alpha, a, b);
        this.r = r;
        this.alpha = alpha;
        this.a = a;
        this.b = b;
    }

    /**
     * Returns the model with these parameters.
     *
     * @param r the shape of the purchase rates' gamma distribution
     * @param alpha the scale of the purchase rates' gamma distribution, in the summary's unit
     * @param a the first shape of the dropout probabilities' beta distribution
     * @param b the second shape of the dropout probabilities' beta distribution
     * @return the model
     * @throws IllegalArgumentException if a parameter is outside [1e-8, 1e5]
     */
    public static MbgNbd of(double r, double alpha, double a, double b) {
        return new MbgNbd(r, alpha, a, b);
    }

    /**
     * Fits the model to a summary table by maximum likelihood with the default options.
     *
     * @param summaries the customers
     * @return the fit, converged or not
     * @throws IllegalArgumentException if the table has no customers
     */
    public static ModelFit<MbgNbd> fit(CustomerSummaries summaries) {
        return fit(summaries, FitOptions.defaults());
    }

    /**
     * Fits the model to a summary table by maximum likelihood.
     *
     * @param summaries the customers
     * @param options the penalty, the evaluation budget and the starting point
     * @return the fit, converged or not
     * @throws IllegalArgumentException if the table has no customers, or the starting point does not name r, alpha,
     *     a and b
     */
    public static ModelFit<MbgNbd> fit(CustomerSummaries summaries, FitOptions options) {
        Triples triples = summaries.triples();
        double rate = MaximumLikelihood.purchaseRate(summaries);
        double[] start = options.start(BgNbd.PARAMETERS, new double[] {1, 1 / rate, 1, 1});
        return MaximumLikelihood.fit(
                NAME,
                BgNbd.PARAMETERS,
                start,
                options,
                p -> logLikelihood(p[0], p[1], p[2], p[3], triples),
                (p, gradient, hessian) -> NbdLikelihood.evaluate(true, p, triples, gradient, hessian),
                p -> new MbgNbd(p[0], p[1], p[2], p[3]),
                triples.customers);
    }

    /** {@return the shape of the purchase rates' gamma distribution} */
    public double r() {
        return r;
    }

    /** {@return the scale of the purchase rates' gamma distribution} */
    public double alpha() {
        return alpha;
    }

    /** {@return the first shape of the dropout probabilities' beta distribution} */
    public double a() {
        return a;
    }

    /** {@return the second shape of the dropout probabilities' beta distribution} */
    public double b() {
        return b;
    }

    @Override
    public double logLikelihood(int x, double tx, double age) {
        Checks.history(x, tx, age);
        // the table's likelihood over one triple: the formula lives in NbdLikelihood only
        return logLikelihood(r, alpha, a, b, Triples.of(new int[] {x}, new double[] {tx}, new double[] {age}));
    }

    @Override
    public double logLikelihood(CustomerSummaries summaries) {
        return logLikelihood(r, alpha, a, b, summaries.triples());
    }

    static double logLikelihood(double r, double alpha, double a, double b, Triples triples) {
        return NbdLikelihood.evaluate(true, new double[] {r, alpha, a, b}, triples, null, null);
    }

    /**
     * The part of the log of the odds that a customer dropped out, rather than being alive at T, that depends on x
     * only: MBG/NBD lets a customer drop out at 0 too, so b + x where BG/NBD has b + x - 1.
     */
    private double dropoutOdds(int x) {
        return Math.log(a) - Math.log(b + x);
    }

    @Override
    public double probabilityAlive(int x, double tx, double age) {
        Checks.history(x, tx, age);
        return BgNbd.alive(dropoutOdds(x), r + x, Math.log(alpha + tx), Math.log(alpha + age));
    }

    /** P(alive) of every triple of a table (see {@link BgNbd#aliveByTriple}). */
    double[] probabilityAlive(Triples triples) {
        return BgNbd.aliveByTriple(triples, alpha, r, this::dropoutOdds);
    }

    @Override
    public double expectedPurchases(double t) {
        Checks.horizon(t);
        // alive after the chance to drop out at 0 with probability b/(a+b), and then a BG/NBD customer with b+1
        return b / (a + b) * BgNbd.expected(r, alpha, a, b + 1, t);
    }

    @Override
    public double conditionalExpectedPurchases(double t, int x, double tx, double age) {
        Checks.horizon(t);
        return probabilityAlive(x, tx, age) * expectedIfAlive(t, x, age);
    }

    @Override
    public double probabilityOfPurchases(int k, double t) {
        Checks.count(k);
        Checks.horizon(t);
        double alive = b / (a + b);
        double fresh = alive * BgNbd.probability(r, alpha, a, b + 1, k, t);
        return k == 0 ? fresh + (1 - alive) : fresh;
    }

    @Override
    public double conditionalProbabilityOfPurchases(int k, double t, int x, double tx, double age) {
        Checks.count(k);
        Checks.horizon(t);
        double alive = probabilityAlive(x, tx, age);
        double fresh = alive * probabilityIfAlive(k, t, x, age);
        return k == 0 ? fresh + (1 - alive) : fresh;
    }

    /**
     * The expected purchases in the {@code t} units after calibration of a customer alive at its end with this history:
     * a new customer of the model with its parameters updated by the history. It depends on x and T only.
     */
    double expectedIfAlive(double t, int x, double age) {
        return BgNbd.expected(r + x, alpha + age, a, b + x + 1, t);
    }

    /** The probability of k purchases in the {@code t} units after calibration, if alive at its end. */
    double probabilityIfAlive(int k, double t, int x, double age) {
        return BgNbd.probability(r + x, alpha + age, a, b + x + 1, k, t);
    }

    @Override
    public String name() {
        return model.name();
    }

    @Override
    public Map<String, Double> parameters() {
        return model.map();
    }

    @Override
    public String describe() {
        return model.describe();
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof MbgNbd other && model.equals(other.model);
    }

    @Override
    public int hashCode() {
        return model.hashCode();
    }

    @Override
    public String toString() {
        return model.describe();
    }
}
