package dev.lifecycle.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Coverage-guided fuzzing of the tracker's exported-state reader ({@link LifecycleTracker.Builder#restore}, which
 * reads with {@link TrackerStateCodec}). The contract: any text ends, within a time bound, in a restored tracker or in
 * the documented {@link IllegalArgumentException} whose message names the line; nothing else escapes. A restored
 * tracker shows what the state claims (its end line's customers and waiting events, its counters line's counts, a
 * history and a profile for every customer), and its state round-trips: exported, restored again and exported again,
 * the text is the same.
 *
 * <p>A random change to a state almost always just breaks its checksum, and one that adds or drops a waiting event
 * breaks the counters' reconciliation, so the last bytes of an input choose what the test does with the rest (Jazzer's
 * {@link FuzzedDataProvider} takes primitive values from the end): if the last byte is even, the rest is read as it
 * is; if odd, the rest is a state without its end line, and the test appends an end line with the counts and the
 * CRC-32 the reader computes; and then, if the byte before it is odd too, it first sets the counters line's received
 * count to the sum the reader checks it against. So the input reaches the checks behind the checksum. Its regression
 * inputs (under {@code TrackerStateFuzzTestInputs} in the test resources) run in every build; {@code JAZZER_FUZZ=1}
 * fuzzes it (docs/quality.md).
 */
final class TrackerStateFuzzTest {
    /** The most a state may take to read, export and read again, even on a loaded machine. */
    private static final Duration BOUND = Duration.ofSeconds(5);

    private static final LifecycleTemplate TEMPLATE = Templates.fiveStage();
    private static final Duration LATENESS = Duration.ofDays(1);

