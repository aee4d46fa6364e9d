package dev.lifecycle.predict;

import java.util.function.Function;

/**
 * A purchase model's figures for customers given their histories, in the form {@link Predictions} evaluates over a
 * table: P(alive) of every distinct triple at once, and the figures of a customer alive at the end of calibration,
 * which depend on x and T only. The one place that maps each model to its figures.
 *
 * @param aliveByTriple P(alive) of every triple of a table, in the triples' order
 * @param expectedIfAlive the expected purchases in the next t units of a customer alive at the end of calibration
 * @param probabilityIfAlive the probability of exactly k purchases in the next t units of a customer alive then
 */
record Conditional(
        Function<Triples, double[]> aliveByTriple,
        ExpectedIfAlive expectedIfAlive,
        ProbabilityIfAlive probabilityIfAlive) {

    /** The expected purchases in the next {@code t} units of a customer alive at the end of calibration. */
    interface ExpectedIfAlive {
        double of(double t, int x, double age);
    }

    /** The probability of exactly {@code k} purchases in the next {@code t} units of a customer alive then. */
    interface ProbabilityIfAlive {
        double of(int k, double t, int x, double age);
    }

    /** The figures of a model. */
    static Conditional of(PurchaseModel model) {
        if (model instanceof BgNbd bg) {
            return new Conditional(bg::probabilityAlive, bg::expectedIfAlive, bg::probabilityIfAlive);
        }
        if (model instanceof MbgNbd mbg) {
            return new Conditional(mbg::probabilityAlive, mbg::expectedIfAlive, mbg::probabilityIfAlive);
        }
        ParetoNbd pareto = (ParetoNbd) model;
        return new Conditional(pareto::probabilityAlive, pareto::expectedIfAlive, pareto::probabilityIfAlive);
    }
}
