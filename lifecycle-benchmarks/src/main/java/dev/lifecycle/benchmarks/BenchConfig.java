package dev.lifecycle.benchmarks;

import java.nio.file.Path;

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

    static Path eventsCache(Path directory, int customers, long seed) {
        return directory.resolve(
                "events-v" + SyntheticLog.GENERATOR_VERSION + "-" + customers + "-" + seed + ".duckdb");
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
