package dev.lifecycle.metrics.cohort;

import static dev.lifecycle.metrics.cohort.CohortRetentionProperties.index;
import static dev.lifecycle.metrics.cohort.CohortRetentionProperties.lastIndex;
import static dev.lifecycle.metrics.cohort.CohortRetentionProperties.startOfIndex;
import static java.util.Objects.requireNonNull;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.lifecycle.core.CustomerEvent;
import dev.lifecycle.core.EventBatch;
import dev.lifecycle.core.EventType;
import dev.lifecycle.core.Money;
import dev.lifecycle.metrics.RandomLogs;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Cohort tables with random options (cohort and return types, brackets) on random logs of every event type: every
 * period cell, every bracket cell and the four event counts equal a brute-force reading of the definitions, written
 * here from sets of customers per period; the object path and the batch on 1 to 4 threads agree with it.
 */
final class CohortRetentionOptionsProperties {
    private static final Currency USD = Currency.getInstance("USD");

    /** Types RandomLogs draws often (and a few it draws rarely), for cohort and return sets that overlap or not. */
    private static final EventType[] POOL = {
        EventType.PURCHASE,
        EventType.SITE_VISIT,
        EventType.PRODUCT_VIEW,
        EventType.CART_ADD,
        EventType.SIGN_UP,
        EventType.REFUND,
        EventType.CUSTOM
    };

    @Test
    void cellsAndCounts_randomOptions_equalBruteForceOnObjectsAndBatch() {
        qt().withFixedSeed(20L).withExamples(600).forAll(longs().all()).checkAssert(seed -> {
            Random random = new Random(seed);
            List<CustomerEvent> log = RandomLogs.events(random, false);
            CohortPeriod period = CohortPeriod.values()[random.nextInt(CohortPeriod.values().length)];
            Instant asOf = asOf(random);
            RetentionOptions options = options(random);
            Reference expected = new Reference(log, period, asOf, options);

            List<CohortRetention> tables = new ArrayList<>();
            tables.add(CohortRetention.of(log, period, asOf, options));
            EventBatch batch = EventBatch.of(log);
            for (int threads = 1; threads <= 4; threads++) {
                tables.add(CohortRetention.of(batch, period, asOf, options, threads));
            }
            for (CohortRetention table : tables) {
                expected.check(table);
            }
        });
    }

    private static RetentionOptions options(Random random) {
        RetentionOptions.Builder builder =
                RetentionOptions.builder().cohortTypes(types(random)).returnTypes(types(random));
        List<RetentionOptions.Bracket> brackets = new ArrayList<>();
        long next = random.nextInt(3);
        int count = random.nextInt(5);
        for (int b = 0; b < count; b++) {
            long last = next + random.nextInt(random.nextBoolean() ? 2 : 40);
            brackets.add(new RetentionOptions.Bracket(next, last));
            next = last + 1;
        }
        return builder.brackets(brackets).build();
    }

    private static Set<EventType> types(Random random) {
        Set<EventType> types = EnumSet.noneOf(EventType.class);
        types.add(POOL[random.nextInt(POOL.length)]);
        while (random.nextInt(3) == 0) {
            types.add(POOL[random.nextInt(POOL.length)]);
        }
        return types;
    }

    /** asOf within the logs' span or a little beyond, at a random second or at a midnight (period starts among them). */
    private static Instant asOf(Random random) {
        int days = random.nextInt(170);
        return random.nextBoolean()
                ? RandomLogs.BASE.plusSeconds(days * 86_400L)
                : RandomLogs.BASE.plusSeconds(days * 86_400L + random.nextInt(86_400));
    }

    /** The definitions, read directly: per customer the set of offsets with a return event. */
    /**
     * The table read off the events directly: each customer's cohort, the offsets they were active in and what they
     * spent per offset, then any cell as the definitions in docs/metrics.md put it. Also the reference of {@link
     * CohortRetentionProperties}, with the default options.
     */
    static final class Reference {
        final CohortPeriod period;
        final Instant asOf;
        final RetentionOptions options;
        final long lastIndex;
        final Map<String, Long> cohortOf = new HashMap<>();
        final Map<String, Set<Long>> offsetsOf = new HashMap<>();
        final Map<String, Map<Long, BigDecimal>> spendOf = new HashMap<>();
        final boolean amounts;
        long skipped;
        long ignored;
        long outside;
        long counted;

        Reference(List<CustomerEvent> log, CohortPeriod period, Instant asOf, RetentionOptions options) {
            this.period = period;
            this.asOf = asOf;
            this.options = options;
            this.lastIndex = lastIndex(period, asOf);
            boolean anyAmount = false;
            for (CustomerEvent e : log) {
                boolean cohortType = options.cohortTypes().contains(e.type());
                boolean returnType = options.returnTypes().contains(e.type());
                anyAmount |= returnType && e.amount().isPresent();
                if (cohortType && observed(e)) {
                    cohortOf.merge(e.customerId(), index(period, e.timestamp()), Math::min);
                }
            }
            amounts = anyAmount;
            for (CustomerEvent e : log) {
                boolean cohortType = options.cohortTypes().contains(e.type());
                boolean returnType = options.returnTypes().contains(e.type());
                if (!cohortType && !returnType) {
                    skipped++;
                } else if (!observed(e)) {
                    ignored++;
                } else if (cohortType) {
                    counted++;
                    if (returnType) {
                        addReturn(e);
                    }
                } else {
                    Long cohort = cohortOf.get(e.customerId());
                    if (cohort == null || index(period, e.timestamp()) < cohort) {
                        outside++;
                    } else {
                        counted++;
                        addReturn(e);
                    }
                }
            }
        }

