package dev.lifecycle.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.testing.EqualsTester;
import com.google.common.testing.NullPointerTester;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Building profiles from facts, folding them from events, and what they reject. */
final class CustomerProfileTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private static Instant day(int n) {
        return T0.plus(Duration.ofDays(n));
    }

    private static CustomerEvent event(EventType type, int day) {
        return CustomerEvent.of("c1", type, day(day));
    }

    private static CustomerEvent purchase(int day, String amount) {
        return CustomerEvent.builder("c1", EventType.PURCHASE, day(day))
                .amount(Money.of(amount, "USD"))
                .build();
    }

    private static CustomerEvent refund(int day, String amount) {
        return CustomerEvent.builder("c1", EventType.REFUND, day(day))
                .amount(Money.of(amount, "USD"))
                .build();
    }

    private static CustomerEvent nps(String id, int day, int score) {
        return CustomerEvent.builder("c1", EventType.NPS_ANSWER, day(day))
                .eventId(id)
                .npsScore(score)
                .build();
    }

    private static String iae(Executable call) {
        return String.valueOf(assertThrows(IllegalArgumentException.class, call).getMessage());
    }

    // ---- builder: bad input

    @Test
    void builder_blankCustomerId_rejected() {
        assertEquals("customerId must not be blank but was ''", iae(() -> CustomerProfile.builder("")));
    }

    @Test
    void orderCount_negative_rejected() {
        assertEquals(
                "orderCount must not be negative but was -1",
                iae(() -> CustomerProfile.builder("c1").orderCount(-1)));
    }

    @Test
    void referralCount_negative_rejected() {
        assertEquals(
                "count of REFERRAL must not be negative but was -2",
                iae(() -> CustomerProfile.builder("c1").referralCount(-2)));
    }

    @Test
    void productViews_negative_rejected() {
        assertEquals(
                "count of PRODUCT_VIEW must not be negative but was -1",
                iae(() -> CustomerProfile.builder("c1").productViews(-1)));
    }

    @Test
    void customEventCount_negative_rejected() {
        assertEquals(
                "count of custom type 'quiz' must not be negative but was -3",
                iae(() -> CustomerProfile.builder("c1").customEventCount("quiz", -3)));
    }

    @Test
    void eventCount_custom_rejected() {
        assertEquals(
                "eventCount(CUSTOM) is the sum of the custom counts; set customEventCount(name, count) instead",
                iae(() -> CustomerProfile.builder("c1").eventCount(EventType.CUSTOM, 1)));
    }

    @Test
    void lastNpsScore_eleven_rejected() {
        assertEquals(
                "score must be between 0 and 10 but was 11",
                iae(() -> CustomerProfile.builder("c1").lastNpsScore(11, T0)));
    }

    @Test
    void totalSpend_negative_rejected() {
        assertEquals(
                "totalSpend must not be negative but was -1.00 USD",
                iae(() -> CustomerProfile.builder("c1").totalSpend(Money.of("-1", "USD"))));
    }

    @Test
    void build_ordersWithoutLastOrderAt_rejected() {
        assertEquals(
                "orderCount of customer 'c1' is 2 but lastOrderAt is not set; rules such as lapse read it",
                iae(() -> CustomerProfile.builder("c1").orderCount(2).build()));
    }

    @Test
    void build_firstOrderAfterLastOrder_rejected() {
        assertEquals(
                "firstOrderAt " + day(10) + " of customer 'c1' is after its lastOrderAt " + day(5),
                iae(() -> CustomerProfile.builder("c1")
                        .orderCount(2)
                        .firstOrderAt(day(10))
                        .lastOrderAt(day(5))
                        .build()));
    }

    @Test
    void build_oneOrderWithDifferentFirstAndLast_rejected() {
        assertEquals(
                "customer 'c1' has 1 order but firstOrderAt " + day(1) + " differs from lastOrderAt " + day(5),
                iae(() -> CustomerProfile.builder("c1")
                        .orderCount(1)
                        .firstOrderAt(day(1))
                        .lastOrderAt(day(5))
                        .build()));
    }

    @Test
    void build_lastEventAtWithZeroCount_rejected() {
        assertEquals(
                "lastEventAt(SITE_VISIT) of customer 'c1' is " + day(3) + " but its count is 0",
                iae(() -> CustomerProfile.builder("c1")
                        .lastEventAt(EventType.SITE_VISIT, day(3))
                        .build()));
    }

    @Test
    void build_spendWithoutOrders_rejected() {
        assertEquals(
                "totalSpend of customer 'c1' is 10.00 USD but orderCount is 0",
                iae(() -> CustomerProfile.builder("c1")
                        .totalSpend(Money.of("10", "USD"))
                        .build()));
    }

    @Test
    void build_spendAndRefundsInDifferentCurrencies_rejected() {
        assertEquals(
                "totalSpend 10.00 USD and refundedAmount 5.00 EUR of customer 'c1' are in different currencies",
                iae(() -> CustomerProfile.builder("c1")
                        .orderCount(1)
                        .lastOrderAt(day(1))
                        .totalSpend(Money.of("10", "USD"))
                        .eventCount(EventType.REFUND, 1)
                        .refundedAmount(Money.of("5", "EUR"))
                        .build()));
    }

    @Test
    void build_firstSeenAfterFirstOrder_rejected() {
        assertEquals(
                "firstSeen " + day(10) + " of customer 'c1' is after another fact of the profile, at " + day(5),
                iae(() -> CustomerProfile.builder("c1")
                        .firstSeen(day(10))
                        .orderCount(1)
                        .lastOrderAt(day(5))
                        .build()));
    }

    @Test
    void build_lastActivityBeforeLastOrder_rejected() {
        assertEquals(
                "lastActivity " + day(2) + " of customer 'c1' is before the last event of the profile, at " + day(5),
                iae(() -> CustomerProfile.builder("c1")
                        .lastActivity(day(2))
                        .orderCount(1)
                        .lastOrderAt(day(5))
                        .build()));
    }

    // ---- builder: facts

    @Test
    void build_noFacts_emptyProfile() {
        CustomerProfile p = CustomerProfile.builder("c1").build();

        assertEquals("c1", p.customerId());
        assertEquals(Optional.empty(), p.firstSeen());
        assertEquals(Optional.empty(), p.lastActivity());
        assertEquals(0, p.orderCount());
        assertEquals(Optional.empty(), p.netSpend());
        assertEquals(OptionalInt.empty(), p.lastNpsScore());
        assertFalse(p.isLoyaltyMember());
    }

    @Test
    void build_firstSeenAndLastActivity_defaultToEarliestAndLatestFact() {
        CustomerProfile p = CustomerProfile.builder("c1")
                .orderCount(2)
                .firstOrderAt(day(3))
                .lastOrderAt(day(9))
                .siteVisits(4)
                .lastEventAt(EventType.SITE_VISIT, day(12))
                .loyaltyEnrolledAt(day(1))
                .build();

        assertEquals(Optional.of(day(1)), p.firstSeen());
        assertEquals(Optional.of(day(12)), p.lastActivity());
        assertEquals(4, p.siteVisits());
        assertTrue(p.isLoyaltyMember());
        assertEquals(Optional.of(day(1)), p.loyaltyEnrolledAt());
    }

    @Test
    void toBuilder_unchanged_equalsOriginal() {
        CustomerProfile p = CustomerProfile.builder("c1")
                .firstSeen(day(0))
                .orderCount(1)
                .lastOrderAt(day(4))
                .totalSpend(Money.of("10", "USD"))
                .lastNpsScore(8, day(5))
                .customEventCount("quiz", 2)
                .attribute("clv", 120.5)
                .build();

        List<CustomerProfile> profiles = List.of(
                p,
                CustomerProfile.builder("c1").build(),
                CustomerProfile.builder("c1").firstSeen(day(2)).build(),
                CustomerProfile.builder("c1").lastActivity(day(2)).build(),
                CustomerProfile.builder("c1")
                        .firstSeen(day(1))
                        .lastActivity(day(9))
                        .build(),
                CustomerProfile.builder("c1")
                        .lastActivity(day(9))
                        .orderCount(2)
                        .firstOrderAt(day(1))
                        .lastOrderAt(day(5))
                        .loyaltyEnrolledAt(day(0))
                        .build());

        for (CustomerProfile profile : profiles) {
            assertEquals(profile, profile.toBuilder().build());
            assertEquals(profile.hashCode(), profile.toBuilder().build().hashCode());
        }
    }

    @Test
    void toBuilder_laterOrderAdded_lastActivityFollows() {
        CustomerProfile oneOrder =
                CustomerProfile.builder("c1").orderCount(1).lastOrderAt(day(4)).build();

        CustomerProfile twoOrders = oneOrder.toBuilder()
                .orderCount(2)
                .firstOrderAt(day(4))
                .lastOrderAt(day(20))
                .build();

        assertEquals(Optional.of(day(20)), twoOrders.lastActivity());
        assertEquals(Optional.of(day(4)), twoOrders.firstSeen());
    }

    @Test
    void toBuilder_earlierFactAdded_firstSeenFollows() {
        CustomerProfile oneOrder =
                CustomerProfile.builder("c1").orderCount(1).lastOrderAt(day(4)).build();

        CustomerProfile withEarlierVisit = oneOrder.toBuilder()
                .siteVisits(1)
                .lastEventAt(EventType.SITE_VISIT, day(1))
                .build();

        assertEquals(Optional.of(day(1)), withEarlierVisit.firstSeen());
        assertEquals(Optional.of(day(4)), withEarlierVisit.lastActivity());
    }

    @Test
    void toBuilder_explicitFirstSeenAndLastActivity_kept() {
        CustomerProfile known = CustomerProfile.builder("c1")
                .firstSeen(day(0))
                .lastActivity(day(30))
                .orderCount(1)
                .lastOrderAt(day(4))
                .build();

        CustomerProfile edited = known.toBuilder().productViews(3).build();

        assertEquals(Optional.of(day(0)), edited.firstSeen());
        assertEquals(Optional.of(day(30)), edited.lastActivity());
    }

    @Test
    void profile_equals_byFacts() {
        CustomerProfile base =
                CustomerProfile.builder("c1").orderCount(1).lastOrderAt(day(4)).build();
        new EqualsTester()
                .addEqualityGroup(
                        base,
                        base.toBuilder().build(),
                        CustomerProfile.builder("c1")
                                .orderCount(1)
                                .lastOrderAt(day(4))
                                .firstSeen(day(4))
                                .lastActivity(day(4))
                                .build())
                .addEqualityGroup(CustomerProfile.builder("c2")
                        .orderCount(1)
                        .lastOrderAt(day(4))
                        .build())
                .addEqualityGroup(base.toBuilder().referralCount(1).build())
                .addEqualityGroup(base.toBuilder().attribute("clv", 1).build())
                .addEqualityGroup(base.toBuilder().customEventCount("quiz", 1).build())
                .addEqualityGroup(CustomerProfile.builder("c1").build())
                .testEquals();
    }

    // ---- folding events

    @Test
    void fromEvents_countsOrdersAndEngagement() {
        CustomerProfile p = CustomerProfile.fromEvents(
                "c1",
                List.of(
                        event(EventType.SITE_VISIT, 1),
                        event(EventType.PRODUCT_VIEW, 2),
                        event(EventType.PRODUCT_VIEW, 3),
                        event(EventType.CART_ADD, 3),
                        event(EventType.SIGN_UP, 4),
                        event(EventType.PURCHASE, 5),
                        event(EventType.PURCHASE, 9),
                        event(EventType.PURCHASE, 7),
                        event(EventType.REFERRAL, 10),
                        event(EventType.EMAIL_OPEN, 11)));

        assertEquals(3, p.orderCount());
        assertEquals(Optional.of(day(5)), p.firstOrderAt());
        assertEquals(Optional.of(day(9)), p.lastOrderAt());
        assertEquals(1, p.referralCount());
        assertEquals(2, p.productViews());
        assertEquals(1, p.cartAdds());
        assertEquals(1, p.signUps());
        assertEquals(1, p.siteVisits());
        assertEquals(4, p.engagementCount());
        assertEquals(1, p.eventCount(EventType.EMAIL_OPEN));
        assertEquals(Optional.of(day(11)), p.lastEventAt(EventType.EMAIL_OPEN));
        assertEquals(Optional.of(day(1)), p.firstSeen());
        assertEquals(Optional.of(day(11)), p.lastActivity());
    }

    @Test
    void fromEvents_noEvents_emptyProfile() {
        assertEquals(CustomerProfile.builder("c1").build(), CustomerProfile.fromEvents("c1", List.of()));
    }

    @Test
    void fromEvents_spendAndRefunds_summedExactly() {
        CustomerProfile p = CustomerProfile.fromEvents(
                "c1",
                List.of(
                        purchase(1, "19.99"),
                        purchase(2, "0.01"),
                        event(EventType.PURCHASE, 3),
                        refund(4, "5.50"),
                        refund(5, "0.50")));

        assertEquals(3, p.orderCount());
        assertEquals(2, p.eventCount(EventType.REFUND));
        assertEquals(Optional.of(Money.of("20.00", "USD")), p.totalSpend());
        assertEquals(Optional.of(Money.of("6.00", "USD")), p.refundedAmount());
        assertEquals(Optional.of(Money.of("14.00", "USD")), p.netSpend());
    }

    @Test
    void fromEvents_refundOnly_negativeNetSpend() {
        CustomerProfile p = CustomerProfile.fromEvents("c1", List.of(refund(1, "3")));

        assertEquals(Optional.empty(), p.totalSpend());
        assertEquals(Optional.of(Money.of("-3", "USD")), p.netSpend());
    }

    @Test
    void fromEvents_npsAnswers_latestByTimestampWins() {
        CustomerProfile p = CustomerProfile.fromEvents("c1", List.of(nps("a", 5, 3), nps("b", 9, 10), nps("c", 7, 0)));

        assertEquals(OptionalInt.of(10), p.lastNpsScore());
        assertEquals(3, p.eventCount(EventType.NPS_ANSWER));
        assertEquals(Optional.of(day(9)), p.lastEventAt(EventType.NPS_ANSWER));
    }

    @Test
    void fromEvents_npsAnswersAtSameInstant_tieBrokenByEventIdWhateverTheOrder() {
        CustomerEvent low = nps("e1", 5, 2);
        CustomerEvent high = nps("e2", 5, 9);

        CustomerProfile forward = CustomerProfile.fromEvents("c1", List.of(low, high));
        CustomerProfile backward = CustomerProfile.fromEvents("c1", List.of(high, low));

        assertEquals(OptionalInt.of(9), forward.lastNpsScore());
        assertEquals(forward, backward);
    }

    @Test
    void fromEvents_loyaltyEnrolment_memberSinceFirstEnrolment() {
        CustomerProfile p = CustomerProfile.fromEvents(
                "c1", List.of(event(EventType.LOYALTY_ENROLMENT, 8), event(EventType.LOYALTY_ENROLMENT, 3)));

        assertTrue(p.isLoyaltyMember());
        assertEquals(Optional.of(day(3)), p.loyaltyEnrolledAt());
        assertTrue(Condition.loyaltyMember().test(p, day(10)));
    }

    @Test
    void fromEvents_customEvents_countedPerName() {
        CustomerEvent quiz = CustomerEvent.builder("c1", EventType.CUSTOM, day(1))
                .customType("quiz")
                .build();
        CustomerEvent quiz2 = CustomerEvent.builder("c1", EventType.CUSTOM, day(2))
                .customType("quiz")
                .build();
        CustomerEvent wish = CustomerEvent.builder("c1", EventType.CUSTOM, day(3))
                .customType("wishlist")
                .build();

        CustomerProfile p = CustomerProfile.fromEvents("c1", List.of(wish, quiz, quiz2));

        assertEquals(2, p.customEventCount("quiz"));
        assertEquals(1, p.customEventCount("wishlist"));
        assertEquals(0, p.customEventCount("nope"));
        assertEquals(3, p.eventCount(EventType.CUSTOM));
        assertEquals(
                List.of("quiz", "wishlist"), List.copyOf(p.customEventCounts().keySet()));
    }

    @Test
    void builder_ordersOutOfTimeOrderAndCustomCountsChangedOften_builtInLinearTime() {
        int n = 100_000;

        CustomerProfile p = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            CustomerProfile.Builder b = CustomerProfile.builder("c1")
                    .orderCount(n + 1)
                    .firstOrderAt(T0.minusSeconds(1))
                    .lastOrderAt(T0.plusSeconds(n - 1));
            for (int i = n - 1; i >= 0; i--) {
                b.orderAt(T0.plusSeconds(i)).customEventCount("quiz" + i, 1);
            }
            return b.customEventCount("quiz7", 5)
                    .customEventCount("quiz8", 0)
                    .orderAt(T0.minusSeconds(1))
                    .build();
        });

        List<Instant> expected = new ArrayList<>();
        expected.add(T0.minusSeconds(1));
        for (int i = 0; i < n; i++) {
            expected.add(T0.plusSeconds(i));
        }
        assertEquals(expected, p.orderTimes());
        assertEquals(n + 3, p.eventCount(EventType.CUSTOM));
        assertEquals(5, p.customEventCount("quiz7"));
        assertEquals(0, p.customEventCount("quiz8"));
        assertEquals(n - 1, p.customEventCounts().size());
    }

    @Test
    void builder_ordersAndCustomCountsAddedAfterABuild_inTheNextBuildOnly() {
        CustomerProfile.Builder b =
                CustomerProfile.builder("c1").orderCount(3).lastOrderAt(day(5)).orderAt(day(5));
        CustomerProfile first = b.customEventCount("quiz", 2).build();

        CustomerProfile second =
                b.orderAt(day(1)).customEventCount("wishlist", 3).build();

        assertEquals(List.of(day(5)), first.orderTimes());
        assertEquals(2, first.eventCount(EventType.CUSTOM));
        assertEquals(List.of(day(1), day(5)), second.orderTimes());
        assertEquals(5, second.eventCount(EventType.CUSTOM));
        assertEquals(second, second.toBuilder().build());
        assertEquals(
                List.of(day(0), day(1), day(5)),
                second.toBuilder().orderAt(day(0)).build().orderTimes());
    }

    @Test
    void fromEvents_attributes_latestValueWins() {
        CustomerEvent early = CustomerEvent.builder("c1", EventType.SITE_VISIT, day(1))
                .attribute("clv", 10)
                .attribute("age", 30)
                .build();
        CustomerEvent late = CustomerEvent.builder("c1", EventType.SITE_VISIT, day(5))
                .attribute("clv", 99)
                .build();

        CustomerProfile p = CustomerProfile.fromEvents("c1", List.of(late, early));

        assertEquals(OptionalDouble.of(99), p.attribute("clv"));
        assertEquals(OptionalDouble.of(30), p.attribute("age"));
        assertEquals(OptionalDouble.empty(), p.attribute("nope"));
        assertEquals(Map.of("age", 30.0, "clv", 99.0), p.attributes());
    }

    @Test
    void fromEvents_anyOrder_sameProfile() {
        List<CustomerEvent> events = new ArrayList<>(List.of(
                purchase(1, "10"),
                purchase(4, "5"),
                refund(6, "2"),
                nps("n1", 3, 7),
                nps("n2", 3, 8),
                event(EventType.REFERRAL, 8),
                event(EventType.LOYALTY_ENROLMENT, 2),
                CustomerEvent.builder("c1", EventType.SITE_VISIT, day(2))
                        .eventId("v1")
                        .attribute("clv", 1)
                        .build(),
                CustomerEvent.builder("c1", EventType.SITE_VISIT, day(2))
                        .eventId("v2")
                        .attribute("clv", 2)
                        .build()));
        CustomerProfile expected = CustomerProfile.fromEvents("c1", events);
        Random random = new Random(1);

        for (int i = 0; i < 20; i++) {
            Collections.shuffle(events, random);
            assertEquals(expected, CustomerProfile.fromEvents("c1", events));
        }
        assertEquals(OptionalInt.of(8), expected.lastNpsScore());
        assertEquals(OptionalDouble.of(2), expected.attribute("clv"));
    }

    @Test
    void accumulator_mergedParts_equalOneAccumulator() {
        List<CustomerEvent> events = List.of(
                purchase(1, "10"),
                purchase(4, "5"),
                refund(6, "2"),
                nps("n1", 3, 7),
                event(EventType.REFERRAL, 8),
                event(EventType.PRODUCT_VIEW, 0));
        CustomerProfile.Accumulator left = CustomerProfile.accumulator("c1");
        CustomerProfile.Accumulator right = CustomerProfile.accumulator("c1");
        for (int i = 0; i < events.size(); i++) {
            (i % 2 == 0 ? left : right).add(events.get(i));
        }

        CustomerProfile merged = left.merge(right).toProfile();

        assertEquals(CustomerProfile.fromEvents("c1", events), merged);
    }

    @Test
    void accumulator_eventOfAnotherCustomer_rejected() {
        CustomerEvent other = CustomerEvent.of("c2", EventType.PURCHASE, T0).withEventId("e9");

        assertEquals(
                "event 'e9' belongs to customer 'c2' but this accumulator folds customer 'c1'",
                iae(() -> CustomerProfile.accumulator("c1").add(other)));
    }

    @Test
    void fromEvents_eventOfAnotherCustomer_rejected() {
        CustomerEvent other = CustomerEvent.of("c2", EventType.PURCHASE, T0).withEventId("e9");

        assertEquals(
                "event 'e9' belongs to customer 'c2' but this accumulator folds customer 'c1'",
                iae(() -> CustomerProfile.fromEvents("c1", List.of(other))));
    }

    @Test
    void accumulator_mergeAnotherCustomer_rejected() {
        assertEquals(
                "cannot merge the accumulator of customer 'c2' into the accumulator of customer 'c1'",
                iae(() -> CustomerProfile.accumulator("c1").merge(CustomerProfile.accumulator("c2"))));
    }

    @Test
    void fromEvents_mixedCurrencies_rejected() {
        CustomerEvent eur = CustomerEvent.builder("c1", EventType.PURCHASE, day(2))
                .eventId("e2")
                .amount(Money.of("5", "EUR"))
                .build();

        assertEquals(
                "amount 5.00 EUR of event 'e2' of customer 'c1' is in another currency than the earlier amounts (USD)",
                iae(() -> CustomerProfile.fromEvents("c1", List.of(purchase(1, "10"), eur))));
    }

    @Test
    void fromEvents_purchaseAndRefundInDifferentCurrencies_rejected() {
        CustomerEvent eurRefund = CustomerEvent.builder("c1", EventType.REFUND, day(2))
                .amount(Money.of("5", "EUR"))
                .build();

        assertEquals(
                "totalSpend 10.00 USD and refundedAmount 5.00 EUR of customer 'c1' are in different currencies",
                iae(() -> CustomerProfile.fromEvents("c1", List.of(purchase(1, "10"), eurRefund))));
    }

    @Test
    @SuppressWarnings("NullAway") // the test passes null on purpose
    void fromEvents_nullEvents_rejected() {
        assertEquals(
                "events",
                assertThrows(NullPointerException.class, () -> CustomerProfile.fromEvents("c1", null))
                        .getMessage());
    }

    @Test
    void publicApi_nullArgument_nullPointerException() {
        NullPointerTester tester = new NullPointerTester()
                .setDefault(Instant.class, T0)
                .setDefault(Money.class, Money.of("1", "USD"))
                .setDefault(CustomerEvent.class, event(EventType.SITE_VISIT, 1))
                .setDefault(CustomerProfile.Accumulator.class, CustomerProfile.accumulator("c1"));

        tester.testAllPublicStaticMethods(CustomerProfile.class);
        tester.testAllPublicInstanceMethods(
                CustomerProfile.builder("c1").productViews(1).build());
        tester.testAllPublicInstanceMethods(CustomerProfile.builder("c1"));
        tester.testAllPublicInstanceMethods(CustomerProfile.accumulator("c1"));
    }

    // ---- fold: running sums, payments handed over, the customer's id

    @Test
    void fromEvents_spendBeyondMoneysLimit_failsAsMoneyPlusDoes() {
        String big = "900000000000000000.00";
        String expected = iae(() -> Money.of(big, "USD").plus(Money.of(big, "USD")));

        String message = iae(() -> CustomerProfile.fromEvents("c1", List.of(purchase(1, big), purchase(2, big))));

        assertEquals(expected, message);
        assertTrue(message.contains("more than 18 digits"), message);
    }

    @Test
    void fromEvents_manyAmounts_sumsAndPaymentsAsMoneyDoes() {
        List<CustomerEvent> events = new ArrayList<>();
        Money spend = Money.of("0", "USD");
        Money refunded = Money.of("0", "USD");
        for (int i = 0; i < 50; i++) {
            String amount = (i * 7 % 13) + "." + (i % 10) + "5";
            events.add(i % 5 == 4 ? refund(i, amount) : purchase(i, amount));
            if (i % 5 == 4) {
                refunded = refunded.plus(Money.of(amount, "USD"));
            } else {
                spend = spend.plus(Money.of(amount, "USD"));
            }
        }
        Collections.shuffle(events, new Random(7));

        CustomerProfile p = CustomerProfile.fromEvents("c1", events);

        assertEquals(Optional.of(spend), p.totalSpend());
        assertEquals(Optional.of(refunded), p.refundedAmount());
        assertEquals(50, p.payments().size());
        for (int i = 1; i < p.payments().size(); i++) {
            assertTrue(CustomerProfile.comparePayments(
                            p.payments().get(i - 1), p.payments().get(i))
                    <= 0);
        }
    }

    @Test
    void accumulator_profileThenEarlierEvents_earlierProfileUnchangedAndLaterOneInOrder() {
        CustomerProfile.Accumulator acc = CustomerProfile.accumulator("c1");
        acc.add(purchase(5, "5.00")).add(purchase(9, "9.00"));
        CustomerProfile first = acc.toProfile();
        List<CustomerProfile.Payment> firstPayments = List.copyOf(first.payments());

        // earlier than the payments handed over: the accumulation reorders its own copy, not the first profile's
        acc.add(purchase(1, "1.00")).add(purchase(7, "7.00"));
        CustomerProfile second = acc.toProfile();

        assertEquals(firstPayments, first.payments());
        assertEquals(List.of(day(5), day(9)), first.orderTimes());
        assertEquals(
                CustomerProfile.fromEvents(
                        "c1",
                        List.of(purchase(1, "1.00"), purchase(5, "5.00"), purchase(7, "7.00"), purchase(9, "9.00"))),
                second);
        assertEquals(Optional.of(Money.of("22.00", "USD")), second.totalSpend());
        assertEquals(Optional.of(Money.of("14.00", "USD")), first.totalSpend());
        assertThrows(
                UnsupportedOperationException.class,
                () -> second.payments().add(second.payments().get(0)));
    }

    @Test
    void fromEvents_idCheckedWhetherOrNotItIsTheEventsOwnString() {
        List<CustomerEvent> events = List.of(event(EventType.SITE_VISIT, 1));
        String sameText = new String("c1".toCharArray());

        assertEquals("c1", CustomerProfile.fromEvents(sameText, events).customerId());
        assertEquals(
                "c1",
                CustomerProfile.fromEvents(events.get(0).customerId(), events).customerId());
        assertTrue(iae(() -> CustomerProfile.fromEvents(" ", events)).contains("customerId must not be blank"));
        assertTrue(iae(() -> CustomerProfile.fromEvents(" ", List.of())).contains("customerId must not be blank"));
        assertTrue(iae(() -> CustomerProfile.fromEvents("c2", events)).contains("belongs to customer 'c1'"));
    }

    @Test
    void fromEvents_npsAnswersInAnyOrder_latestByTimeThenEventId() {
        List<CustomerEvent> events = new ArrayList<>(List.of(nps("a", 3, 2), nps("b", 3, 9), nps("z", 1, 5)));
        for (int shuffle = 0; shuffle < 6; shuffle++) {
            Collections.shuffle(events, new Random(shuffle));
            assertEquals(
                    OptionalInt.of(9), CustomerProfile.fromEvents("c1", events).lastNpsScore());
        }
    }
}
