package dev.lifecycle.benchmarks;

import dev.lifecycle.core.CustomerProfile;
import dev.lifecycle.core.LifecycleClassifier;
import dev.lifecycle.core.StageDistribution;
import dev.lifecycle.core.Templates;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the whole benchmark suite: generates the synthetic log, computes the library's answers, runs every workload
 * under JMH (one fork per benchmark, each of which checks its answer against the library's before timing), and prints
 * one table of results and ratios, also written as Markdown.
 *
 * <p>Options: {@code --out FILE} (default {@code target/benchmark-results.md}), {@code --customers N} (default
 * 1,000,000), {@code --seed N}, {@code --quick} (one short iteration each, for trying the command out; its numbers are
 * not results).
 */
public final class BenchmarkSuite {
    private BenchmarkSuite() {}

    /**
     * Runs the suite.
     *
     * @param args the options
     * @throws Exception if a benchmark fails or the answers disagree
     */
    public static void main(String[] args) throws Exception {
        Path out = Path.of("target", "benchmark-results.md");
        int customers = BenchConfig.DEFAULT_CUSTOMERS;
        long seed = SyntheticLog.DEFAULT_SEED;
        boolean quick = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--out" -> out = Path.of(value(args, ++i, "--out"));
                case "--customers" -> customers = Integer.parseInt(value(args, ++i, "--customers"));
                case "--seed" -> seed = Long.parseLong(value(args, ++i, "--seed"));
                case "--quick" -> quick = true;
                default -> {
                    System.err.println("unknown option '" + args[i] + "'; options: --out FILE, --customers N,"
                            + " --seed N, --quick");
                    System.exit(2);
                }
            }
        }
        new BenchmarkSuite().run(out, customers, seed, quick, System.out);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            System.err.println(option + " needs a value");
            System.exit(2);
        }
        return args[i];
    }

    private void run(Path out, int customers, long seed, boolean quick, PrintStream console)
            throws IOException, RunnerException {
        Instant started = Instant.now();
        console.printf(Locale.ROOT, "generating %,d customers (seed %d)...%n", customers, seed);
        Map<String, String> expected = new LinkedHashMap<>();
        String dataLine;
        {
            SyntheticLog log = SyntheticLog.generate(customers, seed);
            List<CustomerProfile> profiles = log.profiles();
            StageDistribution distribution =
                    LifecycleClassifier.of(Templates.fiveStage()).classifyAll(profiles, SyntheticLog.AS_OF);
            expected.put(ClassifyBenchmark.KEY, BenchConfig.encode(distribution.counts()));
            dataLine = String.format(
                    Locale.ROOT,
                    "%,d customers, %,d events (seed %d); five-stage distribution as of %s: %s",
                    log.customerCount(),
                    log.eventCount(),
                    seed,
                    SyntheticLog.AS_OF,
                    distribution.counts());
            console.println(dataLine);
        }
        System.gc();

        List<String> jvmArgs = new ArrayList<>(List.of(
                "-Xms8g",
                "-Xmx8g",
                "-D" + BenchConfig.CUSTOMERS + "=" + customers,
                "-D" + BenchConfig.SEED + "=" + seed));
        expected.forEach((key, value) -> jvmArgs.add("-D" + BenchConfig.EXPECTED + key + "=" + value));

        Map<String, RunResult> results = new LinkedHashMap<>();
        // Millisecond-scale operations: short timed iterations.
        results.putAll(jmh(
                jvmArgs,
                quick,
                ClassifyBenchmark.class.getName() + "\\.(libraryOneThread|libraryTwoThreads|duckDb)$",
                3,
                5,
                TimeValue.seconds(2)));
        // Second-scale operations: a few single passes.
        results.putAll(
                jmh(jvmArgs, quick, ClassifyBenchmark.class.getName() + "\\.easyRules$", 1, 3, TimeValue.seconds(1)));

        List<Comparison> table = List.of(
                new Comparison(
                        "1 classify 1M profiles (2 threads)",
                        result(results, ClassifyBenchmark.class, "libraryTwoThreads"),
                        "DuckDB SQL",
                        result(results, ClassifyBenchmark.class, "duckDb"),
                        2.0),
                new Comparison(
                        "1 classify 1M profiles (1 thread)",
                        result(results, ClassifyBenchmark.class, "libraryOneThread"),
                        "DuckDB SQL (2 threads)",
                        result(results, ClassifyBenchmark.class, "duckDb"),
                        Double.NaN),
                new Comparison(
                        "1 classify 1M profiles (1 thread)",
                        result(results, ClassifyBenchmark.class, "libraryOneThread"),
                        "Easy Rules",
                        result(results, ClassifyBenchmark.class, "easyRules"),
                        50.0));

        String markdown = markdown(table, dataLine, started, quick);
        console.println();
        console.print(markdown);
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(out, markdown, StandardCharsets.UTF_8);
        console.println("written to " + out);
    }

    private static Map<String, RunResult> jmh(
            List<String> jvmArgs, boolean quick, String include, int warmups, int measurements, TimeValue time)
            throws RunnerException {
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(include)
                .forks(1)
                .shouldFailOnError(true)
                .jvmArgs(jvmArgs.toArray(String[]::new))
                .warmupIterations(quick ? 0 : warmups)
                .measurementIterations(quick ? 1 : measurements)
                .warmupTime(time)
                .measurementTime(time);
        Map<String, RunResult> results = new LinkedHashMap<>();
        Collection<RunResult> run = new Runner(options.build()).run();
        for (RunResult result : run) {
            results.put(result.getParams().getBenchmark(), result);
        }
        return results;
    }

    private static Timing result(Map<String, RunResult> results, Class<?> benchmark, String method) {
        RunResult result = results.get(benchmark.getName() + "." + method);
        if (result == null) {
            throw new IllegalStateException("benchmark " + benchmark.getSimpleName() + "." + method + " has no result");
        }
        var primary = result.getPrimaryResult();
        return new Timing(primary.getScore(), primary.getScoreError(), primary.getScoreUnit());
    }

    private static String markdown(List<Comparison> table, String dataLine, Instant started, boolean quick) {
        StringBuilder md = new StringBuilder();
        if (quick) {
            md.append("**--quick run: one short iteration each; these numbers are not results.**\n\n");
        }
        md.append("Data: ").append(dataLine).append("\n\n");
        md.append("| workload | library | peer | peer result | peer / library | goal | |\n");
        md.append("|---|---:|---|---:|---:|---:|---|\n");
        for (Comparison c : table) {
            double ratio = c.peer.score / c.library.score;
            md.append("| ")
                    .append(c.workload)
                    .append(" | ")
                    .append(c.library)
                    .append(" | ")
                    .append(c.peerName)
                    .append(" | ")
                    .append(c.peer)
                    .append(" | ")
                    .append(String.format(Locale.ROOT, "%.1fx", ratio))
                    .append(" | ")
                    .append(Double.isNaN(c.goal) ? "" : String.format(Locale.ROOT, ">= %.0fx", c.goal))
                    .append(" | ")
                    .append(Double.isNaN(c.goal) ? "" : ratio >= c.goal ? "pass" : "miss")
                    .append(" |\n");
        }
        md.append("\nTimes are JMH averages per operation (one pass over all the data) with their 99.9% error;"
                        + " \"peer / library\" is how many times faster the library is. Suite wall time: ")
                .append(Duration.between(started, Instant.now()).toSeconds())
                .append(" s.\n");
        return md.toString();
    }

    /** One JMH score with its error and unit. */
    record Timing(double score, double error, String unit) {
        @Override
        public String toString() {
            return Double.isNaN(error)
                    ? String.format(Locale.ROOT, "%.1f %s", score, unit)
                    : String.format(Locale.ROOT, "%.1f ± %.1f %s", score, error, unit);
        }
    }

    /** A row of the table: the library against one peer, with the goal factor (NaN for none). */
    record Comparison(String workload, Timing library, String peerName, Timing peer, double goal) {}
}
