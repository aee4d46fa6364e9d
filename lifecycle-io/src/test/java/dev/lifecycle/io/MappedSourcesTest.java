package dev.lifecycle.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lifecycle.core.CustomerEvent;
import dev.lifecycle.core.EventType;
import dev.lifecycle.core.Money;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CSV exports with quoted fields, other delimiters and a mapping; JDBC rows and message fields through the same one. */
final class MappedSourcesTest {
    private static final EventMapping ORDERS = EventMapping.builder()
            .customerId("customer")
            .timestamp("created_at")
            .constantType(EventType.PURCHASE)
            .amount("total")
            .currency("currency")
            .eventId("order_id")
            .build();

    @TempDir
    Path dir;

    @Test
    void read_ordersExportWithQuotedFields_mappedByNameWithExtraColumnsListed() throws IOException {
        Path orders = write("orders.csv", """
                order_id,note,customer,created_at,total,currency
                o1,"first, with a comma",ada,2024-03-01 10:15:30,"1000.00",EUR
                o2,"says ""hi""\",bob,2024-03-02T09:00:00Z,25.50,usd
                o3,,ada,2024-03-03,"1,000.00",EUR
                o1,,cyd,2024-03-04,5.00,EUR
                o4,"two
                lines",cyd,2024-03-05,7.00,GBP
                o5,x,dan,2024-03-06,"7.00"x,EUR
                """);

        EventFile file = EventFileReader.create().withMapping(ORDERS).read(orders);

        assertEquals(EventFile.Format.CSV, file.format());
        assertEquals(List.of("note"), file.ignoredColumns());
        assertEquals(
                List.of(
                        new Rejection(
                                4,
                                "total: amount must be a decimal number but was '1,000.00' (write amounts without"
                                        + " thousands separators, with '.' as the decimal point)"),
                        new Rejection(
                                5, "order_id 'o1' was used by line 2 already; each row must have its own event id"),
                        new Rejection(
                                8,
                                "record is not valid CSV: Unexpected character ('x' (code 120)): Expected column"
                                        + " separator character (',' (code 44)) or end-of-line")),
                file.rejections());
        assertEquals(6, file.rowsRead());
        assertEquals(3, file.rowsUsed());
        assertEquals(
                List.of(
                        CustomerEvent.builder("ada", EventType.PURCHASE, Instant.parse("2024-03-01T10:15:30Z"))
                                .eventId("o1")
                                .amount(Money.of("1000.00", "EUR"))
                                .build(),
                        CustomerEvent.builder("bob", EventType.PURCHASE, Instant.parse("2024-03-02T09:00:00Z"))
                                .eventId("o2")
                                .amount(Money.of("25.50", "USD"))
                                .build(),
                        CustomerEvent.builder("cyd", EventType.PURCHASE, Instant.parse("2024-03-05T00:00:00Z"))
                                .eventId("o4")
                                .amount(Money.of("7.00", "GBP"))
                                .build()),
                file.events());
    }

    @Test
    void read_semicolonsAndAZone_europeanExport() throws IOException {
        Path export = write("export.csv", """
                Kunde;Zeit;Art;Betrag
                k1;2024-03-31 01:30:00;Bestellung;"12,5"
                k1;2024-03-31 03:30:00;Bestellung;12.50
                k2;"2024-10-27 02:30";Besuch;
                """);
        EventMapping mapping = EventMapping.builder()
                .customerId("kunde")
                .timestamp("zeit")
                .type("art")
                .typeName("Bestellung", EventType.PURCHASE)
                .typeName("Besuch", EventType.SITE_VISIT)
                .amount("betrag")
                .defaultCurrency("EUR")
                .zone(ZoneId.of("Europe/Berlin"))
                .build();

        EventFile file =
                EventFileReader.create().withMapping(mapping).withDelimiter(';').read(export);

        assertEquals(
                List.of(new Rejection(
                        2,
                        "betrag: amount must be a decimal number but was '12,5' (write amounts without thousands"
                                + " separators, with '.' as the decimal point)")),
                file.rejections());
        // 03:30 on the day clocks went forward is CEST (+02:00); 02:30 on the day they went back is its earlier
        // offset, CEST too
        assertEquals(
                List.of(Instant.parse("2024-03-31T01:30:00Z"), Instant.parse("2024-10-27T00:30:00Z")),
                file.events().stream().map(CustomerEvent::timestamp).toList());
        assertEquals(
                List.of("export.csv-3", "export.csv-4"),
                file.events().stream().map(CustomerEvent::eventId).toList());
    }

