package dev.lifecycle.flink;

import static java.util.Objects.requireNonNull;

import dev.lifecycle.core.CustomerEvent;
import dev.lifecycle.core.LifecycleTemplate;
import dev.lifecycle.core.Stage;
import dev.lifecycle.core.StageTransition;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;
import org.jspecify.annotations.Nullable;

/**
 * The stage distribution over event-time windows: from {@link LifecycleFunction}'s transitions and its {@link
 * LifecycleFunction#ENTERED} side output, how many customers are in each stage at the end of every window in which a
 * customer entered or moved. Build it with {@link #over}.
 *
 * <ul>
 *   <li><b>What a line counts.</b> For a window ending at {@code end} (exclusive; windows are aligned to the epoch),
 *       the line of each stage counts the customers whose last entry or move before {@code end} put them there, the
 *       same count as the in-process tracker's distribution just before {@code end}. A window is written once, with a
 *       line for every stage in template order, zeros included; a window in which nobody entered or moved has no
 *       lines, as its distribution is the previous one.
 *   <li><b>When it is written.</b> When the watermark passes the window's end plus the function's timer granularity:
 *       a lapse is emitted at its exact instant but up to one granularity of event time after it, so by then every
 *       entry and move before the end has arrived.
 *   <li><b>A late change</b> (one before a window already written, which a restore under a template with shorter
 *       periods can cause) is counted in the next window to be written, and counted ({@code lateChanges}): never
 *       dropped, so the counts stay the tracker's from that window on.
 *   <li>The counts are global, so the function runs as one task on one key; it sees one record per entry and per
 *       move, far fewer than the events.
 * </ul>
 */
