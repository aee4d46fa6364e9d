package dev.lifecycle.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.testing.EqualsTester;
import com.google.common.testing.NullPointerTester;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Creating events and money, and what they reject. */
final class CustomerEventTest {
    private static final Instant T = Instant.parse("2026-05-01T10:00:00Z");

    private static String iae(Executable call) {
        return String.valueOf(assertThrows(IllegalArgumentException.class, call).getMessage());
    }

    private static String npe(Executable call) {
        return String.valueOf(assertThrows(NullPointerException.class, call).getMessage());
    }

    // ---- events

    @Test
    void of_simpleEvent_generatesIdAndKeepsFacts() {
        CustomerEvent a = CustomerEvent.of("c1", EventType.SITE_VISIT, T);
        CustomerEvent b = CustomerEvent.of("c1", EventType.SITE_VISIT, T);

        assertEquals("c1", a.customerId());
        assertEquals(EventType.SITE_VISIT, a.type());
        assertEquals(T, a.timestamp());
        assertEquals(Optional.empty(), a.amount());
        assertEquals(Optional.empty(), a.customType());
        assertEquals(OptionalInt.empty(), a.npsScore());
        assertEquals(Map.of(), a.attributes());
        assertTrue(!a.eventId().isBlank());
        assertNotEquals(a.eventId(), b.eventId());
        assertNotEquals(a, b);
    }

    @Test
    void builder_allFields_kept() {
        CustomerEvent e = CustomerEvent.builder("c1", EventType.PURCHASE, T)
                .eventId("order-17")
                .amount(Money.of("19.99", "USD"))
                .attribute("basket-size", 3)
                .build();

        assertEquals("order-17", e.eventId());
        assertEquals(Optional.of(Money.of("19.99", "USD")), e.amount());
        assertEquals(Map.of("basket-size", 3.0), e.attributes());
        assertEquals(e, e.toBuilder().build());
        assertEquals(
                Optional.of("signup-survey"),
                CustomerEvent.builder("c1", EventType.CUSTOM, T)
                        .customType("signup-survey")
                        .build()
                        .customType());
        assertEquals(
                OptionalInt.of(9),
                CustomerEvent.builder("c1", EventType.NPS_ANSWER, T)
                        .npsScore(9)
                        .build()
                        .npsScore());
    }

    @Test
    void withAmountAndWithEventId_copyTheRest() {
        CustomerEvent e = CustomerEvent.of("c1", EventType.REFUND, T).withEventId("r1");

        CustomerEvent withAmount = e.withAmount(Money.of("5", "EUR"));

        assertEquals("r1", withAmount.eventId());
        assertEquals(EventType.REFUND, withAmount.type());
        assertEquals(Optional.of(Money.of("5.00", "EUR")), withAmount.amount());
    }

    @Test
    void of_blankCustomerId_rejected() {
        assertEquals(
                "customerId must not be blank but was '  '", iae(() -> CustomerEvent.of("  ", EventType.PURCHASE, T)));
    }

    @Test
    @SuppressWarnings("NullAway") // the test passes null on purpose
    void of_nullTimestamp_rejected() {
        assertEquals("timestamp", npe(() -> CustomerEvent.of("c1", EventType.PURCHASE, null)));
    }

    @Test
    @SuppressWarnings("NullAway") // the test passes null on purpose
    void of_nullType_rejected() {
        assertEquals("type", npe(() -> CustomerEvent.of("c1", null, T)));
    }

    @Test
    void of_customWithoutCustomType_rejected() {
        assertEquals(
                "event of customer 'c1' has type CUSTOM but no customType; name the custom type",
                iae(() -> CustomerEvent.of("c1", EventType.CUSTOM, T)));
    }

