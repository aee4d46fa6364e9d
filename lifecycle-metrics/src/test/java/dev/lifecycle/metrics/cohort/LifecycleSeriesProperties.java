package dev.lifecycle.metrics.cohort;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.lifecycle.core.CustomerEvent;
import dev.lifecycle.core.EventBatch;
import dev.lifecycle.core.EventType;
import dev.lifecycle.core.Money;
import dev.lifecycle.metrics.RandomLogs;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The lifecycle series against a brute-force reference that applies the definitions period by period and customer by
 * customer, on random logs of every event type; the counts reconcile from period to period; a batch gives the same
 * series as its events on 1 to 4 threads, and refuses amounts in two currencies naming the same order.
 */
final class LifecycleSeriesProperties {
    private static final Instant T0 = RandomLogs.BASE;

    @Test
    void series_equalsTheDefinitionsAppliedPeriodByPeriod_andReconciles() {
        qt().withFixedSeed(2001L).withExamples(1500).forAll(longs().all()).checkAssert(seed -> {
            Random random = new Random(seed);
            List<CustomerEvent> events = RandomLogs.events(random, random.nextInt(6) == 0);
            CohortPeriod period = CohortPeriod.values()[random.nextInt(CohortPeriod.values().length)];
            Instant asOf = asOf(random, events);
            LifecycleSeries series;
            try {
                series = LifecycleSeries.of(events, period, asOf);
            } catch (IllegalArgumentException e) {
                assertTrue(String.valueOf(e.getMessage()).contains("in one currency"), e::getMessage);
                for (int threads = 1; threads <= 4; threads++) {
                    int t = threads;
                    IllegalArgumentException batchError = assertThrows(
                            IllegalArgumentException.class,
                            () -> LifecycleSeries.of(EventBatch.of(events), period, asOf, t));
                    assertEquals(e.getMessage(), batchError.getMessage(), "the same order named on any threads");
                }
                return;
            }
            assertEquals(reference(events, period, asOf), series.points());
            EventBatch batch = EventBatch.of(events);
            for (int threads = 1; threads <= 4; threads++) {
                LifecycleSeries fromBatch = LifecycleSeries.of(batch, period, asOf, threads);
                assertEquals(series.points(), fromBatch.points(), threads + " threads");
                assertEquals(series.ignoredEventCount(), fromBatch.ignoredEventCount(), threads + " threads");
                assertEquals(series.skippedEventCount(), fromBatch.skippedEventCount(), threads + " threads");
            }
            assertEquals(
                    series.points(), LifecycleSeries.of(batch, period, asOf).points());
            long orders =
                    events.stream().filter(e -> e.type() == EventType.PURCHASE).count();
            assertEquals(events.size() - orders, series.skippedEventCount());
            List<LifecycleSeries.Point> points = series.points();
            for (int i = 0; i < points.size(); i++) {
                LifecycleSeries.Point p = points.get(i);
                assertEquals(p.active(), p.newCustomers() + p.returning() + p.resurrecting(), p.toString());
                long before = i == 0 ? 0 : points.get(i - 1).active();
                assertEquals(before, p.returning() + p.dormant(), p.toString());
                assertTrue(p.complete() || i == points.size() - 1, "only the last period may be incomplete");
            }
        });
    }

