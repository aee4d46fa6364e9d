package dev.lifecycle.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lifecycle.core.EventBatch;
import dev.lifecycle.core.EventType;
import dev.lifecycle.core.Money;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link EventFileReader#readBatch}: what the batch keeps, its reconciliation, its progress and its limits. */
final class EventBatchReadingTest {
    @TempDir
    Path dir;

    @Test
    void readBatch_csv_columnsOfTheRowsAndTheReadsRejections() throws IOException {
        Path csv = write("events.csv", """
                customer_id,timestamp,type,amount
                c1,2024-03-01T10:15:30Z,purchase,19.99
                c2,2024-03-02,SITE_VISIT,
                c1,2024-03-03T08:00:00.250Z,REFUND,5
                c3,2024-03-04,PURCHASE,1.234
                "c2",2024-03-05 10:00:00,Site_Visit,
                """);

        EventBatchFile file = EventFileReader.create().readBatch(csv);
        EventBatch batch = file.batch();

        assertEquals(EventFile.Format.CSV, file.format());
        assertEquals(
                List.of(new Rejection(5, "amount: amount 1.234 has more decimal places than USD allows (2)")),
                file.rejections());
        assertEquals(5, file.rowsRead());
        assertEquals(4, file.rowsUsed());
        assertEquals(0, file.rowsMerged());
        assertEquals(4, batch.size());
        assertEquals(2, batch.customerCount(), "the rejected row's customer is not numbered");
        assertEquals(List.of("c1", "c2", "c1", "c2"), customers(batch));
        assertEquals(1999, batch.amountMinorUnits(0));
        assertEquals(Money.of("5.00", "USD"), batch.amountOrNull(2));
        assertEquals(EventType.REFUND, batch.type(2));
        assertEquals(Instant.parse("2024-03-03T08:00:00.250Z"), batch.timestamp(2));
        assertEquals(Instant.parse("2024-03-05T10:00:00Z"), batch.timestamp(3));
        assertNull(batch.eventId(0), "a generated id is not kept");
    }

    @Test
    void readBatch_eventIdColumnMapped_idsKeptAndRepeatsRejectedAsByRead() throws IOException {
        EventMapping mapping =
                EventMapping.defaults().toBuilder().eventId("order_id").build();
        byte[] csv = """
                order_id,customer_id,timestamp,type,amount
                o1,c1,2024-03-01,PURCHASE,1.00
                o2,c1,2024-03-01,PURCHASE,2.00
                o1,c2,2024-03-02,PURCHASE,3.00
                """.getBytes(StandardCharsets.UTF_8);
        EventFileReader reader = EventFileReader.create().withMapping(mapping);

        EventBatchFile file = reader.readBatch(new ByteArrayInputStream(csv), "orders");

        assertEquals(
                List.of(new Rejection(
                        4, "order_id 'o1' was used by line 2 already; each row must have its own event id")),
                file.rejections());
        assertEquals("o1", file.batch().eventId(0));
        assertEquals("o2", file.batch().eventId(1));
        BatchReadingProperties.assertSame(reader.read(new ByteArrayInputStream(csv), "orders"), file, mapping);
    }

    @Test
    void readBatch_cdnow_rowsOfACustomerAndDayMergedIntoOnePurchase() throws IOException {
        Path cdnow = write("cdnow.txt", """
                customer_id date number_of_cds dollar_value
                   00001 19970101  1  11.77
                   00001 19970101  2  20.00
                   00002 19970102  1  12.00
                   00001 19970103  1   1.005
                   00001 19970101  1   0.23
                """);

        EventBatchFile file = EventFileReader.create().readBatch(cdnow);

        assertEquals(EventFile.Format.CDNOW, file.format());
        assertEquals(
                List.of(new Rejection(5, "dollar_value: amount 1.005 has more decimal places than USD allows (2)")),
                file.rejections());
        assertEquals(4, file.rowsUsed());
        assertEquals(2, file.rowsMerged());
        assertEquals(2, file.batch().size());
        assertEquals(3200, file.batch().amountMinorUnits(0));
        assertEquals(Instant.parse("1997-01-01T00:00:00Z"), file.batch().timestamp(0));
        assertEquals(List.of("00001", "00002"), customers(file.batch()));
    }

    /**
     * Records and fields are scanned eight bytes at a time: a quote opening a field right after a delimiter, and a
     * quote inside a field, are found at every offset within a word.
     */
    @Test
    void readBatch_quotesAtEveryOffsetOfAWord_fieldsAsByRead() throws IOException {
        StringBuilder text = new StringBuilder("note,customer_id,timestamp,type,amount\n");
        List<String> expected = new ArrayList<>();
        for (int pad = 0; pad < 17; pad++) {
            String note = "n".repeat(pad);
            text.append(note).append(",\"c,").append(pad).append("\",2024-03-01T10:15:30Z,PURCHASE,\"1.50\"\n");
            expected.add("c," + pad);
            text.append(note).append(",c\"").append(pad).append(",2024-03-01T10:15:30Z,PURCHASE,1.50\n");
            expected.add("c\"" + pad);
        }
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        EventFileReader reader = EventFileReader.create();

        EventBatchFile file = reader.readBatch(new ByteArrayInputStream(bytes), "q.csv");

        assertEquals(List.of(), file.rejections());
        assertEquals(expected, customers(file.batch()));
        BatchReadingProperties.assertSame(
                reader.read(new ByteArrayInputStream(bytes), "q.csv"), file, EventMapping.defaults());
    }