public final class StageDistributionFunction
        extends KeyedCoProcessFunction<Byte, StageTransition, CustomerEvent, StageCount> {
    private static final long serialVersionUID = 1L;

    /** The one key: the counts are of all customers. */
    private static final Byte ALL = 0;

    /** The template's stage ids in template order. */
    private final String[] stageIds;
    /** The entry stage's id. */
    private final String entryStageId;
    /** The windows' length in milliseconds. */
    private final long windowMillis;
    /** How far behind a window's end the watermark must be before it is written: the timer granularity. */
    private final long delayMillis;

    /** Customers per stage at the end of the last window written. */
    private transient @Nullable MapState<String, Long> counts;
    /** Per window end not yet written, the change of customers per stage within the window. */
    private transient @Nullable MapState<Long, Map<String, Long>> pending;
    /** The end of the last window written. */
    private transient @Nullable ValueState<Long> lastWritten;

    private transient @Nullable Counter lateChanges;

    private StageDistributionFunction(String[] stageIds, String entryStageId, long windowMillis, long delayMillis) {
        this.stageIds = stageIds;
        this.entryStageId = entryStageId;
        this.windowMillis = windowMillis;
        this.delayMillis = delayMillis;
    }

    /**
     * The distribution over windows of the customers a function tracks.
     *
     * @param transitions the output of {@code function}, whose {@link LifecycleFunction#ENTERED} side output is read too
     * @param function the function that tracks the customers
     * @param window the windows' length; at least a millisecond
     * @return the lines of every window written, one task (set its uid like any operator's)
     * @throws IllegalArgumentException if the window is shorter than a millisecond
     */
    public static SingleOutputStreamOperator<StageCount> over(
            SingleOutputStreamOperator<StageTransition> transitions, LifecycleFunction function, Duration window) {
        requireNonNull(transitions, "transitions");
        requireNonNull(function, "function");
        requireNonNull(window, "window");
        StageDistributionFunction counting = of(function, window);
        DataStream<CustomerEvent> entered = transitions.getSideOutput(LifecycleFunction.ENTERED);
        return transitions
                .connect(entered)
                .keyBy(transition -> ALL, event -> ALL, Types.BYTE)
                .process(counting, LifecycleTypes.STAGE_COUNTS)
                .setParallelism(1)
                .setMaxParallelism(1)
                .name("stage distribution");
    }

    /** The function counting the customers of {@code function} over windows of {@code window}. */
    static StageDistributionFunction of(LifecycleFunction function, Duration window) {
        if (window.toMillis() < 1) {
            throw new IllegalArgumentException("window must be at least 1 ms but was " + window);
        }
        LifecycleTemplate template = function.step().template();
        return new StageDistributionFunction(
                template.stages().stream().map(Stage::id).toArray(String[]::new),
                template.entryStage().id(),
                window.toMillis(),
                function.granularityMillis());
    }

    /** {@return the key every record is counted under} */
    static Byte key() {
        return ALL;
    }

    @Override
    public void open(OpenContext context) {
        counts = getRuntimeContext().getMapState(new MapStateDescriptor<>("counts", Types.STRING, Types.LONG));
        pending = getRuntimeContext()
                .getMapState(new MapStateDescriptor<>("pending", Types.LONG, Types.MAP(Types.STRING, Types.LONG)));
        lastWritten = getRuntimeContext().getState(new ValueStateDescriptor<>("last-written", Types.LONG));
        lateChanges = getRuntimeContext().getMetricGroup().counter("lateChanges");
    }

    @Override
    public void processElement1(StageTransition transition, Context context, Collector<StageCount> out)
            throws Exception {
        long end = windowEnd(transition.at());
        change(end, transition.fromStageId(), -1, context);
        change(end, transition.toStageId(), 1, context);
    }

    @Override
    public void processElement2(CustomerEvent entry, Context context, Collector<StageCount> out) throws Exception {
        change(windowEnd(entry.timestamp()), entryStageId, 1, context);
    }

    /** Adds a change of customers in a stage to the window ending at {@code end}, or to the next one to be written. */
    private void change(long end, String stageId, long delta, Context context) throws Exception {
        Long written = opened(lastWritten).value();
        long window = end;
        if (written != null && end <= written) {
            window = Math.addExact(written, windowMillis);
            opened(lateChanges).inc();
        }
        MapState<Long, Map<String, Long>> windows = opened(pending);
        Map<String, Long> changes = windows.get(window);
        if (changes == null) {
            changes = new HashMap<>();
            context.timerService().registerEventTimeTimer(Math.addExact(window - 1, delayMillis));
        }
        changes.merge(stageId, delta, Math::addExact);
        windows.put(window, changes);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext context, Collector<StageCount> out) throws Exception {
        MapState<Long, Map<String, Long>> windows = opened(pending);
        TreeSet<Long> due = new TreeSet<>();
        for (Long end : windows.keys()) {
            if (Math.addExact(end - 1, delayMillis) <= timestamp) {
                due.add(end);
            }
        }
        MapState<String, Long> current = opened(counts);
        for (Long end : due) {
            Map<String, Long> changes = requireNonNull(windows.get(end), "pending window");
            for (Map.Entry<String, Long> change : changes.entrySet()) {
                Long before = current.get(change.getKey());
                current.put(change.getKey(), Math.addExact(before == null ? 0 : before, change.getValue()));
            }
            windows.remove(end);
            opened(lastWritten).update(end);
            Instant windowEnd = Instant.ofEpochMilli(end);
            for (String stage : stagesToWrite(current)) {
                Long customers = current.get(stage);
                out.collect(new StageCount(windowEnd, stage, customers == null ? 0 : customers));
            }
        }
    }

    /** The template's stages in order, then any other stage a restored count holds. */
    private List<String> stagesToWrite(MapState<String, Long> current) throws Exception {
        List<String> stages = new ArrayList<>(List.of(stageIds));
        TreeSet<String> others = new TreeSet<>();
        for (String stage : current.keys()) {
            if (!stages.contains(stage)) {
                others.add(stage);
            }
        }
        stages.addAll(others);
        return stages;
    }

    /** The end of the window holding an instant: windows are aligned to the epoch and hold their start. */
    private long windowEnd(Instant instant) {
        long millis = LifecycleFunction.millis(instant);
        return Math.addExact(Math.floorDiv(millis, windowMillis) * windowMillis, windowMillis);
    }

    private static <T> T opened(@Nullable T stateOrMetric) {
        return requireNonNull(stateOrMetric, "the function has not been opened");
    }
}
