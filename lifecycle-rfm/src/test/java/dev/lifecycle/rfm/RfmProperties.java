package dev.lifecycle.rfm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.lifecycle.core.CustomerEvent;
import dev.lifecycle.core.CustomerProfile;
import dev.lifecycle.core.EventBatch;
import dev.lifecycle.core.EventType;
import dev.lifecycle.core.Money;
import dev.lifecycle.core.ProfileTable;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Invariants of scoring, segmenting and migration, each checked against a computation of its own. */
final class RfmProperties {
    private static final Instant START = Instant.parse("2024-01-01T00:00:00Z");

    /** Random purchases of a few dozen customers over two years, with few distinct values so that ties are common. */
    static List<CustomerEvent> events(Random random) {
        int customers = 1 + random.nextInt(80);
        List<CustomerEvent> events = new ArrayList<>();
        int spread = 1 + random.nextInt(730);
        for (int c = 0; c < customers; c++) {
            int orders = 1 + random.nextInt(1 + random.nextInt(8));
            for (int o = 0; o < orders; o++) {
                Instant at = START.plus(Duration.ofHours(random.nextInt(spread * 24)));
                CustomerEvent event = CustomerEvent.of("c" + c, EventType.PURCHASE, at);
                if (random.nextInt(10) > 0) {
                    event = event.withAmount(
                            Money.ofMinorUnits(100L * random.nextInt(6), java.util.Currency.getInstance("EUR")));
                }
                events.add(event);
            }
        }
        java.util.Collections.shuffle(events, random);
        return events;
    }

    static Instant asOf(Random random) {
        return START.plus(Duration.ofHours(random.nextInt(800 * 24)));
    }

    /** Whether row a's value is worse than row b's, compared exactly (means by cross-multiplying). */
    private static boolean worse(RfmValues v, Dimension d, Monetary m, int a, int b) {
        return switch (d) {
            case RECENCY -> v.recencyDays(a) > v.recencyDays(b);
            case FREQUENCY -> v.orders(a) < v.orders(b);
            case MONETARY ->
                m == Monetary.TOTAL
                        ? v.revenueMinorUnits(a) < v.revenueMinorUnits(b)
                        : BigInteger.valueOf(v.revenueMinorUnits(a))
                                        .multiply(BigInteger.valueOf(v.orders(b)))
                                        .compareTo(BigInteger.valueOf(v.revenueMinorUnits(b))
                                                .multiply(BigInteger.valueOf(v.orders(a))))
                                < 0;
        };
    }

    @Test
    void ranks_everyScore_isOnePlusFloorOfScoresTimesWorseCustomersOverCustomers() {
        qt().withFixedSeed(1901L).withExamples(300).forAll(longs().all()).checkAssert(seed -> {
            Random random = new Random(seed);
            Instant asOf = asOf(random);
            RfmValues values = RfmValues.fromEvents(events(random), asOf, ZoneOffset.UTC);
            if (values.size() == 0) {
                return;
            }
            int n = RfmScale.MIN_SCORES + random.nextInt(RfmScale.MAX_SCORES - RfmScale.MIN_SCORES + 1);
            Monetary monetary = random.nextBoolean() ? Monetary.TOTAL : Monetary.MEAN;
            RfmScale scale = RfmScale.fit(values, Binning.RANKS, n, monetary);
            long size = values.size();
            for (int row = 0; row < size; row++) {
                RfmScore score = scale.score(values, row);
                for (Dimension d : Dimension.values()) {
                    long worse = 0;
                    for (int other = 0; other < size; other++) {
                        if (worse(values, d, monetary, other, row)) {
                            worse++;
                        }
                    }
                    assertEquals(1 + n * worse / size, score.of(d), () -> d + " of row " + values.customerId(0));
                }
            }
        });
    }

    @Test
    void segmentation_everyCustomerInTheFirstSegmentHoldingItsScores_andTheTableAddsUp() {
        qt().withFixedSeed(1902L).withExamples(200).forAll(longs().all()).checkAssert(seed -> {
            Random random = new Random(seed);
            List<CustomerEvent> events = events(random);
            RfmValues values = RfmValues.fromEvents(events, asOf(random), ZoneOffset.UTC);
            if (values.size() == 0) {
                return;
            }
            Binning binning = random.nextBoolean() ? Binning.RANKS : Binning.RFM_PACKAGE;
            RfmScale scale = RfmScale.fit(values, binning, 5, Monetary.TOTAL);
            SegmentMap map = SegmentMap.tenSegments();
            Segmentation segmentation = Segmentation.of(values, scale, map);
            long[] customers = new long[map.names().size()];
            long[] orders = new long[customers.length];
            BigDecimal[] revenue = new BigDecimal[customers.length];
            java.util.Arrays.fill(revenue, BigDecimal.ZERO);
            for (int row = 0; row < values.size(); row++) {
                RfmScore score = segmentation.score(row);
                int first = map.segments().size();
                for (int s = map.segments().size() - 1; s >= 0; s--) {
                    Segment segment = map.segments().get(s);
                    if (segment.recency().contains(score.recency())
                            && segment.frequency().contains(score.frequency())
                            && segment.monetary().contains(score.monetary())) {
                        first = s;
                    }
                }
                assertEquals(first, segmentation.segmentIndex(row));
                assertEquals(map.names().get(first), segmentation.segment(row));
                customers[first]++;
                orders[first] += values.orders(row);
                revenue[first] = revenue[first].add(values.revenue(row));
            }
            List<SegmentSummary> summaries = segmentation.summaries();
            assertEquals(map.names().size(), summaries.size());
            for (int s = 0; s < summaries.size(); s++) {
                assertEquals(map.names().get(s), summaries.get(s).segment());
                assertEquals(customers[s], summaries.get(s).customers());
                assertEquals(orders[s], summaries.get(s).orders());
                assertEquals(0, revenue[s].compareTo(summaries.get(s).revenue()));
            }
            assertEquals(
                    values.size(),
                    summaries.stream().mapToLong(SegmentSummary::customers).sum());
        });
    }

