package dev.lifecycle.predict;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How a model is fitted: an optional penalty, the budget of likelihood evaluations, and an optional starting point.
 *
 * <p>The penalty {@code lambda} subtracts {@code lambda * sum(theta^2)} from the log-likelihood, theta being the
 * model's parameters: a small value keeps a fit on data that barely identify a parameter from running to the bounds
 * (the same form as lifetimes' {@code penalizer_coef}). The default start is r = 1, a = b = s = 1 (or p = q = 1), the
 * scales set from the data (alpha the inverse of the mean purchase rate, beta the mean age, gamma the mean repeat
 * value).
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class FitOptions {
    private static final FitOptions DEFAULTS = new FitOptions(0, 5_000, Map.of());

    /** The largest penalty coefficient. */
    public static final double MAX_PENALTY = 1e6;
    /** The largest evaluation budget. */
    public static final int MAX_EVALUATIONS = 1_000_000;

    private final double penalty;
    private final int maxEvaluations;
    private final Map<String, Double> start;

    private FitOptions(double penalty, int maxEvaluations, Map<String, Double> start) {
        this.penalty = penalty;
        this.maxEvaluations = maxEvaluations;
        this.start = start;
    }

    /** {@return no penalty, 5,000 evaluations, the default start} */
    public static FitOptions defaults() {
        return DEFAULTS;
    }

    /**
     * Returns these options with a penalty.
     *
     * @param lambda the coefficient of the sum of squared parameters, from 0 to {@link #MAX_PENALTY}
     * @return the options
     * @throws IllegalArgumentException if {@code lambda} is outside its range
     */
    public FitOptions withPenalty(double lambda) {
        if (!(lambda >= 0 && lambda <= MAX_PENALTY)) {
            throw new IllegalArgumentException("penalty must be between 0 and " + MAX_PENALTY + " but was " + lambda);
        }
        return new FitOptions(lambda, maxEvaluations, start);
    }

    /**
     * Returns these options with another evaluation budget.
     *
     * @param evaluations the most likelihood evaluations, from 100 to {@link #MAX_EVALUATIONS}
     * @return the options
     * @throws IllegalArgumentException if {@code evaluations} is outside its range
     */
    public FitOptions withMaxEvaluations(int evaluations) {
        if (evaluations < 100 || evaluations > MAX_EVALUATIONS) {
            throw new IllegalArgumentException(
                    "evaluations must be between 100 and " + MAX_EVALUATIONS + " but was " + evaluations);
        }
        return new FitOptions(penalty, evaluations, start);
    }

    /**
     * Returns these options starting from given parameters, named as the model names them.
     *
     * @param parameters every parameter of the model to be fitted, each within the models' bounds [1e-8, 1e5]
     * @return the options
     * @throws NullPointerException if {@code parameters} is null
     * @throws IllegalArgumentException if a value is outside the bounds (the names are checked by the fit)
     */
    public FitOptions withStart(Map<String, Double> parameters) {
        Map<String, Double> copy = new LinkedHashMap<>();
        parameters.forEach((name, value) -> {
            Objects.requireNonNull(name, "parameter name");
            copy.put(name, Checks.parameter("start", name, Objects.requireNonNull(value, name)));
        });
        return new FitOptions(penalty, maxEvaluations, Map.copyOf(copy));
    }

    /** {@return the penalty coefficient} */
    public double penalty() {
        return penalty;
    }

    /** {@return the most likelihood evaluations} */
    public int maxEvaluations() {
        return maxEvaluations;
    }

    /** {@return the starting parameters by name; empty for the default start} */
    public Map<String, Double> start() {
        return start;
    }

    /** Returns the start for a model with these parameters: the given one, or the model's default. */
    double[] start(String[] names, double[] defaults) {
        if (start.isEmpty()) {
            return defaults.clone();
        }
        if (!start.keySet().equals(new java.util.HashSet<>(Arrays.asList(names)))) {
            throw new IllegalArgumentException(
                    "start must name the parameters " + Arrays.toString(names) + " but named " + start.keySet());
        }
        double[] values = new double[names.length];
        for (int i = 0; i < names.length; i++) {
            values[i] = Objects.requireNonNull(start.get(names[i]), names[i]);
        }
        return values;
    }

    @Override
    public String toString() {
        return "FitOptions[penalty " + penalty + ", " + maxEvaluations + " evaluations, start "
                + (start.isEmpty() ? "default" : start) + "]";
    }
}
