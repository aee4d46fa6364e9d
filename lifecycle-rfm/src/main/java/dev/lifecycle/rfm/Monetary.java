package dev.lifecycle.rfm;

import java.util.Locale;

/** What the monetary dimension measures: a customer's total revenue, or its mean per order. */
public enum Monetary {
    /** The sum of the orders' amounts. */
    TOTAL,
    /** The sum of the orders' amounts divided by the number of orders. */
    MEAN;

    private static final double[] POWERS = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000};

    /**
     * The value in units of the currency: the double nearest the exact quotient of the revenue in minor units by
     * {@code 10^digits} (times the orders for the mean). Revenue (at most 2^53), orders and the power of ten are exact
     * doubles and their product stays below 2^53, so one correctly rounded division gives it.
     */
    double value(long revenueMinorUnits, long orders, int digits) {
        double scale = POWERS[digits];
        return this == TOTAL ? revenueMinorUnits / scale : revenueMinorUnits / (orders * scale);
    }

    /** {@return the name in data forms: total or mean} */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
