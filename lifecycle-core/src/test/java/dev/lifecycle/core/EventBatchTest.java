package dev.lifecycle.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Currency;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Building, wrapping and reading an event batch, and every input it refuses with the rule named. */
final class EventBatchTest {
    private static final Currency USD = Currency.getInstance("USD");
    private static final Currency EUR = Currency.getInstance("EUR");
    private static final Instant AT = Instant.parse("2024-03-01T10:15:30Z");
    private static final long SECOND = AT.getEpochSecond();

    @Test
    void builder_numbersCustomersInOrderOfFirstSight_andKeepsEveryColumn() {
        EventBatch.Builder builder = EventBatch.builder();
        int ann = builder.customer("ann");
        int bob = builder.customer("bob");
        assertEquals(0, ann);
        assertEquals(1, bob);
        assertEquals(ann, builder.customer("ann"));
        builder.add(bob, EventType.SITE_VISIT, SECOND, 5)
                .purchase(ann, SECOND + 1, 0, 1999, USD)
                .refund(ann, SECOND + 2, 0, 500, EUR)
                .npsAnswer(bob, SECOND + 3, 0, 9)
                .custom(ann, "webinar", SECOND + 4, 0);
        EventBatch batch = builder.build();

        assertEquals(5, batch.size());
        assertEquals(2, batch.customerCount());
        assertEquals("bob", batch.customerId(batch.customer(0)));
        assertEquals(EventType.SITE_VISIT, batch.type(0));
        assertEquals(AT.plusNanos(5), batch.timestamp(0));
        assertEquals(5, batch.nano(0));
        assertEquals(Money.of("19.99", "USD"), batch.amountOrNull(1));
        assertEquals(1999, batch.amountMinorUnits(1));
        assertEquals(USD, batch.currency(1));
        assertEquals(Money.of("5.00", "EUR"), batch.amountOrNull(2));
        assertEquals(EventBatch.NO_AMOUNT, batch.amountMinorUnits(0));
        assertNull(batch.currency(0));
        assertEquals(9, batch.npsScore(3));
        assertEquals(-1, batch.npsScore(0));
        assertEquals("webinar", batch.customType(4));
        assertNull(batch.eventId(0));
        assertEquals(EventType.CUSTOM.ordinal(), batch.typeOrdinal(4));
    }

    @Test
    void builder_refusesBadValues_namingTheRowAndTheRule() {
        EventBatch.Builder builder = EventBatch.builder();
        int ann = builder.customer("ann");

        assertMessage("customer code 3", () -> builder.add(3, EventType.SITE_VISIT, SECOND, 0));
        assertMessage("a score: use npsAnswer", () -> builder.add(ann, EventType.NPS_ANSWER, SECOND, 0));
        assertMessage("a name: use custom", () -> builder.add(ann, EventType.CUSTOM, SECOND, 0));
        assertMessage("instants must lie from", () -> builder.add(ann, EventType.SITE_VISIT, Long.MAX_VALUE, 0));
        assertMessage("0..999999999 ns", () -> builder.add(ann, EventType.SITE_VISIT, SECOND, 1_000_000_000));
        assertMessage("must not be negative", () -> builder.purchase(ann, SECOND, 0, -1, USD));
        assertMessage("scores lie in 0..10", () -> builder.npsAnswer(ann, SECOND, 0, 11));
        assertMessage("customerId", () -> builder.customer(" "));
        assertEquals(0, builder.size(), "nothing added by a refused call");
        assertEquals(1, builder.customerCount(), "a refused id is not numbered");
        assertMessage(
                "at most 18 digits",
                () -> builder.purchase(ann, SECOND, 0, 1_000_000_000_000_000_000L, Currency.getInstance("JPY")));
    }

    @Test
    void builder_keepsEveryCurrencyTheJdkKnows_andRefusesUseAfterBuild() {
        EventBatch.Builder builder = EventBatch.builder();
        int ann = builder.customer("ann");
        List<Currency> currencies = Currency.getAvailableCurrencies().stream()
                .sorted((a, b) -> a.getCurrencyCode().compareTo(b.getCurrencyCode()))
                .toList();
        assertTrue(currencies.size() <= EventBatch.MAX_CURRENCIES, "a byte per amount names any currency");
        for (Currency currency : currencies) {
            builder.purchase(ann, SECOND, 0, 1, currency);
        }
        EventBatch batch = builder.build();
        for (int row = 0; row < currencies.size(); row++) {
            assertEquals(currencies.get(row), batch.currency(row));
        }
        assertThrows(IllegalStateException.class, builder::build);
        assertThrows(IllegalStateException.class, () -> builder.add(ann, EventType.SITE_VISIT, SECOND, 0));
    }

