package dev.lifecycle.core;

import static dev.lifecycle.core.TrackerGenerators.displaced;
import static dev.lifecycle.core.TrackerGenerators.endOf;
import static dev.lifecycle.core.TrackerGenerators.export;
import static dev.lifecycle.core.TrackerGenerators.play;
import static dev.lifecycle.core.TrackerGenerators.withAdvances;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.quicktheories.QuickTheory.qt;

import dev.lifecycle.core.TrackerGenerators.Op;
import dev.lifecycle.core.TrackerGenerators.Outcomes;
import dev.lifecycle.core.TrackerGenerators.Recorder;
import dev.lifecycle.core.TrackerGenerators.Scenario;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The tracker's fast path (a template whose rules all read columns: customers held as records, updated through {@link
 * FactRow} without objects) and its object path give the same tracking. The built-in templates take the fast path;
 * the same template with one rule's condition wrapped in a custom condition that answers the same (so that its rules no
 * longer all read columns) takes the object path. Both get the same deliveries, which include amounts in several
 * currencies, refunds, NPS answers, custom types, attributes and ties, so that events the fast path hands over to the
 * object path (custom types, attributes, payments tied in time) and rejections are part of it.
 */
final class TrackerFastPathProperties {

    @Test
    void fastPath_equalsObjectPath_builtInTemplates() {
        qt().withExamples(800)
                .forAll(TrackerGenerators.scenarios(Generators.builtInTemplates()))
                .checkAssert(TrackerFastPathProperties::check);
    }

    private static void check(Scenario s) {
        LifecycleTemplate fast = s.template();
        LifecycleTemplate slow = withReferralAsCustom(fast);
        assertNotNull(LifecycleClassifier.of(fast).rowNeeds(), "the built-in template takes the fast path");
        assertNull(LifecycleClassifier.of(slow).rowNeeds(), "the wrapped template takes the object path");

        Random random = new Random(s.seed());
        List<Op> plan = withAdvances(displaced(s.events(), s.lateness(), random, 10), random, random.nextInt(3));
        Instant end = endOf(plan, random, 400);
        Recorder fastRecorder = new Recorder();
        Recorder slowRecorder = new Recorder();
        LifecycleTracker fastTracker = LifecycleTracker.builder(fast)
                .allowedLateness(s.lateness())
                .listener(fastRecorder)
                .build();
        LifecycleTracker slowTracker = LifecycleTracker.builder(slow)
                .allowedLateness(s.lateness())
                .listener(slowRecorder)
                .build();
        Outcomes fastOutcomes = play(fastTracker, plan);
        Outcomes slowOutcomes = play(slowTracker, plan);
        fastTracker.advanceTo(end);
        slowTracker.advanceTo(end);

        assertEquals(slowOutcomes, fastOutcomes, "outcomes");
        assertEquals(slowTracker.stats(), fastTracker.stats(), "stats");
        assertEquals(slowRecorder.all(), fastRecorder.all(), "transitions in order");
        assertEquals(withoutTemplateLine(export(slowTracker)), withoutTemplateLine(export(fastTracker)), "state");
    }

    /** The template with its referral rule's condition wrapped in a custom condition that answers the same. */
    private static LifecycleTemplate withReferralAsCustom(LifecycleTemplate template) {
        TransitionRule referral = template.rules().stream()
                .filter(r -> r.id().equals("referral"))
                .findFirst()
                .orElseThrow();
        Condition original = referral.condition();
        Condition wrapped = Condition.custom("same as " + original.description(), original::test);
        return template.toBuilder()
                .replaceRule("referral", referral.withCondition(wrapped))
                .build();
    }

    /** The exported state without its template line, whose fingerprint differs between the two templates. */
    private static String withoutTemplateLine(String state) {
        return state.replaceFirst("(?m)^template .*\\n", "").replaceFirst("(?m)^end .*\\n", "");
    }
}
