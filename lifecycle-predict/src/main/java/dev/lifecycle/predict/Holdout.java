package dev.lifecycle.predict;

import dev.lifecycle.core.CustomerEvent;
import dev.lifecycle.core.EventBatch;
import dev.lifecycle.core.ProfileTable;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Objects;

/**
 * A calibration/holdout split of purchase data by date: the calibration summary the models are fitted to, and what the
 * same customers did afterwards, up to the last day of the holdout period. It is the input of a {@link Validation}.
 *
 * <p>The cohort is fixed by calibration: customers whose first purchase falls in the holdout period are not in it. A
 * customer's holdout purchases are the occasions (purchase days) after the calibration's last day, up to and including
 * the holdout's. The repeat occasions of the whole cohort over both periods are kept by day for tracking.
 *
 * <p>The same fold as {@link CustomerSummaries} reads the purchases, so the calibration summary is exactly the one
 * {@link CustomerSummaries#fromEvents} gives. Instances are immutable and thread-safe.
 */
public final class Holdout {
    private final CustomerSummaries calibration;
    private final LocalDate lastDay;
    private final int[] holdoutPurchases;
    private final int[] firstDays;
    private final int[] repeatDays;

    private Holdout(CustomerSummaries calibration, LocalDate lastDay, Tally tally) {
        this.calibration = calibration;
        this.lastDay = lastDay;
        this.holdoutPurchases = Arrays.copyOf(tally.later, tally.customers);
        this.firstDays = Arrays.copyOf(tally.firsts, tally.customers);
        int[] repeats = Arrays.copyOf(tally.repeats, tally.repeatCount);
        Arrays.sort(repeats);
        this.repeatDays = repeats;
    }

    /**
     * Splits purchases among events.
     *
     * @param events the events; only purchases are read
     * @param calibration the calibration period, unit and zone
     * @param lastDay the last day of the holdout period, after the calibration's last day
     * @return the split
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code lastDay} is not after the calibration, or as {@link
     *     CustomerSummaries#fromEvents} says
     */
    public static Holdout fromEvents(Iterable<CustomerEvent> events, SummaryOptions calibration, LocalDate lastDay) {
        Objects.requireNonNull(events, "events");
        Tally tally = tally(calibration, lastDay);
        CustomerSummaries summaries = CustomerSummaries.foldEvents(
                        events, new CustomerSummaries.Builder(calibration, tally))
                .build();
        return new Holdout(summaries, lastDay, tally);
    }

    /**
     * Splits the purchases of a columnar event batch.
     *
     * @param batch the events; only purchases are read
     * @param calibration the calibration period, unit and zone
     * @param lastDay the last day of the holdout period, after the calibration's last day
     * @return the split
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException as {@link #fromEvents} says
     */
    public static Holdout fromBatch(EventBatch batch, SummaryOptions calibration, LocalDate lastDay) {
        Objects.requireNonNull(batch, "batch");
        Tally tally = tally(calibration, lastDay);
        CustomerSummaries summaries = CustomerSummaries.foldBatch(
                        batch, new CustomerSummaries.Builder(calibration, tally))
                .build();
        return new Holdout(summaries, lastDay, tally);
    }

    /**
     * Splits the orders of a profile table.
     *
     * @param profiles the profiles
     * @param calibration the calibration period, unit and zone
     * @param lastDay the last day of the holdout period, after the calibration's last day
     * @return the split
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException as {@link #fromEvents} says
     */
    public static Holdout fromProfiles(ProfileTable profiles, SummaryOptions calibration, LocalDate lastDay) {
        Objects.requireNonNull(profiles, "profiles");
        Tally tally = tally(calibration, lastDay);
        CustomerSummaries summaries = CustomerSummaries.foldProfiles(
                        profiles, new CustomerSummaries.Builder(calibration, tally))
                .build();
        return new Holdout(summaries, lastDay, tally);
    }

    private static Tally tally(SummaryOptions calibration, LocalDate lastDay) {
        Objects.requireNonNull(calibration, "calibration");
        Objects.requireNonNull(lastDay, "lastDay");
        if (!lastDay.isAfter(calibration.through())) {
            throw new IllegalArgumentException("holdout must end after the calibration's last day "
                    + calibration.through() + " but ended on " + lastDay);
        }
        return new Tally(Math.toIntExact(lastDay.toEpochDay()));
    }

    /** {@return the calibration summary} */
    public CustomerSummaries calibration() {
        return calibration;
    }

    /** {@return the last day of the holdout period} */
    public LocalDate lastDay() {
        return lastDay;
    }

    /** {@return the holdout period's length in the summary's unit} */
    public double length() {
        return (lastDay.toEpochDay() - calibration.options().through().toEpochDay())
                / calibration.options().daysPerUnit();
    }

    /**
     * Returns a customer's purchase occasions in the holdout period.
     *
     * @param row a row of {@link #calibration()}
     * @return the occasions
     * @throws IndexOutOfBoundsException if {@code row} is not a row
     */
    public int holdoutPurchases(int row) {
        return holdoutPurchases[Objects.checkIndex(row, holdoutPurchases.length)];
    }

    /**
     * Returns a customer's first purchase day.
     *
     * @param row a row of {@link #calibration()}
     * @return the day
     * @throws IndexOutOfBoundsException if {@code row} is not a row
     */
    public LocalDate firstPurchase(int row) {
        return LocalDate.ofEpochDay(firstDays[Objects.checkIndex(row, firstDays.length)]);
    }

    int[] holdoutColumn() {
        return holdoutPurchases;
    }

    int[] firstDays() {
        return firstDays;
    }

    /** The days of the cohort's repeat occasions over both periods, ascending, one entry per occasion. */
    int[] repeatDays() {
        return repeatDays;
    }

    @Override
    public String toString() {
        return "Holdout[" + calibration + ", holdout to " + lastDay + "]";
    }

    /** What the summary fold reports after calibration, row by row. Not thread-safe. */
    static final class Tally {
        final int lastDay;
        int customers;
        int[] firsts = new int[16];
        int[] later = new int[16];
        int repeatCount;
        int[] repeats = new int[16];

        Tally(int lastDay) {
            this.lastDay = lastDay;
        }

        void repeat(int day) {
            if (repeatCount == repeats.length) {
                repeats = Arrays.copyOf(repeats, repeatCount * 2);
            }
            repeats[repeatCount++] = day;
        }

        void customer(int first, int holdoutOccasions) {
            if (customers == firsts.length) {
                firsts = Arrays.copyOf(firsts, customers * 2);
                later = Arrays.copyOf(later, customers * 2);
            }
            firsts[customers] = first;
            later[customers] = holdoutOccasions;
            customers++;
        }
    }
}
