package dev.lifecycle.benchmarks;

import dev.lifecycle.predict.BgNbd;
import dev.lifecycle.predict.CustomerSummaries;
import dev.lifecycle.predict.GammaGamma;
import dev.lifecycle.predict.ModelFit;
import dev.lifecycle.predict.Predictions;
import dev.lifecycle.predict.Simulation;
import dev.lifecycle.predict.SummaryOptions;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Workload 8: customer-lifetime-value models on customers drawn from known parameters (one million by default): the
 * BG/NBD and Gamma-Gamma fits, and scoring every customer (P(alive) and expected purchases in the next 39 weeks), on one
 * thread. The customers are CDNOW's published parameters (BG/NBD r 0.243, alpha 4.414, a 0.793, b 2.426; Gamma-Gamma p
 * 6.25, q 3.74, gamma 15.44), observed for 26 to 78 weeks with times reported in whole days (in weeks), so that the
 * distinct (x, t_x, T) triples are as few as in real summaries (about 300,000 for a million customers). The summary is
 * built once in setup, as the "once the summary is built" says. A table groups its rows into their distinct
 * triples at its first fit or prediction and keeps the grouping, so {@link #fitBgNbd} and {@link #score} run on a table
 * already grouped, and {@link #firstFitBgNbd} measures a fit on a table never grouped, the grouping included.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ClvBenchmark {
    static final BgNbd TRUTH = BgNbd.of(0.243, 4.414, 0.793, 2.426);
    static final GammaGamma SPEND = GammaGamma.of(6.25, 3.74, 15.44);
    static final double HORIZON = 39;

    /** The simulated customers, with the fits checked against the parameters that drew them. */
    @State(Scope.Benchmark)
    public static class Customers {
        CustomerSummaries summaries = CustomerSummaries.builder(options()).build();
        BgNbd fitted = TRUTH;

        /** Draws the customers and checks that both fits recover their parameters within four standard errors. */
        @Setup(Level.Trial)
        public void setUp() {
            summaries = draw(BenchConfig.customers(), BenchConfig.seed());
            ModelFit<BgNbd> bg = BgNbd.fit(summaries);
            check(bg, TRUTH.parameters());
            fitted = bg.model();
            check(GammaGamma.fit(summaries), SPEND.parameters());
        }
    }

    /** A copy of the customers made before every call, so that each call's fit groups the rows itself. */
    @State(Scope.Thread)
    public static class Ungrouped {
        CustomerSummaries summaries = CustomerSummaries.builder(options()).build();

        /**
         * Copies the customers row by row into a table that has not grouped them yet.
         *
         * @param drawn the customers
         */
        @Setup(Level.Invocation)
        public void copy(Customers drawn) {
            CustomerSummaries.Builder copy = CustomerSummaries.builder(drawn.summaries.options());
            drawn.summaries.currency().ifPresent(copy::currency);
            for (int row = 0; row < drawn.summaries.size(); row++) {
                copy.add(
                        drawn.summaries.customerId(row),
                        drawn.summaries.frequency(row),
                        drawn.summaries.recency(row),
                        drawn.summaries.age(row),
                        drawn.summaries.meanRepeatValue(row));
            }
            summaries = copy.build();
        }
    }

    static SummaryOptions options() {
        return SummaryOptions.through(LocalDate.of(1998, 6, 30)).inUnits(ChronoUnit.WEEKS);
    }

    /** The customers of the workload. */
    static CustomerSummaries draw(int customers, long seed) {
        return Simulation.of(TRUTH)
                .withSpend(SPEND)
                .customers(customers)
                .ages(26, 78)
                .grid(1 / 7.0)
                .seed(seed)
                .summaries(options());
    }

    /** Fails unless the fit converged and every parameter is within four standard errors of the truth. */
    static void check(ModelFit<?> fit, Map<String, Double> truth) {
        if (!fit.converged() || fit.standardErrors().size() != truth.size()) {
            throw new IllegalStateException("the fit did not converge with standard errors: " + fit);
        }
        Map<String, Double> fitted =
                fit.model() instanceof BgNbd bg ? bg.parameters() : ((GammaGamma) fit.model()).parameters();
        truth.forEach((name, value) -> {
            double estimate = Objects.requireNonNull(fitted.get(name));
            double error = Objects.requireNonNull(fit.standardErrors().get(name));
            if (Math.abs(estimate - value) > 4 * error) {
                throw new IllegalStateException(
                        name + " " + estimate + " is more than four standard errors from " + value + ": " + fit);
            }
        });
    }

    /**
     * BG/NBD's maximum-likelihood fit on a table already grouped into distinct triples: the optimiser and the standard
     * errors.
     *
     * @param data the customers
     * @return the fit
     */
    @Benchmark
    public ModelFit<BgNbd> fitBgNbd(Customers data) {
        return BgNbd.fit(data.summaries);
    }

    /**
     * BG/NBD's maximum-likelihood fit on a table's first use: grouping its rows into distinct triples, the optimiser
     * and the standard errors.
     *
     * @param data a fresh copy of the customers
     * @return the fit
     */
    @Benchmark
    public ModelFit<BgNbd> firstFitBgNbd(Ungrouped data) {
        return BgNbd.fit(data.summaries);
    }

    /**
     * Gamma-Gamma's maximum-likelihood fit on the customers with repeat purchases, with its standard errors.
     *
     * @param data the customers
     * @return the fit
     */
    @Benchmark
    public ModelFit<GammaGamma> fitGammaGamma(Customers data) {
        return GammaGamma.fit(data.summaries);
    }

    /**
     * Scores every customer of a table already grouped under the fitted BG/NBD: P(alive) and the expected purchases in
     * the next 39 weeks.
     *
     * @param data the customers
     * @return the two columns' sums
     */
    @Benchmark
    public double score(Customers data) {
        Predictions predictions = Predictions.of(data.fitted, data.summaries);
        double sum = 0;
        for (double p : predictions.probabilityAlive()) {
            sum += p;
        }
        for (double e : predictions.expectedPurchases(HORIZON)) {
            sum += e;
        }
        return sum;
    }
}
