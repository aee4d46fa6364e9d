package dev.lifecycle.core;

import static dev.lifecycle.core.TrackerGenerators.byCustomer;
import static dev.lifecycle.core.TrackerGenerators.displaced;
import static dev.lifecycle.core.TrackerGenerators.endOf;
import static dev.lifecycle.core.TrackerGenerators.inApplyOrder;
import static dev.lifecycle.core.TrackerGenerators.instant;
import static dev.lifecycle.core.TrackerGenerators.nanos;
import static dev.lifecycle.core.TrackerGenerators.play;
import static dev.lifecycle.core.TrackerGenerators.withAdvances;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;

import dev.lifecycle.core.TrackerGenerators.Op;
import dev.lifecycle.core.TrackerGenerators.Outcomes;
import dev.lifecycle.core.TrackerGenerators.Recorder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A tracker's stage flow between two instants is what its listeners heard: every move in {@code (from, to]} is a
 * {@link StageTransition} a listener received with its instant in that interval (first sights, from the events, in the
 * {@code (none)} row); where each customer was at the two instants is what those transitions replayed up to each
 * instant give, and for the built-in templates what classifying the events up to each instant gives, also when
 * customers' histories end before {@code to} and time-based rules have to be applied; and the two matrices reconcile.
 */
final class StageFlowProperties {
    private static final long DAY_NANOS = 86_400L * 1_000_000_000L;

    /**
     * Any template, events displaced within the lateness with a tenth redelivered, 0 to 3 advances and a final advance
     * past every event, so every move up to the end has been announced: the moves and the customers' matrix equal
     * brute-force counts from the transitions the listener received, and reconcile.
     */
    @Test
    void flow_anyTemplate_isWhatTheListenerHeard() {
        qt().withExamples(600)
                .forAll(TrackerGenerators.scenarios(TrackerGenerators.anyTemplates()))
                .checkAssert(s -> {
                    Random random = new Random(s.seed());
                    Recorder recorder = new Recorder();
                    LifecycleTracker tracker = LifecycleTracker.builder(s.template())
                            .allowedLateness(s.lateness())
                            .listener(recorder)
                            .build();
                    List<Op> ops =
                            withAdvances(displaced(s.events(), s.lateness(), random, 10), random, random.nextInt(4));
                    Outcomes outcomes = play(tracker, ops);
                    Instant end = endOf(ops, random, 400);
                    tracker.advanceTo(end);
                    List<CustomerEvent> sorted = inApplyOrder(s.events());
                    Instant to = pick(random, sorted, nanos(Generators.BASE), nanos(end));
                    Instant from = pick(random, sorted, nanos(Generators.BASE) - 10 * DAY_NANOS, nanos(to) - 1);
                    StageFlow flow = tracker.flow(from, to);
                    Expected expected =
                            fromTransitions(s.template(), outcomes.acceptedEvents(), recorder.all(), from, to);
                    assertFlow(expected, flow, from, to);
                });
    }

    /**
     * Built-in templates, events displaced within the lateness and no advance, so customers without recent events
     * have histories that end before {@code to} (a lapse due by then is not in them yet); {@code to} lies before the
     * watermark, so every event up to it has been applied. The customers' matrix equals {@link
     * MoveMatrix#between(CustomerStages, CustomerStages)} of the events classified up to {@code from} and up to {@code
     * to}; the moves equal the transitions a second tracker announced when given the events up to {@code to} and
     * advanced to it; and the two reconcile.
     */
    @Test
    void flow_builtInTemplates_historiesEndingBeforeTo_equalClassificationsAndAnAdvancedTracker() {
        qt().withExamples(600)
                .forAll(TrackerGenerators.scenarios(Generators.builtInTemplates()))
                .checkAssert(s -> {
                    Random random = new Random(s.seed());
                    LifecycleTracker tracker = LifecycleTracker.builder(s.template())
                            .allowedLateness(s.lateness())
                            .build();
                    List<CustomerEvent> sorted = inApplyOrder(s.events());
                    play(tracker, displaced(sorted, s.lateness(), random, 10));
                    Optional<Instant> time = tracker.time();
                    Optional<Instant> watermark = tracker.watermark();
                    if (time.isEmpty() || watermark.isEmpty()) {
                        return;
                    }
                    long last = Math.min(nanos(time.get()), nanos(watermark.get()) - 1);
                    long first = nanos(sorted.get(0).timestamp()) - 10 * DAY_NANOS;
                    if (last <= first) {
                        return;
                    }
                    Instant to = pick(random, sorted, first + 1, last);
                    Instant from = pick(random, sorted, first, nanos(to) - 1);
                    StageFlow flow = tracker.flow(from, to);

                    List<CustomerEvent> upToTo = sorted.stream()
                            .filter(e -> !e.timestamp().isAfter(to))
                            .toList();
                    Recorder recorder = new Recorder();
                    LifecycleTracker advanced = LifecycleTracker.builder(s.template())
                            .listener(recorder)
                            .build();
                    upToTo.forEach(advanced::accept);
                    advanced.advanceTo(to);
                    Expected expected = fromTransitions(s.template(), upToTo, recorder.all(), from, to);
                    assertFlow(expected, flow, from, to);

                    LifecycleClassifier classifier = LifecycleClassifier.of(s.template());
                    assertEquals(
                            MoveMatrix.between(
                                    classifyUpTo(classifier, upToTo, from), classifyUpTo(classifier, upToTo, to)),
                            flow.customers(),
                            "the flow of the classifications at " + from + " and " + to);
                });
    }

