package dev.lifecycle.benchmarks;

import dev.lifecycle.core.LifecycleClassifier;
import dev.lifecycle.core.Templates;
import java.nio.file.Path;
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
 * Workload 5: from a CSV file on disk to the five-stage distribution, the whole path timed on both sides: reading and
 * parsing every row, resolving the customer ids, folding per customer, classifying, counting. The file is the
 * synthetic log in the order the events happened with the columns of lifecycle-io's default mapping ({@link
 * SyntheticLog#writeCsv}), written once by the suite and cached. DuckDB on two threads: {@code read_csv} with explicit
 * column types, the same per-customer aggregation and CASE as workload 2, grouped by the customer ids as text.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class CsvBenchmark {
    static final String KEY = "w5";
    /** The number of rows of the file, which every reader's count must reconcile with. */
    static final String ROWS_KEY = "w5-rows";

    static final Instant AS_OF = SyntheticLog.AS_OF;

    /** The CSV file, written unless the suite has written it already, and the classifier. */
    @State(Scope.Benchmark)
    public static class File {
        Path path = Path.of("");
        LifecycleClassifier classifier = LifecycleClassifier.of(Templates.fiveStage());

        /** Makes sure the file exists. */
        @Setup(Level.Trial)
        public void setUp() {
            path = BenchConfig.csvFile();
            BenchConfig.writeCsvOnce(path, BenchConfig::log);
        }
    }

    /** An empty DuckDB database on two threads, its answer from the file checked. */
    @State(Scope.Benchmark)
    public static class Duck {
        DuckDbPeer duck = DuckDbPeer.open();

        /** Checks the answer. */
        @Setup(Level.Trial)
        public void setUp(File file) {
            BenchConfig.checkExpected(ROWS_KEY, "DuckDB's read_csv", Long.toString(duck.csvRowCount(file.path)));
            BenchConfig.checkExpected(KEY, "DuckDB from the CSV file", Canonical.counts(query(file)));
        }

        Map<String, Long> query(File file) {
            return StageCounts.of(Templates.fiveStage(), duck.stageCountsOfCsv(file.path, AS_OF));
        }

        /** Closes the database. */
        @TearDown(Level.Trial)
        public void tearDown() {
            duck.close();
        }
    }

    /**
     * DuckDB: {@code read_csv} of the file with explicit types, per-customer aggregates grouped by the id text, the
     * rules as a CASE, GROUP BY stage.
     *
     * @param file the file
     * @param duck the database
     * @return the counts
     */
    @Benchmark
    public Map<String, Long> duckDb(File file, Duck duck) {
        return duck.query(file);
    }
}
