package dev.lifecycle.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.lifecycle.core.Money;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.jspecify.annotations.Nullable;

/**
 * Coverage-guided fuzzing of the readers of amounts and instants: the text path ({@link Money#of(String, String)}, the
 * mapping's timestamp rule) and the byte path ({@link AsciiValues}) that {@link EventFileReader#readBatch} tries first.
 * The contract, for any text: the text path ends within a time bound in a value or in an {@link
 * IllegalArgumentException} with a message, nothing else; and where the byte path reads a value (of the stripped
 * ASCII bytes, as a reader gives them), it is the text path's value, exactly. Instants are read two at a time (the
 * text's first line, then the rest) through one {@link AsciiValues.LastDay}, as a reader reads its rows, so that the
 * memo of the last day is fuzzed too. Its
 * regression inputs (under {@code AsciiValuesFuzzTestInputs} in the test resources) run in every build; {@code
 * JAZZER_FUZZ=1} fuzzes it (docs/quality.md).
 */
final class AsciiValuesFuzzTest {
    /**
     * The most one value may take to read, even on a loaded machine: a reading takes microseconds, but a first call
     * that loads classes, or a pause of the collector, took a second on two cores shared with other builds.
     */
    private static final Duration BOUND = Duration.ofSeconds(5);

    /** Currencies of 2, 0, 3 and 4 decimal places. */
    private static final String[] CURRENCIES = {"USD", "JPY", "BHD", "CLF"};

    /** Zones of fixed offset (read on the byte path) and with daylight saving (left to the text path). */
    private static final ZoneId[] ZONES = {
        ZoneOffset.UTC, ZoneOffset.ofHoursMinutes(5, 30), ZoneOffset.ofHours(-7), ZoneId.of("Europe/Paris")
    };

    @FuzzTest(maxDuration = "5m")
    void anyAmount_readByTheTextPathAndAlikeByTheBytePath(FuzzedDataProvider data) {
        String code = CURRENCIES[data.consumeInt(0, CURRENCIES.length - 1)];
        String text = data.consumeRemainingAsString().strip();
        long start = System.nanoTime();
        Money money;
        try {
            money = Money.of(text, code);
        } catch (IllegalArgumentException e) {
            assertFalse(String.valueOf(e.getMessage()).isBlank(), "a refused amount says why");
            money = null;
        }
        assertWithinBound(start, text);
        byte[] ascii = ascii(text);
        if (ascii != null) {
            int places = java.util.Currency.getInstance(code).getDefaultFractionDigits();
            long units = AsciiValues.minorUnits(ascii, 0, ascii.length, places);
            if (units != AsciiValues.NOT_READ) {
                assertNotNull(money, () -> "the byte path read " + units + " from '" + text + "', refused as text");
                assertEquals(money.minorUnits(), units, text);
            }
        }
    }

    @FuzzTest(maxDuration = "5m")
    void anyTimestamps_readByTheTextPathAndAlikeByTheBytePath(FuzzedDataProvider data) {
        ZoneId zone = ZONES[data.consumeInt(0, ZONES.length - 1)];
        EventMapping mapping = EventMapping.defaults().toBuilder().zone(zone).build();
        long offset = AsciiValues.offsetSeconds(zone);
        AsciiValues.LastDay last = new AsciiValues.LastDay();
        for (String line : data.consumeRemainingAsString().split("\n", 2)) {
            String text = line.strip();
            long start = System.nanoTime();
            Instant instant;
            try {
                instant = mapping.instant(text);
            } catch (IllegalArgumentException e) {
                assertFalse(String.valueOf(e.getMessage()).isBlank(), "a refused timestamp says why");
                instant = null;
            }
            assertWithinBound(start, text);
            byte[] ascii = ascii(text);
            if (ascii != null) {
                long nanos = AsciiValues.epochNanos(ascii, 0, ascii.length, offset, last);
                if (nanos != AsciiValues.NOT_READ) {
                    assertEquals(instant, Instant.ofEpochSecond(0, nanos), () -> "'" + text + "' in " + zone);
                }
            }
        }
    }

    /** {@return the text's bytes if it is ASCII, as the byte path sees a value, or null: the text path reads it} */
    private static byte @Nullable [] ascii(String text) {
        return StandardCharsets.US_ASCII.newEncoder().canEncode(text) ? text.getBytes(StandardCharsets.US_ASCII) : null;
    }

    private static void assertWithinBound(long start, String text) {
        long took = System.nanoTime() - start;
        assertTrue(took < BOUND.toNanos(), () -> "took " + Duration.ofNanos(took) + " for " + text.length() + " chars");
    }
}
