package dev.lifecycle.predict;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * How purchases become a customer summary: the last day of the calibration period, the time unit the summary is
 * measured in, and the zone whose calendar days group purchases into occasions.
 *
 * <p>Purchases on days after {@link #through()} are left out. The unit is {@link ChronoUnit#DAYS}, {@link
 * ChronoUnit#WEEKS}, {@link ChronoUnit#MONTHS} or {@link ChronoUnit#YEARS}, at their {@linkplain
 * ChronoUnit#getDuration() estimated lengths} (a month is 30.436875 days, a year 365.2425).
 *
 * @param through the last day of the calibration period, in {@code zone}
 * @param unit the time unit of recency and age
 * @param zone the zone whose days are the purchase occasions
 */
public record SummaryOptions(LocalDate through, ChronoUnit unit, ZoneId zone) {
    /**
     * Checks the components.
     *
     * @param through the last day of the calibration period, in {@code zone}
     * @param unit the time unit of recency and age
     * @param zone the zone whose days are the purchase occasions
     * @throws NullPointerException if a component is null
     * @throws IllegalArgumentException if {@code unit} is not days, weeks, months or years
     */
    public SummaryOptions {
        Objects.requireNonNull(through, "through");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(zone, "zone");
        if (unit != ChronoUnit.DAYS
                && unit != ChronoUnit.WEEKS
                && unit != ChronoUnit.MONTHS
                && unit != ChronoUnit.YEARS) {
            throw new IllegalArgumentException("summary unit must be DAYS, WEEKS, MONTHS or YEARS but was " + unit);
        }
    }

    /**
     * Returns options for a calibration period ending on {@code through}, in days, on UTC's calendar.
     *
     * @param through the last day of the calibration period
     * @return the options
     * @throws NullPointerException if {@code through} is null
     */
    public static SummaryOptions through(LocalDate through) {
        return new SummaryOptions(through, ChronoUnit.DAYS, ZoneOffset.UTC);
    }

    /**
     * Returns these options measured in another unit.
     *
     * @param unit days, weeks, months or years
     * @return the options
     * @throws NullPointerException if {@code unit} is null
     * @throws IllegalArgumentException if {@code unit} is not days, weeks, months or years
     */
    public SummaryOptions inUnits(ChronoUnit unit) {
        return new SummaryOptions(through, unit, zone);
    }

    /**
     * Returns these options on another zone's calendar.
     *
     * @param zone the zone whose days are the purchase occasions
     * @return the options
     * @throws NullPointerException if {@code zone} is null
     */
    public SummaryOptions inZone(ZoneId zone) {
        return new SummaryOptions(through, unit, zone);
    }

    /** {@return the length of the unit in days} */
    double daysPerUnit() {
        return unit.getDuration().toSeconds() / 86_400.0;
    }
}
