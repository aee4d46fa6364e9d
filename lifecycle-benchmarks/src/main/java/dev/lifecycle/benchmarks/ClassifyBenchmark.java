package dev.lifecycle.benchmarks;

import dev.lifecycle.core.CustomerProfile;
import dev.lifecycle.core.LifecycleClassifier;
import dev.lifecycle.core.ProfileTable;
import dev.lifecycle.core.StageDistribution;
import dev.lifecycle.core.Templates;
import java.time.Instant;
import java.util.List;
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
 * Workload 1: classify every customer profile (one million by default) into the five-stage distribution. The library
 * on one thread and on two, DuckDB SQL over a table of the same profiles with two threads, and Easy Rules. Each time is
 * one pass over all profiles.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ClassifyBenchmark {
    static final String KEY = "w1";
    static final Instant AS_OF = SyntheticLog.AS_OF;

    /** The profiles, folded once from the synthetic log. */
    @State(Scope.Benchmark)
    public static class Profiles {
        List<CustomerProfile> profiles = List.of();
        LifecycleClassifier classifier = LifecycleClassifier.of(Templates.fiveStage());

        /** Generates the log and folds it into profiles. */
        @Setup(Level.Trial)
        public void setUp() {
            profiles = BenchConfig.log().profiles();
        }
    }

    /** The library on two threads: a parallel stream into the classifier's collector. */
    @State(Scope.Benchmark)
    public static class TwoThreads {
        /** Checks the answer and that the common pool gives the stream two threads. */
        @Setup(Level.Trial)
        public void setUp(Profiles data) {
            BenchConfig.checkTwoThreads();
            BenchConfig.checkExpected(
                    KEY,
                    "the library on two threads",
                    Canonical.counts(parallel(data).counts()));
        }

        static StageDistribution parallel(Profiles data) {
            return data.profiles.parallelStream().collect(data.classifier.toDistribution(AS_OF));
        }
    }

    /**
     * The library's column store: the same profiles in a {@link ProfileTable}, built once in setup as DuckDB's table
     * is loaded once, with the answers of one and two threads checked.
     */
    @State(Scope.Benchmark)
    public static class Table {
        ProfileTable table = ProfileTable.of(List.of());

        /** Builds the table and checks both answers. */
        @Setup(Level.Trial)
        public void setUp(Profiles data) {
            table = ProfileTable.of(data.profiles);
            BenchConfig.checkExpected(
                    KEY,
                    "the library's table on one thread",
                    Canonical.counts(data.classifier.classifyAll(table, AS_OF).counts()));
            BenchConfig.checkExpected(
                    KEY,
                    "the library's table on two threads",
                    Canonical.counts(
                            data.classifier.classifyAllParallel(table, AS_OF).counts()));
        }
    }

    /** DuckDB with the profiles loaded into a table. */
    @State(Scope.Benchmark)
    public static class Duck {
        DuckDbPeer duck = DuckDbPeer.open();

        /** Loads the profiles and checks the answer. */
        @Setup(Level.Trial)
        public void setUp(Profiles data) {
            duck.loadProfiles(data.profiles);
            BenchConfig.checkExpected(
                    KEY, "DuckDB", Canonical.counts(StageCounts.of(data.classifier.template(), query())));
        }

        Map<String, Long> query() {
            return duck.stageCountsOfProfiles(AS_OF);
        }

        /** Closes the database. */
        @TearDown(Level.Trial)
        public void tearDown() {
            duck.close();
        }
    }

    /** Easy Rules with the five-stage rules registered. */
    @State(Scope.Benchmark)
    public static class Easy {
        EasyRulesPeer easy = new EasyRulesPeer(AS_OF);

        /** Checks the answer. */
        @Setup(Level.Trial)
        public void setUp(Profiles data) {
            BenchConfig.checkExpected(KEY, "Easy Rules", Canonical.counts(easy.stageCounts(data.profiles)));
        }
    }

    /**
     * The library, one thread: {@code classifyAll} into a {@code StageDistribution}.
     *
     * @param data the profiles
     * @return the distribution
     */
    @Benchmark
    public StageDistribution libraryOneThread(Profiles data) {
        return data.classifier.classifyAll(data.profiles, AS_OF);
    }

    /**
     * The library, two threads: {@code profiles.parallelStream().collect(classifier.toDistribution(asOf))}.
     *
     * @param data the profiles
     * @param two the check
     * @return the distribution
     */
    @Benchmark
    public StageDistribution libraryTwoThreads(Profiles data, TwoThreads two) {
        return TwoThreads.parallel(data);
    }

    /**
     * The library over a {@link ProfileTable}, one thread: {@code classifier.classifyAll(table, asOf)}.
     *
     * @param data the classifier
     * @param table the profiles by column
     * @return the distribution
     */
    @Benchmark
    public StageDistribution libraryTableOneThread(Profiles data, Table table) {
        return data.classifier.classifyAll(table.table, AS_OF);
    }

    /**
     * The library over a {@link ProfileTable}, two threads: {@code classifier.classifyAllParallel(table, asOf)} on the
     * common pool of parallelism 1 plus the caller.
     *
     * @param data the classifier
     * @param table the profiles by column
     * @param two the check of the thread count
     * @return the distribution
     */
    @Benchmark
    public StageDistribution libraryTableTwoThreads(Profiles data, Table table, TwoThreads two) {
        return data.classifier.classifyAllParallel(table.table, AS_OF);
    }

    /**
     * DuckDB: {@code SELECT stage, count(*)} over the profiles table with the rules as a {@code CASE}.
     *
     * @param duck the database
     * @return the counts
     */
    @Benchmark
    public Map<String, Long> duckDb(Duck duck) {
        return duck.query();
    }

    /**
     * Easy Rules: the inference engine fired once per profile.
     *
     * @param data the profiles
     * @param easy the engine and rules
     * @return the counts
     */
    @Benchmark
    public Map<String, Long> easyRules(Profiles data, Easy easy) {
        return easy.easy.stageCounts(data.profiles);
    }
}
