package dev.lifecycle.predict;

import java.util.Arrays;
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
import org.jspecify.annotations.Nullable;

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
    /**
     * {@return the parameter of a log parameter, in the bounds: exp of the log of a bound may fall a rounding step
     * outside it, which the models would refuse}
     */
    static double parameter(double log) {
        return Math.min(Math.max(Math.exp(log), Checks.MIN_PARAMETER), Checks.MAX_PARAMETER);
    }

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
            @Nullable Derivatives derivatives,
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
        boolean converged = false;
        String problem = "";
        Newton newton = derivatives == null ? null : Newton.run(derivatives, guess, penalty, options.maxEvaluations());
        if (newton != null && newton.converged) {
            objective.offer(newton.point, newton.value);
            objective.evaluations += newton.passes;
            converged = true;
        } else {
            if (newton != null) {
                // Newton's best point is a better start than the default; its passes count
                objective.evaluations += newton.passes;
                guess = newton.point.clone();
            }
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
                problem = "stopped after " + objective.evaluations + " evaluations without converging: "
                        + stopped.getMessage();
            }
        }
        double[] best = objective.best;
        for (int i = 0; i < n && converged; i++) {
            if (best[i] - LOWER < ON_BOUND || UPPER - best[i] < ON_BOUND) {
                converged = false;
                problem = "parameter " + names[i] + " ended on its bound "
                        + (best[i] < 0 ? Checks.MIN_PARAMETER : Checks.MAX_PARAMETER)
                        + ": the data do not identify it (a penalty may help)";
            }
        }
        double[] parameters = new double[n];
        for (int i = 0; i < n; i++) {
            parameters[i] = parameter(best[i]);
        }
        Map<String, Double> errors = new LinkedHashMap<>();
        String errorProblem = newton != null && newton.converged && Arrays.equals(best, newton.point)
                ? standardErrors(newton.hessian, best, names, errors)
                : standardErrors(finiteDifferences(objective, best), best, names, errors);
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

    /** The Hessian of the objective in the log parameters by central differences. */
    private static double[][] finiteDifferences(Objective objective, double[] at) {
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
        return hessian;
    }

    /** Fills the standard errors from the Hessian in the log parameters, or returns why there are none. */
    private static String standardErrors(double[][] hessian, double[] at, String[] names, Map<String, Double> errors) {
        int n = at.length;
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

    /** A log-likelihood's value, gradient and Hessian in the natural parameters, from one pass over the data. */
    @FunctionalInterface
    interface Derivatives {
        /** Returns the value and fills {@code gradient} and {@code hessian} (both sides of the diagonal). */
        double evaluate(double[] parameters, double[] gradient, double[][] hessian);
    }

    /**
     * Newton's method on the penalised log-likelihood over the log parameters, for the models whose likelihood comes
     * with exact derivatives: each pass gives the value, the gradient and the Hessian, a step solves {@code (mu I - H)
     * delta = g} (mu 0 when -H is positive definite, raised tenfold while it is not or while a step fails to improve
     * the objective), steps are at most 3 in any log parameter and stay in the bounds' box. It converges when the pure
     * Newton step (where -H is positive definite) promises less than 1e-12 of the objective (or 1e-9 absolute), which
     * near the optimum also means the step is below about 1e-6 in the log parameters; it gives up after 100 passes or the
     * budget, whichever is first, and BOBYQA takes over from its best point. At the optimum its Hessian is exact, so
     * the standard errors cost no further pass.
     */
    private static final class Newton {
        private static final int MAX_PASSES = 100;
        private static final double MAX_STEP = 3;

        double[] point = new double[0];
        double value = Double.NEGATIVE_INFINITY;
        double[][] hessian = new double[0][0];
        int passes;
        boolean converged;

        static Newton run(Derivatives derivatives, double[] start, double penalty, int budget) {
            Newton newton = new Newton();
            int n = start.length;
            double[] gradient = new double[n];
            double[][] hessian = new double[n][n];
            double[] theta = start.clone();
            double value = newton.evaluate(derivatives, theta, penalty, gradient, hessian);
            double mu = 0;
            int limit = Math.min(MAX_PASSES, budget);
            while (newton.passes < limit && Double.isFinite(value)) {
                // converged when the pure Newton step, where -H is positive definite, promises almost nothing
                double[] pure = solve(hessian, gradient, 0);
                if (pure != null && dot(gradient, pure) / 2 <= Math.max(1e-12 * Math.abs(value), 1e-9)) {
                    newton.converged = true;
                    break;
                }
                double[] step = mu == 0 ? pure : solve(hessian, gradient, mu);
                if (step == null) {
                    mu = Math.max(mu * 10, 1e-6 * scale(hessian));
                    continue;
                }
                double[] next = new double[n];
                double longest = 0;
                for (int i = 0; i < n; i++) {
                    longest = Math.max(longest, Math.abs(step[i]));
                }
                double shrink = longest > MAX_STEP ? MAX_STEP / longest : 1;
                for (int i = 0; i < n; i++) {
                    next[i] = Math.min(Math.max(theta[i] + shrink * step[i], LOWER), UPPER);
                }
                double[] nextGradient = new double[n];
                double[][] nextHessian = new double[n][n];
                double nextValue = newton.evaluate(derivatives, next, penalty, nextGradient, nextHessian);
                if (nextValue > value) {
                    theta = next;
                    value = nextValue;
                    gradient = nextGradient;
                    hessian = nextHessian;
                    mu = mu / 10 < 1e-9 * scale(hessian) ? 0 : mu / 10;
                } else {
                    mu = Math.max(mu * 10, 1e-6 * scale(hessian));
                }
            }
            newton.point = theta;
            newton.value = value;
            newton.hessian = hessian;
            return newton;
        }

        /** One pass: the objective at log parameters {@code theta}, with its gradient and Hessian in them. */
        private double evaluate(
                Derivatives derivatives, double[] theta, double penalty, double[] gradient, double[][] hessian) {
            passes++;
            int n = theta.length;
            double[] p = new double[n];
            double squares = 0;
            for (int i = 0; i < n; i++) {
                p[i] = parameter(theta[i]);
                squares += p[i] * p[i];
            }
            double[] g = new double[n];
            double[][] h = new double[n][n];
            double value = derivatives.evaluate(p, g, h) - penalty * squares;
            // d/dtheta_i = p_i d/dp_i; the second derivatives gain the first on the diagonal
            for (int i = 0; i < n; i++) {
                double gi = g[i] - 2 * penalty * p[i];
                gradient[i] = p[i] * gi;
                for (int j = 0; j < n; j++) {
                    hessian[i][j] = p[i] * p[j] * (h[i][j] - (i == j ? 2 * penalty : 0)) + (i == j ? p[i] * gi : 0);
                }
            }
            boolean finite = Double.isFinite(value);
            for (int i = 0; i < n && finite; i++) {
                finite = Double.isFinite(gradient[i]);
                for (int j = 0; j < n && finite; j++) {
                    finite = Double.isFinite(hessian[i][j]);
                }
            }
            return finite ? value : Double.NEGATIVE_INFINITY;
        }

        /** Solves {@code (mu I - H) delta = g}; null when that matrix is not positive definite. */
        private static double @Nullable [] solve(double[][] hessian, double[] gradient, double mu) {
            int n = gradient.length;
            double[][] m = new double[n][n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    m[i][j] = -hessian[i][j] + (i == j ? mu : 0);
                }
            }
            try {
                return new CholeskyDecomposition(MatrixUtils.createRealMatrix(m))
                        .getSolver()
                        .solve(MatrixUtils.createRealVector(gradient))
                        .toArray();
            } catch (RuntimeException notPositiveDefinite) {
                return null;
            }
        }

        private static double dot(double[] a, double[] b) {
            double sum = 0;
            for (int i = 0; i < a.length; i++) {
                sum += a[i] * b[i];
            }
            return sum;
        }

        private static double scale(double[][] hessian) {
            double largest = 0;
            for (int i = 0; i < hessian.length; i++) {
                largest = Math.max(largest, Math.abs(hessian[i][i]));
            }
            return Math.max(largest, 1e-300);
        }
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
                parameters[i] = parameter(logs[i]);
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
