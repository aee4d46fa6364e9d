package dev.lifecycle.predict;

import java.util.Map;

/**
 * A "buy till you die" model of repeat purchasing: while alive, a customer buys at a Poisson rate that varies between
 * customers as a gamma distribution; at some point the customer drops out for good, unobserved. From a customer's
 * frequency {@code x}, recency {@code t_x} and age {@code T} (see {@link CustomerSummaries}) the model gives the
 * probability the customer is still alive and the distribution of future purchases.
 *
 * <p>Every conditional figure has the same form: with probability {@link #probabilityAlive} the customer is alive at
 * {@code T} and buys from then on as a new customer of the same model would, with the rate and dropout distributions
 * updated by the history; otherwise the customer buys nothing more. Times are in the summary's unit.
 *
 * <p>Implementations are immutable and thread-safe.
 */
public sealed interface PurchaseModel permits BgNbd, MbgNbd, ParetoNbd {
    /** {@return the model's name as the literature writes it, as {@code "BG/NBD"}} */
    String name();

    /** {@return the parameters by name, in the literature's order} */
    Map<String, Double> parameters();

    /** {@return the name and parameters, as {@code "BG/NBD r=0.243 alpha=4.414 a=0.793 b=2.426"}} */
    String describe();

    /**
     * Returns the log-likelihood of one customer's history.
     *
     * @param x the frequency
     * @param tx the recency
     * @param age the age
     * @return the natural log of the history's likelihood
     * @throws IllegalArgumentException if the history breaks the rules of {@link CustomerSummaries.Builder}
     */
    double logLikelihood(int x, double tx, double age);

    /**
     * Returns the log-likelihood of a table of histories: the sum over its customers.
     *
     * @param summaries the histories
     * @return the natural log of the likelihood
     */
    double logLikelihood(CustomerSummaries summaries);

    /**
     * Returns the probability that a customer with this history is still alive at the end of calibration.
     *
     * @param x the frequency
     * @param tx the recency
     * @param age the age
     * @return P(alive), in [0, 1]
     * @throws IllegalArgumentException if the history breaks the rules of {@link CustomerSummaries.Builder}
     */
    double probabilityAlive(int x, double tx, double age);

    /**
     * Returns the expected number of repeat purchases of a new customer in the first {@code t} units.
     *
     * @param t the horizon, from 0 to {@link CustomerSummaries#MAX_AGE}
     * @return the expected number
     * @throws IllegalArgumentException if {@code t} is outside its range
     */
    double expectedPurchases(double t);

    /**
     * Returns the expected number of purchases in the {@code t} units after calibration of a customer with this
     * history.
     *
     * @param t the horizon, from 0 to {@link CustomerSummaries#MAX_AGE}
     * @param x the frequency
     * @param tx the recency
     * @param age the age
     * @return the expected number
     * @throws IllegalArgumentException if an argument is outside its range
     */
    double conditionalExpectedPurchases(double t, int x, double tx, double age);

    /**
     * Returns the probability that a new customer makes exactly {@code k} repeat purchases in the first {@code t}
     * units.
     *
     * @param k the number of purchases, from 0 to {@link CustomerSummaries#MAX_FREQUENCY}
     * @param t the horizon
     * @return the probability
     * @throws IllegalArgumentException if an argument is outside its range
     */
    double probabilityOfPurchases(int k, double t);

    /**
     * Returns the probability that a customer with this history makes exactly {@code k} purchases in the {@code t}
     * units after calibration.
     *
     * @param k the number of purchases
     * @param t the horizon
     * @param x the frequency
     * @param tx the recency
     * @param age the age
     * @return the probability
     * @throws IllegalArgumentException if an argument is outside its range
     */
    double conditionalProbabilityOfPurchases(int k, double t, int x, double tx, double age);
}
