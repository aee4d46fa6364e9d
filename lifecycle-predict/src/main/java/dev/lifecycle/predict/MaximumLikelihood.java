package dev.lifecycle.predict;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import org.hipparchus.exception.MathIllegalStateException;
import org.hipparchus.linear.CholeskyDecomposition;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.optim.InitialGuess;
import org.hipparchus.optim.MaxEval;
import org.hipparchus.optim.PointValuePair;
import org.hipparchus.optim.SimpleBounds;
import org.hipparchus.optim.nonlinear.scalar.GoalType;
import org.hipparchus.optim.nonlinear.scalar.ObjectiveFunction;
import org.hipparchus.optim.nonlinear.scalar.noderiv.BOBYQAOptimizer;

/**
 * The one maximum-likelihood procedure behind every model's fit.
 *
 * <p>The parameters are optimised as logarithms, so every value the optimiser tries is positive and the scales of r
 * (about 0.1 to 10) and of alpha (about 1 to 1,000) weigh alike; the bounds [1e-8, 1e5] become a box. The optimiser is
 * Powell's BOBYQA as Hipparchus implements it: bound-constrained, needing no derivatives (the Pareto/NBD likelihood's
 * derivatives run through 2F1 in all four parameters), robust on flat or badly scaled likelihoods, and well kept.
 * Standard errors come from the observed information: the Hessian of the objective in the log parameters by central
 * differences, inverted by Cholesky, mapped to the parameters by the delta method ({@code se(p) = p se(ln p)}).
 */
final class MaximumLikelihood {
    private static final double LOWER = Math.log(Checks.MIN_PARAMETER);
    private static final double UPPER = Math.log(Checks.MAX_PARAMETER);
    private static final double INITIAL_RADIUS = 0.5;
    private static final double STOPPING_RADIUS = 1e-9;
    /** The step of the central differences, in log parameters: a relative step of 1e-4 in the parameters. */
    private static final double STEP = 1e-4;
    /** A log parameter this close to its bound has ended on it. */
    private static final double ON_BOUND = 1e-6;

    private MaximumLikelihood() {}

    /** Fits a model: maximises the log-likelihood less the penalty over the log parameters. */
    static <M> ModelFit<M> fit(
            String model,
            String[] names,
            double[] start,
            FitOptions options,
            ToDoubleFunction<double[]> logLikelihood,
            Function<double[], M> make,
            double customers) {
        if (customers == 0) {
            throw new IllegalArgumentException("cannot fit " + model + " to no customers");
        }
        int n = names.length;
        double penalty = options.penalty();
        Objective objective = new Objective(logLikelihood, penalty);
        double[] lower = new double[n];
        double[] upper = new double[n];
        double[] guess = new double[n];
        for (int i = 0; i < n; i++) {
            lower[i] = LOWER;
            upper[i] = UPPER;
            guess[i] = Math.log(Checks.parameter(model, names[i], start[i]));
        }
        boolean converged;
        String problem = "";
        BOBYQAOptimizer optimizer = new BOBYQAOptimizer(2 * n + 1, INITIAL_RADIUS, STOPPING_RADIUS);
        try {
            PointValuePair found = optimizer.optimize(
                    new MaxEval(options.maxEvaluations()),
                    new ObjectiveFunction(objective::value),
                    GoalType.MAXIMIZE,
                    new InitialGuess(guess),
                    new SimpleBounds(lower, upper));
            objective.offer(found.getPoint(), found.getValue());
            converged = true;
        } catch (MathIllegalStateException stopped) {
            converged = false;
            problem = "stopped after " + objective.evaluations + " evaluations without converging: "
                    + stopped.getMessage();
        }
        double[] best = objective.best;
        for (int i = 0; i < n && converged; i++) {
            if (best[i] - LOWER < ON_BOUND || UPPER - best[i] < ON_BOUND) {
                converged = false;
                problem = "parameter " + names[i] + " ended on its bound " + Math.exp(best[i] < 0 ? LOWER : UPPER)
                        + ": the data do not identify it (a penalty may help)";
            }
        }
        double[] parameters = new double[n];
        for (int i = 0; i < n; i++) {
            parameters[i] = Math.exp(best[i]);
        }
        Map<String, Double> errors = new LinkedHashMap<>();
        String errorProblem = standardErrors(objective, best, names, errors);
        if (problem.isEmpty()) {
            problem = errorProblem;
        }
        return new ModelFit<>(
                make.apply(parameters),
                converged,
                objective.evaluations,
                logLikelihood.applyAsDouble(parameters),
                objective.bestValue,
                errors,
                customers,
                problem);
    }

