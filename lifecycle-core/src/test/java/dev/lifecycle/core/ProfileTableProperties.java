package dev.lifecycle.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/** A profile table holds exactly the profiles it was built from and classifies them as the classifier does one by one. */
final class ProfileTableProperties {

    @Test
    void rows_equalTheProfilesTheTableWasBuiltFrom() {
        qt().forAll(Generators.profileLists()).checkAssert(profiles -> {
            ProfileTable table = ProfileTable.of(profiles);

            assertEquals(profiles.size(), table.size());
            assertEquals(profiles, table.profiles());
            for (int row = 0; row < profiles.size(); row++) {
                assertEquals(profiles.get(row).customerId(), table.customerId(row));
            }
        });
    }

    @Test
    void orderColumns_equalTheRowsProfiles() {
        qt().forAll(Generators.profileLists()).checkAssert(profiles -> {
            ProfileTable table = ProfileTable.of(profiles);
            for (int row = 0; row < table.size(); row++) {
                CustomerProfile profile = table.profile(row);
                assertEquals(profile.orderCount(), table.orderCount(row));
                assertEquals(profile.lastOrderAt(), table.lastOrderAt(row));
                assertEquals(profile.totalSpend(), table.totalSpend(row));
            }
        });
    }

    /** A table of profiles knows whether a customer is on two rows; a fold of events never puts one there. */
    @Test
    void customersDistinct_isWhetherNoIdIsOnTwoRows() {
        qt().forAll(Generators.profileLists()).checkAssert(profiles -> {
            long ids = profiles.stream()
                    .map(CustomerProfile::customerId)
                    .distinct()
                    .count();
            ProfileTable table = ProfileTable.of(profiles);
            assertEquals(ids == profiles.size(), table.customersDistinct());
            assertEquals(ids == profiles.size(), table.customersDistinct(), "asked again");
            List<CustomerProfile> twice = new ArrayList<>(profiles);
            if (!profiles.isEmpty()) {
                twice.add(profiles.get(profiles.size() / 2));
                assertFalse(ProfileTable.of(twice).customersDistinct(), "one profile on two rows");
            }
        });
        qt().forAll(TrackerGenerators.manyCustomers()).checkAssert(events -> {
            assertTrue(ProfileTable.fromEvents(events).customersDistinct());
            EventBatch.Builder batch = EventBatch.builder();
            events.forEach(batch::add);
            assertTrue(ProfileTable.fromEvents(batch.build()).customersDistinct());
        });
    }

    @Test
    void fromEvents_rowsEqualEachCustomersFold_inOrderOfFirstAppearance() {
        qt().forAll(TrackerGenerators.manyCustomers(), Generators.asOfs()).checkAssert((events, seed) -> {
            List<CustomerEvent> shuffled = new ArrayList<>(events);
            Collections.shuffle(shuffled, new Random(seed.getEpochSecond()));
            Map<String, List<CustomerEvent>> byCustomer = new LinkedHashMap<>();
            for (CustomerEvent event : shuffled) {
                byCustomer
                        .computeIfAbsent(event.customerId(), id -> new ArrayList<>())
                        .add(event);
            }
            List<CustomerProfile> expected = new ArrayList<>();
            byCustomer.forEach((id, own) -> expected.add(CustomerProfile.fromEvents(id, own)));

            ProfileTable table = ProfileTable.fromEvents(shuffled);

            assertEquals(expected, table.profiles());
        });
    }

    @Test
    void classifyAll_onATable_equalsClassifyingTheProfiles_forAnyTemplate() {
        Gen<LifecycleTemplate> templates = Generators.builtInTemplates().mix(Generators.templates());
        qt().withExamples(400)
                .forAll(templates, Generators.profileLists(), Generators.asOfs())
                .checkAssert((template, profiles, asOf) -> {
                    LifecycleClassifier classifier = LifecycleClassifier.of(template);
                    ProfileTable table = ProfileTable.of(profiles);
                    StageDistribution expected = classifier.classifyAll(profiles, asOf);

                    assertEquals(expected, classifier.classifyAll(table, asOf));
                    assertEquals(expected, classifier.classifyAllParallel(table, asOf));
                });
    }

