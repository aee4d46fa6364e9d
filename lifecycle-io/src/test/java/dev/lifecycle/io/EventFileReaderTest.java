package dev.lifecycle.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lifecycle.core.CustomerEvent;
import dev.lifecycle.core.EventType;
import dev.lifecycle.core.Money;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class EventFileReaderTest {
    private static final String TIMESTAMP_RULE = "timestamp must be an ISO-8601 instant such as 2024-03-01T10:15:30Z,"
            + " a local date-time such as 2024-03-01 10:15:30 (in UTC) or a day yyyy-MM-dd but was ";

    @TempDir
    Path dir;

    @Test
    void read_csvWithThreeMalformedLines_reportsThoseLinesAndReconciles() throws IOException {
        Path csv = write(
                "customer_id,timestamp,type,amount",
                "c1,2024-03-01T10:15:30Z,purchase,19.99",
                "c1,2024-02-30,SITE_VISIT,",
                "c2,2024-03-02,Site_Visit,",
                "c2,2024-03-03,CLICKED,",
                "c2,2024-03-04T08:00:00Z,PURCHASE,",
                "c3,2024-03-05,PURCHASE,-5.00",
                "c3,2024-03-06,refund,5");

        EventFile file = EventFileReader.create().read(csv);

        assertEquals(EventFile.Format.CSV, file.format());
        assertEquals(
                List.of(
                        new Rejection(3, TIMESTAMP_RULE + "'2024-02-30'"),
                        new Rejection(
                                5,
                                "type must be one of [PURCHASE, REFUND, SITE_VISIT, AD_CLICK, SOCIAL_VIEW,"
                                        + " PRODUCT_VIEW, CART_ADD, SIGN_UP, REFERRAL, REVIEW, EMAIL_DELIVERED,"
                                        + " EMAIL_OPEN, EMAIL_CLICK, LOYALTY_ENROLMENT] (in any case) but was"
                                        + " 'CLICKED'"),
                        new Rejection(
                                7,
                                "amount must not be negative but was -5.00 USD (record money returned as a REFUND"
                                        + " event with a positive amount)")),
                file.rejections());
        assertEquals(7, file.rowsRead());
        assertEquals(4, file.rowsUsed());
        assertEquals(file.rowsRead(), file.rowsUsed() + file.rowsRejected());
        assertEquals(
                List.of("events.csv-2", "events.csv-4", "events.csv-6", "events.csv-8"),
                file.events().stream().map(CustomerEvent::eventId).collect(Collectors.toList()));
        CustomerEvent visit = file.events().get(1);
        assertEquals(EventType.SITE_VISIT, visit.type());
        assertEquals(Instant.parse("2024-03-02T00:00:00Z"), visit.timestamp());
        assertEquals(Money.of("19.99", "USD"), file.events().get(0).amount().orElseThrow());
        assertTrue(file.events().get(2).amount().isEmpty());
        assertEquals(EventType.REFUND, file.events().get(3).type());
        assertEquals(Money.of("5.00", "USD"), file.events().get(3).amount().orElseThrow());
    }

    @Test
    void read_cdnowRowsWithCrlfAndBadFields_rejectsOnlyTheBadRows() throws IOException {
        String text = "customer_id date number_of_cds dollar_value\r\n"
                + "   00001 19970101  1  11.77\r\n"
                + "   00002 19971301  1  12.00\r\n"
                + "   00003 19970102  1\r\n"
                + "\r\n"
                + "   00004 19970103  2  1.999\r\n";

        Path cdnow = dir.resolve("cdnow.txt");
        Files.writeString(cdnow, text, StandardCharsets.UTF_8);

        EventFile file = EventFileReader.create().read(cdnow);

        assertEquals(
                List.of(
                        new Rejection(3, "date must be a day yyyymmdd but was '19971301'"),
                        new Rejection(
                                4,
                                "expected 4 whitespace-separated fields (customer_id date number_of_cds"
                                        + " dollar_value) but found 3"),
                        new Rejection(5, "line is blank"),
                        new Rejection(6, "dollar_value: amount 1.999 has more decimal places than USD allows (2)")),
                file.rejections());
        assertEquals(5, file.rowsRead());
        assertEquals(1, file.rowsUsed());
    }

    @Test
    void read_headerMissing_throwsIllegalArgumentException() throws IOException {
        Path csv = write("c1,2024-03-01,PURCHASE,10.00");

        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> EventFileReader.create().read(csv));

        assertEquals(
                "event file '" + csv + "': the header lacks the mapped columns 'customer_id' (customer id),"
                        + " 'timestamp' (timestamp), 'type' (type), 'amount' (amount); it has ['c1', '2024-03-01',"
                        + " 'PURCHASE', '10.00'] (a CDNOW file's header is 'customer_id date number_of_cds"
                        + " dollar_value')",
                e.getMessage());
    }

    @Test
    void read_emptyFile_throwsIllegalArgumentException() throws IOException {
        Path csv = write();

        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> EventFileReader.create().read(csv));

        assertEquals(
                "event file '" + csv + "' is empty; its first line must be a header naming the columns"
                        + " customer_id,timestamp,type,amount, or the CDNOW header 'customer_id date number_of_cds"
                        + " dollar_value'",
                e.getMessage());
    }

    @Test
    void read_missingFile_throwsIOException() {
        Path missing = dir.resolve("missing.csv");

        IOException e =
                assertThrows(IOException.class, () -> EventFileReader.create().read(missing));

        assertEquals("cannot read event file '" + missing + "': no such file", e.getMessage());
    }

    @Test
    void read_withProgress_reportsEveryTenThousandRows() throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("customer_id,timestamp,type,amount");
        for (int i = 0; i < 25_000; i++) {
            lines.add("c" + i + ",2024-01-01,SITE_VISIT,");
        }
        Path csv = write(lines.toArray(new String[0]));
        List<Long> reported = new ArrayList<>();

        EventFile file = EventFileReader.create().withProgress(reported::add).read(csv);

        assertEquals(List.of(10_000L, 20_000L), reported);
        assertEquals(25_000, file.rowsUsed());
    }

    @Test
    @SuppressWarnings("NullAway") // the test passes null on purpose
    void withProgress_null_throwsNullPointerException() {
        NullPointerException e = assertThrows(
                NullPointerException.class, () -> EventFileReader.create().withProgress(null));

        assertEquals("progress", e.getMessage());
    }

    @Test
    void eventFile_countsDoNotReconcile_throwsIllegalArgumentException() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> new EventFile(
                        List.of(), 2, 0, List.of(new Rejection(2, "bad")), EventFile.Format.CSV, List.of()));

        assertEquals("rowsRead must equal rowsUsed plus rejections but was 2 against 0 + 1", e.getMessage());
    }

    @Test
    void read_cdnowRowsOfOneCustomerAndDay_oneTransactionWithTheSummedAmount() throws IOException {
        Path cdnow = dir.resolve("cdnow.txt");
        Files.writeString(cdnow, """
                customer_id date number_of_cds dollar_value
                   00001 19970101  1  11.77
                   00002 19970112  1  12.00
                   00002 19970112  5  77.00
                   00001 19970101  2  0.23
                   00002 19970113  1  1.00
                   00002 19970112  x  1.00
                """, StandardCharsets.UTF_8);

        EventFile file = EventFileReader.create().read(cdnow);

        assertEquals(6, file.rowsRead());
        assertEquals(5, file.rowsUsed());
        assertEquals(2, file.rowsMerged());
        assertEquals(List.of(new Rejection(7, "number_of_cds must be a whole number but was 'x'")), file.rejections());
        assertEquals(
                List.of(
                        CustomerEvent.builder("00001", EventType.PURCHASE, Instant.parse("1997-01-01T00:00:00Z"))
                                .eventId("cdnow.txt-2")
                                .amount(Money.of("12.00", "USD"))
                                .build(),
                        CustomerEvent.builder("00002", EventType.PURCHASE, Instant.parse("1997-01-12T00:00:00Z"))
                                .eventId("cdnow.txt-3")
                                .amount(Money.of("89.00", "USD"))
                                .build(),
                        CustomerEvent.builder("00002", EventType.PURCHASE, Instant.parse("1997-01-13T00:00:00Z"))
                                .eventId("cdnow.txt-6")
                                .amount(Money.of("1.00", "USD"))
                                .build()),
                file.events());
    }

    @Test
    void read_linesNotUtf8_eachRejectedWithItsNumberAndTheRestRead() throws IOException {
        Path csv = dir.resolve("bad-bytes.csv");
        byte[] good = "c1,2024-03-01,PURCHASE,1.00\n".getBytes(StandardCharsets.UTF_8);
        try (OutputStream out = Files.newOutputStream(csv)) {
            out.write("customer_id,timestamp,type,amount\n".getBytes(StandardCharsets.UTF_8));
            out.write(good);
            out.write(new byte[] {'c', (byte) 0xFF, ',', '\n'});
            out.write(new byte[] {'c', '2', ',', (byte) 0xE2, (byte) 0x82, '\r'});
            out.write(good);
        }

        EventFile file = EventFileReader.create().read(csv);

        assertEquals(
                List.of(
                        new Rejection(3, "line must be UTF-8 but has a malformed byte sequence at byte 2 (0xFF)"),
                        new Rejection(4, "line must be UTF-8 but has a malformed byte sequence at byte 4 (0xE2)")),
                file.rejections());
        assertEquals(4, file.rowsRead());
        assertEquals(
                List.of("bad-bytes.csv-2", "bad-bytes.csv-5"),
                file.events().stream().map(CustomerEvent::eventId).toList());
    }

    @Test
    void read_lineLongerThanTheBound_rejectedAndTheNextLineRead() throws IOException {
        Path csv = write(
                "customer_id,timestamp,type,amount",
                "c".repeat(70_000) + ",2024-03-01,PURCHASE,1.00",
                "c1,2024-03-01,PURCHASE,1.00");

        EventFile file = EventFileReader.create().read(csv);

        assertEquals(
                List.of(new Rejection(2, "line must be at most 65536 bytes long but was 70025 bytes")),
                file.rejections());
        assertEquals(
                List.of("events.csv-3"),
                file.events().stream().map(CustomerEvent::eventId).toList());
    }

    @Test
    void read_hugeField_quotedInTheReasonAtMostEightyCharacters() throws IOException {
        Path csv = write("customer_id,timestamp,type,amount", "c1," + "9".repeat(5_000) + ",PURCHASE,1.00");

        EventFile file = EventFileReader.create().read(csv);

        assertEquals(List.of(new Rejection(2, TIMESTAMP_RULE + "'" + "9".repeat(77) + "...'")), file.rejections());
    }

    @Test
    void read_instantsOutsideTheSupportedRange_rejectedWithTheRuleAndTheValue() throws IOException {
        Path csv = write(
                "customer_id,timestamp,type,amount",
                "c1,-1000000000-01-01T00:00:00Z,SITE_VISIT,",
                "c1,+1000000000-12-31T23:59:59Z,SITE_VISIT,",
                "c1,1677-12-31T23:59:59Z,SITE_VISIT,",
                "c1,2262-01-01,SITE_VISIT,",
                "c1,1678-01-01,SITE_VISIT,",
                "c1,2261-12-31T23:59:59.999999999Z,SITE_VISIT,");
        Path cdnow = dir.resolve("cdnow.txt");
        Files.writeString(
                cdnow,
                "customer_id date number_of_cds dollar_value\n00001 16771231 1 1.00\n00001 99991231 1 1.00\n",
                StandardCharsets.UTF_8);

        EventFile file = EventFileReader.create().read(csv);
        EventFile cdnowFile = EventFileReader.create().read(cdnow);

        String rule = "timestamp must lie between 1678-01-01T00:00:00Z (inclusive) and 2262-01-01T00:00:00Z"
                + " (exclusive) but was ";
        assertEquals(
                List.of(
                        new Rejection(2, rule + "-1000000000-01-01T00:00:00Z"),
                        new Rejection(3, rule + "+1000000000-12-31T23:59:59Z"),
                        new Rejection(4, rule + "1677-12-31T23:59:59Z"),
                        new Rejection(5, rule + "2262-01-01T00:00:00Z")),
                file.rejections());
        assertEquals(
                List.of("events.csv-6", "events.csv-7"),
                file.events().stream().map(CustomerEvent::eventId).toList());
        assertEquals(
                List.of(
                        new Rejection(2, rule + "1677-12-31T00:00:00Z"),
                        new Rejection(3, rule + "9999-12-31T00:00:00Z")),
                cdnowFile.rejections());
    }

    @Test
    void read_hugeAmounts_rejectedQuicklyWithTheBound() throws IOException {
        Path csv = write(
                "customer_id,timestamp,type,amount",
                "c1,2024-03-01,PURCHASE,1e99999999",
                "c1,2024-03-01,PURCHASE,1000000000000000000",
                "c1,2024-03-01,PURCHASE," + "9".repeat(65),
                "c1,2024-03-01,PURCHASE,999999999999999999.99");

        EventFile file = assertTimeoutPreemptively(
                Duration.ofSeconds(5), () -> EventFileReader.create().read(csv));

        assertEquals(
                List.of(
                        new Rejection(
                                2,
                                "amount: amount must have at most 18 digits before the decimal point but was"
                                        + " 1E+99999999"),
                        new Rejection(
                                3,
                                "amount: amount must have at most 18 digits before the decimal point but was"
                                        + " 1000000000000000000"),
                        new Rejection(
                                4,
                                "amount: amount must be at most 64 characters long but was 65 characters: '"
                                        + "9".repeat(64) + "\u2026'")),
                file.rejections());
        assertEquals(
                List.of("events.csv-5"),
                file.events().stream().map(CustomerEvent::eventId).toList());
    }

    @Test
    void read_cdnowDayTotalBeyondTheMoneyBound_laterRowRejected() throws IOException {
        Path cdnow = dir.resolve("cdnow.txt");
        Files.writeString(
                cdnow,
                "customer_id date number_of_cds dollar_value\n"
                        + "00001 19970101 1 999999999999999999.00\n"
                        + "00001 19970101 1 1.00\n",
                StandardCharsets.UTF_8);

        EventFile file = EventFileReader.create().read(cdnow);

        assertEquals(
                List.of(new Rejection(
                        3,
                        "dollar_value: the day's total of customer '00001' would break the bound: cannot add 1.00 USD"
                                + " and 999999999999999999.00 USD: the result 1000000000000000000.00 USD has more"
                                + " than 18 digits before the decimal point")),
                file.rejections());
        assertEquals(
                Money.of("999999999999999999.00", "USD"),
                file.events().get(0).amount().orElseThrow());
    }

    @Test
    void read_directory_throwsIOException() {
        IOException e =
                assertThrows(IOException.class, () -> EventFileReader.create().read(dir));

        assertEquals("cannot read event file '" + dir + "': it is a directory", e.getMessage());
    }

    @Test
    void read_headerNotUtf8_throwsIllegalArgumentException() throws IOException {
        Path csv = dir.resolve("header.csv");
        Files.write(csv, new byte[] {'c', (byte) 0xC0, '\n'});

        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> EventFileReader.create().read(csv));

        assertEquals(
                "event file '" + csv + "' has no header: line 1 must be UTF-8 but has a malformed byte sequence at"
                        + " byte 2 (0xC0)",
                e.getMessage());
    }

    @Test
    void eventFile_moreEventsThanUsedRows_throwsIllegalArgumentException() {
        CustomerEvent event = CustomerEvent.of("c1", EventType.SITE_VISIT, Instant.parse("2024-01-01T00:00:00Z"));

        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> new EventFile(List.of(event, event), 1, 1, List.of(), EventFile.Format.CSV, List.of()));

        assertEquals(
                "events must hold between 1 and rowsUsed events when rows were used, none otherwise, but held 2 for 1"
                        + " rows",
                e.getMessage());
    }

    private Path write(String... lines) throws IOException {
        Path file = dir.resolve("events.csv");
        Files.write(file, List.of(lines), StandardCharsets.UTF_8);
        return file;
    }
}
