package dev.lifecycle.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import dev.lifecycle.core.CustomerEvent;
import dev.lifecycle.core.EventBatch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quicktheories.generators.SourceDSL;

/**
 * {@link EventFileReader#readBatch(Path)} on several threads gives what it gives on one: for random CSV and CDNOW files
 * (the generators of {@link BatchReadingProperties}, CSV also without its quotes, so that it is cut into parts), 1 to 4
 * threads and parts of a few bytes (a part per line or so), the same batch row for row with its customers numbered in
 * the same order, the same rejections with their lines and reasons (repeated event ids across parts among them), the
 * same counts and ignored columns.
 */
final class ParallelReadingProperties {
    @TempDir
    Path dir;

    @Test
    void readBatch_randomCsvInParts_sameAsOneThread() {
        AtomicInteger inParts = new AtomicInteger();
        AtomicInteger examples = new AtomicInteger();
        qt().withShrinkCycles(20)
                .withExamples(600)
                .forAll(
                        SourceDSL.longs().all(),
                        SourceDSL.integers().between(0, 5),
                        SourceDSL.integers().between(1, 4),
                        SourceDSL.integers().between(1, 200))
                .checkAssert((seed, mappingChoice, threads, partBytes) -> {
                    Random random = new Random(seed);
                    EventMapping mapping = BatchReadingProperties.mapping(mappingChoice);
                    char delimiter = mappingChoice == 3 ? ';' : ',';
                    byte[] csv = BatchReadingProperties.csv(random, mapping, delimiter);
                    boolean quoted = random.nextInt(4) == 0;
                    if (!quoted) {
                        csv = withoutQuotes(csv);
                    }
                    EventFileReader reader =
                            EventFileReader.create().withMapping(mapping).withDelimiter(delimiter);
                    examples.incrementAndGet();
                    if (check(csv, reader, threads, partBytes, mapping.columns().containsKey("event id"))) {
                        inParts.incrementAndGet();
                    }
                });
        assertTrue(inParts.get() > examples.get() / 3, inParts + " of " + examples + " files read in parts");
    }

    @Test
    void readBatch_randomCdnowInParts_sameAsOneThreadWithDaysMergedAcrossParts() {
        AtomicInteger inParts = new AtomicInteger();
        qt().withShrinkCycles(20)
                .withExamples(400)
                .forAll(
                        SourceDSL.longs().all(),
                        SourceDSL.integers().between(1, 4),
                        SourceDSL.integers().between(1, 120))
                .checkAssert((seed, threads, partBytes) -> {
                    byte[] cdnow = BatchReadingProperties.cdnow(new Random(seed));
                    if (check(cdnow, EventFileReader.create(), threads, partBytes, false)) {
                        inParts.incrementAndGet();
                    }
                });
        assertTrue(inParts.get() > 200, inParts + " of 400 files read in parts");
    }

    @Test
    void readBatch_repeatedIdsAcrossParts_rejectedAsInOneGoNamingTheFirstLine() throws IOException {
        String csv = "customer_id,timestamp,type,amount,order_id\r\n"
                + "c1,2024-03-01,PURCHASE,5.00,o1\r\n"
                + "c2,2024-03-02,SITE_VISIT,,o2\r\n"
                + "c3,2024-03-03,PURCHASE,7.00,o1\r\n"
                + "c1,2024-03-04,PURCHASE,8.00,o3\r\n"
                + "c4,2024-03-05,SITE_VISIT,,o2\r\n"
                + "c4,2024-03-06,SITE_VISIT,,o2\r\n";
        EventFileReader reader = EventFileReader.create()
                .withMapping(
                        EventMapping.defaults().toBuilder().eventId("order_id").build())
                .withThreads(3)
                .withPartBytes(1);
        Path file = write(csv.getBytes(StandardCharsets.UTF_8));
        EventBatchFile read = reader.readInParts(file, "f.csv");

        assertNotNull(read);
        assertEquals(
                List.of(
                        new Rejection(
                                4, "order_id 'o1' was used by line 2 already; each row must have its own event id"),
                        new Rejection(
                                6, "order_id 'o2' was used by line 3 already; each row must have its own event id"),
                        new Rejection(
                                7, "order_id 'o2' was used by line 3 already; each row must have its own event id")),
                read.rejections());
        assertEquals(List.of("o1", "o2", "o3"), ids(read.batch()));
        assertEquals(
                List.of("c1", "c2"),
                List.of(read.batch().customerId(0), read.batch().customerId(1)));
        assertEquals(2, read.batch().customerCount());
        assertEquals(6, read.rowsRead());
    }

    @Test
    void readBatch_aTypeOfBlanksOnly_isRejectedAsByRead() throws IOException {
        byte[] csv = "customer_id,timestamp,type,amount\nc1,2024-03-01,   ,\n".getBytes(StandardCharsets.UTF_8);
        Path file = write(csv);
        EventBatchFile batch = EventFileReader.create().withThreads(1).readBatch(file);
        EventFile objects = EventFileReader.create().read(file);

        assertEquals(1, batch.rowsRead());
        assertEquals(objects.rejections(), batch.rejections());
    }