    @Test
    void readBatch_progress_calledAsByRead() throws IOException {
        StringBuilder text = new StringBuilder("customer_id,timestamp,type,amount\n");
        for (int i = 0; i < 2 * EventFileReader.PROGRESS_INTERVAL + 5; i++) {
            text.append(i % 7 == 0 ? "bad row\n" : "c" + (i % 100) + ",2024-03-01,SITE_VISIT,\n");
        }
        Path csv = write("many.csv", text.toString());
        List<Long> byRead = new ArrayList<>();
        List<Long> byBatch = new ArrayList<>();

        EventFileReader.create().withProgress(byRead::add).read(csv);
        EventBatchFile file =
                EventFileReader.create().withProgress(byBatch::add).readBatch(csv);

        assertEquals(List.of(10_000L, 20_000L), byRead);
        assertEquals(byRead, byBatch);
        assertEquals(2 * EventFileReader.PROGRESS_INTERVAL + 5, file.rowsRead());
    }

    @Test
    void readBatch_amountBeyondALongOfMinorUnits_rejectedSayingSo() throws IOException {
        Path csv =
                write("huge.csv", "customer_id,timestamp,type,amount\nc1,2024-03-01,PURCHASE,100000000000000000.00\n");

        EventBatchFile file = EventFileReader.create().readBatch(csv);

        assertEquals(1, file.rowsRead());
        assertEquals(
                List.of(new Rejection(
                        2,
                        "amount 100000000000000000.00 USD has more minor units than an event batch keeps (a long,"
                                + " about 9.2 * 10^18): read this source with read, not readBatch")),
                file.rejections());
        assertEquals(0, EventFileReader.create().read(csv).rowsRejected(), "read keeps it as Money");
    }

    @Test
    void readBatch_amountOfACurrencyWithFourPlaces_readExactlyOrRejectedSayingSo() throws IOException {
        // CLF has four decimal places: 999,999,999,999,999.99 CLF is 9,999,999,999,999,999,900 minor units, beyond a
        // long. The byte path once multiplied its 15 digits by 10^4 and wrapped to a negative amount (found by
        // AsciiValuesFuzzTest), which the batch's check of negative amounts sent to the text path: the row must be
        // the text path's rejection, whichever check catches it
        Path csv = write(
                "clf.csv",
                "customer_id,timestamp,type,amount,currency\n"
                        + "c1,2024-03-01,PURCHASE,999999999999999.99,CLF\n"
                        + "c2,2024-03-01,PURCHASE,99999999999999.9999,CLF\n");

        EventBatchFile file = EventFileReader.create()
                .withMapping(
                        EventMapping.defaults().toBuilder().currency("currency").build())
                .readBatch(csv);

        assertEquals(
                List.of(new Rejection(
                        2,
                        "amount 999999999999999.9900 CLF has more minor units than an event batch keeps (a long,"
                                + " about 9.2 * 10^18): read this source with read, not readBatch")),
                file.rejections());
        assertEquals(
                Money.of("99999999999999.9999", "CLF"),
                file.batch().event(0).amount().orElseThrow());
    }

    @Test
    void readBatch_directoryOrEmptyFile_refusedAsByRead() throws IOException {
        IOException directory =
                assertThrows(IOException.class, () -> EventFileReader.create().readBatch(dir));
        assertTrue(String.valueOf(directory.getMessage()).endsWith("it is a directory"), directory.getMessage());
        Path empty = write("empty.csv", "");
        assertEquals(
                assertThrows(
                                IllegalArgumentException.class,
                                () -> EventFileReader.create().read(empty))
                        .getMessage(),
                assertThrows(
                                IllegalArgumentException.class,
                                () -> EventFileReader.create().readBatch(empty))
                        .getMessage());
    }

    @Test
    void eventBatchFile_countsThatDoNotReconcile_refused() {
        EventBatch empty = EventBatch.builder().build();

        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> new EventBatchFile(empty, 2, 1, List.of(), EventFile.Format.CSV, List.of()));

        assertEquals("rowsRead must equal rowsUsed plus rejections but was 2 against 1 + 0", e.getMessage());
        assertThrows(
                IllegalArgumentException.class,
                () -> new EventBatchFile(empty, 1, 1, List.of(), EventFile.Format.CSV, List.of()));
    }

    private static List<String> customers(EventBatch batch) {
        List<String> ids = new ArrayList<>();
        for (int row = 0; row < batch.size(); row++) {
            ids.add(batch.customerId(batch.customer(row)));
        }
        return ids;
    }

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }
}
