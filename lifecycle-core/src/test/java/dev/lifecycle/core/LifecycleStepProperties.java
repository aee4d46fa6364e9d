package dev.lifecycle.core;

import static dev.lifecycle.core.TrackerGenerators.byCustomer;
import static dev.lifecycle.core.TrackerGenerators.endOf;
import static dev.lifecycle.core.TrackerGenerators.play;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import dev.lifecycle.core.TrackerGenerators.Deliver;
import dev.lifecycle.core.TrackerGenerators.Op;
import dev.lifecycle.core.TrackerGenerators.Outcomes;
import dev.lifecycle.core.TrackerGenerators.Recorder;
import dev.lifecycle.core.TrackerGenerators.Scenario;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * Properties of {@link LifecycleStep}: replaying a customer's events through the step gives what the tracker gives
 * (history, profile, transitions) and, for the built-in templates, what the classifier gives; every transition
 * follows a declared rule; the step is pure; {@link StepResult#nextChange()} names the first instant time alone could
 * change the stage; and the step refuses events and states that are not the customer's next.
 */
final class LifecycleStepProperties {

    /**
     * Every call of one customer's replay: the state given (null for the first event), the result, and the event
     * applied (null for the final advance).
     */
    record Call(@Nullable CustomerState before, @Nullable CustomerEvent event, StepResult result) {}

    /** One customer's replay: the calls in order and every transition they caused, in order. */
    record Replay(List<Call> calls, List<StageTransition> transitions) {
        CustomerState state() {
            return calls.get(calls.size() - 1).result().state();
        }
    }

    /**
     * Applies one customer's events (in apply order, at least one) through the step and then advances to {@code
     * asOf} (not before the last event), checking at each call that the step is pure: the state given is unchanged
     * (its bytes are the same after the call) and the same call again gives an equal result.
     */
    static Replay replay(LifecycleStep step, List<CustomerEvent> events, Instant asOf) {
        List<Call> calls = new ArrayList<>();
        List<StageTransition> transitions = new ArrayList<>();
        CustomerState state = null;
        for (CustomerEvent event : events) {
            byte[] before = state == null ? null : state.toBytes();
            StepResult result = step.apply(state, event);
            if (state != null) {
                assertArrayEquals(before, state.toBytes(), "apply changed the state it was given");
            }
            assertSameResult(result, step.apply(state, event));
            calls.add(new Call(state, event, result));
            transitions.addAll(result.transitions());
            state = result.state();
        }
        if (state == null) {
            throw new IllegalArgumentException("a replay needs at least one event");
        }
        byte[] before = state.toBytes();
        StepResult result = step.advance(state, asOf);
        assertArrayEquals(before, state.toBytes(), "advance changed the state it was given");
        assertSameResult(result, step.advance(state, asOf));
        calls.add(new Call(state, null, result));
        transitions.addAll(result.transitions());
        return new Replay(List.copyOf(calls), List.copyOf(transitions));
    }

    private static void assertSameResult(StepResult expected, StepResult actual) {
        assertEquals(expected.state(), actual.state(), "the same call twice gave different states");
        assertEquals(expected.transitions(), actual.transitions(), "the same call twice gave different transitions");
        assertEquals(expected.nextChange(), actual.nextChange(), "the same call twice gave different next changes");
    }

    // ---- (a), (b), (c): the step agrees with the tracker and the classifier, along declared rules

    /** Built-in and generated templates: each customer's replay equals the tracker's customer. */
    @Test
    void replay_anyTemplate_equalsTracker() {
        qt().withExamples(500)
                .forAll(TrackerGenerators.scenarios(TrackerGenerators.anyTemplates()))
                .checkAssert(LifecycleStepProperties::checkAgainstTracker);
    }

    /**
     * Feeds the scenario's events in apply order to a tracker with a recording listener and advances it to an instant
     * not before any event; replays each customer's events through the step and advances to the same instant. The
     * histories, profiles and transitions agree; every transition follows a rule the template declares; for the
     * built-in templates the stage is the classifier's for the profile folded from the events.
     */
    private static void checkAgainstTracker(Scenario s) {
        Random random = new Random(s.seed());
        LifecycleStep step = LifecycleStep.of(s.template());
        Recorder recorder = new Recorder();
        LifecycleTracker tracker =
                LifecycleTracker.builder(s.template()).listener(recorder).build();
        List<Op> ops = new ArrayList<>();
        TrackerGenerators.inApplyOrder(s.events()).forEach(e -> ops.add(new Deliver(e)));
        Outcomes outcomes = play(tracker, ops);
        assertEquals(s.events().size(), outcomes.accepted(), "events delivered in apply order were not all accepted");
        Instant asOf = endOf(ops, random, 400);
        tracker.advanceTo(asOf);
        boolean builtIn = Generators.BUILT_INS.contains(s.template());
        LifecycleClassifier classifier = LifecycleClassifier.of(s.template());
        for (Map.Entry<String, List<CustomerEvent>> customer :
                byCustomer(s.events()).entrySet()) {
            String id = customer.getKey();
            Replay replay = replay(step, customer.getValue(), asOf);
            CustomerState state = replay.state();
            assertEquals(tracker.history(id).orElseThrow(), state.history(), () -> "history of " + id);
            assertEquals(tracker.profile(id).orElseThrow(), state.profile(), () -> "profile of " + id);
            assertEquals(recorder.of(id), replay.transitions(), () -> "transitions of " + id);
            for (StageTransition transition : replay.transitions()) {
                assertDeclared(s.template(), transition);
            }
            if (builtIn) {
                CustomerProfile folded = CustomerProfile.fromEvents(id, customer.getValue());
                assertEquals(folded, state.profile(), () -> "profile of " + id);
                assertEquals(
                        classifier.classify(folded, asOf).stage(),
                        state.stage(),
                        () -> "stage of " + id + " at " + asOf + ", events " + customer.getValue());
            }
        }
    }

    private static void assertDeclared(LifecycleTemplate template, StageTransition transition) {
        TransitionRule rule = template.rules().stream()
                .filter(r -> r.id().equals(transition.ruleId()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("transition " + transition + " by an undeclared rule"));
        assertTrue(
                rule.from().contains(transition.fromStageId()) && rule.to().equals(transition.toStageId()),
                () -> "transition " + transition + " does not follow rule " + rule);
    }

    // ---- (e): nothing changes before the next change

    /**
     * After every call of a replay, advancing to a random instant from the state's time to just before {@link
     * StepResult#nextChange()} causes no transition; when there is no next change and the template has no custom
     * condition, advancing 1000 days later causes none either. This holds for settled states: a template's rules may
     * form a cycle that holds all the way round, and since one walk enters a stage at most once, it stops before the
     * stage it would enter again and the next evaluation (at any instant) goes on; such states are skipped.
     */
    @Test
    void nextChange_nothingMovesBeforeIt() {
        qt().withExamples(300)
                .forAll(TrackerGenerators.scenarios(TrackerGenerators.anyTemplates()))
                .checkAssert(s -> {
                    Random random = new Random(s.seed());
                    LifecycleStep step = LifecycleStep.of(s.template());
                    boolean custom = hasCustomCondition(s.template());
                    for (List<CustomerEvent> events : byCustomer(s.events()).values()) {
                        Instant asOf =
                                events.get(events.size() - 1).timestamp().plus(Duration.ofDays(random.nextInt(100)));
                        for (Call call : replay(step, events, asOf).calls()) {
                            StepResult result = call.result();
                            CustomerState state = result.state();
                            if (!step.advance(state, state.time()).transitions().isEmpty()) {
                                // unsettled: a walk stops before a stage it has visited, and the next one goes on
                                continue;
                            }
                            if (result.nextChange().isPresent()) {
                                Instant next = result.nextChange().get();
                                assertTrue(
                                        next.isAfter(state.time()),
                                        () -> "next change " + next + " not after " + state.time());
                                long span = TrackerGenerators.nanos(next) - TrackerGenerators.nanos(state.time());
                                Instant before = state.time().plusNanos((long) (random.nextDouble() * (span - 1)));
                                assertEquals(
                                        List.of(),
                                        step.advance(state, before).transitions(),
                                        () -> "advanced to " + before + ", before the next change " + next);
                            } else if (!custom) {
                                Instant later = state.time().plus(Duration.ofDays(1000));
                                assertEquals(
                                        List.of(),
                                        step.advance(state, later).transitions(),
                                        () -> "no next change, yet advancing to " + later + " moved " + state);
                            }
                        }
                    }
                });
    }

    private static boolean hasCustomCondition(LifecycleTemplate template) {
        return template.rules().stream().anyMatch(rule -> hasCustom(ConditionSpecs.toSpec(rule.condition())));
    }

    private static boolean hasCustom(ConditionSpec spec) {
        return spec.type().equals("custom") || spec.conditions().stream().anyMatch(LifecycleStepProperties::hasCustom);
    }

    // ---- (f): refusals

    /**
     * The step refuses an event of another customer, an event before the state's time and a state of another
     * template, naming the problem.
     */
    @Test
    void apply_refusesEventsAndStatesThatAreNotTheNext() {
        LifecycleStep other = LifecycleStep.of(Templates.trackingCategories());
        qt().withExamples(200)
                .forAll(TrackerGenerators.scenarios(Generators.builtInTemplates()))
                .checkAssert(s -> {
                    LifecycleStep step = LifecycleStep.of(s.template());
                    LifecycleStep foreign = step.fingerprint().equals(other.fingerprint())
                            ? LifecycleStep.of(Templates.fiveStage())
                            : other;
                    for (List<CustomerEvent> events : byCustomer(s.events()).values()) {
                        CustomerEvent last = events.get(events.size() - 1);
                        CustomerState state =
                                replay(step, events, last.timestamp()).state();
                        CustomerEvent stranger = CustomerEvent.builder(
                                        state.customerId() + "-other", EventType.SITE_VISIT, last.timestamp())
                                .build();
                        assertMessage(() -> step.apply(state, stranger), "belongs to customer");
                        CustomerEvent earlier = CustomerEvent.builder(
                                        state.customerId(),
                                        EventType.SITE_VISIT,
                                        last.timestamp().minusNanos(1))
                                .build();
                        assertMessage(() -> step.apply(state, earlier), "lies before the state's time");
                        assertMessage(() -> step.advance(state, last.timestamp().minusNanos(1)), "cannot advance");
                        assertMessage(() -> foreign.apply(state, last), "not to this step's template");
                        assertMessage(() -> foreign.advance(state, last.timestamp()), "not to this step's template");
                    }
                });
    }

    private static void assertMessage(Runnable call, String part) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
        assertTrue(
                String.valueOf(e.getMessage()).contains(part),
                () -> "message '" + e.getMessage() + "' lacks '" + part + "'");
    }
}
