package dev.lifecycle.benchmarks;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The settings every benchmark JVM reads from system properties, which {@link BenchmarkSuite} passes to JMH's forks:
 * the data size and seed, and the answers the library gave in the suite's own JVM, which every fork checks its
 * answer against before it times anything.
 */
final class BenchConfig {
    static final String CUSTOMERS = "lifecycle.bench.customers";
    static final String SEED = "lifecycle.bench.seed";
    static final String EXPECTED = "lifecycle.bench.expected.";
    static final int DEFAULT_CUSTOMERS = 1_000_000;

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

    /** Writes counts as {@code key=value,key=value} for a system property. */
    static String encode(Map<String, Long> counts) {
        StringBuilder out = new StringBuilder();
        counts.forEach((key, value) -> {
            if (out.length() > 0) {
                out.append(',');
            }
            out.append(key).append('=').append(value);
        });
        return out.toString();
    }

    static Map<String, Long> decode(String encoded) {
        Map<String, Long> counts = new LinkedHashMap<>();
        if (encoded.isEmpty()) {
            return counts;
        }
        for (String pair : encoded.split(",")) {
            int eq = pair.lastIndexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("expected key=value but was '" + pair + "' in '" + encoded + "'");
            }
            counts.put(pair.substring(0, eq), Long.parseLong(pair.substring(eq + 1)));
        }
        return counts;
    }

    /**
     * Checks an answer against the library's answer that the suite passed in property {@code lifecycle.bench.expected.
     * <key>}; without that property (a benchmark run by hand) there is nothing to check against.
     *
     * @throws IllegalStateException when the answers differ
     */
    static void checkExpected(String key, String who, Map<String, Long> answer) {
        String expected = System.getProperty(EXPECTED + key);
        if (expected != null) {
            StageCounts.checkAgree(key, who, decode(expected), answer);
        }
    }
}
