package dev.lifecycle.flink;

import static java.util.Objects.requireNonNull;

import dev.lifecycle.core.CustomerEvent;
import dev.lifecycle.core.LifecycleTemplate;
import dev.lifecycle.core.Stage;
import dev.lifecycle.core.StageTransition;
import dev.lifecycle.core.Templates;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.serialization.SimpleStringEncoder;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.connector.file.sink.FileSink;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.jspecify.annotations.Nullable;

/**
 * A runnable job: reads an event file (CDNOW or CSV, {@link EventFileFormat}) with Flink's file source, tracks every
 * customer through the five-stage template with {@link LifecycleFunction}, writes the transitions as CSV lines
 * ({@code customer,from,to,instant,rule}) under {@code <output>/transitions} with Flink's file sink, and prints the
 * stage distribution as of an instant: each customer seen by then in the stage of their last transition up to it, or
 * in the entry stage. The distribution is computed from the customers' entries and moves, which the job writes under
 * {@code <output>/stages} ({@code customer,instant,0 for the entry or 1 for a move,stage}).
 *
 * <p>Run it on a local mini cluster from the built jar with Flink on the class path (README, "On Apache Flink"):
 * {@code java -cp <jar>:<classpath> dev.lifecycle.flink.EventFileJob <events file> <output directory> [asOf]}.
 */
public final class EventFileJob {
    /** The instant the distribution is printed as of by default: the day after the bundled CDNOW data ends. */
    public static final Instant DEFAULT_AS_OF = Instant.parse("1998-07-01T00:00:00Z");

    private static final int ENTERED = 0;
    private static final int MOVED = 1;

    private EventFileJob() {}

    /**
     * Runs the job on a local environment and prints the distribution to standard output.
     *
     * @param args the event file, the output directory, and optionally the instant of the distribution
     * @throws Exception if the job fails
     */
    public static void main(String[] args) throws Exception {
        if (args.length < 2 || args.length > 3) {
            System.err.println(
                    "usage: EventFileJob <events file> <output directory> [asOf, default " + DEFAULT_AS_OF + "]");
            System.exit(2);
        }
        // with slf4j-simple (the job's class path): Flink's own log at errors, the event file's rejections and counts
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "error");
        System.setProperty("org.slf4j.simpleLogger.log.dev.lifecycle", "info");
        Instant asOf = args.length == 3 ? Instant.parse(args[2]) : DEFAULT_AS_OF;
        run(Path.of(args[0]), Path.of(args[1]), asOf, System.out);
    }

    /**
     * Runs the job and prints the distribution.
     *
     * @return the number of customers per stage id, in template order
     */
    static Map<String, Long> run(Path events, Path output, Instant asOf, PrintStream out) throws Exception {
        LifecycleTemplate template = Templates.fiveStage();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        // the file sinks commit their files at checkpoints; the last one comes when the bounded input ends
        env.enableCheckpointing(2_000);

        FileSource<CustomerEvent> source = FileSource.forRecordStreamFormat(
                        new EventFileFormat(), new org.apache.flink.core.fs.Path(events.toUri()))
                .build();
        DataStream<CustomerEvent> log = env.fromSource(
                source,
                WatermarkStrategy.<CustomerEvent>forMonotonousTimestamps()
                        .withTimestampAssigner(
                                (event, previous) -> event.timestamp().toEpochMilli()),
                "event file");
        DataStream<StageTransition> transitions = log.keyBy(CustomerEvent::customerId, Types.STRING)
                .process(LifecycleFunction.of(template), LifecycleTypes.TRANSITIONS);
        Path transitionFiles = output.resolve("transitions");
        Path stageFiles = output.resolve("stages");
        transitions
                .map(t ->
                        t.customerId() + "," + t.fromStageId() + "," + t.toStageId() + "," + t.at() + "," + t.ruleId())
                .returns(Types.STRING)
                .sinkTo(lines(transitionFiles));
        DataStream<String> entered = log.keyBy(CustomerEvent::customerId, Types.STRING)
                .process(new FirstSeen(template.entryStage().id()), Types.STRING);
        DataStream<String> moved = transitions
                .map(t -> t.customerId() + "," + t.at() + "," + MOVED + "," + t.toStageId())
                .returns(Types.STRING);
        entered.union(moved).sinkTo(lines(stageFiles));
        env.execute("lifecycle tracking of " + events.getFileName());

        Map<String, String[]> last = new HashMap<>();
        for (String line : read(stageFiles)) {
            String[] at = line.split(",", -1);
            if (!Instant.parse(at[1]).isAfter(asOf)) {
                last.merge(at[0], at, EventFileJob::later);
            }
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        for (Stage stage : template.stages()) {
            counts.put(stage.id(), 0L);
        }
        for (String[] at : last.values()) {
            counts.merge(at[3], 1L, Long::sum);
        }
        out.println("stage distribution as of " + asOf + " (" + last.size() + " customers):");
        counts.forEach((stage, count) -> out.println("  " + stage + " " + count));
        out.println("transitions written under " + transitionFiles);
        return counts;
    }

    /** A file sink of text lines under a directory. */
    private static FileSink<String> lines(Path directory) {
        return FileSink.forRowFormat(
                        new org.apache.flink.core.fs.Path(directory.toUri()),
                        new SimpleStringEncoder<String>(StandardCharsets.UTF_8.name()))
                .build();
    }

    /** The lines of every file a sink committed under a directory (in-progress files start with a dot). */
    static List<String> read(Path directory) throws IOException {
        List<String> lines = new ArrayList<>();
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.filter(Files::isRegularFile)
                    .filter(f -> !f.getFileName().toString().startsWith("."))
                    .sorted()
                    .toList()) {
                lines.addAll(Files.readAllLines(file, StandardCharsets.UTF_8));
            }
        }
        return lines;
    }

    /**
     * The later of two stages of a customer: by instant, then a move after the entry at the same instant; between two
     * moves at one instant, the one to the later stage in the walk cannot be told from the line, so the job keeps
     * their order from the files, which hold each customer's moves in the order they were emitted.
     */
    private static String[] later(String[] first, String[] second) {
        int byTime = Instant.parse(first[1]).compareTo(Instant.parse(second[1]));
        if (byTime != 0) {
            return byTime > 0 ? first : second;
        }
        return Integer.parseInt(first[2]) > Integer.parseInt(second[2]) ? first : second;
    }

    /** Emits each customer's entry once, at their first event's instant, as a line of the stages file. */
    private static final class FirstSeen extends KeyedProcessFunction<String, CustomerEvent, String> {
        private static final long serialVersionUID = 1L;

        /** The entry stage's id. */
        private final String entry;

        private transient @Nullable ValueState<Boolean> seen;

        FirstSeen(String entry) {
            this.entry = requireNonNull(entry, "entry");
        }

        @Override
        public void open(OpenContext context) {
            seen = getRuntimeContext().getState(new ValueStateDescriptor<>("seen", Types.BOOLEAN));
        }

        @Override
        public void processElement(CustomerEvent event, Context context, Collector<String> out) throws Exception {
            ValueState<Boolean> state = requireNonNull(seen, "opened");
            if (state.value() == null) {
                state.update(true);
                out.collect(event.customerId() + "," + event.timestamp() + "," + ENTERED + "," + entry);
            }
        }
    }
}
