package dev.lifecycle.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import dev.lifecycle.core.CustomerEvent;
import dev.lifecycle.core.EventType;
import dev.lifecycle.core.ProfileTable;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.quicktheories.generators.SourceDSL;

/**
 * {@link EventFileReader#readBatch} reads what {@link EventFileReader#read} reads: for random CSV, CDNOW and JDBC
 * sources of valid and broken rows (bad amounts and dates, unknown types, wrong field counts, quotes, blank lines,
 * bytes that are not UTF-8, CR, LF and CRLF), the same rows are used, the same rejected with the same lines and
 * reasons, the batch's events are the event objects row for row (ids aside where they are generated), and the
 * profiles folded from the batch are those folded from the objects.
 */
final class BatchReadingProperties {
    private static final String[] CUSTOMERS = {
        "c1", "c2", "c3", " c4 ", "C1", "", "  ", "\"c5\"", "\"c,6\"", "x\"y", "é7", "\"c\"\"8\"", "\"c9\" "
    };
    private static final String[] TIMESTAMPS = {
        "2024-03-01T10:15:30Z",
        "2024-03-01T10:15:30.123Z",
        "2024-03-01T10:15:30.123456789Z",
        "2024-03-01T10:15:30.1234567891Z",
        "2024-03-01 10:15:30",
        "2024-03-01T10:15",
        "2024-03-01T10:15:30.5",
        "2024-03-01",
        " 2024-03-02 ",
        "2024-02-29",
        "2023-02-29",
        "2024-02-30",
        "2024-03-01T10:15:30+01:00",
        "2024-03-01T10:15:30-05:00",
        "2024-03-01T10:15:30z",
        "2024-03-01 10:15:30Z",
        "2024-03-01T10:15Z",
        "2024-03-01T24:00:00Z",
        "2024-03-01T23:59:60Z",
        "2024-03-01T10:15:30.",
        "2024-03-31T02:30:00",
        "1600-01-01",
        "2262-01-01",
        "2261-12-31T23:59:59.999999999Z",
        "1678-01-01T00:00:00Z",
        "2024-13-01",
        "garbage",
        "",
        "\"2024-03-05\""
    };
    private static final String[] TYPES = {
        "PURCHASE",
        "purchase",
        "Refund",
        "SITE_VISIT",
        " site_visit ",
        "CLICKED",
        "NPS_ANSWER",
        "custom",
        "order",
        "ORDER",
        "",
        "\"REFUND\"",
        "sign_up"
    };
    private static final String[] AMOUNTS = {
        "",
        "",
        "19.99",
        "5",
        ".5",
        "5.",
        "1.234",
        "1.230",
        "1.2300000",
        "-5",
        "+5",
        "1e3",
        "1,000.00",
        "\"7.00\"",
        "abc",
        ".",
        "99999999999999999999",
        "999999999999999.99",
        "0",
        "00012.10",
        " 3.50 ",
        "1000000000000000000"
    };
    private static final String[] CURRENCIES = {"USD", "eur", "JPY", " gbp ", "", "XYZ", "US", "\"EUR\"", "BHD"};
    private static final String[] IDS = {"o1", "o2", "o3", "o1", " o2 ", "", "\"o4\"", "o5", "o6", "o7"};

    @Test
    void readBatch_randomCsv_sameRowsRejectionsAndEventsAsRead() {
        qt().withExamples(600)
                .forAll(SourceDSL.longs().all(), SourceDSL.integers().between(0, 5))
                .checkAssert((seed, mappingChoice) -> {
                    Random random = new Random(seed);
                    EventMapping mapping = mapping(mappingChoice);
                    char delimiter = mappingChoice == 3 ? ';' : ',';
                    byte[] csv = csv(random, mapping, delimiter);
                    EventFileReader reader =
                            EventFileReader.create().withMapping(mapping).withDelimiter(delimiter);
                    assertSame(read(reader, csv, false), read(reader, csv, true), mapping);
                });
    }

    @Test
    void readBatch_randomCdnow_sameRowsRejectionsMergesAndEventsAsRead() {
        qt().withExamples(400).forAll(SourceDSL.longs().all()).checkAssert(seed -> {
            byte[] cdnow = cdnow(new Random(seed));
            EventFileReader reader = EventFileReader.create();
            Object objects = read(reader, cdnow, false);
            Object batch = read(reader, cdnow, true);
            assertSame(objects, batch, EventMapping.defaults());
            assertEquals(((EventFile) objects).rowsMerged(), ((EventBatchFile) batch).rowsMerged());
        });
    }

