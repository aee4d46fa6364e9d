package dev.lifecycle.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.common.testing.EqualsTester;
import com.google.common.testing.NullPointerTester;
import dev.lifecycle.core.CustomerEvent;
import dev.lifecycle.core.EventType;
import dev.lifecycle.core.Money;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class EventMappingTest {
    private static final EventMapping ORDERS = EventMapping.builder()
            .customerId("customer")
            .timestamp("created_at")
            .constantType(EventType.PURCHASE)
            .amount("total")
            .currency("currency")
            .eventId("order_id")
            .build();

    private static final EventMapping ACTIVITY = EventMapping.builder()
            .customerId("user")
            .timestamp("at")
            .type("kind")
            .typeName("order", EventType.PURCHASE)
            .typeName("page_view", EventType.SITE_VISIT)
            .amount("value")
            .defaultCurrency("eur")
            .zone(ZoneId.of("Europe/Berlin"))
            .build();

    @Test
    void build_amountWithoutCurrency_refusedSayingHowToFix() {
        EventMapping.Builder builder =
                EventMapping.builder().customerId("c").timestamp("t").type("k").amount("total");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, builder::build);

        assertEquals(
                "amount column 'total' needs a currency: map a currency column (currency(column)) or give every row"
                        + " one (defaultCurrency(code)); amounts are never assumed to be US dollars",
                e.getMessage());
    }

    @Test
    void build_noType_refusedNamingBothWays() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> EventMapping.builder().customerId("c").timestamp("t").build());

        assertEquals(
                "the event type is not set: map a type column (type(column)) or give every row one type"
                        + " (constantType(type))",
                e.getMessage());
    }

    @Test
    void build_currencyWithoutAmount_refused() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> EventMapping.builder()
                        .customerId("c")
                        .timestamp("t")
                        .type("k")
                        .defaultCurrency("EUR")
                        .build());

        assertEquals(
                "a currency (EUR) is set but no amount column: map the amount column (amount(column)) or drop the"
                        + " currency",
                e.getMessage());
    }

    @Test
    void builder_badValues_refusedWithTheRule() {
        EventMapping.Builder builder = EventMapping.builder();

        assertEquals(
                "constantType cannot be NPS_ANSWER, which needs a custom type name or an NPS score that a row does"
                        + " not carry; it can be one of " + EventMapping.rowTypes(),
                assertThrows(IllegalArgumentException.class, () -> builder.constantType(EventType.NPS_ANSWER))
                        .getMessage());
        assertEquals(
                "defaultCurrency must be an ISO 4217 code such as EUR but was 'EURO'",
                assertThrows(IllegalArgumentException.class, () -> builder.defaultCurrency("EURO"))
                        .getMessage());
        assertEquals(
                "customerId must not be blank",
                assertThrows(IllegalArgumentException.class, () -> builder.customerId(" "))
                        .getMessage());
        builder.typeName("Order", EventType.PURCHASE);
        assertEquals(
                "type name 'ORDER' maps to PURCHASE already and cannot map to REFUND too (names are matched in any"
                        + " case)",
                assertThrows(IllegalArgumentException.class, () -> builder.typeName("ORDER", EventType.REFUND))
                        .getMessage());
    }

    @Test
    void map_messageFields_eventByTheMappingsRules() {
        RowResult result = ORDERS.map(
                Map.of(
                        "ORDER_ID", "o-17",
                        "customer", " ada ",
                        "created_at", "2024-03-01 10:15:30",
                        "total", "1000.00",
                        "currency", "eur",
                        "coupon", "SPRING"),
                "orders",
                5);

        assertEquals(
                new RowResult.Accepted(
                        CustomerEvent.builder("ada", EventType.PURCHASE, Instant.parse("2024-03-01T10:15:30Z"))
                                .eventId("o-17")
                                .amount(Money.of("1000.00", "EUR"))
                                .build()),
                result);
    }

    @Test
    void map_typeNamesAndZone_localTimesInTheZoneAndIdsGenerated() {
        RowResult order = ACTIVITY.map(
                Map.of("user", "u1", "kind", "ORDER", "at", "2024-07-01T12:00", "value", "9.5"), "clicks", 41);
        RowResult visit =
                ACTIVITY.map(Map.of("user", "u1", "kind", "Page_View", "at", "2024-01-15", "value", ""), "clicks", 42);

        assertEquals(
                new RowResult.Accepted(
                        CustomerEvent.builder("u1", EventType.PURCHASE, Instant.parse("2024-07-01T10:00:00Z"))
                                .eventId("clicks-41")
                                .amount(Money.of("9.50", "EUR"))
                                .build()),
                order);
        assertEquals(
                new RowResult.Accepted(
                        CustomerEvent.builder("u1", EventType.SITE_VISIT, Instant.parse("2024-01-14T23:00:00Z"))
                                .eventId("clicks-42")
                                .build()),
                visit);
    }

    @Test
    void map_badRows_rejectedNamingTheColumnTheRuleAndTheValue() {
        Map<String, String> good = Map.of("user", "u1", "kind", "order", "at", "2024-07-01T12:00:00Z", "value", "1");

        assertEquals(
                new RowResult.Rejected("kind must be one of the mapped names [order, page_view] or one of "
                        + EventMapping.rowTypes() + " (in any case) but was 'click'"),
                ACTIVITY.map(with(good, "kind", "click"), "s", 1));
        assertEquals(
                new RowResult.Rejected("value: amount must be a decimal number but was '1,000.00' (write amounts"
                        + " without thousands separators, with '.' as the decimal point)"),
                ACTIVITY.map(with(good, "value", "1,000.00"), "s", 1));
        assertEquals(
                new RowResult.Rejected("at must lie between 1678-01-01T00:00:00Z (inclusive) and"
                        + " 2262-01-01T00:00:00Z (exclusive) but was 2262-01-01T00:00:00Z"),
                ACTIVITY.map(with(good, "at", "2262-01-01T00:00:00Z"), "s", 1));
        assertEquals(
                new RowResult.Rejected("at must be an ISO-8601 instant such as 2024-03-01T10:15:30Z, a local date-time"
                        + " such as 2024-03-01 10:15:30 (in Europe/Berlin) or a day yyyy-MM-dd but was"
                        + " '01.07.2024'"),
                ACTIVITY.map(with(good, "at", "01.07.2024"), "s", 1));
        assertEquals(new RowResult.Rejected("user must not be blank"), ACTIVITY.map(with(good, "user", " "), "s", 1));
        Map<String, String> missing = new HashMap<>(good);
        missing.remove("at");
        assertEquals(
                new RowResult.Rejected("the row lacks the mapped field 'at' (timestamp); it has "
                        + missing.keySet().stream()
                                .map(k -> "'" + k + "'")
                                .toList()
                                .toString()
                                .replace("[", "[")),
                ACTIVITY.map(missing, "s", 1));
    }

    @Test
    void map_currencyColumn_emptyOrUnknownCodeOnARowWithAnAmountRejected() {
        Map<String, String> row =
                Map.of("order_id", "o1", "customer", "c", "created_at", "2024-03-01", "total", "5.00", "currency", "");

        assertEquals(
                new RowResult.Rejected(
                        "currency must be an ISO 4217 code such as EUR for the amount '5.00' but was" + " empty"),
                ORDERS.map(row, "s", 1));
        assertEquals(
                new RowResult.Rejected("currency must be an ISO 4217 code such as EUR but was 'EURO'"),
                ORDERS.map(with(row, "currency", "EURO"), "s", 1));
    }

    @Test
    void defaults_areTheLibrarysHeaderWithUsDollars() {
        assertEquals(
                Map.of("customer id", "customer_id", "timestamp", "timestamp", "type", "type", "amount", "amount"),
                EventMapping.defaults().columns());
        assertEquals(
                "customer id <- customer_id, timestamp <- timestamp (UTC), type <- type, amount <- amount, currency USD"
                        + " for every row, event id <source>-<row>",
                EventMapping.defaults().toString());
    }

    @Test
    void equality_byValue_andToBuilderRoundTrips() {
        new EqualsTester()
                .addEqualityGroup(ORDERS, ORDERS.toBuilder().build())
                .addEqualityGroup(ACTIVITY, ACTIVITY.toBuilder().build())
                .addEqualityGroup(ORDERS.toBuilder().defaultCurrency("EUR").build())
                .addEqualityGroup(ACTIVITY.toBuilder().zone(ZoneId.of("UTC")).build())
                .testEquals();
    }

    @Test
    void nulls_refusedByEveryPublicMethod() {
        NullPointerTester tester = new NullPointerTester().setDefault(EventType.class, EventType.PURCHASE);
        tester.testAllPublicStaticMethods(EventMapping.class);
        tester.testAllPublicInstanceMethods(ORDERS);
        tester.testAllPublicInstanceMethods(EventMapping.builder());
        tester.testAllPublicInstanceMethods(EventFileReader.create());
        tester.testAllPublicConstructors(EventFile.class);
        tester.testAllPublicConstructors(Rejection.class);
        tester.testAllPublicConstructors(RowResult.Accepted.class);
        tester.testAllPublicConstructors(RowResult.Rejected.class);
        tester.testAllPublicStaticMethods(IoProblem.class);
    }

    private static Map<String, String> with(Map<String, String> row, String field, String value) {
        Map<String, String> copy = new HashMap<>(row);
        copy.put(field, value);
        return copy;
    }
}
