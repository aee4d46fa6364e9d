package dev.lifecycle.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.testing.EqualsTester;
import dev.lifecycle.core.Condition;
import dev.lifecycle.core.CustomerProfile;
import dev.lifecycle.core.EventType;
import dev.lifecycle.core.Money;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

final class PredictiveConditionsTest {
    private static final BgNbd MODEL = BgNbd.of(0.243, 4.414, 0.793, 2.426);
    private static final GammaGamma SPEND = GammaGamma.of(6.25, 3.74, 15.44);
    private static final Instant AS_OF = day("1998-07-01");

    private static Instant day(String date) {
        return LocalDate.parse(date).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** Orders on 1997-01-01, 1997-03-05 and 1997-08-01 (twice that day), with amounts. */
    private static CustomerProfile customer() {
        return CustomerProfile.builder("c1")
                .orderCount(4)
                .firstOrderAt(day("1997-01-01"))
                .lastOrderAt(day("1997-08-01").plusSeconds(3600))
                .orderAt(day("1997-01-01"))
                .payment(day("1997-01-01"), Money.of("10.00", "USD"))
                .orderAt(day("1997-03-05"))
                .payment(day("1997-03-05"), Money.of("20.00", "USD"))
                .orderAt(day("1997-08-01"))
                .payment(day("1997-08-01"), Money.of("5.00", "USD"))
                .orderAt(day("1997-08-01").plusSeconds(3600))
                .payment(day("1997-08-01").plusSeconds(3600), Money.of("7.00", "USD"))
                .build();
    }

    @Test
    void probabilityAliveBelow_readsTheProfilesSummaryAtTheInstant() {
        // at 1998-07-01 (the calibration ends on 1998-07-01): x 2, t_x 212 days, T 546 days, in weeks
        double alive = MODEL.probabilityAlive(2, 212 / 7.0, 546 / 7.0);
        Condition below = PredictiveConditions.probabilityAliveBelow(MODEL, 0.5, ChronoUnit.WEEKS);
        Condition above = PredictiveConditions.probabilityAliveBelow(MODEL, alive / 2, ChronoUnit.WEEKS);

        assertTrue(alive < 0.5, "P(alive) " + alive);
        assertTrue(below.test(customer(), AS_OF));
        assertFalse(above.test(customer(), AS_OF));
        assertEquals(
                String.format(
                        java.util.Locale.ROOT,
                        "P(alive) %.2f < 0.50 under BG/NBD r=0.243 alpha=4.414 a=0.793 b=2.426 (x 2, t_x 30.29, T 78.00"
                                + " weeks)",
                        alive),
                below.evidence(customer(), AS_OF));
        assertEquals("P(alive) < 0.50 under BG/NBD r=0.243 alpha=4.414 a=0.793 b=2.426", below.description());
        assertEquals(Optional.of(Set.of(EventType.PURCHASE)), below.eventTypesRead());
    }

    @Test
    void everyCondition_profileWithoutOrders_doesNotHold() {
        CustomerProfile visitor = CustomerProfile.builder("v").siteVisits(3).build();
        Condition alive = PredictiveConditions.probabilityAliveBelow(MODEL, 1, ChronoUnit.WEEKS);
        Condition purchases =
                PredictiveConditions.expectedPurchasesBelow(MODEL, 52, 100, ChronoUnit.WEEKS, ZoneOffset.UTC);

        assertFalse(alive.test(visitor, AS_OF));
        assertFalse(purchases.test(visitor, AS_OF));
        assertEquals(alive.description() + ": no orders", alive.evidence(visitor, AS_OF));
    }

    @Test
    void expectedPurchasesAndValue_agreeWithPredictions() {
        CustomerSummaries one = CustomerSummaries.builder(SummaryOptions.through(LocalDate.EPOCH))
                .add("c1", 2, 212 / 7.0, 546 / 7.0, 16.0) // repeat days: $20, then $5 + $7
                .build();
        Predictions predictions = Predictions.of(MODEL, one);
        double purchases = predictions.expectedPurchases(26)[0];
        double value = predictions.expectedValue(SPEND, 52, 0.001)[0];

        assertTrue(PredictiveConditions.expectedPurchasesBelow(
                        MODEL, 26, purchases * 1.001, ChronoUnit.WEEKS, ZoneOffset.UTC)
                .test(customer(), AS_OF));
        assertFalse(PredictiveConditions.expectedPurchasesBelow(
                        MODEL, 26, purchases * 0.999, ChronoUnit.WEEKS, ZoneOffset.UTC)
                .test(customer(), AS_OF));
        assertTrue(PredictiveConditions.predictedValueAtLeast(
                        MODEL, SPEND, 52, 0.001, value * 0.999, ChronoUnit.WEEKS, ZoneOffset.UTC)
                .test(customer(), AS_OF));
        assertFalse(PredictiveConditions.predictedValueAtLeast(
                        MODEL, SPEND, 52, 0.001, value * 1.001, ChronoUnit.WEEKS, ZoneOffset.UTC)
                .test(customer(), AS_OF));
    }

    @Test
    void conditions_areValues() {
        new EqualsTester()
                .addEqualityGroup(
                        PredictiveConditions.probabilityAliveBelow(MODEL, 0.3, ChronoUnit.WEEKS),
                        PredictiveConditions.probabilityAliveBelow(
                                BgNbd.of(0.243, 4.414, 0.793, 2.426), 0.3, ChronoUnit.WEEKS, ZoneOffset.UTC))
                .addEqualityGroup(PredictiveConditions.probabilityAliveBelow(MODEL, 0.4, ChronoUnit.WEEKS))
                .addEqualityGroup(PredictiveConditions.probabilityAliveBelow(MODEL, 0.3, ChronoUnit.DAYS))
                .addEqualityGroup(
                        PredictiveConditions.expectedPurchasesBelow(MODEL, 10, 0.3, ChronoUnit.WEEKS, ZoneOffset.UTC))
                .testEquals();
    }

    @Test
    void badArguments_refusedNamingTheRule() {
        IllegalArgumentException threshold = assertThrows(
                IllegalArgumentException.class,
                () -> PredictiveConditions.probabilityAliveBelow(MODEL, 1.5, ChronoUnit.WEEKS));
        assertEquals("P(alive) threshold must be in (0, 1] but was 1.5", threshold.getMessage());
        IllegalArgumentException unit = assertThrows(
                IllegalArgumentException.class,
                () -> PredictiveConditions.probabilityAliveBelow(MODEL, 0.3, ChronoUnit.HOURS));
        assertEquals("summary unit must be DAYS, WEEKS, MONTHS or YEARS but was Hours", unit.getMessage());
        IllegalArgumentException purchases = assertThrows(
                IllegalArgumentException.class,
                () -> PredictiveConditions.expectedPurchasesBelow(
                        MODEL, 10, Double.NaN, ChronoUnit.WEEKS, ZoneOffset.UTC));
        assertEquals("purchases must be positive and finite but was NaN", purchases.getMessage());
    }
}