    /** The counts a flow must have, made from the events and announced transitions alone. */
    private static final class Expected {
        final List<String> labels;
        final long[][] customers;
        final long[][] moves;

        Expected(List<String> labels, long[][] customers, long[][] moves) {
            this.labels = labels;
            this.customers = customers;
            this.moves = moves;
        }
    }

    /**
     * Counts by brute force: a customer is first seen at their earliest event, in the entry stage; each announced
     * transition is a move at its instant; a customer's stage at an instant is the entry stage moved along every
     * transition up to it.
     */
    private static Expected fromTransitions(
            LifecycleTemplate template,
            List<CustomerEvent> events,
            List<StageTransition> transitions,
            Instant from,
            Instant to) {
        List<String> labels = new ArrayList<>();
        template.stages().forEach(stage -> labels.add(stage.id()));
        labels.add(MoveMatrix.NONE);
        int none = labels.size() - 1;
        long[][] customers = new long[labels.size()][labels.size()];
        long[][] moves = new long[labels.size()][labels.size()];
        for (Map.Entry<String, List<CustomerEvent>> customer :
                byCustomer(events).entrySet()) {
            Instant firstSeen = customer.getValue().stream()
                    .map(CustomerEvent::timestamp)
                    .min(Instant::compareTo)
                    .orElseThrow();
            if (firstSeen.isAfter(to)) {
                continue;
            }
            int entry = labels.indexOf(template.entryStage().id());
            if (firstSeen.isAfter(from)) {
                moves[none][entry]++;
            }
            int atFrom = firstSeen.isAfter(from) ? none : entry;
            int atTo = entry;
            for (StageTransition t : transitions) {
                if (!t.customerId().equals(customer.getKey()) || t.at().isAfter(to)) {
                    continue;
                }
                int left = labels.indexOf(t.fromStageId());
                int entered = labels.indexOf(t.toStageId());
                assertEquals(labels.get(atTo), t.fromStageId(), "transitions chain: " + t);
                atTo = entered;
                if (t.at().isAfter(from)) {
                    moves[left][entered]++;
                } else {
                    atFrom = entered;
                }
            }
            customers[atFrom][atTo]++;
        }
        return new Expected(List.copyOf(labels), customers, moves);
    }

    private static void assertFlow(Expected expected, StageFlow flow, Instant from, Instant to) {
        assertEquals(from, flow.from());
        assertEquals(to, flow.to());
        for (MoveMatrix m : List.of(flow.customers(), flow.moves())) {
            assertEquals(expected.labels, m.rows());
            assertEquals(expected.labels, m.columns());
        }
        int size = expected.labels.size();
        for (int r = 0; r < size; r++) {
            for (int c = 0; c < size; c++) {
                String cell =
                        expected.labels.get(r) + " -> " + expected.labels.get(c) + " in (" + from + ", " + to + "]";
                assertEquals(expected.moves[r][c], flow.moves().count(r, c), "moves " + cell);
                assertEquals(expected.customers[r][c], flow.customers().count(r, c), "customers " + cell);
            }
        }
        // the reconciliation: a stage's change of customers is the moves into it minus the moves out of it
        for (int s = 0; s < size - 1; s++) {
            long change = flow.customers().columnTotal(s) - flow.customers().rowTotal(s);
            long net = flow.moves().columnTotal(s) - flow.moves().rowTotal(s);
            assertEquals(change, net, "stage " + expected.labels.get(s) + ": change of customers, moves in - out");
            assertEquals(0, flow.moves().count(s, s), "no move from a stage to itself");
        }
        assertEquals(0, flow.customers().columnTotal(size - 1), "tracked customers never leave");
        assertEquals(flow.customers().rowTotal(size - 1), flow.moves().rowTotal(size - 1), "first sights");
    }

    private static CustomerStages classifyUpTo(LifecycleClassifier classifier, List<CustomerEvent> events, Instant at) {
        EventBatch.Builder batch = EventBatch.builder();
        events.stream().filter(e -> !e.timestamp().isAfter(at)).forEach(batch::add);
        return classifier.classifyEach(batch.build(), at);
    }

    /** An instant in {@code [lo, hi]} nanoseconds: half the time an event's timestamp there, if any, to hit the edges. */
    private static Instant pick(Random random, List<CustomerEvent> sorted, long lo, long hi) {
        if (random.nextBoolean()) {
            List<Instant> inside = sorted.stream()
                    .map(CustomerEvent::timestamp)
                    .filter(t -> nanos(t) >= lo && nanos(t) <= hi)
                    .toList();
            if (!inside.isEmpty()) {
                return inside.get(random.nextInt(inside.size()));
            }
        }
        return instant(lo + (long) (random.nextDouble() * (hi - lo)));
    }
}
