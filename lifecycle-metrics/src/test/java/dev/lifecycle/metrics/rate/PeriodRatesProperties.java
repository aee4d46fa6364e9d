package dev.lifecycle.metrics.rate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.lifecycle.core.CustomerEvent;
import dev.lifecycle.core.EventType;
import dev.lifecycle.core.LifecycleTemplate;
import dev.lifecycle.core.Templates;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Period rates on random event logs and random lapse periods of the built-in templates agree with a brute-force
 * reference that applies the lapse rule directly (a customer who has ordered is lapsed at t when the last order before
 * t lies more than the lapse period before t) and walks every customer's stage history hour by hour; and the counts of
 * a period and of consecutive quarters add up.
 */
final class PeriodRatesProperties {
    private static final Instant BASE = Instant.parse("2023-01-01T00:00:00Z");
    private static final EventType[] TYPES = {EventType.PURCHASE, EventType.REFERRAL, EventType.SITE_VISIT};
    private static final List<Function<Duration, LifecycleTemplate>> TEMPLATES =
            List.of(Templates::fiveStage, Templates::buyerLifecycle, Templates::trackingCategories);

    /** A random built-in template and its lapse period. */
    private record Lapsing(LifecycleTemplate template, Duration lapse) {
        /**
         * Whole hours up to 400 days, or a nanosecond less; or, half the time, the period that makes a lapse (a
         * nanosecond after the period) fall exactly on {@code bound} for a customer whose last order before it is a
         * random purchase before it: the boundary case, which random periods alone would almost never meet.
         */
        static Lapsing random(Random random, List<CustomerEvent> events, Instant bound) {
            List<Instant> before = events.stream()
                    .filter(e -> e.type() == EventType.PURCHASE && e.timestamp().isBefore(bound))
                    .map(CustomerEvent::timestamp)
                    .toList();
            Duration lapse = random.nextBoolean() && !before.isEmpty()
                    ? Duration.between(before.get(random.nextInt(before.size())), bound)
                            .minusNanos(1)
                    : Duration.ofHours(1 + random.nextInt(400 * 24)).minusNanos(random.nextInt(2));
            return new Lapsing(TEMPLATES.get(random.nextInt(TEMPLATES.size())).apply(lapse), lapse);
        }
    }

