package dev.lifecycle.core;

import static dev.lifecycle.core.EventType.PRODUCT_VIEW;
import static dev.lifecycle.core.EventType.PURCHASE;
import static dev.lifecycle.core.EventType.REFERRAL;
import static dev.lifecycle.core.EventType.SITE_VISIT;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The semantics the class doc of {@link LifecycleTracker} states: transitions and histories, event time with allowed
 * lateness and de-duplication, advancing time, listeners and their failures, distributions, and bad input.
 */
final class LifecycleTrackerTest {
    private static final Instant T0 = Instant.parse("2025-01-06T09:00:00Z");
    private static final List<String> FIVE_STAGE_IDS =
            List.of("awareness", "consideration", "conversion", "retention", "advocacy", "lapsed");

    private static Instant day(long days) {
        return T0.plus(Duration.ofDays(days));
    }

    private static Instant hour(long hours) {
        return T0.plus(Duration.ofHours(hours));
    }

    private static CustomerEvent event(String customerId, EventType type, Instant at, String eventId) {
        return CustomerEvent.builder(customerId, type, at).eventId(eventId).build();
    }

    private static LifecycleTracker.Builder fiveStage() {
        return LifecycleTracker.builder(Templates.fiveStage());
    }

    private static StageTransition transition(String customer, String from, String to, Instant at, String rule) {
        return new StageTransition(customer, from, to, at, rule);
    }

    /** A stay, written so that a failing comparison reads well. */
    private static String stay(String stageId, Instant enteredAt, Optional<Instant> leftAt, Optional<String> ruleId) {
        return stageId + " [" + enteredAt + ", " + leftAt.map(Instant::toString).orElse("open") + ") by "
                + ruleId.orElse("-");
    }

    private static String closed(String stageId, Instant enteredAt, Instant leftAt, String ruleId) {
        return stay(stageId, enteredAt, Optional.of(leftAt), Optional.of(ruleId));
    }

    private static String open(String stageId, Instant enteredAt, String ruleId) {
        return stay(stageId, enteredAt, Optional.empty(), Optional.of(ruleId));
    }

    private static List<String> stays(CustomerHistory history) {
        return history.visits().stream()
                .map(v -> stay(v.stage().id(), v.enteredAt(), v.leftAt(), v.ruleId()))
                .toList();
    }

    private static CustomerHistory history(LifecycleTracker tracker, String customerId) {
        return tracker.history(customerId).orElseThrow(() -> new AssertionError("no history of " + customerId));
    }

    // ---- transitions, histories, time in stage

    @Test
    void accept_visitPurchasePurchaseReferral_emitsOneTransitionPerRuleAtTheEventInstants() {
        List<StageTransition> seen = new ArrayList<>();
        LifecycleTracker tracker = fiveStage().listener(seen::add).build();

        tracker.accept(event("c1", SITE_VISIT, day(0), "e1"));
        tracker.accept(event("c1", PURCHASE, day(1), "e2"));
        tracker.accept(event("c1", PURCHASE, day(20), "e3"));
        tracker.accept(event("c1", REFERRAL, day(30), "e4"));
        tracker.advanceTo(day(30));

        assertEquals(
                List.of(
                        transition("c1", "awareness", "conversion", day(1), "first-purchase"),
                        transition("c1", "conversion", "retention", day(20), "second-purchase"),
                        transition("c1", "retention", "advocacy", day(30), "referral")),
                seen);
    }

    @Test
    void history_visitPurchasePurchaseReferral_recordsEveryStayWithRuleAndInstants() {
        LifecycleTracker tracker = fiveStage().build();

        tracker.accept(event("c1", SITE_VISIT, day(0), "e1"));
        tracker.accept(event("c1", PURCHASE, day(1), "e2"));
        tracker.accept(event("c1", PURCHASE, day(20), "e3"));
        tracker.accept(event("c1", REFERRAL, day(30), "e4"));
        tracker.advanceTo(day(40));

        CustomerHistory history = history(tracker, "c1");
        assertEquals(
                List.of(
                        stay("awareness", day(0), Optional.of(day(1)), Optional.empty()),
                        closed("conversion", day(1), day(20), "first-purchase"),
                        closed("retention", day(20), day(30), "second-purchase"),
                        open("advocacy", day(30), "referral")),
                stays(history));
        assertEquals("c1", history.customerId());
        assertEquals("advocacy", history.currentStage().id());
        assertEquals("advocacy", history.highestMainStage().id());
        assertSame(Templates.fiveStage().stage("advocacy").orElseThrow(), history.currentStage());
    }

    @Test
    void history_customerWithoutAppliedEvent_isEmpty() {
        LifecycleTracker tracker = fiveStage().build();
        tracker.accept(event("c1", PURCHASE, day(0), "e1"));

        assertEquals(Optional.empty(), tracker.history("c1"), "the event waits for the watermark");
        assertEquals(Optional.empty(), tracker.history("nobody"));
        assertEquals(Optional.empty(), tracker.profile("c1"));
        assertEquals(0, tracker.stats().customers());
    }

    @Test
    void accept_firstPurchaseFromAwareness_skipsConsiderationWithoutAStay() {
        LifecycleTracker tracker = fiveStage().build();

        tracker.accept(event("c1", PURCHASE, day(0), "e1"));
        tracker.advanceTo(day(0));

        assertEquals(
                List.of("awareness", "conversion"),
                history(tracker, "c1").visits().stream()
                        .map(v -> v.stage().id())
                        .toList());
    }