    @Test
    void wrap_readsTheCallersArrays_andChecksEveryRow() {
        String[] ids = {"ann", "bob"};
        int[] customers = {1, 0, 1};
        byte[] types = {(byte) EventType.SITE_VISIT.ordinal(), (byte) EventType.PURCHASE.ordinal(), 0};
        long[] seconds = {SECOND, SECOND + 1, SECOND + 2};
        long[] amounts = {EventBatch.NO_AMOUNT, 2500, EventBatch.NO_AMOUNT};

        EventBatch batch = EventBatch.wrap(ids, customers, types, seconds, amounts, USD, 2);

        assertEquals(2, batch.size());
        assertEquals("bob", batch.customerId(batch.customer(0)));
        assertEquals(Money.of("25", "USD"), batch.amountOrNull(1));
        assertEquals(
                CustomerProfile.fromEvents("ann", List.of(batch.event(1))),
                ProfileTable.fromEvents(batch).profile(0));

        assertMessage(
                "distinct", () -> EventBatch.wrap(new String[] {"a", "a"}, customers, types, seconds, null, null, 0));
        assertMessage(
                "event 0 has customer code 1",
                () -> EventBatch.wrap(new String[] {"a"}, customers, types, seconds, null, null, 1));
        assertMessage(
                "NPS_ANSWER and CUSTOM",
                () -> EventBatch.wrap(
                        ids, customers, new byte[] {(byte) EventType.CUSTOM.ordinal()}, seconds, null, null, 1));
        assertMessage("at least size (4)", () -> EventBatch.wrap(ids, customers, types, seconds, null, null, 4));
        // each column shorter than the size on its own is refused by name, before any row is read
        int[] longCustomers = {1, 0, 1, 0};
        byte[] longTypes = {0, 0, 0, 0};
        long[] longSeconds = {SECOND, SECOND, SECOND, SECOND};
        long[] longAmounts = {EventBatch.NO_AMOUNT, EventBatch.NO_AMOUNT, EventBatch.NO_AMOUNT, EventBatch.NO_AMOUNT};
        assertMessage(
                "customers must have at least size (4) entries but has 3",
                () -> EventBatch.wrap(ids, customers, longTypes, longSeconds, longAmounts, USD, 4));
        assertMessage(
                "types must have at least size (4) entries but has 3",
                () -> EventBatch.wrap(ids, longCustomers, types, longSeconds, longAmounts, USD, 4));
        assertMessage(
                "epochSeconds must have at least size (4) entries but has 3",
                () -> EventBatch.wrap(ids, longCustomers, longTypes, seconds, longAmounts, USD, 4));
        assertMessage(
                "amountMinorUnits must have at least size (4) entries but has 3",
                () -> EventBatch.wrap(ids, longCustomers, longTypes, longSeconds, amounts, USD, 4));
        assertMessage(
                "only PURCHASE and REFUND",
                () -> EventBatch.wrap(ids, customers, types, seconds, new long[] {1, 1, 1}, USD, 3));
        assertThrows(
                NullPointerException.class, () -> EventBatch.wrap(ids, customers, types, seconds, amounts, null, 3));
    }

    @Test
    void aTieOfNpsAnswers_goesToTheGreaterId_thenToTheLaterRowWithoutIds() {
        CustomerEvent withId = CustomerEvent.builder("ann", EventType.NPS_ANSWER, AT)
                .npsScore(3)
                .eventId("b")
                .build();
        CustomerEvent lesserId = withId.toBuilder().npsScore(10).eventId("a").build();
        EventBatch.Builder builder = EventBatch.builder();
        builder.add(withId).add(lesserId);
        int ann = builder.customer("ann");
        builder.npsAnswer(ann, SECOND, 0, 7);
        ProfileTable table = ProfileTable.fromEvents(builder.build());
        assertEquals(3, table.profile(0).lastNpsScore().orElseThrow(), "an id wins over none, the greater id over a");

        EventBatch.Builder noIds = EventBatch.builder();
        int bob = noIds.customer("bob");
        noIds.npsAnswer(bob, SECOND, 0, 2).npsAnswer(bob, SECOND, 0, 8).npsAnswer(bob, SECOND - 1, 0, 0);
        assertEquals(
                8,
                ProfileTable.fromEvents(noIds.build()).profile(0).lastNpsScore().orElseThrow());
    }

    @Test
    void of_refusesAnAmountWithMoreMinorUnitsThanALong() {
        CustomerEvent huge = CustomerEvent.builder("ann", EventType.PURCHASE, AT)
                .amount(Money.of("99999999999999999.99", "USD"))
                .build();
        assertMessage("more minor units than a batch keeps", () -> EventBatch.of(List.of(huge)));
        assertTrue(
                Money.of("99999999999999999.99", "USD").amount().unscaledValue().bitLength() > 63);
    }

