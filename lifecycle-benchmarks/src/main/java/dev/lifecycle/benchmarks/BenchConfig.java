package dev.lifecycle.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Supplier;

/**
 * The settings every benchmark JVM reads from system properties, which {@link BenchmarkSuite} passes to JMH's forks:
 * the data size and seed, where the DuckDB copy of the events is cached, and the answers the library gave in the
 * suite's own JVM, which every fork checks its answer against before it times anything.
 */
final class BenchConfig {
    static final String CUSTOMERS = "lifecycle.bench.customers";
    static final String SEED = "lifecycle.bench.seed";
    static final String CACHE = "lifecycle.bench.cache";
    static final String EXPECTED = "lifecycle.bench.expected.";
    static final int DEFAULT_CUSTOMERS = 1_000_000;

    /** The customers of a {@code --quick} run that does not name a number: enough to exercise every workload. */
    static final int QUICK_CUSTOMERS = 20_000;

    /**
     * Workload 7's customers by default: a pass of the Flink job with the RocksDB state backend over the log of
     * 1,000,000 customers would take over an hour here (2,000 to 3,000 events per second), so the Flink workload runs
     * on a log of its own size, from the same generator and seed ({@code --flink-customers}).
     */
    static final int FLINK_CUSTOMERS = 10_000;

    /** Workload 7's customers in a {@code --quick} run that does not name a number. */
    static final int FLINK_QUICK_CUSTOMERS = 2_000;

    private BenchConfig() {}

    static int customers() {
        return Integer.parseInt(System.getProperty(CUSTOMERS, Integer.toString(DEFAULT_CUSTOMERS)));
    }

    static long seed() {
        return Long.parseLong(System.getProperty(SEED, Long.toString(SyntheticLog.DEFAULT_SEED)));
    }

    /** The log of the configured size and seed. */
    static SyntheticLog log() {
        return SyntheticLog.generate(customers(), seed());
    }

    /** The DuckDB file caching the events of the configured log. */
    static Path eventsCache() {
        return eventsCache(Path.of(System.getProperty(CACHE, "target/benchmark-data")), customers(), seed());
    }

    /**
     * The DuckDB file caching the events of a log; its name carries the generator's and the table's versions, so a
     * file of older data or an older schema is never copied.
     */
    static Path eventsCache(Path directory, int customers, long seed) {
        return directory.resolve("events-v" + SyntheticLog.GENERATOR_VERSION + "-schema" + DuckDbPeer.SCHEMA_VERSION
                + "-" + customers + "-" + seed + ".duckdb");
    }

    /** The CSV file of the configured log's events, which the suite writes once. */
    static Path csvFile() {
        return csvFile(Path.of(System.getProperty(CACHE, "target/benchmark-data")), customers(), seed());
    }

    /** The CSV file of a log's events ({@link SyntheticLog#writeCsv}); its name carries the generator's version. */
    static Path csvFile(Path directory, int customers, long seed) {
        return directory.resolve("events-v" + SyntheticLog.GENERATOR_VERSION + "-" + customers + "-" + seed + ".csv");
    }

    /**
     * Returns the file a cache file is written to before it is moved into place, atomically, so that a run stopped
     * halfway leaves no file that looks whole: its sibling {@code <name>.partial}, whose directory this creates.
     *
     * @param file the cache file
     * @return the partial file
     * @throws IOException if the directory cannot be created
     */
    static Path partialFor(Path file) throws IOException {
        Path absolute = file.toAbsolutePath();
        Path parent = absolute.getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        return absolute.resolveSibling(absolute.getFileName() + ".partial");
    }

    /**
     * Writes the log's CSV file unless it exists, atomically (a partial file is written and then moved).
     *
     * @throws UncheckedIOException if the file cannot be written
     */
    static void writeCsvOnce(Path file, Supplier<SyntheticLog> log) {
        if (Files.isRegularFile(file)) {
            return;
        }
        try {
            Path partial = partialFor(file);
            log.get().writeCsv(partial);
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the events to " + file, e);
        }
    }

    /**
     * Checks that the common fork-join pool runs two threads (its parallelism, 1 in the suite's forks, plus the
     * caller), as the library's parallel forms use it and DuckDB is given two.
     *
     * @throws IllegalStateException if it runs another number
     */
    static void checkTwoThreads() {
        int threads = ForkJoinPool.getCommonPoolParallelism() + 1;
        if (threads != DuckDbPeer.THREADS) {
            throw new IllegalStateException("the library's parallel forms would use " + threads + " threads, not "
                    + DuckDbPeer.THREADS + "; run with -Djava.util.concurrent.ForkJoinPool.common.parallelism=1");
        }
    }

    /**
     * Checks an answer against the library's answer that the suite passed in property {@code
     * lifecycle.bench.expected.<key>}; without that property (a benchmark run by hand) there is nothing to check
     * against.
     *
     * @throws IllegalStateException when the answers differ
     */
    static void checkExpected(String key, String who, String answer) {
        String expected = System.getProperty(EXPECTED + key);
        if (expected != null && !expected.equals(answer)) {
            throw new IllegalStateException(
                    key + ": " + who + " disagrees with the library; library " + expected + ", " + who + " " + answer);
        }
    }
}
