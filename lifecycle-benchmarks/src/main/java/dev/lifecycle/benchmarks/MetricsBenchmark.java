package dev.lifecycle.benchmarks;

import dev.lifecycle.core.CustomerEvent;
import dev.lifecycle.core.EventBatch;
import dev.lifecycle.core.EventType;
import dev.lifecycle.metrics.cohort.CohortPeriod;
import dev.lifecycle.metrics.cohort.CohortRetention;
import dev.lifecycle.metrics.funnel.EventFunnel;
import dev.lifecycle.metrics.funnel.Funnel;
import dev.lifecycle.metrics.nps.NetPromoterScore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
 * Workload 4: the event funnel (site visit, product view, cart addition, purchase within 30 days), the Net Promoter
 * Score of every NPS answer, and monthly cohort retention of the purchases, over the whole log: the library's
 * {@link EventFunnel}, {@link NetPromoterScore} and {@link CohortRetention} against DuckDB SQL over a table of the
 * same events, on one thread as the library's and on two. DuckDB checks its answers in setup; the library's answer is checked after every iteration, the first warmup iteration included.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class MetricsBenchmark {
    static final String FUNNEL_KEY = "w4-funnel";
    static final String NPS_KEY = "w4-nps";
    static final String COHORT_KEY = "w4-cohorts";
    static final Duration WINDOW = Duration.ofDays(30);
    static final Instant AS_OF = SyntheticLog.AS_OF;
    static final EventFunnel FUNNEL = EventFunnel.builder(WINDOW)
            .stepOfType("visit", EventType.SITE_VISIT)
            .stepOfType("product view", EventType.PRODUCT_VIEW)
            .stepOfType("cart", EventType.CART_ADD)
            .stepOfType("purchase", EventType.PURCHASE)
            .build();

    /** The library's funnel. */
    static Funnel funnel(List<CustomerEvent> events) {
        return FUNNEL.evaluate(events);
    }

    /** The library's NPS over every NPS answer, through its collector. */
    static NetPromoterScore nps(List<CustomerEvent> events) {
        return events.stream()
                .filter(e -> e.type() == EventType.NPS_ANSWER)
                .map(e -> e.npsScore().orElseThrow())
                .collect(NetPromoterScore.toNps());
    }

    /** The library's monthly cohort table of the purchases. */
    static CohortRetention cohorts(List<CustomerEvent> events) {
        List<CustomerEvent> purchases = new ArrayList<>();
        for (CustomerEvent event : events) {
            if (event.type() == EventType.PURCHASE) {
                purchases.add(event);
            }
        }
        return CohortRetention.of(purchases, CohortPeriod.MONTH, AS_OF);
    }

    /** The log as an {@link EventBatch}, built once per fork (ids resolved to codes, as DuckDB's table has them). */
    @State(Scope.Benchmark)
    public static class Batch {
        EventBatch batch = EventBatch.builder().build();

        /** Builds the batch and checks that the common pool gives two threads, as DuckDB has. */
        @Setup(Level.Trial)
        public void setUp() {
            batch = BenchConfig.log().batchInTimeOrder();
            BenchConfig.checkTwoThreads();
        }
    }

    /**
     * The library's event funnel over the batch, on the common pool (two threads in the suite's forks).
     *
     * @param data the batch
     * @param last where the answer is left for the check after the iteration
     * @return the funnel
     */
    @Benchmark
    public Funnel libraryBatchFunnel(Batch data, LastAnswer last) {
        Funnel funnel = FUNNEL.evaluate(data.batch);
        last.set(FUNNEL_KEY, "the library over the batch", () -> Canonical.funnel(funnel));
        return funnel;
    }

    /**
     * The library's NPS over the batch's answers, on the common pool.
     *
     * @param data the batch
     * @param last where the answer is left for the check after the iteration
     * @return the score
     */
    @Benchmark
    public NetPromoterScore libraryBatchNps(Batch data, LastAnswer last) {
        NetPromoterScore nps = NetPromoterScore.of(data.batch);
        last.set(NPS_KEY, "the library over the batch", () -> Canonical.nps(nps));
        return nps;
    }

    /**
     * The library's monthly cohort table of the batch's purchases, on the common pool.
     *
     * @param data the batch
     * @param last where the answer is left for the check after the iteration
     * @return the table
     */
    @Benchmark
    public CohortRetention libraryBatchCohorts(Batch data, LastAnswer last) {
        CohortRetention table = CohortRetention.of(data.batch, CohortPeriod.MONTH, AS_OF);
        last.set(COHORT_KEY, "the library over the batch", () -> Canonical.digest(Canonical.cohortLines(table)));
        return table;
    }

    /** Checks DuckDB's answers against the library's. */
    @State(Scope.Benchmark)
    public static class DuckChecked {
        /** Checks. */
        @Setup(Level.Trial)
        public void setUp(DuckEvents duck) {
            check(duck.duck, "DuckDB on two threads");
        }

        static void check(DuckDbPeer duck, String who) {
            BenchConfig.checkExpected(FUNNEL_KEY, who, Canonical.funnel(duck.funnelCounts(WINDOW)));
            long[] nps = duck.npsCounts();
            BenchConfig.checkExpected(NPS_KEY, who, Canonical.nps(nps[0], nps[1], nps[2]));
            BenchConfig.checkExpected(COHORT_KEY, who, Canonical.digest(duck.cohortLines(AS_OF)));
        }
    }

    /** Checks the answers of DuckDB on one thread against the library's. */
    @State(Scope.Benchmark)
    public static class DuckCheckedOneThread {
        /** Checks. */
        @Setup(Level.Trial)
        public void setUp(DuckEvents.OneThread duck) {
            DuckChecked.check(duck.duck, "DuckDB on one thread");
        }
    }

    /**
     * The library's event funnel.
     *
     * @param data the events
     * @param last where the answer is left for the check after the iteration
     * @return the funnel
     */
    @Benchmark
    public Funnel libraryFunnel(EventLog data, LastAnswer last) {
        Funnel funnel = funnel(data.events);
        last.set(FUNNEL_KEY, "the library", () -> Canonical.funnel(funnel));
        return funnel;
    }

    /**
     * DuckDB's funnel: one aggregate per step, each joined to the previous step.
     *
     * @param duck the database
     * @param checked the check
     * @return the counts per step
     */
    @Benchmark
    public long[] duckDbFunnel(DuckEvents duck, DuckChecked checked) {
        return duck.duck.funnelCounts(WINDOW);
    }

    /**
     * The library's NPS.
     *
     * @param data the events
     * @param last where the answer is left for the check after the iteration
     * @return the score
     */
    @Benchmark
    public NetPromoterScore libraryNps(EventLog data, LastAnswer last) {
        NetPromoterScore nps = nps(data.events);
        last.set(NPS_KEY, "the library", () -> Canonical.nps(nps));
        return nps;
    }

    /**
     * DuckDB's NPS counts.
     *
     * @param duck the database
     * @param checked the check
     * @return promoters, passives, detractors
     */
    @Benchmark
    public long[] duckDbNps(DuckEvents duck, DuckChecked checked) {
        return duck.duck.npsCounts();
    }

    /**
     * The library's cohort table.
     *
     * @param data the events
     * @param last where the answer is left for the check after the iteration
     * @return the table
     */
    @Benchmark
    public CohortRetention libraryCohorts(EventLog data, LastAnswer last) {
        CohortRetention table = cohorts(data.events);
        last.set(COHORT_KEY, "the library", () -> Canonical.digest(Canonical.cohortLines(table)));
        return table;
    }

    /**
     * DuckDB's cohort cells.
     *
     * @param duck the database
     * @param checked the check
     * @return the cells
     */
    @Benchmark
    public List<String> duckDbCohorts(DuckEvents duck, DuckChecked checked) {
        return duck.duck.cohortLines(AS_OF);
    }

    /**
     * DuckDB's funnel on one thread, as the library's.
     *
     * @param duck the database
     * @param checked the check
     * @return the counts per step
     */
    @Benchmark
    public long[] duckDbOneThreadFunnel(DuckEvents.OneThread duck, DuckCheckedOneThread checked) {
        return duck.duck.funnelCounts(WINDOW);
    }

    /**
     * DuckDB's NPS counts on one thread, as the library's.
     *
     * @param duck the database
     * @param checked the check
     * @return promoters, passives, detractors
     */
    @Benchmark
    public long[] duckDbOneThreadNps(DuckEvents.OneThread duck, DuckCheckedOneThread checked) {
        return duck.duck.npsCounts();
    }

    /**
     * DuckDB's cohort cells on one thread, as the library's.
     *
     * @param duck the database
     * @param checked the check
     * @return the cells
     */
    @Benchmark
    public List<String> duckDbOneThreadCohorts(DuckEvents.OneThread duck, DuckCheckedOneThread checked) {
        return duck.duck.cohortLines(AS_OF);
    }
}