    /** Fills the standard errors, or returns why there are none. */
    private static String standardErrors(Objective objective, double[] at, String[] names, Map<String, Double> errors) {
        int n = at.length;
        double center = objective.raw(at);
        double[][] hessian = new double[n][n];
        double[] point = at.clone();
        for (int i = 0; i < n; i++) {
            point[i] = at[i] + STEP;
            double plus = objective.raw(point);
            point[i] = at[i] - STEP;
            double minus = objective.raw(point);
            point[i] = at[i];
            hessian[i][i] = (plus - 2 * center + minus) / (STEP * STEP);
            for (int j = 0; j < i; j++) {
                double sum = 0;
                for (int corner = 0; corner < 4; corner++) {
                    double di = (corner & 1) == 0 ? STEP : -STEP;
                    double dj = (corner & 2) == 0 ? STEP : -STEP;
                    point[i] = at[i] + di;
                    point[j] = at[j] + dj;
                    sum += Math.signum(di * dj) * objective.raw(point);
                    point[i] = at[i];
                    point[j] = at[j];
                }
                hessian[i][j] = sum / (4 * STEP * STEP);
                hessian[j][i] = hessian[i][j];
            }
        }
        RealMatrix information = MatrixUtils.createRealMatrix(hessian).scalarMultiply(-1);
        RealMatrix covariance;
        try {
            covariance = new CholeskyDecomposition(information).getSolver().getInverse();
        } catch (RuntimeException notPositiveDefinite) {
            return "no standard errors: the information matrix is not positive definite at the best point";
        }
        for (int i = 0; i < n; i++) {
            double variance = covariance.getEntry(i, i);
            if (!(variance > 0) || !Double.isFinite(variance)) {
                errors.clear();
                return "no standard errors: the variance of " + names[i] + " is " + variance;
            }
            errors.put(names[i], Math.exp(at[i]) * Math.sqrt(variance));
        }
        return "";
    }

    /** The mean purchase rate, repeat occasions per unit of age over all customers, for the starting scale alpha. */
    static double purchaseRate(CustomerSummaries summaries) {
        double purchases = 0;
        double time = 0;
        for (int i = 0; i < summaries.size(); i++) {
            purchases += summaries.frequencies()[i];
            time += summaries.ages()[i];
        }
        double rate = purchases > 0 && time > 0 ? purchases / time : 1;
        return Math.min(Math.max(rate, 1e-4), 1e4);
    }

    /** The mean age, for the starting scale beta; 1 for an empty table or ages of 0. */
    static double meanAge(CustomerSummaries summaries) {
        double time = 0;
        for (int i = 0; i < summaries.size(); i++) {
            time += summaries.ages()[i];
        }
        double mean = summaries.size() == 0 ? 1 : time / summaries.size();
        return Math.min(Math.max(mean, 1e-4), 1e4);
    }

    /** The penalised log-likelihood over log parameters, remembering the best point it has seen. */
    private static final class Objective {
        private final ToDoubleFunction<double[]> logLikelihood;
        private final double penalty;
        double[] best = new double[0];
        double bestValue = Double.NEGATIVE_INFINITY;
        int evaluations;

        Objective(ToDoubleFunction<double[]> logLikelihood, double penalty) {
            this.logLikelihood = logLikelihood;
            this.penalty = penalty;
        }

        double value(double[] logs) {
            double value = raw(logs);
            evaluations++;
            offer(logs, value);
            return value;
        }

        /** The value without counting or remembering it: for the Hessian around the best point. */
        double raw(double[] logs) {
            double[] parameters = new double[logs.length];
            double squares = 0;
            for (int i = 0; i < logs.length; i++) {
                parameters[i] = Math.exp(Math.min(Math.max(logs[i], LOWER), UPPER));
                squares += parameters[i] * parameters[i];
            }
            double value = logLikelihood.applyAsDouble(parameters) - penalty * squares;
            // a likelihood that underflows or breaks down at an extreme point is no maximum: the optimiser moves on
            return Double.isFinite(value) ? value : -Double.MAX_VALUE;
        }

        void offer(double[] logs, double value) {
            if (value > bestValue || best.length == 0) {
                bestValue = value;
                best = logs.clone();
            }
        }
    }
}
