package dev.lifecycle.metrics.rate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lifecycle.core.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/** The lifecycle rates from explicit counts, as metrics.md defines them. */
final class LifecycleRatesTest {

    @Test
    void retentionRate_startEndNew_isEndMinusNewOverStart() {
        Ratio rate = LifecycleRates.retentionRate(200, 180, 40);

        assertEquals("customer retention rate", rate.name());
        assertEquals(140, rate.numerator());
        assertEquals(200, rate.denominator());
        assertEquals(0.7, rate.value().orElseThrow(), 1e-12);
    }

    @Test
    void retentionRate_noCustomersAtStart_undefined() {
        assertFalse(LifecycleRates.retentionRate(0, 5, 5).isDefined());
    }

    @Test
    void retentionRate_newAboveEnd_rejected() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> LifecycleRates.retentionRate(10, 5, 6));
        assertEquals("newCustomers must not exceed customersAtEnd 5 but was 6", e.getMessage());
    }

    @Test
    void retentionRate_wonBackCustomersAboveStart_exceedsOne() {
        // 10 active at start, 25 active at end of whom 5 are new: 20 old customers, some won back from lapsed.
        Ratio rate = LifecycleRates.retentionRate(10, 25, 5);

        assertEquals(Ratio.of("customer retention rate", 20, 10), rate);
        assertEquals(2.0, rate.value().orElseThrow(), 0);
    }

    @Test
    void retentionRate_negativeCount_rejected() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> LifecycleRates.retentionRate(-1, 5, 0));
        assertEquals("customersAtStart must be zero or more but was -1", e.getMessage());
    }

    @Test
    void simpleRates_counts_keepNumeratorDenominatorAndName() {
        record Case(String name, BiFunction<Long, Long, Rate> f) {}
        List<Case> cases = List.of(
                new Case("churn rate", LifecycleRates::churnRate),
                new Case("repeat purchase rate", LifecycleRates::repeatPurchaseRate),
                new Case("conversion rate", LifecycleRates::conversionRate),
                new Case("referral rate", LifecycleRates::referralRate),
                new Case("upsell rate", LifecycleRates::upsellRate),
                new Case("email open rate", LifecycleRates::emailOpenRate),
                new Case("email click-through rate", LifecycleRates::emailClickThroughRate),
                new Case("email click-to-open rate", LifecycleRates::emailClickToOpenRate));
        for (Case c : cases) {
            Rate rate = c.f().apply(3L, 8L);
            assertEquals(c.name(), rate.name());
            assertEquals(3, rate.numerator());
            assertEquals(8, rate.denominator());
            assertEquals(0.375, rate.requireValue());
            assertFalse(c.f().apply(0L, 0L).isDefined(), c.name());
        }
    }

    @Test
    void churnRate_lostAboveStart_rejected() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> LifecycleRates.churnRate(11, 10));
        assertEquals("lostCustomers must not exceed customersAtStart 10 but was 11", e.getMessage());
    }

    @Test
    void emailClickToOpenRate_negativeOpens_rejected() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> LifecycleRates.emailClickToOpenRate(0, -4));
        assertEquals("uniqueOpens must be zero or more but was -4", e.getMessage());
    }

    @Test
    void customerAcquisitionCost_nonTerminatingQuotient_roundedOnlyOnRequest() {
        MoneyPerUnit cac = LifecycleRates.customerAcquisitionCost(Money.of("1000", "USD"), 3);

        assertEquals("customer acquisition cost", cac.name());
        assertEquals(Money.of("1000", "USD"), cac.total());
        assertEquals(3, cac.count());
        assertEquals(
                Money.of("333.33", "USD"), cac.toMoney(RoundingMode.HALF_EVEN).orElseThrow());
        assertEquals(
                new BigDecimal("333.333333"), cac.perUnit(6, RoundingMode.DOWN).orElseThrow());
        assertThrows(ArithmeticException.class, () -> cac.toMoney(RoundingMode.UNNECESSARY));
    }

    @Test
    void customerAcquisitionCost_noNewCustomers_undefined() {
        MoneyPerUnit cac = LifecycleRates.customerAcquisitionCost(Money.of("1000", "USD"), 0);

        assertFalse(cac.isDefined());
        assertTrue(cac.toMoney(RoundingMode.HALF_EVEN).isEmpty());
        assertTrue(cac.perUnit(2, RoundingMode.HALF_EVEN).isEmpty());
    }

    @Test
    void costPerNewVisitorAndAverageOrderValue_exactQuotients() {
        assertEquals(
                Money.of("0.25", "EUR"),
                LifecycleRates.costPerNewVisitor(Money.of("50", "EUR"), 200)
                        .toMoney(RoundingMode.UNNECESSARY)
                        .orElseThrow());
        MoneyPerUnit aov = LifecycleRates.averageOrderValue(Money.of("1234.50", "USD"), 10);
        assertEquals("average order value", aov.name());
        assertEquals(
                Money.of("123.45", "USD"), aov.toMoney(RoundingMode.UNNECESSARY).orElseThrow());
    }

    @Test
    void averageOrderValue_negativeRevenue_rejected() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> LifecycleRates.averageOrderValue(Money.of("-1", "USD"), 3));
        assertEquals(
                "total of 'average order value' must be zero or more but was " + Money.of("-1", "USD"), e.getMessage());
    }

    @Test
    void moneyPerUnit_negativeScale_rejected() {
        MoneyPerUnit aov = LifecycleRates.averageOrderValue(Money.of("10", "USD"), 3);
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> aov.perUnit(-1, RoundingMode.HALF_UP));
        assertEquals("scale must be zero or more but was -1", e.getMessage());
    }

    @Test
    void moneyPerUnit_scaleZero_wholeUnits() {
        // 1234.50 / 10 = 123.45: 123 rounded half up to whole dollars, 124 rounded up.
        MoneyPerUnit aov = LifecycleRates.averageOrderValue(Money.of("1234.50", "USD"), 10);
        assertEquals(new BigDecimal("123"), aov.perUnit(0, RoundingMode.HALF_UP).orElseThrow());
        assertEquals(new BigDecimal("124"), aov.perUnit(0, RoundingMode.UP).orElseThrow());
    }

    @Test
    void purchaseFrequency_ordersPerCustomer_mayExceedOne() {
        Ratio frequency = LifecycleRates.purchaseFrequency(30, 12);

        assertEquals("purchase frequency", frequency.name());
        assertEquals(2.5, frequency.value().getAsDouble());
        assertTrue(LifecycleRates.purchaseFrequency(3, 0).value().isEmpty());
    }

    @Test
    void purchaseFrequency_negativeOrders_rejected() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> LifecycleRates.purchaseFrequency(-2, 3));
        assertEquals("orders must be zero or more but was -2", e.getMessage());
    }

    @Test
    void newCustomersAcquired_negative_rejected() {
        assertEquals(7, LifecycleRates.newCustomersAcquired(7));
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> LifecycleRates.newCustomersAcquired(-1));
        assertEquals("firstOrdersInPeriod must be zero or more but was -1", e.getMessage());
    }
}
