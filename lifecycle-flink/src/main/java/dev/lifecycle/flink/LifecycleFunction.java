package dev.lifecycle.flink;

import static java.util.Objects.requireNonNull;

import dev.lifecycle.core.CustomerEvent;
import dev.lifecycle.core.CustomerState;
import dev.lifecycle.core.LifecycleStep;
import dev.lifecycle.core.LifecycleTemplate;
import dev.lifecycle.core.StageTransition;
import dev.lifecycle.core.StepResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.jspecify.annotations.Nullable;

/**
 * The tracker on Flink: for a stream keyed by customer id, applies the template's {@link LifecycleStep} to each
 * customer's events in event time and emits the {@link StageTransition}s, with the customer's {@link CustomerState} in
 * Flink's keyed state.
 *
 * <ul>
 *   <li><b>Event time decides.</b> An event waits in keyed state until the watermark passes its millisecond; then the
 *       customer's waiting events up to it are applied in timestamp order, ties by event id, as the in-process tracker
 *       applies them. An event at or behind the watermark when it arrives is late: it goes to the {@link #LATE} side
 *       output and is counted ({@code lateEvents}), never dropped silently.
 *   <li><b>Time alone moves customers.</b> After each step an event-time timer is set at the step's next change (the
 *       next lapse or nurture), rounded up to the timer granularity: one per customer, the earlier one deleted. When
 *       it fires the customer is advanced, and a lapse carries the exact instant its condition became true.
 *   <li><b>Duplicates</b>: a second event with an id the customer already had within the duplicate horizon (by event
 *       time) is counted ({@code duplicateEvents}) and not applied; ids are forgotten once the watermark is a horizon
 *       past them.
 *   <li><b>Rejected</b>: an event the step refuses (an amount in another currency than the customer's earlier ones)
 *       goes to the {@link #REJECTED} side output and is counted ({@code rejectedEvents}).
 * </ul>
 *
 * <p>Each new customer's first applied event also goes to the {@link #ENTERED} side output, so that {@link
 * StageDistributionFunction} can count the customers per stage over time windows.
 *
 * <p>Everything it keeps is Flink state and everything it reports is an output record, so a checkpoint and its
 * recovery give exactly-once transitions. The states' serializer carries the template, so that a restore under an
 * incompatible template is refused ({@link CustomerStateSerializerSnapshot}).
 */
public final class LifecycleFunction extends KeyedProcessFunction<String, CustomerEvent, StageTransition> {
    private static final long serialVersionUID = 1L;

    /** Events at or behind the watermark when they arrived. */
    public static final OutputTag<CustomerEvent> LATE = new OutputTag<>("late-events", LifecycleTypes.EVENTS);

    /** Events the step refused, such as an amount in another currency than the customer's earlier amounts. */
    public static final OutputTag<CustomerEvent> REJECTED = new OutputTag<>("rejected-events", LifecycleTypes.EVENTS);

    /**
     * The first event applied to each new customer: at its instant the customer entered the template's entry stage
     * (moves from there are transitions). With the transitions, it gives the stage distribution over time ({@link
     * StageDistributionFunction}).
     */
    public static final OutputTag<CustomerEvent> ENTERED = new OutputTag<>("entered", LifecycleTypes.EVENTS);

    /** The default timer granularity: one second. */
    public static final Duration DEFAULT_TIMER_GRANULARITY = Duration.ofSeconds(1);

    /** The default duplicate horizon: one day of event time. */
    public static final Duration DEFAULT_DUPLICATE_HORIZON = Duration.ofDays(1);

    private static final long NANOS_PER_MILLI = 1_000_000L;

    /** The template the customers follow. */
    private final TemplateSource template;
    /** Timers are set at multiples of it, in milliseconds. */
    private final long granularityMillis;
    /** How long, in milliseconds of event time, an event id is remembered. */
    private final long horizonMillis;

    private transient @Nullable ValueState<CustomerState> state;
    private transient @Nullable ListState<CustomerEvent> waiting;
    private transient @Nullable MapState<String, Long> seen;
    /**
     * The earliest and the latest event time of the ids in {@link #seen}, so that a timer looks at the ids only when one
     * is due to be forgotten or when the change timer it moves might be one of their forget timers (each look at the
     * ids is a scan, an iterator seek on RocksDB).
     */
    private transient @Nullable ValueState<Long> firstSeen;

    private transient @Nullable ValueState<Long> lastSeen;
    private transient @Nullable ValueState<Long> changeTimer;
    private transient @Nullable Counter late;
    private transient @Nullable Counter duplicates;
    private transient @Nullable Counter rejected;

    private LifecycleFunction(TemplateSource template, long granularityMillis, long horizonMillis) {
        this.template = template;
        this.granularityMillis = granularityMillis;
        this.horizonMillis = horizonMillis;
    }

