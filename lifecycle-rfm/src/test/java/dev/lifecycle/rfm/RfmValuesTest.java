package dev.lifecycle.rfm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lifecycle.core.CustomerEvent;
import dev.lifecycle.core.CustomerProfile;
import dev.lifecycle.core.EventType;
import dev.lifecycle.core.Money;
import dev.lifecycle.core.ProfileTable;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The values' days, counts and sums, and every refusal naming the customer and the rule. */
final class RfmValuesTest {
    private static final Instant AS_OF = Instant.parse("2025-03-01T06:00:00Z");
    private static final Currency USD = Currency.getInstance("USD");

    @Test
    void recency_countsCalendarDaysInTheZone_ordersAfterTheInstantLeftOut() {
        List<CustomerEvent> events = List.of(
                CustomerEvent.of("a", EventType.PURCHASE, Instant.parse("2025-02-28T23:30:00Z"))
                        .withAmount(Money.of("10.25", "USD")),
                CustomerEvent.of("a", EventType.PURCHASE, Instant.parse("2025-02-20T10:00:00Z")),
                CustomerEvent.of("a", EventType.PURCHASE, Instant.parse("2025-03-01T06:00:01Z"))
                        .withAmount(Money.of("99", "USD")),
                CustomerEvent.of("b", EventType.SITE_VISIT, Instant.parse("2025-01-01T00:00:00Z")),
                CustomerEvent.of("c", EventType.PURCHASE, Instant.parse("2025-04-01T00:00:00Z")));
        RfmValues utc = RfmValues.fromEvents(events, AS_OF, ZoneOffset.UTC);
        assertEquals(1, utc.size());
        assertEquals(1, utc.recencyDays(0));
        assertEquals(2, utc.orders(0));
        assertEquals(1025, utc.revenueMinorUnits(0));
        assertEquals(new BigDecimal("10.25"), utc.revenue(0));
        assertEquals(10.25, utc.value(Dimension.MONETARY, Monetary.TOTAL, 0));
        assertEquals(5.125, utc.value(Dimension.MONETARY, Monetary.MEAN, 0));
        // in Tokyo both instants fall on 2025-03-01 (and 2025-03-01 15:00)
        assertEquals(
                0, RfmValues.fromEvents(events, AS_OF, ZoneId.of("Asia/Tokyo")).recencyDays(0));
    }

    @Test
    void profileBuiltFromAggregates_readFromItsAggregates_unlessItsLastOrderIsLater() {
        CustomerProfile aggregates = CustomerProfile.builder("agg")
                .orderCount(12)
                .firstOrderAt(Instant.parse("2024-01-01T00:00:00Z"))
                .lastOrderAt(Instant.parse("2025-02-01T00:00:00Z"))
                .totalSpend(Money.of("1200", "USD"))
                .build();
        RfmValues values = RfmValues.fromProfiles(ProfileTable.of(List.of(aggregates)), AS_OF, ZoneOffset.UTC);
        assertEquals(28, values.recencyDays(0));
        assertEquals(12, values.orders(0));
        assertEquals(120_000, values.revenueMinorUnits(0));
        Instant early = Instant.parse("2025-01-01T00:00:00Z");
        assertEquals(
                "customer agg has a last order at 2025-02-01T00:00:00Z, after 2025-01-01T00:00:00Z, and holds 0 of its"
                        + " 12 order instants: its orders up to that instant are not known",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> RfmValues.fromProfiles(
                                        ProfileTable.of(List.of(aggregates)), early, ZoneOffset.UTC))
                        .getMessage());
    }

    @Test
    void refusals_nameTheCustomerTheValueAndTheRule() {
        RfmValues.Builder builder = RfmValues.builder(AS_OF, ZoneOffset.UTC);
        builder.order("a", AS_OF, Money.ofMinorUnits(RfmValues.MAX_REVENUE_MINOR_UNITS, USD));
        assertEquals(
                "revenue of customer a must be from 0 to 9007199254740992 minor units but 9007199254740992 + 1 is not",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> builder.order("a", AS_OF, Money.ofMinorUnits(1, USD)))
                        .getMessage());
        assertEquals(
                "amounts must be in one currency, USD, but customer b has an amount in EUR",
                assertThrows(IllegalArgumentException.class, () -> builder.order("b", AS_OF, Money.of("1", "EUR")))
                        .getMessage());
        assertEquals(
                "customer a is already in the table",
                assertThrows(IllegalArgumentException.class, () -> builder.add("a", 1, 1, 0))
                        .getMessage());
        assertEquals(
                "orders of customer z must be from 1 to 4294967296 but were 0",
                assertThrows(IllegalArgumentException.class, () -> builder.add("z", 1, 0, 0))
                        .getMessage());
        assertEquals(
                "recency of customer z must be zero or more days back from 2025-03-01T06:00:00Z but was -1",
                assertThrows(IllegalArgumentException.class, () -> builder.add("z", -1, 1, 0))
                        .getMessage());
        assertEquals(
                "revenue of customer z must be from 0 to 9007199254740992 minor units but 0 + -5 is not",
                assertThrows(IllegalArgumentException.class, () -> builder.add("z", 1, 1, -5))
                        .getMessage());
    }
}
