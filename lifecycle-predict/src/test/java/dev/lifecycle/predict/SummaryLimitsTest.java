package dev.lifecycle.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lifecycle.core.CustomerEvent;
import dev.lifecycle.core.EventType;
import dev.lifecycle.core.Money;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Hostile summaries and purchases are refused naming the customer, the value and the rule. */
final class SummaryLimitsTest {
    private static CustomerSummaries.Builder builder() {
        return CustomerSummaries.builder(SummaryOptions.through(LocalDate.EPOCH));
    }

    private static String refused(Runnable action) {
        return String.valueOf(
                assertThrows(IllegalArgumentException.class, action::run).getMessage());
    }

    @Test
    void add_valuesOutsideTheirRules_refused() {
        assertEquals(
                "customer 'c': frequency must be between 0 and 100000 but was 100001",
                refused(() -> builder().add("c", 100_001, 1, 2, 1)));
        assertEquals(
                "customer 'c': age must be between 0 and 1000000.0 but was NaN",
                refused(() -> builder().add("c", 1, 1, Double.NaN, 1)));
        assertEquals(
                "customer 'c': age must be between 0 and 1000000.0 but was 1.0E300",
                refused(() -> builder().add("c", 1, 1, 1e300, 1)));
        assertEquals(
                "customer 'c': recency must be between 0 and the age 2.0 but was 3.0",
                refused(() -> builder().add("c", 1, 3, 2, 1)));
        assertEquals(
                "customer 'c': mean repeat value must be between 0 and 1.0E15 but was Infinity",
                refused(() -> builder().add("c", 1, 1, 2, Double.POSITIVE_INFINITY)));
        assertEquals(
                "customer 'c': recency must be 0 without repeat purchases but was 1.0",
                refused(() -> builder().add("c", 0, 1, 2, 0)));
        assertEquals(
                "customer 'c': added twice",
                refused(() -> builder().add("c", 0, 0, 2, 0).add("c", 0, 0, 2, 0)));
        assertEquals("customer id must not be blank", refused(() -> builder().add(" ", 0, 0, 2, 0)));
    }

    @Test
    void fromEvents_amountsOverflowingALong_refusedNamingTheCustomer() {
        Instant first = Instant.parse("1969-01-01T00:00:00Z");
        Money huge = Money.of("900000000000000000", "JPY");
        List<CustomerEvent> events = List.of(
                CustomerEvent.builder("c", EventType.PURCHASE, first).build(),
                CustomerEvent.builder("c", EventType.PURCHASE, first.plusSeconds(86_400))
                        .amount(huge)
                        .build(),
                CustomerEvent.builder("c", EventType.PURCHASE, first.plusSeconds(2 * 86_400))
                        .amount(huge)
                        .build(),
                CustomerEvent.builder("c", EventType.PURCHASE, first.plusSeconds(3 * 86_400))
                        .amount(huge)
                        .build(),
                CustomerEvent.builder("c", EventType.PURCHASE, first.plusSeconds(4 * 86_400))
                        .amount(huge)
                        .build(),
                CustomerEvent.builder("c", EventType.PURCHASE, first.plusSeconds(5 * 86_400))
                        .amount(huge)
                        .build(),
                CustomerEvent.builder("c", EventType.PURCHASE, first.plusSeconds(6 * 86_400))
                        .amount(huge)
                        .build(),
                CustomerEvent.builder("c", EventType.PURCHASE, first.plusSeconds(7 * 86_400))
                        .amount(huge)
                        .build(),
                CustomerEvent.builder("c", EventType.PURCHASE, first.plusSeconds(8 * 86_400))
                        .amount(huge)
                        .build(),
                CustomerEvent.builder("c", EventType.PURCHASE, first.plusSeconds(9 * 86_400))
                        .amount(huge)
                        .build(),
                CustomerEvent.builder("c", EventType.PURCHASE, first.plusSeconds(10 * 86_400))
                        .amount(huge)
                        .build(),
                CustomerEvent.builder("c", EventType.PURCHASE, first.plusSeconds(11 * 86_400))
                        .amount(huge)
                        .build());
        assertEquals(
                "customer 'c': the amounts of the repeat purchases exceed 9223372036854775807 minor units",
                refused(() -> CustomerSummaries.fromEvents(events, SummaryOptions.through(LocalDate.EPOCH))));
    }

    @Test
    void fromEvents_twoCurrencies_refused() {
        Instant at = Instant.parse("1969-06-01T00:00:00Z");
        List<CustomerEvent> events = List.of(
                CustomerEvent.builder("a", EventType.PURCHASE, at)
                        .amount(Money.of("1.00", "USD"))
                        .build(),
                CustomerEvent.builder("b", EventType.PURCHASE, at)
                        .amount(Money.of("1.00", "EUR"))
                        .build());
        assertEquals(
                "summaries hold amounts in one currency, USD, but customer 'b' paid in EUR",
                refused(() -> CustomerSummaries.fromEvents(events, SummaryOptions.through(LocalDate.EPOCH))));
    }
}