    /**
     * The function of a template, with the default timer granularity and duplicate horizon.
     *
     * @param template the lifecycle the customers follow
     * @return the function
     * @throws IllegalArgumentException if a rule's condition has no data form (a custom condition)
     */
    public static LifecycleFunction of(LifecycleTemplate template) {
        return of(template, DEFAULT_TIMER_GRANULARITY, DEFAULT_DUPLICATE_HORIZON);
    }

    /**
     * The function of a template.
     *
     * @param template the lifecycle the customers follow
     * @param timerGranularity timers are set at multiples of it (coarser means fewer distinct timers; a lapse still
     *     carries its exact instant); at least a millisecond
     * @param duplicateHorizon how long, in event time, an event id is remembered to drop a second event with it; zero
     *     or more
     * @return the function
     * @throws IllegalArgumentException if a rule's condition has no data form, the granularity is below a millisecond
     *     or the horizon negative
     */
    public static LifecycleFunction of(
            LifecycleTemplate template, Duration timerGranularity, Duration duplicateHorizon) {
        requireNonNull(timerGranularity, "timerGranularity");
        requireNonNull(duplicateHorizon, "duplicateHorizon");
        if (timerGranularity.toMillis() < 1) {
            throw new IllegalArgumentException("timerGranularity must be at least 1 ms but was " + timerGranularity);
        }
        if (duplicateHorizon.isNegative()) {
            throw new IllegalArgumentException("duplicateHorizon must not be negative but was " + duplicateHorizon);
        }
        return new LifecycleFunction(
                TemplateSource.of(template), timerGranularity.toMillis(), duplicateHorizon.toMillis());
    }

    /** {@return the step this function applies} */
    public LifecycleStep step() {
        return template.step();
    }

    /** {@return the timer granularity in milliseconds: a lapse is emitted at most this much event time late} */
    long granularityMillis() {
        return granularityMillis;
    }

    @Override
    public void open(OpenContext context) {
        state = getRuntimeContext()
                .getState(new ValueStateDescriptor<>("customer", new CustomerStateSerializer(template)));
        waiting = getRuntimeContext().getListState(new ListStateDescriptor<>("waiting", LifecycleTypes.EVENTS));
        seen = getRuntimeContext().getMapState(new MapStateDescriptor<>("seen", Types.STRING, Types.LONG));
        firstSeen = getRuntimeContext().getState(new ValueStateDescriptor<>("first-seen", Types.LONG));
        lastSeen = getRuntimeContext().getState(new ValueStateDescriptor<>("last-seen", Types.LONG));
        changeTimer = getRuntimeContext().getState(new ValueStateDescriptor<>("change-timer", Types.LONG));
        late = getRuntimeContext().getMetricGroup().counter("lateEvents");
        duplicates = getRuntimeContext().getMetricGroup().counter("duplicateEvents");
        rejected = getRuntimeContext().getMetricGroup().counter("rejectedEvents");
    }