    @Test
    void migration_rowsAndColumnsSumToTheSegmentCountsAtEachInstant() {
        qt().withFixedSeed(1903L).withExamples(200).forAll(longs().all()).checkAssert(seed -> {
            Random random = new Random(seed);
            List<CustomerEvent> events = events(random);
            Instant first = asOf(random);
            Instant second = asOf(random);
            RfmValues before = RfmValues.fromEvents(events, first, ZoneOffset.UTC);
            RfmValues after = RfmValues.fromEvents(events, second, ZoneOffset.UTC);
            if (before.size() == 0 || after.size() == 0) {
                return;
            }
            RfmScale scale = RfmScale.quintiles(after);
            Segmentation from = Segmentation.of(before, RfmScale.quintiles(before), SegmentMap.tenSegments());
            Segmentation to = Segmentation.of(after, scale, SegmentMap.tenSegments());
            SegmentMigration migration = SegmentMigration.between(from, to);
            List<SegmentSummary> fromTable = from.summaries();
            List<SegmentSummary> toTable = to.summaries();
            Map<String, Integer> later = new HashMap<>();
            for (int row = 0; row < after.size(); row++) {
                later.put(after.customerId(row), row);
            }
            long onlyBefore = 0;
            for (int row = 0; row < before.size(); row++) {
                if (!later.containsKey(before.customerId(row))) {
                    onlyBefore++;
                }
            }
            int lastRow = migration.rows().size() - 1;
            int lastColumn = migration.columns().size() - 1;
            long total = 0;
            for (int r = 0; r <= lastRow; r++) {
                long sum = 0;
                for (int c = 0; c <= lastColumn; c++) {
                    sum += migration.count(r, c);
                }
                total += sum;
                if (r < lastRow) {
                    assertEquals(
                            fromTable.get(r).customers(), sum, migration.rows().get(r));
                } else {
                    assertEquals(after.size() - (before.size() - onlyBefore), sum, "new customers");
                }
            }
            for (int c = 0; c <= lastColumn; c++) {
                long sum = 0;
                for (int r = 0; r <= lastRow; r++) {
                    sum += migration.count(r, c);
                }
                assertEquals(
                        c < lastColumn ? toTable.get(c).customers() : onlyBefore,
                        sum,
                        migration.columns().get(c));
            }
            assertEquals(after.size() + onlyBefore, total);
            assertEquals(0, migration.count(lastRow, lastColumn));
        });
    }

    @Test
    void values_fromEventsBatchAndProfiles_areTheSameRows() {
        qt().withFixedSeed(1904L).withExamples(200).forAll(longs().all()).checkAssert(seed -> {
            Random random = new Random(seed);
            List<CustomerEvent> events = events(random);
            Instant asOf = asOf(random);
            ZoneId zone = List.of(
                            ZoneOffset.UTC,
                            ZoneId.of("America/Los_Angeles"),
                            ZoneOffset.ofHoursMinutes(5, 30),
                            ZoneOffset.ofHoursMinutes(-9, -30))
                    .get(random.nextInt(4));
            RfmValues fromEvents = RfmValues.fromEvents(events, asOf, zone);
            String expected = rows(fromEvents);
            assertEquals(expected, rows(RfmValues.fromBatch(EventBatch.of(events), asOf, zone)));
            ProfileTable folded = ProfileTable.fromEvents(events);
            assertEquals(expected, rows(RfmValues.fromProfiles(folded, asOf, zone)));
            // a table of profiles, whose customers are found distinct at its first use
            assertEquals(expected, rows(RfmValues.fromProfiles(ProfileTable.of(folded.profiles()), asOf, zone)));
            if (fromEvents.size() > 0) {
                List<CustomerProfile> twice = new ArrayList<>(folded.profiles());
                twice.addAll(folded.profiles());
                String message = assertThrows(
                                IllegalArgumentException.class,
                                () -> RfmValues.fromProfiles(ProfileTable.of(twice), asOf, zone))
                        .getMessage();
                assertTrue(String.valueOf(message).endsWith(" is already in the table"), message);
            }
        });
    }

    /** The rows sorted by customer, as text. */
    private static String rows(RfmValues values) {
        List<String> rows = new ArrayList<>();
        for (int row = 0; row < values.size(); row++) {
            rows.add(values.customerId(row) + " " + values.recencyDays(row) + " " + values.orders(row) + " "
                    + values.revenueMinorUnits(row));
        }
        rows.sort(null);
        return rows + " " + values.currency();
    }
}
