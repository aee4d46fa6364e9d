package dev.lifecycle.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo's {@code --customers FILE}: one row per classified customer, reconciled with the printed figures. */
final class LifecycleDemoCustomersTest {
    private static final Pattern CUSTOMERS = Pattern.compile("rows read .*; customers (\\d+)");
    private static final Pattern STAGE_LINE = Pattern.compile(" {2}(\\S+) +(\\d+) +\\d+\\.\\d%");

    private static DemoRun run(String... args) {
        return DemoRun.of(args);
    }

    /** The customer count of the first line of the text output. */
    private static long printedCustomers(DemoRun run) {
        Matcher m = CUSTOMERS.matcher(run.out().get(0));
        assertTrue(m.matches(), run.out().get(0));
        return Long.parseLong(m.group(1));
    }

    /** The printed stage distribution, stage id to count, in the order printed. */
    private static Map<String, Long> printedDistribution(DemoRun run) {
        Map<String, Long> counts = new LinkedHashMap<>();
        int start = run.out().indexOf("stage distribution");
        assertTrue(start >= 0, run.out()::toString);
        for (String line : run.out().subList(start + 1, run.out().size())) {
            if (line.isEmpty()) {
                break;
            }
            Matcher m = STAGE_LINE.matcher(line);
            assertTrue(m.matches(), line);
            counts.put(m.group(1), Long.parseLong(m.group(2)));
        }
        return counts;
    }

