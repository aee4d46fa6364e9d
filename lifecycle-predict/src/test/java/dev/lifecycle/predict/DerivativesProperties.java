package dev.lifecycle.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.time.LocalDate;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The exact gradients and Hessians that Newton's method uses agree with central differences of the likelihood itself,
 * for BG/NBD, MBG/NBD and Gamma-Gamma, at random parameters over random tables.
 */
final class DerivativesProperties {
    private static CustomerSummaries table(Random random) {
        CustomerSummaries.Builder builder = CustomerSummaries.builder(SummaryOptions.through(LocalDate.EPOCH));
        int customers = 1 + random.nextInt(40);
        for (int c = 0; c < customers; c++) {
            double age = 60 * random.nextDouble();
            int x = random.nextInt(3) == 0 ? 0 : random.nextInt(15);
            double tx = x == 0 ? 0 : age * random.nextDouble();
            builder.add("c" + c, x, tx, age, x == 0 ? 0 : 1 + 100 * random.nextDouble());
        }
        return builder.build();
    }

    @Test
    void nbdLikelihoods_derivatives_matchCentralDifferences() {
        qt().withFixedSeed(1810L).withExamples(300).forAll(longs().all()).checkAssert(seed -> {
            Random random = new Random(seed);
            Triples triples = table(random).triples();
            boolean modified = random.nextBoolean();
            double[] p = {
                0.1 + 3 * random.nextDouble(),
                1 + 20 * random.nextDouble(),
                0.3 + 3 * random.nextDouble(),
                0.3 + 5 * random.nextDouble()
            };
            check(
                    p,
                    (v, g, h) -> NbdLikelihood.evaluate(modified, v, triples, g, h),
                    (modified ? "MBG " : "BG ") + seed);
        });
    }

    @Test
    void gammaGammaLikelihood_derivatives_matchCentralDifferences() {
        qt().withFixedSeed(1811L).withExamples(300).forAll(longs().all()).checkAssert(seed -> {
            Random random = new Random(seed);
            CustomerSummaries table = table(random);
            if (table.summaries().stream().noneMatch(s -> s.frequency() > 0)) {
                return;
            }
            GammaGamma.Spends spends = GammaGamma.Spends.of(table);
            double[] p = {0.5 + 8 * random.nextDouble(), 1.1 + 5 * random.nextDouble(), 1 + 30 * random.nextDouble()};
            check(p, (v, g, h) -> GammaGamma.logLikelihood(v, spends, g, h), "GG " + seed);
        });
    }

    private static void check(double[] p, MaximumLikelihood.Derivatives derivatives, String where) {
        int n = p.length;
        double[] g = new double[n];
        double[][] h = new double[n][n];
        derivatives.evaluate(p, g, h);
        for (int i = 0; i < n; i++) {
            double step = 1e-5 * p[i];
            double[] up = p.clone();
            double[] down = p.clone();
            up[i] += step;
            down[i] -= step;
            double[] gUp = new double[n];
            double[] gDown = new double[n];
            double plus = derivatives.evaluate(up, gUp, new double[n][n]);
            double minus = derivatives.evaluate(down, gDown, new double[n][n]);
            double numeric = (plus - minus) / (2 * step);
            assertEquals(numeric, g[i], 1e-6 * (Math.abs(numeric) + 1), where + " d/d" + i);
            for (int j = 0; j < n; j++) {
                double second = (gUp[j] - gDown[j]) / (2 * step);
                assertEquals(
                        second,
                        h[i][j],
                        1e-5 * (Math.abs(second) + Math.abs(h[i][i]) + Math.abs(h[j][j]) + 1),
                        where + " d2/d" + i + "d" + j);
            }
        }
    }
}