    /** The definitions, applied to each period and customer from the events themselves. */
    private static List<LifecycleSeries.Point> reference(
            List<CustomerEvent> events, CohortPeriod period, Instant asOf) {
        LocalDate asOfDate = LocalDate.ofInstant(asOf, ZoneOffset.UTC);
        LocalDate containing = start(period, asOfDate);
        boolean observedAtAsOf = instant(containing).isBefore(asOf);
        LocalDate last = observedAtAsOf ? containing : previous(period, containing);
        List<CustomerEvent> orders = new ArrayList<>();
        for (CustomerEvent e : events) {
            boolean observed = e.timestamp().isBefore(asOf)
                    || (observedAtAsOf && e.timestamp().equals(asOf));
            if (e.type() == EventType.PURCHASE && observed) {
                orders.add(e);
            }
        }
        List<LifecycleSeries.Point> points = new ArrayList<>();
        if (orders.isEmpty()) {
            return points;
        }
        LocalDate first = orders.stream()
                .map(e -> start(period, LocalDate.ofInstant(e.timestamp(), ZoneOffset.UTC)))
                .min(LocalDate::compareTo)
                .orElseThrow();
        TreeSet<String> customers = new TreeSet<>();
        orders.forEach(e -> customers.add(e.customerId()));
        for (LocalDate p = first; !p.isAfter(last); p = next(period, p)) {
            LocalDate at = p;
            LocalDate before = previous(period, p);
            long[] c = new long[7];
            for (String customer : customers) {
                boolean now = activeIn(orders, customer, p, period);
                boolean then = activeIn(orders, customer, before, period);
                boolean earlier = orders.stream()
                        .anyMatch(e ->
                                e.customerId().equals(customer) && e.timestamp().isBefore(instant(at)));
                if (now) {
                    c[0]++;
                    if (!earlier) {
                        c[1]++;
                    } else if (then) {
                        int change =
                                spend(orders, customer, p, period).compareTo(spend(orders, customer, before, period));
                        c[change > 0 ? 2 : change == 0 ? 3 : 4]++;
                    } else {
                        c[5]++;
                    }
                } else if (then) {
                    c[6]++;
                }
            }
            boolean complete = !instant(next(period, p)).isAfter(asOf);
            points.add(new LifecycleSeries.Point(p, complete, c[0], c[1], c[2], c[3], c[4], c[5], c[6]));
        }
        return points;
    }

    private static boolean activeIn(List<CustomerEvent> orders, String customer, LocalDate p, CohortPeriod period) {
        return orders.stream().anyMatch(e -> e.customerId().equals(customer) && within(e, p, period));
    }

    private static BigDecimal spend(List<CustomerEvent> orders, String customer, LocalDate p, CohortPeriod period) {
        BigDecimal sum = BigDecimal.ZERO;
        for (CustomerEvent e : orders) {
            if (e.customerId().equals(customer) && within(e, p, period)) {
                sum = sum.add(e.amount().map(Money::amount).orElse(BigDecimal.ZERO));
            }
        }
        return sum;
    }

    private static boolean within(CustomerEvent e, LocalDate p, CohortPeriod period) {
        return !e.timestamp().isBefore(instant(p)) && e.timestamp().isBefore(instant(next(period, p)));
    }

    private static LocalDate start(CohortPeriod period, LocalDate date) {
        return switch (period) {
            case DAY -> date;
            case WEEK -> date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH -> date.withDayOfMonth(1);
        };
    }

    private static LocalDate next(CohortPeriod period, LocalDate p) {
        return switch (period) {
            case DAY -> p.plusDays(1);
            case WEEK -> p.plusWeeks(1);
            case MONTH -> p.plusMonths(1);
        };
    }

    private static LocalDate previous(CohortPeriod period, LocalDate p) {
        return switch (period) {
            case DAY -> p.minusDays(1);
            case WEEK -> p.minusWeeks(1);
            case MONTH -> p.minusMonths(1);
        };
    }

    private static Instant instant(LocalDate date) {
        return date.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** An instant anywhere, at a midnight (often a period start), or exactly at an event. */
    private static Instant asOf(Random random, List<CustomerEvent> events) {
        return switch (random.nextInt(4)) {
            case 0 ->
                events.isEmpty()
                        ? T0
                        : events.get(random.nextInt(events.size())).timestamp();
            case 1 -> Instant.ofEpochSecond((T0.getEpochSecond() / 86_400 + random.nextInt(200) - 20) * 86_400);
            default -> T0.plusSeconds(random.nextInt(200 * 86_400));
        };
    }
}