    @Test
    void read_mappedColumnMissing_refusedBeforeAnyRowNamingItAndTheHeader() throws IOException {
        Path orders = write("orders.csv", "order_id,customer,created,total,currency\no1,ada,2024-03-01,1.00,EUR\n");

        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> EventFileReader.create().withMapping(ORDERS).read(orders));

        assertEquals(
                "event file '" + orders + "': the header lacks the mapped column 'created_at' (timestamp); it has"
                        + " ['order_id', 'customer', 'created', 'total', 'currency'] (a CDNOW file's header is"
                        + " 'customer_id date number_of_cds dollar_value')",
                e.getMessage());
    }

    @Test
    void read_mappedColumnTwiceInTheHeader_refusedNamingBothPositions() throws IOException {
        Path orders = write("orders.csv", "order_id,customer,created_at,Total,total,currency\n");

        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> EventFileReader.create().withMapping(ORDERS).read(orders));

        assertEquals(
                "event file '" + orders + "': the header has the mapped column 'total' more than once (columns 4 and"
                        + " 5); name each column once (a CDNOW file's header is 'customer_id date number_of_cds"
                        + " dollar_value')",
                e.getMessage());
    }

    @Test
    void read_byteOrderMarkAndQuotedHeaderNames_matchedByName() throws IOException {
        Path orders = write(
                "orders.csv",
                "\uFEFF\"order_id\",\" Customer \",\"created_at\",\"total\",\"currency\"\r\no1,ada,2024-03-01,1.00,EUR\r\n");

        EventFile file = EventFileReader.create().withMapping(ORDERS).read(orders);

        assertEquals(List.of(), file.rejections());
        assertEquals(
                List.of("o1"),
                file.events().stream().map(CustomerEvent::eventId).toList());
    }

    @Test
    void read_defaultHeaderWithCurrencyColumnMapped_amountsInTheirOwnCurrency() throws IOException {
        Path events =
                write("events.csv", "customer_id,timestamp,type,amount,currency\nc1,2024-03-01,PURCHASE,3.50,JPY\n");
        EventMapping mapping =
                EventMapping.defaults().toBuilder().currency("currency").build();

        EventFile file = EventFileReader.create().withMapping(mapping).read(events);

        assertEquals(
                List.of(new Rejection(2, "amount: amount 3.50 has more decimal places than JPY allows (0)")),
                file.rejections());
    }

    @Test
    void read_fieldCountDiffersFromTheHeader_rejected() throws IOException {
        Path events = write("events.csv", "customer_id,timestamp,type,amount\nc1,2024-03-01,PURCHASE,1.00,extra\n");

        EventFile file = EventFileReader.create().read(events);

        assertEquals(
                List.of(new Rejection(2, "expected 4 comma-separated fields, as the header has, but found 5")),
                file.rejections());
    }

    @Test
    void withDelimiter_otherCharacter_refusedListingTheValidOnes() {
        EventFileReader reader = EventFileReader.create();

        assertEquals(
                "delimiter must be ',', ';', '|' or a tab but was '\"'",
                assertThrows(IllegalArgumentException.class, () -> reader.withDelimiter('"'))
                        .getMessage());
        assertEquals(
                "delimiter must be ',', ';', '|' or a tab but was the control character U+000A",
                assertThrows(IllegalArgumentException.class, () -> reader.withDelimiter('\n'))
                        .getMessage());
    }

    /**
     * The hostile input of the issue: a quote that never closes, followed by an endless stream. The reader must stop
     * within the record bound, not read on to the end (there is none), and say where the quote opened.
     */
    @Test
    void read_unclosedQuoteBeforeEndlessInput_stopsAtTheBoundNamingTheLine() {
        byte[] head = "customer_id,timestamp,type,amount\nc1,2024-03-01,PURCHASE,1.00\nc2,\"2024-03-01,PURCHASE,\n"
                .getBytes(StandardCharsets.UTF_8);
        CountingEndlessInput endless = new CountingEndlessInput();
        InputStream in = new SequenceInputStream(new ByteArrayInputStream(head), endless);

        IllegalArgumentException e = assertTimeoutPreemptively(
                Duration.ofSeconds(20),
                () -> assertThrows(
                        IllegalArgumentException.class,
                        () -> EventFileReader.create().read(in, "hostile.csv")));

        assertEquals(
                "event file 'hostile.csv': the quoted field opened on line 3 is still open at line 2343, after 65536"
                        + " bytes of its record, the most a record may have; reading stopped there, since where the"
                        + " record ends is unknown (is a closing quote missing?)",
                e.getMessage());
        // the reader's own buffer holds 64 KiB: it read at most that much past the bound
        assertTrue(endless.read < 3 * EventFileReader.MAX_RECORD_BYTES, () -> endless.read + " bytes read");
    }

    @Test
    void read_quotedFieldLongerThanTheBoundButClosed_stillStops() throws IOException {
        Path big = write(
                "big.csv",
                "customer_id,timestamp,type,amount\nc1,2024-03-01,PURCHASE,1.00\n\"" + "x".repeat(70_000)
                        + "\",2024-03-01,PURCHASE,1.00\nc3,2024-03-01,PURCHASE,1.00\n");

        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> EventFileReader.create().read(big));

        assertTrue(
                String.valueOf(e.getMessage()).contains("the quoted field opened on line 3 is still open at line 3"),
                e::getMessage);
    }

    @Test
    void read_jdbcRows_sameMappingSameEventsAndSameMessagesAsCsv() throws SQLException, IOException {
        EventFile fromDb;
        try (Connection db = DriverManager.getConnection("jdbc:h2:mem:orders")) {
            try (Statement ddl = db.createStatement()) {
                ddl.execute("create table orders (order_id varchar(20), customer varchar(20), created_at timestamp,"
                        + " total decimal(12,2), currency varchar(4), note varchar(100))");
            }
            try (PreparedStatement insert = db.prepareStatement("insert into orders values (?, ?, ?, ?, ?, ?)")) {
                for (Object[] row : new Object[][] {
                    {"o1", "ada", "2024-03-01 10:15:30", "1000.00", "EUR", "first"},
                    {"o2", "bob", "2024-03-02 09:00:00", "25.50", "EURO", null},
                    {"o3", " ", "2024-03-03 00:00:00", null, null, null}
                }) {
                    for (int i = 0; i < row.length; i++) {
                        insert.setObject(i + 1, row[i]);
                    }
                    insert.executeUpdate();
                }
            }
            try (Statement query = db.createStatement();
                    ResultSet rows = query.executeQuery("select * from orders order by order_id")) {
                fromDb = EventFileReader.create().withMapping(ORDERS).read(rows, "orders");
            }
        }
        Path csv = write("orders.csv", """
                ORDER_ID,CUSTOMER,CREATED_AT,TOTAL,CURRENCY,NOTE
                o1,ada,2024-03-01T10:15:30,1000.00,EUR,first
                o2,bob,2024-03-02 09:00,25.50,EURO,
                o3, ,2024-03-03,,,
                """);
        EventFile fromCsv = EventFileReader.create().withMapping(ORDERS).read(csv);

        assertEquals(EventFile.Format.JDBC, fromDb.format());
        assertEquals(List.of("NOTE"), fromDb.ignoredColumns());
        assertEquals(
                List.of(
                        new Rejection(2, "currency must be an ISO 4217 code such as EUR but was 'EURO'"),
                        new Rejection(3, "customer must not be blank")),
                fromDb.rejections());
        assertEquals(fromCsv.events(), fromDb.events());
        assertEquals(
                fromCsv.rejections().stream().map(Rejection::reason).toList(),
                fromDb.rejections().stream().map(Rejection::reason).toList());
        assertEquals(
                fromDb.rejections().get(0).reason(),
                ((RowResult.Rejected) ORDERS.map(
                                Map.of(
                                        "order_id", "o2",
                                        "customer", "bob",
                                        "created_at", "2024-03-02T09:00:00Z",
                                        "total", "25.50",
                                        "currency", "EURO"),
                                "topic",
                                7))
                        .reason());
    }

    @Test
    void read_jdbcResultSetLackingAMappedColumn_refused() throws SQLException {
        try (Connection db = DriverManager.getConnection("jdbc:h2:mem:lacking");
                Statement query = db.createStatement();
                ResultSet rows = query.executeQuery("select 'c1' as customer, 1 as total")) {
            IllegalArgumentException e = assertThrows(
                    IllegalArgumentException.class,
                    () -> EventFileReader.create().withMapping(ORDERS).read(rows, "q"));

            assertEquals(
                    "result set 'q': the header lacks the mapped columns 'created_at' (timestamp), 'currency'"
                            + " (currency), 'order_id' (event id); it has ['CUSTOMER', 'TOTAL']",
                    e.getMessage());
        }
    }

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    /** Lines of text without end, counting the bytes handed out. */
    private static final class CountingEndlessInput extends InputStream {
        private static final byte[] LINE = "c9,2024-03-01,PURCHASE,1.00\n".getBytes(StandardCharsets.US_ASCII);
        long read;

        @Override
        public int read() {
            return LINE[(int) (read++ % LINE.length)];
        }

        @Override
        public int read(byte[] b, int off, int len) {
            for (int i = 0; i < len; i++) {
                b[off + i] = LINE[(int) (read++ % LINE.length)];
            }
            return len;
        }
    }
}
