package dev.lifecycle.core;

import static dev.lifecycle.core.Generators.CUSTOMER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

final class CustomerProfileProperties {

    /** Latest first by instant, then by event id: the documented tie-break of the fold. */
    private static final Comparator<CustomerEvent> BY_TIME_THEN_ID =
            Comparator.comparing(CustomerEvent::timestamp).thenComparing(CustomerEvent::eventId);

    @Test
    void merge_anySplitInAnyOrder_equalsOneAccumulator() {
        qt().forAll(splits()).checkAssert(split -> {
            CustomerProfile expected = fold(split.all());

            List<CustomerProfile.Accumulator> pool = new ArrayList<>();
            for (List<CustomerEvent> part : split.parts()) {
                pool.add(accumulate(part));
            }
            Random order = new Random(split.mergeSeed());
            while (pool.size() > 1) {
                CustomerProfile.Accumulator into = pool.get(order.nextInt(pool.size()));
                CustomerProfile.Accumulator other = pool.get(order.nextInt(pool.size()));
                if (into == other) {
                    continue;
                }
                CustomerProfile otherBefore = other.toProfile();
                into.merge(other);
                assertEquals(otherBefore, other.toProfile(), "merge changed its argument");
                pool.remove(other);
            }
            assertEquals(expected, pool.get(0).toProfile());
        });
    }

    @Test
    void merge_emptyAccumulator_isNeutral() {
        qt().forAll(Generators.events(CUSTOMER)).checkAssert(events -> {
            CustomerProfile expected = fold(events);
            assertEquals(
                    expected,
                    accumulate(events)
                            .merge(CustomerProfile.accumulator(CUSTOMER))
                            .toProfile());
            assertEquals(
                    expected,
                    CustomerProfile.accumulator(CUSTOMER)
                            .merge(accumulate(events))
                            .toProfile());
        });
    }

    @Test
    void fromEvents_shuffledEvents_equalProfile() {
        Gen<List<CustomerEvent>> events = Generators.events(CUSTOMER);
        Gen<List<List<CustomerEvent>>> pairs = in -> {
            List<CustomerEvent> original = events.generate(in);
            return List.of(original, Generators.shuffled(in, original));
        };
        qt().forAll(pairs).checkAssert(pair -> {
            CustomerProfile original = CustomerProfile.fromEvents(CUSTOMER, pair.get(0));
            CustomerProfile shuffled = CustomerProfile.fromEvents(CUSTOMER, pair.get(1));
            assertEquals(original, shuffled);
            assertEquals(original.hashCode(), shuffled.hashCode());
        });
    }

    @Test
    void fromEvents_anyEvents_equalsAccumulator() {
        qt().forAll(Generators.events(CUSTOMER))
                .checkAssert(events ->
                        assertEquals(accumulate(events).toProfile(), CustomerProfile.fromEvents(CUSTOMER, events)));
    }

