package dev.lifecycle.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Time-based transitions carry the instant their condition became true, however late the tracker notices. */
final class TrackerTimingTest {
    private static final Instant T0 = Instant.parse("2026-01-05T09:00:00Z");

    private static Instant day(long days) {
        return T0.plus(Duration.ofDays(days));
    }

    private static CustomerEvent purchase(String id, Instant at) {
        return CustomerEvent.builder("c1", EventType.PURCHASE, at).eventId(id).build();
    }

    private static LifecycleTracker tracker(LifecycleTemplate template, List<StageTransition> sink) {
        return LifecycleTracker.builder(template).listener(sink::add).build();
    }

    @Test
    void advanceTo_longAfterTheFact_nurtureAndLapseStampedWhenTheyHappened() {
        List<StageTransition> seen = new ArrayList<>();
        LifecycleTracker tracker = tracker(Templates.buyerLifecycle(), seen);

        tracker.accept(purchase("o1", T0));
        tracker.advanceTo(day(400));

        assertEquals(
                List.of(
                        new StageTransition("c1", "reach", "acquire", T0, "first-purchase"),
                        new StageTransition("c1", "acquire", "develop", day(30), "nurture"),
                        new StageTransition("c1", "develop", "lapsed", day(180).plusNanos(1), "lapse")),
                seen);
        assertEquals(
                Duration.ofDays(180).plusNanos(1).minusDays(30),
                tracker.history("c1")
                        .orElseThrow()
                        .timeInStage("develop", day(400))
                        .orElseThrow()
                        .latest());
    }

    @Test
    void advanceTo_inSteps_sameTransitionsAsOneAdvance() {
        List<StageTransition> stepwise = new ArrayList<>();
        LifecycleTracker inSteps = tracker(Templates.fiveStage(), stepwise);
        List<StageTransition> once = new ArrayList<>();
        LifecycleTracker inOne = tracker(Templates.fiveStage(), once);
        for (LifecycleTracker tracker : List.of(inSteps, inOne)) {
            tracker.accept(purchase("o1", T0));
            tracker.accept(purchase("o2", day(20)));
        }

        for (long d = 21; d <= 300; d += 17) {
            inSteps.advanceTo(day(d));
        }
        inSteps.advanceTo(day(300));
        inOne.advanceTo(day(300));

        assertEquals(once, stepwise);
        assertEquals(inOne.history("c1"), inSteps.history("c1"));
        assertEquals(day(200).plusNanos(1), once.get(once.size() - 1).at());
    }

    @Test
    void accept_eventAfterLapseWithoutAdvance_lapseStampedBeforeTheWinBack() {
        List<StageTransition> seen = new ArrayList<>();
        LifecycleTracker tracker = tracker(Templates.fiveStage(), seen);

        tracker.accept(purchase("o1", T0));
        tracker.accept(purchase("o2", day(10)));
        tracker.accept(CustomerEvent.builder("c1", EventType.SITE_VISIT, day(250))
                .eventId("v1")
                .build());
        tracker.accept(purchase("o3", day(260)));
        tracker.advanceTo(day(260));

        assertEquals(
                List.of(
                        new StageTransition("c1", "awareness", "conversion", T0, "first-purchase"),
                        new StageTransition("c1", "conversion", "retention", day(10), "second-purchase"),
                        new StageTransition("c1", "retention", "lapsed", day(190).plusNanos(1), "lapse"),
                        new StageTransition("c1", "lapsed", "retention", day(260), "win-back")),
                seen);
    }

    @Test
    void advanceTo_customConditionOnTime_stampedWithTheAdvance() {
        Condition afterNewYear = Condition.custom("after 2027", (p, asOf) -> !asOf.isBefore(day(361)));
        LifecycleTemplate template = Templates.fiveStage().toBuilder()
                .addRule(TransitionRule.builder("new-year")
                        .from("conversion")
                        .to("retention")
                        .when(afterNewYear)
                        .priority(5)
                        .build())
                .build();
        List<StageTransition> seen = new ArrayList<>();
        LifecycleTracker tracker = tracker(template, seen);

        tracker.accept(purchase("o1", day(300)));
        tracker.advanceTo(day(400));

        assertEquals(new StageTransition("c1", "conversion", "retention", day(400), "new-year"), seen.get(1));
    }

    @Test
    void highestMainStage_referralAfterLapse_trackerKeepsHistoryClassifierCountsTheReferral() {
        LifecycleTracker tracker = tracker(Templates.fiveStage(), new ArrayList<>());
        List<CustomerEvent> events = List.of(
                purchase("o1", T0),
                purchase("o2", T0),
                CustomerEvent.builder("c1", EventType.REFERRAL, day(200))
                        .eventId("r1")
                        .build());

        tracker.acceptAll(events);
        tracker.advanceTo(day(200));
        Classification fromScratch = LifecycleClassifier.of(Templates.fiveStage())
                .classify(CustomerProfile.fromEvents("c1", events), day(200));

        CustomerHistory history = tracker.history("c1").orElseThrow();
        assertEquals("lapsed", history.currentStage().id());
        assertEquals("lapsed", fromScratch.stage().id());
        assertEquals("retention", history.highestMainStage().id());
        assertEquals("advocacy", fromScratch.highestMainStage().id());
    }
}