    @Test
    void accept_engagementThenPurchase_passesThroughConsideration() {
        List<StageTransition> seen = new ArrayList<>();
        LifecycleTracker tracker = fiveStage().listener(seen::add).build();

        tracker.accept(event("c1", PRODUCT_VIEW, hour(1), "e1"));
        tracker.accept(event("c1", PURCHASE, hour(5), "e2"));
        tracker.advanceTo(hour(5));

        assertEquals(
                List.of(
                        transition("c1", "awareness", "consideration", hour(1), "engaged"),
                        transition("c1", "consideration", "conversion", hour(5), "first-purchase")),
                seen);
    }

    @Test
    void advanceTo_retainedCustomerLapsesAndIsWonBack_retentionHasTwoStaysSummedInCumulative() {
        Instant lapsedAt = day(190).plusNanos(1);
        List<StageTransition> seen = new ArrayList<>();
        LifecycleTracker tracker = fiveStage().listener(seen::add).build();

        tracker.accept(event("c1", PURCHASE, day(0), "e1"));
        tracker.accept(event("c1", PURCHASE, day(10), "e2"));
        tracker.advanceTo(day(200));
        tracker.accept(event("c1", PURCHASE, day(250), "e3"));
        tracker.advanceTo(day(300));

        assertEquals(
                List.of(
                        transition("c1", "awareness", "conversion", day(0), "first-purchase"),
                        transition("c1", "conversion", "retention", day(10), "second-purchase"),
                        transition("c1", "retention", "lapsed", lapsedAt, "lapse"),
                        transition("c1", "lapsed", "retention", day(250), "win-back")),
                seen);
        CustomerHistory history = history(tracker, "c1");
        assertEquals(
                List.of(
                        stay("awareness", day(0), Optional.of(day(0)), Optional.empty()),
                        closed("conversion", day(0), day(10), "first-purchase"),
                        closed("retention", day(10), lapsedAt, "second-purchase"),
                        closed("lapsed", lapsedAt, day(250), "lapse"),
                        open("retention", day(250), "win-back")),
                stays(history));
        assertEquals("retention", history.currentStage().id());
        assertEquals("retention", history.highestMainStage().id());
        assertEquals(
                Optional.of(new CustomerHistory.TimeInStage(
                        Duration.ofDays(50), Duration.ofDays(180).plusNanos(1).plus(Duration.ofDays(50)), 2)),
                history.timeInStage("retention", day(300)));
        Duration lapsed = Duration.ofDays(60).minusNanos(1);
        assertEquals(
                Optional.of(new CustomerHistory.TimeInStage(lapsed, lapsed, 1)),
                history.timeInStage("lapsed", day(300)));
        assertEquals(
                Optional.of(new CustomerHistory.TimeInStage(Duration.ZERO, Duration.ZERO, 1)),
                history.timeInStage("awareness", day(300)));
        assertEquals(Optional.empty(), history.timeInStage("consideration", day(300)));
    }