    @Test
    void fromEvents_anyEvents_matchesIndependentFold() {
        qt().forAll(Generators.events(CUSTOMER)).checkAssert(events -> {
            CustomerProfile profile = CustomerProfile.fromEvents(CUSTOMER, events);

            assertEquals(CUSTOMER, profile.customerId());
            for (EventType type : EventType.values()) {
                List<CustomerEvent> ofType = ofType(events, type);
                assertEquals(ofType.size(), profile.eventCount(type), type::toString);
                assertEquals(latest(ofType).map(CustomerEvent::timestamp), profile.lastEventAt(type), type::toString);
            }
            List<CustomerEvent> purchases = ofType(events, EventType.PURCHASE);
            assertEquals(purchases.size(), profile.orderCount());
            assertEquals(earliestInstant(purchases), profile.firstOrderAt());
            assertEquals(latest(purchases).map(CustomerEvent::timestamp), profile.lastOrderAt());
            assertEquals(earliestInstant(events), profile.firstSeen());
            assertEquals(latest(events).map(CustomerEvent::timestamp), profile.lastActivity());
            assertEquals(ofType(events, EventType.REFERRAL).size(), profile.referralCount());
            assertEquals(
                    ofType(events, EventType.PRODUCT_VIEW).size()
                            + ofType(events, EventType.CART_ADD).size()
                            + ofType(events, EventType.SIGN_UP).size(),
                    profile.engagementCount());

            Optional<Money> spend = sum(purchases);
            Optional<Money> refunded = sum(ofType(events, EventType.REFUND));
            assertEquals(spend, profile.totalSpend());
            assertEquals(refunded, profile.refundedAmount());
            Optional<Money> net = spend.isEmpty() && refunded.isEmpty()
                    ? Optional.empty()
                    : Optional.of(spend.orElse(Money.zero(Generators.USD))
                            .minus(refunded.orElse(Money.zero(Generators.USD))));
            assertEquals(net, profile.netSpend());

            OptionalInt lastNps = latest(ofType(events, EventType.NPS_ANSWER))
                    .map(CustomerEvent::npsScore)
                    .orElse(OptionalInt.empty());
            assertEquals(lastNps, profile.lastNpsScore());

            List<CustomerEvent> enrolments = ofType(events, EventType.LOYALTY_ENROLMENT);
            assertEquals(!enrolments.isEmpty(), profile.isLoyaltyMember());
            assertEquals(earliestInstant(enrolments), profile.loyaltyEnrolledAt());

            Map<String, Long> customCounts = ofType(events, EventType.CUSTOM).stream()
                    .collect(Collectors.groupingBy(
                            e -> e.customType().orElseThrow(), TreeMap::new, Collectors.counting()));
            assertEquals(customCounts, profile.customEventCounts());
            for (String name : Generators.CUSTOM_TYPES) {
                assertEquals(customCounts.getOrDefault(name, 0L), profile.customEventCount(name));
            }

            Map<String, Double> attributes = new TreeMap<>();
            events.stream().sorted(BY_TIME_THEN_ID).forEach(event -> attributes.putAll(event.attributes()));
            assertEquals(attributes, profile.attributes());
            for (String name : Generators.ATTRIBUTES) {
                assertEquals(
                        attributes.containsKey(name), profile.attribute(name).isPresent(), name);
            }
        });
    }

    @Test
    void toBuilder_anyProfile_buildsEqualProfile() {
        qt().forAll(Generators.profiles(CUSTOMER)).checkAssert(profile -> {
            CustomerProfile copy = profile.toBuilder().build();
            assertEquals(profile, copy);
            assertEquals(profile.hashCode(), copy.hashCode());
            assertEquals(profile.toString(), copy.toString());
        });
    }

    private static List<CustomerEvent> ofType(List<CustomerEvent> events, EventType type) {
        return events.stream().filter(e -> e.type() == type).toList();
    }

    private static Optional<CustomerEvent> latest(List<CustomerEvent> events) {
        return events.stream().max(BY_TIME_THEN_ID);
    }

    private static Optional<Instant> earliestInstant(List<CustomerEvent> events) {
        return events.stream().map(CustomerEvent::timestamp).min(Comparator.naturalOrder());
    }

    private static Optional<Money> sum(List<CustomerEvent> events) {
        return events.stream().flatMap(e -> e.amount().stream()).reduce(Money::plus);
    }

    private static CustomerProfile.Accumulator accumulate(List<CustomerEvent> events) {
        CustomerProfile.Accumulator accumulator = CustomerProfile.accumulator(CUSTOMER);
        events.forEach(accumulator::add);
        return accumulator;
    }

    private static CustomerProfile fold(List<CustomerEvent> events) {
        return accumulate(events).toProfile();
    }

    /** Events split into 2 to 4 parts, some maybe empty, each part in shuffled order, merged in a seeded order. */
    private static Gen<Split> splits() {
        Gen<List<CustomerEvent>> events = Generators.events(CUSTOMER);
        return in -> {
            List<CustomerEvent> all = events.generate(in);
            int count = Generators.between(in, 2, 4);
            List<List<CustomerEvent>> parts = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                parts.add(new ArrayList<>());
            }
            for (CustomerEvent event : all) {
                parts.get(Generators.between(in, 0, count - 1)).add(event);
            }
            List<List<CustomerEvent>> shuffledParts = new ArrayList<>();
            for (List<CustomerEvent> part : parts) {
                shuffledParts.add(Generators.shuffled(in, part));
            }
            return new Split(all, shuffledParts, Generators.between(in, 0, Integer.MAX_VALUE));
        };
    }

    private record Split(List<CustomerEvent> all, List<List<CustomerEvent>> parts, long mergeSeed) {}
}
