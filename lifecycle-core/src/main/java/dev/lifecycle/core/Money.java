package dev.lifecycle.core;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import org.jspecify.annotations.Nullable;

/**
 * An exact amount of money in one currency.
 *
 * <p>The amount is kept at the currency's number of decimal places ({@code 12.5 USD} is stored as {@code 12.50}), so
 * two amounts that denote the same money are equal. Amounts with more decimal places than the currency has are
 * rejected, never rounded.
 *
 * <p>Amounts are bounded so that no input can make arithmetic on them expensive: the absolute value is below
 * 10<sup>18</sup> major units (at most {@value #MAX_INTEGER_DIGITS} digits before the decimal point), and an amount
 * written as text is at most {@value #MAX_TEXT_LENGTH} characters long. The bounds are checked on the amount's
 * exponent and digit count before any arithmetic, so {@code 1e99999999} or {@code 1e-99999999} is refused in constant
 * time. A sum or difference beyond the bound is refused too: no shop's spend comes near it. Instances are immutable
 * and thread-safe.
 *
 * @param amount the amount, at the currency's scale
 * @param currency the currency
 */
public record Money(BigDecimal amount, Currency currency) implements Comparable<Money> {

    /** The most digits an amount may have before the decimal point: amounts are below 10<sup>18</sup> major units. */
    public static final int MAX_INTEGER_DIGITS = 18;

    /** The most characters {@link #of(String, String)} reads as an amount, checked before parsing. */
    public static final int MAX_TEXT_LENGTH = 64;

    /** The first amount that is too large, in major units. */
    private static final BigDecimal LIMIT = BigDecimal.TEN.pow(MAX_INTEGER_DIGITS);

    /** {@link #LIMIT} as a {@code long}, for sums kept in whole units. */
    private static final long LIMIT_UNITS = LIMIT.longValueExact();

    /** log10(2), to bound the decimal digits of an unscaled value from its bit length. */
    private static final double LOG10_2 = 0.30102999566398120;

    /**
     * Validates the amount and brings it to the currency's scale.
     *
     * @param amount the amount, below 10<sup>18</sup> in absolute value and with at most as many decimal places as the
     *     currency has (trailing zeros beyond them are fine, up to {@value #MAX_TEXT_LENGTH} of them)
     * @param currency the currency
     *
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code amount} has more than {@value #MAX_INTEGER_DIGITS} digits before the
     *     decimal point, or more decimal places than {@code currency} allows
     */
    public Money {
        requireNonNull(amount, "amount");
        requireNonNull(currency, "currency");
        String problem = problem(amount, currency);
        if (problem != null) {
            throw new IllegalArgumentException("amount " + problem);
        }
        amount = amount.setScale(places(currency), RoundingMode.UNNECESSARY);
    }

    /**
     * Returns the amount written in decimal notation in the currency with the given ISO 4217 code.
     *
     * @param amount a decimal number such as {@code "19.99"}
     * @param currencyCode an ISO 4217 code such as {@code "USD"}
     * @return the money
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the amount is longer than {@value #MAX_TEXT_LENGTH} characters or not a
     *     decimal number, the code is unknown, or the amount has more than {@value #MAX_INTEGER_DIGITS} digits before
     *     the decimal point or more decimal places than the currency allows
     */
    public static Money of(String amount, String currencyCode) {
        requireNonNull(amount, "amount");
        requireNonNull(currencyCode, "currencyCode");
        return new Money(parse(amount), currency(currencyCode));
    }

    /**
     * Returns an amount given in the currency's minor units, as {@code 1999} for 19.99 USD or {@code 500} for 500 JPY:
     * the form a columnar store or a database keeps amounts in.
     *
     * @param minorUnits the amount in minor units (cents for USD); at a currency without minor units it must lie
     *     below 10<sup>18</sup> in absolute value
     * @param currency the currency
     * @return the money
     * @throws NullPointerException if {@code currency} is null
     * @throws IllegalArgumentException if the amount is 10<sup>18</sup> major units or more in absolute value
     */
    public static Money ofMinorUnits(long minorUnits, Currency currency) {
        requireNonNull(currency, "currency");
        if (!isBelowLimit(minorUnits, places(currency))) {
            throw new IllegalArgumentException("amount must have at most " + MAX_INTEGER_DIGITS
                    + " digits before the decimal point but was " + minorUnits + " " + currency.getCurrencyCode());
        }
        return new Money(BigDecimal.valueOf(minorUnits, places(currency)), currency);
    }

