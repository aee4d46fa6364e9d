package dev.lifecycle.metrics.abtest;

import java.util.function.DoubleUnaryOperator;

/** An n-point Gauss-Legendre quadrature rule; immutable and thread-safe. */
final class GaussLegendre {
    private final double[] nodes;
    private final double[] weights;

    private GaussLegendre(double[] nodes, double[] weights) {
        this.nodes = nodes;
        this.weights = weights;
    }

    /** Computes the nodes and weights on [-1, 1] as roots of the Legendre polynomial, by Newton's method. */
    static GaussLegendre of(int n) {
        double[] nodes = new double[n];
        double[] weights = new double[n];
        for (int i = 0; i < n; i++) {
            double x = Math.cos(Math.PI * (i + 0.75) / (n + 0.5));
            double derivative = 0;
            for (int iteration = 0; iteration < 100; iteration++) {
                double previous = 1;
                double current = x;
                for (int k = 2; k <= n; k++) {
                    double next = ((2 * k - 1) * x * current - (k - 1) * previous) / k;
                    previous = current;
                    current = next;
                }
                derivative = n * (x * current - previous) / (x * x - 1);
                double step = current / derivative;
                x -= step;
                if (Math.abs(step) < 1e-16) {
                    break;
                }
            }
            nodes[i] = x;
            weights[i] = 2 / ((1 - x * x) * derivative * derivative);
        }
        return new GaussLegendre(nodes, weights);
    }

    /** Integrates {@code f} over [a, b]. */
    double integrate(double a, double b, DoubleUnaryOperator f) {
        double half = (b - a) / 2;
        double mid = (a + b) / 2;
        double sum = 0;
        for (int i = 0; i < nodes.length; i++) {
            sum += weights[i] * f.applyAsDouble(mid + half * nodes[i]);
        }
        return sum * half;
    }
}
