package dev.lifecycle.benchmarks;

import dev.lifecycle.core.LifecycleClassifier;
import dev.lifecycle.core.StageDistribution;
import dev.lifecycle.core.Templates;
import dev.lifecycle.io.EventBatchFile;
import dev.lifecycle.io.EventFileReader;
import java.io.IOException;
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
 * Workload 6: from a CSV file on disk to the five-stage distribution, the whole path timed on both sides: reading and
 * parsing every row, resolving the customer ids, folding per customer, classifying, counting. The file is the
 * synthetic log in the order the events happened with the columns of lifecycle-io's default mapping ({@link
 * SyntheticLog#writeCsv}), written once by the suite and cached. The library: {@code EventFileReader.readBatch}, which
 * reads on the reader's default threads (the common pool's parallelism plus one: two in the suite's forks), then
 * {@code classifyAllParallel} on two. DuckDB on two threads: {@code read_csv} with explicit
 * column types, the same per-customer aggregation and CASE as workload 2, grouped by the customer ids as text.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class CsvBenchmark {
    static final String KEY = "w6";
    /** The number of rows of the file, which every reader's count must reconcile with. */
    static final String ROWS_KEY = "w6-rows";

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

    /**
     * The library's answer from the file checked once before anything is timed: the rows read reconcile with the file
     * (none rejected, one event per row) and the distribution is the library's.
     */
    @State(Scope.Benchmark)
    public static class Library {
        /** Reads the file once, checks the counts, the thread count and the answer. */
        @Setup(Level.Trial)
        public void setUp(File file) throws IOException {
            BenchConfig.checkTwoThreads();
            EventBatchFile read = read(file);
            if (read.rowsRejected() != 0) {
                throw new IllegalStateException("the library's reader rejected " + read.rowsRejected() + " rows of "
                        + file.path + ", the first " + read.rejections().get(0));
            }
            BenchConfig.checkExpected(ROWS_KEY, "the library's reader", Long.toString(read.rowsRead()));
            BenchConfig.checkExpected(
                    ROWS_KEY,
                    "the library's batch",
                    Integer.toString(read.batch().size()));
            BenchConfig.checkExpected(
                    KEY,
                    "the library from the CSV file",
                    Canonical.counts(file.classifier
                            .classifyAllParallel(read.batch(), AS_OF)
                            .counts()));
        }

        static EventBatchFile read(File file) throws IOException {
            return EventFileReader.create().readBatch(file.path);
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
     * The library: {@code EventFileReader.create().readBatch(path)} reads the file into an {@code EventBatch} (two
     * threads in the suite's forks), then {@code classifier.classifyAllParallel(file.batch(), asOf)} classifies it on two.
     *
     * @param file the file and the classifier
     * @param checked the check of the answer
     * @return the distribution
     * @throws IOException if the file cannot be read
     */
    @Benchmark
    public StageDistribution library(File file, Library checked) throws IOException {
        EventBatchFile read = Library.read(file);
        return file.classifier.classifyAllParallel(read.batch(), AS_OF);
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