    @Test
    void addAll_ofParts_equalsTheBatchBuiltRowByRow() {
        java.util.Random random = new java.util.Random(7);
        String[] customers = {"ann", "bob", "cy", "dee", "eve"};
        Currency[] currencies = {USD, EUR, Currency.getInstance("JPY")};
        List<CustomerEvent> events = new java.util.ArrayList<>();
        for (int i = 0; i < 60; i++) {
            String customer = customers[random.nextInt(customers.length)];
            Instant at = AT.plusSeconds(random.nextInt(1000)).plusNanos(random.nextInt(3) == 0 ? 7 : 0);
            int kind = random.nextInt(5);
            CustomerEvent.Builder event = switch (kind) {
                case 0 ->
                    CustomerEvent.builder(customer, EventType.PURCHASE, at)
                            .amount(Money.ofMinorUnits(100 + i, currencies[random.nextInt(3)]));
                case 1 ->
                    CustomerEvent.builder(customer, EventType.NPS_ANSWER, at).npsScore(random.nextInt(11));
                case 2 -> CustomerEvent.builder(customer, EventType.CUSTOM, at).customType("t" + random.nextInt(3));
                case 3 ->
                    CustomerEvent.builder(customer, EventType.SITE_VISIT, at).attribute("x", i);
                default -> CustomerEvent.builder(customer, EventType.REFUND, at);
            };
            events.add(event.eventId("e" + i).build());
        }
        EventBatch whole = EventBatch.of(events);
        for (int split = 0; split <= events.size(); split += 7) {
            EventBatch.Builder joined = EventBatch.builder();
            joined.addAll(EventBatch.of(events.subList(0, split)));
            joined.addAll(EventBatch.of(events.subList(split, events.size())));
            EventBatch batch = joined.build();
            assertEquals(whole.events(), batch.events());
            assertEquals(whole.customerCount(), batch.customerCount());
            for (int code = 0; code < whole.customerCount(); code++) {
                assertEquals(whole.customerId(code), batch.customerId(code));
            }
            assertEquals(
                    whole.upTo(AT.plusSeconds(500)).events(),
                    batch.upTo(AT.plusSeconds(500)).events());
        }
    }

    @Test
    void addAll_ofRanges_leavesRowsOutAndNumbersCustomersAtTheirFirstRowKept() {
        EventBatch.Builder builder = EventBatch.builder();
        int ann = builder.customer("ann");
        int bob = builder.customer("bob");
        int cy = builder.customer("cy");
        builder.add(ann, EventType.SITE_VISIT, SECOND, 0)
                .add(bob, EventType.SITE_VISIT, SECOND + 1, 0)
                .purchase(cy, SECOND + 2, 0, 5, EUR)
                .add(ann, EventType.SIGN_UP, SECOND + 3, 0);
        EventBatch part = builder.build();

        EventBatch.Builder joined = EventBatch.builder();
        joined.customer("dan");
        joined.addAll(part, 1, 1).addAll(part, 2, 3).addAll(part, 3, 4);
        EventBatch batch = joined.build();

        assertEquals(2, batch.size());
        assertEquals(
                List.of("dan", "cy", "ann"), List.of(batch.customerId(0), batch.customerId(1), batch.customerId(2)));
        assertEquals(part.event(2).withEventId("x"), batch.event(0).withEventId("x"));
        assertEquals(EventType.SIGN_UP, batch.type(1));
        assertEquals(2, batch.customer(1));
        assertThrows(IndexOutOfBoundsException.class, () -> EventBatch.builder().addAll(part, 3, 5));
    }

    @Test
    @SuppressWarnings("NullAway") // the test passes null on purpose
    void eventId_setsTheIdOfTheEventAddedLast() {
        EventBatch.Builder builder = EventBatch.builder();
        assertThrows(IllegalStateException.class, () -> builder.eventId("o1"));
        int ann = builder.customer("ann");
        builder.add(ann, EventType.SITE_VISIT, SECOND, 0)
                .purchase(ann, SECOND + 1, 0, 5, USD)
                .eventId("o2");
        assertMessage("eventId", () -> builder.eventId(" "));
        assertThrows(NullPointerException.class, () -> builder.eventId(null));
        EventBatch batch = builder.build();

        assertNull(batch.eventId(0));
        assertEquals("o2", batch.eventId(1));
        assertEquals(
                CustomerEvent.builder("ann", EventType.PURCHASE, AT.plusSeconds(1))
                        .eventId("o2")
                        .amount(Money.ofMinorUnits(5, USD))
                        .build(),
                batch.event(1));
    }

    private static void assertMessage(String part, org.junit.jupiter.api.function.Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(
                String.valueOf(e.getMessage()).contains(part),
                () -> "'" + e.getMessage() + "' should contain '" + part + "'");
    }
}
