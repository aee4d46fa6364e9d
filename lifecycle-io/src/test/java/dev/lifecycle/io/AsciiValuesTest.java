package dev.lifecycle.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.quicktheories.QuickTheory.qt;

import dev.lifecycle.core.Money;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import org.quicktheories.generators.SourceDSL;

/**
 * The byte path reads a value exactly as the text path does, or leaves it: for random amounts and timestamps, what
 * {@link AsciiValues} reads equals what {@link Money#of} and {@link EventMapping#parseInstant} give, and the common
 * forms are read, not left.
 */
final class AsciiValuesTest {

    @Test
    void minorUnits_randomDecimals_readExactlyAsMoneyOrLeftToIt() {
        Gen<String> chars = Generate.pick(List.of("0", "1", "5", "9", ".", "-", "+", "e", "0", "0", "7"));
        qt().withExamples(20_000)
                .forAll(
                        SourceDSL.lists().of(chars).ofSizeBetween(0, 22).map(list -> String.join("", list)),
                        Generate.pick(List.of("USD", "JPY", "BHD")))
                .checkAssert((text, code) -> {
                    byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
                    int places = java.util.Currency.getInstance(code).getDefaultFractionDigits();
                    long units = AsciiValues.minorUnits(bytes, 0, bytes.length, places);
                    if (units != AsciiValues.NOT_READ) {
                        assertEquals(Money.of(text, code).minorUnits(), units, text);
                    }
                });
    }

    @Test
    void minorUnits_commonForms_read() {
        assertEquals(1999, units("19.99", 2));
        assertEquals(1900, units("19", 2));
        assertEquals(1990, units("19.9", 2));
        assertEquals(50, units(".5", 2));
        assertEquals(500, units("5.", 2));
        assertEquals(123, units("1.2300", 2));
        assertEquals(500, units("500", 0));
        assertEquals(AsciiValues.NOT_READ, units("1.234", 2), "a third decimal place is the text path's rejection");
        assertEquals(AsciiValues.NOT_READ, units("-1", 2));
        assertEquals(AsciiValues.NOT_READ, units(".", 2));
        assertEquals(123456789012345600L, units("1234567890123456", 2), "18 digits of minor units");
        assertEquals(AsciiValues.NOT_READ, units("12345678901234567", 2), "more digits than the byte path reads");
        // found by AsciiValuesFuzzTest: 15 digits times 10^4 wrapped around a long for a currency of four places
        assertEquals(AsciiValues.NOT_READ, units("999999999999999.99", 4), "more digits than a long of minor units");
        assertEquals(99_999_999_999_999_9999L, units("99999999999999.9999", 4));
    }

    @Test
    void epochNanos_randomTimestamps_readExactlyAsTheMappingOrLeftToIt() {
        Gen<String> shapes = Generate.pick(List.of(
                "2024-03-01",
                "2024-02-29",
                "2023-02-29",
                "2024-04-31",
                "2024-03-01T10:15:30Z",
                "2024-03-01 10:15:30",
                "2024-03-01T10:15",
                "2024-03-01T23:59:59.999999999Z",
                "2024-03-01T10:15:30.5",
                "2024-03-01T10:15:30.Z",
                "2024-03-01T24:00:00Z",
                "2024-03-01T23:59:60Z",
                "1678-01-01",
                "1677-12-31T23:59:59Z",
                "2262-01-01",
                "2261-12-31T23:59:59Z",
                "2024-03-01T10:15:30+01:00",
                "2024-13-01",
                "2024-00-10",
                "0000-01-01"));
        Gen<Integer> digitChanges = SourceDSL.integers().between(0, 9);
        Gen<ZoneId> zones = Generate.pick(List.of(ZoneOffset.UTC, ZoneId.of("UTC"), ZoneOffset.ofHours(-7)));
        // one memo of the last day for all examples, as a reader keeps one for all its rows
        AsciiValues.LastDay last = new AsciiValues.LastDay();
        qt().withExamples(5_000)
                .forAll(shapes, SourceDSL.integers().between(0, 29), digitChanges, zones)
                .checkAssert((shape, at, digit, zone) -> {
                    char[] chars = shape.toCharArray();
                    if (at < chars.length && Character.isDigit(chars[at])) {
                        chars[at] = (char) ('0' + digit);
                    }
                    String text = new String(chars);
                    byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
                    long offset = zone.getRules().getOffset(Instant.EPOCH).getTotalSeconds();
                    long nanos = AsciiValues.epochNanos(bytes, 0, bytes.length, offset, last);
                    if (nanos != AsciiValues.NOT_READ) {
                        Instant expected = EventMapping.parseInstant(text, zone);
                        assertEquals(expected, Instant.ofEpochSecond(0, nanos), text);
                    }
                });
    }

