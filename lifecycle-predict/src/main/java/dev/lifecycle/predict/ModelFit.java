package dev.lifecycle.predict;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The result of a maximum-likelihood fit: the model at the best point found, whether the optimiser converged there, the
 * work it took, the log-likelihood, and the standard errors from the inverse of the observed information matrix.
 *
 * <p>A fit that did not converge still carries its best point, its log-likelihood and its reason ({@link #problem()});
 * a parameter that ended on a bound of [1e-8, 1e5] counts as not converged, since the likelihood then has no interior
 * maximum the data identify. Standard errors are present when the information matrix at the point is positive definite.
 *
 * @param <M> the model type
 */
public final class ModelFit<M> {
    private final M model;
    private final boolean converged;
    private final int evaluations;
    private final double logLikelihood;
    private final double objective;
    private final Map<String, Double> standardErrors;
    private final double customers;
    private final String problem;

    ModelFit(
            M model,
            boolean converged,
            int evaluations,
            double logLikelihood,
            double objective,
            Map<String, Double> standardErrors,
            double customers,
            String problem) {
        this.model = model;
        this.converged = converged;
        this.evaluations = evaluations;
        this.logLikelihood = logLikelihood;
        this.objective = objective;
        this.standardErrors = Collections.unmodifiableMap(new LinkedHashMap<>(standardErrors));
        this.customers = customers;
        this.problem = problem;
    }

    /** {@return the model at the best point found} */
    public M model() {
        return model;
    }

    /** {@return whether the optimiser met its tolerance at an interior point} */
    public boolean converged() {
        return converged;
    }

    /** {@return why the fit did not converge, or why it has no standard errors; empty when neither} */
    public Optional<String> problem() {
        return problem.isEmpty() ? Optional.empty() : Optional.of(problem);
    }

    /** {@return the likelihood evaluations the optimiser made} */
    public int evaluations() {
        return evaluations;
    }

    /** {@return the log-likelihood at the best point, without the penalty} */
    public double logLikelihood() {
        return logLikelihood;
    }

    /** {@return the maximised objective: the log-likelihood less the penalty} */
    public double objective() {
        return objective;
    }

    /** {@return the customers the model was fitted to} */
    public long customers() {
        return Math.round(customers);
    }

    /**
     * {@return each parameter's standard error by name, in the model's order; empty when the information matrix is not
     * positive definite}
     */
    public Map<String, Double> standardErrors() {
        return standardErrors;
    }

    @Override
    public String toString() {
        return "ModelFit[" + model + ", log-likelihood " + logLikelihood
                + (converged ? ", converged" : ", not converged") + " after " + evaluations + " evaluations"
                + (problem.isEmpty() ? "" : ": " + problem) + "]";
    }

    @Override
    public boolean equals(@org.jspecify.annotations.Nullable Object o) {
        return o instanceof ModelFit<?> other
                && model.equals(other.model)
                && converged == other.converged
                && evaluations == other.evaluations
                && Double.compare(logLikelihood, other.logLikelihood) == 0
                && Double.compare(objective, other.objective) == 0
                && standardErrors.equals(other.standardErrors)
                && Double.compare(customers, other.customers) == 0
                && problem.equals(other.problem);
    }

    @Override
    public int hashCode() {
        return Objects.hash(model, converged, evaluations, logLikelihood, standardErrors, problem);
    }
}
