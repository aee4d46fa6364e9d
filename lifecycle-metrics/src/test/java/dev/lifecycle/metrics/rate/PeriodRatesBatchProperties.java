package dev.lifecycle.metrics.rate;

import static java.util.Objects.requireNonNull;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.lifecycle.core.CustomerEvent;
import dev.lifecycle.core.EventBatch;
import dev.lifecycle.core.EventType;
import dev.lifecycle.core.LifecycleTemplate;
import dev.lifecycle.core.Money;
import dev.lifecycle.core.Templates;
import dev.lifecycle.metrics.RandomLogs;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The period rates of a batch, from its columns on 1 to 4 threads, equal the rates of the batch's events as objects:
 * every figure of every period, for single periods and quarters, on random logs of every event type (ties, fractions
 * of a second, repeated event ids, mixed currencies), the built-in templates with random lapse periods (half the time
 * one that makes a lapse fall exactly on a bound), and batches built row by row or wrapped with their customer codes
 * in another order than their first rows. When the object path refuses the events, the batch path refuses them with
 * the same message (generated event ids aside, which are random on each reading as objects).
 */
final class PeriodRatesBatchProperties {
    private static final Instant T0 = RandomLogs.BASE;
    private static final List<Function<Duration, LifecycleTemplate>> TEMPLATES =
            List.of(Templates::fiveStage, Templates::buyerLifecycle, Templates::trackingCategories);

    @Test
    void computeBatch_randomLogs_equalsObjectPathOnAnyThreads() {
        qt().withFixedSeed(1414L).withExamples(1500).forAll(longs().all()).checkAssert(seed -> {
            Random random = new Random(seed);
            EventBatch batch = batch(random);
            Instant start = T0.plus(Duration.ofMinutes(random.nextInt(2 * 60 * 24 * 60) - 30 * 60 * 24));
            Instant end = start.plus(Duration.ofMinutes(1 + random.nextInt(120 * 24 * 60)));
            LifecycleTemplate template = template(random, batch, random.nextBoolean() ? start : end);

            assertSameOutcome(
                    () -> List.of(PeriodRates.compute(template, batch.events(), start, end)),
                    threads -> List.of(PeriodRates.compute(template, batch, start, end, threads)));
        });
    }

    @Test
    void quarterlyBatch_randomLogs_equalsObjectPathOnAnyThreads() {
        qt().withFixedSeed(2718L).withExamples(600).forAll(longs().all()).checkAssert(seed -> {
            Random random = new Random(seed);
            EventBatch batch = batch(random);
            Instant from = T0.minus(Duration.ofDays(random.nextInt(200)));
            Instant to = T0.plus(Duration.ofDays(random.nextInt(300)));
            LifecycleTemplate template = template(random, batch, Instant.parse("2026-04-01T00:00:00Z"));

            assertSameOutcome(
                    () -> PeriodRates.quarterly(template, batch.events(), from, to),
                    threads -> PeriodRates.quarterly(template, batch, from, to, threads));
        });
    }

    /**
     * Asserts that the batch path on 1 to 4 threads and on the default threads gives the object path's rates, or its
     * exception.
     */
    private static void assertSameOutcome(
            Supplier<List<PeriodRates>> objects, Function<Integer, List<PeriodRates>> columns) {
        List<PeriodRates> expected;
        try {
            expected = objects.get();
        } catch (IllegalArgumentException e) {
            for (int threads = 1; threads <= 4; threads++) {
                int t = threads;
                Executable call = () -> columns.apply(t);
                IllegalArgumentException batchError = assertThrows(IllegalArgumentException.class, call);
                assertEquals(
                        withoutGeneratedIds(String.valueOf(e.getMessage())),
                        withoutGeneratedIds(String.valueOf(batchError.getMessage())));
            }
            return;
        }
        for (int threads = 1; threads <= 4; threads++) {
            assertSameRates(expected, columns.apply(threads));
        }
    }

