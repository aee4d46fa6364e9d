package dev.lifecycle.core;

import static dev.lifecycle.core.Generators.CUSTOMER;
import static dev.lifecycle.core.Generators.between;
import static dev.lifecycle.core.Generators.chance;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * {@code ordersWithin(n, window)} against brute force: counting the order instants one by one, on profiles folded
 * from events (where they are the purchases), built through the builder, folded in order, and on table rows.
 */
final class OrdersWithinProperties {
    private static final Comparator<CustomerEvent> BY_TIME_THEN_ID =
            Comparator.comparing(CustomerEvent::timestamp).thenComparing(CustomerEvent::eventId);

    /** Windows from a nanosecond to beyond the supported instants, most of them days. */
    private static Gen<Duration> windows() {
        return in -> switch (between(in, 0, 5)) {
            case 0 -> Duration.ofNanos(between(in, 1, 1_000));
            case 1 -> Duration.ofSeconds(between(in, 1, 10_000_000));
            case 2 -> Duration.ofDays(Long.MAX_VALUE / 86_400 - between(in, 0, 10));
            default -> Duration.ofDays(between(in, 1, 400));
        };
    }

    /** Instants within the generated history, sometimes exactly an order's instant or a window's end from it. */
    private static Instant asOf(org.quicktheories.core.RandomnessSource in, List<Instant> orders, Duration window) {
        if (!orders.isEmpty() && chance(in, 40)) {
            Instant order = orders.get(between(in, 0, orders.size() - 1));
            // a window's end only for windows that end within the supported instants
            Instant at = chance(in, 50) || window.toDays() > 100_000 ? order : order.plus(window);
            return at.plusNanos(between(in, -1, 1));
        }
        return Generators.instant(in).plusNanos(between(in, 0, 999_999_999));
    }

    private record Case(CustomerProfile profile, int n, Duration window, Instant asOf) {}

    private static Gen<Case> cases(Gen<CustomerProfile> profiles) {
        return in -> {
            CustomerProfile profile = profiles.generate(in);
            Duration window = windows().generate(in);
            return new Case(profile, between(in, 0, 5), window, asOf(in, profile.orderTimes(), window));
        };
    }

    private static long bruteForce(List<Instant> orders, Duration window, Instant asOf) {
        long count = 0;
        for (Instant order : orders) {
            // asOf - window <= order <= asOf, without computing asOf - window (which may leave Instant's range)
            if (!order.isAfter(asOf) && Duration.between(order, asOf).compareTo(window) <= 0) {
                count++;
            }
        }
        return count;
    }

    @Test
    void ordersWithin_anyProfile_countsTheOrderInstantsInTheWindow() {
        qt().withExamples(2_000).forAll(cases(Generators.profiles(CUSTOMER))).checkAssert(c -> {
            long expected = bruteForce(c.profile().orderTimes(), c.window(), c.asOf());

            assertEquals(expected, c.profile().ordersWithin(c.window(), c.asOf()));
            assertEquals(
                    expected >= c.n(),
                    Condition.ordersWithin(c.n(), c.window()).test(c.profile(), c.asOf()),
                    c::toString);
        });
    }

    @Test
    void orderTimes_ofAFold_areThePurchasesInTimeOrder_inEveryFold() {
        qt().forAll(Generators.events(CUSTOMER)).checkAssert(events -> {
            List<CustomerEvent> ordered = new ArrayList<>(events);
            ordered.sort(BY_TIME_THEN_ID);
            List<Instant> purchases = ordered.stream()
                    .filter(e -> e.type() == EventType.PURCHASE)
                    .map(CustomerEvent::timestamp)
                    .toList();
            CustomerProfile accumulated = CustomerProfile.fromEvents(CUSTOMER, events);
            CustomerProfile folded = CustomerProfile.builder(CUSTOMER).build();
            for (CustomerEvent event : ordered) {
                folded = folded.plus(event);
            }

            assertEquals(purchases, accumulated.orderTimes());
            assertEquals(accumulated, folded);
            assertEquals(
                    accumulated,
                    ProfileTable.fromEvents(events).profiles().stream()
                            .findFirst()
                            .orElse(CustomerProfile.builder(CUSTOMER).build()));
            assertEquals(accumulated, accumulated.toBuilder().build());
        });
    }