    @Test
    void timeInStage_openStayMeasuredToAsOf() {
        LifecycleTracker tracker = fiveStage().build();
        tracker.accept(event("c1", PURCHASE, day(0), "e1"));
        tracker.advanceTo(day(0));

        CustomerHistory history = history(tracker, "c1");

        assertEquals(
                Optional.of(new CustomerHistory.TimeInStage(Duration.ofDays(7), Duration.ofDays(7), 1)),
                history.timeInStage("conversion", day(7)));
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> history.timeInStage("conversion", day(-1)));
        assertEquals("asOf " + day(-1) + " is before the stay in 'conversion' began, at " + day(0), e.getMessage());
    }

    @Test
    void accept_lapsedCustomerOrdersWithoutAdvance_lapseStampedWhenItHappenedAndWinBackAtTheEvent() {
        List<StageTransition> seen = new ArrayList<>();
        LifecycleTracker tracker = fiveStage().listener(seen::add).build();

        tracker.accept(event("c1", PURCHASE, day(0), "e1"));
        tracker.accept(event("c1", PURCHASE, day(10), "e2"));
        tracker.accept(event("c1", PURCHASE, day(250), "e3"));
        tracker.advanceTo(day(250));

        assertEquals(
                List.of(
                        transition("c1", "retention", "lapsed", day(190).plusNanos(1), "lapse"),
                        transition("c1", "lapsed", "retention", day(250), "win-back")),
                seen.subList(2, seen.size()));
        Duration lapsed = Duration.ofDays(60).minusNanos(1);
        assertEquals(
                Optional.of(new CustomerHistory.TimeInStage(lapsed, lapsed, 1)),
                history(tracker, "c1").timeInStage("lapsed", day(400)));
    }

    @Test
    void highestMainStage_afterLapse_keepsTheFurthestStage() {
        LifecycleTracker tracker = fiveStage().build();

        tracker.accept(event("c1", PURCHASE, day(0), "e1"));
        tracker.accept(event("c1", PURCHASE, day(1), "e2"));
        tracker.accept(event("c1", REFERRAL, day(2), "e3"));
        tracker.advanceTo(day(400));

        CustomerHistory history = history(tracker, "c1");
        assertEquals("lapsed", history.currentStage().id());
        assertEquals("advocacy", history.highestMainStage().id());
    }

    @Test
    void advanceTo_exactlyTheLapsePeriodAfterTheLastOrder_lapsesOnlyOneNanosecondLater() {
        List<StageTransition> seen = new ArrayList<>();
        LifecycleTracker tracker = fiveStage().listener(seen::add).build();
        tracker.accept(event("c1", PURCHASE, day(0), "e1"));

        tracker.advanceTo(day(180));
        assertEquals("conversion", history(tracker, "c1").currentStage().id());

        tracker.advanceTo(day(180).plusNanos(1));
        assertEquals(
                transition("c1", "conversion", "lapsed", day(180).plusNanos(1), "lapse"), seen.get(seen.size() - 1));
    }

    @Test
    void replay_andAdvance_agreesWithStatelessClassification() {
        List<CustomerEvent> events = List.of(
                event("c1", PURCHASE, day(0), "e1"),
                event("c2", PRODUCT_VIEW, day(1), "e4"),
                event("c3", PURCHASE, day(2), "e5"),
                event("c1", PURCHASE, day(3), "e2"),
                event("c1", REFERRAL, day(5), "e3"));
        LifecycleTracker tracker = fiveStage().build();
        tracker.acceptAll(events);
        LifecycleClassifier classifier = LifecycleClassifier.of(Templates.fiveStage());

        for (Instant asOf : List.of(day(5), day(183), day(186), day(400))) {
            tracker.advanceTo(asOf);
            for (String id : List.of("c1", "c2", "c3")) {
                CustomerProfile folded = CustomerProfile.fromEvents(
                        id,
                        events.stream().filter(e -> e.customerId().equals(id)).toList());
                Classification expected = classifier.classify(folded, asOf);
                CustomerHistory actual = history(tracker, id);
                assertEquals(expected.stage(), actual.currentStage(), id + " at " + asOf);
                assertEquals(expected.highestMainStage(), actual.highestMainStage(), id + " at " + asOf);
                assertEquals(folded, tracker.profile(id).orElseThrow(), id + " at " + asOf);
            }
        }
    }

    // ---- event time: lateness, pending events, duplicates, stats

    @Test
    void accept_zeroLatenessEventOlderThanTheLatest_isLateCountedAndNeverApplied() {
        LifecycleTracker tracker = fiveStage().build();

        assertEquals(EventOutcome.ACCEPTED, tracker.accept(event("c1", PURCHASE, day(5), "e1")));
        assertEquals(EventOutcome.LATE, tracker.accept(event("c1", PURCHASE, day(3), "e2")));
        tracker.advanceTo(day(10));

        assertEquals(1, tracker.profile("c1").orElseThrow().orderCount());
        assertEquals(new TrackerStats(1, 2, 1, 0, 0, 1, 0, 1, 0), tracker.stats());
        assertEquals(2, tracker.stats().received());
    }

    @Test
    void accept_zeroLatenessEventAtTheSameInstantAsTheLatest_isAccepted() {
        LifecycleTracker tracker = fiveStage().build();
        tracker.accept(event("c1", SITE_VISIT, day(5), "e1"));

        assertEquals(EventOutcome.ACCEPTED, tracker.accept(event("c1", PURCHASE, day(5), "e2")));
        tracker.advanceTo(day(5));
        assertEquals(1, tracker.profile("c1").orElseThrow().orderCount());
    }

    @Test
    void accept_outOfOrderWithinTheLateness_appliedInTimestampOrderLikeAnInOrderRun() {
        List<CustomerEvent> inOrder = List.of(
                event("c1", SITE_VISIT, hour(0), "a"),
                event("c2", PURCHASE, hour(1), "b"),
                event("c1", PRODUCT_VIEW, hour(2), "c"),
                event("c1", PURCHASE, hour(5), "d"),
                event("c2", PURCHASE, hour(10), "e"),
                event("c1", PURCHASE, hour(20), "f"),
                event("c2", REFERRAL, hour(26), "g"),
                event("c1", REFERRAL, hour(27), "h"));
        List<CustomerEvent> shuffled = List.of(
                inOrder.get(2),
                inOrder.get(1),
                inOrder.get(0),
                inOrder.get(5),
                inOrder.get(3),
                inOrder.get(4),
                inOrder.get(7),
                inOrder.get(6));
        List<StageTransition> expected = new ArrayList<>();
        LifecycleTracker reference = fiveStage().listener(expected::add).build();
        List<StageTransition> actual = new ArrayList<>();
        LifecycleTracker tracker = fiveStage()
                .allowedLateness(Duration.ofDays(1))
                .listener(actual::add)
                .build();

        for (CustomerEvent e : inOrder) {
            assertEquals(EventOutcome.ACCEPTED, reference.accept(e), e::toString);
        }
        for (CustomerEvent e : shuffled) {
            assertEquals(EventOutcome.ACCEPTED, tracker.accept(e), e::toString);
        }
        reference.advanceTo(day(3));
        tracker.advanceTo(day(3));

        assertEquals(7, expected.size(), expected::toString);
        assertEquals(expected, actual);
        for (String id : List.of("c1", "c2")) {
            assertEquals(history(reference, id), history(tracker, id));
            assertEquals(reference.profile(id), tracker.profile(id));
        }
        assertEquals(reference.distribution(), tracker.distribution());
        assertEquals(reference.stats(), tracker.stats());
    }

    @Test
    void accept_withLateness_eventsWaitUntilTheWatermarkPassesThem() {
        LifecycleTracker tracker =
                fiveStage().allowedLateness(Duration.ofDays(1)).build();

        tracker.accept(event("c1", PURCHASE, hour(0), "e1"));
        assertEquals(Optional.of(hour(-24)), tracker.watermark());
        tracker.accept(event("c1", SITE_VISIT, hour(23), "e2"));
        assertEquals(new TrackerStats(0, 2, 0, 2, 0, 0, 0, 0, 0), tracker.stats());
        assertEquals(Optional.empty(), tracker.time());

        tracker.accept(event("c1", PURCHASE, hour(25), "e3"));
        assertEquals(Optional.of(hour(1)), tracker.watermark());
        assertEquals(new TrackerStats(1, 3, 1, 2, 0, 0, 0, 1, 0), tracker.stats());
        assertEquals(Optional.of(hour(0)), tracker.time());
        assertEquals("conversion", history(tracker, "c1").currentStage().id());

        tracker.advanceTo(hour(25));
        assertEquals(new TrackerStats(1, 3, 3, 0, 0, 0, 0, 2, 0), tracker.stats());
        assertEquals("retention", history(tracker, "c1").currentStage().id());
    }

    @Test
    void accept_withLateness_eventOlderThanTheWatermarkIsLate() {
        LifecycleTracker tracker =
                fiveStage().allowedLateness(Duration.ofDays(1)).build();
        tracker.accept(event("c1", PURCHASE, hour(48), "e1"));

        assertEquals(EventOutcome.ACCEPTED, tracker.accept(event("c1", PURCHASE, hour(24), "e2")));
        assertEquals(EventOutcome.LATE, tracker.accept(event("c1", PURCHASE, hour(24).minusNanos(1), "e3")));
    }

    @Test
    void accept_redeliveredPendingEvent_isDuplicateAndFoldedOnce() {
        LifecycleTracker tracker =
                fiveStage().allowedLateness(Duration.ofDays(1)).build();
        CustomerEvent purchase = event("c1", PURCHASE, hour(0), "e1");

        assertEquals(EventOutcome.ACCEPTED, tracker.accept(purchase));
        assertEquals(EventOutcome.DUPLICATE, tracker.accept(purchase));
        assertEquals(EventOutcome.DUPLICATE, tracker.accept(event("c1", PURCHASE, hour(3), "e1")));
        tracker.advanceTo(hour(5));

        assertEquals(1, tracker.profile("c1").orElseThrow().orderCount());
        assertEquals("conversion", history(tracker, "c1").currentStage().id());
        assertEquals(new TrackerStats(1, 3, 1, 0, 2, 0, 0, 1, 0), tracker.stats());
    }

    @Test
    void accept_sameEventIdOfAnotherCustomer_isNoDuplicate() {
        LifecycleTracker tracker =
                fiveStage().allowedLateness(Duration.ofDays(1)).build();
        tracker.accept(event("c1", PURCHASE, hour(0), "e1"));

        assertEquals(EventOutcome.ACCEPTED, tracker.accept(event("c2", PURCHASE, hour(0), "e1")));
    }

    @Test
    void accept_redeliveryOfAnAppliedEvent_isLate() {
        LifecycleTracker tracker =
                fiveStage().allowedLateness(Duration.ofDays(1)).build();
        CustomerEvent purchase = event("c1", PURCHASE, hour(0), "e1");
        tracker.accept(purchase);
        tracker.advanceTo(hour(1));

        assertEquals(EventOutcome.LATE, tracker.accept(purchase));
        assertEquals(1, tracker.profile("c1").orElseThrow().orderCount());
    }

    @Test
    void stats_mixedDelivery_accountsForEveryEvent() {
        LifecycleTracker tracker =
                fiveStage().allowedLateness(Duration.ofHours(2)).build();
        List<CustomerEvent> delivered = List.of(
                event("c1", PURCHASE, hour(10), "a"),
                event("c1", PURCHASE, hour(9), "b"),
                event("c1", PURCHASE, hour(10), "a"),
                event("c2", SITE_VISIT, hour(7), "c"),
                event("c2", PURCHASE, hour(13), "d"),
                event("c1", SITE_VISIT, hour(10), "e"),
                event("c2", PURCHASE, hour(13), "d"),
                event("c3", SITE_VISIT, hour(1), "f"));
        for (CustomerEvent e : delivered) {
            tracker.accept(e);
        }

        TrackerStats stats = tracker.stats();
        assertEquals(new TrackerStats(1, 8, 2, 1, 2, 3, 0, 2, 0), stats);
        assertEquals(delivered.size(), stats.received());
        assertEquals(
                stats.applied() + stats.duplicates() + stats.late() + stats.rejected() + stats.pending(),
                stats.received());
    }

    @Test
    void acceptAll_mixedBatch_sortedFirstSoDisorderIsNotLate() {
        List<CustomerEvent> batch = List.of(
                event("c1", PURCHASE, day(5), "a"),
                event("c1", PURCHASE, day(5), "a"),
                event("c1", SITE_VISIT, day(3), "b"),
                event("c2", SITE_VISIT, day(6), "c"),
                event("c1", PURCHASE, day(7), "d"));
        LifecycleTracker batched = fiveStage().build();
        LifecycleTracker oneByOneSorted = fiveStage().build();

        LifecycleTracker.BatchResult result = batched.acceptAll(batch);
        List<EventOutcome> outcomes = batch.stream()
                .sorted(Comparator.comparing(CustomerEvent::timestamp).thenComparing(CustomerEvent::eventId))
                .map(oneByOneSorted::accept)
                .toList();

        assertEquals(new LifecycleTracker.BatchResult(4, 1, 0, 0), result);
        assertEquals(
                List.of(
                        EventOutcome.ACCEPTED,
                        EventOutcome.ACCEPTED,
                        EventOutcome.DUPLICATE,
                        EventOutcome.ACCEPTED,
                        EventOutcome.ACCEPTED),
                outcomes);
        assertEquals(oneByOneSorted.stats(), batched.stats());
        assertEquals(new TrackerStats(2, 5, 3, 1, 1, 0, 0, 1, 0), batched.stats());
        assertEquals(history(oneByOneSorted, "c1"), history(batched, "c1"));
    }

    @Test
    void acceptAll_batchBehindWatermark_lateEventsCounted() {
        LifecycleTracker tracker = fiveStage().build();
        tracker.accept(event("c1", PURCHASE, day(10), "a"));

        LifecycleTracker.BatchResult result =
                tracker.acceptAll(List.of(event("c1", SITE_VISIT, day(3), "b"), event("c1", SITE_VISIT, day(11), "c")));

        assertEquals(new LifecycleTracker.BatchResult(1, 0, 1, 0), result);
        assertEquals(1, tracker.stats().late());
    }

    @Test
    void acceptAll_emptyBatch_changesNothing() {
        LifecycleTracker tracker = fiveStage().build();

        assertEquals(new LifecycleTracker.BatchResult(0, 0, 0, 0), tracker.acceptAll(List.of()));
        assertEquals(new TrackerStats(0, 0, 0, 0, 0, 0, 0, 0, 0), tracker.stats());
        assertEquals(Optional.empty(), tracker.watermark());
    }

    // ---- advanceTo

    @Test
    void advanceTo_customersWithoutEvents_lapseStampedWhenTheLapsePeriodEnded() {
        List<StageTransition> seen = new ArrayList<>();
        LifecycleTracker tracker = fiveStage().listener(seen::add).build();
        tracker.acceptAll(List.of(
                event("old", PURCHASE, day(0), "e1"),
                event("visitor", SITE_VISIT, day(0), "e3"),
                event("recent", PURCHASE, day(100), "e2")));
        tracker.advanceTo(day(100));
        seen.clear();

        tracker.advanceTo(day(200));

        assertEquals(List.of(transition("old", "conversion", "lapsed", day(180).plusNanos(1), "lapse")), seen);
        assertEquals(Optional.of(day(200)), tracker.time());
        assertEquals("conversion", history(tracker, "recent").currentStage().id());
        assertEquals("awareness", history(tracker, "visitor").currentStage().id());
        assertEquals(
                closed("conversion", day(0), day(180).plusNanos(1), "first-purchase"),
                stays(history(tracker, "old")).get(1));
    }

    @Test
    void advanceTo_appliesWaitingEventsUpToAndIncludingTheInstantOnly() {
        LifecycleTracker tracker =
                fiveStage().allowedLateness(Duration.ofDays(1)).build();
        tracker.accept(event("c1", PURCHASE, hour(0), "e1"));
        tracker.accept(event("c1", PURCHASE, hour(12), "e2"));

        tracker.advanceTo(hour(0));

        assertEquals(1, tracker.profile("c1").orElseThrow().orderCount());
        assertEquals(1, tracker.stats().pending());
        assertEquals(Optional.of(hour(0)), tracker.time());
    }

    @Test
    void advanceTo_thenEventAtOrBeforeTheInstant_isLate() {
        LifecycleTracker tracker =
                fiveStage().allowedLateness(Duration.ofDays(1)).build();

        tracker.advanceTo(day(10));

        assertTrue(tracker.watermark().orElseThrow().isAfter(day(10)), tracker.watermark()::toString);
        assertEquals(EventOutcome.LATE, tracker.accept(event("c1", PURCHASE, day(10), "e1")));
        assertEquals(EventOutcome.LATE, tracker.accept(event("c1", PURCHASE, day(9), "e2")));
        assertEquals(EventOutcome.ACCEPTED, tracker.accept(event("c1", PURCHASE, day(10).plusNanos(1), "e3")));
        assertEquals(2, tracker.stats().late());
    }

    @Test
    void advanceTo_sameInstantTwice_isAllowedAndEmitsNothingNew() {
        List<StageTransition> seen = new ArrayList<>();
        LifecycleTracker tracker = fiveStage().listener(seen::add).build();
        tracker.accept(event("c1", PURCHASE, day(0), "e1"));
        tracker.advanceTo(day(300));
        int before = seen.size();

        tracker.advanceTo(day(300));

        assertEquals(2, before);
        assertEquals(before, seen.size());
    }

    @Test
    void advanceTo_backwards_rejected() {
        LifecycleTracker tracker = fiveStage().build();
        tracker.advanceTo(day(10));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> tracker.advanceTo(day(9)));

        assertEquals("cannot advance to " + day(9) + ": the tracker is already at " + day(10), e.getMessage());
        assertEquals(Optional.of(day(10)), tracker.time());
    }

    @Test
    void advanceTo_beforeTheLatestAppliedEvent_rejected() {
        LifecycleTracker tracker = fiveStage().build();
        tracker.accept(event("c1", PURCHASE, day(10), "e1"));
        tracker.accept(event("c1", SITE_VISIT, day(11), "e2"));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> tracker.advanceTo(day(9)));

        assertEquals("cannot advance to " + day(9) + ": the tracker is already at " + day(10), e.getMessage());
    }

    // ---- listeners

    @Test
    void listeners_calledInTheOrderAddedForEveryTransition() {
        List<String> calls = new ArrayList<>();
        LifecycleTracker tracker = fiveStage()
                .listener(t -> calls.add("first " + t.toStageId()))
                .listener(t -> calls.add("second " + t.toStageId()))
                .build();

        tracker.accept(event("c1", PURCHASE, day(0), "e1"));
        tracker.accept(event("c1", PURCHASE, day(1), "e2"));
        tracker.advanceTo(day(1));

        assertEquals(List.of("first conversion", "second conversion", "first retention", "second retention"), calls);
    }

    private static List<CustomerEvent> journey() {
        return List.of(
                event("c1", SITE_VISIT, day(0), "e1"),
                event("c1", PURCHASE, day(1), "e2"),
                event("c2", PRODUCT_VIEW, day(1), "e3"),
                event("c1", PURCHASE, day(2), "e4"),
                event("c1", REFERRAL, day(3), "e5"),
                event("c2", PURCHASE, day(4), "e6"));
    }

    @Test
    void listener_throws_stateAsWithoutItAndFailureCountedAndHandled() {
        List<StageTransition> before = new ArrayList<>();
        List<StageTransition> after = new ArrayList<>();
        Map<StageTransition, RuntimeException> handled = new LinkedHashMap<>();
        List<RuntimeException> thrown = new ArrayList<>();
        LifecycleTracker tracker = fiveStage()
                .listener(before::add)
                .listener(t -> {
                    if (!t.toStageId().equals("retention")) {
                        RuntimeException e = new IllegalStateException("mail server down for " + t.customerId());
                        thrown.add(e);
                        throw e;
                    }
                })
                .listener(after::add)
                .onListenerFailure(handled::put)
                .build();
        List<StageTransition> reference = new ArrayList<>();
        LifecycleTracker plain = fiveStage().listener(reference::add).build();

        tracker.acceptAll(journey());
        plain.acceptAll(journey());
        tracker.advanceTo(day(400));
        plain.advanceTo(day(400));

        assertEquals(7, reference.size(), reference::toString);
        assertEquals(reference, before);
        assertEquals(reference, after);
        List<StageTransition> failing = reference.stream()
                .filter(t -> !t.toStageId().equals("retention"))
                .toList();
        assertEquals(failing, List.copyOf(handled.keySet()));
        assertEquals(thrown, List.copyOf(handled.values()));
        assertEquals(failing.size(), tracker.stats().listenerFailures());
        for (String id : List.of("c1", "c2")) {
            assertEquals(history(plain, id), history(tracker, id));
            assertEquals(plain.profile(id), tracker.profile(id));
        }
        assertEquals(plain.distribution(), tracker.distribution());
        TrackerStats s = plain.stats();
        assertEquals(
                new TrackerStats(
                        s.customers(),
                        s.received(),
                        s.applied(),
                        s.pending(),
                        s.duplicates(),
                        s.late(),
                        s.rejected(),
                        s.transitions(),
                        failing.size()),
                tracker.stats());
    }

    @Test
    void listener_throwsWithTheDefaultHandler_trackerCarriesOnAndCounts() {
        LifecycleTracker tracker = fiveStage()
                .listener(t -> {
                    throw new IllegalStateException("boom");
                })
                .build();

        tracker.acceptAll(journey());
        tracker.advanceTo(day(5));

        assertEquals("advocacy", history(tracker, "c1").currentStage().id());
        assertEquals(5, tracker.stats().transitions());
        assertEquals(5, tracker.stats().listenerFailures());
    }

    @Test
    void onListenerFailure_handlerThrowsToo_trackerCarriesOnAndCounts() {
        List<StageTransition> later = new ArrayList<>();
        LifecycleTracker tracker = fiveStage()
                .listener(t -> {
                    throw new IllegalStateException("boom");
                })
                .listener(later::add)
                .onListenerFailure((t, e) -> {
                    throw new IllegalArgumentException("handler broken");
                })
                .build();

        tracker.acceptAll(journey());
        tracker.advanceTo(day(5));

        assertEquals(5, later.size());
        assertEquals(5, tracker.stats().listenerFailures());
        assertEquals("advocacy", history(tracker, "c1").currentStage().id());
    }

    // ---- failing conditions

    @Test
    void accept_conditionThrowsOnce_exceptionNamesTheRuleAndStatsStillReconcile() throws Exception {
        AtomicBoolean down = new AtomicBoolean(true);
        LifecycleTemplate template = Templates.fiveStage().toBuilder()
                .addRule(TransitionRule.builder("vip")
                        .from("awareness")
                        .to("advocacy")
                        .when(Condition.custom("vip", (p, t) -> {
                            if (down.getAndSet(false)) {
                                throw new IllegalStateException("vip service down");
                            }
                            return false;
                        }))
                        .priority(40)
                        .build())
                .build();
        LifecycleTracker tracker = LifecycleTracker.builder(template).build();
        tracker.accept(event("c1", PURCHASE, day(0), "e1"));

        ClassificationException e =
                assertThrows(ClassificationException.class, () -> tracker.accept(event("c2", PURCHASE, day(1), "e2")));

        assertEquals(
                "condition of rule 'vip' in template 'five-stage' failed for customer 'c1':"
                        + " java.lang.IllegalStateException: vip service down",
                e.getMessage());
        assertEquals(new TrackerStats(1, 2, 1, 1, 0, 0, 0, 0, 0), tracker.stats());
        StringBuilder state = new StringBuilder();
        tracker.exportState(state);
        LifecycleTracker restored = LifecycleTracker.builder(template).restore(new StringReader(state.toString()));
        assertEquals(tracker.stats(), restored.stats());
        tracker.advanceTo(day(1));
        assertEquals("conversion", history(tracker, "c1").currentStage().id());
        assertEquals("conversion", history(tracker, "c2").currentStage().id());
        assertEquals(new TrackerStats(2, 2, 2, 0, 0, 0, 0, 2, 0), tracker.stats());
    }

    // ---- distributions

    @Test
    void distribution_beforeAnything_rejected() {
        LifecycleTracker tracker = fiveStage().build();

        IllegalStateException e = assertThrows(IllegalStateException.class, tracker::distribution);

        assertEquals(
                "the tracker has applied no event and was never advanced; there is no distribution yet",
                e.getMessage());
    }

    @Test
    void distribution_onlyPendingEvents_rejected() {
        LifecycleTracker tracker = fiveStage().build();
        tracker.accept(event("c1", PURCHASE, day(0), "e1"));

        IllegalStateException e = assertThrows(IllegalStateException.class, tracker::distribution);

        assertEquals(
                "the tracker has applied no event and was never advanced; there is no distribution yet",
                e.getMessage());
    }

    @Test
    void distribution_advancedWithoutCustomers_listsEveryStageAtZero() {
        LifecycleTracker tracker = fiveStage().build();
        tracker.advanceTo(day(0));

        StageDistribution d = tracker.distribution();

        assertEquals(FIVE_STAGE_IDS, List.copyOf(d.counts().keySet()));
        assertEquals(0, d.total());
        assertEquals(day(0), d.asOf());
    }

    @Test
    void distribution_everyStageListedZerosIncludedAsOfTrackerTime() {
        LifecycleTracker tracker = fiveStage().build();
        tracker.acceptAll(journey());
        tracker.acceptAll(List.of(event("c3", PURCHASE, day(4), "f1"), event("c4", SITE_VISIT, day(5), "f2")));
        tracker.advanceTo(day(190));

        StageDistribution d = tracker.distribution();

        assertEquals(FIVE_STAGE_IDS, List.copyOf(d.counts().keySet()));
        Map<String, Long> expected = new LinkedHashMap<>();
        expected.put("awareness", 1L);
        expected.put("consideration", 0L);
        expected.put("conversion", 0L);
        expected.put("retention", 0L);
        expected.put("advocacy", 0L);
        expected.put("lapsed", 3L);
        assertEquals(expected, d.counts());
        assertEquals(
                Map.of("awareness", 4L, "consideration", 3L, "conversion", 3L, "retention", 1L, "advocacy", 1L),
                d.reachedCounts());
        assertEquals(day(190), d.asOf());
        assertEquals("five-stage", d.templateName());
    }

    @Test
    void distributionAt_pastInstant_readFromHistoriesWithoutCustomersSeenLater() {
        LifecycleTracker tracker = fiveStage().build();
        tracker.acceptAll(journey());
        tracker.advanceTo(day(190));

        StageDistribution at1 = tracker.distributionAt(day(1));
        StageDistribution at2 = tracker.distributionAt(day(2).minusNanos(1));

        assertEquals(day(1), at1.asOf());
        assertEquals(FIVE_STAGE_IDS, List.copyOf(at1.counts().keySet()));
        assertEquals(2, at1.total());
        assertEquals(1, at1.count("conversion"));
        assertEquals(1, at1.count("consideration"));
        assertEquals(2, at2.total());
        assertEquals(1, tracker.distributionAt(day(0)).total());
        assertEquals(0, tracker.distributionAt(day(-1)).total());
        StageDistribution atLapse = tracker.distributionAt(day(190));
        assertEquals(2, atLapse.count("lapsed"));
        assertEquals(1, atLapse.reached("advocacy"));
        assertEquals(tracker.distribution(), atLapse);
    }

    @Test
    void distributionAt_pastInstant_agreesWithClassifyingTheEventsUpToThen() {
        List<CustomerEvent> events = journey();
        LifecycleTracker tracker = fiveStage().build();
        tracker.acceptAll(events);
        tracker.advanceTo(day(30));
        LifecycleClassifier classifier = LifecycleClassifier.of(Templates.fiveStage());

        for (Instant asOf : List.of(day(0), day(1), day(2), day(3).minusNanos(1), day(4), day(20))) {
            List<CustomerProfile> profiles = Stream.of("c1", "c2")
                    .map(id -> events.stream()
                            .filter(e ->
                                    e.customerId().equals(id) && !e.timestamp().isAfter(asOf))
                            .toList())
                    .filter(list -> !list.isEmpty())
                    .map(list -> CustomerProfile.fromEvents(list.get(0).customerId(), list))
                    .toList();

            assertEquals(classifier.classifyAll(profiles, asOf), tracker.distributionAt(asOf), asOf::toString);
        }
    }

    @Test
    void distributionAt_customerWithoutEventsSinceLapsing_countedAsLapsedWithoutAnAdvance() {
        LifecycleTracker tracker = fiveStage().build();
        CustomerEvent buyer = event("c1", PURCHASE, day(0), "p1");
        List<CustomerEvent> visitor = List.of(
                event("c2", SITE_VISIT, day(0), "v1"),
                event("c2", SITE_VISIT, day(190), "v2"),
                event("c2", SITE_VISIT, day(191), "v3"));
        tracker.accept(buyer);
        visitor.forEach(tracker::accept);

        StageDistribution at190 = tracker.distributionAt(day(190));

        StageDistribution expected = LifecycleClassifier.of(Templates.fiveStage())
                .classifyAll(
                        List.of(
                                CustomerProfile.fromEvents("c1", List.of(buyer)),
                                CustomerProfile.fromEvents("c2", visitor.subList(0, 2))),
                        day(190));
        assertEquals(expected.counts(), at190.counts());
        assertEquals(1, at190.counts().get("lapsed"));
        assertEquals("conversion", history(tracker, "c1").currentStage().id(), "distributionAt changed the tracker");
    }

    @Test
    void distributionAt_afterTheTrackerTime_rejected() {
        LifecycleTracker tracker = fiveStage().build();
        tracker.advanceTo(day(10));

        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> tracker.distributionAt(day(11)));

        assertEquals(
                "asOf " + day(11) + " is after the tracker's time " + day(10) + "; advance the tracker first",
                e.getMessage());
    }

    @Test
    void distributionAt_beforeAnything_rejected() {
        LifecycleTracker tracker = fiveStage().build();

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> tracker.distributionAt(day(0)));

        assertEquals(
                "asOf " + day(0) + " is after the tracker's time (none yet); advance the tracker first",
                e.getMessage());
    }

    @Test
    void customerIds_listsCustomersWithAppliedEventsOnly() {
        LifecycleTracker tracker = fiveStage().build();
        tracker.acceptAll(journey());

        assertEquals(Set.of("c1", "c2"), tracker.customerIds());
        assertEquals(1, tracker.stats().pending(), "the last event waits for the watermark");
        assertFalse(tracker.history("c2").orElseThrow().visits().isEmpty());
    }

    // ---- bad input

    @SuppressWarnings("NullAway") // the test passes null on purpose
    static Stream<Arguments> nullArguments() {
        LifecycleTracker tracker = fiveStage().build();
        LifecycleTracker.Builder builder = fiveStage();
        return Stream.of(
                Arguments.of("template", (Executable) () -> LifecycleTracker.builder(null)),
                Arguments.of("event", (Executable) () -> tracker.accept(null)),
                Arguments.of("events", (Executable) () -> tracker.acceptAll(null)),
                Arguments.of("event", (Executable)
                        () -> tracker.acceptAll(Arrays.asList(event("c1", PURCHASE, day(0), "e1"), null))),
                Arguments.of("instant", (Executable) () -> tracker.advanceTo(null)),
                Arguments.of("asOf", (Executable) () -> tracker.distributionAt(null)),
                Arguments.of("customerId", (Executable) () -> tracker.history(null)),
                Arguments.of("customerId", (Executable) () -> tracker.profile(null)),
                Arguments.of("out", (Executable) () -> tracker.exportState(null)),
                Arguments.of("listener", (Executable) () -> builder.listener(null)),
                Arguments.of("handler", (Executable) () -> builder.onListenerFailure(null)),
                Arguments.of("allowedLateness", (Executable) () -> builder.allowedLateness(null)),
                Arguments.of("state", (Executable) () -> builder.restore(null)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nullArguments")
    void publicMethod_nullArgument_rejectedNamingIt(String parameter, Executable call) {
        NullPointerException e = assertThrows(NullPointerException.class, call);

        assertEquals(parameter, e.getMessage());
    }

    @Test
    void allowedLateness_negative_rejected() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> fiveStage().allowedLateness(Duration.ofSeconds(-1)));

        assertEquals("allowedLateness must be between zero and 290 years but was PT-1S", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "1600-01-01T00:00:00Z",
                "1677-09-21T00:12:43.145224192Z",
                "1677-12-31T23:59:59.999999999Z",
                "2262-01-01T00:00:00Z",
                "2262-04-11T23:47:16.854775807Z",
                "+1000000-01-01T00:00:00Z"
            })
    void accept_timestampOutsideTheYears1678To2261_rejectedNamingTheInstant(String text) {
        Instant at = Instant.parse(text);
        LifecycleTracker tracker = fiveStage().build();

        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> tracker.accept(event("c1", PURCHASE, at, "e1")));

        assertEquals(
                "timestamp must lie between 1678-01-01T00:00:00Z (inclusive) and 2262-01-01T00:00:00Z (exclusive) but was "
                        + at,
                e.getMessage());
        assertEquals(new TrackerStats(0, 0, 0, 0, 0, 0, 0, 0, 0), tracker.stats());
    }

    @ParameterizedTest
    @ValueSource(strings = {"1677-12-31T23:59:59.999999999Z", "2262-01-01T00:00:00Z", "2262-04-11T23:47:16.854775807Z"})
    void advanceTo_instantOutsideTheYears1678To2261_rejectedNamingTheInstant(String text) {
        Instant at = Instant.parse(text);
        LifecycleTracker tracker = fiveStage().build();

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> tracker.advanceTo(at));

        assertEquals(
                "instant must lie between 1678-01-01T00:00:00Z (inclusive) and 2262-01-01T00:00:00Z (exclusive) but was "
                        + at,
                e.getMessage());
        assertEquals(Optional.empty(), tracker.time());
    }

    @ParameterizedTest
    @ValueSource(strings = {"1678-01-01T00:00:00Z", "2261-12-31T23:59:59.999999999Z"})
    void accept_timestampAtTheEdgesOfTheYears1678To2261_applied(String text) {
        Instant at = Instant.parse(text);
        LifecycleTracker tracker = fiveStage().build();

        assertEquals(EventOutcome.ACCEPTED, tracker.accept(event("c1", PURCHASE, at, "e1")));
        tracker.advanceTo(at);

        assertEquals(Optional.of(at), tracker.time());
        assertEquals("conversion", history(tracker, "c1").currentStage().id());
    }

    @Test
    void advanceTo_lastInstantOf2261_laterEventsAreStillRejectedAsLateOrOutOfRange() {
        Instant last = Instant.parse("2261-12-31T23:59:59.999999999Z");
        LifecycleTracker tracker = fiveStage().build();

        tracker.advanceTo(last);

        assertEquals(EventOutcome.LATE, tracker.accept(event("c1", PURCHASE, day(0), "e1")));
        assertEquals(EventOutcome.LATE, tracker.accept(event("c1", PURCHASE, last, "e2")));
    }

    @Test
    void acceptAll_outOfRangeEvent_rejectedNamingTheInstant() {
        Instant at = Instant.parse("1500-06-01T00:00:00Z");
        LifecycleTracker tracker = fiveStage().build();

        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> tracker.acceptAll(List.of(event("c1", PURCHASE, at, "e1"))));

        assertEquals(
                "timestamp must lie between 1678-01-01T00:00:00Z (inclusive) and 2262-01-01T00:00:00Z (exclusive) but was "
                        + at,
                e.getMessage());
    }

    @Test
    void toString_namesTemplateAndStats() {
        LifecycleTracker tracker = fiveStage().build();

        assertAll(
                () -> assertTrue(tracker.toString().contains("five-stage"), tracker::toString),
                () -> assertTrue(tracker.toString().contains(tracker.stats().toString()), tracker::toString));
    }
}