    @Test
    void readBatch_randomJdbcRows_sameRowsRejectionsAndEventsAsRead() throws SQLException {
        EventMapping mapping = mapping(1);
        try (Connection db = DriverManager.getConnection("jdbc:h2:mem:batch")) {
            try (Statement ddl = db.createStatement()) {
                ddl.execute("create table events (customer_id varchar(20), timestamp varchar(40), type varchar(20),"
                        + " amount varchar(30), currency varchar(10), n int)");
            }
            for (long seed = 0; seed < 40; seed++) {
                Random random = new Random(seed);
                try (Statement clear = db.createStatement()) {
                    clear.execute("delete from events");
                }
                try (PreparedStatement insert = db.prepareStatement("insert into events values (?, ?, ?, ?, ?, ?)")) {
                    int rows = random.nextInt(30);
                    for (int i = 0; i < rows; i++) {
                        insert.setString(1, unquoted(pick(random, CUSTOMERS)));
                        insert.setString(2, unquoted(pick(random, TIMESTAMPS)));
                        insert.setString(3, unquoted(pick(random, TYPES)));
                        insert.setString(4, random.nextInt(10) == 0 ? null : unquoted(pick(random, AMOUNTS)));
                        insert.setString(5, unquoted(pick(random, CURRENCIES)));
                        insert.setInt(6, i);
                        insert.addBatch();
                    }
                    insert.executeBatch();
                }
                EventFileReader reader = EventFileReader.create().withMapping(mapping);
                EventFile objects;
                EventBatchFile batch;
                try (Statement query = db.createStatement();
                        ResultSet rows = query.executeQuery("select * from events order by n")) {
                    objects = reader.read(rows, "events");
                }
                try (Statement query = db.createStatement();
                        ResultSet rows = query.executeQuery("select * from events order by n")) {
                    batch = reader.readBatch(rows, "events");
                }
                assertSame(objects, batch, mapping);
            }
        }
    }

    /** The mappings the CSV property draws from; each reaches a different part of the byte path. */
    static EventMapping mapping(int choice) {
        EventMapping defaults = EventMapping.defaults();
        return switch (choice) {
            case 0 -> defaults;
            case 1 -> defaults.toBuilder().currency("currency").build();
            case 2 ->
                defaults.toBuilder().eventId("order_id").currency("currency").build();
            case 3 ->
                defaults.toBuilder()
                        .typeName("order", EventType.PURCHASE)
                        .typeName("purchase", EventType.REFUND)
                        .build();
            case 4 -> defaults.toBuilder().zone(ZoneId.of("Europe/Paris")).build();
            default ->
                EventMapping.builder()
                        .customerId("customer_id")
                        .timestamp("timestamp")
                        .constantType(EventType.PURCHASE)
                        .amount("amount")
                        .defaultCurrency("JPY")
                        .zone(ZoneId.of("+05:30"))
                        .build();
        };
    }

    static byte[] csv(Random random, EventMapping mapping, char delimiter) {
        List<String> columns = new ArrayList<>(List.of("customer_id", "timestamp", "type", "amount"));
        if (mapping.columns().containsKey("currency")) {
            columns.add("currency");
        }
        if (mapping.columns().containsKey("event id")) {
            columns.add("order_id");
        }
        if (random.nextBoolean()) {
            columns.add("note");
        }
        java.util.Collections.shuffle(columns, random);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String d = String.valueOf(delimiter);
        write(out, String.join(d, columns));
        int rows = random.nextInt(40);
        for (int row = 0; row < rows; row++) {
            write(out, lineEnd(random));
            int kind = random.nextInt(40);
            if (kind == 0) {
                continue; // a blank line
            }
            if (kind == 1) {
                write(out, "   ");
                continue;
            }
            List<String> fields = new ArrayList<>();
            for (String column : columns) {
                fields.add(
                        switch (column) {
                            case "customer_id" -> pick(random, CUSTOMERS);
                            case "timestamp" -> pick(random, TIMESTAMPS);
                            case "type" -> pick(random, TYPES);
                            case "amount" -> pick(random, AMOUNTS);
                            case "currency" -> pick(random, CURRENCIES);
                            case "order_id" -> pick(random, IDS);
                            default -> random.nextBoolean() ? "\"a" + d + "\r\nb\"" : "n" + row;
                        });
            }
            if (kind == 2) {
                fields.remove(fields.size() - 1);
            } else if (kind == 3) {
                fields.add("extra");
            } else if (kind == 4) {
                fields.add("");
            }
            String line = String.join(d, fields);
            if (kind == 5) {
                write(out, line.substring(0, line.length() / 2));
                out.write(0xC3);
                out.write(0x28);
                write(out, line.substring(line.length() / 2));
            } else if (kind == 6) {
                write(out, line + "\"x\"\"y\"");
            } else {
                write(out, line);
            }
        }
        if (random.nextBoolean()) {
            write(out, lineEnd(random));
        }
        return out.toByteArray();
    }

