package dev.lifecycle.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Which event types a condition reads: the fold's map from event types to facts checked against the fold itself, each
 * built-in condition's answer, and the promise behind it (events of a type a condition does not read never change its
 * truth).
 */
final class EventTypesReadTest {
    private static final String ID = "c1";
    private static final Instant T0 = Instant.parse("2025-01-10T10:00:00Z");
    private static final Instant AS_OF = Instant.parse("2026-01-01T00:00:00Z");

    /** What each fact of {@link CustomerProfile.Fact} is, read through the public accessors. */
    private static final Map<CustomerProfile.Fact, Function<CustomerProfile, Object>> FACTS = facts();

    private static Map<CustomerProfile.Fact, Function<CustomerProfile, Object>> facts() {
        Map<CustomerProfile.Fact, Function<CustomerProfile, Object>> facts = new EnumMap<>(CustomerProfile.Fact.class);
        facts.put(
                CustomerProfile.Fact.ORDERS,
                p -> List.of(p.orderCount(), p.firstOrderAt(), p.lastOrderAt(), p.orderTimes()));
        facts.put(
                CustomerProfile.Fact.SPEND,
                p -> List.of(p.totalSpend(), p.refundedAmount(), p.netSpend(), p.payments()));
        facts.put(CustomerProfile.Fact.ENGAGEMENT, CustomerProfile::engagementCount);
        facts.put(CustomerProfile.Fact.NPS, CustomerProfile::lastNpsScore);
        facts.put(CustomerProfile.Fact.LOYALTY, p -> List.of(p.isLoyaltyMember(), p.loyaltyEnrolledAt()));
        facts.put(CustomerProfile.Fact.CUSTOM_COUNTS, CustomerProfile::customEventCounts);
        facts.put(CustomerProfile.Fact.ACTIVITY, p -> List.of(p.firstSeen(), p.lastActivity()));
        facts.put(CustomerProfile.Fact.ATTRIBUTES, CustomerProfile::attributes);
        return facts;
    }

    /** An event of the type carrying whatever that type can carry: an amount, a score, a name, an attribute. */
    private static CustomerEvent event(EventType type, Instant at) {
        CustomerEvent.Builder event = CustomerEvent.builder(ID, type, at).attribute("tier", 2);
        switch (type) {
            case PURCHASE, REFUND -> event.amount(Money.of("10.00", "USD"));
            case NPS_ANSWER -> event.npsScore(9);
            case CUSTOM -> event.customType("webinar");
            default -> {
                // nothing more to carry
            }
        }
        return event.build();
    }

    @Test
    void facts_oneEventOfEachType_changesExactlyTheFactsItsTypeSets() {
        assertEquals(EnumSet.allOf(CustomerProfile.Fact.class), FACTS.keySet());
        CustomerProfile none = CustomerProfile.fromEvents(ID, List.of());
        for (EventType type : EventType.values()) {
            CustomerProfile one = CustomerProfile.fromEvents(ID, List.of(event(type, T0)));
            for (Map.Entry<CustomerProfile.Fact, Function<CustomerProfile, Object>> fact : FACTS.entrySet()) {
                boolean changed =
                        !fact.getValue().apply(none).equals(fact.getValue().apply(one));
                assertEquals(
                        fact.getKey().eventTypes().contains(type),
                        changed,
                        "a " + type + " event and fact " + fact.getKey());
            }
            for (EventType counted : EventType.values()) {
                boolean changed =
                        one.eventCount(counted) != 0 || one.lastEventAt(counted).isPresent();
                assertEquals(
                        CustomerProfile.Fact.ofType(counted).contains(type),
                        changed,
                        "a " + type + " event and the count of " + counted);
            }
        }
    }

