package dev.lifecycle.metrics.abtest;

import static java.util.Objects.requireNonNull;

import dev.lifecycle.metrics.internal.Checks;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Multiple-comparison corrections of p-values, for tests of several variants against a control.
 *
 * <p>Both methods return adjusted p-values in the order of their input; an adjusted p-value is at least its raw
 * p-value, at most 1, and the adjusted values are ordered as the raw ones. Reject a hypothesis when its adjusted
 * p-value is below the chosen level. No input gives no output. This class is stateless and thread-safe.
 */
public final class Corrections {
    private Corrections() {}

    /**
     * Adjusts p-values by Holm's step-down method, which controls the family-wise error rate: the i-th smallest of m
     * p-values becomes {@code max over j <= i of min(1, (m - j + 1) * p(j))}.
     *
     * @param p the raw p-values, each in [0, 1]
     * @return the adjusted p-values, in input order
     * @throws IllegalArgumentException if a p-value is outside [0, 1] or NaN
     */
    public static double[] holm(double... p) {
        int m = check(p).length;
        Integer[] order = ascending(p);
        double[] adjusted = new double[m];
        double running = 0;
        for (int rank = 0; rank < m; rank++) {
            int i = order[rank];
            running = Math.max(running, Math.min(1, (m - rank) * p[i]));
            adjusted[i] = running;
        }
        return adjusted;
    }

    /**
     * Adjusts p-values by the Benjamini-Hochberg step-up method, which controls the false discovery rate: the i-th
     * smallest of m p-values becomes {@code min over j >= i of min(1, m * p(j) / j)}.
     *
     * @param p the raw p-values, each in [0, 1]
     * @return the adjusted p-values, in input order
     * @throws IllegalArgumentException if a p-value is outside [0, 1] or NaN
     */
    public static double[] benjaminiHochberg(double... p) {
        int m = check(p).length;
        Integer[] order = ascending(p);
        double[] adjusted = new double[m];
        double running = 1;
        for (int rank = m - 1; rank >= 0; rank--) {
            int i = order[rank];
            running = Math.min(running, (double) m * p[i] / (rank + 1));
            // Guards against the quotient rounding below the raw value.
            adjusted[i] = Math.max(p[i], running);
        }
        return adjusted;
    }

    private static double[] check(double[] p) {
        requireNonNull(p, "p");
        for (int i = 0; i < p.length; i++) {
            Checks.probability(p[i], "p[" + i + "]");
        }
        return p;
    }

    private static Integer[] ascending(double[] p) {
        Integer[] order = IntStream.range(0, p.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> p[i]));
        return order;
    }
}
