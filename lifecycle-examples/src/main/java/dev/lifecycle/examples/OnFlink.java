package dev.lifecycle.examples;

import dev.lifecycle.core.CustomerEvent;
import dev.lifecycle.core.EventType;
import dev.lifecycle.core.Money;
import dev.lifecycle.core.StageTransition;
import dev.lifecycle.core.Templates;
import dev.lifecycle.flink.LifecycleFunction;
import dev.lifecycle.flink.LifecycleTypes;
import dev.lifecycle.flink.StageCount;
import dev.lifecycle.flink.StageDistributionFunction;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;

/**
 * The README's example of {@code lifecycle-flink}: the events of the step example, out of order, through {@link
 * LifecycleFunction} on a local Flink environment, with the stage distribution per day. It has no {@code main}: Flink is {@code provided}, as a Flink job
 * ships without Flink, so the demo jar cannot run it; its test ({@code OnFlinkTest}) does, with Flink on the class
 * path.
 */
public final class OnFlink {
    private OnFlink() {}

    /**
     * Runs the example on a local Flink environment and prints the transitions.
     *
     * @param out where to print
     * @throws Exception if the job fails
     */
    static void run(PrintStream out) throws Exception {
        Instant start = Instant.parse("2026-01-05T09:00:00Z");
        List<CustomerEvent> log = List.of(
                CustomerEvent.of("ada", EventType.PURCHASE, start.plus(Duration.ofDays(30))),
                CustomerEvent.builder("ada", EventType.PURCHASE, start.plus(Duration.ofMinutes(20)))
                        .amount(Money.of("35.00", "EUR"))
                        .build(),
                CustomerEvent.of("ada", EventType.SITE_VISIT, start));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        // flink:begin
        DataStream<CustomerEvent> events = env.fromData(log, LifecycleTypes.EVENTS)
                .assignTimestampsAndWatermarks(
                        WatermarkStrategy.<CustomerEvent>forBoundedOutOfOrderness(Duration.ofDays(31))
                                .withTimestampAssigner(
                                        (event, previous) -> event.timestamp().toEpochMilli()));
        LifecycleFunction function = LifecycleFunction.of(Templates.fiveStage());
        SingleOutputStreamOperator<StageTransition> transitions =
                events.keyBy(CustomerEvent::customerId, Types.STRING).process(function, LifecycleTypes.TRANSITIONS);
        DataStream<CustomerEvent> late = transitions.getSideOutput(LifecycleFunction.LATE);
        DataStream<StageCount> perDay = StageDistributionFunction.over(transitions, function, Duration.ofDays(1));
        // flink:end
        late.print("late");
        CloseableIterator<StageTransition> moves = transitions.collectAsync();
        CloseableIterator<StageCount> days = perDay.collectAsync();
        env.execute("on flink");
        List<StageTransition> all = new ArrayList<>();
        List<StageCount> counts = new ArrayList<>();
        try {
            moves.forEachRemaining(all::add);
            days.forEachRemaining(counts::add);
        } finally {
            moves.close();
            days.close();
        }
        for (StageTransition t : all) {
            out.println(t.at() + " " + t.customerId() + ": " + t.fromStageId() + " -> " + t.toStageId() + " ("
                    + t.ruleId() + ")");
        }
        for (StageCount count : counts) {
            if (count.customers() > 0) {
                out.println("day ending " + count.windowEnd() + ": " + count.stageId() + " " + count.customers());
            }
        }
    }
}
