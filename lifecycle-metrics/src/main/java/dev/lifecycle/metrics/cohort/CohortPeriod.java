package dev.lifecycle.metrics.cohort;

import static java.util.Objects.requireNonNull;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;

/**
 * The length of a cohort period, in UTC: days, ISO weeks or calendar months.
 *
 * <p>A period is identified by the date of its first day. Periods start at midnight UTC: a day at its own midnight, an
 * ISO week on Monday, a month on its first day. An instant belongs to the period that started at or before it and ends after it.
 */
public enum CohortPeriod {
    /** Days: 00:00 UTC up to (excluding) the next 00:00 UTC. */
    DAY,
    /** ISO weeks: Monday 00:00 UTC up to (excluding) the next Monday 00:00 UTC. */
    WEEK,
    /** Calendar months: the first day 00:00 UTC up to (excluding) the first day of the next month 00:00 UTC. */
    MONTH;

    /**
     * Returns the first day of the period that contains the instant.
     *
     * @param instant an instant within the range of {@link LocalDate}
     * @return the date for {@link #DAY}, a Monday for {@link #WEEK}, the first of a month for {@link #MONTH}
     * @throws NullPointerException if {@code instant} is null
     * @throws IllegalArgumentException if {@code instant} is outside the range of dates
     */
    public LocalDate startOf(Instant instant) {
        requireNonNull(instant, "instant");
        try {
            LocalDate date = LocalDate.ofInstant(instant, ZoneOffset.UTC);
            // The Monday before the first days of the date range is itself outside it: one try covers both.
            return switch (this) {
                case DAY -> date;
                case WEEK -> date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
                case MONTH -> date.withDayOfMonth(1);
            };
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("instant must be within the range of dates but was " + instant, e);
        }
    }

    /**
     * Tells whether the date is the first day of a period.
     *
     * @param date a date
     * @return true for any date ({@link #DAY}), a Monday ({@link #WEEK}) or the first of a month ({@link #MONTH})
     * @throws NullPointerException if {@code date} is null
     */
    public boolean isStart(LocalDate date) {
        requireNonNull(date, "date");
        return switch (this) {
            case DAY -> true;
            case WEEK -> date.getDayOfWeek() == DayOfWeek.MONDAY;
            case MONTH -> date.getDayOfMonth() == 1;
        };
    }

    /**
     * Returns the number of whole periods from the period starting at {@code from} to the one starting at {@code to}.
     *
     * @param from the first day of a period
     * @param to the first day of a period
     * @return the periods between them, negative when {@code to} comes first
     * @throws NullPointerException if an argument is null
     */
    public long between(LocalDate from, LocalDate to) {
        return unit().between(from, to);
    }

    /**
     * Returns the first day of the period {@code offset} periods after the one starting at {@code start}.
     *
     * @param start the first day of a period
     * @param offset the number of periods, negative for earlier ones
     * @return the first day of that period
     * @throws NullPointerException if {@code start} is null
     * @throws java.time.DateTimeException if the result is outside the range of dates
     */
    public LocalDate plus(LocalDate start, long offset) {
        return start.plus(offset, unit());
    }

    private ChronoUnit unit() {
        return switch (this) {
            case DAY -> ChronoUnit.DAYS;
            case WEEK -> ChronoUnit.WEEKS;
            case MONTH -> ChronoUnit.MONTHS;
        };
    }

    /** The instant a period starting on {@code start} begins. */
    static Instant instant(LocalDate start) {
        return start.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /**
     * A short name of the period starting on {@code start}: {@code 2026-01-05} for a day or a week, {@code 2026-01} for
     * a month.
     */
    String label(LocalDate start) {
        return this == MONTH ? start.toString().substring(0, start.toString().length() - 3) : start.toString();
    }
}