    @Test
    void eventTypesRead_builtInConditions_theTypesOfTheFactsTheyRead() {
        Duration days = Duration.ofDays(30);
        Map<Condition, Set<EventType>> expected = Map.ofEntries(
                Map.entry(Condition.firstPurchase(), EnumSet.of(EventType.PURCHASE)),
                Map.entry(Condition.secondPurchase(), EnumSet.of(EventType.PURCHASE)),
                Map.entry(Condition.ordersAtLeast(5), EnumSet.of(EventType.PURCHASE)),
                Map.entry(Condition.noPurchaseFor(days), EnumSet.of(EventType.PURCHASE)),
                Map.entry(Condition.firstPurchaseAtLeastAgo(days), EnumSet.of(EventType.PURCHASE)),
                Map.entry(Condition.ordersWithin(2, days), EnumSet.of(EventType.PURCHASE)),
                Map.entry(
                        Condition.spentAtLeast(Money.of("100", "USD")),
                        EnumSet.of(EventType.PURCHASE, EventType.REFUND)),
                Map.entry(
                        Condition.spentAtLeast(Money.of("100", "USD"), days),
                        EnumSet.of(EventType.PURCHASE, EventType.REFUND)),
                Map.entry(Condition.referralsAtLeast(1), EnumSet.of(EventType.REFERRAL)),
                Map.entry(
                        Condition.engaged(1),
                        EnumSet.of(EventType.PRODUCT_VIEW, EventType.CART_ADD, EventType.SIGN_UP)),
                Map.entry(Condition.eventCountAtLeast(EventType.REVIEW, 2), EnumSet.of(EventType.REVIEW)),
                Map.entry(Condition.eventWithin(EventType.EMAIL_OPEN, days), EnumSet.of(EventType.EMAIL_OPEN)),
                Map.entry(Condition.customEventCountAtLeast("webinar", 1), EnumSet.of(EventType.CUSTOM)),
                Map.entry(Condition.npsAtLeast(9), EnumSet.of(EventType.NPS_ANSWER)),
                Map.entry(Condition.npsAtMost(6), EnumSet.of(EventType.NPS_ANSWER)),
                Map.entry(Condition.loyaltyMember(), EnumSet.of(EventType.LOYALTY_ENROLMENT)),
                Map.entry(
                        Condition.attribute("tier", Condition.Comparison.AT_LEAST, 2), EnumSet.allOf(EventType.class)),
                Map.entry(Condition.inactiveFor(days), EnumSet.allOf(EventType.class)));
        for (Map.Entry<Condition, Set<EventType>> entry : expected.entrySet()) {
            assertEquals(
                    Optional.of(entry.getValue()),
                    entry.getKey().eventTypesRead(),
                    entry.getKey().description());
        }
    }

    @Test
    void eventTypesRead_combinators_unionOfTheirParts() {
        Condition purchases = Condition.secondPurchase();
        Condition referrals = Condition.referralsAtLeast(1);

        assertEquals(
                Optional.of(EnumSet.of(EventType.PURCHASE, EventType.REFERRAL)),
                purchases.and(referrals).eventTypesRead());
        assertEquals(
                Optional.of(EnumSet.of(EventType.PURCHASE, EventType.REFERRAL, EventType.NPS_ANSWER)),
                Condition.anyOf(purchases, referrals, Condition.npsAtLeast(9)).eventTypesRead());
        assertEquals(
                Optional.of(EnumSet.of(EventType.REFERRAL)), referrals.negate().eventTypesRead());
    }

    @Test
    void eventTypesRead_customConditionsAndLambdas_unknown() {
        Condition custom = Condition.custom("vip", (profile, asOf) -> true);
        Condition lambda = (profile, asOf) -> profile.siteVisits() > 3;

        assertTrue(custom.eventTypesRead().isEmpty());
        assertTrue(lambda.eventTypesRead().isEmpty());
        assertTrue(Condition.firstPurchase().and(custom).eventTypesRead().isEmpty());
        assertTrue(Condition.anyOf(lambda, Condition.loyaltyMember())
                .eventTypesRead()
                .isEmpty());
        assertTrue(Condition.not(custom).eventTypesRead().isEmpty());
    }

    @Test
    void eventTypesRead_eventsOfTypesNotRead_neverChangeTheCondition() {
        Duration days = Duration.ofDays(30);
        List<Condition> conditions = List.of(
                Condition.ordersAtLeast(2),
                Condition.noPurchaseFor(days),
                Condition.firstPurchaseAtLeastAgo(days),
                Condition.ordersWithin(2, Duration.ofDays(400)),
                Condition.spentAtLeast(Money.of("15", "USD")),
                Condition.spentAtLeast(Money.of("15", "USD"), Duration.ofDays(400)),
                Condition.referralsAtLeast(1),
                Condition.engaged(2),
                Condition.eventCountAtLeast(EventType.REVIEW, 1),
                Condition.eventWithin(EventType.SITE_VISIT, days),
                Condition.customEventCountAtLeast("webinar", 1),
                Condition.npsAtLeast(9),
                Condition.npsAtMost(6),
                Condition.loyaltyMember(),
                Condition.secondPurchase().and(Condition.referralsAtLeast(1).negate()));
        // histories: nothing, one purchase, two purchases and a visit; each followed by one event of every type
        List<List<CustomerEvent>> histories = List.of(
                List.of(),
                List.of(event(EventType.PURCHASE, T0)),
                List.of(
                        event(EventType.PURCHASE, T0),
                        event(EventType.PURCHASE, T0.plus(Duration.ofDays(40))),
                        event(EventType.SITE_VISIT, T0.plus(Duration.ofDays(41)))));
        Instant later = T0.plus(Duration.ofDays(300));
        for (Condition condition : conditions) {
            Set<EventType> read = condition.eventTypesRead().orElseThrow();
            for (List<CustomerEvent> history : histories) {
                boolean before = condition.test(CustomerProfile.fromEvents(ID, history), AS_OF);
                for (EventType type : EventType.values()) {
                    List<CustomerEvent> more = new ArrayList<>(history);
                    more.add(event(type, later));
                    boolean after = condition.test(CustomerProfile.fromEvents(ID, more), AS_OF);
                    if (!read.contains(type)) {
                        assertEquals(before, after, condition.description() + " after a " + type + " event");
                    }
                }
            }
        }
    }
}
