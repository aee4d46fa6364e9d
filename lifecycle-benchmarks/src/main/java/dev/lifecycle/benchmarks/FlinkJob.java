package dev.lifecycle.benchmarks;

import static java.util.Objects.requireNonNull;

import dev.lifecycle.core.CustomerEvent;
import dev.lifecycle.core.StageTransition;
import dev.lifecycle.core.Templates;
import dev.lifecycle.flink.LifecycleFunction;
import dev.lifecycle.flink.LifecycleTypes;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.core.execution.CheckpointType;
import org.apache.flink.runtime.checkpoint.AbstractCheckpointStats;
import org.apache.flink.runtime.checkpoint.CheckpointStatsSnapshot;
import org.apache.flink.runtime.checkpoint.CompletedCheckpointStats;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.jobgraph.JobVertex;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.jspecify.annotations.Nullable;

/**
 * Workload 7's Flink job, on a mini cluster started once in this JVM (one task manager of {@value #SLOTS} slots, the
 * rest Flink's defaults, random ports). The job: a {@link DataGeneratorSource} at parallelism 1 whose generator
 * function returns event {@code i} of the log loaded with {@link #start} (the events in the order they happened, so
 * the source emits them in time order), watermarks {@code forMonotonousTimestamps} on the events' instants, {@code
 * keyBy} customer id, {@link LifecycleFunction} of the five-stage template at parallelism {@code p}, and sinks chained
 * to it that add every transition, and every event of its late and rejected side outputs, to a {@link
 * TransitionTally}. Generic types are off ({@link PipelineOptions#GENERIC_TYPES}), so no record travels through Kryo;
 * the state backend is {@value #HEAP} or {@value #ROCKSDB} ({@link StateBackendOptions#STATE_BACKEND}), the job's own
 * setting. Not thread-safe: one job at a time per JVM (the source and the sinks find the log and the tally through
 * static fields, which the mini cluster's tasks, in this JVM, read).
 */
final class FlinkJob implements AutoCloseable {
    /** Flink's heap state backend. */
    static final String HEAP = "hashmap";
    /** Flink's RocksDB state backend. */
    static final String ROCKSDB = "rocksdb";
    /** The task manager's slots: enough for a job at parallelism 2 (its source shares a slot). */
    static final int SLOTS = 2;
    /** The keyed operator's name, which names its job vertex. */
    private static final String OPERATOR = "lifecycle";
    /** How long the state job waits after the last event before its checkpoint: many watermark intervals. */
    private static final Duration SETTLE = Duration.ofSeconds(1);

    /** The events the source emits by index: the loaded log. */
    private static volatile CustomerEvent[] log = new CustomerEvent[0];
    /** Where the running job's sinks count. */
    private static volatile @Nullable TransitionTally tally;
    /** How many events the state job's source has generated. */
    private static final AtomicLong generated = new AtomicLong();

    private final MiniCluster cluster;

    private FlinkJob(MiniCluster cluster) {
        this.cluster = cluster;
    }

    /**
     * Starts a mini cluster for jobs over the given events.
     *
     * @param events the log, in the order the events happened
     * @return the started cluster
     * @throws Exception if the cluster does not start
     */
    static FlinkJob start(List<CustomerEvent> events) throws Exception {
        log = events.toArray(CustomerEvent[]::new);
        MiniCluster cluster = new MiniCluster(new MiniClusterConfiguration.Builder()
                .setNumTaskManagers(1)
                .setNumSlotsPerTaskManager(SLOTS)
                .withRandomPorts()
                .build());
        cluster.start();
        return new FlinkJob(cluster);
    }

    /** {@return how many events a job reads} */
    int eventCount() {
        return log.length;
    }

    /**
     * Runs the job over the first {@code events} events of the log to its end (the source ends, the watermark goes to
     * the end of time and every timer fires) and returns what its sinks counted.
     *
     * @param parallelism the keyed operator's parallelism
     * @param backend {@value #HEAP} or {@value #ROCKSDB}
     * @param events how many events of the log, from its first, at most all
     * @return the transitions, and the events not applied
     * @throws IllegalArgumentException if {@code events} is not between 1 and the log's events
     * @throws Exception if the job fails
     */
    TransitionTally run(int parallelism, String backend, int events) throws Exception {
        if (events < 1 || events > log.length) {
            throw new IllegalArgumentException(
                    "events must be between 1 and the log's " + log.length + " but was " + events);
        }
        TransitionTally counts = new TransitionTally(Templates.fiveStage());
        tally = counts;
        try {
            JobGraph job = graph(
                    parallelism,
                    backend,
                    new DataGeneratorSource<>(new LogEvents(false), events, LifecycleTypes.EVENTS),
                    new Configuration());
            cluster.submitJob(job).get();
            cluster.requestJobResult(job.getJobID()).get().toJobExecutionResult(FlinkJob.class.getClassLoader());
            return counts;
        } finally {
            tally = null;
        }
    }

