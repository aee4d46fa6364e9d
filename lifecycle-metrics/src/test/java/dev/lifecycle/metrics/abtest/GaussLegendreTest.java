package dev.lifecycle.metrics.abtest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

final class GaussLegendreTest {
    @Test
    void integrate_polynomialOfDegree39_exactFor20Points() {
        assertEquals(1.0 / 40, GaussLegendre.of(20).integrate(0, 1, x -> Math.pow(x, 39)), 1e-15);
    }

    @Test
    void integrate_normalDensity_matchesErfValue() {
        // The standard normal mass within one standard deviation, erf(1 / sqrt 2) = 0.6826894921370859.
        double mass = GaussLegendre.of(20).integrate(-1, 1, x -> Math.exp(-x * x / 2) / Math.sqrt(2 * Math.PI));
        assertEquals(0.6826894921370859, mass, 1e-14);
    }
}
