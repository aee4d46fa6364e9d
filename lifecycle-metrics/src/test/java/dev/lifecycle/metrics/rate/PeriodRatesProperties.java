package dev.lifecycle.metrics.rate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.lifecycle.core.CustomerEvent;
import dev.lifecycle.core.EventType;
import dev.lifecycle.core.Templates;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Period rates on random event logs agree with a brute-force reference that applies the five-stage lapse rule directly
 * (a customer who has ordered is lapsed at t when the last order before t lies more than 180 days before t) and walks
 * every customer's stage history hour by hour.
 */
final class PeriodRatesProperties {
    private static final Instant BASE = Instant.parse("2023-01-01T00:00:00Z");
    private static final Duration LAPSE = Duration.ofDays(180);
    private static final EventType[] TYPES = {EventType.PURCHASE, EventType.REFERRAL, EventType.SITE_VISIT};

    @Test
    void compute_randomLogs_equalsDirectReference() {
        qt().withFixedSeed(5L).withExamples(300).forAll(longs().all()).checkAssert(seed -> {
            Random random = new Random(seed);
            List<CustomerEvent> events = new ArrayList<>();
            int customers = 1 + random.nextInt(8);
            int size = random.nextInt(40);
            for (int i = 0; i < size; i++) {
                events.add(CustomerEvent.of(
                        "c" + random.nextInt(customers),
                        TYPES[random.nextInt(TYPES.length)],
                        BASE.plus(Duration.ofHours(random.nextInt(600 * 24)))));
            }
            Instant start = BASE.plus(Duration.ofDays(random.nextInt(400)));
            Instant end = start.plus(Duration.ofDays(1 + random.nextInt(300)));

            PeriodRates rates = PeriodRates.compute(Templates.fiveStage(), events, start, end);

            long atStart = 0;
            long lost = 0;
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
                boolean activeAtEndHere = !ordersBeforeEnd.isEmpty() && !lapsed(ordersBeforeEnd, end);
                activeAtEnd += activeAtEndHere ? 1 : 0;
                if (ordersBeforeStart.isEmpty()) {
                    fresh += ordersInPeriod.isEmpty() ? 0 : 1;
                    freshActiveAtEnd += !ordersInPeriod.isEmpty() && activeAtEndHere ? 1 : 0;
                    continue;
                }
                if (lapsed(ordersBeforeStart, start)) {
                    continue;
                }
                atStart++;
                if (lapsedAtSomeInstant(events, id, start, end)) {
                    lost++;
                }
            }
            assertEquals(atStart, rates.customersAtStart());
            assertEquals(lost, rates.lostCustomers());
            assertEquals(fresh, rates.newCustomersAcquired());
            assertEquals(Rate.of("churn rate", lost, atStart), rates.churnRate());
            assertEquals(activeAtEnd, rates.customersAtEnd());
            assertEquals(
                    Ratio.of("customer retention rate", activeAtEnd - freshActiveAtEnd, atStart),
                    rates.retentionRate());
            assertEquals(Rate.of("repeat purchase rate", repeaters, buyers), rates.repeatPurchaseRate());
            assertEquals(Rate.of("referral rate", referrers, customersAtEnd), rates.referralRate());
        });
    }

    /**
     * Walks the period hour by hour and at its last nanosecond: events fall on whole hours, so the stage is constant
     * from just after one hour to the next, and its value at the later hour (events strictly before it) stands for
     * the whole stretch. A lapse that begins in the last hour before a period end off the hour grid is caught at the
     * last nanosecond.
     */
    private static boolean lapsedAtSomeInstant(List<CustomerEvent> events, String id, Instant start, Instant end) {
        List<Instant> orders = times(events, id, EventType.PURCHASE, Instant.MIN, Instant.MAX);
        orders.sort(null);
        List<Instant> instants = new ArrayList<>();
        for (Instant t = start; t.isBefore(end); t = t.plus(Duration.ofHours(1))) {
            instants.add(t);
        }
        instants.add(end.minusNanos(1));
        int before = 0; // orders strictly before t
        for (Instant t : instants) {
            while (before < orders.size() && orders.get(before).isBefore(t)) {
                before++;
            }
            if (before > 0 && Duration.between(orders.get(before - 1), t).compareTo(LAPSE) > 0) {
                return true;
            }
        }
        return false;
    }

    private static boolean lapsed(List<Instant> orders, Instant at) {
        Instant last = orders.stream().max(Instant::compareTo).orElseThrow();
        return Duration.between(last, at).compareTo(LAPSE) > 0;
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
