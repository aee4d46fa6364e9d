package dev.lifecycle.metrics.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lifecycle.core.CustomerEvent;
import dev.lifecycle.core.EventType;
import dev.lifecycle.metrics.cohort.CohortPeriod;
import dev.lifecycle.metrics.funnel.EventFunnel;
import dev.lifecycle.metrics.funnel.FunnelAnalysis;
import dev.lifecycle.metrics.funnel.FunnelBreakdown;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The report sections of a funnel's breakdown and trend, on a log counted by hand. */
final class FunnelSectionsTest {
    private static final EventFunnel VISIT_BUY = EventFunnel.builder(Duration.ofDays(10))
            .stepOfType("visit", EventType.SITE_VISIT)
            .stepOfType("buy", EventType.PURCHASE)
            .build();

    /** January: 4 ad visitors (1 buys) and 2 direct ones (2 buy); March: 5 direct (nobody buys). */
    private static FunnelAnalysis analysis() {
        Instant january = Instant.parse("2024-01-10T00:00:00Z");
        Instant march = Instant.parse("2024-03-10T00:00:00Z");
        List<CustomerEvent> events = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            events.add(CustomerEvent.of("ad" + i, EventType.SITE_VISIT, january));
        }
        events.add(CustomerEvent.of("ad0", EventType.PURCHASE, january.plusSeconds(60)));
        for (int i = 0; i < 2; i++) {
            events.add(CustomerEvent.of("direct" + i, EventType.SITE_VISIT, january));
            events.add(CustomerEvent.of("direct" + i, EventType.PURCHASE, january.plusSeconds(60)));
        }
        for (int i = 0; i < 5; i++) {
            events.add(CustomerEvent.of("late" + i, EventType.SITE_VISIT, march));
        }
        return VISIT_BUY.analyse(events);
    }

    @Test
    void breakdown_chartsAndFiguresPerGroup() {
        FunnelBreakdown breakdown = analysis().breakdownByCustomer(id -> id.startsWith("ad") ? "ad" : "direct", 5);

        ReportSection section = FunnelSections.breakdown("by-channel", "By channel", breakdown);

        assertEquals(List.of("direct", "ad"), section.charts().get(0).labels());
        assertEquals(
                List.of(List.of(7.0, 2.0), List.of(4.0, 1.0)),
                section.charts().get(0).values());
        assertEquals(List.of("entered", "reached buy"), section.charts().get(0).series());
        assertEquals(
                List.of(List.of(100 * (2.0 / 7)), List.of(25.0)),
                section.charts().get(1).values());
        // Wilson 95% for 1 of 4: 4.6% to 69.9%; for 2 of 7: 8.2% to 64.1% (z = 1.959964)
        assertEquals(
                Map.of("direct", "28.6% (2 of 7), 95% CI 8.2% to 64.1%", "ad", "25.0% (1 of 4), 95% CI 4.6% to 69.9%"),
                section.figures());
    }

    @Test
    void trend_chartOfConversionAndTheChangeAgainstThePreviousPeriod() {
        ReportSection section =
                FunnelSections.trend("by-month", "By month", analysis().byEntryPeriod(CohortPeriod.MONTH));

        assertEquals(
                List.of("2024-01-01", "2024-02-01", "2024-03-01"),
                section.charts().get(0).labels());
        assertEquals(
                List.of(List.of(50.0), List.of(0.0), List.of(0.0)),
                section.charts().get(0).values());
        assertEquals(
                Map.of(
                        "2024-02-01 against 2024-01-01",
                        "n/a (no customer entered); no test: a period without customers",
                        "2024-03-01 against 2024-02-01",
                        "0.0% (0 of 5); no test: a period without customers"),
                section.figures());
    }

    @Test
    void trend_moreDaysThanAChartHolds_theLatestShownAndSaid() {
        List<CustomerEvent> events = new ArrayList<>();
        Instant start = Instant.parse("2024-01-01T12:00:00Z");
        for (int day = 0; day < 250; day++) {
            events.add(CustomerEvent.of("c" + day, EventType.SITE_VISIT, start.plus(Duration.ofDays(day))));
        }
        ReportSection section = FunnelSections.trend(
                "by-day", "By day", VISIT_BUY.analyse(events).byEntryPeriod(CohortPeriod.DAY));

        assertEquals(List.of("The last 200 of 250 periods."), section.paragraphs());
        List<String> labels = section.charts().get(0).labels();
        assertEquals(200, labels.size());
        assertEquals("2024-02-20", labels.get(0));
        assertEquals("2024-09-06", labels.get(199));
        // every period shown has a period before it, shown or not, to be compared with
        assertEquals(200, section.figures().size());
    }

    @Test
    void trend_testedChangeShowsPointsIntervalAndP() {
        Instant january = Instant.parse("2024-01-10T00:00:00Z");
        Instant february = Instant.parse("2024-02-10T00:00:00Z");
        List<CustomerEvent> events = new ArrayList<>();
        // January 2 of 10 buy, February 6 of 8
        for (int i = 0; i < 10; i++) {
            events.add(CustomerEvent.of("j" + i, EventType.SITE_VISIT, january));
            if (i < 2) {
                events.add(CustomerEvent.of("j" + i, EventType.PURCHASE, january.plusSeconds(1)));
            }
        }
        for (int i = 0; i < 8; i++) {
            events.add(CustomerEvent.of("f" + i, EventType.SITE_VISIT, february));
            if (i < 6) {
                events.add(CustomerEvent.of("f" + i, EventType.PURCHASE, february.plusSeconds(1)));
            }
        }
        ReportSection section = FunnelSections.trend(
                "by-month", "By month", VISIT_BUY.analyse(events).byEntryPeriod(CohortPeriod.MONTH));

        // difference 0.75 - 0.2 = +55.0 points; Wald half-width 1.959964 * sqrt(0.2*0.8/10 + 0.75*0.25/8) = 0.3892,
        // so +16.1 to +93.9; pooled z = 0.55 / sqrt(8/18 * 10/18 * (1/10 + 1/8)) = 2.3335, two-sided p = 0.0196
        assertEquals(
                Map.of(
                        "2024-02-01 against 2024-01-01",
                        "75.0% (6 of 8); +55.0 points (95% CI +16.1 to +93.9), p = 0.0196"),
                section.figures());
    }
}
