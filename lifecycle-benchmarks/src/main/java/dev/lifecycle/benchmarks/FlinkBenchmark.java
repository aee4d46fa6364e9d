package dev.lifecycle.benchmarks;

import dev.lifecycle.core.CustomerEvent;
import dev.lifecycle.core.LifecycleTracker;
import dev.lifecycle.core.Templates;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Workload 7: {@link dev.lifecycle.flink.LifecycleFunction} in a Flink job on a mini cluster in the fork ({@link
 * FlinkJob}), next to the in-process {@link LifecycleTracker} over the same events, on the five-stage template. One
 * operation is one pass over the whole log.
 *
 * <p>The Flink job ({@link #flinkJob}, for parallelism 1 and 2 of the keyed operator and the heap and RocksDB state
 * backends): the mini cluster is started in the trial's setup; timed is building the job graph, submitting it,
 * deploying its tasks, the whole run, and its end: when the bounded source ends, the watermark jumps to the end of
 * time, so every customer's pending timers fire and every lapse the log leads to happens. No checkpoints.
 *
 * <p>The tracker does the same work: a new tracker with a listener that tallies every transition, {@code accept} of
 * every event in time order, then {@code advanceTo} {@link #PAST_EVERY_CHANGE}, an instant after every lapse the log
 * can lead to; on one thread ({@link #trackerOneThread}) against the job at parallelism 1, and on two ({@link
 * #trackerTwoThreads}, workload 3's {@link TrackerBenchmark.Feeders}) against parallelism 2. Both sides' transitions
 * go to a {@link TransitionTally}, and every answer, the tally of the transitions and the events not applied, is
 * checked against the suite's (the one-thread tracker's, computed before any fork) after every iteration, the warmup
 * included.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class FlinkBenchmark {
    static final String KEY = "w7";
    /** The key of the answer for the log's first event alone, {@link #flinkJobOfOneEvent}. */
    static final String ONE_EVENT_KEY = "w7one";

    /**
     * An instant after every change of stage the log can lead to without another event: every event lies before
     * {@link SyntheticLog#AS_OF}, and five-stage's only rule that time alone can fire is the lapse, 180 days after the
     * last order (a lapsed customer moves on only with a new order). The answer checks prove it: the Flink job follows
     * every customer's timers to the end, and its transitions must equal the tracker's.
     */
    static final Instant PAST_EVERY_CHANGE = SyntheticLog.AS_OF.plus(Duration.ofDays(365));

    /** The one-thread tracker's answer over the events: the suite's answer for workload 7. */
    static String expected(List<CustomerEvent> events) {
        TransitionTally tally = new TransitionTally(Templates.fiveStage());
        LifecycleTracker tracker = TrackerBenchmark.track(
                events, LifecycleTracker.builder(Templates.fiveStage()).listener(tally), PAST_EVERY_CHANGE);
        return answer(tracker, tally, events.size());
    }

    /** The tracker's tally, after checking that it applied every event. */
    static String answer(LifecycleTracker tracker, TransitionTally tally, long events) {
        TrackerBenchmark.checkAppliedAll(tracker, events);
        return tally.answer();
    }

    /** A mini cluster with the fork's log loaded, and the job's parallelism and state backend. */
    @State(Scope.Benchmark)
    public static class Cluster {
        /** The keyed operator's parallelism. */
        @Param({"1", "2"})
        public int parallelism;

        /** The state backend. */
        @Param({FlinkJob.HEAP, FlinkJob.ROCKSDB})
        public String backend = FlinkJob.HEAP;

        private @Nullable FlinkJob job;

        /**
         * Generates the configured log and starts the cluster.
         *
         * @throws Exception if the cluster does not start
         */
        @Setup(Level.Trial)
        public void setUp() throws Exception {
            job = FlinkJob.start(BenchConfig.log().eventsInTimeOrder());
        }

        String who() {
            return "the Flink job (parallelism " + parallelism + ", " + backend + ")";
        }

        FlinkJob job() {
            FlinkJob started = job;
            if (started == null) {
                throw new IllegalStateException("the cluster is not started");
            }
            return started;
        }

        /** Stops the cluster. */
        @TearDown(Level.Trial)
        public void tearDown() {
            FlinkJob started = job;
            if (started != null) {
                started.close();
            }
        }
    }

    /**
     * The Flink job over the whole log, to its end.
     *
     * @param cluster the cluster, the parallelism and the backend
     * @param last where the answer is left for the check after the iteration
     * @return the tally
     * @throws Exception if the job fails
     */
    @Benchmark
    public TransitionTally flinkJob(Cluster cluster, LastAnswer last) throws Exception {
        FlinkJob job = cluster.job();
        TransitionTally tally = job.run(cluster.parallelism, cluster.backend, job.eventCount());
        last.set(KEY, cluster.who(), tally::answer);
        return tally;
    }

    /**
     * The same job over the log's first event alone: what a job costs besides its events (building the graph,
     * submitting and deploying it, opening the state backend, ending).
     *
     * @param cluster the cluster, the parallelism and the backend
     * @param last where the answer is left for the check after the iteration
     * @return the tally
     * @throws Exception if the job fails
     */
    @Benchmark
    public TransitionTally flinkJobOfOneEvent(Cluster cluster, LastAnswer last) throws Exception {
        TransitionTally tally = cluster.job().run(cluster.parallelism, cluster.backend, 1);
        last.set(ONE_EVENT_KEY, cluster.who(), tally::answer);
        return tally;
    }

    /**
     * One thread: a new one-shard tracker with the tallying listener takes every event with {@code accept}, then
     * {@code advanceTo} {@link #PAST_EVERY_CHANGE}.
     *
     * @param data the events in the order they happened
     * @param last where the answer is left for the check after the iteration
     * @return the tracker
     */
    @Benchmark
    public LifecycleTracker trackerOneThread(EventLog data, LastAnswer last) {
        TransitionTally tally = new TransitionTally(Templates.fiveStage());
        LifecycleTracker tracker = TrackerBenchmark.track(
                data.events, LifecycleTracker.builder(Templates.fiveStage()).listener(tally), PAST_EVERY_CHANGE);
        last.set(KEY, "the tracker", () -> answer(tracker, tally, data.events.size()));
        return tracker;
    }

    /**
     * Two threads: a tracker of {@value TrackerBenchmark.Feeders#SHARDS} shards with the tallying listener; each thread
     * takes the events of its shards with {@code accept}, in time order; once both are done, {@code advanceTo} {@link
     * #PAST_EVERY_CHANGE}.
     *
     * @param data the events partitioned by thread
     * @param last where the answer is left for the check after the iteration
     * @return the tracker
     */
    @Benchmark
    public LifecycleTracker trackerTwoThreads(TrackerBenchmark.Feeders data, LastAnswer last) {
        TransitionTally tally = new TransitionTally(Templates.fiveStage());
        LifecycleTracker tracker =
                data.track(LifecycleTracker.builder(Templates.fiveStage()).listener(tally), PAST_EVERY_CHANGE);
        last.set(KEY, "the tracker on two threads", () -> answer(tracker, tally, data.eventCount));
        return tracker;
    }
}