    /** The rows of a CSV file, the header first, read by Jackson's CSV reader. */
    private static List<List<String>> readCsv(Path file) throws IOException {
        CsvMapper mapper = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);
        List<List<String>> rows = new ArrayList<>();
        try (MappingIterator<String[]> it = mapper.readerFor(String[].class).readValues(file.toFile())) {
            while (it.hasNext()) {
                rows.add(List.of(it.next()));
            }
        }
        return rows;
    }

    /** Counts by value, zero for the keys of {@code expected} that do not occur, in the order of its keys. */
    private static Map<String, Long> countsLike(Map<String, Long> expected, List<String> values) {
        Map<String, Long> counts = new LinkedHashMap<>();
        expected.keySet().forEach(key -> counts.put(key, 0L));
        values.forEach(value -> counts.merge(value, 1L, Long::sum));
        return counts;
    }

    /** The customer ids of the bundled CDNOW file in the order they first appear, read without the demo's reader. */
    private static List<String> cdnowIdsInFileOrder() throws IOException {
        Set<String> ids = new LinkedHashSet<>();
        try (InputStream in = Objects.requireNonNull(
                        LifecycleDemo.class.getResourceAsStream("/data/cdnow/CDNOW_master.txt"));
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            reader.readLine();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank()) {
                    ids.add(line.strip().split("\\s+")[0]);
                }
            }
        }
        return List.copyOf(ids);
    }

    /**
     * Rows worked out by hand from the CDNOW rows of the customer, for the five-stage template with its 180-day lapse
     * at 1998-07-01 (a customer lapses when the last purchase lies more than 180 days back):
     *
     * <ul>
     *   <li>00001: one purchase, 1997-01-01, 11.77 USD; 546 days back, so lapsed after conversion.
     *   <li>00003: six purchase days from 1997-01-02 to 1998-05-28 (20.76 + 20.76 + 19.54 + 57.45 + 20.96 + 16.99 =
     *       156.46 USD); the last 34 days back, so still in retention.
     *   <li>04056: two purchases 300 days apart, 1997-01-17 (36.12) and 1997-11-13 (84.45); the last 230 days back, so
     *       lapsed after retention.
     *   <li>19542: two purchases also 300 days apart, 1997-03-10 (34.98) and 1998-01-04 (83.45); the last 178 days
     *       back, so still in retention: the gap between purchases is not what decides.
     * </ul>
     */
    private static final Map<String, List<String>> CDNOW_BY_HAND = Map.of(
            "00001",
            List.of(
                    "00001",
                    "lapsed",
                    "Lapsed",
                    "true",
                    "conversion",
                    "first-purchase > lapse",
                    "1",
                    "11.77",
                    "USD",
                    "1997-01-01T00:00:00Z",
                    "1997-01-01T00:00:00Z",
                    "1997-01-01T00:00:00Z"),
            "00003",
            List.of(
                    "00003",
                    "retention",
                    "Retention",
                    "false",
                    "retention",
                    "first-purchase > second-purchase",
                    "6",
                    "156.46",
                    "USD",
                    "1997-01-02T00:00:00Z",
                    "1998-05-28T00:00:00Z",
                    "1998-05-28T00:00:00Z"),
            "04056",
            List.of(
                    "04056",
                    "lapsed",
                    "Lapsed",
                    "true",
                    "retention",
                    "first-purchase > second-purchase > lapse",
                    "2",
                    "120.57",
                    "USD",
                    "1997-01-17T00:00:00Z",
                    "1997-11-13T00:00:00Z",
                    "1997-11-13T00:00:00Z"),
            "19542",
            List.of(
                    "19542",
                    "retention",
                    "Retention",
                    "false",
                    "retention",
                    "first-purchase > second-purchase",
                    "2",
                    "118.43",
                    "USD",
                    "1997-03-10T00:00:00Z",
                    "1998-01-04T00:00:00Z",
                    "1998-01-04T00:00:00Z"));

    @Test
    void customersCsv_bundledCdnow_oneRowPerPrintedCustomerCountedAsPrinted(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("customers.csv");

        DemoRun run = run("--customers", file.toString());

        assertEquals(0, run.status(), run.err()::toString);
        List<List<String>> rows = readCsv(file);
        assertEquals(CustomerFile.COLUMNS, rows.get(0));
        List<List<String>> customers = rows.subList(1, rows.size());
        assertEquals(23_570, printedCustomers(run));
        assertEquals(printedCustomers(run), customers.size());
        // in the order the customers first appear in the input
        assertEquals(
                cdnowIdsInFileOrder(), customers.stream().map(row -> row.get(0)).toList());
        Map<String, Long> printed = printedDistribution(run);
        assertEquals(
                printed,
                countsLike(printed, customers.stream().map(row -> row.get(1)).toList()));
        for (List<String> row : customers) {
            List<String> expected = CDNOW_BY_HAND.get(row.get(0));
            if (expected != null) {
                assertEquals(expected, row);
            }
        }
        assertTrue(run.err().stream().anyMatch(line -> line.startsWith("wrote 23,570 customers to " + file + " in ")));
        assertFalse(Files.exists(dir.resolve("customers.csv" + CustomerFile.PART)));
        // the README shows the file's first lines (checked here, so the demo runs once)
        String firstLines = String.join("\n", Files.readAllLines(file).subList(0, 4));
        assertTrue(
                Files.readString(Path.of("..", "README.md")).contains("```csv\n" + firstLines + "\n```\n"),
                () -> "README.md must show the first lines of the customer file exactly:\n" + firstLines);
    }

    @Test
    void customersJson_bundledCdnow_rowsMatchTheJsonDistributionAndReachedCounts(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("customers.json");

        DemoRun run = run("--json", "--customers", file.toString());

        assertEquals(0, run.status(), run.err()::toString);
        ObjectMapper mapper = new ObjectMapper();
        JsonNode figures = mapper.readTree(String.join("\n", run.out()));
        JsonNode rows = mapper.readTree(file.toFile());
        assertEquals(figures.get("customers").asLong(), rows.size());
        Map<String, Long> distribution = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> stage : figures.get("distribution").properties()) {
            distribution.put(stage.getKey(), stage.getValue().asLong());
        }
        List<String> stages = new ArrayList<>();
        List<String> highest = new ArrayList<>();
        for (JsonNode row : rows) {
            stages.add(row.get("stage").asText());
            highest.add(row.get("highest_main_stage").asText());
        }
        assertEquals(distribution, countsLike(distribution, stages));
        // a main-path stage is reached by every customer whose highest main-path stage is it or a later one
        List<String> mainPath = new ArrayList<>();
        figures.get("reached").fieldNames().forEachRemaining(mainPath::add);
        for (int i = 0; i < mainPath.size(); i++) {
            Set<String> atOrBeyond = Set.copyOf(mainPath.subList(i, mainPath.size()));
            long reached = highest.stream().filter(atOrBeyond::contains).count();
            assertEquals(figures.get("reached").get(mainPath.get(i)).asLong(), reached, mainPath.get(i));
        }
        for (JsonNode row : rows) {
            List<String> expected = CDNOW_BY_HAND.get(row.get("customer_id").asText());
            if (expected != null) {
                assertEquals(expected.get(1), row.get("stage").asText());
                assertEquals(
                        Boolean.parseBoolean(expected.get(3)),
                        row.get("side_stage").asBoolean());
                assertEquals(expected.get(4), row.get("highest_main_stage").asText());
                List<String> path = new ArrayList<>();
                row.get("path").forEach(rule -> path.add(rule.asText()));
                assertEquals(expected.get(5), String.join(" > ", path));
                assertEquals(Long.parseLong(expected.get(6)), row.get("orders").asLong());
                assertEquals(
                        expected.get(7),
                        row.get("total_spend").decimalValue().setScale(2).toPlainString());
                assertEquals(expected.get(9), row.get("first_purchase").asText());
                assertEquals(expected.get(10), row.get("last_purchase").asText());
            }
        }
    }

    /**
     * Hand-made customers, five-stage template at 2025-01-01: "recent" bought on 2023-12-01 and 300 days later, 97 days
     * before asOf, so retention; "=cmd|' /C calc'!A0" bought on 2023-01-10 and 300 days later, 422 days before asOf,
     * so lapsed after retention; {@code a"b} only visited the site (awareness, no rule fired); "+1" viewed a product
     * (consideration); "'x" bought once (conversion); "late" has only an event after asOf and is no row.
     */
    private static final String HAND_MADE = """
            customer_id,timestamp,type,amount
            recent,2023-12-01,PURCHASE,10.00
            =cmd|' /C calc'!A0,2023-01-10,PURCHASE,5.00
            a"b,2024-12-01T08:30:00Z,SITE_VISIT,
            recent,2024-09-26,PURCHASE,15.00
            +1,2024-11-02,PRODUCT_VIEW,
            =cmd|' /C calc'!A0,2023-11-06,PURCHASE,7.50
            'x,2024-12-24,PURCHASE,99.99
            late,2025-02-01,PURCHASE,1.00
            """;

    private static final List<List<String>> HAND_MADE_ROWS = List.of(
            List.of(
                    "recent",
                    "retention",
                    "Retention",
                    "false",
                    "retention",
                    "first-purchase > second-purchase",
                    "2",
                    "25.00",
                    "USD",
                    "2023-12-01T00:00:00Z",
                    "2024-09-26T00:00:00Z",
                    "2024-09-26T00:00:00Z"),
            List.of(
                    "'=cmd|' /C calc'!A0",
                    "lapsed",
                    "Lapsed",
                    "true",
                    "retention",
                    "first-purchase > second-purchase > lapse",
                    "2",
                    "12.50",
                    "USD",
                    "2023-01-10T00:00:00Z",
                    "2023-11-06T00:00:00Z",
                    "2023-11-06T00:00:00Z"),
            List.of(
                    "a\"b",
                    "awareness",
                    "Awareness",
                    "false",
                    "awareness",
                    "",
                    "0",
                    "",
                    "",
                    "",
                    "",
                    "2024-12-01T08:30:00Z"),
            List.of(
                    "'+1",
                    "consideration",
                    "Consideration",
                    "false",
                    "consideration",
                    "engaged",
                    "0",
                    "",
                    "",
                    "",
                    "",
                    "2024-11-02T00:00:00Z"),
            List.of(
                    "''x",
                    "conversion",
                    "Conversion",
                    "false",
                    "conversion",
                    "first-purchase",
                    "1",
                    "99.99",
                    "USD",
                    "2024-12-24T00:00:00Z",
                    "2024-12-24T00:00:00Z",
                    "2024-12-24T00:00:00Z"));

    @Test
    void customersCsv_handMadeCustomers_rowsAsWorkedOutAndFormulasDefused(@TempDir Path dir) throws IOException {
        Path input = dir.resolve("events.csv");
        Files.writeString(input, HAND_MADE, StandardCharsets.UTF_8);
        Path file = dir.resolve("customers.csv");

        DemoRun run = run("--input", input.toString(), "--as-of", "2025-01-01", "--customers", file.toString());

        assertEquals(0, run.status(), run.err()::toString);
        assertEquals(5, printedCustomers(run));
        List<List<String>> rows = readCsv(file);
        assertEquals(HAND_MADE_ROWS, rows.subList(1, rows.size()));
    }

    @Test
    void customersJsonLines_handMadeCustomers_oneObjectALineWithTheIdsAsTheyAre(@TempDir Path dir) throws IOException {
        Path input = dir.resolve("events.csv");
        Files.writeString(input, HAND_MADE, StandardCharsets.UTF_8);
        Path file = dir.resolve("customers.jsonl");

        DemoRun run = run("--input", input.toString(), "--as-of", "2025-01-01", "--customers", file.toString());

        assertEquals(0, run.status(), run.err()::toString);
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertEquals(5, lines.size());
        ObjectMapper mapper = new ObjectMapper();
        List<String> ids = new ArrayList<>();
        for (String line : lines) {
            ids.add(mapper.readTree(line).get("customer_id").asText());
        }
        // JSON is no spreadsheet: the ids are written as they are
        assertEquals(List.of("recent", "=cmd|' /C calc'!A0", "a\"b", "+1", "'x"), ids);
        JsonNode lapsed = mapper.readTree(lines.get(1));
        assertEquals(
                "[\"first-purchase\",\"second-purchase\",\"lapse\"]",
                lapsed.get("path").toString());
        assertTrue(lapsed.get("side_stage").asBoolean());
        assertTrue(mapper.readTree(lines.get(2)).get("total_spend").isNull());
    }

    @Test
    void customers_unknownExtension_refusedListingTheAcceptedOnesBeforeReading(@TempDir Path dir) {
        Path absent = dir.resolve("absent.csv");

        DemoRun run = run("--input", absent.toString(), "--customers", "customers.xlsx");

        assertEquals(2, run.status());
        assertEquals(
                List.of("lifecycle-demo: --customers must be a file ending in .csv, .json or .jsonl but was"
                        + " 'customers.xlsx' (try --help)"),
                run.err());
        assertEquals(List.of(), run.out());
    }

    @Test
    void customers_folderMissing_failsBeforeTheInputIsRead(@TempDir Path dir) {
        Path absent = dir.resolve("absent.csv");
        Path file = dir.resolve("missing").resolve("customers.csv");

        DemoRun run = run("--input", absent.toString(), "--customers", file.toString());

        assertEquals(2, run.status());
        assertEquals(
                List.of("lifecycle-demo: cannot write the customer file '" + file + "': folder '" + file.getParent()
                        + "' does not exist"),
                run.err());
        assertEquals(List.of(), run.out());
    }

    @Test
    void customers_aFolder_failsBeforeTheInputIsRead(@TempDir Path dir) throws IOException {
        Path absent = dir.resolve("absent.csv");
        Path folder = Files.createDirectory(dir.resolve("out.csv"));

        DemoRun run = run("--input", absent.toString(), "--customers", folder.toString());

        assertEquals(2, run.status());
        assertEquals(
                List.of("lifecycle-demo: cannot write the customer file '" + folder + "': it is a directory"),
                run.err());
    }

    @Test
    void customers_runFailsAfterClassifying_noFileLeftUnderTheName(@TempDir Path dir) throws IOException {
        // the monthly cohorts refuse a span of centuries after every customer was classified and written
        Path input = dir.resolve("centuries.csv");
        Files.writeString(input, """
                customer_id,timestamp,type,amount
                a,1900-01-01,PURCHASE,1.00
                b,2261-12-31,PURCHASE,1.00
                """);
        Path file = dir.resolve("customers.csv");

        DemoRun run = run("--input", input.toString(), "--customers", file.toString());

        assertEquals(2, run.status());
        assertTrue(
                run.err().stream().anyMatch(line -> line.startsWith("classified 2 customers in ")),
                run.err()::toString);
        assertTrue(run.err().get(run.err().size() - 1).contains("at most 1200 periods"), run.err()::toString);
        assertFalse(Files.exists(file));
        assertFalse(Files.exists(dir.resolve("customers.csv" + CustomerFile.PART)));
    }
}