        private boolean observed(CustomerEvent e) {
            return !e.timestamp().isAfter(asOf) && index(period, e.timestamp()) <= lastIndex;
        }

        private void addReturn(CustomerEvent e) {
            long offset = index(period, e.timestamp()) - requireNonNull(cohortOf.get(e.customerId()));
            offsetsOf.computeIfAbsent(e.customerId(), c -> new HashSet<>()).add(offset);
            BigDecimal amount = e.amount().map(Money::amount).orElse(BigDecimal.ZERO);
            spendOf.computeIfAbsent(e.customerId(), c -> new HashMap<>()).merge(offset, amount, BigDecimal::add);
        }

        private boolean activeIn(String customer, long first, long last) {
            for (long offset : offsetsOf.getOrDefault(customer, Set.of())) {
                if (offset >= first && offset <= last) {
                    return true;
                }
            }
            return false;
        }

        private BigDecimal spend(String customer, long first, long last) {
            BigDecimal sum = BigDecimal.ZERO;
            for (Map.Entry<Long, BigDecimal> e :
                    spendOf.getOrDefault(customer, Map.of()).entrySet()) {
                if (e.getKey() >= first && e.getKey() <= last) {
                    sum = sum.add(e.getValue());
                }
            }
            return sum;
        }

        /** The cell of the cohort for offsets first..last, with previousFirst..previousLast the ones before, if any. */
        Optional<CohortCell> cell(long cohort, long first, long last, long previousFirst, long previousLast) {
            if (!cohortOf.containsValue(cohort) || cohort + first > lastIndex) {
                return Optional.empty();
            }
            long size = 0;
            long active = 0;
            long retained = 0;
            long previousActive = 0;
            long stillActive = 0;
            BigDecimal revenue = BigDecimal.ZERO;
            BigDecimal periodZero = BigDecimal.ZERO;
            for (Map.Entry<String, Long> customer : cohortOf.entrySet()) {
                if (customer.getValue() != cohort) {
                    continue;
                }
                String id = customer.getKey();
                size++;
                boolean here = activeIn(id, first, last);
                boolean before = previousFirst >= 0 && activeIn(id, previousFirst, previousLast);
                active += here ? 1 : 0;
                retained += activeIn(id, first, Long.MAX_VALUE) ? 1 : 0;
                previousActive += before ? 1 : 0;
                stillActive += before && here ? 1 : 0;
                revenue = revenue.add(spend(id, first, last));
                periodZero = periodZero.add(spend(id, 0, 0));
            }
            return Optional.of(new CohortCell(
                    startOfIndex(period, cohort),
                    first,
                    last,
                    startOfIndex(period, cohort + first),
                    !startOfIndex(period, cohort + last + 1)
                            .atStartOfDay(ZoneOffset.UTC)
                            .toInstant()
                            .isAfter(asOf),
                    size,
                    active,
                    retained,
                    previousActive,
                    stillActive,
                    amounts ? new Money(revenue, USD) : null,
                    amounts ? new Money(periodZero, USD) : null));
        }

        void check(CohortRetention table) {
            assertEquals(skipped, table.skippedEventCount(), "skipped");
            assertEquals(ignored, table.ignoredEventCount(), "ignored");
            assertEquals(outside, table.outsideCohortEventCount(), "outside");
            assertEquals(counted, table.countedEventCount(), "counted");
            assertEquals(options, table.options());
            TreeSet<LocalDate> cohorts = new TreeSet<>();
            cohortOf.values().forEach(c -> cohorts.add(startOfIndex(period, c)));
            assertEquals(List.copyOf(cohorts), table.cohorts());
            List<RetentionOptions.Bracket> brackets = options.brackets();
            for (long cohort : new TreeSet<>(cohortOf.values())) {
                LocalDate start = startOfIndex(period, cohort);
                for (long k = 0; cohort + k <= lastIndex + 1; k++) {
                    Optional<CohortCell> expected = cell(cohort, k, k, k - 1, k - 1);
                    Optional<CohortCell> actual = table.cell(start, k);
                    assertEquals(expected, actual, start + " k=" + k);
                    OptionalDouble previous =
                            actual.map(CohortCell::previousPeriodRetention).orElse(OptionalDouble.empty());
                    previous.ifPresent(r -> assertTrue(r >= 0 && r <= 1, actual::toString));
                }
                int present = 0;
                for (int b = 0; b < brackets.size(); b++) {
                    RetentionOptions.Bracket bracket = brackets.get(b);
                    RetentionOptions.Bracket before = b == 0 ? null : brackets.get(b - 1);
                    Optional<CohortCell> expected = cell(
                            cohort,
                            bracket.first(),
                            bracket.last(),
                            before == null ? -1 : before.first(),
                            before == null ? -1 : before.last());
                    assertEquals(expected, table.bracketCell(start, b), start + " bracket " + bracket);
                    present += expected.isPresent() ? 1 : 0;
                }
                assertEquals(present, table.bracketCount(start));
            }
        }
    }
}