    /** At or after the last order, as a classification is: one order in the window is a purchase within it. */
    @Test
    void ordersWithinOne_ofAFold_isAPurchaseWithin_fromTheLastOrderOn() {
        qt().forAll(cases(in -> CustomerProfile.fromEvents(
                        CUSTOMER, Generators.events(CUSTOMER).generate(in))))
                .checkAssert(c -> {
                    Instant last = c.profile().lastOrderAt().orElse(c.asOf());
                    Instant asOf = last.isAfter(c.asOf()) ? last : c.asOf();
                    assertEquals(
                            Condition.eventWithin(EventType.PURCHASE, c.window())
                                    .test(c.profile(), asOf),
                            Condition.ordersWithin(1, c.window()).test(c.profile(), asOf),
                            c::toString);
                });
    }

    /**
     * The next change is the earliest instant after the given one at which an order enters the window (its instant) or
     * leaves it (a nanosecond after its instant plus the window), unless the condition cannot change at all.
     */
    @Test
    void nextChangeAfter_isTheEarliestOrderEnteringOrLeaving_andNothingChangesBefore() {
        qt().withExamples(1_000).forAll(cases(Generators.profiles(CUSTOMER))).checkAssert(c -> {
            List<Instant> orders = c.profile().orderTimes();
            long after = TrackerTime.toNanos(c.asOf());
            long expected = Long.MAX_VALUE;
            if (c.n() > 0 && orders.size() >= c.n()) {
                for (Instant order : orders) {
                    long at = TrackerTime.toNanos(order);
                    if (at > after) {
                        expected = Math.min(expected, at);
                    }
                    try {
                        long leaves = Math.addExact(Math.addExact(at, c.window().toNanos()), 1);
                        if (leaves > after) {
                            expected = Math.min(expected, leaves);
                        }
                    } catch (ArithmeticException neverLeaves) {
                        // a window past the range of the tracker's instants
                    }
                }
            }
            Condition condition = Condition.ordersWithin(c.n(), c.window());

            long next = ((TimeSensitive) condition).nextChangeAfter(c.profile(), after);

            assertEquals(expected, next, c::toString);
            if (next != Long.MAX_VALUE && next - 1 > after) {
                assertEquals(
                        condition.test(c.profile(), TrackerTime.toInstant(after + 1)),
                        condition.test(c.profile(), TrackerTime.toInstant(next - 1)),
                        "the condition changed before the next change instant");
            }
        });
    }

    @Test
    void tableRows_answerAsTheirProfiles_withAndWithoutTheVectorisedMark() {
        qt().forAll(Generators.profileLists(), windows(), Generators.asOfs().mix(in -> Generators.instant(in)))
                .checkAssert((profiles, window, asOf) -> {
                    ProfileTable table = ProfileTable.of(profiles);
                    for (int n = 0; n <= 4; n++) {
                        Condition condition = Condition.ordersWithin(n, window);
                        ColumnCondition columns = (ColumnCondition) condition;
                        int from = profiles.isEmpty() ? 0 : profiles.size() / 3;
                        int[] masks = new int[profiles.size() - from];
                        columns.mark(table, from, profiles.size(), asOf.getEpochSecond(), asOf.getNano(), masks, 8);
                        for (int row = 0; row < profiles.size(); row++) {
                            boolean expected = condition.test(profiles.get(row), asOf);
                            assertEquals(expected, columns.test(table, row, asOf.getEpochSecond(), asOf.getNano()));
                            if (row >= from) {
                                assertEquals(expected ? 8 : 0, masks[row - from], "mark of row " + row);
                            }
                        }
                    }
                });
    }
}
