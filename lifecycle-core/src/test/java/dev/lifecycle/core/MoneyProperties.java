package dev.lifecycle.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Currency;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/** Money accepts exactly the amounts below 10^18 with no more decimal places than the currency has. */
final class MoneyProperties {
    private static final BigDecimal LIMIT = new BigDecimal("1000000000000000000");
    private static final List<Currency> CURRENCIES =
            List.of(Currency.getInstance("JPY"), Currency.getInstance("USD"), Currency.getInstance("BHD"));

    /** Decimals of 1 to 40 digits with a scale from -25 to 30: both sides of every bound, mostly near them. */
    private static Gen<BigDecimal> decimals() {
        return integers().between(1, 40).zip(integers().between(-25, 30), longs().all(), (digits, scale, seed) -> {
            Random random = new Random(seed);
            StringBuilder text = new StringBuilder(random.nextBoolean() ? "-" : "");
            for (int i = 0; i < digits; i++) {
                text.append(random.nextInt(4) == 0 ? '0' : (char) ('0' + random.nextInt(10)));
            }
            return new BigDecimal(new BigInteger(text.toString()), scale);
        });
    }

    private static Gen<Currency> currencies() {
        return Generate.pick(CURRENCIES);
    }

    private static boolean fits(BigDecimal value, Currency currency) {
        return value.signum() == 0
                || (value.abs().compareTo(LIMIT) < 0
                        && value.stripTrailingZeros().scale() <= currency.getDefaultFractionDigits());
    }

    @Test
    void constructor_anyDecimal_acceptedExactlyWhenBelowTheBoundAndAtTheCurrencyScale() {
        qt().withExamples(5000).forAll(decimals(), currencies()).checkAssert((value, currency) -> {
            if (fits(value, currency)) {
                Money money = new Money(value, currency);
                assertEquals(0, money.amount().compareTo(value));
                assertEquals(currency.getDefaultFractionDigits(), money.amount().scale());
            } else {
                IllegalArgumentException e =
                        assertThrows(IllegalArgumentException.class, () -> new Money(value, currency));
                assertTrue(String.valueOf(e.getMessage()).startsWith("amount "), e.getMessage());
            }
        });
    }

    @Test
    void of_anyShortText_agreesWithTheConstructor() {
        qt().withExamples(2000).forAll(decimals(), currencies()).checkAssert((value, currency) -> {
            String text = value.toString();
            if (fits(value, currency)) {
                assertEquals(new Money(value, currency), Money.of(text, currency.getCurrencyCode()));
            } else {
                IllegalArgumentException e =
                        assertThrows(IllegalArgumentException.class, () -> Money.of(text, currency.getCurrencyCode()));
                assertTrue(String.valueOf(e.getMessage()).startsWith("amount "), e.getMessage());
            }
        });
    }

    /** An amount that fits its currency, half of the time with the most digits allowed. */
    private static BigDecimal fitting(Currency currency, Random random) {
        int places = currency.getDefaultFractionDigits();
        int most = Money.MAX_INTEGER_DIGITS + places;
        int digits = random.nextBoolean() ? most : 1 + random.nextInt(most);
        StringBuilder text = new StringBuilder(random.nextBoolean() ? "-" : "");
        for (int i = 0; i < digits; i++) {
            text.append((char) ('0' + (i == 0 ? 1 + random.nextInt(9) : random.nextInt(10))));
        }
        return new BigDecimal(new BigInteger(text.toString()), places);
    }

    @Test
    void plusAndMinus_anyAmounts_exactOrRefusedBeyondTheBound() {
        qt().withExamples(3000).forAll(currencies(), longs().all()).checkAssert((currency, seed) -> {
            Random random = new Random(seed);
            BigDecimal a = fitting(currency, random);
            BigDecimal b = fitting(currency, random);
            Money x = new Money(a, currency);
            Money y = new Money(b, currency);
            BigDecimal sum = a.add(b);
            BigDecimal difference = a.subtract(b);
            if (sum.abs().compareTo(LIMIT) < 0) {
                assertEquals(new Money(sum, currency), x.plus(y));
            } else {
                assertTrue(String.valueOf(assertThrows(IllegalArgumentException.class, () -> x.plus(y))
                                .getMessage())
                        .startsWith("cannot add " + y + " and " + x + ": the result "));
            }
            if (difference.abs().compareTo(LIMIT) < 0) {
                assertEquals(new Money(difference, currency), x.minus(y));
            } else {
                assertTrue(String.valueOf(assertThrows(IllegalArgumentException.class, () -> x.minus(y))
                                .getMessage())
                        .startsWith("cannot subtract " + y + " and " + x + ": the result "));
            }
        });
    }
}