    /**
     * Returns the amount in the currency's minor units, as {@code 1999} for 19.99 USD, if it fits in a {@code long}.
     *
     * @return the amount in minor units
     * @throws ArithmeticException if the amount has more minor units than a {@code long} holds (above about 9.2 *
     *     10<sup>18</sup>, possible for amounts above 9.2 * 10<sup>16</sup> USD)
     */
    public long minorUnits() {
        return amount.unscaledValue().longValueExact();
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
     * @throws IllegalArgumentException if the currencies differ, or the sum has more than
     *     {@value #MAX_INTEGER_DIGITS} digits before the decimal point
     */
    public Money plus(Money other) {
        checkSameCurrency(other, "add");
        return result(amount.add(other.amount), "add", other);
    }

    /**
     * Returns this amount less {@code other}; the result may be negative.
     *
     * @param other an amount in the same currency
     * @return the difference
     * @throws NullPointerException if {@code other} is null
     * @throws IllegalArgumentException if the currencies differ, or the difference has more than
     *     {@value #MAX_INTEGER_DIGITS} digits before the decimal point
     */
    public Money minus(Money other) {
        checkSameCurrency(other, "subtract");
        return result(amount.subtract(other.amount), "subtract", other);
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

    /** The result of {@code plus} or {@code minus}, refused with a message naming both operands when too large. */
    private Money result(BigDecimal value, String operation, Money other) {
        if (value.abs().compareTo(LIMIT) >= 0) {
            throw new IllegalArgumentException("cannot " + operation + " " + other + " and " + this + ": the result "
                    + value.toPlainString() + " " + currency.getCurrencyCode() + " has more than "
                    + MAX_INTEGER_DIGITS + " digits before the decimal point");
        }
        return new Money(value, currency);
    }

    /**
     * Returns what is wrong with an amount in a currency, or null when nothing is. The exponent and the bit length are
     * checked first, so an amount with a huge exponent or a huge unscaled value costs no arithmetic.
     */
    private static @Nullable String problem(BigDecimal amount, Currency currency) {
        if (amount.signum() == 0) {
            return null;
        }
        long scale = amount.scale();
        int places = places(currency);
        String tooLarge = "must have at most " + MAX_INTEGER_DIGITS + " digits before the decimal point but was ";
        // |amount| >= 10^-scale: with -scale >= 18 the amount is at least 10^18.
        if (-scale >= MAX_INTEGER_DIGITS) {
            return tooLarge + describe(amount);
        }
        // |amount| >= 2^(bits - 1) / 10^scale; the margin leaves the amounts near the bound to the exact test below.
        int bits = amount.unscaledValue().bitLength();
        if ((bits - 1) * LOG10_2 > MAX_INTEGER_DIGITS + scale + 1) {
            return tooLarge + describe(amount);
        }
        if (scale - places > MAX_TEXT_LENGTH) {
            // An unscaled value of fewer digits than the places to drop cannot end in that many zeros.
            if (bits * LOG10_2 + 1 < scale - places) {
                return describe(amount) + " has more decimal places than " + currency.getCurrencyCode() + " allows ("
                        + places + ")";
            }
            return "must have at most " + places + " decimal places in " + currency.getCurrencyCode()
                    + ", followed by at most " + MAX_TEXT_LENGTH + " zeros, but was " + describe(amount);
        }
        // The exponent and the digits are bounded now: the arithmetic below is on a few hundred bits at most.
        if (scale > places && amount.stripTrailingZeros().scale() > places) {
            return describe(amount) + " has more decimal places than " + currency.getCurrencyCode() + " allows ("
                    + places + ")";
        }
        if (amount.abs().compareTo(LIMIT) >= 0) {
            return tooLarge + describe(amount);
        }
        return null;
    }

    /**
     * Tells whether {@code unscaled} units at the given scale (a currency's places, 0 or more) lie below the bound, for
     * sums kept as a {@code long}: at a positive scale every {@code long} does.
     */
    static boolean isBelowLimit(long unscaled, int scale) {
        return scale > 0 || (unscaled > -LIMIT_UNITS && unscaled < LIMIT_UNITS);
    }

    private static int places(Currency currency) {
        return Math.max(currency.getDefaultFractionDigits(), 0);
    }

    /** Writes an amount for a message without expanding its exponent or printing thousands of digits. */
    private static String describe(BigDecimal amount) {
        if (amount.unscaledValue().bitLength() > 4 * MAX_TEXT_LENGTH) {
            long digits = (long) (amount.unscaledValue().bitLength() * LOG10_2) + 1;
            return "a number of about " + digits + " digits with scale " + amount.scale();
        }
        return abbreviate(amount.toString());
    }

    private static String abbreviate(String text) {
        return text.length() <= MAX_TEXT_LENGTH ? text : text.substring(0, MAX_TEXT_LENGTH) + "…";
    }

    private static BigDecimal parse(String amount) {
        if (amount.length() > MAX_TEXT_LENGTH) {
            throw new IllegalArgumentException("amount must be at most " + MAX_TEXT_LENGTH + " characters long but was "
                    + amount.length() + " characters: '" + abbreviate(amount) + "'");
        }
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