    @Test
    void epochNanos_commonForms_read() {
        for (String text : List.of(
                "2024-03-01",
                "2024-03-01T10:15:30Z",
                "2024-03-01T10:15:30.123Z",
                "2024-03-01 10:15:30",
                "2024-03-01T10:15",
                "2024-03-01T10:15:30.123456")) {
            byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
            long nanos = AsciiValues.epochNanos(bytes, 0, bytes.length, 0, new AsciiValues.LastDay());
            assertNotEquals(AsciiValues.NOT_READ, nanos, text);
            assertEquals(EventMapping.parseInstant(text, ZoneOffset.UTC), Instant.ofEpochSecond(0, nanos), text);
        }
        byte[] local = "2024-03-31T02:30:00".getBytes(StandardCharsets.US_ASCII);
        assertEquals(
                AsciiValues.NOT_READ,
                AsciiValues.epochNanos(local, 0, local.length, AsciiValues.NOT_READ, new AsciiValues.LastDay()),
                "a zone with daylight saving is the text path's");
    }

    @Test
    void epochNanos_rowsOfOneDay_readTheirDayOnceAndEveryOtherDayAgain() {
        AsciiValues.LastDay last = new AsciiValues.LastDay();
        for (String text : List.of(
                "2024-02-29T10:15:30Z",
                "2024-02-29T23:59:59Z",
                "2024-02-29",
                "2024-02-28T00:00:00Z",
                "2024-02-29 01:02:03",
                "2024-03-01T00:00:00Z",
                "2023-03-01T00:00:00Z",
                "2024-03-01T12:00:00Z")) {
            byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
            long nanos = AsciiValues.epochNanos(bytes, 0, bytes.length, 0, last);
            assertEquals(EventMapping.parseInstant(text, ZoneOffset.UTC), Instant.ofEpochSecond(0, nanos), text);
        }
        byte[] invalid = "2023-02-29T00:00:00Z".getBytes(StandardCharsets.US_ASCII);
        assertEquals(
                AsciiValues.NOT_READ,
                AsciiValues.epochNanos(invalid, 0, invalid.length, 0, last),
                "a day that does not exist is not read after valid ones");
        assertEquals(
                AsciiValues.NOT_READ,
                AsciiValues.epochNanos(invalid, 0, invalid.length, 0, last),
                "nor is it remembered");
        byte[] zeros = new byte[20];
        assertEquals(
                AsciiValues.NOT_READ,
                AsciiValues.epochNanos(zeros, 0, zeros.length, 0, new AsciiValues.LastDay()),
                "a fresh memo holds no day, not even one of zero bytes");
    }

    @Test
    void epochDay_everyDayOfTheSupportedYears_asLocalDate() {
        for (java.time.LocalDate day = java.time.LocalDate.of(1678, 1, 1);
                day.getYear() < 2262;
                day = day.plusDays(1)) {
            assertEquals(
                    day.toEpochDay(), AsciiValues.epochDay(day.getYear(), day.getMonthValue(), day.getDayOfMonth()));
        }
    }

    private static long units(String text, int places) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        return AsciiValues.minorUnits(bytes, 0, bytes.length, places);
    }
}
