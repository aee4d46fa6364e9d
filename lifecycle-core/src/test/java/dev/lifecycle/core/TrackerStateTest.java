package dev.lifecycle.core;

import static dev.lifecycle.core.EventType.PRODUCT_VIEW;
import static dev.lifecycle.core.EventType.PURCHASE;
import static dev.lifecycle.core.EventType.REFERRAL;
import static dev.lifecycle.core.EventType.SITE_VISIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

/**
 * Exporting a tracker's state as versioned text and restoring it: round trips, continuing after a restore, and the
 * rejection of empty, foreign, corrupt or incompatible state with a message that names the line.
 */
final class TrackerStateTest {
    private static final Instant T0 = Instant.parse("2025-01-06T09:00:00Z");
    private static final Duration LATENESS = Duration.ofDays(1);

    private static Instant hour(long hours) {
        return T0.plus(Duration.ofHours(hours));
    }

    private static Instant day(long days) {
        return T0.plus(Duration.ofDays(days));
    }

    private static CustomerEvent event(String customerId, EventType type, Instant at, String eventId) {
        return CustomerEvent.builder(customerId, type, at).eventId(eventId).build();
    }

    private static LifecycleTracker.Builder fiveStage() {
        return LifecycleTracker.builder(Templates.fiveStage()).allowedLateness(LATENESS);
    }

    private static String export(LifecycleTracker tracker) throws IOException {
        StringBuilder text = new StringBuilder();
        tracker.exportState(text);
        return text.toString();
    }

    private static LifecycleTracker restore(LifecycleTracker.Builder builder, String text) throws IOException {
        return builder.restore(new StringReader(text));
    }

    private static List<String> lines(String text) {
        return new ArrayList<>(Arrays.asList(text.split("\n")));
    }

    private static String join(List<String> lines) {
        return String.join("\n", lines) + "\n";
    }

