package dev.lifecycle.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import dev.lifecycle.core.CustomerEvent;
import dev.lifecycle.core.CustomerProfile;
import dev.lifecycle.core.EventType;
import dev.lifecycle.core.LifecycleClassifier;
import dev.lifecycle.core.Money;
import dev.lifecycle.core.Templates;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class CustomerFileTest {
    private static final Instant AS_OF = Instant.parse("2024-07-01T00:00:00Z");
    private static final LifecycleClassifier FIVE_STAGE = LifecycleClassifier.of(Templates.fiveStage());

    /** Ids a CSV file or a spreadsheet can trip over: separators, quotes, line breaks, formula starts. */
    private static final List<String> HOSTILE_IDS = List.of(
            "a,b",
            "say \"hi\"",
            "two\nlines",
            "cr\ronly",
            "=HYPERLINK(\"http://x.invalid\",\"click\")",
            "+1",
            "-1",
            "@SUM(A1:A2)",
            "\tindented",
            "'quoted",
            "''twice",
            " spaced ",
            "plain");

    /** A customer with one purchase of 12.50 USD on 2024-01-05 and a site visit on 2024-02-01. */
    private static CustomerProfile buyer(String id) {
        return CustomerProfile.fromEvents(
                id,
                List.of(
                        CustomerEvent.of(id, EventType.PURCHASE, Instant.parse("2024-01-05T00:00:00Z"))
                                .withAmount(Money.of("12.50", "USD")),
                        CustomerEvent.of(id, EventType.SITE_VISIT, Instant.parse("2024-02-01T10:00:00Z"))));
    }

    private static Path write(Path file, List<CustomerProfile> profiles) throws IOException {
        try (CustomerFile customers = CustomerFile.create(file)) {
            for (CustomerProfile profile : profiles) {
                customers.write(profile, FIVE_STAGE.classify(profile, AS_OF));
            }
            customers.finish(profiles.size());
        }
        return file;
    }

    private static List<String[]> readCsv(Path file) throws IOException {
        CsvMapper mapper = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);
        List<String[]> rows = new ArrayList<>();
        try (MappingIterator<String[]> it = mapper.readerFor(String[].class).readValues(file.toFile())) {
            while (it.hasNext()) {
                rows.add(it.next());
            }
        }
        return rows;
    }

    /** Undoes {@link CustomerFile#spreadsheetSafe(String)}: drops the first character of a cell starting with '. */
    private static String unguard(String cell) {
        return cell.startsWith("'") ? cell.substring(1) : cell;
    }

    @Test
    void spreadsheetSafe_formulaStartsAndApostrophe_prefixedOthersUnchanged() {
        assertEquals("'=1+1", CustomerFile.spreadsheetSafe("=1+1"));
        assertEquals("'+1", CustomerFile.spreadsheetSafe("+1"));
        assertEquals("'-1", CustomerFile.spreadsheetSafe("-1"));
        assertEquals("'@a", CustomerFile.spreadsheetSafe("@a"));
        assertEquals("'\ta", CustomerFile.spreadsheetSafe("\ta"));
        assertEquals("'\ra", CustomerFile.spreadsheetSafe("\ra"));
        assertEquals("''a", CustomerFile.spreadsheetSafe("'a"));
        assertEquals("a=1", CustomerFile.spreadsheetSafe("a=1"));
        assertEquals(" =1", CustomerFile.spreadsheetSafe(" =1"));
        assertEquals("", CustomerFile.spreadsheetSafe(""));
    }

    @Test
    void write_csvWithHostileIds_roundTripThroughACsvReader(@TempDir Path dir) throws IOException {
        List<CustomerProfile> profiles =
                HOSTILE_IDS.stream().map(CustomerFileTest::buyer).toList();

        List<String[]> rows = readCsv(write(dir.resolve("customers.csv"), profiles));

        assertEquals(HOSTILE_IDS.size() + 1, rows.size());
        assertEquals(CustomerFile.COLUMNS, List.of(rows.get(0)));
        for (int i = 0; i < HOSTILE_IDS.size(); i++) {
            String[] row = rows.get(i + 1);
            String id = HOSTILE_IDS.get(i);
            assertEquals(CustomerFile.COLUMNS.size(), row.length, id);
            assertEquals(id, unguard(row[0]));
            // what a spreadsheet sees first is never a formula start
            assertTrue("=+-@\t\r".indexOf(row[0].charAt(0)) < 0, row[0]);
            assertEquals(
                    List.of(
                            "conversion",
                            "Conversion",
                            "false",
                            "conversion",
                            "first-purchase",
                            "1",
                            "12.50",
                            "USD",
                            "2024-01-05T00:00:00Z",
                            "2024-01-05T00:00:00Z",
                            "2024-02-01T10:00:00Z"),
                    List.of(row).subList(1, row.length),
                    id);
        }
    }

    @Test
    void write_jsonAndJsonLines_hostileIdsExactAndValuesTyped(@TempDir Path dir) throws IOException {
        List<CustomerProfile> profiles = new ArrayList<>(
                HOSTILE_IDS.stream().map(CustomerFileTest::buyer).toList());
        // no order, no spend: nulls, not empty text
        profiles.add(CustomerProfile.fromEvents(
                "visitor",
                List.of(CustomerEvent.of("visitor", EventType.PRODUCT_VIEW, Instant.parse("2024-03-01T00:00:00Z")))));
        ObjectMapper mapper = new ObjectMapper();

        JsonNode array =
                mapper.readTree(write(dir.resolve("customers.json"), profiles).toFile());
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(write(dir.resolve("customers.jsonl"), profiles))) {
            lines.add(mapper.readTree(line));
        }

        assertTrue(array.isArray());
        assertEquals(profiles.size(), array.size());
        assertEquals(profiles.size(), lines.size());
        for (int i = 0; i < profiles.size(); i++) {
            JsonNode row = array.get(i);
            assertEquals(row, lines.get(i));
            assertEquals(CustomerFile.COLUMNS, iterable(row.fieldNames()));
            assertEquals(profiles.get(i).customerId(), row.get("customer_id").asText());
        }
        JsonNode buyer = array.get(0);
        assertTrue(buyer.get("side_stage").isBoolean());
        assertEquals("[\"first-purchase\"]", buyer.get("path").toString());
        assertEquals(1, buyer.get("orders").asLong());
        assertTrue(buyer.get("total_spend").isNumber());
        // the amount as Money keeps it, at the currency's scale (a tree reader would drop the trailing zero)
        assertTrue(
                Files.readString(dir.resolve("customers.json")).contains("\"total_spend\":12.50,\"currency\":\"USD\""));
        JsonNode visitor = array.get(profiles.size() - 1);
        assertEquals("consideration", visitor.get("stage").asText());
        assertEquals("[\"engaged\"]", visitor.get("path").toString());
        assertEquals(0, visitor.get("orders").asLong());
        for (String absent : List.of("total_spend", "currency", "first_purchase", "last_purchase")) {
            assertTrue(visitor.get(absent).isNull(), absent);
        }
        assertEquals("2024-03-01T00:00:00Z", visitor.get("last_activity").asText());
    }

    @Test
    void write_entryStageCustomer_emptyPathCell(@TempDir Path dir) throws IOException {
        CustomerProfile nobody = CustomerProfile.builder("nobody").build();

        List<String[]> rows = readCsv(write(dir.resolve("one.csv"), List.of(nobody)));

        assertEquals(
                List.of("nobody", "awareness", "Awareness", "false", "awareness", "", "0", "", "", "", "", ""),
                List.of(rows.get(1)));
    }

    @Test
    void finish_rowsNotTheCustomersClassified_refusedAndNoFileLeft(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("customers.csv");
        Files.writeString(file, "an older export\n");

        IllegalStateException e;
        try (CustomerFile customers = CustomerFile.create(file)) {
            CustomerProfile profile = buyer("c1");
            customers.write(profile, FIVE_STAGE.classify(profile, AS_OF));
            e = assertThrows(IllegalStateException.class, () -> customers.finish(2));
        }

        assertEquals(
                "the rows written to the customer file '" + file + "' must equal the customers classified (2) but"
                        + " were 1",
                e.getMessage());
        assertEquals("an older export\n", Files.readString(file));
        assertFalse(Files.exists(dir.resolve("customers.csv" + CustomerFile.PART)));
    }

    @Test
    void format_unknownExtension_refusedListingTheAcceptedOnes() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> CustomerFile.Format.of(Path.of("out.xlsx"), "--customers"));

        assertEquals("--customers must be a file ending in .csv, .json or .jsonl but was 'out.xlsx'", e.getMessage());
        assertEquals(CustomerFile.Format.JSON_LINES, CustomerFile.Format.of(Path.of("OUT.JSONL"), "--customers"));
        assertEquals(CustomerFile.Format.CSV, CustomerFile.Format.of(Path.of("a/b.Csv"), "--customers"));
    }

    private static List<String> iterable(java.util.Iterator<String> names) {
        List<String> list = new ArrayList<>();
        names.forEachRemaining(list::add);
        return list;
    }
}
