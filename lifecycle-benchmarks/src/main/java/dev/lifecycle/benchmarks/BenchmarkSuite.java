package dev.lifecycle.benchmarks;

import dev.lifecycle.core.CustomerEvent;
import dev.lifecycle.core.CustomerProfile;
import dev.lifecycle.core.LifecycleClassifier;
import dev.lifecycle.core.StageDistribution;
import dev.lifecycle.core.Templates;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the whole benchmark suite: generates the synthetic log, computes the library's answers, runs every workload
 * under JMH (one fork per benchmark; each fork checks its answer against the library's before it times anything),
 * measures the tracker's retained heap per built-in template in a fresh JVM, and prints one table of results and
 * ratios, also written as Markdown.
 *
 * <p>Options: {@code --out FILE} (default {@code target/benchmark-results.md}), {@code --customers N} (default
 * 1,000,000, or {@value BenchConfig#QUICK_CUSTOMERS} with {@code --quick}), {@code --seed N}, {@code --workloads 1,2,3,4,5} (default all), {@code --prof NAME} (a JMH profiler such as
 * {@code gc} or {@code stack}, repeatable; its figures appear in JMH's output), {@code --quick} (small data unless
 * {@code --customers} is given, and one short iteration each, to try the command out; its numbers
 * are not results).
 */
public final class BenchmarkSuite {
    private static final String USAGE =
            "options: --out FILE, --customers N, --seed N, --workloads LIST (of 1,2,3,4,5), --prof PROFILER, --quick";
    private static final Pattern HEAP_LINE = Pattern.compile(
            "template=(\\S+) customers=(\\d+) events=(\\d+) retainedBytes=(-?\\d+) bytesPerCustomer=(\\S+) .*");
    private static final double HEAP_GOAL_BYTES = 150;

    private final Path out;
    private final int customers;
    private final long seed;
    private final Set<Integer> workloads;
    private final boolean quick;
    private final List<String> profilers;
    private final PrintStream console;

    private BenchmarkSuite(
            Path out,
            int customers,
            long seed,
            Set<Integer> workloads,
            boolean quick,
            List<String> profilers,
            PrintStream console) {
        this.out = out;
        this.customers = customers;
        this.seed = seed;
        this.workloads = workloads;
        this.quick = quick;
        this.profilers = List.copyOf(profilers);
        this.console = console;
    }

    /**
     * Runs the suite.
     *
     * @param args the options
     * @throws Exception if a benchmark fails or a peer's answer differs from the library's
     */
    public static void main(String[] args) throws Exception {
        Path out = Path.of("target", "benchmark-results.md");
        Integer customersOption = null;
        long seed = SyntheticLog.DEFAULT_SEED;
        Set<Integer> workloads = new TreeSet<>(List.of(1, 2, 3, 4, 5));
        boolean quick = false;
        List<String> profilers = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--out" -> out = Path.of(value(args, ++i));
                case "--customers" -> customersOption = Integer.parseInt(value(args, ++i));
                case "--seed" -> seed = Long.parseLong(value(args, ++i));
                case "--workloads" -> {
                    workloads.clear();
                    for (String w : value(args, ++i).split(",")) {
                        int n = Integer.parseInt(w.trim());
                        if (n < 1 || n > 5) {
                            fail("--workloads must list numbers from 1 to 5 but had " + n);
                        }
                        workloads.add(n);
                    }
                }
                case "--quick" -> quick = true;
                case "--prof" -> profilers.add(value(args, ++i));
                default -> fail("unknown option '" + args[i] + "'; " + USAGE);
            }
        }
        int customers = customersOption != null
                ? customersOption
                : quick ? BenchConfig.QUICK_CUSTOMERS : BenchConfig.DEFAULT_CUSTOMERS;
        if (customers < 1) {
            fail("--customers must be at least 1 but was " + customers);
        }
        new BenchmarkSuite(out, customers, seed, workloads, quick, profilers, System.out).run();
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            fail(args[i - 1] + " needs a value; " + USAGE);
        }
        return args[i];
    }

    private static void fail(String message) {
        System.err.println(message);
        System.exit(2);
    }

    private void run() throws IOException, RunnerException, InterruptedException {
        Instant started = Instant.now();
        String machine = Machine.describe();
        console.println(machine);
        Map<String, String> expected = new LinkedHashMap<>();
        String dataLine = prepare(expected);
        System.gc();

        List<String> jvmArgs = new ArrayList<>(List.of(
                "-Xms10g",
                "-Xmx10g",
                // Parallel streams on the common pool then use two threads: one worker and the caller.
                "-Djava.util.concurrent.ForkJoinPool.common.parallelism=1",
                "-D" + BenchConfig.CUSTOMERS + "=" + customers,
                "-D" + BenchConfig.SEED + "=" + seed,
                "-D" + BenchConfig.CACHE + "=" + cacheDirectory().toAbsolutePath()));
        expected.forEach((key, value) -> jvmArgs.add("-D" + BenchConfig.EXPECTED + key + "=" + value));

        Map<String, Result<?>> results = new LinkedHashMap<>();
        List<Row> rows = new ArrayList<>();
        if (workloads.contains(1)) {
            String w1 = ClassifyBenchmark.class.getName();
            results.putAll(jmh(
                    jvmArgs,
                    w1 + "\\.(libraryTableOneThread|libraryTableTwoThreads|libraryOneThread|libraryTwoThreads|duckDb)$",
                    2,
                    4));
            // An Easy Rules pass takes seconds: one warmup pass, two measured.
            results.putAll(jmh(jvmArgs, w1 + "\\.easyRules$", 1, 2));
            String what = String.format(Locale.ROOT, "1 classify %,d profiles", customers);
            rows.add(Row.compare(
                    what + " (ProfileTable), 2 threads",
                    timing(results, w1, "libraryTableTwoThreads"),
                    "DuckDB SQL, 2 threads",
                    timing(results, w1, "duckDb"),
                    2.0));
            rows.add(Row.compare(
                    what + " (ProfileTable), 1 thread",
                    timing(results, w1, "libraryTableOneThread"),
                    "Easy Rules, 1 thread",
                    timing(results, w1, "easyRules"),
                    50.0));
            rows.add(Row.compare(
                    what + " (ProfileTable), 1 thread",
                    timing(results, w1, "libraryTableOneThread"),
                    "DuckDB SQL, 2 threads",
                    timing(results, w1, "duckDb"),
                    Double.NaN));
            rows.add(Row.compare(
                    what + " (profile objects), 2 threads",
                    timing(results, w1, "libraryTwoThreads"),
                    "DuckDB SQL, 2 threads",
                    timing(results, w1, "duckDb"),
                    Double.NaN));
            rows.add(Row.compare(
                    what + " (profile objects), 1 thread",
                    timing(results, w1, "libraryOneThread"),
                    "Easy Rules, 1 thread",
                    timing(results, w1, "easyRules"),
                    Double.NaN));
        }
        if (workloads.contains(2)) {
            String w2 = EventsBenchmark.class.getName();
            results.putAll(jmh(jvmArgs, w2 + "\\.duckDb$", 2, 3));
            // A library pass takes seconds: one warmup pass, two measured. The two-thread variant (libraryTwoThreads)
            // is slower than one thread (docs/benchmarks.md) and left out of the suite to keep it under 10 minutes.
            results.putAll(jmh(jvmArgs, w2 + "\\.(libraryOneThread|libraryTable)$", 1, 2));
            String what = String.format(Locale.ROOT, "2 event log (%,d events) to distribution", eventCount);
            rows.add(Row.compare(
                    what + " (ProfileTable.fromEvents, classify on 2 threads)",
                    timing(results, w2, "libraryTable"),
                    "DuckDB SQL, 2 threads",
                    timing(results, w2, "duckDb"),
                    1.0));
            rows.add(Row.compare(
                    what + " (accumulators and profile objects), 1 thread",
                    timing(results, w2, "libraryOneThread"),
                    "DuckDB SQL, 2 threads",
                    timing(results, w2, "duckDb"),
                    Double.NaN));
        }
        if (workloads.contains(3)) {
            String w3 = TrackerBenchmark.class.getName();
            results.putAll(jmh(jvmArgs, w3 + "\\..*", 1, 2));
            Timing ingest = timing(results, w3, "acceptEachEvent");
            rows.add(Row.absolute(
                    "3 tracker ingestion (five-stage, accept each event, then advanceTo)",
                    ingest + String.format(Locale.ROOT, " = %,.0f events/s", eventCount / (ingest.score / 1000.0)),
                    "",
                    ""));
            for (Map.Entry<String, Double> heap : retainedBytesPerCustomer().entrySet()) {
                double perCustomer = heap.getValue();
                rows.add(Row.absolute(
                        "3 tracker retained heap, " + heap.getKey(),
                        String.format(Locale.ROOT, "%.0f bytes per customer", perCustomer),
                        String.format(Locale.ROOT, "<= %.0f B", HEAP_GOAL_BYTES),
                        perCustomer <= HEAP_GOAL_BYTES ? "pass" : "miss"));
            }
        }
        if (workloads.contains(4)) {
            String w4 = MetricsBenchmark.class.getName();
            results.putAll(jmh(jvmArgs, w4 + "\\..*", 1, 2));
            for (String metric : List.of("Funnel", "Nps", "Cohorts")) {
                rows.add(Row.compare(
                        "4 " + metric.toLowerCase(Locale.ROOT).replace("nps", "NPS")
                                + String.format(Locale.ROOT, " over %,d events", eventCount),
                        timing(results, w4, "library" + metric),
                        "DuckDB SQL, 2 threads",
                        timing(results, w4, "duckDb" + metric),
                        Double.NaN));
            }
        }
        if (workloads.contains(5)) {
            String w5 = PerCustomerBenchmark.class.getName();
            results.putAll(jmh(jvmArgs, w5 + "\\..*", 2, 4));
            rows.add(Row.compare(
                    String.format(
                            Locale.ROOT, "5 per customer, %,d customers: fromEvents, classify(...).stage()", customers),
                    timing(results, w5, "library"),
                    "minimal hand-written fold and if-chain, 1 thread (goal: library <= 1.5x its time)",
                    timing(results, w5, "minimal"),
                    1 / 1.5));
        }

        String markdown = markdown(rows, machine, dataLine, started);
        console.println();
        console.print(markdown);
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(out, markdown, StandardCharsets.UTF_8);
        console.println("written to " + out);
    }

    private long eventCount;

    /** Generates the data, computes the library's answers, caches the DuckDB events; returns the data line. */
    private String prepare(Map<String, String> expected) {
        console.printf(Locale.ROOT, "generating %,d customers (seed %d)...%n", customers, seed);
        SyntheticLog log = SyntheticLog.generate(customers, seed);
        eventCount = log.eventCount();
        List<CustomerProfile> profiles = log.profiles();
        StageDistribution distribution =
                LifecycleClassifier.of(Templates.fiveStage()).classifyAll(profiles, SyntheticLog.AS_OF);
        String counts = Canonical.counts(distribution.counts());
        expected.put(ClassifyBenchmark.KEY, counts);
        expected.put(EventsBenchmark.KEY, counts);
        expected.put(TrackerBenchmark.KEY, counts);
        expected.put(PerCustomerBenchmark.KEY, counts);
        long[] byType = log.countsByType();
        StringBuilder types = new StringBuilder();
        for (dev.lifecycle.core.EventType type : dev.lifecycle.core.EventType.values()) {
            if (byType[type.ordinal()] > 0) {
                types.append(types.length() == 0 ? "" : ", ")
                        .append(String.format(Locale.ROOT, "%s %,d", type, byType[type.ordinal()]));
            }
        }
        String dataLine = String.format(
                Locale.ROOT,
                "%,d customers, %,d events (%s), seed %d; five-stage distribution as of %s: %s",
                log.customerCount(),
                log.eventCount(),
                types,
                seed,
                SyntheticLog.AS_OF,
                distribution.counts());
        console.println(dataLine);
        // Nothing is timed yet: the DuckDB cache is built on another thread while the library computes its answers.
        CompletableFuture<Void> cached = CompletableFuture.completedFuture(null);
        if (workloads.contains(2) || workloads.contains(4)) {
            Path cache = BenchConfig.eventsCache(cacheDirectory(), customers, seed);
            if (!Files.isRegularFile(cache)) {
                console.println("loading the events into DuckDB once, cached in " + cache);
                cached = CompletableFuture.runAsync(
                        () -> {
                            try (DuckDbPeer duck = DuckDbPeer.open()) {
                                duck.loadEvents(log);
                                duck.saveEvents(cache);
                            }
                        },
                        Executors.newSingleThreadExecutor(r -> {
                            Thread t = new Thread(r, "duckdb-cache");
                            t.setDaemon(true);
                            return t;
                        }));
            }
        }
        if (workloads.contains(4)) {
            List<CustomerEvent> events = log.eventsInTimeOrder();
            expected.put(MetricsBenchmark.FUNNEL_KEY, Canonical.funnel(MetricsBenchmark.funnel(events)));
            expected.put(MetricsBenchmark.NPS_KEY, Canonical.nps(MetricsBenchmark.nps(events)));
            expected.put(
                    MetricsBenchmark.COHORT_KEY,
                    Canonical.digest(Canonical.cohortLines(MetricsBenchmark.cohorts(events))));
        }
        cached.join();
        return dataLine;
    }

    private static Path cacheDirectory() {
        return Path.of("target", "benchmark-data");
    }

    private Map<String, Result<?>> jmh(List<String> jvmArgs, String include, int warmups, int measurements)
            throws RunnerException {
        OptionsBuilder options = new OptionsBuilder();
        options.include(include)
                .forks(1)
                .shouldFailOnError(true)
                .jvmArgs(jvmArgs.toArray(String[]::new))
                .warmupIterations(quick ? 0 : warmups)
                .measurementIterations(quick ? 1 : measurements)
                .warmupTime(TimeValue.seconds(1))
                .measurementTime(TimeValue.seconds(1));
        for (String profiler : profilers) {
            options.addProfiler(profiler);
        }
        Map<String, Result<?>> results = new LinkedHashMap<>();
        for (RunResult result : new Runner(options.build()).run()) {
            results.put(result.getParams().getBenchmark(), result.getPrimaryResult());
        }
        return results;
    }

    private static Timing timing(Map<String, Result<?>> results, String benchmark, String method) {
        Result<?> result = results.get(benchmark + "." + method);
        if (result == null) {
            throw new IllegalStateException("benchmark " + benchmark + "." + method + " has no result");
        }
        return new Timing(result.getScore(), result.getScoreError(), result.getScoreUnit());
    }

    /** Runs {@link TrackerHeap} for every built-in template in one fresh JVM; returns bytes per customer by template. */
    private Map<String, Double> retainedBytesPerCustomer() throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(
                java,
                "-Xmx8g",
                "-cp",
                System.getProperty("java.class.path"),
                TrackerHeap.class.getName(),
                Integer.toString(customers),
                Long.toString(seed)));
        command.addAll(Templates.names());
        console.println("measuring the retained heap of a tracker per built-in template in a fresh JVM...");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        Map<String, Double> perCustomer = new LinkedHashMap<>();
        try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                console.println("  " + line);
                Matcher m = HEAP_LINE.matcher(line);
                if (m.matches()) {
                    perCustomer.put(m.group(1), Double.parseDouble(m.group(5)));
                }
            }
        }
        int status = process.waitFor();
        if (status != 0 || perCustomer.size() != Templates.names().size()) {
            throw new IllegalStateException(
                    "the heap measurement failed with status " + status + " after measuring " + perCustomer.keySet());
        }
        return perCustomer;
    }

    private String markdown(List<Row> rows, String machine, String dataLine, Instant started) {
        StringBuilder md = new StringBuilder();
        if (quick) {
            md.append("**--quick run: one short iteration each; these numbers are not results.**\n\n");
        }
        md.append("Machine: ").append(machine).append("\n\n");
        md.append("Data: ").append(dataLine).append("\n\n");
        md.append("| workload | library | peer | peer result | peer time / library time | goal | |\n");
        md.append("|---|---:|---|---:|---:|---:|---|\n");
        for (Row row : rows) {
            md.append("| ")
                    .append(String.join(
                            " | ",
                            row.workload,
                            row.library,
                            row.peerName,
                            row.peer,
                            row.ratio,
                            row.goal.replace("|", "\\|"),
                            row.verdict))
                    .append(" |\n");
        }
        md.append("\nTimes are JMH averages per operation (one pass over all the data) with their 99.9% error"
                        + " margin; \"peer time / library time\" is how many times faster the library is."
                        + " Suite wall time: ")
                .append(Duration.between(started, Instant.now()).toSeconds())
                .append(" s.\n");
        return md.toString();
    }

    /** One JMH score with its error and unit. */
    record Timing(double score, double error, String unit) {
        @Override
        public String toString() {
            return Double.isNaN(error)
                    ? String.format(Locale.ROOT, "%,.1f %s", score, unit)
                    : String.format(Locale.ROOT, "%,.1f ± %,.1f %s", score, error, unit);
        }
    }

    /** A row of the table. */
    record Row(
            String workload, String library, String peerName, String peer, String ratio, String goal, String verdict) {
        /** The library against a peer; {@code goal} is the least ratio wanted, NaN for none. */
        static Row compare(String workload, Timing library, String peerName, Timing peer, double goal) {
            double ratio = peer.score / library.score;
            boolean hasGoal = !Double.isNaN(goal);
            return new Row(
                    workload,
                    library.toString(),
                    peerName,
                    peer.toString(),
                    String.format(Locale.ROOT, "%.2fx", ratio),
                    hasGoal
                            ? (goal == 1.0
                                    ? "> 1x"
                                    : String.format(Locale.ROOT, goal < 1 ? ">= %.2fx" : ">= %.0fx", goal))
                            : "",
                    hasGoal ? ((goal == 1.0 ? ratio > 1.0 : ratio >= goal) ? "pass" : "miss") : "");
        }

        /** A figure of the library alone. */
        static Row absolute(String workload, String library, String goal, String verdict) {
            return new Row(workload, library, "", "", "", goal, verdict);
        }
    }
}