    /** Events of up to {@code customers} customers, on whole hours within {@code days} days from {@link #BASE}. */
    private static List<CustomerEvent> events(Random random, int customers, int size, int days) {
        List<CustomerEvent> events = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            events.add(CustomerEvent.of(
                    "c" + random.nextInt(customers),
                    TYPES[random.nextInt(TYPES.length)],
                    BASE.plus(Duration.ofHours(random.nextInt(days * 24)))));
        }
        return events;
    }

    @Test
    void compute_randomLogsAndLapsePeriods_equalsDirectReference() {
        qt().withFixedSeed(5L).withExamples(300).forAll(longs().all()).checkAssert(seed -> {
            Random random = new Random(seed);
            int customers = 1 + random.nextInt(8);
            List<CustomerEvent> events = events(random, customers, random.nextInt(40), 600);
            Instant start = BASE.plus(Duration.ofDays(random.nextInt(400)));
            Instant end = start.plus(Duration.ofDays(1 + random.nextInt(300)));
            Lapsing lapsing = Lapsing.random(random, events, random.nextBoolean() ? start : end);
            Duration lapse = lapsing.lapse();

            PeriodRates rates = PeriodRates.compute(lapsing.template(), events, start, end);

            long atStart = 0;
            long lost = 0;
            long wonBack = 0;
            long fresh = 0;
            long activeAtEnd = 0;
            long freshActiveAtEnd = 0;
            long buyers = 0;
            long repeaters = 0;
            long customersAtEnd = 0;
            long referrers = 0;
            for (int c = 0; c < customers; c++) {
                String id = "c" + c;
                List<Instant> ordersBeforeStart = times(events, id, EventType.PURCHASE, Instant.MIN, start);
                List<Instant> ordersInPeriod = times(events, id, EventType.PURCHASE, start, end);
                boolean referred =
                        !times(events, id, EventType.REFERRAL, start, end).isEmpty();
                if (ordersInPeriod.size() >= 1) {
                    buyers++;
                }
                if (ordersInPeriod.size() >= 2) {
                    repeaters++;
                }
                if (!ordersBeforeStart.isEmpty() || !ordersInPeriod.isEmpty()) {
                    customersAtEnd++;
                    if (referred) {
                        referrers++;
                    }
                }
                List<Instant> ordersBeforeEnd = times(events, id, EventType.PURCHASE, Instant.MIN, end);
                boolean activeAtEndHere = !ordersBeforeEnd.isEmpty() && !lapsed(ordersBeforeEnd, end, lapse);
                activeAtEnd += activeAtEndHere ? 1 : 0;
                if (ordersBeforeStart.isEmpty()) {
                    fresh += ordersInPeriod.isEmpty() ? 0 : 1;
                    freshActiveAtEnd += !ordersInPeriod.isEmpty() && activeAtEndHere ? 1 : 0;
                    continue;
                }
                if (lapsed(ordersBeforeStart, start, lapse)) {
                    wonBack += activeAtEndHere ? 1 : 0;
                    continue;
                }
                atStart++;
                if (lapsedAtSomeInstant(events, id, start, end, lapse)) {
                    lost++;
                    wonBack += activeAtEndHere ? 1 : 0;
                }
            }
            assertEquals(atStart, rates.customersAtStart());
            assertEquals(lost, rates.lostCustomers());
            assertEquals(wonBack, rates.wonBackCustomers());
            assertEquals(fresh, rates.newCustomersAcquired());
            assertEquals(fresh - freshActiveAtEnd, rates.newCustomersNotActiveAtEnd());
            assertEquals(Rate.of("churn rate", lost, atStart), rates.churnRate());
            assertEquals(activeAtEnd, rates.customersAtEnd());
            assertEquals(
                    Ratio.of("customer retention rate", activeAtEnd - freshActiveAtEnd, atStart),
                    rates.retentionRate());
            assertEquals(Rate.of("repeat purchase rate", repeaters, buyers), rates.repeatPurchaseRate());
            assertEquals(Rate.of("referral rate", referrers, customersAtEnd), rates.referralRate());
        });
    }

    @Test
    void quarterly_randomLogsAndLapsePeriods_eachQuarterAddsUpAndStartsWhereThePreviousEnded() {
        qt().withFixedSeed(11L).withExamples(150).forAll(longs().all()).checkAssert(seed -> {
            Random random = new Random(seed);
            List<CustomerEvent> events = events(random, 1 + random.nextInt(12), random.nextInt(80), 3 * 365);
            Instant quarterBound = BASE.atZone(ZoneOffset.UTC)
                    .plusMonths(3L * (1 + random.nextInt(12)))
                    .toInstant();
            Lapsing lapsing = Lapsing.random(random, events, quarterBound);

            List<PeriodRates> quarters =
                    PeriodRates.quarterly(lapsing.template(), events, BASE, BASE.plus(Duration.ofDays(3 * 365 + 1)));

            assertEquals(12, quarters.size());
            for (int q = 0; q < quarters.size(); q++) {
                PeriodRates rates = quarters.get(q);
                assertEquals(
                        rates.customersAtEnd(),
                        rates.customersAtStart()
                                - rates.lostCustomers()
                                + rates.wonBackCustomers()
                                + rates.newCustomersAcquired()
                                - rates.newCustomersNotActiveAtEnd(),
                        rates::toString);
                if (q > 0) {
                    assertEquals(quarters.get(q - 1).customersAtEnd(), rates.customersAtStart(), quarters::toString);
                }
            }
        });
    }

    /**
     * Walks the period hour by hour, from the first hour after start to end: events and the period's bounds fall on
     * whole hours, so from just after one hour to the next the orders before t stay the same and "lapsed" can only
     * turn true; its value at the later hour (events strictly before it) stands for the whole stretch. The end itself
     * is included: a lapse exactly at the end is a lapse in the period.
     */
    private static boolean lapsedAtSomeInstant(
            List<CustomerEvent> events, String id, Instant start, Instant end, Duration lapse) {
        List<Instant> orders = times(events, id, EventType.PURCHASE, Instant.MIN, Instant.MAX);
        orders.sort(null);
        int before = 0; // orders strictly before t
        for (Instant t = start.plus(Duration.ofHours(1)); !t.isAfter(end); t = t.plus(Duration.ofHours(1))) {
            while (before < orders.size() && orders.get(before).isBefore(t)) {
                before++;
            }
            if (before > 0 && Duration.between(orders.get(before - 1), t).compareTo(lapse) > 0) {
                return true;
            }
        }
        return false;
    }

    private static boolean lapsed(List<Instant> orders, Instant at, Duration lapse) {
        Instant last = orders.stream().max(Instant::compareTo).orElseThrow();
        return Duration.between(last, at).compareTo(lapse) > 0;
    }

    private static List<Instant> times(
            List<CustomerEvent> events, String id, EventType type, Instant from, Instant to) {
        List<Instant> times = new ArrayList<>();
        for (CustomerEvent event : events) {
            if (event.customerId().equals(id)
                    && event.type() == type
                    && !event.timestamp().isBefore(from)
                    && event.timestamp().isBefore(to)) {
                times.add(event.timestamp());
            }
        }
        return times;
    }
}
