package dev.lifecycle.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** A classification at asOf uses only facts dated at or before asOf: a snapshot with a later fact is refused. */
final class FactsAfterAsOfTest {
    private static final Instant AS_OF = Instant.parse("2024-06-01T00:00:00Z");
    private static final LifecycleClassifier FIVE_STAGE = LifecycleClassifier.of(Templates.fiveStage());
    private static final String RULE = "; a classification at asOf uses only facts dated at or before asOf, so classify"
            + " at or after the latest fact, or fold only the events up to asOf";

    private static CustomerEvent purchase(String customer, String id, Instant at) {
        return CustomerEvent.builder(customer, EventType.PURCHASE, at)
                .eventId(id)
                .amount(Money.of("20", "USD"))
                .build();
    }

    /** The case: orders 200 days before and 10 days after asOf. */
    private static List<CustomerEvent> ordersAroundAsOf(String customer) {
        return List.of(
                purchase(customer, customer + "-1", AS_OF.minus(Duration.ofDays(200))),
                purchase(customer, customer + "-2", AS_OF.plus(Duration.ofDays(10))));
    }

    private static String iae(Executable call) {
        return String.valueOf(assertThrows(IllegalArgumentException.class, call).getMessage());
    }

    @Test
    void classify_orderAfterAsOf_rejectedNamingCustomerFactAndInstants() {
        CustomerProfile profile = CustomerProfile.fromEvents("c1", ordersAroundAsOf("c1"));
        String expected = "customer 'c1' has a fact dated after asOf 2024-06-01T00:00:00Z: lastOrderAt"
                + " 2024-06-11T00:00:00Z" + RULE;

        assertEquals(expected, iae(() -> FIVE_STAGE.classify(profile, AS_OF)));
        assertEquals(expected, iae(() -> FIVE_STAGE.classifyAll(List.of(profile), AS_OF)));
        assertEquals(expected, iae(() -> List.of(profile).stream().collect(FIVE_STAGE.toDistribution(AS_OF))));
    }

    @Test
    void classifyAll_tableWithLaterFacts_rejectedNamingTheFirstOffendingRow() {
        List<CustomerEvent> events = new java.util.ArrayList<>();
        events.add(purchase("on-time", "e0", AS_OF.minus(Duration.ofDays(1))));
        events.addAll(ordersAroundAsOf("late-1"));
        events.addAll(ordersAroundAsOf("late-2"));
        String expected = "customer 'late-1' has a fact dated after asOf 2024-06-01T00:00:00Z: lastOrderAt"
                + " 2024-06-11T00:00:00Z" + RULE;
        for (ProfileTable table : List.of(
                ProfileTable.fromEvents(events),
                ProfileTable.of(ProfileTable.fromEvents(events).profiles()))) {
            assertEquals(expected, iae(() -> FIVE_STAGE.classifyAll(table, AS_OF)));
            assertEquals(expected, iae(() -> FIVE_STAGE.classifyAllParallel(table, AS_OF)));
        }
    }

    @Test
    void classify_factsAtAsOf_accepted_andLaterAsOfSeesBothOrders() {
        CustomerProfile profile = CustomerProfile.fromEvents("c1", ordersAroundAsOf("c1"));
        Instant lastOrder = AS_OF.plus(Duration.ofDays(10));
        ProfileTable table = ProfileTable.of(List.of(profile));

        assertEquals(
                "retention", FIVE_STAGE.classify(profile, lastOrder).stage().id());
        assertEquals(1L, FIVE_STAGE.classifyAll(table, lastOrder).count("retention"));
        assertEquals(1L, FIVE_STAGE.classifyAll(List.of(profile), lastOrder).count("retention"));
    }

    @Test
    void classify_eachKindOfLaterFact_namedInTheMessage() {
        Instant later = AS_OF.plusNanos(1);
        Money money = Money.of("5", "USD");
        List<Function<CustomerProfile.Builder, CustomerProfile.Builder>> edits = List.of(
                b -> b.lastActivity(later),
                b -> b.eventCount(EventType.SITE_VISIT, 1).lastEventAt(EventType.SITE_VISIT, later),
                b -> b.payment(later, money),
                b -> b.loyaltyEnrolledAt(later),
                b -> b.lastNpsScore(9, later),
                b -> b.orderCount(2).firstOrderAt(AS_OF).lastOrderAt(later));
        List<String> names = List.of(
                "lastActivity",
                "lastEventAt(SITE_VISIT)",
                "payment 5.00 USD",
                "lastEventAt(LOYALTY_ENROLMENT)",
                "lastEventAt(NPS_ANSWER)",
                "lastOrderAt");

        for (int i = 0; i < edits.size(); i++) {
            CustomerProfile profile =
                    edits.get(i).apply(CustomerProfile.builder("c1")).build();
            assertEquals(
                    "customer 'c1' has a fact dated after asOf 2024-06-01T00:00:00Z: " + names.get(i) + " " + later
                            + RULE,
                    iae(() -> FIVE_STAGE.classify(profile, AS_OF)),
                    names.get(i));
        }
    }

    @Test
    void classify_loyaltyEnrolledAfterItsLastEventInstant_namedAsLoyaltyEnrolledAt() {
        CustomerProfile profile = CustomerProfile.builder("c1")
                .eventCount(EventType.LOYALTY_ENROLMENT, 1)
                .lastEventAt(EventType.LOYALTY_ENROLMENT, AS_OF)
                .loyaltyEnrolledAt(AS_OF.plusSeconds(1))
                .build();

        assertEquals(
                "customer 'c1' has a fact dated after asOf 2024-06-01T00:00:00Z: loyaltyEnrolledAt"
                        + " 2024-06-01T00:00:01Z" + RULE,
                iae(() -> FIVE_STAGE.classify(profile, AS_OF)));
    }
}