    @Test
    void build_customTypeOnNonCustomEvent_rejected() {
        assertEquals(
                "customType 'quiz' is only allowed on CUSTOM events but the event of customer 'c1' has type"
                        + " SITE_VISIT",
                iae(() -> CustomerEvent.builder("c1", EventType.SITE_VISIT, T)
                        .customType("quiz")
                        .build()));
    }

    @Test
    void customType_invalidName_rejected() {
        String message =
                iae(() -> CustomerEvent.builder("c1", EventType.CUSTOM, T).customType("my quiz"));

        assertTrue(message.startsWith("customType must start with a letter or digit"), message);
        assertTrue(message.endsWith("but was 'my quiz'"), message);
    }

    @Test
    void build_amountOnSiteVisit_rejected() {
        assertEquals(
                "amount 5.00 USD is only allowed on PURCHASE and REFUND events but the event of customer 'c1' has"
                        + " type SITE_VISIT",
                iae(() -> CustomerEvent.of("c1", EventType.SITE_VISIT, T).withAmount(Money.of("5", "USD"))));
    }

    @Test
    void amount_negative_rejected() {
        String message =
                iae(() -> CustomerEvent.builder("c1", EventType.PURCHASE, T).amount(Money.of("-1.50", "USD")));

        assertTrue(message.startsWith("amount must not be negative but was -1.50 USD"), message);
    }

    @Test
    void of_npsAnswerWithoutScore_rejected() {
        assertEquals(
                "NPS_ANSWER event of customer 'c1' has no npsScore; give the score 0..10",
                iae(() -> CustomerEvent.of("c1", EventType.NPS_ANSWER, T)));
    }

    @Test
    void npsScore_eleven_rejected() {
        assertEquals(
                "npsScore must be between 0 and 10 but was 11",
                iae(() -> CustomerEvent.builder("c1", EventType.NPS_ANSWER, T).npsScore(11)));
    }

    @Test
    void npsScore_minusOne_rejected() {
        assertEquals(
                "npsScore must be between 0 and 10 but was -1",
                iae(() -> CustomerEvent.builder("c1", EventType.NPS_ANSWER, T).npsScore(-1)));
    }

    @Test
    void build_npsScoreOnPurchase_rejected() {
        assertEquals(
                "npsScore 7 is only allowed on NPS_ANSWER events but the event of customer 'c1' has type PURCHASE",
                iae(() -> CustomerEvent.builder("c1", EventType.PURCHASE, T)
                        .npsScore(7)
                        .build()));
    }

    @Test
    void eventId_blank_rejected() {
        assertEquals(
                "eventId must not be blank but was ''",
                iae(() -> CustomerEvent.builder("c1", EventType.PURCHASE, T).eventId("")));
    }

    @Test
    void attribute_notFinite_rejected() {
        assertEquals(
                "attribute 'score' must be a finite number but was NaN",
                iae(() -> CustomerEvent.builder("c1", EventType.SITE_VISIT, T).attribute("score", Double.NaN)));
    }

    @Test
    void event_equals_byEveryField() {
        CustomerEvent base = CustomerEvent.builder("c1", EventType.PURCHASE, T)
                .eventId("e1")
                .amount(Money.of("10", "USD"))
                .build();
        new EqualsTester()
                .addEqualityGroup(base, base.toBuilder().build(), base.withAmount(Money.of("10.00", "USD")))
                .addEqualityGroup(base.withEventId("e2"))
                .addEqualityGroup(base.withAmount(Money.of("11", "USD")))
                .addEqualityGroup(CustomerEvent.builder("c2", EventType.PURCHASE, T)
                        .eventId("e1")
                        .build())
                .addEqualityGroup(CustomerEvent.builder("c1", EventType.PURCHASE, T)
                        .eventId("e1")
                        .build())
                .addEqualityGroup(CustomerEvent.builder("c1", EventType.REFUND, T)
                        .eventId("e1")
                        .build())
                .addEqualityGroup(CustomerEvent.builder("c1", EventType.PURCHASE, T.plusSeconds(1))
                        .eventId("e1")
                        .build())
                .addEqualityGroup(base.toBuilder().attribute("x", 1).build())
                .testEquals();
    }

