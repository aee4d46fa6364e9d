package dev.lifecycle.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Spend within a trailing window: "spent at least 1,000 in the last 365 days". */
final class SpentWithinTest {
    private static final Instant AS_OF = Instant.parse("2026-06-01T00:00:00Z");
    private static final Duration YEAR = Duration.ofDays(365);
    private static final Condition VIP = Condition.spentAtLeast(Money.of("1000", "USD"), YEAR);

    private static CustomerEvent order(String id, Instant at, String amount) {
        return CustomerEvent.builder("c1", EventType.PURCHASE, at)
                .eventId(id)
                .amount(Money.of(amount, "USD"))
                .build();
    }

    @Test
    void test_ordersInsideAndOutsideWindow_onlyInsideCount() {
        CustomerProfile profile = CustomerProfile.fromEvents(
                "c1",
                List.of(
                        order("o1", AS_OF.minus(YEAR).minusSeconds(1), "900.00"),
                        order("o2", AS_OF.minus(YEAR), "600.00"),
                        order("o3", AS_OF.minus(Duration.ofDays(10)), "400.00"),
                        order("o4", AS_OF.plusSeconds(1), "5000.00")));

        assertTrue(VIP.test(profile, AS_OF));
        assertEquals(
                "net spend 1000.00 USD within 365 days before asOf 2026-06-01T00:00:00Z >= 1000.00 USD",
                VIP.evidence(profile, AS_OF));
        assertFalse(VIP.test(profile, AS_OF.plusNanos(1)), "o2 leaves the window a nanosecond later");
    }

    @Test
    void test_refundInsideWindow_reducesSpend() {
        CustomerProfile profile = CustomerProfile.fromEvents(
                "c1",
                List.of(
                        order("o1", AS_OF.minus(Duration.ofDays(30)), "1200.00"),
                        CustomerEvent.builder("c1", EventType.REFUND, AS_OF.minus(Duration.ofDays(20)))
                                .eventId("r1")
                                .amount(Money.of("300.00", "USD"))
                                .build()));

        assertFalse(VIP.test(profile, AS_OF));
        assertEquals(
                List.of(
                        new CustomerProfile.Payment(AS_OF.minus(Duration.ofDays(30)), Money.of("1200.00", "USD")),
                        new CustomerProfile.Payment(AS_OF.minus(Duration.ofDays(20)), Money.of("-300.00", "USD"))),
                profile.payments());
    }

    @Test
    void test_otherCurrency_classificationFailsNamingTheRule() {
        CustomerProfile profile = CustomerProfile.builder("c1")
                .orderCount(1)
                .lastOrderAt(AS_OF)
                .payment(AS_OF, Money.of("2000", "EUR"))
                .build();
        LifecycleTemplate template = Templates.fiveStage().toBuilder()
                .addStage(Stage.builder("vip").sideStage(true).build())
                .addRule(TransitionRule.builder("vip")
                        .from("conversion")
                        .to("vip")
                        .when(VIP)
                        .priority(99)
                        .build())
                .build();

        ClassificationException e = assertThrows(
                ClassificationException.class,
                () -> LifecycleClassifier.of(template).classify(profile, AS_OF));

        assertEquals("vip", e.ruleId());
    }

    @Test
    void tracker_spendLeavesWindow_vipEndsExactlyThen() {
        LifecycleTemplate template = Templates.fiveStage().toBuilder()
                .addStage(Stage.builder("vip").sideStage(true).build())
                .addRule(TransitionRule.builder("vip")
                        .from("retention")
                        .to("vip")
                        .when(VIP)
                        .priority(99)
                        .build())
                .addRule(TransitionRule.builder("vip-ends")
                        .from("vip")
                        .to("retention")
                        .when(Condition.not(VIP))
                        .build())
                .build();
        List<StageTransition> seen = new ArrayList<>();
        LifecycleTracker tracker =
                LifecycleTracker.builder(template).listener(seen::add).build();
        Instant first = AS_OF.minus(Duration.ofDays(100));
        Instant second = AS_OF.minus(Duration.ofDays(90));

        tracker.acceptAll(List.of(order("o1", first, "700.00"), order("o2", second, "400.00")));
        tracker.advanceTo(AS_OF.plus(YEAR));

        assertEquals(
                List.of(
                        new StageTransition("c1", "awareness", "conversion", first, "first-purchase"),
                        new StageTransition("c1", "conversion", "retention", second, "second-purchase"),
                        new StageTransition("c1", "retention", "vip", second, "vip"),
                        new StageTransition(
                                "c1", "vip", "retention", first.plus(YEAR).plusNanos(1), "vip-ends"),
                        new StageTransition(
                                "c1", "retention", "lapsed", first.plus(YEAR).plusNanos(1), "lapse")),
                seen,
                "vip has no lapse rule: the customer lapses once the spend has left the window and vip ends");
    }

    @Test
    void spec_windowedSpend_roundTripsAsData() {
        ConditionSpec spec = ConditionSpec.of(VIP);

        assertEquals(
                new ConditionSpec(
                        "spent-at-least", Map.of("amount", "1000.00", "currency", "USD", "window", "P365D"), List.of()),
                spec);
        assertEquals(VIP, spec.toCondition(ConditionRegistry.empty()));
    }
}
