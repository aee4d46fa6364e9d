package dev.lifecycle.core;

import static dev.lifecycle.core.EventType.PURCHASE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.common.testing.EqualsTester;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A tracker's stage flow counted by hand on the five-stage template (lapse after 180 days without an order, win-back
 * to retention on the next order), with moves on both edges of the interval and lapses that only time makes; and the
 * refusals.
 */
final class StageFlowTest {
    private static final Instant T0 = Instant.parse("2025-01-06T09:00:00Z");
    private static final List<String> LABELS =
            List.of("awareness", "consideration", "conversion", "retention", "advocacy", "lapsed", MoveMatrix.NONE);

    private static Instant day(long days) {
        return T0.plus(Duration.ofDays(days));
    }

    private static CustomerEvent purchase(String customerId, Instant at) {
        return CustomerEvent.builder(customerId, PURCHASE, at)
                .eventId(customerId + "@" + at)
                .build();
    }

    /**
     * a: first order on day 0 (conversion), second on day 20 (retention), lapses 180 days and a nanosecond after it,
     * wins back on day 250. b: first seen on day 50 with an order, lapses on day 230 and a nanosecond, which only time
     * makes: no event of b follows. c: first order on day 10, exactly at {@code from}, so c is in conversion then; lapses
     * on day 190 and a nanosecond, again by time alone. d: first seen on day 260, after {@code to}. Interval (day 10,
     * day 250].
     */
    private static LifecycleTracker tracker() {
        LifecycleTracker tracker =
                LifecycleTracker.builder(Templates.fiveStage()).build();
        List.of(
                        purchase("a", day(0)),
                        purchase("c", day(10)),
                        purchase("a", day(20)),
                        purchase("b", day(50)),
                        purchase("a", day(250)),
                        purchase("d", day(260)))
                .forEach(tracker::accept);
        return tracker;
    }

    @Test
    void flow_handCounted_everyMoveInTheInterval_andWhereEachCustomerWas() {
        LifecycleTracker tracker = tracker();
        StageFlow flow = tracker.flow(day(10), day(250));

        MoveMatrix customers = flow.customers();
        assertEquals(LABELS, customers.rows());
        assertEquals(LABELS, customers.columns());
        assertEquals(1, customers.count("conversion", "retention"), "a");
        assertEquals(1, customers.count("conversion", "lapsed"), "c");
        assertEquals(1, customers.count(MoveMatrix.NONE, "lapsed"), "b, first seen inside the interval");
        assertEquals(3, total(customers), "d, first seen after to, is in neither matrix");
        assertEquals(0, customers.stayed());

        MoveMatrix moves = flow.moves();
        Map<List<String>, Long> expected = Map.of(
                List.of(MoveMatrix.NONE, "awareness"), 1L, // b first seen
                List.of("awareness", "conversion"), 1L, // b's first order
                List.of("conversion", "retention"), 1L, // a's second order
                List.of("conversion", "lapsed"), 2L, // b and c by time alone
                List.of("retention", "lapsed"), 1L, // a by time alone
                List.of("lapsed", "retention"), 1L); // a's win-back, at exactly to
        for (String left : LABELS) {
            for (String entered : LABELS) {
                assertEquals(
                        expected.getOrDefault(List.of(left, entered), 0L),
                        moves.count(left, entered),
                        left + " -> " + entered);
            }
        }
        int conversion = LABELS.indexOf("conversion");
        assertEquals(
                1.0 / 3, moves.rowShare(conversion, LABELS.indexOf("retention")).orElseThrow(), 1e-15);
        assertEquals(
                2.0 / 3, moves.rowShare(conversion, LABELS.indexOf("lapsed")).orElseThrow(), 1e-15);

        // the reconciliation, stage by stage: change of customers = moves in - moves out
        long[] change = {0, 0, -2, 1, 0, 2};
        for (int s = 0; s < change.length; s++) {
            assertEquals(change[s], customers.columnTotal(s) - customers.rowTotal(s), LABELS.get(s));
            assertEquals(change[s], moves.columnTotal(s) - moves.rowTotal(s), LABELS.get(s));
        }
        assertEquals(
                tracker.distributionAt(day(250)).counts().values().stream().toList(),
                List.of(0L, 0L, 0L, 1L, 0L, 2L),
                "the columns are the distribution at to");
    }

    @Test
    void flow_boundary_aMoveAtFromIsBeforeTheInterval_aMoveAtToInside() {
        LifecycleTracker tracker = tracker();
        assertEquals(0, tracker.flow(day(20), day(250)).moves().count("conversion", "retention"), "a at day 20");
        assertEquals(1, tracker.flow(day(19), day(20)).moves().count("conversion", "retention"), "a at day 20");
        assertEquals(0, tracker.flow(day(200), day(250).minusNanos(1)).moves().count("lapsed", "retention"));
        assertEquals(1, tracker.flow(day(200), day(200).plusNanos(1)).moves().count("retention", "lapsed"));
    }

    @Test
    void flow_badInstants_refused() {
        LifecycleTracker tracker = tracker();
        Instant now = tracker.time().orElseThrow();
        assertEquals(
                "from must be before to but was from " + day(30) + " and to " + day(30),
                assertThrows(IllegalArgumentException.class, () -> tracker.flow(day(30), day(30)))
                        .getMessage());
        assertEquals(
                "from must be before to but was from " + day(31) + " and to " + day(30),
                assertThrows(IllegalArgumentException.class, () -> tracker.flow(day(31), day(30)))
                        .getMessage());
        assertEquals(
                "to " + now.plusNanos(1) + " is after the tracker's time " + now + "; advance the tracker first",
                assertThrows(IllegalArgumentException.class, () -> tracker.flow(day(30), now.plusNanos(1)))
                        .getMessage());
        Instant early = Instant.parse("1600-01-01T00:00:00Z");
        assertEquals(
                "from must lie between 1678-01-01T00:00:00Z (inclusive) and 2262-01-01T00:00:00Z (exclusive) but was "
                        + early,
                assertThrows(IllegalArgumentException.class, () -> tracker.flow(early, day(30)))
                        .getMessage());
        assertEquals(
                "to must lie between 1678-01-01T00:00:00Z (inclusive) and 2262-01-01T00:00:00Z (exclusive) but was "
                        + SupportedInstants.END,
                assertThrows(IllegalArgumentException.class, () -> tracker.flow(day(30), SupportedInstants.END))
                        .getMessage());
        LifecycleTracker empty = LifecycleTracker.builder(Templates.fiveStage()).build();
        assertEquals(
                "to " + day(1) + " is after the tracker's time (none yet); advance the tracker first",
                assertThrows(IllegalArgumentException.class, () -> empty.flow(day(0), day(1)))
                        .getMessage());
    }

    @Test
    void equality_byInstantsAndCounts() {
        LifecycleTracker tracker = tracker();
        new EqualsTester()
                .addEqualityGroup(tracker.flow(day(10), day(250)), tracker().flow(day(10), day(250)))
                .addEqualityGroup(tracker.flow(day(9), day(250)))
                .addEqualityGroup(tracker.flow(day(10), day(249)))
                .testEquals();
    }

    private static long total(MoveMatrix m) {
        long total = 0;
        for (int r = 0; r < m.rows().size(); r++) {
            total += m.rowTotal(r);
        }
        return total;
    }
}