    // ---- money

    @Test
    void money_sameAmountDifferentScale_equal() {
        new EqualsTester()
                .addEqualityGroup(Money.of("12.5", "USD"), Money.of("12.50", "USD"), Money.of(" 12.50 ", "USD"))
                .addEqualityGroup(Money.of("12.5", "EUR"))
                .addEqualityGroup(Money.of("12.51", "USD"))
                .addEqualityGroup(Money.zero(Currency.getInstance("USD")), Money.of("0", "USD"))
                .testEquals();
        assertEquals(new BigDecimal("12.50"), Money.of("12.5", "USD").amount());
        assertEquals("12.50 USD", Money.of("12.5", "USD").toString());
        assertEquals("1000 JPY", Money.of("1000", "JPY").toString());
    }

    @Test
    void money_arithmeticAndOrder_exact() {
        Money a = Money.of("0.10", "USD");
        Money b = Money.of("0.20", "USD");

        assertEquals(Money.of("0.30", "USD"), a.plus(b));
        assertEquals(Money.of("-0.10", "USD"), a.minus(b));
        assertTrue(a.minus(b).isNegative());
        assertTrue(a.compareTo(b) < 0);
        assertEquals(0, a.plus(b).compareTo(Money.of("0.3", "USD")));
    }

    @Test
    void money_moreDecimalsThanCurrency_rejected() {
        assertEquals("amount 1.234 has more decimal places than USD allows (2)", iae(() -> Money.of("1.234", "USD")));
        assertEquals("amount 1.5 has more decimal places than JPY allows (0)", iae(() -> Money.of("1.5", "JPY")));
    }

    @Test
    void money_unknownCurrency_rejected() {
        assertEquals("currencyCode must be an ISO 4217 code but was 'ZZZ'", iae(() -> Money.of("1", "ZZZ")));
    }

    @Test
    void money_notANumber_rejected() {
        assertEquals("amount must be a decimal number but was 'ten'", iae(() -> Money.of("ten", "USD")));
    }

    @Test
    void money_mixedCurrencies_rejected() {
        Money usd = Money.of("1", "USD");
        Money eur = Money.of("1", "EUR");

        assertEquals("cannot add 1.00 EUR and 1.00 USD: currencies differ (EUR versus USD)", iae(() -> usd.plus(eur)));
        assertEquals(
                "cannot subtract 1.00 USD and 1.00 EUR: currencies differ (USD versus EUR)", iae(() -> eur.minus(usd)));
        assertEquals(
                "cannot compare 1.00 EUR and 1.00 USD: currencies differ (EUR versus USD)",
                iae(() -> usd.compareTo(eur)));
    }

    @Test
    @SuppressWarnings("NullAway") // the test passes null on purpose
    void money_nullArguments_rejected() {
        assertEquals("amount", npe(() -> Money.of(null, "USD")));
        assertEquals("currencyCode", npe(() -> Money.of("1", null)));
        assertEquals("currency", npe(() -> new Money(BigDecimal.ONE, null)));
    }

    @Test
    void publicApi_nullArgument_nullPointerException() {
        NullPointerTester tester =
                new NullPointerTester().setDefault(Instant.class, T).setDefault(Money.class, Money.of("1", "USD"));

        tester.testAllPublicStaticMethods(Money.class);
        tester.testAllPublicStaticMethods(CustomerEvent.class);
        tester.testAllPublicConstructors(Money.class);
        tester.testAllPublicInstanceMethods(Money.of("2", "USD"));
        tester.testAllPublicInstanceMethods(CustomerEvent.of("c1", EventType.PURCHASE, T));
        tester.testAllPublicInstanceMethods(CustomerEvent.builder("c1", EventType.PURCHASE, T));
    }
}
