package dev.lifecycle.core;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;

/**
 * An exact amount of money in one currency.
 *
 * <p>The amount is kept at the currency's number of decimal places ({@code 12.5 USD} is stored as {@code 12.50}), so
 * two amounts that denote the same money are equal. Amounts with more decimal places than the currency has are
 * rejected, never rounded. Instances are immutable and thread-safe.
 *
 * @param amount the amount, at the currency's scale
 * @param currency the currency
 */
public record Money(BigDecimal amount, Currency currency) implements Comparable<Money> {

    /**
     * Validates the amount and brings it to the currency's scale.
     *
     * @param amount the amount, with at most as many decimal places as the currency has
     * @param currency the currency
     *
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code amount} has more decimal places than {@code currency} allows
     */
    public Money {
        requireNonNull(amount, "amount");
        requireNonNull(currency, "currency");
        int digits = Math.max(currency.getDefaultFractionDigits(), 0);
        if (amount.stripTrailingZeros().scale() > digits) {
            throw new IllegalArgumentException("amount " + amount.toPlainString() + " has more decimal places than "
                    + currency.getCurrencyCode() + " allows (" + digits + ")");
        }
        amount = amount.setScale(digits, RoundingMode.UNNECESSARY);
    }

    /**
     * Returns the amount written in decimal notation in the currency with the given ISO 4217 code.
     *
     * @param amount a decimal number such as {@code "19.99"}
     * @param currencyCode an ISO 4217 code such as {@code "USD"}
     * @return the money
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the amount is not a decimal number, the code is unknown, or the amount has
     *     more decimal places than the currency allows
     */
    public static Money of(String amount, String currencyCode) {
        requireNonNull(amount, "amount");
        requireNonNull(currencyCode, "currencyCode");
        return new Money(parse(amount), currency(currencyCode));
    }

    /**
     * Returns zero in the given currency.
     *
     * @param currency the currency
     * @return zero money
     * @throws NullPointerException if {@code currency} is null
     */
    public static Money zero(Currency currency) {
        return new Money(BigDecimal.ZERO, currency);
    }

    /**
     * Returns the sum of this amount and {@code other}.
     *
     * @param other an amount in the same currency
     * @return the sum
     * @throws NullPointerException if {@code other} is null
     * @throws IllegalArgumentException if the currencies differ
     */
    public Money plus(Money other) {
        checkSameCurrency(other, "add");
        return new Money(amount.add(other.amount), currency);
    }

    /**
     * Returns this amount less {@code other}; the result may be negative.
     *
     * @param other an amount in the same currency
     * @return the difference
     * @throws NullPointerException if {@code other} is null
     * @throws IllegalArgumentException if the currencies differ
     */
    public Money minus(Money other) {
        checkSameCurrency(other, "subtract");
        return new Money(amount.subtract(other.amount), currency);
    }

    /**
     * Tells whether this amount is below zero.
     *
     * @return true if the amount is negative
     */
    public boolean isNegative() {
        return amount.signum() < 0;
    }

    /**
     * Compares two amounts of the same currency.
     *
     * @throws NullPointerException if {@code other} is null
     * @throws IllegalArgumentException if the currencies differ
     */
    @Override
    public int compareTo(Money other) {
        checkSameCurrency(other, "compare");
        return amount.compareTo(other.amount);
    }

    /** {@return the amount and currency code, as in {@code 19.99 USD}} */
    @Override
    public String toString() {
        return amount.toPlainString() + " " + currency.getCurrencyCode();
    }

    private void checkSameCurrency(Money other, String operation) {
        requireNonNull(other, "other");
        if (!currency.equals(other.currency)) {
            throw new IllegalArgumentException("cannot " + operation + " " + other + " and " + this
                    + ": currencies differ (" + other.currency.getCurrencyCode() + " versus "
                    + currency.getCurrencyCode() + ")");
        }
    }

    private static BigDecimal parse(String amount) {
        try {
            return new BigDecimal(amount.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("amount must be a decimal number but was '" + amount + "'", e);
        }
    }

    private static Currency currency(String code) {
        requireNonNull(code, "currencyCode");
        try {
            return Currency.getInstance(code);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("currencyCode must be an ISO 4217 code but was '" + code + "'", e);
        }
    }
}
