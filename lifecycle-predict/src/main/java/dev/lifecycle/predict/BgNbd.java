package dev.lifecycle.predict;

import java.util.Map;
import java.util.function.IntToDoubleFunction;
import org.jspecify.annotations.Nullable;

/**
 * The BG/NBD model (Fader, Hardie and Lee, "Counting Your Customers the Easy Way", Marketing Science 24(2), 2005):
 * purchase rates gamma(r, alpha) across customers; after each repeat purchase a customer drops out with a probability
 * p that is beta(a, b) across customers.
 *
 * <p>On the CDNOW sample (39 weeks of calibration, 2,357 customers) the maximum-likelihood fit is r 0.243, alpha 4.414,
 * a 0.793, b 2.426 with log-likelihood -9582.4, and a customer with x 2, t_x 30.43, T 38.86 is expected to buy 1.226
 * times in the next 39 weeks.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class BgNbd implements PurchaseModel {
    static final String NAME = "BG/NBD";
    static final String[] PARAMETERS = {"r", "alpha", "a", "b"};

    /**
     * Within this distance of 1 the closed form of the expected purchases divides a difference that vanishes at
     * {@code a = 1} by {@code a - 1}; the series of positive terms takes over there.
     */
    private static final double CLOSED_FORM_MARGIN = 0.01;

    private static final int MAX_SERIES_TERMS = 100_000_000;

    private final ModelParameters model;
    private final double r;
    private final double alpha;
    private final double a;
    private final double b;

    private BgNbd(double r, double alpha, double a, double b) {
        this.model = new ModelParameters(NAME, PARAMETERS, r, alpha, a, b);
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
    public static BgNbd of(double r, double alpha, double a, double b) {
        return new BgNbd(r, alpha, a, b);
    }

    /**
     * Fits the model to a summary table by maximum likelihood with the default options.
     *
     * @param summaries the customers
     * @return the fit, converged or not
     * @throws IllegalArgumentException if the table has no customers
     */
    public static ModelFit<BgNbd> fit(CustomerSummaries summaries) {
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
    public static ModelFit<BgNbd> fit(CustomerSummaries summaries, FitOptions options) {
        Triples triples = summaries.triples();
        double rate = MaximumLikelihood.purchaseRate(summaries);
        double[] start = options.start(PARAMETERS, new double[] {1, 1 / rate, 1, 1});
        return MaximumLikelihood.fit(
                NAME,
                PARAMETERS,
                start,
                options,
                p -> logLikelihood(p[0], p[1], p[2], p[3], triples),
                (p, gradient, hessian) -> NbdLikelihood.evaluate(false, p, triples, gradient, hessian),
                p -> new BgNbd(p[0], p[1], p[2], p[3]),
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

    /** The log-likelihood of the triples (see {@link NbdLikelihood}). */
    static double logLikelihood(double r, double alpha, double a, double b, Triples triples) {
        return NbdLikelihood.evaluate(false, new double[] {r, alpha, a, b}, triples, null, null);
    }

    /**
     * The part of the log of the odds that a customer dropped out after the last purchase, rather than being alive at
     * T, that depends on x only: minus infinity when x is 0 (a customer who never bought again cannot have dropped out
     * after a repeat purchase, so P(alive) is 1).
     */
    private double dropoutOdds(int x) {
        return x == 0 ? Double.NEGATIVE_INFINITY : Math.log(a) - Math.log(b + x - 1);
    }

    @Override
    public double probabilityAlive(int x, double tx, double age) {
        Checks.history(x, tx, age);
        return alive(dropoutOdds(x), r + x, Math.log(alpha + tx), Math.log(alpha + age));
    }

    /** P(alive) of every triple of a table (see {@link #aliveByTriple}). */
    double[] probabilityAlive(Triples triples) {
        return aliveByTriple(triples, alpha, r, this::dropoutOdds);
    }

    /**
     * P(alive) from the log of the dropout odds: {@code 1 / (1 + exp(odds + (r + x) (log(alpha + T) - log(alpha +
     * t_x))))}, where {@code odds} is the part that depends on x only. BG/NBD and MBG/NBD differ in that part.
     */
    static double alive(double xOdds, double rx, double logRecency, double logAge) {
        return 1 / (1 + Math.exp(xOdds + rx * (logAge - logRecency)));
    }

    /**
     * P(alive) of every triple of a table under BG/NBD or MBG/NBD, each {@code log(alpha + t)} taken once per distinct
     * recency or age and the odds' part that depends on x once per frequency; the same arithmetic, in the same order,
     * as one customer's {@link #alive}, so a table's figures equal its customers' to the last bit.
     */
    static double[] aliveByTriple(Triples triples, double alpha, double r, IntToDoubleFunction dropoutOdds) {
        double[] logs = new double[triples.values.length];
        for (int v = 0; v < logs.length; v++) {
            logs[v] = Math.log(alpha + triples.values[v]);
        }
        double[] alive = new double[triples.size];
        for (int g = 0; g < triples.xs.length; g++) {
            int x = triples.xs[g];
            double xOdds = dropoutOdds.applyAsDouble(x);
            double rx = r + x;
            for (int i = triples.xStart[g]; i < triples.xStart[g + 1]; i++) {
                alive[i] = alive(xOdds, rx, logs[triples.recency[i]], logs[triples.age[i]]);
            }
        }
        return alive;
    }

    @Override
    public double expectedPurchases(double t) {
        Checks.horizon(t);
        return expected(r, alpha, a, b, t);
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
        return probability(r, alpha, a, b, k, t);
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
     * The expected purchases in {@code (0, t]} of a customer alive at 0 whose rate is gamma(r, alpha) and dropout
     * probability beta(a, b): {@code (a+b-1)/(a-1) [1 - (alpha/(alpha+t))^r 2F1(r, b; a+b-1; t/(alpha+t))]} (Fader,
     * Hardie and Lee 2005, equation 9), or where that form is unusable (a+b <= 1, or a near 1) the sum over the number
     * n of Poisson events in (0, t], negative binomial, of the expected purchases among n: {@code sum_n NB(n) H(n)} with
     * {@code H(n) = sum_{m=1..n} B(a, b+m-1) / B(a, b)}, all terms positive.
     */
    static double expected(double r, double alpha, double a, double b, double t) {
        if (t == 0) {
            return 0;
        }
        double z = t / (alpha + t);
        double c = a + b - 1;
        if (c > 0 && Math.abs(a - 1) >= CLOSED_FORM_MARGIN) {
            double log = r * Math.log(alpha / (alpha + t)) + Hypergeometric.log2F1(r, b, c, z);
            return c / (a - 1) * -Math.expm1(log);
        }
        return expectedBySeries(r, a, b, z);
    }

    static double expectedBySeries(double r, double a, double b, double z) {
        // NB(n) = Gamma(r+n)/(Gamma(r) n!) (1-z)^r z^n, kept scaled by e^-shift so a tiny NB(0) does not underflow
        double shift = r * Math.log1p(-z);
        double nb = 1;
        double survive = 1;
        double h = 0;
        double sum = 0;
        double scale = 0;
        for (int n = 1; n < MAX_SERIES_TERMS; n++) {
            double ratio = (r + n - 1) / n * z;
            nb *= ratio;
            h += survive;
            survive *= (b + n - 1) / (a + b + n - 1);
            double term = nb * h;
            sum += term;
            if (sum > 0x1p600) {
                sum *= 0x1p-600;
                nb *= 0x1p-600;
                scale += 600 * Math.log(2);
            }
            // past the mode the ratios of NB are at most rho < 1 from here on, and H grows by at most survive = s(n+1)
            // a step (its increments fall): the rest is at most NB(n) [H(n) rho/(1-rho) + survive rho/(1-rho)^2]
            double rho = Math.max((r + n) / (n + 1), 1) * z;
            if (ratio < 1 && rho < 1) {
                double rest = nb * (h * rho / (1 - rho) + survive * rho / ((1 - rho) * (1 - rho)));
                if (rest <= 0x1p-56 * sum) {
                    return Math.exp(Math.log(sum) + scale + shift);
                }
            }
        }
        throw new ArithmeticException(
                "BG/NBD expected purchases did not converge for r " + r + ", a " + a + ", b " + b + ", z " + z);
    }

    /**
     * The probability of exactly k purchases in {@code (0, t]} of a customer alive at 0 (Fader, Hardie and Lee 2005,
     * equation 8): {@code B(a, b+k)/B(a, b) NB(k) + [k > 0] B(a+1, b+k-1)/B(a, b) P(NB >= k)}, the negative binomial's
     * tail taken as the regularized incomplete beta function {@code I_z(k, r)} rather than one minus its head.
     */
    static double probability(double r, double alpha, double a, double b, int k, double t) {
        if (t == 0) {
            return k == 0 ? 1 : 0;
        }
        double z = t / (alpha + t);
        double lnB = LogMath.lnBeta(a, b);
        double value = Math.exp(LogMath.lnBeta(a, b + k) - lnB + LogMath.lnNegativeBinomial(k, r, z));
        if (k > 0) {
            value += Math.exp(LogMath.lnBeta(a + 1, b + k - 1) - lnB) * LogMath.regularizedBeta(z, k, r);
        }
        return value;
    }

    /**
     * The expected purchases in the {@code t} units after calibration of a customer alive at its end with this history:
     * a new customer of the model with its parameters updated by the history. It depends on x and T only.
     */
    double expectedIfAlive(double t, int x, double age) {
        return expected(r + x, alpha + age, a, b + x, t);
    }

    /** The probability of k purchases in the {@code t} units after calibration, if alive at its end. */
    double probabilityIfAlive(int k, double t, int x, double age) {
        return probability(r + x, alpha + age, a, b + x, k, t);
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
        return o instanceof BgNbd other && model.equals(other.model);
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
