package dev.lifecycle.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lifecycle.core.CustomerEvent;
import dev.lifecycle.core.LifecycleTemplate;
import dev.lifecycle.core.StageTransition;
import dev.lifecycle.core.Templates;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Exactly once on Flink's mini cluster: a job over 1,000,000 events of 100,000 customers, checkpointed, with a failure
 * injected once mid-stream and recovered from the last checkpoint, emits exactly the transitions of an uninterrupted
 * in-process tracker over the same events (the same per customer, in the same order), none lost and none twice. Generic
 * types are disabled, so the job would fail if any of its types fell back to Kryo.
 */
final class ExactlyOnceTest {
    private static final int EVENTS = 1_000_000;
    private static final int CUSTOMERS = 100_000;
    /** The events are 30 seconds apart, so that the log spans about a year and the lapse period is crossed. */
    private static final GeneratedLog LOG = new GeneratedLog(CUSTOMERS, 30);
    /** Far enough for every lapse the log leads to. */
    private static final Instant END = Instant.parse("2030-01-01T00:00:00Z");

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());

    /** Whether the injected failure has happened: once per JVM. */
    private static final AtomicBoolean FAILED = new AtomicBoolean();

    @Test
    void failureAndRecovery_giveTheTransitionsOfAnUninterruptedTracker() throws Exception {
        LifecycleTemplate template = Templates.fiveStage();
        Configuration configuration = new Configuration();
        configuration.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        configuration.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
        configuration.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(100));
        // no Kryo anywhere: a type without a serializer of its own fails the job instead of falling back
        configuration.set(PipelineOptions.GENERIC_TYPES, false);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(configuration);
        env.setParallelism(2);
        env.enableCheckpointing(250);

        DataGeneratorSource<CustomerEvent> source = new DataGeneratorSource<>(LOG, EVENTS, LifecycleTypes.EVENTS);
        List<StageTransition> emitted = new ArrayList<>();
        CloseableIterator<StageTransition> transitions = env.fromSource(
                        source,
                        WatermarkStrategy.<CustomerEvent>forMonotonousTimestamps()
                                .withTimestampAssigner(
                                        (event, previous) -> event.timestamp().toEpochMilli()),
                        "log")
                .setParallelism(1)
                .map(new FailOnce(EVENTS * 6L / 10))
                .returns(LifecycleTypes.EVENTS)
                .setParallelism(1)
                .keyBy(CustomerEvent::customerId, Types.STRING)
                .process(LifecycleFunction.of(template), LifecycleTypes.TRANSITIONS)
                .executeAndCollect("exactly once");
        try {
            transitions.forEachRemaining(emitted::add);
        } finally {
            transitions.close();
        }

        assertTrue(FAILED.get(), "the failure was injected");
        Map<String, List<StageTransition>> expected = LOG.trackerTransitions(template, EVENTS, END);
        assertTrue(expected.size() > CUSTOMERS / 2, "customers with transitions: " + expected.size());
        assertEquals(expected, byCustomer(emitted));
    }

    private static Map<String, List<StageTransition>> byCustomer(List<StageTransition> transitions) {
        return transitions.stream()
                .collect(Collectors.groupingBy(StageTransition::customerId, TreeMap::new, Collectors.toList()));
    }

    /** Passes events through, and fails once, the first time it meets event {@code at}. */
    private static final class FailOnce implements MapFunction<CustomerEvent, CustomerEvent> {
        private static final long serialVersionUID = 1L;
        private final String eventId;

        FailOnce(long at) {
            this.eventId = "e" + at;
        }

        @Override
        public CustomerEvent map(CustomerEvent event) {
            if (event.eventId().equals(eventId) && FAILED.compareAndSet(false, true)) {
                throw new IllegalStateException("injected failure at event " + eventId);
            }
            return event;
        }
    }
}