    /** Asserts that two lists of rates agree in every figure. */
    static void assertSameRates(List<PeriodRates> expected, List<PeriodRates> actual) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            assertSameRates(expected.get(i), actual.get(i));
        }
    }

    /** Asserts that two rates agree in every figure. */
    static void assertSameRates(PeriodRates expected, PeriodRates actual) {
        String what = expected.toString();
        assertEquals(expected.start(), actual.start(), what);
        assertEquals(expected.end(), actual.end(), what);
        assertEquals(expected.customersAtStart(), actual.customersAtStart(), what);
        assertEquals(expected.lostCustomers(), actual.lostCustomers(), what);
        assertEquals(expected.wonBackCustomers(), actual.wonBackCustomers(), what);
        assertEquals(expected.newCustomersAcquired(), actual.newCustomersAcquired(), what);
        assertEquals(expected.newCustomersNotActiveAtEnd(), actual.newCustomersNotActiveAtEnd(), what);
        assertEquals(expected.customersAtEnd(), actual.customersAtEnd(), what);
        assertEquals(expected.churnRate(), actual.churnRate(), what);
        assertEquals(expected.retentionRate(), actual.retentionRate(), what);
        assertEquals(expected.repeatPurchaseRate(), actual.repeatPurchaseRate(), what);
        assertEquals(expected.referralRate(), actual.referralRate(), what);
        assertEquals(expected.conversionRate(), actual.conversionRate(), what);
        assertEquals(expected.emailOpenRate(), actual.emailOpenRate(), what);
        assertEquals(expected.clickThroughRate(), actual.clickThroughRate(), what);
        assertEquals(expected.clickToOpenRate(), actual.clickToOpenRate(), what);
        assertEquals(expected.purchaseFrequency(), actual.purchaseFrequency(), what);
        assertEquals(expected.averageOrderValue(), actual.averageOrderValue(), what);
        assertEquals(expected.toString(), actual.toString());
    }

    /** A message with the random ids that events without an id get when read as objects replaced. */
    static String withoutGeneratedIds(String message) {
        return message.replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "<generated id>");
    }

    /**
     * A random log as a batch: a few customers (mixed currencies a quarter of the time) or, one time in eight, a few
     * hundred; built row by row or, when the log allows it, wrapped with the customer codes in reverse order of first
     * appearance.
     */
    private static EventBatch batch(Random random) {
        List<CustomerEvent> events =
                random.nextInt(8) == 0 ? manyCustomers(random) : RandomLogs.events(random, random.nextInt(4) == 0);
        EventBatch wrapped = random.nextBoolean() ? wrapped(events) : null;
        return wrapped != null ? wrapped : EventBatch.of(events);
    }

    /** Up to 2,000 events of up to 300 customers over 200 days, purchases in USD. */
    private static List<CustomerEvent> manyCustomers(Random random) {
        int customers = 1 + random.nextInt(300);
        EventType[] types = {
            EventType.PURCHASE,
            EventType.PURCHASE,
            EventType.SITE_VISIT,
            EventType.REFERRAL,
            EventType.EMAIL_DELIVERED,
            EventType.EMAIL_OPEN,
            EventType.EMAIL_CLICK
        };
        List<CustomerEvent> events = new ArrayList<>();
        for (int i = 0, n = random.nextInt(2_001); i < n; i++) {
            EventType type = types[random.nextInt(types.length)];
            CustomerEvent.Builder builder = CustomerEvent.builder(
                    "m" + random.nextInt(customers), type, T0.plusSeconds(60L * random.nextInt(200 * 24 * 60)));
            if (type == EventType.PURCHASE && random.nextBoolean()) {
                builder.amount(Money.ofMinorUnits(random.nextInt(10_000), Currency.getInstance("USD")));
            }
            events.add(builder.build());
        }
        return events;
    }

    /**
     * The log wrapped as arrays, customer ids in reverse order of first appearance; null when the log has what a
     * wrapped batch cannot hold (NPS answers, custom events, fractions of a second, amounts in two currencies).
     */
    @SuppressWarnings("JavaInstantGetSecondsGetNano") // a nanosecond of the second is a fraction of a second
    private static @Nullable EventBatch wrapped(List<CustomerEvent> events) {
        Map<String, Integer> order = new LinkedHashMap<>();
        Currency currency = null;
        for (CustomerEvent event : events) {
            if (event.type() == EventType.NPS_ANSWER
                    || event.type() == EventType.CUSTOM
                    || event.timestamp().getNano() != 0) {
                return null;
            }
            Money amount = event.amount().orElse(null);
            if (amount != null) {
                if (currency != null && !currency.equals(amount.currency())) {
                    return null;
                }
                currency = amount.currency();
            }
            order.putIfAbsent(event.customerId(), order.size());
        }
        List<String> ids = new ArrayList<>(order.keySet());
        Collections.reverse(ids);
        int size = events.size();
        int[] customers = new int[size];
        byte[] types = new byte[size];
        long[] seconds = new long[size];
        long[] amounts = currency == null ? null : new long[size];
        for (int row = 0; row < size; row++) {
            CustomerEvent event = events.get(row);
            customers[row] =
                    ids.size() - 1 - requireNonNull(order.get(event.customerId()), "every customer was numbered above");
            types[row] = (byte) event.type().ordinal();
            seconds[row] = event.timestamp().getEpochSecond();
            if (amounts != null) {
                Money amount = event.amount().orElse(null);
                amounts[row] = amount == null ? EventBatch.NO_AMOUNT : amount.minorUnits();
            }
        }
        return EventBatch.wrap(ids.toArray(new String[0]), customers, types, seconds, amounts, currency, size);
    }

    /**
     * A random built-in template: a lapse period of whole hours up to 200 days, or a nanosecond less; or, half the
     * time, the period that makes a customer whose last order before {@code bound} is a random purchase lapse exactly
     * on it.
     */
    private static LifecycleTemplate template(Random random, EventBatch batch, Instant bound) {
        List<Instant> before = new ArrayList<>();
        for (int row = 0; row < batch.size(); row++) {
            if (batch.type(row) == EventType.PURCHASE && batch.timestamp(row).isBefore(bound)) {
                before.add(batch.timestamp(row));
            }
        }
        Duration lapse = random.nextBoolean() && !before.isEmpty()
                ? Duration.between(before.get(random.nextInt(before.size())), bound)
                        .minusNanos(1)
                : Duration.ofHours(1 + random.nextInt(200 * 24)).minusNanos(random.nextInt(2));
        if (lapse.isNegative() || lapse.isZero()) {
            lapse = Duration.ofHours(1);
        }
        return TEMPLATES.get(random.nextInt(TEMPLATES.size())).apply(lapse);
    }
}
