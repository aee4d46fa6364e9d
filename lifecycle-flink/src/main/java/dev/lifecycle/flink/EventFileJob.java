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
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.serialization.SimpleStringEncoder;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.connector.file.sink.FileSink;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * A runnable job: reads an event file (CDNOW or CSV, {@link EventFileFormat}) with Flink's file source, tracks every
 * customer through the five-stage template with {@link LifecycleFunction}, and with Flink's file sinks writes the
 * transitions as CSV lines ({@code customer,from,to,instant,rule}) under {@code <output>/transitions} and the stage
 * distribution over daily windows ({@link StageDistributionFunction}, lines {@code windowEnd,stage,customers}) under
 * {@code <output>/distribution}; then prints the distribution as of an instant: the one of the last window that ends at
 * or before it.
 *
 * <p>Run it on a local mini cluster from the built jar with Flink on the class path (README, "On Apache Flink"):
 * {@code java -cp <jar>:<classpath> dev.lifecycle.flink.EventFileJob <events file> <output directory> [options]}, the
 * options being {@code --as-of INSTANT} (default {@link #DEFAULT_AS_OF}), {@code --state-backend hashmap|rocksdb}
 * (default hashmap) and {@code --parallelism N} (default 2).
 */
public final class EventFileJob {
    /** The instant the distribution is printed as of by default: the day after the bundled CDNOW data ends. */
    public static final Instant DEFAULT_AS_OF = Instant.parse("1998-07-01T00:00:00Z");

    /** The distribution's windows: days, aligned to the epoch (midnight UTC). */
    public static final Duration WINDOW = Duration.ofDays(1);

    private static final String USAGE = "usage: EventFileJob <events file> <output directory>"
            + " [--as-of INSTANT (default " + DEFAULT_AS_OF + ")] [--state-backend hashmap|rocksdb (default hashmap)]"
            + " [--parallelism N (default 2)]";
    private static final int MAX_PARALLELISM = 128;

    private EventFileJob() {}

    /**
     * How the job runs.
     *
     * @param asOf the instant the distribution is printed as of
     * @param stateBackend Flink's state backend: {@code hashmap} (on the heap) or {@code rocksdb}
     * @param parallelism the tracking's parallelism, 1 to 128
     */
    record Settings(Instant asOf, String stateBackend, int parallelism) {
        /** The defaults: {@link #DEFAULT_AS_OF}, the heap and two tasks. */
        static final Settings DEFAULTS = new Settings(DEFAULT_AS_OF, "hashmap", 2);

        Settings {
            requireNonNull(asOf, "asOf");
            requireNonNull(stateBackend, "stateBackend");
            if (!stateBackend.equals("hashmap") && !stateBackend.equals("rocksdb")) {
                throw new IllegalArgumentException(
                        "--state-backend must be hashmap or rocksdb but was '" + stateBackend + "'");
            }
            if (parallelism < 1 || parallelism > MAX_PARALLELISM) {
                throw new IllegalArgumentException(
                        "--parallelism must be 1 to " + MAX_PARALLELISM + " but was " + parallelism);
            }
        }

        /** The settings the options after the two paths give. */
        static Settings parse(List<String> options) {
            Instant asOf = DEFAULTS.asOf;
            String backend = DEFAULTS.stateBackend;
            int parallelism = DEFAULTS.parallelism;
            for (int i = 0; i < options.size(); i += 2) {
                String option = options.get(i);
                if (i + 1 == options.size()) {
                    throw new IllegalArgumentException(option + " needs a value");
                }
                String value = options.get(i + 1);
                switch (option) {
                    case "--as-of" -> {
                        try {
                            asOf = Instant.parse(value);
                        } catch (DateTimeParseException e) {
                            throw new IllegalArgumentException(
                                    "--as-of must be an instant such as 1998-07-01T00:00:00Z but was '" + value + "'",
                                    e);
                        }
                    }
                    case "--state-backend" -> backend = value;
                    case "--parallelism" -> {
                        try {
                            parallelism = Integer.parseInt(value);
                        } catch (NumberFormatException e) {
                            throw new IllegalArgumentException(
                                    "--parallelism must be a whole number but was '" + value + "'", e);
                        }
                    }
                    default -> throw new IllegalArgumentException("unknown option '" + option + "'");
                }
            }
            return new Settings(asOf, backend, parallelism);
        }
    }

    /**
     * Runs the job on a local environment and prints the distribution to standard output.
     *
     * @param args the event file, the output directory, and the options
     * @throws Exception if the job fails
     */
    public static void main(String[] args) throws Exception {
        Settings settings;
        try {
            if (args.length < 2) {
                throw new IllegalArgumentException("the event file and the output directory are needed");
            }
            settings = Settings.parse(List.of(args).subList(2, args.length));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        // with slf4j-simple (the job's class path): Flink's own log at errors, the event file's rejections and counts
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "error");
        System.setProperty("org.slf4j.simpleLogger.log.dev.lifecycle", "info");
        run(Path.of(args[0]), Path.of(args[1]), settings, System.out);
    }

    /**
     * Runs the job and prints the distribution.
     *
     * @return the number of customers per stage id, in template order
     */
    static Map<String, Long> run(Path events, Path output, Settings settings, PrintStream out) throws Exception {
        LifecycleTemplate template = Templates.fiveStage();
        Configuration configuration = new Configuration();
        configuration.set(StateBackendOptions.STATE_BACKEND, settings.stateBackend());
        // no Kryo anywhere: every type the job ships has a serializer of its own
        configuration.set(PipelineOptions.GENERIC_TYPES, false);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(configuration);
        env.setParallelism(settings.parallelism());
        env.setMaxParallelism(MAX_PARALLELISM);
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
                        "event file")
                .uid("event-file");
        LifecycleFunction function = LifecycleFunction.of(template);
        SingleOutputStreamOperator<StageTransition> transitions = log.keyBy(CustomerEvent::customerId, Types.STRING)
                .process(function, LifecycleTypes.TRANSITIONS)
                .uid("lifecycle")
                .name("lifecycle");
        Path transitionFiles = output.resolve("transitions");
        Path distributionFiles = output.resolve("distribution");
        transitions
                .map(t ->
                        t.customerId() + "," + t.fromStageId() + "," + t.toStageId() + "," + t.at() + "," + t.ruleId())
                .returns(Types.STRING)
                .sinkTo(lines(transitionFiles));
        StageDistributionFunction.over(transitions, function, WINDOW)
                .uid("distribution")
                .map(c -> c.windowEnd() + "," + c.stageId() + "," + c.customers())
                .returns(Types.STRING)
                .setParallelism(1)
                .sinkTo(lines(distributionFiles))
                .setParallelism(1);
        env.execute("lifecycle tracking of " + events.getFileName());

        Map<String, Long> counts = new LinkedHashMap<>();
        for (Stage stage : template.stages()) {
            counts.put(stage.id(), 0L);
        }
        Instant at = null;
        List<String[]> windows = new ArrayList<>();
        for (String line : read(distributionFiles)) {
            String[] fields = line.split(",", -1);
            Instant end = Instant.parse(fields[0]);
            if (!end.isAfter(settings.asOf())) {
                windows.add(fields);
                if (at == null || end.isAfter(at)) {
                    at = end;
                }
            }
        }
        for (String[] fields : windows) {
            if (Instant.parse(fields[0]).equals(at)) {
                counts.put(fields[1], Long.parseLong(fields[2]));
            }
        }
        long customers = counts.values().stream().mapToLong(Long::longValue).sum();
        String window = at == null
                ? ", none entered by then"
                : at.equals(settings.asOf()) ? "" : "; the last window written before it ends at " + at;
        out.println("stage distribution as of " + settings.asOf() + " (" + customers + " customers" + window + "):");
        counts.forEach((stage, count) -> out.println("  " + stage + " " + count));
        out.println("transitions written under " + transitionFiles + ", the distribution per day under "
                + distributionFiles);
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
}