    static byte[] cdnow(Random random) {
        String[] ids = {"00001", "00002", "0003", "7", "é8"};
        String[] days = {"19970101", "19970102", "19971301", "19970229", "19960229", "1997011", "16000101", "x"};
        String[] cds = {"1", "2", "0", "-1", "+3", "x", "12345678901234567890"};
        String[] dollars = {"11.77", "0.00", "5", "1.234", "1.230", "-3.00", "abc", "1e2", "99999999999999999999.99"};
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(
                out,
                random.nextBoolean()
                        ? "customer_id date number_of_cds dollar_value"
                        : " customer_id  date " + "number_of_cds\tdollar_value ");
        int rows = random.nextInt(40);
        for (int row = 0; row < rows; row++) {
            write(out, lineEnd(random));
            int kind = random.nextInt(30);
            if (kind == 0) {
                continue;
            }
            String sep = random.nextInt(5) == 0 ? "\t" : " ".repeat(1 + random.nextInt(3));
            List<String> fields = new ArrayList<>(
                    List.of(pick(random, ids), pick(random, days), pick(random, cds), pick(random, dollars)));
            if (kind == 1) {
                fields.remove(3);
            } else if (kind == 2) {
                fields.add("x");
            }
            write(out, (random.nextBoolean() ? "   " : "") + String.join(sep, fields));
            if (kind == 3) {
                out.write(0xFF);
            } else if (kind == 4) {
                write(out, "\u001F");
            }
        }
        return out.toByteArray();
    }

    private static String lineEnd(Random random) {
        int end = random.nextInt(6);
        return end == 0 ? "\r\n" : end == 1 ? "\r" : "\n";
    }

    private static String pick(Random random, String[] values) {
        return values[random.nextInt(values.length)];
    }

    /** A CSV value as a database would hold it: without its quotes. */
    private static String unquoted(String value) {
        return value.startsWith("\"") ? value.replace("\"", "") : value;
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Reads a source as objects or as a batch: the result, or the message of the refusal of the whole source. */
    static Object read(EventFileReader reader, byte[] bytes, boolean batch) {
        try {
            return batch
                    ? reader.readBatch(new ByteArrayInputStream(bytes), "p.csv")
                    : reader.read(new ByteArrayInputStream(bytes), "p.csv");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (IllegalArgumentException e) {
            return String.valueOf(e.getMessage());
        }
    }

    /** Both readings agree: both refused the source with one message, or both read it to the same result. */
    static void assertSame(Object objects, Object batch, EventMapping mapping) {
        if (objects instanceof String refused) {
            assertEquals(refused, batch);
            return;
        }
        assertSame((EventFile) objects, (EventBatchFile) batch, mapping);
    }

    static void assertSame(EventFile objects, EventBatchFile batch, EventMapping mapping) {
        assertEquals(objects.rejections(), batch.rejections());
        assertEquals(objects.rowsRead(), batch.rowsRead());
        assertEquals(objects.rowsUsed(), batch.rowsUsed());
        assertEquals(objects.format(), batch.format());
        assertEquals(objects.ignoredColumns(), batch.ignoredColumns());
        boolean idsKept = mapping.columns().containsKey("event id") && objects.format() != EventFile.Format.CDNOW;
        List<CustomerEvent> expected = objects.events().stream()
                .map(event -> idsKept ? event : event.withEventId("generated"))
                .toList();
        List<CustomerEvent> actual = batch.batch().events().stream()
                .map(event -> idsKept ? event : event.withEventId("generated"))
                .toList();
        assertEquals(expected, actual);
        IntStream.range(0, batch.batch().size())
                .forEach(row -> assertEquals(idsKept, batch.batch().eventId(row) != null, "ids kept only if mapped"));
        ProfileTable fromObjects;
        try {
            fromObjects = ProfileTable.fromEvents(objects.events());
        } catch (IllegalArgumentException e) {
            // a customer's amounts in two currencies: no profile either way
            assertThrows(IllegalArgumentException.class, () -> ProfileTable.fromEvents(batch.batch()));
            return;
        }
        ProfileTable fromBatch = ProfileTable.fromEvents(batch.batch());
        assertEquals(fromObjects.size(), fromBatch.size());
        assertTrue(IntStream.range(0, fromObjects.size())
                .allMatch(row -> fromObjects.profile(row).equals(fromBatch.profile(row))));
    }
}