    /**
     * What a full checkpoint of the keyed operator's state holds after the whole log, at parallelism 1: the job's
     * source emits every event of the log and then waits ({@link RateLimiterStrategy#perCheckpoint}, no periodic
     * checkpoints); once it has, and {@link #SETTLE} later (so that the watermark of the last event has followed it),
     * a full checkpoint is triggered into {@code directory} (filesystem checkpoint storage; for RocksDB not
     * incremental), its sizes are read, and the job is cancelled.
     *
     * @param backend {@value #HEAP} or {@value #ROCKSDB}
     * @param directory where the checkpoint is written
     * @return the sizes
     * @throws Exception if the job fails or the checkpoint does not complete
     */
    CheckpointSize checkpoint(String backend, Path directory) throws Exception {
        Configuration configuration = new Configuration();
        configuration.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
        configuration.set(
                CheckpointingOptions.CHECKPOINTS_DIRECTORY, directory.toUri().toString());
        configuration.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, false);
        configuration.set(ExecutionOptions.SNAPSHOT_COMPRESSION, false);
        int events = log.length;
        generated.set(0);
        tally = new TransitionTally(Templates.fiveStage());
        // one event more than the log, so that the source waits for a checkpoint after the log instead of ending
        JobGraph job = graph(
                1,
                backend,
                new DataGeneratorSource<>(
                        new LogEvents(true),
                        events + 1L,
                        RateLimiterStrategy.perCheckpoint(events),
                        LifecycleTypes.EVENTS),
                configuration);
        JobID id = job.getJobID();
        cluster.submitJob(job).get();
        CheckpointSize size;
        try {
            while (generated.get() < events) {
                if (cluster.getJobStatus(id).get().isTerminalState()) {
                    cluster.requestJobResult(id).get().toJobExecutionResult(FlinkJob.class.getClassLoader());
                    throw new IllegalStateException("the job ended before its source emitted the log");
                }
                TimeUnit.MILLISECONDS.sleep(10);
            }
            TimeUnit.MILLISECONDS.sleep(SETTLE.toMillis());
            long checkpoint = cluster.triggerCheckpoint(id, CheckpointType.FULL).get();
            CompletedCheckpointStats stats = completed(id, checkpoint);
            long operatorBytes = stats.getTaskStateStats(keyedVertex(job)).getStateSize();
            size = new CheckpointSize(
                    backend,
                    events,
                    operatorBytes,
                    stats.getStateSize(),
                    bytesUnder(Path.of(URI.create(stats.getExternalPath()))));
        } finally {
            if (!cluster.getJobStatus(id).get().isTerminalState()) {
                cluster.cancelJob(id).get();
            }
            tally = null;
        }
        JobStatus status = cluster.requestJobResult(id).get().getJobStatus().orElse(JobStatus.CANCELED);
        if (status != JobStatus.CANCELED) {
            throw new IllegalStateException("the state job ended " + status + ", not cancelled");
        }
        return size;
    }

    /**
     * The sizes of a full checkpoint.
     *
     * @param backend the state backend
     * @param events the events of the log, all consumed before the checkpoint
     * @param operatorBytes the keyed operator's state as Flink's checkpoint statistics report it
     * @param checkpointBytes the whole checkpoint's state as Flink's statistics report it (the source's too)
     * @param diskBytes the bytes of the checkpoint's directory on disk, its metadata file included
     */
    record CheckpointSize(String backend, long events, long operatorBytes, long checkpointBytes, long diskBytes) {}

    /** Waits for the statistics of a completed checkpoint. */
    private CompletedCheckpointStats completed(JobID id, long checkpoint) throws Exception {
        for (int attempt = 0; attempt < 500; attempt++) {
            CheckpointStatsSnapshot snapshot =
                    cluster.getExecutionGraph(id).get().getCheckpointStatsSnapshot();
            if (snapshot != null) {
                AbstractCheckpointStats stats = snapshot.getHistory().getCheckpointById(checkpoint);
                if (stats instanceof CompletedCheckpointStats done) {
                    return done;
                }
            }
            TimeUnit.MILLISECONDS.sleep(10);
        }
        throw new IllegalStateException("checkpoint " + checkpoint + " has no statistics of its completion");
    }

    private static org.apache.flink.runtime.jobgraph.JobVertexID keyedVertex(JobGraph job) {
        for (JobVertex vertex : job.getVertices()) {
            if (vertex.getName().startsWith(OPERATOR)) {
                return vertex.getID();
            }
        }
        throw new IllegalStateException("the job has no vertex named '" + OPERATOR + "'");
    }

    private static long bytesUnder(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile)
                    .mapToLong(file -> {
                        try {
                            return Files.size(file);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    })
                    .sum();
        }
    }

    /** The job graph: the source, {@code keyBy} customer id, the function, the sinks. */
    private static JobGraph graph(
            int parallelism, String backend, DataGeneratorSource<CustomerEvent> source, Configuration configuration) {
        // no Kryo anywhere: a type without a serializer of its own fails the job instead of falling back
        configuration.set(PipelineOptions.GENERIC_TYPES, false);
        configuration.set(StateBackendOptions.STATE_BACKEND, backend);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(configuration);
        env.setParallelism(parallelism);
        DataStream<CustomerEvent> events = env.fromSource(
                        source,
                        WatermarkStrategy.<CustomerEvent>forMonotonousTimestamps()
                                .withTimestampAssigner(
                                        (event, previous) -> event.timestamp().toEpochMilli()),
                        "event log")
                .setParallelism(1);
        SingleOutputStreamOperator<StageTransition> transitions = events.keyBy(CustomerEvent::customerId, Types.STRING)
                .process(LifecycleFunction.of(Templates.fiveStage()), LifecycleTypes.TRANSITIONS)
                .name(OPERATOR);
        transitions.sinkTo(new TallySink<>(TransitionTally::onTransition)).name("transitions");
        transitions
                .getSideOutput(LifecycleFunction.LATE)
                .union(transitions.getSideOutput(LifecycleFunction.REJECTED))
                .sinkTo(new TallySink<CustomerEvent>((counts, event) -> counts.notApplied(1)))
                .name("not applied");
        return env.getStreamGraph().getJobGraph();
    }

    /**
     * Stops the cluster.
     *
     * @throws IllegalStateException if it fails to stop or this thread is interrupted meanwhile
     */
    @Override
    public void close() {
        try {
            cluster.closeAsync().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping the cluster", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the cluster failed to stop", e.getCause());
        }
    }

    /** The generator function: event {@code i} of the loaded log. */
    private static final class LogEvents implements GeneratorFunction<Long, CustomerEvent> {
        private static final long serialVersionUID = 1L;

        /** Whether to count the events generated, for the state job. */
        private final boolean counted;

        private transient CustomerEvent @Nullable [] events;

        LogEvents(boolean counted) {
            this.counted = counted;
        }

        @Override
        public void open(SourceReaderContext context) {
            events = log;
        }

        @Override
        public CustomerEvent map(Long index) {
            CustomerEvent[] all = requireNonNull(events, "the generator has not been opened");
            if (counted) {
                generated.incrementAndGet();
            }
            // modulo the log's length for the state job's one event past the log, which it never reaches
            return all[(int) (index % all.length)];
        }
    }

    /** Adds each record to the running job's tally. */
    @FunctionalInterface
    private interface Feed<T> extends Serializable {
        void add(TransitionTally tally, T record);
    }

    /** A sink that adds each record to the running job's tally. */
    private static final class TallySink<T> implements Sink<T> {
        private static final long serialVersionUID = 1L;

        private final Feed<T> feed;

        TallySink(Feed<T> feed) {
            this.feed = feed;
        }

        @Override
        public SinkWriter<T> createWriter(WriterInitContext context) {
            TransitionTally into = requireNonNull(tally, "no job is running");
            return new SinkWriter<>() {
                @Override
                public void write(T record, Context writeContext) {
                    feed.add(into, record);
                }

                @Override
                public void flush(boolean endOfInput) {}

                @Override
                public void close() {}
            };
        }
    }
}
