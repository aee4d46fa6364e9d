package dev.lifecycle.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Currency;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The bounds of {@link Money}: at most 18 digits before the decimal point, amount texts of at most 64 characters. */
final class MoneyTest {
    private static final Currency USD = Currency.getInstance("USD");
    /** Far below the minutes a 100-million-digit number costs, and far above a refusal on a busy machine. */
    private static final Duration QUICK = Duration.ofMillis(200);

    /** Loads the classes a refusal uses, so that the timed calls measure the check and not the class loading. */
    @BeforeAll
    static void loadClasses() {
        assertThrows(IllegalArgumentException.class, () -> Money.of("1.001", "USD"));
        assertThrows(IllegalArgumentException.class, () -> new Money(new BigDecimal("1e30"), USD));
    }

    private static String refusedQuickly(Executable call) {
        return assertTimeoutPreemptively(
                QUICK, () -> assertThrows(IllegalArgumentException.class, call).getMessage());
    }

    @Test
    void of_hugeExponent_refusedWithinMilliseconds() {
        assertEquals(
                "amount must have at most 18 digits before the decimal point but was 1E+99999999",
                refusedQuickly(() -> Money.of("1e99999999", "EUR")));
        assertEquals(
                "amount must have at most 18 digits before the decimal point but was -1E+99999999",
                refusedQuickly(() -> Money.of("-1e99999999", "JPY")));
    }

    @Test
    void of_hugeNegativeExponent_refusedWithinMilliseconds() {
        assertEquals(
                "amount 1E-99999999 has more decimal places than EUR allows (2)",
                refusedQuickly(() -> Money.of("1e-99999999", "EUR")));
        assertEquals(
                "amount 1.00E-99999997 has more decimal places than EUR allows (2)",
                refusedQuickly(() -> Money.of("100e-99999999", "EUR")));
    }

    @Test
    void of_hundredThousandDigits_refusedWithinMillisecondsBeforeParsing() {
        String digits = "1".repeat(100_000);

        assertEquals(
                "amount must be at most 64 characters long but was 100000 characters: '" + "1".repeat(64) + "…'",
                refusedQuickly(() -> Money.of(digits, "USD")));
    }

    @Test
    void constructor_hugeExponentOrHugeDigits_refusedWithinMilliseconds() {
        BigDecimal huge = new BigDecimal("1e99999999");
        BigDecimal tiny = new BigDecimal("1e-99999999");
        BigDecimal oneWrittenLong = new BigDecimal(BigInteger.TEN.pow(100_000), 100_000);
        BigDecimal manyDigits = new BigDecimal(BigInteger.TEN.pow(100_000));

        assertEquals(
                "amount must have at most 18 digits before the decimal point but was 1E+99999999",
                refusedQuickly(() -> new Money(huge, USD)));
        assertEquals(
                "amount 1E-99999999 has more decimal places than USD allows (2)",
                refusedQuickly(() -> new Money(tiny, USD)));
        assertEquals(
                "amount must have at most 2 decimal places in USD, followed by at most 64 zeros, but was a number of"
                        + " about 100001 digits with scale 100000",
                refusedQuickly(() -> new Money(oneWrittenLong, USD)));
        assertEquals(
                "amount must have at most 18 digits before the decimal point but was a number of about 100001 digits"
                        + " with scale 0",
                refusedQuickly(() -> new Money(manyDigits, USD)));
    }

    @Test
    void of_justBelowTenToThe18_accepted() {
        assertEquals(
                "999999999999999999.99 USD",
                Money.of("999999999999999999.99", "USD").toString());
        assertEquals(
                "-999999999999999999.99 USD",
                Money.of("-999999999999999999.99", "USD").toString());
        assertEquals(
                "999999999999999999 JPY", Money.of("999999999999999999", "JPY").toString());
        assertEquals(
                "999999999999999999.999 BHD",
                Money.of("9.99999999999999999999e17", "BHD").toString());
    }

    @Test
    void of_tenToThe18_refused() {
        assertEquals(
                "amount must have at most 18 digits before the decimal point but was 1000000000000000000",
                refusedQuickly(() -> Money.of("1000000000000000000", "USD")));
        assertEquals(
                "amount must have at most 18 digits before the decimal point but was -1000000000000000000.00",
                refusedQuickly(() -> Money.of("-1000000000000000000.00", "USD")));
        assertEquals(
                "amount must have at most 18 digits before the decimal point but was 1E+18",
                refusedQuickly(() -> Money.of("1e18", "JPY")));
        assertEquals(
                "amount must have at most 18 digits before the decimal point but was 1.0E+18",
                refusedQuickly(() -> Money.of("10e17", "JPY")));
    }

    @Test
    void of_sixtyFourCharacters_accepted_sixtyFiveRefused() {
        String sixtyFour = "0".repeat(60) + "1.50";
        String sixtyFive = "0" + sixtyFour;

        assertEquals(64, sixtyFour.length());
        assertEquals(Money.of("1.5", "USD"), Money.of(sixtyFour, "USD"));
        assertEquals(
                "amount must be at most 64 characters long but was 65 characters: '" + sixtyFive.substring(0, 64)
                        + "…'",
                refusedQuickly(() -> Money.of(sixtyFive, "USD")));
    }

    @Test
    void constructor_trailingZerosBeyondTheCurrency_acceptedUpTo64() {
        BigDecimal sixtyFourZeros = new BigDecimal("12.50" + "0".repeat(64));
        BigDecimal sixtyFiveZeros = new BigDecimal("12.50" + "0".repeat(65));

        assertEquals(Money.of("12.5", "USD"), new Money(sixtyFourZeros, USD));
        assertEquals(Money.of("12.50", "USD"), Money.of("12.5000", "USD"));
        assertEquals(
                "amount must have at most 2 decimal places in USD, followed by at most 64 zeros, but was 12.5"
                        + "0".repeat(60) + "…",
                refusedQuickly(() -> new Money(sixtyFiveZeros, USD)));
    }

    @Test
    void plus_beyondTheBound_refusedNamingBothAmounts() {
        Money almost = Money.of("999999999999999999.99", "USD");
        Money cent = Money.of("0.01", "USD");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> almost.plus(cent));

        assertEquals(
                "cannot add 0.01 USD and 999999999999999999.99 USD: the result 1000000000000000000.00 USD has more"
                        + " than 18 digits before the decimal point",
                e.getMessage());
    }

    @Test
    void minus_beyondTheBound_refusedNamingBothAmounts() {
        Money almost = Money.of("-999999999999999999.99", "USD");
        Money cent = Money.of("0.01", "USD");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> almost.minus(cent));

        assertEquals(
                "cannot subtract 0.01 USD and -999999999999999999.99 USD: the result -1000000000000000000.00 USD has"
                        + " more than 18 digits before the decimal point",
                e.getMessage());
    }

    @Test
    void isBelowLimit_longSums_agreeWithTheConstructor() {
        long justBelow = 999_999_999_999_999_999L;

        assertEquals(true, Money.isBelowLimit(justBelow, 0));
        assertEquals(true, Money.isBelowLimit(-justBelow, 0));
        assertEquals(false, Money.isBelowLimit(justBelow + 1, 0));
        assertEquals(false, Money.isBelowLimit(-justBelow - 1, 0));
        assertEquals(true, Money.isBelowLimit(Long.MAX_VALUE, 2));
        assertEquals(true, Money.isBelowLimit(Long.MIN_VALUE, 2));
    }
}
