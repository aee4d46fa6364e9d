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
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
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
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the whole benchmark suite: generates the synthetic log, computes the library's answers, runs every workload
 * under JMH (one fork per benchmark; each fork checks its answer against the library's before it times anything),
 * measures the tracker's retained heap per built-in template and the Flink job's checkpointed state per state backend
 * in fresh JVMs, and prints one table of results and ratios, also written as Markdown.
 *
 * <p>Options: {@code --out FILE} (default {@code target/benchmark-results.md}), {@code --customers N} (default
 * 1,000,000, or {@value BenchConfig#QUICK_CUSTOMERS} with {@code --quick}), {@code --flink-customers N} (workload 7's
 * log, default {@value BenchConfig#FLINK_CUSTOMERS}, or {@value BenchConfig#FLINK_QUICK_CUSTOMERS} with {@code
 * --quick}), {@code --seed N}, {@code --workloads 1,2,3,4,5,6,7,8,9} (default all), {@code --prof NAME} (a JMH profiler
 * such as {@code gc} or {@code stack}, repeatable; its figures appear in JMH's output), {@code --quick} (small data
 * unless a count is given, and one short iteration each, to try the command out; its numbers are not results).
 */
public final class BenchmarkSuite {
    private static final String USAGE =
            "options: --out FILE, --customers N, --flink-customers N, --seed N, --workloads LIST (of 1,2,3,4,5,6,7,8,9),"
                    + " --prof PROFILER, --quick";
    private static final Pattern HEAP_LINE =
            Pattern.compile("template=(\\S+) shards=(\\d+) customers=(\\d+) events=(\\d+) retainedBytes=(-?\\d+)"
                    + " bytesPerCustomer=(\\S+) .*");
    private static final Pattern STATE_CONTENTS_LINE = Pattern.compile("state customers=(\\d+) events=(\\d+)"
            + " watermark=(\\S+) waitingEvents=(\\d+) rememberedIds=(\\d+) changeTimers=(\\d+) timers=(\\d+)");
    private static final Pattern STATE_LINE = Pattern.compile("backend=(\\S+) customers=(\\d+) events=(\\d+)"
            + " operatorBytes=(\\d+) checkpointBytes=(\\d+) diskBytes=(\\d+) bytesPerCustomer=(\\S+)");
    private static final double HEAP_GOAL_BYTES = 150;
    /**
     * Workload 3's one-thread ingestion before issue 15, events per second: the full suite's run of {@code 34fc268}
     * ({@value BenchConfig#DEFAULT_CUSTOMERS} customers, the default seed; docs/benchmarks.md, Results). The rows of
     * issue 15's ingestion goals are judged against this recorded figure, not against a figure of the same run.
     */
    private static final double RECORDED_INGEST_PER_SECOND = 445_366;
    /** The least events per second wanted of {@link dev.lifecycle.core.LifecycleStep} alone on one thread. */
    private static final double STEP_GOAL_PER_SECOND = 5_000_000;

    private static final String DUCKDB = "DuckDB SQL";
    /** Flink logs through the slf4j-simple binding that lifecycle-examples brings: its errors only. */
    private static final String QUIET_FLINK = "-Dorg.slf4j.simpleLogger.defaultLogLevel=error";
    /** Workload 8's goal for a fit on a million customers: "well under a second". */
    private static final double CLV_FIT_GOAL_MS = 500;

    /** The workloads of the suite, by number. */
    private static final Set<Integer> WORKLOADS = Set.of(1, 2, 3, 4, 5, 6, 7, 8, 9);

    private final Path out;
    private final int customers;
    private final int flinkCustomers;
    private final long seed;
    private final Set<Integer> workloads;
    private final boolean quick;
    private final List<String> profilers;
    private final PrintStream console;

    private BenchmarkSuite(
            Path out,
            int customers,
            int flinkCustomers,
            long seed,
            Set<Integer> workloads,
            boolean quick,
            List<String> profilers,
            PrintStream console) {
        this.out = out;
        this.customers = customers;
        this.flinkCustomers = flinkCustomers;
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
        Integer flinkCustomersOption = null;
        long seed = SyntheticLog.DEFAULT_SEED;
        Set<Integer> workloads = new TreeSet<>(WORKLOADS);
        boolean quick = false;
        List<String> profilers = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--out" -> out = Path.of(value(args, ++i));
                case "--customers" -> customersOption = Integer.parseInt(value(args, ++i));
                case "--flink-customers" -> flinkCustomersOption = Integer.parseInt(value(args, ++i));
                case "--seed" -> seed = Long.parseLong(value(args, ++i));
                case "--workloads" -> {
                    workloads.clear();
                    for (String w : value(args, ++i).split(",")) {
                        int n = Integer.parseInt(w.trim());
                        if (!WORKLOADS.contains(n)) {
                            fail("--workloads must list workloads of " + new TreeSet<>(WORKLOADS) + " but had " + n);
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
        int flinkCustomers = flinkCustomersOption != null
                ? flinkCustomersOption
                : quick ? BenchConfig.FLINK_QUICK_CUSTOMERS : BenchConfig.FLINK_CUSTOMERS;
        if (flinkCustomers < 1) {
            fail("--flink-customers must be at least 1 but was " + flinkCustomers);
        }
        new BenchmarkSuite(out, customers, flinkCustomers, seed, workloads, quick, profilers, System.out).run();
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

        List<String> jvmArgs = forkArguments(customers, expected);

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
                    what + ": ProfileTable, classifyAllParallel",
                    "2 / 2",
                    timing(results, w1, "libraryTableTwoThreads"),
                    DUCKDB,
                    timing(results, w1, "duckDb"),
                    2.0));
            rows.add(Row.compare(
                    what + ": ProfileTable, classifyAll",
                    "1 / 1",
                    timing(results, w1, "libraryTableOneThread"),
                    "Easy Rules",
                    timing(results, w1, "easyRules"),
                    50.0));
            rows.add(Row.compare(
                    what + ": profile objects, parallel stream into toDistribution",
                    "2 / 2",
                    timing(results, w1, "libraryTwoThreads"),
                    DUCKDB,
                    timing(results, w1, "duckDb"),
                    Row.EXTRA));
            rows.add(Row.compare(
                    what + ": profile objects, classifyAll",
                    "1 / 1",
                    timing(results, w1, "libraryOneThread"),
                    "Easy Rules",
                    timing(results, w1, "easyRules"),
                    Row.EXTRA));
        }
        if (workloads.contains(2)) {
            String w2 = EventsBenchmark.class.getName();
            results.putAll(jmh(jvmArgs, w2 + "\\.(duckDb|libraryBatch)$", 2, 3));
            // A pass over event objects takes seconds: one warmup pass, two measured. The two-thread fold of event
            // objects (libraryTwoThreads) is slower than one thread (docs/benchmarks.md) and left out of the suite.
            results.putAll(jmh(jvmArgs, w2 + "\\.(libraryOneThread|libraryTable)$", 1, 2));
            String what = String.format(Locale.ROOT, "2 event log (%,d events) to distribution", eventCount);
            rows.add(Row.compare(
                    what + ": EventBatch, classifyAllParallel",
                    "2 / 2",
                    timing(results, w2, "libraryBatch"),
                    DUCKDB,
                    timing(results, w2, "duckDb"),
                    3.0));
            rows.add(Row.compare(
                    what + ": event objects, ProfileTable.fromEvents then classifyAllParallel",
                    "fold 1, classify 2 / 2",
                    timing(results, w2, "libraryTable"),
                    DUCKDB,
                    timing(results, w2, "duckDb"),
                    Row.THREADS_DIFFER));
            rows.add(Row.compare(
                    what + ": event objects, accumulators in a HashMap, classifyAll",
                    "1 / 2",
                    timing(results, w2, "libraryOneThread"),
                    DUCKDB,
                    timing(results, w2, "duckDb"),
                    Row.THREADS_DIFFER));
        }
        if (workloads.contains(3)) {
            String w3 = TrackerBenchmark.class.getName();
            results.putAll(jmh(jvmArgs, w3 + "\\.(acceptEachEvent|acceptOnTwoThreads)$", 1, 2));
            // A pass of the step alone is shorter than the tracker's: two warmup passes, three measured.
            results.putAll(jmh(jvmArgs, w3 + "\\.(stepEachEvent|stateFloor)$", 2, 3));
            // The long history's passes take milliseconds: many per iteration (average time), three warmup iterations.
            results.putAll(jmh(jvmArgs, w3 + "\\.(oneCustomerHistory|oneEventCustomers)$", 3, 5));
            rows.addAll(trackerRows(results, w3));
            for (Map.Entry<String, Double> heap : retainedBytesPerCustomer().entrySet()) {
                double perCustomer = heap.getValue();
                rows.add(Row.absolute(
                        "3 tracker retained heap, " + heap.getKey(),
                        "1",
                        String.format(Locale.ROOT, "%.0f bytes per customer", perCustomer),
                        String.format(Locale.ROOT, "<= %.0f B", HEAP_GOAL_BYTES),
                        perCustomer <= HEAP_GOAL_BYTES ? "pass" : "miss"));
            }
        }
        if (workloads.contains(4)) {
            String w4 = MetricsBenchmark.class.getName();
            results.putAll(jmh(jvmArgs, w4 + "\\..*", 1, 2));
            for (String metric : List.of("Funnel", "Nps", "Cohorts")) {
                String name = metric.toLowerCase(Locale.ROOT).replace("nps", "NPS");
                rows.add(Row.compare(
                        "4 " + name + String.format(Locale.ROOT, " over %,d events (EventBatch)", eventCount),
                        "2 / 2",
                        timing(results, w4, "libraryBatch" + metric),
                        DUCKDB,
                        timing(results, w4, "duckDb" + metric),
                        2));
                String what = "4 " + name + String.format(Locale.ROOT, " over %,d events (event objects)", eventCount);
                rows.add(Row.compare(
                        what,
                        "1 / 1",
                        timing(results, w4, "library" + metric),
                        DUCKDB,
                        timing(results, w4, "duckDbOneThread" + metric),
                        Double.NaN));
                rows.add(Row.compare(
                        what,
                        "1 / 2",
                        timing(results, w4, "library" + metric),
                        DUCKDB,
                        timing(results, w4, "duckDb" + metric),
                        Row.THREADS_DIFFER));
            }
        }
        if (workloads.contains(5)) {
            String w5 = PerCustomerBenchmark.class.getName();
            results.putAll(jmh(jvmArgs, w5 + "\\..*", 2, 4));
            rows.add(Row.compare(
                    String.format(
                            Locale.ROOT, "5 per customer, %,d customers: fromEvents, classify(...).stage()", customers),
                    "1 / 1",
                    timing(results, w5, "library"),
                    "minimal hand-written fold and if-chain (goal: library at most 1.5x its time)",
                    timing(results, w5, "minimal"),
                    0.67));
        }
        if (workloads.contains(6)) {
            String w6 = CsvBenchmark.class.getName();
            results.putAll(jmh(jvmArgs, w6 + "\\..*", 1, 3));
            String what =
                    String.format(Locale.ROOT, "6 CSV file (%,d rows, %,d bytes) to distribution", csvRows, csvBytes);
            rows.addAll(csvRows(what, results, w6));
        }

        if (workloads.contains(7)) {
            String w7 = FlinkBenchmark.class.getName();
            List<String> flinkArgs = forkArguments(flinkCustomers, expected);
            flinkArgs.add(QUIET_FLINK);
            // The tracker's pass over workload 7's log takes a tenth of a second: three warmup passes, five measured.
            results.putAll(jmh(flinkArgs, w7 + "\\.(trackerOneThread|trackerTwoThreads)$", 3, 5));
            // A job's pass on the heap backend takes about a second, and the first few passes keep getting faster:
            // five warmup passes, five measured; the same for the job of one event on either backend.
            results.putAll(jmh(flinkArgs, w7 + "\\.flinkJob$", 5, 5, Map.of("backend", FlinkJob.HEAP)));
            results.putAll(jmh(flinkArgs, w7 + "\\.flinkJobOfOneEvent$", 5, 5));
            // On RocksDB a pass takes about a minute: one warmup pass, two measured.
            results.putAll(jmh(flinkArgs, w7 + "\\.flinkJob$", 1, 2, Map.of("backend", FlinkJob.ROCKSDB)));
            rows.addAll(flinkRows(results, w7));
            rows.addAll(flinkStateRows());
        }
        if (workloads.contains(8)) {
            rows.addAll(clvRows(jvmArgs, results));
        }
        if (workloads.contains(9)) {
            rows.addAll(rfmRows(jvmArgs, results));
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

    /** The JVM options of a benchmark fork over the log of {@code forkCustomers} customers. */
    private List<String> forkArguments(int forkCustomers, Map<String, String> expected) {
        List<String> jvmArgs = new ArrayList<>(List.of(
                "-Xms10g",
                "-Xmx10g",
                // The heap's pages are touched when the fork starts, not on first use inside a timed region: without
                // this, a pass that first reaches fresh heap memory waits on the operating system's page faults
                // (workload 5's last passes ran 2 to 5 times slower than its first), and the forms that allocate
                // more pay more of that noise.
                "-XX:+AlwaysPreTouch",
                // Parallel streams on the common pool then use two threads: one worker and the caller.
                "-Djava.util.concurrent.ForkJoinPool.common.parallelism=1",
                "-D" + BenchConfig.CUSTOMERS + "=" + forkCustomers,
                "-D" + BenchConfig.SEED + "=" + seed,
                "-D" + BenchConfig.CACHE + "=" + cacheDirectory().toAbsolutePath()));
        expected.forEach((key, value) -> jvmArgs.add("-D" + BenchConfig.EXPECTED + key + "=" + value));
        return jvmArgs;
    }

    private long eventCount;
    private int flinkEventCount;
    private long csvRows;
    private long csvBytes;

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
        if (workloads.contains(3)) {
            OneCustomerLog history = OneCustomerLog.generate(OneCustomerLog.EVENTS, seed);
            expected.put(TrackerBenchmark.ONE_CUSTOMER_KEY, OneCustomerLog.expectedCounts(history.oneCustomer()));
            expected.put(TrackerBenchmark.ONE_EVENT_EACH_KEY, OneCustomerLog.expectedCounts(history.oneEventEach()));
        }
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
        if (workloads.contains(7)) {
            SyntheticLog flinkLog = flinkCustomers == customers ? log : SyntheticLog.generate(flinkCustomers, seed);
            List<CustomerEvent> events = flinkLog.eventsInTimeOrder();
            flinkEventCount = events.size();
            String transitions = FlinkBenchmark.expected(events);
            expected.put(FlinkBenchmark.KEY, transitions);
            expected.put(FlinkBenchmark.ONE_EVENT_KEY, FlinkBenchmark.expected(events.subList(0, 1)));
            dataLine += String.format(
                    Locale.ROOT,
                    ". Workload 7: %,d customers, %,d events, the same seed; the tracker's transitions to past every"
                            + " lapse: %s",
                    flinkLog.customerCount(),
                    flinkEventCount,
                    transitions);
        }
        console.println(dataLine);
        // Nothing is timed yet: the DuckDB cache is built on another thread while the library computes its answers,
        // and the CSV file on a third.
        CompletableFuture<Void> cached = CompletableFuture.completedFuture(null);
        if (workloads.contains(2) || workloads.contains(4)) {
            Path cache = BenchConfig.eventsCache(cacheDirectory(), customers, seed);
            if (!Files.isRegularFile(cache)) {
                console.println("loading the events into DuckDB once, cached in " + cache);
                cached = CompletableFuture.runAsync(
                        () -> {
                            try (DuckDbPeer duck = DuckDbPeer.open()) {
                                duck.loadEvents(log.batchInTimeOrder());
                                duck.saveEvents(cache);
                            }
                        },
                        daemon("duckdb-cache"));
            }
        }
        CompletableFuture<Void> csv = CompletableFuture.completedFuture(null);
        if (workloads.contains(6)) {
            Path file = BenchConfig.csvFile(cacheDirectory(), customers, seed);
            if (!Files.isRegularFile(file)) {
                console.println("writing the events to a CSV file once, cached in " + file);
            }
            csv = CompletableFuture.runAsync(
                    () -> {
                        BenchConfig.writeCsvOnce(file, () -> log);
                        try {
                            csvBytes = Files.size(file);
                            try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
                                csvRows = lines.count() - 1;
                            }
                        } catch (IOException e) {
                            throw new UncheckedIOException("cannot read " + file, e);
                        }
                    },
                    daemon("csv-cache"));
            long npsAnswers = log.countsByType()[dev.lifecycle.core.EventType.NPS_ANSWER.ordinal()];
            expected.put(CsvBenchmark.KEY, counts);
            expected.put(CsvBenchmark.ROWS_KEY, Long.toString(log.eventCount() - npsAnswers));
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
        csv.join();
        if (workloads.contains(6)
                && csvRows
                        != log.eventCount() - log.countsByType()[dev.lifecycle.core.EventType.NPS_ANSWER.ordinal()]) {
            throw new IllegalStateException("the CSV file has " + csvRows + " rows, not the log's events but its NPS"
                    + " answers; delete it to have it written again");
        }
        return dataLine;
    }

    /** Workload 3's speed rows. */
    private List<Row> trackerRows(Map<String, Result<?>> results, String w3) {
        // The recorded figure is of the default data: on other data the ratio is printed but not judged.
        boolean recordedData = customers == BenchConfig.DEFAULT_CUSTOMERS && seed == SyntheticLog.DEFAULT_SEED;
        String recorded = String.format(
                Locale.ROOT,
                "recorded before issue 15, not this run: 1 thread, %,d customers (docs/benchmarks.md)",
                BenchConfig.DEFAULT_CUSTOMERS);
        Timing one = timing(results, w3, "acceptEachEvent");
        Timing two = timing(results, w3, "acceptOnTwoThreads");
        return List.of(
                Row.againstRecorded(
                        "3 tracker ingestion (five-stage, accept each event, then advanceTo)",
                        "1",
                        one,
                        eventCount,
                        recorded,
                        RECORDED_INGEST_PER_SECOND,
                        recordedData ? 2.0 : Double.NaN),
                Row.againstRecorded(
                        String.format(
                                Locale.ROOT,
                                "3 tracker ingestion on %d threads (five-stage, shards(%d), each thread accepts the"
                                        + " events of its shards in time order, then advanceTo)",
                                TrackerBenchmark.Feeders.THREADS,
                                TrackerBenchmark.Feeders.SHARDS),
                        Integer.toString(TrackerBenchmark.Feeders.THREADS),
                        two,
                        eventCount,
                        recorded,
                        RECORDED_INGEST_PER_SECOND,
                        recordedData ? 4.0 : Double.NaN),
                Row.compare(
                        "3 tracker ingestion, " + TrackerBenchmark.Feeders.THREADS + " threads against 1 (this run)",
                        TrackerBenchmark.Feeders.THREADS + " / 1",
                        two,
                        "the tracker on 1 thread, one shard",
                        one,
                        Row.THREADS_DIFFER),
                Row.eventsPerSecond(
                        "3 LifecycleStep alone (five-stage, apply each event to a state in an array indexed by"
                                + " customer number, then advance every state to asOf)",
                        "1",
                        timing(results, w3, "stepEachEvent"),
                        eventCount,
                        STEP_GOAL_PER_SECOND),
                Row.compare(
                        "3 LifecycleStep alone against the floor of any state kept per customer in an array",
                        "1 / 1",
                        timing(results, w3, "stepEachEvent"),
                        "the same events: per event read the state, compare ids, copy its "
                                + TrackerBenchmark.FLOOR_STATE_BYTES
                                + " bytes with one changed, store a new state; no fold, no rules",
                        timing(results, w3, "stateFloor"),
                        Row.EXTRA),
                Row.atMostTimes(
                        String.format(
                                Locale.ROOT,
                                "3 tracker, %,d events of one customer (accept each event, then advanceTo)",
                                OneCustomerLog.EVENTS),
                        "1 / 1",
                        timing(results, w3, "oneCustomerHistory"),
                        String.format(Locale.ROOT, "the same %,d events, one customer each", OneCustomerLog.EVENTS),
                        timing(results, w3, "oneEventCustomers"),
                        2.0));
    }

    /**
     * Workload 7's speed rows: per state backend, the Flink job at parallelism 1 and 2 against the tracker on as many
     * threads; then the job of one event.
     */
    private List<Row> flinkRows(Map<String, Result<?>> results, String w7) {
        List<Row> rows = new ArrayList<>();
        for (String backend : List.of(FlinkJob.HEAP, FlinkJob.ROCKSDB)) {
            for (int parallelism = 1; parallelism <= FlinkJob.SLOTS; parallelism++) {
                rows.add(Row.compareRates(
                        String.format(
                                Locale.ROOT,
                                "7 Flink job over %,d events, keyed operator at parallelism %d, %s state, to the end"
                                        + " of the input (no checkpoints)",
                                flinkEventCount,
                                parallelism,
                                backendName(backend)),
                        parallelism + " (+1 source) / " + parallelism,
                        timing(results, w7, "flinkJob" + flinkParams(backend, parallelism)),
                        parallelism == 1
                                ? "in-process LifecycleTracker, 1 thread: accept each event, then advanceTo past every"
                                        + " lapse"
                                : "in-process LifecycleTracker, shards(2), 2 threads each accepting the events of its"
                                        + " shard, then advanceTo past every lapse",
                        timing(results, w7, parallelism == 1 ? "trackerOneThread" : "trackerTwoThreads"),
                        flinkEventCount));
            }
        }
        for (String backend : List.of(FlinkJob.HEAP, FlinkJob.ROCKSDB)) {
            for (int parallelism = 1; parallelism <= FlinkJob.SLOTS; parallelism++) {
                rows.add(Row.absolute(
                        String.format(
                                Locale.ROOT,
                                "7 Flink job of the log's first event alone, parallelism %d, %s state: what a job"
                                        + " costs besides its events",
                                parallelism,
                                backendName(backend)),
                        parallelism + " (+1 source)",
                        timing(results, w7, "flinkJobOfOneEvent" + flinkParams(backend, parallelism))
                                .toString(),
                        Row.EXTRA_TEXT,
                        ""));
            }
        }
        return rows;
    }

    /** The key suffix of a result of {@link FlinkBenchmark.Cluster}'s parameters ({@link #resultKey}). */
    private static String flinkParams(String backend, int parallelism) {
        return ":backend=" + backend + ",parallelism=" + parallelism;
    }

    /**
     * Workload 8's rows: the two fits against the goal of well under a second, and scoring every customer against
     * classifying as many (workload 1's table on one thread, run here if workload 1 was not).
     */
    private List<Row> clvRows(List<String> jvmArgs, Map<String, Result<?>> results) throws RunnerException {
        String w8 = ClvBenchmark.class.getName();
        // A fit takes a fraction of a second: two warmup iterations, four measured, as workload 1's.
        results.putAll(jmh(jvmArgs, w8 + "\\..*", 2, 4));
        Timing classify = classifyTableOneThread(jvmArgs, results);
        String what = String.format(Locale.ROOT, "8 CLV, %,d customers drawn from BG/NBD and Gamma-Gamma", customers);
        List<Row> rows = new ArrayList<>();
        Map<String, String> fits = new LinkedHashMap<>();
        fits.put("fitBgNbd", "BgNbd.fit on a table already grouped into distinct triples");
        fits.put("firstFitBgNbd", "BgNbd.fit on a table's first use (grouping included)");
        fits.put("fitGammaGamma", "GammaGamma.fit");
        fits.forEach((fit, label) -> {
            Timing time = timing(results, w8, fit);
            rows.add(Row.absolute(
                    what + ": " + label,
                    "1",
                    time.toString(),
                    "< " + CLV_FIT_GOAL_MS + " ms",
                    time.printedScore() < CLV_FIT_GOAL_MS ? "pass" : "miss"));
        });
        rows.add(Row.compare(
                what + ": Predictions, P(alive) and expected purchases of every customer (table grouped)",
                "1 / 1",
                timing(results, w8, "score"),
                "classify as many profiles (workload 1, classifyAll)",
                classify,
                0.5));
        return rows;
    }

    /**
     * Workload 9's rows: RFM segments of every customer against classifying as many (workload 1's table on one thread,
     * run here if workload 1 was not). The goal is on scoring and segmenting, from values already folded, as
     * classification's timing starts from a profile table already folded; the fold of the values from the profile
     * table is reported beside it.
     */
    private List<Row> rfmRows(List<String> jvmArgs, Map<String, Result<?>> results) throws RunnerException {
        String w9 = RfmBenchmark.class.getName();
        results.putAll(jmh(jvmArgs, w9 + "\\..*", 2, 4));
        Timing classify = classifyTableOneThread(jvmArgs, results);
        String what = String.format(Locale.ROOT, "9 RFM, %,d customers' profiles", customers);
        return List.of(
                Row.compare(
                        what + ": scoring and segmenting RfmValues already folded: quintiles by rank, ten segments,"
                                + " segment table",
                        "1 / 1",
                        timing(results, w9, "fromValues"),
                        "classify as many profiles (workload 1, classifyAll)",
                        classify,
                        0.5),
                Row.compare(
                        what + ": the same with the values folded from the ProfileTable first",
                        "1 / 1",
                        timing(results, w9, "fromProfiles"),
                        "classify as many profiles (workload 1, classifyAll)",
                        classify,
                        Row.EXTRA));
    }

    /** Workload 1's classification of the profile table on one thread, the yardstick of workloads 8 and 9: run here if
     * workload 1 did not run it. */
    private Timing classifyTableOneThread(List<String> jvmArgs, Map<String, Result<?>> results) throws RunnerException {
        String w1 = ClassifyBenchmark.class.getName();
        if (!results.containsKey(w1 + ".libraryTableOneThread")) {
            results.putAll(jmh(jvmArgs, w1 + "\\.libraryTableOneThread$", 2, 4));
        }
        return timing(results, w1, "libraryTableOneThread");
    }

    /** Workload 6's rows. */
    private static List<Row> csvRows(String what, Map<String, Result<?>> results, String w6) {
        return List.of(Row.compare(
                what + ": EventFileReader.readBatch, then classifyAllParallel",
                "2 / 2",
                timing(results, w6, "library"),
                DUCKDB + " (read_csv)",
                timing(results, w6, "duckDb"),
                1.5));
    }

    private static Executor daemon(String name) {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    private static Path cacheDirectory() {
        return Path.of("target", "benchmark-data");
    }

    private Map<String, Result<?>> jmh(List<String> jvmArgs, String include, int warmups, int measurements)
            throws RunnerException {
        return jmh(jvmArgs, include, warmups, measurements, Map.of());
    }

    /**
     * Runs the benchmarks matching {@code include}, each in one fork, with the given parameters of their states set to
     * one value each (the others take every value the benchmark declares); returns the results by {@link
     * #resultKey}.
     */
    private Map<String, Result<?>> jmh(
            List<String> jvmArgs, String include, int warmups, int measurements, Map<String, String> params)
            throws RunnerException {
        OptionsBuilder options = new OptionsBuilder();
        for (Map.Entry<String, String> param : params.entrySet()) {
            options.param(param.getKey(), param.getValue());
        }
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
            results.put(resultKey(result.getParams()), result.getPrimaryResult());
        }
        return results;
    }

    /**
     * The key of a result: the benchmark's name, and for a benchmark with parameters a colon and its parameters in
     * name order, {@code name=value} separated by commas ({@code ...FlinkBenchmark.flinkJob:backend=hashmap,
     * parallelism=1}).
     */
    static String resultKey(BenchmarkParams params) {
        StringBuilder key = new StringBuilder(params.getBenchmark());
        String separator = ":";
        for (String name : new TreeSet<>(params.getParamsKeys())) {
            key.append(separator).append(name).append('=').append(params.getParam(name));
            separator = ",";
        }
        return key.toString();
    }

    private static Timing timing(Map<String, Result<?>> results, String benchmark, String method) {
        Result<?> result = results.get(benchmark + "." + method);
        if (result == null) {
            throw new IllegalStateException("benchmark " + benchmark + "." + method + " has no result");
        }
        return new Timing(result.getScore(), result.getScoreError(), result.getScoreUnit());
    }

    /**
     * Runs {@link TrackerHeap} for every built-in template, and for five-stage in the two-thread ingestion's sharded
     * tracker, in one fresh JVM; returns bytes per customer by template (and shards when more than one).
     */
    private Map<String, Double> retainedBytesPerCustomer() throws IOException, InterruptedException {
        List<String> trackers = new ArrayList<>(Templates.names());
        // The two-thread ingestion's tracker too, in case its shards cost memory of their own.
        trackers.add(Templates.fiveStage().name() + ":" + TrackerBenchmark.Feeders.SHARDS);
        List<String> arguments = new ArrayList<>(List.of(Integer.toString(customers), Long.toString(seed)));
        arguments.addAll(trackers);
        Map<String, Double> perCustomer = new LinkedHashMap<>();
        for (String line : freshJvm(
                "measuring the retained heap of a tracker per built-in template",
                List.of("-Xmx8g"),
                TrackerHeap.class,
                arguments)) {
            Matcher m = HEAP_LINE.matcher(line);
            if (m.matches()) {
                String shards = m.group(2);
                perCustomer.put(
                        m.group(1) + (shards.equals("1") ? "" : ", shards(" + shards + ")"),
                        Double.parseDouble(m.group(6)));
            }
        }
        if (perCustomer.size() != trackers.size()) {
            throw new IllegalStateException("the heap measurement measured only " + perCustomer.keySet());
        }
        return perCustomer;
    }

    /**
     * Runs {@link FlinkStateSize} for both state backends in one fresh JVM on workload 7's log; returns a row per
     * backend: the keyed operator's bytes per customer in a full checkpoint after the log.
     */
    private List<Row> flinkStateRows() throws IOException, InterruptedException {
        @Nullable String holds = null;
        List<Row> rows = new ArrayList<>();
        for (String line : freshJvm(
                "measuring the Flink job's checkpointed state per state backend",
                List.of("-Xmx4g", QUIET_FLINK),
                FlinkStateSize.class,
                List.of(Integer.toString(flinkCustomers), Long.toString(seed), FlinkJob.HEAP, FlinkJob.ROCKSDB))) {
            Matcher contents = STATE_CONTENTS_LINE.matcher(line);
            if (contents.matches()) {
                holds = String.format(
                        Locale.ROOT,
                        "customer states %,d, waiting events %,d, remembered event ids %,d, timers %,d",
                        Long.parseLong(contents.group(1)),
                        Long.parseLong(contents.group(4)),
                        Long.parseLong(contents.group(5)),
                        Long.parseLong(contents.group(7)));
            }
            Matcher m = STATE_LINE.matcher(line);
            if (m.matches()) {
                if (holds == null) {
                    throw new IllegalStateException("the state measurement printed no contents before " + line);
                }
                rows.add(Row.absolute(
                        String.format(
                                Locale.ROOT,
                                "7 Flink keyed state after the log, full checkpoint, %s state (%s)",
                                backendName(m.group(1)),
                                holds),
                        "1",
                        String.format(
                                Locale.ROOT,
                                "%.0f bytes per customer (%,d bytes for %,d customers; the checkpoint %,d bytes on"
                                        + " disk)",
                                Double.parseDouble(m.group(7)),
                                Long.parseLong(m.group(4)),
                                Long.parseLong(m.group(2)),
                                Long.parseLong(m.group(6))),
                        Row.EXTRA_TEXT,
                        ""));
            }
        }
        if (rows.size() != 2) {
            throw new IllegalStateException("the state measurement measured " + rows.size() + " backends, not 2");
        }
        return rows;
    }

    private static String backendName(String backend) {
        return backend.equals(FlinkJob.ROCKSDB) ? "RocksDB (rocksdb)" : "heap (" + backend + ")";
    }

    /**
     * Runs a main class of the suite's class path in a fresh JVM with the given options and arguments, printing its
     * output as it comes; returns its lines.
     *
     * @throws IllegalStateException if it ends with a status other than 0
     */
    private List<String> freshJvm(String what, List<String> options, Class<?> main, List<String> arguments)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(options);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(arguments);
        console.println(what + " in a fresh JVM...");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> output = new ArrayList<>();
        try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                console.println("  " + line);
                output.add(line);
            }
        }
        int status = process.waitFor();
        if (status != 0) {
            throw new IllegalStateException(what + " failed with status " + status);
        }
        return output;
    }

    private String markdown(List<Row> rows, String machine, String dataLine, Instant started) {
        StringBuilder md = new StringBuilder();
        if (quick) {
            md.append("**--quick run: one short iteration each; these numbers are not results.**\n\n");
        }
        md.append("Machine: ").append(machine).append("\n\n");
        md.append("Data: ").append(dataLine).append("\n\n");
        md.append("| workload | threads (library / peer) | library | peer | peer result | peer time / library time"
                + " | goal | |\n");
        md.append("|---|---|---:|---|---:|---:|---:|---|\n");
        for (Row row : rows) {
            md.append("| ")
                    .append(String.join(
                            " | ",
                            row.workload,
                            row.threads,
                            row.library,
                            row.peerName,
                            row.peer,
                            row.ratio,
                            row.goal.replace("|", "\\|"),
                            row.verdict))
                    .append(" |\n");
        }
        md.append("\nTimes are JMH averages per operation (one pass over all the data) with their 99.9% error"
                        + " margin where JMH gives one (three or more measured iterations), printed to at least three"
                        + " significant digits; \"peer time / library time\" is computed from the printed times and is"
                        + " how many times faster the library is; \"miss by\" is the goal over that ratio, how many times"
                        + " faster the library still has to get. Rows marked \"" + Row.THREADS_DIFFER_TEXT
                        + "\" compare"
                        + " forms on different thread counts and are not judged; \"" + Row.EXTRA_TEXT + "\" rows are"
                        + " other forms of the library, for comparison. A goal \"<= Nx peer time\" is a ceiling on"
                        + " the library's time over the peer's; a peer \"recorded ..., not this run\" is a figure from"
                        + " an earlier run of the default data, its ratio this run's rate over the recorded one,"
                        + " judged only on the default data.")
                .append(
                        workloads.contains(7)
                                ? " In workload 7 the \"library\" is lifecycle-flink's job on a Flink mini cluster"
                                        + " and the \"peer\" the in-process tracker over the same events: a ratio below"
                                        + " 1x is how much of the tracker's speed the job reaches; \"+1 source\" is the"
                                        + " job's source, a thread of its own."
                                : "")
                .append(" Suite wall time: ")
                .append(Duration.between(started, Instant.now()).toSeconds())
                .append(" s.\n");
        return md.toString();
    }

    /** One JMH score with its error and unit, printed to at least three significant digits. */
    record Timing(double score, double error, String unit) {
        /** {@return the digits after the decimal point that give the score at least three significant digits} */
        private int decimals() {
            double magnitude = Math.abs(score);
            if (magnitude >= 10) {
                return 1;
            }
            if (magnitude >= 1) {
                return 2;
            }
            return magnitude >= 0.1 ? 3 : 4;
        }

        /**
         * Returns how many times per second the operation counted would run at the printed score.
         *
         * @param count what one operation counts, such as its events
         * @throws IllegalStateException if the unit is not milliseconds per operation
         */
        double perSecond(long count) {
            if (!unit.equals("ms/op")) {
                throw new IllegalStateException("a rate needs a time in ms/op but the unit is " + unit);
            }
            return count / (printedScore() / 1000.0);
        }

        /** {@return the score as printed, so that ratios are computed from the printed figures} */
        double printedScore() {
            return new BigDecimal(score)
                    .setScale(decimals(), RoundingMode.HALF_EVEN)
                    .doubleValue();
        }

        @Override
        public String toString() {
            String number = "%,." + decimals() + "f";
            return Double.isNaN(error)
                    ? String.format(Locale.ROOT, number + " %s", score, unit)
                    : String.format(Locale.ROOT, number + " ± " + number + " %s", score, error, unit);
        }
    }

    /** A row of the table. */
    record Row(
            String workload,
            String threads,
            String library,
            String peerName,
            String peer,
            String ratio,
            String goal,
            String verdict) {
        /** No goal: another form of the library on the same threads as the peer, for comparison. */
        static final double EXTRA = -1;

        /** No goal: the library and the peer run on different numbers of threads. */
        static final double THREADS_DIFFER = -2;

        static final String EXTRA_TEXT = "extra, no goal";
        static final String THREADS_DIFFER_TEXT = "extra, threads differ, not judged";

        /**
         * The library against a peer; {@code goal} is the least ratio wanted, NaN for none, {@link #EXTRA} or {@link
         * #THREADS_DIFFER} for an extra row. The ratio and the verdict are computed from the printed times.
         */
        static Row compare(String workload, String threads, Timing library, String peerName, Timing peer, double goal) {
            if (goal == EXTRA || goal == THREADS_DIFFER) {
                return judged(
                        workload,
                        threads,
                        library,
                        peerName,
                        peer,
                        Double.NaN,
                        goal == EXTRA ? EXTRA_TEXT : THREADS_DIFFER_TEXT);
            }
            return judged(workload, threads, library, peerName, peer, goal, Double.isNaN(goal) ? "" : atLeast(goal));
        }

        /** The library against a peer with a goal for their ratio (NaN for no verdict) and its text. */
        private static Row judged(
                String workload,
                String threads,
                Timing library,
                String peerName,
                Timing peer,
                double leastRatio,
                String goalText) {
            double ratio = peer.printedScore() / library.printedScore();
            return new Row(
                    workload,
                    threads,
                    library.toString(),
                    peerName,
                    peer.toString(),
                    ratioText(ratio),
                    goalText,
                    Double.isNaN(leastRatio) ? "" : verdict(ratio, leastRatio));
        }

        /**
         * The library's time against a peer's as a ceiling: the library should take at most {@code maxTimes} the
         * peer's time. The ratio column is the peer's time over the library's, as in every row; the verdict's
         * shortfall is the library's time over {@code maxTimes} the peer's.
         */
        static Row atMostTimes(
                String workload, String threads, Timing library, String peerName, Timing peer, double maxTimes) {
            String goal =
                    "<= " + BigDecimal.valueOf(maxTimes).stripTrailingZeros().toPlainString() + "x peer time";
            return judged(workload, threads, library, peerName, peer, 1 / maxTimes, goal);
        }

        /**
         * The library's events per second against a figure recorded in an earlier run, not in this one, named in the
         * peer column: the ratio is this run's rate over the recorded rate (the recorded time over this run's, for the
         * same events); {@code goal} is the least ratio wanted, NaN for none (data other than the recorded run's).
         */
        static Row againstRecorded(
                String workload,
                String threads,
                Timing library,
                long events,
                String recordedName,
                double recordedPerSecond,
                double goal) {
            double perSecond = library.perSecond(events);
            double ratio = perSecond / recordedPerSecond;
            return new Row(
                    workload,
                    threads,
                    rateText(library, perSecond),
                    recordedName,
                    String.format(Locale.ROOT, "%,.0f events/s", recordedPerSecond),
                    ratioText(ratio),
                    Double.isNaN(goal) ? "" : atLeast(goal),
                    Double.isNaN(goal) ? "" : verdict(ratio, goal));
        }

        /**
         * The library against a peer over the same {@code events} events, both times printed with their events per
         * second; an extra row, no goal. The ratio is, as in every row, the peer's time over the library's.
         */
        static Row compareRates(
                String workload, String threads, Timing library, String peerName, Timing peer, long events) {
            Row row = compare(workload, threads, library, peerName, peer, EXTRA);
            return new Row(
                    workload,
                    threads,
                    rateText(library, library.perSecond(events)),
                    peerName,
                    rateText(peer, peer.perSecond(events)),
                    row.ratio,
                    row.goal,
                    row.verdict);
        }

        /** The library's events per second with a goal for the rate itself, NaN for none. */
        static Row eventsPerSecond(String workload, String threads, Timing library, long events, double goal) {
            double perSecond = library.perSecond(events);
            return absolute(
                    workload,
                    threads,
                    rateText(library, perSecond),
                    Double.isNaN(goal) ? "" : String.format(Locale.ROOT, ">= %,.0f events/s", goal),
                    Double.isNaN(goal) ? "" : verdict(perSecond / goal, 1));
        }

        private static String rateText(Timing library, double perSecond) {
            return library + String.format(Locale.ROOT, " = %,.0f events/s", perSecond);
        }

        /**
         * A ratio as printed: two decimals, or two significant digits below 0.1 (so that the Flink job's 0.0042x does
         * not print as 0.00x).
         */
        static String ratioText(double ratio) {
            if (ratio >= 0.1 || ratio <= 0 || !Double.isFinite(ratio)) {
                return String.format(Locale.ROOT, "%.2fx", ratio);
            }
            return new BigDecimal(ratio).round(new MathContext(2)).toPlainString() + "x";
        }

        private static String atLeast(double goal) {
            return ">= " + BigDecimal.valueOf(goal).stripTrailingZeros().toPlainString() + "x";
        }

        /** Pass when {@code ratio} reaches {@code goal}, otherwise the factor still missing. */
        private static String verdict(double ratio, double goal) {
            return ratio >= goal ? "pass" : String.format(Locale.ROOT, "miss by %.2fx", goal / ratio);
        }

        /** A figure of the library alone. */
        static Row absolute(String workload, String threads, String library, String goal, String verdict) {
            return new Row(workload, threads, library, "", "", "", goal, verdict);
        }
    }
}
