package dev.lifecycle.metrics.internal;

import java.time.LocalDate;

/**
 * The one bound on tables with a row or column per period (quarterly period rates, cohort tables): checked before any
 * per-period work, so that no input, however far apart its instants, makes a table explode. Lives in an unexported
 * package, shared by the metrics packages without being part of the API.
 */
public final class PeriodBound {
    /** The most periods a period table may have: 100 years of months, 300 years of quarters, 23 years of weeks. */
    public static final int MAX_PERIODS = 1200;

    private PeriodBound() {}

    /**
     * Checks that a period table fits the bound.
     *
     * @param periods the number of periods the table would have
     * @param unit the period unit in the plural, such as {@code "quarters"}
     * @param from the first day of the table's first period
     * @param to the last day the table covers
     * @throws IllegalArgumentException if {@code periods} exceeds {@link #MAX_PERIODS}
     */
    public static void check(long periods, String unit, LocalDate from, LocalDate to) {
        if (periods > MAX_PERIODS) {
            throw new IllegalArgumentException("period table from " + from + " to " + to + " would have " + periods
                    + " " + unit + "; at most " + MAX_PERIODS + " periods are supported");
        }
    }
}
