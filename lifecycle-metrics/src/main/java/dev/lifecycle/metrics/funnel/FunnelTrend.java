package dev.lifecycle.metrics.funnel;

import static java.util.Objects.requireNonNull;

import dev.lifecycle.metrics.abtest.ProportionTest;
import dev.lifecycle.metrics.cohort.CohortPeriod;
import dev.lifecycle.metrics.internal.PeriodBound;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * An event funnel per period of entry (conversion over time), and each period compared with the one before it. Each
 * customer who entered counts in the period (UTC) of their entry event, with every step they reached, whenever they
 * reached it; so the points' counts add up to the whole funnel's. Periods with no entry are points too, with an empty
 * funnel. Instances are immutable and thread-safe.
 */
public final class FunnelTrend {
    /**
     * The funnel of one period's entrants.
     *
     * @param start the first day of the period
     * @param analysis the funnel of the customers who entered in it
     */
    public record Point(LocalDate start, FunnelAnalysis analysis) {
        /**
         * Validates the point.
         *
         * @param start the first day of the period
         * @param analysis the funnel of the customers who entered in it
         * @throws NullPointerException if an argument is null
         */
        public Point {
            requireNonNull(start, "start");
            requireNonNull(analysis, "analysis");
        }
    }

    /**
     * A step's conversion in one period against the period before: two-proportion tests with A the previous period
     * and B this one (so a positive difference is an improvement), of the conversion from step 1 and of the conversion
     * from the previous required step.
     *
     * @param previous the first day of the previous period
     * @param current the first day of this period
     * @param step the step's name
     * @param test the test of {@code n_step / n_1} between the two periods
     * @param fromPrevious the test of {@code n_step / n_(step - 1)} between the two periods
     */
    public record Change(
            LocalDate previous, LocalDate current, String step, ProportionTest test, ProportionTest fromPrevious) {
        /**
         * Validates the change.
         *
         * @param previous the first day of the previous period
         * @param current the first day of this period
         * @param step the step's name
         * @param test the test of the conversion from step 1
         * @param fromPrevious the test of the conversion from the previous step
         * @throws NullPointerException if an argument is null
         */
        public Change {
            requireNonNull(previous, "previous");
            requireNonNull(current, "current");
            requireNonNull(step, "step");
            requireNonNull(test, "test");
            requireNonNull(fromPrevious, "fromPrevious");
        }
    }

    private final CohortPeriod period;
    private final List<Point> points;

    private FunnelTrend(CohortPeriod period, List<Point> points) {
        this.period = period;
        this.points = points;
    }

    /** The trend of the analyses by period start; {@code empty} stands for a period without entrants. */
    static FunnelTrend of(CohortPeriod period, Map<LocalDate, FunnelAnalysis> byPeriod, FunnelAnalysis empty) {
        NavigableMap<LocalDate, FunnelAnalysis> sorted = new TreeMap<>(byPeriod);
        List<Point> points = new ArrayList<>();
        if (!sorted.isEmpty()) {
            LocalDate first = sorted.firstKey();
            LocalDate last = sorted.lastKey();
            long count = period.between(first, last) + 1;
            PeriodBound.check(count, period.name().toLowerCase(java.util.Locale.ROOT) + "s", first, last);
            for (long i = 0; i < count; i++) {
                LocalDate start = period.plus(first, i);
                points.add(new Point(start, sorted.getOrDefault(start, empty)));
            }
        }
        return new FunnelTrend(period, List.copyOf(points));
    }

    /** {@return the period} */
    public CohortPeriod period() {
        return period;
    }

    /** {@return one point per period from the first entry's to the last's, in order} */
    public List<Point> points() {
        return points;
    }

    /**
     * Compares each period with the one before: for every period after the first and every required step after the
     * first, the tests of the conversion into the step from step 1 and from the previous required step. A period
     * whose previous one had no entrant gives tests that are not {@linkplain ProportionTest#isTestable() testable}.
     *
     * @return the changes, by period then by step
     */
    public List<Change> changes() {
        List<Change> changes = new ArrayList<>();
        for (int i = 1; i < points.size(); i++) {
            Funnel before = points.get(i - 1).analysis().funnel();
            Funnel now = points.get(i).analysis().funnel();
            for (int s = 1; s < now.steps().size(); s++) {
                FunnelStep step = now.steps().get(s);
                changes.add(new Change(
                        points.get(i - 1).start(),
                        points.get(i).start(),
                        step.name(),
                        ProportionTest.compare(
                                before.steps().get(s).count(),
                                before.steps().get(0).count(),
                                step.count(),
                                now.steps().get(0).count()),
                        ProportionTest.compare(
                                before.steps().get(s).count(),
                                before.steps().get(s - 1).count(),
                                step.count(),
                                now.steps().get(s - 1).count())));
            }
        }
        return List.copyOf(changes);
    }

    @Override
    public String toString() {
        return "FunnelTrend{period=" + period + ", points=" + points.size() + "}";
    }
}