    @Test
    void readBatch_quotedCsv_isReadInOneGo_andSmallFilesToo() throws IOException {
        Path quoted = write("customer_id,timestamp,type,amount\nc1,2024-03-01,\"PURCHASE\",5\nc2,2024-03-02,SIGN_UP,\n"
                .getBytes(StandardCharsets.UTF_8));
        assertNull(EventFileReader.create().withThreads(2).withPartBytes(1).readInParts(quoted, "q"));
        assertEquals(
                2, EventFileReader.create().withThreads(2).readBatch(quoted).rowsUsed());
        // below the least part size of the default, a file is one part
        Path small =
                write("customer_id,timestamp,type,amount\nc1,2024-03-01,PURCHASE,5\n".getBytes(StandardCharsets.UTF_8));
        assertNull(EventFileReader.create().withThreads(4).readInParts(small, "s"));
    }

    @Test
    void readBatch_onThreads_reportsTheRowsOfAllPartsInSteps() throws IOException {
        StringBuilder csv = new StringBuilder("customer_id,timestamp,type,amount\n");
        for (int i = 0; i < 45_000; i++) {
            csv.append('c').append(i % 977).append(",2024-03-01T10:15:30Z,SITE_VISIT,\n");
        }
        Path file = write(csv.toString().getBytes(StandardCharsets.UTF_8));
        List<Long> calls = java.util.Collections.synchronizedList(new ArrayList<>());
        EventBatchFile read = EventFileReader.create()
                .withThreads(3)
                .withPartBytes(100_000)
                .withProgress(calls::add)
                .readBatch(file);

        assertEquals(45_000, read.rowsUsed());
        assertEquals(4, calls.size(), "one call per 10,000 rows, as reading in one go: " + calls);
        for (int i = 0; i < calls.size(); i++) {
            assertTrue(calls.get(i) >= (i + 1) * 10_000L && calls.get(i) < (i + 2) * 10_000L, calls::toString);
        }
        assertEquals(977, read.batch().customerCount());
        assertEquals("c0", read.batch().customerId(0));
        assertEquals("c976", read.batch().customerId(976));
    }

    @Test
    void withThreads_outsideTheRange_isRefusedNamingIt() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> EventFileReader.create().withThreads(0));
        assertEquals("threads must lie in 1.." + EventFileReader.MAX_THREADS + " but was 0", e.getMessage());
        assertEquals(3, EventFileReader.create().withThreads(3).threads());
        assertEquals(
                java.util.concurrent.ForkJoinPool.getCommonPoolParallelism() + 1,
                EventFileReader.create().threads());
    }

    /**
     * Reads the file on one thread and in parts, and checks that both agree.
     *
     * @return whether the file was read in parts, not left to the one-thread read
     */
    private boolean check(byte[] bytes, EventFileReader reader, int threads, int partBytes, boolean idsMapped) {
        Path file = write(bytes);
        // Deleted after a check that passes, so that the folder stays small over many examples; after a failure the
        // file is left to the @TempDir's removal, and the failure is what the test reports.
        boolean inParts = check(file, reader, threads, partBytes, idsMapped);
        try {
            Files.delete(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return inParts;
    }

    private static boolean check(Path file, EventFileReader reader, int threads, int partBytes, boolean idsMapped) {
        try {
            Object one = read(reader.withThreads(1), file);
            EventFileReader parallel = reader.withThreads(threads).withPartBytes(partBytes);
            Object many = read(parallel, file);
            if (one instanceof String refused) {
                assertEquals(refused, many);
                return false;
            }
            assertSame((EventBatchFile) one, (EventBatchFile) many, idsMapped);
            EventBatchFile inParts =
                    parallel.readInParts(file, file.getFileName().toString());
            if (inParts != null) {
                assertSame((EventBatchFile) one, inParts, idsMapped);
            }
            return inParts != null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Object read(EventFileReader reader, Path file) {
        try {
            return reader.readBatch(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (IllegalArgumentException e) {
            return String.valueOf(e.getMessage());
        }
    }

    private static void assertSame(EventBatchFile one, EventBatchFile many, boolean idsMapped) {
        assertEquals(one.rejections(), many.rejections());
        assertEquals(one.rowsRead(), many.rowsRead());
        assertEquals(one.rowsUsed(), many.rowsUsed());
        assertEquals(one.format(), many.format());
        assertEquals(one.ignoredColumns(), many.ignoredColumns());
        EventBatch expected = one.batch();
        EventBatch actual = many.batch();
        assertEquals(expected.customerCount(), actual.customerCount());
        for (int code = 0; code < expected.customerCount(); code++) {
            assertEquals(expected.customerId(code), actual.customerId(code));
        }
        assertEquals(events(expected), events(actual));
        boolean kept = idsMapped && one.format() == EventFile.Format.CSV;
        for (int row = 0; row < actual.size(); row++) {
            assertEquals(expected.customer(row), actual.customer(row));
            assertEquals(kept, actual.eventId(row) != null);
        }
    }

    /** The events, ids as kept (an event without one gets a random id from the batch: given a fixed one here). */
    private static List<CustomerEvent> events(EventBatch batch) {
        List<CustomerEvent> events = new ArrayList<>();
        for (int row = 0; row < batch.size(); row++) {
            CustomerEvent event = batch.event(row);
            events.add(batch.eventId(row) == null ? event.withEventId("none") : event);
        }
        return events;
    }

    private static List<String> ids(EventBatch batch) {
        List<String> ids = new ArrayList<>();
        for (int row = 0; row < batch.size(); row++) {
            ids.add(batch.eventId(row));
        }
        return ids;
    }

    private static byte[] withoutQuotes(byte[] bytes) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte b : bytes) {
            if (b != '"') {
                out.write(b);
            }
        }
        return out.toByteArray();
    }

    private Path write(byte[] bytes) {
        try {
            Path file = Files.createTempFile(dir, "events", ".csv");
            Files.write(file, bytes);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
