package dev.lifecycle.predict;

import java.util.Objects;

/**
 * One customer's summary, as {@link CustomerSummaries} defines its parts.
 *
 * @param customerId the customer
 * @param frequency the repeat purchase occasions {@code x}
 * @param recency units from the first occasion to the last, {@code t_x}
 * @param age units from the first occasion to the end of calibration, {@code T}
 * @param meanRepeatValue the mean value of the repeat occasions, 0 without any
 */
public record CustomerSummary(String customerId, int frequency, double recency, double age, double meanRepeatValue) {
    /**
     * Checks the components as {@link CustomerSummaries.Builder#add(String, int, double, double, double)} does.
     *
     * @param customerId the customer
     * @param frequency the repeat purchase occasions {@code x}
     * @param recency units from the first occasion to the last, {@code t_x}
     * @param age units from the first occasion to the end of calibration, {@code T}
     * @param meanRepeatValue the mean value of the repeat occasions, 0 without any
     * @throws NullPointerException if {@code customerId} is null
     * @throws IllegalArgumentException if a value breaks its rule
     */
    public CustomerSummary {
        Objects.requireNonNull(customerId, "customerId");
        Checks.summary(customerId, frequency, recency, age, meanRepeatValue);
    }
}