    @Test
    void classifyAllParallel_manyBlocks_countsEveryRowOnce() {
        LifecycleClassifier classifier = LifecycleClassifier.of(Templates.fiveStage());
        Instant asOf = Instant.parse("2024-06-01T00:00:00Z");
        List<CustomerProfile> profiles = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            CustomerProfile.Builder b = CustomerProfile.builder("c-" + i).productViews(i % 3);
            if (i % 5 > 1) {
                b.orderCount(i % 5 - 1).lastOrderAt(asOf.minusSeconds(86_400L * (i % 400)));
            }
            profiles.add(b.referralCount(i % 7 == 0 ? 1 : 0).build());
        }
        ProfileTable table = ProfileTable.of(profiles);

        StageDistribution expected = classifier.classifyAll(profiles, asOf);

        assertEquals(expected, classifier.classifyAllParallel(table, asOf));
        assertEquals(100_000, classifier.classifyAllParallel(table, asOf).total());
    }

    @Test
    void columnConditions_atTheirBoundaries_answerAsOnProfiles() {
        Instant asOf = Instant.parse("2024-06-01T12:00:00Z");
        java.time.Duration window = java.time.Duration.ofDays(30);
        List<Condition> conditions = List.of(
                Condition.noPurchaseFor(window),
                Condition.inactiveFor(window),
                Condition.eventWithin(EventType.PURCHASE, window),
                Condition.eventWithin(EventType.NPS_ANSWER, window),
                Condition.firstPurchaseAtLeastAgo(window),
                Condition.npsAtLeast(7),
                Condition.npsAtMost(6),
                Condition.loyaltyMember(),
                Condition.not(Condition.anyOf(Condition.ordersAtLeast(2), Condition.engaged(2))),
                Condition.allOf(Condition.referralsAtLeast(1), Condition.eventCountAtLeast(EventType.SITE_VISIT, 1)));
        List<CustomerProfile> profiles = new ArrayList<>();
        long[] offsets = {-1, 0, 1, 1_000_000_000};
        int i = 0;
        for (long nanos : offsets) {
            Instant at = asOf.minus(window).plusNanos(nanos);
            for (Instant last : List.of(at, asOf.plusNanos(nanos))) {
                CustomerProfile.Builder b = CustomerProfile.builder("c-" + i)
                        .orderCount(1 + i % 2)
                        .lastOrderAt(last)
                        .lastNpsScore(i % 11, last)
                        .productViews(i % 3)
                        .referralCount(i % 2)
                        .siteVisits(i % 2);
                if (i % 2 == 0) {
                    b.loyaltyEnrolledAt(last);
                }
                profiles.add(b.build());
                i++;
            }
        }
        ProfileTable table = ProfileTable.of(profiles);
        for (Condition condition : conditions) {
            ColumnCondition columns = (ColumnCondition) condition;
            int[] masks = new int[profiles.size() + 1];
            masks[profiles.size()] = 4;
            columns.mark(table, 1, profiles.size(), asOf.getEpochSecond(), asOf.getNano(), masks, 2);
            for (int row = 1; row < profiles.size(); row++) {
                assertEquals(
                        condition.test(profiles.get(row), asOf) ? 2 : 0,
                        masks[row - 1],
                        "mark of " + condition.description() + " on " + profiles.get(row));
            }
            assertEquals(4, masks[profiles.size()], "mark wrote past its block");
            for (int row = 0; row < profiles.size(); row++) {
                assertEquals(
                        condition.test(profiles.get(row), asOf),
                        columns.test(table, row, asOf.getEpochSecond(), asOf.getNano()),
                        condition.description() + " on " + profiles.get(row));
            }
        }
    }

    @Test
    void fromEvents_sumsBeyondALong_areExact() {
        Instant at = Instant.parse("2024-01-01T00:00:00Z");
        Currency usd = Currency.getInstance("USD");
        // In cents: 9223372036854775000 fits a long, two of them do not; 9999999999999999999 does not either.
        List<String> amounts = List.of(
                "92233720368547750.00",
                "92233720368547750.00",
                "92233720368547750.00",
                "99999999999999999.99",
                "5",
                "-3");
        List<CustomerEvent> events = new ArrayList<>();
        for (int i = 0; i < amounts.size(); i++) {
            String customer = "c-" + (i % 2);
            Money amount = new Money(new BigDecimal(amounts.get(i)).abs(), usd);
            events.add(
                    CustomerEvent.builder(customer, i == 5 ? EventType.REFUND : EventType.PURCHASE, at.plusSeconds(i))
                            .eventId("e" + i)
                            .amount(amount)
                            .build());
        }
        List<CustomerProfile> expected = List.of(
                CustomerProfile.fromEvents(
                        "c-0",
                        events.stream()
                                .filter(e -> e.customerId().equals("c-0"))
                                .toList()),
                CustomerProfile.fromEvents(
                        "c-1",
                        events.stream()
                                .filter(e -> e.customerId().equals("c-1"))
                                .toList()));

        assertEquals(expected, ProfileTable.fromEvents(events).profiles());
    }

    @Test
    void fromEvents_spendBeyondTheMoneyBound_failsAsTheAccumulatorDoes() {
        Instant at = Instant.parse("2024-01-01T00:00:00Z");
        // In yen a long holds the sum, but Money does not: both folds refuse it with the message of Money.plus.
        List<CustomerEvent> events = List.of(
                CustomerEvent.builder("c-1", EventType.PURCHASE, at)
                        .eventId("e1")
                        .amount(Money.of("600000000000000000", "JPY"))
                        .build(),
                CustomerEvent.builder("c-1", EventType.PURCHASE, at.plusSeconds(60))
                        .eventId("e2")
                        .amount(Money.of("400000000000000000", "JPY"))
                        .build());
        String expected = "cannot add 400000000000000000 JPY and 600000000000000000 JPY: the result 1000000000000000000"
                + " JPY has more than 18 digits before the decimal point";

        assertEquals(
                expected,
                assertThrows(IllegalArgumentException.class, () -> CustomerProfile.fromEvents("c-1", events))
                        .getMessage());
        assertEquals(
                expected,
                assertThrows(IllegalArgumentException.class, () -> ProfileTable.fromEvents(events))
                        .getMessage());
    }

    @Test
    void fromEvents_amountsInTwoCurrencies_failsAsTheAccumulatorDoes() {
        Instant at = Instant.parse("2024-01-01T00:00:00Z");
        List<CustomerEvent> mixed = List.of(
                CustomerEvent.builder("c-1", EventType.PURCHASE, at)
                        .eventId("e1")
                        .amount(Money.of("10.00", "USD"))
                        .build(),
                CustomerEvent.builder("c-1", EventType.PURCHASE, at.plusSeconds(60))
                        .eventId("e2")
                        .amount(Money.of("10.00", "EUR"))
                        .build());
        List<CustomerEvent> refundInOther = List.of(
                mixed.get(0),
                CustomerEvent.builder("c-1", EventType.REFUND, at.plusSeconds(60))
                        .eventId("e3")
                        .amount(new Money(new BigDecimal("5.00"), Currency.getInstance("EUR")))
                        .build());

        for (List<CustomerEvent> events : List.of(mixed, refundInOther)) {
            IllegalArgumentException expected =
                    assertThrows(IllegalArgumentException.class, () -> CustomerProfile.fromEvents("c-1", events));
            IllegalArgumentException actual =
                    assertThrows(IllegalArgumentException.class, () -> ProfileTable.fromEvents(events));
            assertEquals(expected.getMessage(), actual.getMessage());
        }
    }

    @Test
    @SuppressWarnings("NullAway") // the test passes null on purpose
    void badArguments_areRejectedWithTheirName() {
        ProfileTable table =
                ProfileTable.of(List.of(CustomerProfile.builder("c-1").build()));
        List<CustomerEvent> withNull = new ArrayList<>();
        withNull.add(null);

        assertEquals(
                "profiles",
                assertThrows(NullPointerException.class, () -> ProfileTable.of(null))
                        .getMessage());
        assertEquals(
                "event",
                assertThrows(NullPointerException.class, () -> ProfileTable.fromEvents(withNull))
                        .getMessage());
        assertEquals(
                "row 1 is not a row of a table of 1 rows",
                assertThrows(IndexOutOfBoundsException.class, () -> table.profile(1))
                        .getMessage());
        assertEquals(
                "row -1 is not a row of a table of 1 rows",
                assertThrows(IndexOutOfBoundsException.class, () -> table.customerId(-1))
                        .getMessage());
        LifecycleClassifier classifier = LifecycleClassifier.of(Templates.fiveStage());
        assertThrows(NullPointerException.class, () -> classifier.classifyAll((ProfileTable) null, Instant.EPOCH));
        assertThrows(NullPointerException.class, () -> classifier.classifyAllParallel(table, null));
    }
}
