package dev.lifecycle.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lifecycle.benchmarks.BenchmarkSuite.Row;
import dev.lifecycle.benchmarks.BenchmarkSuite.Timing;
import org.junit.jupiter.api.Test;

/** The suite's table: times printed to three significant digits, ratios and verdicts from the printed times. */
final class SuiteTableTest {
    @Test
    void timing_printsAtLeastThreeSignificantDigits() {
        assertEquals("3,319.4 ms/op", new Timing(3319.4449, Double.NaN, "ms/op").toString());
        assertEquals("17.9 ± 4.5 ms/op", new Timing(17.94, 4.51, "ms/op").toString());
        assertEquals("4.80 ± 7.80 ms/op", new Timing(4.8, 7.8, "ms/op").toString());
        assertEquals("0.734 ms/op", new Timing(0.73449, Double.NaN, "ms/op").toString());
        assertEquals("0.0512 ms/op", new Timing(0.05123, Double.NaN, "ms/op").toString());
    }

    @Test
    void compare_ratioAndShortfallFromThePrintedTimes() {
        // The figures of the review: 3,319.4 ms against 408.9 ms is 0.12x, a miss by 8.12x (not 1 / 0.12 = 8.33x).
        Row miss = Row.compare(
                "w",
                "2 / 2",
                new Timing(3319.44, Double.NaN, "ms/op"),
                "DuckDB SQL",
                new Timing(408.94, Double.NaN, "ms/op"),
                1.0);
        assertEquals("0.12x", miss.ratio());
        assertEquals(">= 1x", miss.goal());
        assertEquals("miss by 8.12x", miss.verdict());
        // 17.9 over 4.80 as printed: 3.73x, where the unrounded 17.949 / 4.8049 would give 3.74x.
        Row pass = Row.compare(
                "w", "2 / 2", new Timing(4.8049, 7.8, "ms/op"), "DuckDB SQL", new Timing(17.949, 4.5, "ms/op"), 1.5);
        assertEquals("3.73x", pass.ratio());
        assertEquals(">= 1.5x", pass.goal());
        assertEquals("pass", pass.verdict());
    }

    @Test
    void compare_extraRows_areLabelledAndNotJudged() {
        Timing one = new Timing(10, Double.NaN, "ms/op");
        Row extra = Row.compare("w", "1 / 1", one, "Easy Rules", one, Row.EXTRA);
        assertEquals(Row.EXTRA_TEXT, extra.goal());
        assertEquals("", extra.verdict());
        Row differ = Row.compare("w", "1 / 2", one, "DuckDB SQL", one, Row.THREADS_DIFFER);
        assertEquals(Row.THREADS_DIFFER_TEXT, differ.goal());
        assertEquals("", differ.verdict());
    }

    @Test
    void atMostTimes_ceilingOnTheLibrarysTime_ratioColumnAsEveryRow() {
        Timing peer = new Timing(100, Double.NaN, "ms/op");
        Row pass = Row.atMostTimes("w", "1 / 1", new Timing(200, Double.NaN, "ms/op"), "many", peer, 2);
        assertEquals("0.50x", pass.ratio());
        assertEquals("<= 2x peer time", pass.goal());
        assertEquals("pass", pass.verdict());
        // 250 ms is 2.5 times the peer's 100 ms: 1.25 times over the ceiling of 2x.
        Row miss = Row.atMostTimes("w", "1 / 1", new Timing(250, Double.NaN, "ms/op"), "many", peer, 2);
        assertEquals("0.40x", miss.ratio());
        assertEquals("miss by 1.25x", miss.verdict());
    }

    @Test
    void againstRecorded_rateOverTheRecordedRate_judgedOnlyWithAGoal() {
        // 1,000,000 events in 500.0 ms: 2,000,000 events/s, 4x a recorded 500,000.
        Timing time = new Timing(500.04, Double.NaN, "ms/op");
        Row pass = Row.againstRecorded("w", "2", time, 1_000_000, "recorded", 500_000, 4);
        assertEquals("500.0 ms/op = 2,000,000 events/s", pass.library());
        assertEquals("recorded", pass.peerName());
        assertEquals("500,000 events/s", pass.peer());
        assertEquals("4.00x", pass.ratio());
        assertEquals(">= 4x", pass.goal());
        assertEquals("pass", pass.verdict());
        Row miss = Row.againstRecorded("w", "2", time, 1_000_000, "recorded", 1_000_000, 4);
        assertEquals("miss by 2.00x", miss.verdict());
        Row unjudged = Row.againstRecorded("w", "2", time, 1_000_000, "recorded", 500_000, Double.NaN);
        assertEquals("4.00x", unjudged.ratio());
        assertEquals("", unjudged.goal());
        assertEquals("", unjudged.verdict());
    }

    @Test
    void eventsPerSecond_rateAgainstAnAbsoluteGoal() {
        Row miss = Row.eventsPerSecond("w", "1", new Timing(4000, Double.NaN, "ms/op"), 10_000_000, 5_000_000);
        assertEquals("4,000.0 ms/op = 2,500,000 events/s", miss.library());
        assertEquals(">= 5,000,000 events/s", miss.goal());
        assertEquals("miss by 2.00x", miss.verdict());
        Row pass = Row.eventsPerSecond("w", "1", new Timing(2000, Double.NaN, "ms/op"), 10_000_000, 5_000_000);
        assertEquals("pass", pass.verdict());
    }

    @Test
    void compareRates_bothRatesPrinted_ratioFromThePrintedTimes_noGoal() {
        // 100,000 events: 1,000.0 ms is 100,000 events/s, 100.0 ms is 1,000,000 events/s; 100.0 / 1,000.0 = 0.10x.
        Row row = Row.compareRates(
                "w",
                "1 (+1 source) / 1",
                new Timing(1000.04, Double.NaN, "ms/op"),
                "tracker",
                new Timing(99.96, Double.NaN, "ms/op"),
                100_000);
        assertEquals("1,000.0 ms/op = 100,000 events/s", row.library());
        assertEquals("tracker", row.peerName());
        assertEquals("100.0 ms/op = 1,000,000 events/s", row.peer());
        assertEquals("0.10x", row.ratio());
        assertEquals(Row.EXTRA_TEXT, row.goal());
        assertEquals("", row.verdict());
    }

    @Test
    void ratioText_twoDecimals_twoSignificantDigitsBelowATenth() {
        assertEquals("291.31x", Row.ratioText(291.3125));
        assertEquals("0.19x", Row.ratioText(0.1884));
        assertEquals("0.10x", Row.ratioText(0.1));
        assertEquals("0.070x", Row.ratioText(0.07));
        assertEquals("0.0042x", Row.ratioText(136.7 / 32823.2));
        Row small = Row.compare(
                "w",
                "1 / 1",
                new Timing(32823.2, Double.NaN, "ms/op"),
                "tracker",
                new Timing(136.7, Double.NaN, "ms/op"),
                Row.EXTRA);
        assertEquals("0.0042x", small.ratio());
    }

    @Test
    void perSecond_needsMillisecondsPerOperation() {
        assertThrows(IllegalStateException.class, () -> new Timing(1, Double.NaN, "ops/ms").perSecond(10));
    }
}
