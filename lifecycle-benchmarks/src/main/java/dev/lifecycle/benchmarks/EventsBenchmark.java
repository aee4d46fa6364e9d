package dev.lifecycle.benchmarks;

import dev.lifecycle.core.EventBatch;
import dev.lifecycle.core.LifecycleClassifier;
import dev.lifecycle.core.ProfileTable;
import dev.lifecycle.core.StageDistribution;
import dev.lifecycle.core.Templates;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Workload 2: from the raw event log (about ten million events in the order they happened) to the five-stage
 * distribution: fold the events into per-customer facts, classify, count. The library from an {@link EventBatch} (the
 * log by column, customer ids resolved to codes when it was built, as DuckDB's table holds codes) on two threads, the
 * form judged against DuckDB; and from event objects, for comparison, with the fold on one thread. DuckDB with two
 * threads over a table of the same events (GROUP BY customer for the aggregates the rules read, the rules as a CASE,
 * GROUP BY stage).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class EventsBenchmark {
    static final String KEY = "w2";
    static final Instant AS_OF = SyntheticLog.AS_OF;

    /** The library's classifier and, for two threads, its pipeline. */
    @State(Scope.Benchmark)
    public static class Library {
        LifecycleClassifier classifier = LifecycleClassifier.of(Templates.fiveStage());
        EventsPipeline pipeline = new EventsPipeline(classifier);

        /** Stops the threads. */
        @TearDown(Level.Trial)
        public void tearDown() {
            pipeline.close();
        }
    }

    /**
     * The log as an {@link EventBatch}, built once per fork from the synthetic log's columns with the builder's
     * primitive methods (ids resolved to codes there, as DuckDB's table is loaded once with integer codes), with the
     * answer on two threads checked.
     */
    @State(Scope.Benchmark)
    public static class Batch {
        EventBatch batch = EventBatch.builder().build();

        /** Builds the batch, checks the thread count and the answer. */
        @Setup(Level.Trial)
        public void setUp(Library library) {
            batch = BenchConfig.log().batchInTimeOrder();
            BenchConfig.checkTwoThreads();
            BenchConfig.checkExpected(
                    KEY,
                    "the library from a batch on two threads",
                    Canonical.counts(
                            library.classifier.classifyAllParallel(batch, AS_OF).counts()));
        }
    }

    /** DuckDB with the events in a table, its answer checked. */
    @State(Scope.Benchmark)
    public static class Duck {
        /** Checks the answer. */
        @Setup(Level.Trial)
        public void setUp(DuckEvents duck) {
            BenchConfig.checkExpected(KEY, "DuckDB", Canonical.counts(query(duck)));
        }

        static Map<String, Long> query(DuckEvents duck) {
            return StageCounts.of(Templates.fiveStage(), duck.duck.stageCountsOfEvents(AS_OF));
        }
    }

    /**
     * The library, one thread: accumulators in a hash map, then {@code classifyAll}.
     *
     * @param data the events
     * @param library the classifier
     * @param last where the answer is left for the check after the iteration
     * @return the distribution
     */
    @Benchmark
    public StageDistribution libraryOneThread(EventLog data, Library library, LastAnswer last) {
        StageDistribution distribution = EventsPipeline.distribution(library.classifier, data.events, AS_OF);
        last.set(KEY, "the library on one thread", () -> Canonical.counts(distribution.counts()));
        return distribution;
    }

    /**
     * The library from the log by column, two threads: {@code classifier.classifyAllParallel(batch, asOf)} folds each
     * thread's range of customer codes and classifies them.
     *
     * @param data the batch
     * @param library the classifier
     * @return the distribution
     */
    @Benchmark
    public StageDistribution libraryBatch(Batch data, Library library) {
        return library.classifier.classifyAllParallel(data.batch, AS_OF);
    }

    /**
     * The library's column store: {@code ProfileTable.fromEvents(events)} folds the log into a row per customer on one
     * thread, then {@code classifyAllParallel} classifies it on two.
     *
     * @param data the events
     * @param library the classifier
     * @param last where the answer is left for the check after the iteration
     * @return the distribution
     */
    @Benchmark
    public StageDistribution libraryTable(EventLog data, Library library, LastAnswer last) {
        ProfileTable table = ProfileTable.fromEvents(data.events);
        StageDistribution distribution = library.classifier.classifyAllParallel(table, AS_OF);
        last.set(KEY, "the library's table", () -> Canonical.counts(distribution.counts()));
        return distribution;
    }

    /**
     * The library, two threads: each folds half the log, the halves are merged, a parallel stream classifies.
     *
     * @param data the events
     * @param library the pipeline
     * @param last where the answer is left for the check after the iteration
     * @return the distribution
     */
    @Benchmark
    public StageDistribution libraryTwoThreads(EventLog data, Library library, LastAnswer last) {
        StageDistribution distribution = library.pipeline.distributionOnTwoThreads(data.events, AS_OF);
        last.set(KEY, "the library on two threads", () -> Canonical.counts(distribution.counts()));
        return distribution;
    }

    /**
     * DuckDB: per-customer aggregates with GROUP BY, the rules as a CASE, then GROUP BY stage.
     *
     * @param duck the database
     * @param checked the check of its answer
     * @return the counts
     */
    @Benchmark
    public Map<String, Long> duckDb(DuckEvents duck, Duck checked) {
        return Duck.query(duck);
    }
}
