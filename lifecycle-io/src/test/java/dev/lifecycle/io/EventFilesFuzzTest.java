package dev.lifecycle.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.lifecycle.core.Money;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Coverage-guided fuzzing of the event file reader, CSV and CDNOW, both of its paths. The contract: any file ends,
 * within a time bound, in a read file or in the documented refusal of the whole file (an {@link
 * IllegalArgumentException} with a message); a read file's counts reconcile and its rejections are in line order, each
 * with a reason; and {@link EventFileReader#readBatch(java.io.InputStream, String)} reads what {@link
 * EventFileReader#read(java.io.InputStream, String)} reads (the same refusal, or the same rows used and rejected with
 * the same lines and reasons and the same events, as {@link BatchReadingProperties} checks on generated files), but
 * for its documented bound: an amount of more minor units than a {@code long} holds, which {@code read} accepts up to
 * 10<sup>18</sup> major units, is a batch's rejection that says so. The
 * mapping is one of {@link BatchReadingProperties#mapping(int)}'s and the delimiter one of the four the reader takes,
 * both chosen by the fuzzer. Its regression inputs (under {@code EventFilesFuzzTestInputs} in the test resources) run
 * in every build; {@code JAZZER_FUZZ=1} fuzzes it (docs/quality.md).
 */
final class EventFilesFuzzTest {
    /** The most a file may take to read both ways, even on a loaded machine. */
    private static final Duration BOUND = Duration.ofSeconds(5);

    private static final char[] DELIMITERS = {',', ';', '\t', '|'};

    /** What the message of a row rejected for a bound of the batch says (an amount or CDNOW day total in a long). */
    private static final String BATCH_BOUND = "event batch";

    /** What the message of a CDNOW row rejected for its day's total says, either way. */
    private static final String DAY_TOTAL = "the day's total";

    /** The amount such a message names, when the row's own amount is beyond the bound. */
    private static final Pattern BATCH_BOUND_AMOUNT = Pattern.compile("amount (\\S+) (\\w+) has more minor units");

    @FuzzTest(maxDuration = "5m")
    void anyFile_readsTheSameAsObjectsAndAsABatch(FuzzedDataProvider data) {
        EventMapping mapping = BatchReadingProperties.mapping(data.consumeInt(0, 5));
        char delimiter = DELIMITERS[data.consumeInt(0, DELIMITERS.length - 1)];
        byte[] file = data.consumeRemainingAsBytes();
        EventFileReader reader = EventFileReader.create().withMapping(mapping).withDelimiter(delimiter);
        long start = System.nanoTime();
        Object objects = BatchReadingProperties.read(reader, file, false);
        Object batch = BatchReadingProperties.read(reader, file, true);
        long took = System.nanoTime() - start;
        // an amount that read keeps beyond a long of minor units is always a row the batch rejects for its bound
        if (objects instanceof EventFile read && metABound((EventBatchFile) batch)) {
            assertBatchBoundMet(read, (EventBatchFile) batch);
        } else {
            BatchReadingProperties.assertSame(objects, batch, mapping);
        }
        if (objects instanceof String refusal) {
            assertFalse(refusal.isBlank(), "a refusal says why");
        } else {
            EventFile read = (EventFile) objects;
            long line = 1;
            for (Rejection rejection : read.rejections()) {
                assertTrue(rejection.line() > line, () -> "rejections in line order after the header: " + rejection);
                assertFalse(rejection.reason().isBlank(), () -> "a rejection says why: " + rejection);
                line = rejection.line();
            }
        }
        assertTrue(took < BOUND.toNanos(), () -> "took " + Duration.ofNanos(took) + " for " + file.length + " bytes");
    }

    /**
     * Tells whether the batch rejected a row for its bound. An amount it names must be beyond a {@code long} of minor
     * units indeed; a CDNOW day's total is beyond it when its rows are added in file order, which {@code read}, whose
     * bound is 10<sup>18</sup> major units, may have rejected for its own.
     */
    private static boolean metABound(EventBatchFile batch) {
        boolean met = false;
        for (Rejection rejection : batch.rejections()) {
            if (rejection.reason().contains(BATCH_BOUND)) {
                met = true;
                Matcher amount = BATCH_BOUND_AMOUNT.matcher(rejection.reason());
                if (amount.lookingAt()) {
                    assertTrue(
                            Money.of(amount.group(1), amount.group(2))
                                            .amount()
                                            .unscaledValue()
                                            .bitLength()
                                    > Long.SIZE - 1,
                            () -> "beyond a long: " + rejection);
                }
            }
        }
        return met;
    }

    /**
     * The documented difference where an amount does not fit a batch: both read the same rows, and a line rejected one
     * way but not the other, or for other reasons, is the batch's bound (the batch rejects it saying so) or a CDNOW
     * day's total (once the batch has rejected a row of a day for its bound, the day's later rows add up to another
     * total, which may stay within {@code read}'s bound where {@code read}'s broke it, or the other way round).
     */
    private static void assertBatchBoundMet(EventFile read, EventBatchFile batch) {
        assertEquals(read.rowsRead(), batch.rowsRead());
        Map<Long, String> batchReasons = new HashMap<>();
        batch.rejections().forEach(rejection -> batchReasons.put(rejection.line(), rejection.reason()));
        Map<Long, String> readReasons = new HashMap<>();
        read.rejections().forEach(rejection -> readReasons.put(rejection.line(), rejection.reason()));
        Set<Long> lines = new TreeSet<>(batchReasons.keySet());
        lines.addAll(readReasons.keySet());
        for (long line : lines) {
            String inBatch = batchReasons.get(line);
            String inRead = readReasons.get(line);
            assertTrue(
                    Objects.equals(inBatch, inRead)
                            || (inBatch != null && inBatch.contains(BATCH_BOUND))
                            || (inRead != null && inRead.contains(DAY_TOTAL))
                            || (inBatch != null && inBatch.contains(DAY_TOTAL)),
                    () -> "line " + line + ": '" + inBatch + "' in the batch against '" + inRead + "' read");
        }
    }
}