    private static int indexOfLineStarting(List<String> lines, String prefix) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix)) {
                return i;
            }
        }
        throw new AssertionError("no line starts with '" + prefix + "' in " + lines);
    }

    private static String crc(List<String> lines) {
        CRC32 crc = new CRC32();
        for (String line : lines) {
            crc.update((line + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return Long.toHexString(crc.getValue());
    }

    /** The lines with the end line's checksum recomputed, so that an edit reaches the checks behind it. */
    private static String withChecksum(List<String> lines) {
        List<String> content = lines.subList(0, lines.size() - 1);
        String[] end = lines.get(lines.size() - 1).split(" ");
        return join(content) + end[0] + " " + end[1] + " " + end[2] + " " + crc(content) + "\n";
    }

    private static IllegalArgumentException rejected(LifecycleTracker.Builder builder, String text) {
        return assertThrows(IllegalArgumentException.class, () -> restore(builder, text));
    }

    /** Events that leave customers in several stages, one lapsed, with waiting, duplicate and late events. */
    private static LifecycleTracker busyTracker(LifecycleTracker.Builder builder) {
        LifecycleTracker tracker = builder.build();
        firstPart().forEach(tracker::accept);
        tracker.advanceTo(day(198));
        return tracker;
    }

    private static List<CustomerEvent> firstPart() {
        return List.of(
                event("c1", SITE_VISIT, day(0), "a1"),
                event("c1", PURCHASE, day(1), "a2"),
                event("c2", PRODUCT_VIEW, day(1), "b1"),
                event("c1", PURCHASE, day(2), "a3"),
                event("c1", PURCHASE, day(2), "a3"),
                event("c3", PURCHASE, day(3), "c1"),
                event("c1", REFERRAL, day(200), "a4"),
                event("c2", SITE_VISIT, day(1), "b2"),
                event("c2", PURCHASE, day(200).minus(Duration.ofHours(3)), "b3"),
                event("c4", SITE_VISIT, day(200).minus(Duration.ofHours(1)), "d1"));
    }

    private static List<CustomerEvent> secondPart() {
        return List.of(
                event("c2", PURCHASE, day(200).minus(Duration.ofHours(2)), "b4"),
                event("c4", PURCHASE, day(201), "d2"),
                event("c3", PURCHASE, day(202), "c2"),
                event("c5", SITE_VISIT, day(203), "e1"),
                event("c5", SITE_VISIT, day(203), "e1"));
    }

    // ---- round trips

    @Test
    void exportState_restoredIntoANewTracker_exportsIdenticalText() throws IOException {
        LifecycleTracker original = busyTracker(fiveStage());
        String text = export(original);

        LifecycleTracker restored = restore(fiveStage(), text);

        assertEquals(text, export(restored));
        assertTrue(text.startsWith("lifecycle-tracker-state 4\ntemplate five-stage "), text);
    }

    @Test
    void restore_busyTracker_keepsHistoriesProfilesStatsAndClock() throws IOException {
        LifecycleTracker original = busyTracker(fiveStage());

        LifecycleTracker restored = restore(fiveStage(), export(original));

        TrackerStats stats = original.stats();
        assertTrue(stats.pending() > 0 && stats.duplicates() > 0 && stats.late() > 0, stats::toString);
        assertEquals(stats, restored.stats());
        assertEquals(original.watermark(), restored.watermark());
        assertEquals(original.time(), restored.time());
        assertEquals(original.customerIds(), restored.customerIds());
        for (String id : original.customerIds()) {
            assertEquals(original.history(id), restored.history(id), id);
            assertEquals(original.profile(id), restored.profile(id), id);
        }
        assertEquals(original.distribution(), restored.distribution());
        assertEquals(original.distributionAt(day(2)), restored.distributionAt(day(2)));
        assertEquals(
                "lapsed", restored.history("c3").orElseThrow().currentStage().id());
        assertEquals(
                "consideration",
                restored.history("c2").orElseThrow().currentStage().id());
    }

    @Test
    void restore_thenMoreEvents_sameStateAndTransitionsAsAnUninterruptedTracker() throws IOException {
        List<StageTransition> uninterruptedSeen = new ArrayList<>();
        LifecycleTracker uninterrupted = busyTracker(fiveStage().listener(uninterruptedSeen::add));
        String text = export(busyTracker(fiveStage()));
        List<StageTransition> restoredSeen = new ArrayList<>();
        LifecycleTracker restored = restore(fiveStage().listener(restoredSeen::add), text);
        uninterruptedSeen.clear();

        for (CustomerEvent e : secondPart()) {
            assertEquals(uninterrupted.accept(e), restored.accept(e), e::toString);
        }
        uninterrupted.advanceTo(day(400));
        restored.advanceTo(day(400));

        assertEquals(7, uninterruptedSeen.size(), uninterruptedSeen::toString);
        for (String id : uninterrupted.customerIds()) {
            assertEquals(
                    uninterruptedSeen.stream()
                            .filter(t -> t.customerId().equals(id))
                            .toList(),
                    restoredSeen.stream().filter(t -> t.customerId().equals(id)).toList(),
                    id);
        }
        assertEquals(export(uninterrupted), export(restored));
        for (String id : uninterrupted.customerIds()) {
            assertEquals(uninterrupted.history(id), restored.history(id), id);
        }
    }

    @Test
    void restore_withListeners_emitsNoTransitionAgain() throws IOException {
        String text = export(busyTracker(fiveStage()));
        List<StageTransition> seen = new ArrayList<>();

        LifecycleTracker restored = restore(fiveStage().listener(seen::add), text);

        assertEquals(List.of(), seen);
        assertTrue(restored.stats().transitions() > 0);
    }

    @Test
    void restore_waitingEvents_appliedOnlyWhenTheWatermarkPassesThem() throws IOException {
        LifecycleTracker original = fiveStage().build();
        original.accept(event("c1", PURCHASE, hour(0), "e1"));
        original.accept(event("c1", PURCHASE, hour(10), "e2"));

        LifecycleTracker restored = restore(fiveStage(), export(original));

        assertEquals(new TrackerStats(0, 2, 0, 2, 0, 0, 0, 0, 0), restored.stats());
        assertEquals(EventOutcome.DUPLICATE, restored.accept(event("c1", PURCHASE, hour(10), "e2")));
        assertEquals(EventOutcome.LATE, restored.accept(event("c1", PURCHASE, hour(-25), "e0")));
        restored.advanceTo(hour(10));
        assertEquals(2, restored.profile("c1").orElseThrow().orderCount());
        assertEquals(
                "retention", restored.history("c1").orElseThrow().currentStage().id());
    }

    @Test
    void restore_emptyTracker_roundTrips() throws IOException {
        LifecycleTracker empty = fiveStage().build();
        String text = export(empty);

        LifecycleTracker restored = restore(fiveStage(), text);

        assertEquals(empty.stats(), restored.stats());
        assertEquals(Optional.empty(), restored.watermark());
        assertEquals(Optional.empty(), restored.time());
        assertSame(Templates.fiveStage(), restored.template());
        assertEquals(text, export(restored));
    }

    @Test
    void restore_idsWithSpacesPercentAndUnicode_roundTrip() throws IOException {
        List<String> ids = List.of(
                "Zoë Müller", "100% sure", "a+b=c&d/e?f#g", "  padded  ", "漢字-😀", "tab\there", "%2B", "-", "end");
        LifecycleTracker original = fiveStage().build();
        for (int i = 0; i < ids.size(); i++) {
            original.accept(event(ids.get(i), PURCHASE, hour(i), "order " + ids.get(i) + " 50%"));
        }
        original.accept(event(ids.get(0), PURCHASE, hour(30), "ü ü%"));
        String text = export(original);

        LifecycleTracker restored = restore(fiveStage(), text);

        assertEquals(text, export(restored));
        assertEquals(original.customerIds(), restored.customerIds());
        assertEquals(new TrackerStats(6, 10, 6, 4, 0, 0, 0, 6, 0), restored.stats());
        assertEquals(EventOutcome.DUPLICATE, restored.accept(event(ids.get(0), PURCHASE, hour(30), "ü ü%")));
        restored.advanceTo(hour(40));
        original.advanceTo(hour(40));
        for (String id : ids) {
            assertEquals(original.history(id), restored.history(id), id);
            assertEquals(original.profile(id), restored.profile(id), id);
        }
        assertEquals(
                "retention",
                restored.history("Zoë Müller").orElseThrow().currentStage().id());
    }

    @Test
    void restore_eventsWithAmountsScoresCustomTypesAndAttributes_roundTripWhileWaitingAndApplied() throws IOException {
        List<CustomerEvent> events = List.of(
                CustomerEvent.builder("c1", PURCHASE, hour(0))
                        .eventId("p1")
                        .amount(Money.of("19.99", "EUR"))
                        .attribute("basket-size", 3.5)
                        .attribute("discount.rate", 1.0E-7)
                        .build(),
                CustomerEvent.builder("c1", EventType.NPS_ANSWER, hour(1))
                        .eventId("n1")
                        .npsScore(9)
                        .build(),
                CustomerEvent.builder("c1", EventType.CUSTOM, hour(2).plusNanos(123_456_789))
                        .eventId("w1")
                        .customType("webinar.signup")
                        .attribute("score", -2.5)
                        .build(),
                CustomerEvent.builder("c1", EventType.REFUND, hour(3))
                        .eventId("r1")
                        .amount(Money.of("5", "EUR"))
                        .build(),
                CustomerEvent.of("c1", EventType.LOYALTY_ENROLMENT, hour(4)).withEventId("l1"),
                CustomerEvent.builder("c1", PURCHASE, hour(5))
                        .eventId("p2")
                        .amount(Money.of("0.01", "EUR"))
                        .build(),
                CustomerEvent.builder("c2", EventType.CUSTOM, hour(5))
                        .eventId("w2")
                        .customType("app-open")
                        .attribute("big", 1.0E300)
                        .build());
        LifecycleTracker original = fiveStage().build();
        original.acceptAll(events);
        assertEquals(events.size(), original.stats().pending(), "all events wait");
        String waiting = export(original);

        LifecycleTracker restored = restore(fiveStage(), waiting);
        assertEquals(waiting, export(restored));

        original.advanceTo(hour(5));
        restored.advanceTo(hour(5));
        String applied = export(original);
        assertEquals(applied, export(restored));
        assertEquals(applied, export(restore(fiveStage(), applied)), "profiles round-trip too");
        CustomerProfile profile = restore(fiveStage(), applied).profile("c1").orElseThrow();
        assertEquals(CustomerProfile.fromEvents("c1", events.subList(0, 6)), profile);
        assertEquals(Optional.of(Money.of("20.00", "EUR")), profile.totalSpend());
        assertEquals(Optional.of(Money.of("5.00", "EUR")), profile.refundedAmount());
        assertEquals(9, profile.lastNpsScore().orElseThrow());
        assertEquals(1, profile.customEventCount("webinar.signup"));
        assertEquals(-2.5, profile.attribute("score").orElseThrow());
        assertEquals(1.0E-7, profile.attribute("discount.rate").orElseThrow());
        assertEquals(Optional.of(hour(4)), profile.loyaltyEnrolledAt());
        assertEquals(
                CustomerProfile.fromEvents("c2", events.subList(6, 7)),
                restore(fiveStage(), applied).profile("c2").orElseThrow());
    }

    // ---- rejections

    @Test
    void restore_emptyInput_rejected() {
        IllegalArgumentException e = rejected(fiveStage(), "");

        assertEquals("tracker state line 1: the state ends early: expected a header", e.getMessage());
    }

    @Test
    void restore_randomText_rejectedAsNotATrackerState() {
        IllegalArgumentException e = rejected(fiveStage(), "Dear customer,\nthank you for your order.\n");

        assertEquals(
                "tracker state line 1: not a lifecycle tracker state: expected 'lifecycle-tracker-state 4' but found"
                        + " 'Dear customer,'",
                e.getMessage());
    }

    @Test
    void restore_unsupportedVersion_rejected() throws IOException {
        List<String> lines = lines(export(busyTracker(fiveStage())));
        lines.set(0, "lifecycle-tracker-state 5");

        IllegalArgumentException e = rejected(fiveStage(), join(lines));

        assertEquals(
                "tracker state line 1: tracker state version 5 is not supported; this library reads versions 1 to 4",
                e.getMessage());
    }

    @Test
    void restore_version1WithoutRejectedCount_readAsNoneRejected() throws IOException {
        LifecycleTracker original = busyTracker(fiveStage());
        TrackerStats stats = original.stats();
        List<String> lines = lines(export(original));
        lines.set(0, "lifecycle-tracker-state 1");
        // versions 1 and 2 fingerprinted the conditions by their descriptions
        lines.set(1, "template five-stage " + TrackerStateCodec.describedFingerprint(Templates.fiveStage()));
        int counters = indexOfLineStarting(lines, "counters ");
        long accepted = stats.applied() + stats.pending();
        lines.set(
                counters,
                "counters " + accepted + " " + stats.applied() + " " + stats.duplicates() + " " + stats.late() + " "
                        + stats.transitions() + " " + stats.listenerFailures());
        String text = withChecksum(lines);

        LifecycleTracker restored = restore(fiveStage(), text);

        assertEquals(stats, restored.stats());
    }

    @Test
    void restore_version2StateSavedByThePreviousRelease_continues() throws IOException {
        String saved;
        try (var in = TrackerStateTest.class.getResourceAsStream("tracker-state-v2.txt")) {
            saved = new String(java.util.Objects.requireNonNull(in, "fixture").readAllBytes(), StandardCharsets.UTF_8);
        }

        LifecycleTracker restored = restore(fiveStage(), saved);

        assertTrue(saved.startsWith("lifecycle-tracker-state 2\n"), saved);
        assertEquals(new TrackerStats(1, 5, 3, 2, 0, 0, 0, 3, 0), restored.stats());
        assertEquals(
                "retention", restored.history("c1").orElseThrow().currentStage().id());
        assertTrue(export(restored).startsWith("lifecycle-tracker-state 4\n"));
    }

    @Test
    void restore_version2StateOfAChangedTemplate_rejected() throws IOException {
        String saved;
        try (var in = TrackerStateTest.class.getResourceAsStream("tracker-state-v2.txt")) {
            saved = new String(java.util.Objects.requireNonNull(in, "fixture").readAllBytes(), StandardCharsets.UTF_8);
        }
        LifecycleTracker.Builder ninetyDays = LifecycleTracker.builder(Templates.fiveStage(Duration.ofDays(90)));

        IllegalArgumentException e = rejected(ninetyDays, saved);

        assertEquals(
                "tracker state line 2: template 'five-stage' has changed since the state was exported (fingerprint "
                        + "554b2ec3, now "
                        + TrackerStateCodec.describedFingerprint(Templates.fiveStage(Duration.ofDays(90)))
                        + "); stages or rules differ",
                e.getMessage());
    }

    @Test
    void fingerprint_readsTheConditionsDataFormNotTheirDescriptions() {
        LifecycleTemplate template = Templates.fiveStage();

        assertEquals("554b2ec3", TrackerStateCodec.describedFingerprint(template));
        assertNotEquals(TrackerStateCodec.describedFingerprint(template), TrackerStateCodec.fingerprint(template));
        assertEquals(
                TrackerStateCodec.fingerprint(template),
                TrackerStateCodec.fingerprint(TemplateSpec.of(template).toTemplate(ConditionRegistry.empty())));
    }

    @Test
    void restore_countersThatDoNotReconcile_rejectedNamingEveryCount() throws IOException {
        LifecycleTracker original = busyTracker(fiveStage());
        TrackerStats stats = original.stats();
        List<String> lines = lines(export(original));
        int counters = indexOfLineStarting(lines, "counters ");
        lines.set(
                counters,
                "counters " + (stats.received() + 1) + " " + stats.applied() + " " + stats.duplicates() + " "
                        + stats.late() + " 0 " + stats.transitions() + " " + stats.listenerFailures());

        IllegalArgumentException e = rejected(fiveStage(), withChecksum(lines));

        assertEquals(
                "tracker state line " + lines.size() + ": counters say " + (stats.received() + 1)
                        + " events received but " + stats.applied() + " applied, " + stats.duplicates()
                        + " duplicates, " + stats.late() + " late, 0 rejected and " + stats.pending()
                        + " waiting; the counts do not reconcile",
                e.getMessage());
    }

    @Test
    void restore_stateOfAnotherTemplate_rejected() throws IOException {
        String text = export(busyTracker(fiveStage()));

        IllegalArgumentException e = rejected(LifecycleTracker.builder(Templates.buyerLifecycle()), text);

        assertEquals(
                "tracker state line 2: tracker state was exported from template 'five-stage' but this tracker follows"
                        + " template 'buyer-lifecycle'",
                e.getMessage());
    }

    @Test
    void restore_sameTemplateNameWithChangedRules_rejected() throws IOException {
        String text = export(busyTracker(fiveStage()));
        LifecycleTracker.Builder ninetyDays = LifecycleTracker.builder(Templates.fiveStage(Duration.ofDays(90)));
        String exportedFingerprint = lines(text).get(1).split(" ")[2];
        String currentFingerprint = lines(export(ninetyDays.build())).get(1).split(" ")[2];

        IllegalArgumentException e = rejected(ninetyDays, text);

        assertNotEquals(exportedFingerprint, currentFingerprint);
        assertEquals(
                "tracker state line 2: template 'five-stage' has changed since the state was exported (fingerprint "
                        + exportedFingerprint + ", now " + currentFingerprint + "); stages or rules differ",
                e.getMessage());
    }

    @Test
    void restore_templateEditedThroughToBuilder_rejected() throws IOException {
        String text = export(busyTracker(fiveStage()));
        LifecycleTemplate edited = Templates.fiveStage().toBuilder()
                .addRule(TransitionRule.builder("nps-promoter")
                        .from("retention")
                        .to("advocacy")
                        .when(Condition.npsAtLeast(9))
                        .priority(5)
                        .build())
                .build();

        String exportedFingerprint = lines(text).get(1).split(" ")[2];
        String currentFingerprint =
                lines(export(LifecycleTracker.builder(edited).build())).get(1).split(" ")[2];

        IllegalArgumentException e = rejected(LifecycleTracker.builder(edited), text);

        assertEquals(
                "tracker state line 2: template 'five-stage' has changed since the state was exported (fingerprint "
                        + exportedFingerprint + ", now " + currentFingerprint + "); stages or rules differ",
                e.getMessage());
    }

    @Test
    void restore_truncatedAfterAVisit_rejected() throws IOException {
        List<String> lines = lines(export(fiveStageWithOneCustomer()));
        List<String> truncated = lines.subList(0, lines.size() - 2);

        IllegalArgumentException e = rejected(fiveStage(), join(truncated));

        assertEquals(
                "tracker state line " + (truncated.size() + 1) + ": the state ends early: expected a 'visit' line",
                e.getMessage());
    }

    @Test
    void restore_endLineMissing_rejected() throws IOException {
        List<String> lines = lines(export(fiveStageWithOneCustomer()));
        List<String> truncated = lines.subList(0, lines.size() - 1);

        IllegalArgumentException e = rejected(fiveStage(), join(truncated));

        assertEquals(
                "tracker state line " + lines.size() + ": the state ends early: expected a customer, event or end line",
                e.getMessage());
    }

    @Test
    void restore_truncatedInsideTheEndLine_rejected() throws IOException {
        String text = export(fiveStageWithOneCustomer());
        List<String> lines = lines(text);
        String cut = text.substring(0, text.length() - 3);
        String written = lines.get(lines.size() - 1).split(" ")[3];

        IllegalArgumentException e = rejected(fiveStage(), cut);

        assertEquals(
                "tracker state line " + lines.size() + ": checksum " + written.substring(0, written.length() - 2)
                        + " does not match the content (" + written + "); the state is corrupt",
                e.getMessage());
    }

    @Test
    void restore_customerLinesDroppedButEndLineKept_rejected() throws IOException {
        List<String> lines = lines(export(busyTracker(fiveStage())));
        int customer = indexOfLineStarting(lines, "customer ");
        int next = indexOfLineStarting(lines.subList(customer + 1, lines.size()), "customer ") + customer + 1;
        List<String> cut = new ArrayList<>(lines.subList(0, customer));
        cut.addAll(lines.subList(next, lines.size()));

        IllegalArgumentException e = rejected(fiveStage(), join(cut));

        assertEquals(
                "tracker state line " + cut.size() + ": the end line counts 3 customers and 3 events but the state"
                        + " holds 2 and 3; the state is incomplete",
                e.getMessage());
    }

    @Test
    void export_profileWithEveryFact_writesTheVersion4ProfileLine() throws IOException {
        LifecycleTracker tracker = fiveStage().build();
        Instant t = day(0);
        tracker.accept(CustomerEvent.builder("p 1", SITE_VISIT, t).eventId("e1").build());
        tracker.accept(CustomerEvent.builder("p 1", PURCHASE, t.plusSeconds(1))
                .eventId("e2")
                .amount(Money.of("12.50", "EUR"))
                .build());
        tracker.accept(CustomerEvent.builder("p 1", EventType.REFUND, t.plusSeconds(2))
                .eventId("e3")
                .amount(Money.of("2.50", "EUR"))
                .build());
        tracker.accept(CustomerEvent.builder("p 1", EventType.NPS_ANSWER, t.plusSeconds(3))
                .eventId("e4")
                .npsScore(9)
                .build());
        tracker.accept(CustomerEvent.builder("p 1", EventType.LOYALTY_ENROLMENT, t.plusSeconds(4))
                .eventId("e5")
                .build());
        tracker.accept(CustomerEvent.builder("p 1", EventType.CUSTOM, t.plusSeconds(5))
                .eventId("e6")
                .customType("web.inar")
                .attribute("tier", 2.5)
                .build());
        tracker.advanceTo(day(30));
        List<String> lines = lines(export(tracker));

        String line = lines.get(indexOfLineStarting(lines, "profile "));

        assertEquals(
                ("profile firstSeen=@0 lastActivity=@5 firstOrderAt=@1"
                                + " count.PURCHASE=1 last.PURCHASE=@1 count.REFUND=1 last.REFUND=@2"
                                + " count.SITE_VISIT=1 last.SITE_VISIT=@0"
                                + " count.NPS_ANSWER=1 last.NPS_ANSWER=@3"
                                + " count.LOYALTY_ENROLMENT=1 last.LOYALTY_ENROLMENT=@4"
                                + " last.CUSTOM=@5 spend=12.50:EUR refunded=2.50:EUR"
                                + " payments=@1:12.50:EUR,@2:-2.50:EUR orders=@1 nps=9"
                                + " loyalty=@4 custom.web.inar=1 attribute.tier=2.5")
                        .replace("@0", nanos(t, 0))
                        .replace("@1", nanos(t, 1))
                        .replace("@2", nanos(t, 2))
                        .replace("@3", nanos(t, 3))
                        .replace("@4", nanos(t, 4))
                        .replace("@5", nanos(t, 5)),
                line);
        assertEquals(
                line, lines(export(restore(fiveStage(), join(lines)))).get(indexOfLineStarting(lines, "profile ")));
    }

    private static String nanos(Instant t, long plusSeconds) {
        return Long.toString(TrackerTime.toNanos(t.plusSeconds(plusSeconds)));
    }

    @Test
    void restore_flippedCharacterInAProfileLine_rejectedByTheChecksum() throws IOException {
        List<String> lines = lines(export(busyTracker(fiveStage())));
        int profile = indexOfLineStarting(lines, "profile ");
        String original = lines.get(profile);
        assertTrue(original.contains(" count.SITE_VISIT=1"), original);
        lines.set(profile, original.replace(" count.SITE_VISIT=1", " count.SITE_VISIT=7"));
        List<String> content = lines.subList(0, lines.size() - 1);
        String written = lines.get(lines.size() - 1).split(" ")[3];

        IllegalArgumentException e = rejected(fiveStage(), join(lines));

        assertEquals(
                "tracker state line " + lines.size() + ": checksum " + written + " does not match the content ("
                        + crc(content) + "); the state is corrupt",
                e.getMessage());
    }

    @Test
    void restore_flippedDigitInAVisitLine_rejectedByTheChecksum() throws IOException {
        List<String> lines = lines(export(busyTracker(fiveStage())));
        int visit = indexOfLineStarting(lines, "visit awareness ");
        String original = lines.get(visit);
        char last = original.charAt(original.length() - 3);
        assertTrue(Character.isDigit(last), original);
        String flipped = original.substring(0, original.length() - 3) + (last == '0' ? '1' : '0') + " -";
        assertTrue(original.endsWith(" -"), original);
        lines.set(visit, flipped);
        String written = lines.get(lines.size() - 1).split(" ")[3];

        IllegalArgumentException e = rejected(fiveStage(), join(lines));

        assertEquals(
                "tracker state line " + lines.size() + ": checksum " + written + " does not match the content ("
                        + crc(lines.subList(0, lines.size() - 1)) + "); the state is corrupt",
                e.getMessage());
    }

    @Test
    void restore_unknownStageInAVisitLine_rejectedNamingLineAndStage() throws IOException {
        List<String> lines = lines(export(busyTracker(fiveStage())));
        int visit = indexOfLineStarting(lines, "visit conversion ");
        lines.set(visit, lines.get(visit).replace("visit conversion ", "visit purchased "));

        IllegalArgumentException e = rejected(fiveStage(), join(lines));

        assertEquals("tracker state line " + (visit + 1) + ": unknown stage 'purchased'", e.getMessage());
    }

    @Test
    void restore_unknownRuleInAVisitLine_rejectedNamingLineAndRule() throws IOException {
        List<String> lines = lines(export(busyTracker(fiveStage())));
        int visit = indexOfLineStarting(lines, "visit conversion ");
        lines.set(visit, lines.get(visit).replace(" first-purchase", " first-order"));

        IllegalArgumentException e = rejected(fiveStage(), join(lines));

        assertEquals("tracker state line " + (visit + 1) + ": unknown rule 'first-order'", e.getMessage());
    }

    @Test
    void restore_extraLineAfterEnd_rejected() throws IOException {
        String text = export(busyTracker(fiveStage()));
        int endLine = lines(text).size();

        IllegalArgumentException e = rejected(fiveStage(), text + "customer x awareness awareness 1\n");

        assertEquals("tracker state line " + endLine + ": unexpected content after the end line", e.getMessage());
    }

    @Test
    void restore_twoStatesConcatenated_rejected() throws IOException {
        String text = export(busyTracker(fiveStage()));

        IllegalArgumentException e = rejected(fiveStage(), text + text);

        assertEquals(
                "tracker state line " + lines(text).size() + ": unexpected content after the end line", e.getMessage());
    }

    @Test
    void restore_rejectedState_leavesNoTrackerBehindAndTheBuilderUsable() throws IOException {
        LifecycleTracker.Builder builder = fiveStage();
        String text = export(busyTracker(fiveStage()));
        IllegalArgumentException e = rejected(builder, text.replace("template five-stage", "template six-stage"));
        assertEquals(
                "tracker state line 2: tracker state was exported from template 'six-stage' but this tracker follows"
                        + " template 'five-stage'",
                e.getMessage());

        LifecycleTracker restored = restore(builder, text);

        assertEquals(text, export(restored));
    }

    /** One customer with amounts in the profile, one waiting event with an amount and an NPS answer. */
    private static String exportWithAmounts() throws IOException {
        LifecycleTracker tracker = LifecycleTracker.builder(Templates.fiveStage())
                .allowedLateness(LATENESS)
                .build();
        tracker.accept(CustomerEvent.builder("c1", PURCHASE, hour(0))
                .eventId("p1")
                .amount(Money.of("19.99", "EUR"))
                .build());
        tracker.accept(CustomerEvent.builder("c1", EventType.NPS_ANSWER, hour(48))
                .eventId("n1")
                .npsScore(9)
                .build());
        tracker.accept(CustomerEvent.builder("c1", PURCHASE, hour(49))
                .eventId("p2")
                .amount(Money.of("5.00", "EUR"))
                .build());
        return export(tracker);
    }

    /** Replaces {@code from} by {@code to} in the first line holding it, fixes the checksum, and restores. */
    private static IllegalArgumentException rejectedWith(String text, String from, String to) {
        List<String> lines = lines(text);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(from)) {
                lines.set(i, lines.get(i).replace(from, to));
                String edited = withChecksum(lines);
                return rejected(fiveStage().allowedLateness(LATENESS), edited);
            }
        }
        throw new AssertionError("no line holds '" + from + "' in " + text);
    }

    private static int lineHolding(String text, String part) {
        List<String> lines = lines(text);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(part)) {
                return i + 1;
            }
        }
        throw new AssertionError("no line holds '" + part + "' in " + text);
    }

    @Test
    void restore_hugeAmountInAProfile_refusedNamingTheLineAndTheLimit() throws IOException {
        String text = exportWithAmounts();

        IllegalArgumentException e = assertTimeoutPreemptively(
                Duration.ofSeconds(5), () -> rejectedWith(text, "spend=19.99:EUR", "spend=1e99999999:EUR"));

        assertEquals(
                "tracker state line " + lineHolding(text, "spend=19.99:EUR")
                        + ": malformed money '1e99999999:EUR': amount must have at most 18 digits before the decimal"
                        + " point but was 1E+99999999",
                e.getMessage());
    }

    @Test
    void restore_hugeAmountOfAWaitingEvent_refusedNamingTheLineAndTheLimit() throws IOException {
        String text = exportWithAmounts();
        String digits = "9".repeat(100_000);

        IllegalArgumentException e = assertTimeoutPreemptively(
                Duration.ofSeconds(5), () -> rejectedWith(text, " 5.00:EUR ", " " + digits + ":EUR "));

        assertEquals(
                "tracker state line " + lineHolding(text, " 5.00:EUR ") + ": malformed money '" + "9".repeat(80)
                        + "... (100004 characters)': amount must be at most 64 characters long but was 100000"
                        + " characters: '" + "9".repeat(64) + "…'",
                e.getMessage());
    }

    @Test
    void restore_instantOutsideTheSupportedRange_refusedNamingTheLine() throws IOException {
        String text = exportWithAmounts();
        String visit = lines(text).get(lineHolding(text, "visit awareness ") - 1);
        String entered = visit.split(" ")[2];
        long early = Long.MIN_VALUE + 1;

        IllegalArgumentException e = rejectedWith(text, "visit awareness " + entered, "visit awareness " + early);

        assertEquals(
                "tracker state line " + lineHolding(text, "visit awareness ") + ": instant " + early
                        + " (1677-09-21T00:12:43.145224193Z) must lie between 1678-01-01T00:00:00Z (inclusive) and"
                        + " 2262-01-01T00:00:00Z (exclusive)",
                e.getMessage());
    }

    @Test
    void restore_npsScoreBeyondAnInt_refusedInsteadOfWrapping() throws IOException {
        String text = exportWithAmounts();

        IllegalArgumentException e = rejectedWith(text, "- 9 -", "- 4294967305 -");

        assertEquals(
                "tracker state line " + lineHolding(text, "- 9 -")
                        + ": NPS score must be between 0 and 10 but was 4294967305",
                e.getMessage());
    }

    @Test
    void restore_customerClaimingBillionsOfVisits_refusedAtTheFirstMissingVisitWithoutAllocatingThem()
            throws IOException {
        String text = exportWithAmounts();
        String customer = lines(text).get(lineHolding(text, "customer c1 ") - 1);
        String claimed = customer.substring(0, customer.lastIndexOf(' ')) + " 2000000000";

        IllegalArgumentException e = rejectedWith(text, customer, claimed);

        assertEquals(
                "tracker state line " + (lineHolding(text, "customer c1 ") + 4)
                        + ": expected a 'visit' line but found 'event'",
                e.getMessage());
    }

    @Test
    void restore_sameWaitingEventTwice_rejectedNamingTheEventInsteadOfDroppingOne() throws IOException {
        List<String> lines = lines(exportWithAmounts());
        int event = indexOfLineStarting(lines, "event p2 c1 ");
        lines.add(event + 1, lines.get(event));
        int counters = indexOfLineStarting(lines, "counters ");
        String[] counts = lines.get(counters).split(" ");
        counts[1] = String.valueOf(Long.parseLong(counts[1]) + 1);
        lines.set(counters, String.join(" ", counts));
        String[] end = lines.get(lines.size() - 1).split(" ");
        lines.set(lines.size() - 1, "end " + end[1] + " " + (Long.parseLong(end[2]) + 1) + " " + end[3]);

        IllegalArgumentException e = rejected(fiveStage(), withChecksum(lines));

        assertEquals(
                "tracker state line " + (event + 2) + ": waiting event 'p2' of customer 'c1' appears twice",
                e.getMessage());
    }

    @Test
    void restore_blankCustomerId_rejectedNamingTheLine() throws IOException {
        String text = exportWithAmounts();

        IllegalArgumentException e = rejectedWith(text, "customer c1 ", "customer + ");

        assertEquals(
                "tracker state line " + lineHolding(text, "customer c1 ")
                        + ": customer id must not be blank but was ' '",
                e.getMessage());
    }

    @Test
    void restore_endlessLine_refusedAtTheLineLimitInsteadOfReadUntilMemoryRunsOut() {
        Reader endless = new Reader() {
            @Override
            public int read(char[] buffer, int offset, int length) {
                Arrays.fill(buffer, offset, offset + length, 'x');
                return length;
            }

            @Override
            public void close() {}
        };

        IllegalArgumentException e = assertTimeoutPreemptively(
                Duration.ofSeconds(30),
                () -> assertThrows(
                        IllegalArgumentException.class, () -> fiveStage().restore(endless)));

        assertEquals(
                "tracker state line 1: the line is longer than 67108864 characters, the most a state line may have: '"
                        + "x".repeat(80) + "... (67108864 characters)'",
                e.getMessage());
    }

    @Test
    void exportState_lineLongerThanAStateLineMayHave_refusedRatherThanWrittenUnreadable() {
        String id = "c".repeat(TrackerStateCodec.MAX_LINE_CHARS);
        LifecycleTracker tracker = fiveStage().build();
        tracker.accept(event(id, PURCHASE, hour(0), "e1"));
        StringBuilder out = new StringBuilder();

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> tracker.exportState(out));

        int length = ("event e1 " + id + " PURCHASE " + TrackerTime.toNanos(hour(0)) + " - - - -").length();
        assertEquals(
                "the state cannot be exported: a line would have " + length
                        + " characters, more than the 67108864 a state line may have, so the state could not be"
                        + " restored: 'event e1 " + "c".repeat(71) + "... (" + length + " characters)'",
                e.getMessage());
        assertFalse(out.toString().contains("\nend "), "no end line");
    }

    /** The state of {@link #fiveStageWithOneCustomer()} with its profile line edited and the checksum fixed. */
    private static String withProfile(UnaryOperator<String> edit) throws IOException {
        List<String> lines = lines(export(fiveStageWithOneCustomer()));
        int profile = indexOfLineStarting(lines, "profile ");
        lines.set(profile, edit.apply(lines.get(profile)));
        return withChecksum(lines);
    }

    @Test
    void restore_profileWithAHundredThousandOrdersOutOfTimeOrder_readInTimeAndInOrder() throws IOException {
        int n = 100_000;
        long first = TrackerTime.toNanos(day(0));
        StringBuilder orders = new StringBuilder(" orders=");
        for (int i = n - 1; i >= 0; i--) {
            orders.append(i == n - 1 ? "" : ",").append(first + i);
        }
        // one order more than instants, the last, at first + n
        String text =
                withProfile(line -> "profile count.PURCHASE=" + (n + 1) + " last.PURCHASE=" + (first + n) + orders);

        LifecycleTracker restored = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> restore(fiveStage(), text));

        List<Instant> times = restored.profile("c1").orElseThrow().orderTimes();
        assertEquals(n, times.size());
        assertEquals(day(0), times.get(0));
        assertEquals(day(0).plusNanos(n - 1), times.get(n - 1));
    }

    @Test
    void restore_profileWithAHundredThousandCustomEventNames_readInTime() throws IOException {
        int n = 100_000;
        StringBuilder custom = new StringBuilder();
        for (int i = 0; i < n; i++) {
            custom.append(" custom.quiz").append(i).append("=2");
        }
        String text = withProfile(line -> line + custom);

        LifecycleTracker restored = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> restore(fiveStage(), text));

        CustomerProfile profile = restored.profile("c1").orElseThrow();
        assertEquals(2L * n, profile.eventCount(EventType.CUSTOM));
        assertEquals(n, profile.customEventCounts().size());
    }

    private static LifecycleTracker fiveStageWithOneCustomer() {
        LifecycleTracker tracker =
                LifecycleTracker.builder(Templates.fiveStage()).build();
        tracker.accept(event("c1", PURCHASE, day(0), "e1"));
        tracker.accept(event("c1", PURCHASE, day(1), "e2"));
        tracker.advanceTo(day(1));
        return tracker;
    }
}
