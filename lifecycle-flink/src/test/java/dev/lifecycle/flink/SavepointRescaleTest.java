package dev.lifecycle.flink;

import static java.util.Objects.requireNonNull;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lifecycle.core.CustomerEvent;
import dev.lifecycle.core.LifecycleTemplate;
import dev.lifecycle.core.StageTransition;
import dev.lifecycle.core.Templates;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rescaling through a real savepoint on Flink's mini cluster: a job tracking at parallelism 2 on RocksDB is stopped
 * with a savepoint (in Flink's canonical format) midway through its log, with events still waiting for the watermark
 * and lapse timers set; the savepoint is restored at parallelism 1 on the heap backend and at parallelism 4 on RocksDB,
 * and each restored job runs the log to its end. The transitions before the savepoint and after each restore are
 * together exactly those of an uninterrupted in-process tracker, per customer and in order.
 */
final class SavepointRescaleTest {
    private static final int CUSTOMERS = 5_000;
    private static final long EVENTS = 60_000;
    /** The events before the savepoint. */
    private static final int FIRST = 30_000;
    /** Ten minutes between events: the log spans about 14 months, past the lapse period. */
    private static final GeneratedLog LOG = new GeneratedLog(CUSTOMERS, 600);

    private static final Instant END = Instant.parse("2030-01-01T00:00:00Z");
    private static final int MAX_PARALLELISM = 128;

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(4)
            .build());

    /** The transitions each run collected, by run. */
    private static final Map<String, Queue<StageTransition>> COLLECTED = new ConcurrentHashMap<>();
    /** The events the source of the first run gave, counted before the tracking. */
    private static final AtomicLong GIVEN = new AtomicLong();

    @Test
    void savepointAtTwo_restoresAtOneAndFour_asAnUninterruptedTracker(@TempDir Path savepoints) throws Exception {
        LifecycleTemplate template = Templates.fiveStage();
        StreamExecutionEnvironment first = environment(2, "rocksdb", null);
        DataGeneratorSource<CustomerEvent> gated =
                new DataGeneratorSource<>(LOG, EVENTS, RateLimiterStrategy.perCheckpoint(FIRST), LifecycleTypes.EVENTS);
        job(first, gated, template, "before");
        JobClient running = first.executeAsync("before the savepoint");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (GIVEN.get() < FIRST) {
            assertTrue(System.nanoTime() < deadline, "the first half was not given in time: " + GIVEN.get());
            Thread.sleep(20);
        }
        String savepoint = running.stopWithSavepoint(
                        false, savepoints.toUri().toString(), SavepointFormatType.CANONICAL)
                .get(60, TimeUnit.SECONDS);
        assertEquals(FIRST, GIVEN.get(), "the source waited for a checkpoint after the first half");

        Map<String, List<StageTransition>> expected = LOG.trackerTransitions(template, EVENTS, END);
        for (Object[] restore : new Object[][] {{1, "hashmap"}, {4, "rocksdb"}}) {
            int parallelism = (Integer) restore[0];
            String backend = (String) restore[1];
            String run = "after at " + parallelism;
            StreamExecutionEnvironment second = environment(parallelism, backend, savepoint);
            job(second, new DataGeneratorSource<>(LOG, EVENTS, LifecycleTypes.EVENTS), template, run);
            second.execute("restored at parallelism " + parallelism);

            List<StageTransition> before = new ArrayList<>(COLLECTED.get("before"));
            List<StageTransition> after = new ArrayList<>(COLLECTED.get(run));
            assertTrue(before.size() > 1_000 && after.size() > 1_000, before.size() + " and " + after.size());
            List<StageTransition> all = new ArrayList<>(before);
            all.addAll(after);
            assertEquals(expected, LifecycleFunctionTest.byCustomer(all), run + " on " + backend);
        }
    }

    private static StreamExecutionEnvironment environment(
            int parallelism, String stateBackend, @Nullable String savepoint) {
        Configuration configuration = new Configuration();
        configuration.set(StateBackendOptions.STATE_BACKEND, stateBackend);
        configuration.set(PipelineOptions.GENERIC_TYPES, false);
        if (savepoint != null) {
            configuration.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint);
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(configuration);
        env.setParallelism(parallelism);
        env.setMaxParallelism(MAX_PARALLELISM);
        return env;
    }

    /** The log's source (one task), the tracking at the environment's parallelism, and a sink that collects. */
    private static void job(
            StreamExecutionEnvironment env,
            DataGeneratorSource<CustomerEvent> source,
            LifecycleTemplate template,
            String run) {
        COLLECTED.put(run, new ConcurrentLinkedQueue<>());
        env.fromSource(
                        source,
                        WatermarkStrategy.<CustomerEvent>forMonotonousTimestamps()
                                .withTimestampAssigner(
                                        (event, previous) -> event.timestamp().toEpochMilli()),
                        "log")
                .uid("log")
                .setParallelism(1)
                .map(event -> {
                    GIVEN.incrementAndGet();
                    return event;
                })
                .returns(LifecycleTypes.EVENTS)
                .uid("count")
                .setParallelism(1)
                .keyBy(CustomerEvent::customerId, Types.STRING)
                .process(LifecycleFunction.of(template), LifecycleTypes.TRANSITIONS)
                .uid("lifecycle")
                .sinkTo(new Collect(run))
                .uid("collect");
    }

    /** Collects a run's transitions in this JVM (the mini cluster's). */
    private static final class Collect implements Sink<StageTransition> {
        private static final long serialVersionUID = 1L;
        private final String run;

        Collect(String run) {
            this.run = run;
        }

        @Override
        public SinkWriter<StageTransition> createWriter(WriterInitContext context) {
            Queue<StageTransition> into =
                    requireNonNull(COLLECTED.get(run), "the run's queue is put before the job runs");
            return new SinkWriter<>() {
                @Override
                public void write(StageTransition transition, Context context) {
                    into.add(transition);
                }

                @Override
                public void flush(boolean endOfInput) {}

                @Override
                public void close() {}
            };
        }
    }
}