    @Override
    public void processElement(CustomerEvent event, Context context, Collector<StageTransition> out) throws Exception {
        long millis = millis(event.timestamp());
        if (millis <= context.timerService().currentWatermark()) {
            context.output(LATE, event);
            opened(late).inc();
            return;
        }
        MapState<String, Long> ids = opened(seen);
        if (ids.contains(event.eventId())) {
            opened(duplicates).inc();
            return;
        }
        ids.put(event.eventId(), millis);
        opened(waiting).add(event);
        context.timerService().registerEventTimeTimer(millis);
        if (horizonMillis > 0) {
            context.timerService().registerEventTimeTimer(forgetTimer(millis));
            Long first = opened(firstSeen).value();
            Long last = opened(lastSeen).value();
            if (first == null || millis < first) {
                opened(firstSeen).update(millis);
            }
            if (last == null || millis > last) {
                opened(lastSeen).update(millis);
            }
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext context, Collector<StageTransition> out) throws Exception {
        LifecycleStep step = template.step();
        ValueState<CustomerState> customer = opened(state);
        CustomerState current = customer.value();
        List<CustomerEvent> due = new ArrayList<>();
        List<CustomerEvent> later = new ArrayList<>();
        Iterable<CustomerEvent> all = opened(waiting).get();
        if (all != null) {
            for (CustomerEvent event : all) {
                (millis(event.timestamp()) <= timestamp ? due : later).add(event);
            }
        }
        due.sort(LifecycleStep.EVENT_ORDER);
        @Nullable StepResult last = null;
        for (CustomerEvent event : due) {
            try {
                last = step.apply(current, event);
            } catch (IllegalArgumentException e) {
                context.output(REJECTED, event);
                opened(rejected).inc();
                continue;
            }
            if (current == null) {
                context.output(ENTERED, event);
            }
            current = emit(last, out);
        }
        if (!due.isEmpty()) {
            opened(waiting).update(later);
        }
        Long timer = opened(changeTimer).value();
        if (current != null && (last != null || (timer != null && timer <= timestamp))) {
            // the watermark has passed every instant of this millisecond: no event can still come before its end
            Instant end = Instant.ofEpochMilli(timestamp).plusNanos(NANOS_PER_MILLI - 1);
            if (end.isAfter(current.time())) {
                last = step.advance(current, end);
                current = emit(last, out);
            }
            customer.update(current);
            if (last != null) {
                setChangeTimer(last.nextChange().orElse(null), later, context);
            }
        }
        forget(timestamp);
    }

    /** Emits a step's transitions and returns its state. */
    private static CustomerState emit(StepResult result, Collector<StageTransition> out) {
        for (StageTransition transition : result.transitions()) {
            out.collect(transition);
        }
        return result.state();
    }

    /**
     * Sets the customer's one timer of time-based change at {@code next}, rounded up to the granularity, deleting the
     * one set before unless a waiting event needs a timer at the same millisecond.
     */
    private void setChangeTimer(@Nullable Instant next, List<CustomerEvent> waitingEvents, OnTimerContext context)
            throws Exception {
        ValueState<Long> timer = opened(changeTimer);
        Long previous = timer.value();
        long at = next == null ? Long.MIN_VALUE : changeTimer(next);
        if (previous != null && previous != at && !neededElsewhere(previous, waitingEvents)) {
            context.timerService().deleteEventTimeTimer(previous);
        }
        if (next == null) {
            timer.clear();
        } else {
            context.timerService().registerEventTimeTimer(at);
            timer.update(at);
        }
    }

    /**
     * Whether a timer also serves a waiting event or the forgetting of an event id (timers of one key and instant are
     * one timer in Flink, so deleting the change timer would delete theirs).
     */
    private boolean neededElsewhere(long timer, List<CustomerEvent> waitingEvents) throws Exception {
        for (CustomerEvent event : waitingEvents) {
            if (millis(event.timestamp()) == timer) {
                return true;
            }
        }
        if (horizonMillis > 0) {
            Long first = opened(firstSeen).value();
            Long last = opened(lastSeen).value();
            if (first == null || last == null || timer < forgetTimer(first) || timer > forgetTimer(last)) {
                return false;
            }
            for (Long seenAt : opened(seen).values()) {
                if (forgetTimer(seenAt) == timer) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The event time of the timer this function sets for a customer's next time-based change: the change's instant
     * rounded up to the millisecond, then to the timer granularity.
     *
     * @param next the instant of the change
     * @return the timer's event time in milliseconds
     */
    public long changeTimer(Instant next) {
        return ceil(ceilMillis(next));
    }

    /**
     * The event time of the timer this function sets to forget the id of an event: a duplicate horizon after the
     * event's millisecond, rounded up to the timer granularity.
     *
     * @param millis the event's millisecond
     * @return the timer's event time in milliseconds
     */
    public long forgetTimer(long millis) {
        return ceil(Math.addExact(millis, horizonMillis));
    }

    /**
     * Forgets the event ids a horizon or more behind {@code watermark}; looks at the ids only when the earliest is due,
     * and then records the earliest and the latest of those kept.
     */
    private void forget(long watermark) throws Exception {
        Long first = opened(firstSeen).value();
        if (first == null || first > watermark - horizonMillis) {
            return;
        }
        Long earliest = null;
        Long latest = null;
        Iterator<Map.Entry<String, Long>> ids = opened(seen).iterator();
        while (ids.hasNext()) {
            long seenAt = ids.next().getValue();
            if (seenAt <= watermark - horizonMillis) {
                ids.remove();
            } else {
                earliest = earliest == null ? seenAt : Math.min(earliest, seenAt);
                latest = latest == null ? seenAt : Math.max(latest, seenAt);
            }
        }
        if (earliest == null || latest == null) {
            opened(firstSeen).clear();
            opened(lastSeen).clear();
        } else {
            opened(firstSeen).update(earliest);
            opened(lastSeen).update(latest);
        }
    }

    /** The millisecond of an instant, as Flink's event time counts it (the floor). */
    static long millis(Instant instant) {
        return instant.toEpochMilli();
    }

    @SuppressWarnings("JavaInstantGetSecondsGetNano") // the nanosecond of the second tells a part of a millisecond
    private static long ceilMillis(Instant instant) {
        long floor = instant.toEpochMilli();
        return instant.getNano() % NANOS_PER_MILLI == 0 ? floor : floor + 1;
    }

    /** Rounds a millisecond up to the timer granularity. */
    private long ceil(long millis) {
        return Math.floorDiv(millis + granularityMillis - 1, granularityMillis) * granularityMillis;
    }

    private static <T> T opened(@Nullable T stateOrMetric) {
        return requireNonNull(stateOrMetric, "the function has not been opened");
    }
}
