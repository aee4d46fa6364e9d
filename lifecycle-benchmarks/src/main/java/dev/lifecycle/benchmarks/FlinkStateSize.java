package dev.lifecycle.benchmarks;

import dev.lifecycle.core.CustomerEvent;
import dev.lifecycle.core.CustomerState;
import dev.lifecycle.core.Templates;
import dev.lifecycle.flink.LifecycleFunction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Workload 7, state: the bytes per customer of {@link LifecycleFunction}'s keyed state in a full checkpoint taken
 * after the whole log ({@link FlinkJob#checkpoint}), per state backend. Meant to run in a fresh JVM (the suite starts
 * one): generates the log, starts a mini cluster, and per backend runs the state job, whose checkpoint goes to a
 * temporary directory that is deleted at the end.
 *
 * <p>Prints first what the state should hold at the checkpoint, counted from the log with the library's step: {@code
 * state customers=<n> events=<n> watermark=<instant> waitingEvents=<n> rememberedIds=<n> changeTimers=<n>
 * timers=<n>}. The watermark is the last event's millisecond less one ({@code forMonotonousTimestamps}); waiting
 * events are the events after it, not yet applied; remembered ids are the events whose id the function still keeps
 * against duplicates, those whose forgetting timer (a duplicate horizon after the event, rounded up to the timer
 * granularity) lies after the watermark; change timers are the customers whose stage time alone can still change
 * (a pending lapse); timers counts the distinct (customer, instant) timers of all three kinds. Then one line per
 * backend: {@code backend=<name> customers=<n> events=<n> operatorBytes=<n> checkpointBytes=<n> diskBytes=<n>
 * bytesPerCustomer=<x>}, bytes per customer being the keyed operator's bytes over the customers.
 */
public final class FlinkStateSize {
    private FlinkStateSize() {}

    /**
     * Measures each backend in turn.
     *
     * @param args customers, seed, then one or more state backends ({@value FlinkJob#HEAP}, {@value FlinkJob#ROCKSDB})
     * @throws Exception if a job fails
     */
    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: FlinkStateSize CUSTOMERS SEED BACKEND...");
            System.exit(2);
        }
        int customers = Integer.parseInt(args[0]);
        long seed = Long.parseLong(args[1]);
        List<String> backends = List.of(args).subList(2, args.length);
        for (String backend : backends) {
            if (!backend.equals(FlinkJob.HEAP) && !backend.equals(FlinkJob.ROCKSDB)) {
                throw new IllegalArgumentException("a state backend must be " + FlinkJob.HEAP + " or "
                        + FlinkJob.ROCKSDB + " but was '" + backend + "'");
            }
        }
        SyntheticLog log = SyntheticLog.generate(customers, seed);
        List<CustomerEvent> events = log.eventsInTimeOrder();
        System.out.println(contents(events, log.customerCount()));
        Path root = Files.createTempDirectory("lifecycle-checkpoints");
        try (FlinkJob job = FlinkJob.start(events)) {
            for (String backend : backends) {
                FlinkJob.CheckpointSize size = job.checkpoint(backend, root.resolve(backend));
                System.out.printf(
                        Locale.ROOT,
                        "backend=%s customers=%d events=%d operatorBytes=%d checkpointBytes=%d diskBytes=%d"
                                + " bytesPerCustomer=%.1f%n",
                        size.backend(),
                        log.customerCount(),
                        size.events(),
                        size.operatorBytes(),
                        size.checkpointBytes(),
                        size.diskBytes(),
                        (double) size.operatorBytes() / log.customerCount());
            }
        } finally {
            delete(root);
        }
    }

    /** What the function's state should hold once the watermark of the log's last event has passed. */
    static String contents(List<CustomerEvent> events, int customers) {
        long watermark = events.get(events.size() - 1).timestamp().toEpochMilli() - 1;
        LifecycleFunction function = LifecycleFunction.of(Templates.fiveStage());
        List<CustomerEvent> applied = new ArrayList<>();
        Set<String> timers = new HashSet<>();
        long waiting = 0;
        long remembered = 0;
        for (CustomerEvent event : events) {
            long millis = event.timestamp().toEpochMilli();
            if (millis > watermark) {
                waiting++;
                timers.add(event.customerId() + "@" + millis);
            } else {
                applied.add(event);
            }
            long forget = function.forgetTimer(millis);
            if (forget > watermark) {
                remembered++;
                timers.add(event.customerId() + "@" + forget);
            }
        }
        TrackerBenchmark.Steps steps = new TrackerBenchmark.Steps();
        steps.load(applied);
        Instant end = Instant.ofEpochMilli(watermark).plusNanos(999_999);
        long changeTimers = 0;
        for (CustomerState state : TrackerBenchmark.applyAll(steps)) {
            if (state != null) {
                Optional<Instant> next = steps.step.advance(state, end).nextChange();
                if (next.isPresent()) {
                    changeTimers++;
                    timers.add(state.customerId() + "@" + function.changeTimer(next.get()));
                }
            }
        }
        return String.format(
                Locale.ROOT,
                "state customers=%d events=%d watermark=%s waitingEvents=%d rememberedIds=%d changeTimers=%d"
                        + " timers=%d",
                customers,
                events.size(),
                Instant.ofEpochMilli(watermark),
                waiting,
                remembered,
                changeTimers,
                timers.size());
    }

    private static void delete(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