    static {
        // The bound is on reading a state, not on loading (and instrumenting) the classes that do it: the first input
        // timed would otherwise pay for that, which takes seconds on a loaded machine.
        LifecycleTracker tracker = LifecycleTracker.builder(TEMPLATE).build();
        tracker.accept(CustomerEvent.builder("c1", EventType.PURCHASE, Instant.parse("2025-01-06T09:00:00Z"))
                .amount(Money.of("1.00", "EUR"))
                .build());
        try {
            restore(export(tracker));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FuzzTest(maxDuration = "5m")
    void anyState_givesATrackerThatRoundTripsOrTheDocumentedException(FuzzedDataProvider data) throws IOException {
        boolean appendEndLine = data.consumeBoolean();
        boolean reconcileReceived = appendEndLine && data.consumeBoolean();
        String body = data.consumeRemainingAsString();
        String state = appendEndLine ? withEndLine(reconcileReceived ? withReceivedReconciled(body) : body) : body;
        long start = System.nanoTime();
        LifecycleTracker restored;
        try {
            restored = restore(state);
        } catch (IllegalArgumentException expected) {
            String message = expected.getMessage();
            assertTrue(
                    message != null && message.startsWith("tracker state line "),
                    () -> "message " + message + " for " + state);
            assertWithinBound(start, state);
            return;
        }
        assertKeepsTheClaims(state, restored);
        String exported = export(restored);
        assertEquals(exported, export(restore(exported)), () -> "the state does not round-trip: " + state);
        assertWithinBound(start, state);
    }

    private static LifecycleTracker restore(String state) throws IOException {
        return LifecycleTracker.builder(TEMPLATE).allowedLateness(LATENESS).restore(new StringReader(state));
    }

    private static String export(LifecycleTracker tracker) throws IOException {
        StringBuilder text = new StringBuilder();
        tracker.exportState(text);
        return text.toString();
    }

    private static void assertWithinBound(long start, String state) {
        long took = System.nanoTime() - start;
        assertTrue(
                took < BOUND.toNanos(), () -> "took " + Duration.ofNanos(took) + " for " + state.length() + " chars");
    }

    /**
     * The body and an end line that counts its customer and event lines and holds the CRC-32 of every line, each with a
     * newline, but those whose first field is {@code end}: what the reader computes.
     */
    private static String withEndLine(String body) {
        boolean ended = body.isEmpty() || body.endsWith("\n") || body.endsWith("\r");
        String content = ended ? body : body + "\n";
        CRC32 crc = new CRC32();
        long customers = 0;
        long events = 0;
        for (String line : lines(content)) {
            String first = line.split(" ", -1)[0];
            if (first.equals("customer")) {
                customers++;
            } else if (first.equals("event")) {
                events++;
            }
            if (!first.equals("end")) {
                crc.update((line + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        return content + "end " + customers + " " + events + " " + Long.toHexString(crc.getValue()) + "\n";
    }

    /**
     * The body with its fourth line, if it is a counters line of whole numbers, holding as the received count the sum
     * the reader checks it against: the other counts and the event lines (version 1 counts the accepted events, which
     * are the applied and the waiting ones). The lines are joined by LF, which the reader reads as it reads CR.
     */
    private static String withReceivedReconciled(String body) {
        List<String> lines = lines(body);
        if (lines.size() < 4) {
            return body;
        }
        boolean version1 = lines.get(0).equals(TrackerStateCodec.MAGIC + " 1");
        String[] counters = lines.get(3).split(" ", -1);
        if (!counters[0].equals("counters") || counters.length != (version1 ? 7 : 8)) {
            return body;
        }
        long events = lines.stream()
                .filter(line -> line.split(" ", -1)[0].equals("event"))
                .count();
        try {
            long applied = Long.parseLong(counters[2]);
            counters[1] = String.valueOf(
                    version1
                            ? Math.addExact(applied, events)
                            : Math.addExact(
                                    Math.addExact(applied, Long.parseLong(counters[3])),
                                    Math.addExact(
                                            Math.addExact(Long.parseLong(counters[4]), Long.parseLong(counters[5])),
                                            events)));
        } catch (NumberFormatException | ArithmeticException notReconcilable) {
            return body;
        }
        lines.set(3, String.join(" ", counters));
        return String.join("\n", lines) + "\n";
    }

    /** The lines as the reader sees them: {@link BufferedReader#readLine()} ends one at LF, CR or CR LF. */
    private static List<String> lines(String text) {
        List<String> lines = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new StringReader(text))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lines.add(line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return lines;
    }

    /**
     * The restored tracker shows what the accepted state says: its end line's customers and waiting events, its
     * counters line's counts (version 1's in their old form), and a history and a profile for every customer.
     */
    private static void assertKeepsTheClaims(String state, LifecycleTracker restored) {
        List<String> lines = lines(state);
        String[] header = lines.get(0).split(" ", -1);
        String[] counters = lines.get(3).split(" ", -1);
        String[] end = lines.get(lines.size() - 1).split(" ", -1);
        TrackerStats stats = restored.stats();
        assertEquals(Long.parseLong(end[1]), stats.customers(), state);
        assertEquals(Long.parseLong(end[2]), stats.pending(), state);
        assertEquals(stats.customers(), restored.customerIds().size(), state);
        List<Long> claimed =
                Arrays.stream(counters).skip(1).map(Long::parseLong).toList();
        List<Long> shown;
        if (header[1].equals("1")) {
            // accepted, applied, duplicates, late, transitions, listener failures; received is accepted + dropped
            shown = List.of(
                    stats.received() - stats.duplicates() - stats.late(),
                    stats.applied(),
                    stats.duplicates(),
                    stats.late(),
                    stats.transitions(),
                    stats.listenerFailures());
            assertEquals(0, stats.rejected(), state);
        } else {
            shown = List.of(
                    stats.received(),
                    stats.applied(),
                    stats.duplicates(),
                    stats.late(),
                    stats.rejected(),
                    stats.transitions(),
                    stats.listenerFailures());
        }
        assertEquals(claimed, shown, state);
        for (String id : restored.customerIds()) {
            assertTrue(restored.history(id).isPresent(), id);
            assertTrue(restored.profile(id).isPresent(), id);
        }
    }
}
