package dev.lifecycle.predict;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The Pareto/NBD model (Schmittlein, Morrison and Colombo, "Counting Your Customers", Management Science 33(1), 1987):
 * purchase rates gamma(r, alpha) and dropout rates gamma(s, beta) across customers; a customer's lifetime is
 * exponential in the dropout rate, so a customer can drop out at any time.
 *
 * <p>The likelihood follows Fader, Hardie and Lee, "A Note on Implementing the Pareto/NBD Model in MATLAB" (2005),
 * whose 2F1 terms take a positive argument below 1 on either side of {@code alpha = beta}. On the CDNOW sample the
 * fit is r 0.553, alpha 10.578, s 0.606, beta 11.669 with log-likelihood -9595.0.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class ParetoNbd implements PurchaseModel {
    static final String NAME = "Pareto/NBD";
    static final String[] PARAMETERS = {"r", "alpha", "s", "beta"};

    private final ModelParameters model;
    private final double r;
    private final double alpha;
    private final double s;
    private final double beta;

    private ParetoNbd(double r, double alpha, double s, double beta) {
        this.model = new ModelParameters(NAME, PARAMETERS, r, alpha, s, beta);
        this.r = r;
        this.alpha = alpha;
        this.s = s;
        this.beta = beta;
    }

    /**
     * Returns the model with these parameters.
     *
     * @param r the shape of the purchase rates' gamma distribution
     * @param alpha the scale of the purchase rates' gamma distribution, in the summary's unit
     * @param s the shape of the dropout rates' gamma distribution
     * @param beta the scale of the dropout rates' gamma distribution, in the summary's unit
     * @return the model
     * @throws IllegalArgumentException if a parameter is outside [1e-8, 1e5]
     */
    public static ParetoNbd of(double r, double alpha, double s, double beta) {
        return new ParetoNbd(r, alpha, s, beta);
    }

    /**
     * Fits the model to a summary table by maximum likelihood with the default options.
     *
     * @param summaries the customers
     * @return the fit, converged or not
     * @throws IllegalArgumentException if the table has no customers
     */
    public static ModelFit<ParetoNbd> fit(CustomerSummaries summaries) {
        return fit(summaries, FitOptions.defaults());
    }

    /**
     * Fits the model to a summary table by maximum likelihood.
     *
     * @param summaries the customers
     * @param options the penalty, the evaluation budget and the starting point
     * @return the fit, converged or not
     * @throws IllegalArgumentException if the table has no customers, or the starting point does not name r, alpha,
     *     s and beta
     */
    public static ModelFit<ParetoNbd> fit(CustomerSummaries summaries, FitOptions options) {
        Triples triples = summaries.triples();
        double rate = MaximumLikelihood.purchaseRate(summaries);
        double meanAge = MaximumLikelihood.meanAge(summaries);
        double[] start = options.start(PARAMETERS, new double[] {1, 1 / rate, 1, meanAge});
        return MaximumLikelihood.fit(
                NAME,
                PARAMETERS,
                start,
                options,
                p -> logLikelihood(p[0], p[1], p[2], p[3], triples),
                null,
                p -> new ParetoNbd(p[0], p[1], p[2], p[3]),
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

    /** {@return the shape of the dropout rates' gamma distribution} */
    public double s() {
        return s;
    }

    /** {@return the scale of the dropout rates' gamma distribution} */
    public double beta() {
        return beta;
    }

    @Override
    public double logLikelihood(int x, double tx, double age) {
        Checks.history(x, tx, age);
        return LogMath.lnGamma(r + x)
                - LogMath.lnGamma(r)
                + r * Math.log(alpha)
                + s * Math.log(beta)
                + logBracket(r, alpha, s, beta, x, tx, age);
    }

    @Override
    public double logLikelihood(CustomerSummaries summaries) {
        return logLikelihood(r, alpha, s, beta, summaries.triples());
    }

    /**
     * The log-likelihood of the triples. Each {@code F(t)} of {@link #logA0} depends on x and one time only, so it is
     * taken once per distinct (x, time) pair: the triples come ordered by x, and a memo over the distinct times is
     * cleared between frequencies.
     */
    static double logLikelihood(double r, double alpha, double s, double beta, Triples triples) {
        double sum = triples.customers * (r * Math.log(alpha) + s * Math.log(beta) - LogMath.lnGamma(r));
        for (int g = 0; g < triples.xs.length; g++) {
            sum += triples.xWeight[g] * LogMath.lnGamma(r + triples.xs[g]);
        }
        double[] memo = new double[triples.values.length];
        java.util.Arrays.fill(memo, Double.NaN);
        int[] touched = new int[triples.values.length];
        int touches = 0;
        for (int i = 0; i < triples.size; i++) {
            int x = triples.x[i];
            if (i > 0 && x != triples.x[i - 1]) {
                for (int j = 0; j < touches; j++) {
                    memo[touched[j]] = Double.NaN;
                }
                touches = 0;
            }
            double tx = triples.recency(i);
            double age = triples.age(i);
            double alive = -(r + x) * Math.log(alpha + age) - s * Math.log(beta + age);
            double term = alive;
            if (tx != age) {
                int at = triples.recency[i];
                if (Double.isNaN(memo[at])) {
                    memo[at] = logF(r, alpha, s, beta, x, tx);
                    touched[touches++] = at;
                }
                int end = triples.age[i];
                if (Double.isNaN(memo[end])) {
                    memo[end] = logF(r, alpha, s, beta, x, age);
                    touched[touches++] = end;
                }
                double logA0 = memo[at] + LogMath.log1mExp(Math.min(0, memo[end] - memo[at]));
                term = logSum(alive, Math.log(s / (r + s + x)) + logA0);
            }
            sum += triples.weight[i] * term;
        }
        return sum;
    }

    /**
     * The log of {@code 1/((alpha+T)^(r+x) (beta+T)^s) + s/(r+s+x) A0}, the part of the likelihood after
     * {@code Gamma(r+x) alpha^r beta^s / Gamma(r)}.
     */
    private static double logBracket(double r, double alpha, double s, double beta, int x, double tx, double age) {
        double alive = -(r + x) * Math.log(alpha + age) - s * Math.log(beta + age);
        double logA0 = logA0(r, alpha, s, beta, x, tx, age);
        return logA0 == Double.NEGATIVE_INFINITY ? alive : logSum(alive, Math.log(s / (r + s + x)) + logA0);
    }

    private static double logSum(double u, double v) {
        return Math.max(u, v) + LogMath.log1pExp(-Math.abs(u - v));
    }

    /**
     * The log of A0, the integral over a dropout between t_x and T: {@code F(t_x) - F(T)} (see {@link #logF});
     * -infinity when t_x = T.
     */
    private static double logA0(double r, double alpha, double s, double beta, int x, double tx, double age) {
        if (tx == age) {
            return Double.NEGATIVE_INFINITY;
        }
        double atRecency = logF(r, alpha, s, beta, x, tx);
        return atRecency + LogMath.log1mExp(Math.min(0, logF(r, alpha, s, beta, x, age) - atRecency));
    }

    /**
     * The log of {@code F(t) = 2F1(r+s+x, s+1; r+s+x+1; (alpha-beta)/(alpha+t)) / (alpha+t)^(r+s+x)} when alpha >=
     * beta, and {@code 2F1(r+s+x, r+x; r+s+x+1; (beta-alpha)/(beta+t)) / (beta+t)^(r+s+x)} otherwise: the two forms
     * keep 2F1's argument in [0, 1).
     */
    private static double logF(double r, double alpha, double s, double beta, int x, double t) {
        double sum = r + s + x;
        double base = Math.max(alpha, beta);
        double second = alpha >= beta ? s + 1 : r + x;
        return Hypergeometric.log2F1(sum, second, sum + 1, Math.abs(alpha - beta) / (base + t))
                - sum * Math.log(base + t);
    }

    @Override
    public double probabilityAlive(int x, double tx, double age) {
        Checks.history(x, tx, age);
        double logA0 = logA0(r, alpha, s, beta, x, tx, age);
        if (logA0 == Double.NEGATIVE_INFINITY) {
            return 1;
        }
        double odds = Math.log(s / (r + s + x)) + (r + x) * Math.log(alpha + age) + s * Math.log(beta + age) + logA0;
        return 1 / (1 + Math.exp(odds));
    }

    /** P(alive) of every triple of a table, in the triples' order. */
    double[] probabilityAlive(Triples triples) {
        double[] alive = new double[triples.size];
        for (int i = 0; i < alive.length; i++) {
            alive[i] = probabilityAlive(triples.x[i], triples.recency(i), triples.age(i));
        }
        return alive;
    }

    @Override
    public double expectedPurchases(double t) {
        Checks.horizon(t);
        return expected(r, alpha, s, beta, t);
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
        return probability(r, alpha, s, beta, k, t);
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
     * The expected purchases in {@code (0, t]} of a customer alive at 0: {@code (r/alpha) beta/(s-1) [1 -
     * (beta/(beta+t))^(s-1)]}, written as {@code (r beta/alpha) (1 - e^(-(s-1)L))/(s-1)} with {@code L = ln(1 +
     * t/beta)} so that it stays exact through s = 1, where it is {@code (r beta/alpha) L}.
     */
    static double expected(double r, double alpha, double s, double beta, double t) {
        double log = Math.log1p(t / beta);
        double e = s - 1;
        double integral = e == 0 ? log : -Math.expm1(-e * log) / e;
        return r * beta / alpha * integral;
    }

    /**
     * The probability of exactly k purchases in {@code (0, t]} of a customer alive at 0 (Fader and Hardie, "Deriving an
     * Expression for P(X(t) = x) Under the Pareto/NBD Model", 2006): alive throughout with the negative binomial, or
     * dropped out at some time in {@code (0, t]} after k purchases, {@code alpha^r beta^s B(r+k, s+1)/B(r, s) [B1 -
     * sum_{i=0..k} Gamma(r+s+i)/(Gamma(r+s) i!) t^i B2_i]}, the B terms being 2F1's of positive argument as in the
     * likelihood.
     */
    static double probability(double r, double alpha, double s, double beta, int k, double t) {
        if (t == 0) {
            return k == 0 ? 1 : 0;
        }
        double z = t / (alpha + t);
        double alive = Math.exp(LogMath.lnNegativeBinomial(k, r, z) + s * Math.log(beta / (beta + t)));
        double sum = r + s;
        double top = r + s + k + 1;
        double base = Math.max(alpha, beta);
        double second = alpha >= beta ? s + 1 : r + k;
        double gap = Math.abs(alpha - beta);
        double logB1 = Hypergeometric.log2F1(sum, second, top, gap / base) - sum * Math.log(base);
        double subtracted = 0;
        double logCoefficient = 0;
        for (int i = 0; i <= k; i++) {
            if (i > 0) {
                logCoefficient += Math.log((sum + i - 1) / i * t);
            }
            double logB2 =
                    Hypergeometric.log2F1(sum + i, second, top, gap / (base + t)) - (sum + i) * Math.log(base + t);
            subtracted += Math.exp(logCoefficient + logB2 - logB1);
        }
        double bracket = Math.max(0, 1 - subtracted);
        double logFactor =
                r * Math.log(alpha) + s * Math.log(beta) + LogMath.lnBeta(r + k, s + 1) - LogMath.lnBeta(r, s);
        return alive + Math.exp(logFactor + logB1) * bracket;
    }

    /**
     * The expected purchases in the {@code t} units after calibration of a customer alive at its end with this history:
     * a new customer of the model with its parameters updated by the history. It depends on x and T only.
     */
    double expectedIfAlive(double t, int x, double age) {
        return expected(r + x, alpha + age, s, beta + age, t);
    }

    /** The probability of k purchases in the {@code t} units after calibration, if alive at its end. */
    double probabilityIfAlive(int k, double t, int x, double age) {
        return probability(r + x, alpha + age, s, beta + age, k, t);
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
        return o instanceof ParetoNbd other && model.equals(other.model);
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
