package dev.lifecycle.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class LifecycleDemoTest {
    private static final Pattern PHASE = Pattern.compile("(.+) in \\d+\\.\\d s");

    /** The demo's exit status and what it printed. */
    private record Run(int status, List<String> out, List<String> err) {}

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = LifecycleDemo.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(
                status,
                out.toString(StandardCharsets.UTF_8).lines().toList(),
                err.toString(StandardCharsets.UTF_8).lines().toList());
    }

    @Test
    void run_bundledCdnow_countsReconcileAndEveryCustomerIsClassified() {
        Run run = run();

        assertEquals(0, run.status(), run.err()::toString);
        assertEquals(
                "rows read 69659 = used 69659 + rejected 0; customers 23570",
                run.out().get(0));
        assertEquals(
                "template five-stage, as of 1998-07-01T00:00:00Z", run.out().get(1));
        assertTrue(run.out().contains("  retention          5360   22.7%"), run.out()::toString);
        assertTrue(run.out().contains("  lapsed            18210   77.3%"), run.out()::toString);
        assertTrue(run.out().contains("repeat-purchase rate  49.5% (11662 of 23570 customers)"), run.out()::toString);
    }

    @Test
    void run_bundledCdnow_quarterEndCountsCustomersActiveThenAndNoUnobservedCohortColumn() {
        Run run = run();

        assertEquals(0, run.status(), run.err()::toString);
        // Issue 11: the customers really active at the end of 1998-Q1 give a retention of 95.5% (6055 / 6343), not
        // 1 - churn; lost counts every customer of S who lapsed during the quarter, won back or not.
        assertTrue(
                run.out().contains("1998-Q1                    6343  1832     0    6055   28.9%      95.5%"),
                run.out()::toString);
        // asOf 1998-07-01T00:00Z starts July: July has no observed time and no column.
        assertTrue(run.out().stream().noneMatch(line -> line.contains("0.0%*")), run.out()::toString);
    }

    @Test
    void run_bundledCdnow_phasesOnStandardErrorButNoRowProgress() {
        Run run = run();

        assertEquals(0, run.status(), run.err()::toString);
        assertPhases(
                run.err(),
                "read 69,659 rows of the bundled CDNOW data",
                "classified 23,570 customers",
                "computed churn and retention of 6 quarters",
                "computed retention of 3 monthly cohorts");
    }

    @Test
    void run_inputAboveProgressThreshold_progressOnStandardErrorOnly(@TempDir Path dir) throws IOException {
        Path input = dir.resolve("large.csv");
        Path report = dir.resolve("large.html");
        LocalDate first = LocalDate.of(2024, 1, 1);
        try (BufferedWriter writer = Files.newBufferedWriter(input, StandardCharsets.UTF_8)) {
            writer.write("customer_id,timestamp,type,amount\n");
            // 30,000 customers with 7 purchases 30 days apart; customer k first buys on day k mod 365 of 2024, so
            // the last purchase is on 2025-06-28: 5 whole quarters and 12 monthly cohorts
            for (int row = 0; row < 210_000; row++) {
                int customer = row / 7;
                LocalDate day = first.plusDays(customer % 365 + 30L * (row % 7));
                writer.write("c" + customer + "," + day + ",PURCHASE,12.50\n");
            }
        }

        Run run = run("--input", input.toString(), "--report", report.toString());

        assertEquals(0, run.status(), run.err()::toString);
        assertEquals(
                "rows read 210000 = used 210000 + rejected 0; customers 30000",
                run.out().get(0));
        List<String> progress =
                run.err().stream().filter(line -> line.endsWith(" rows...")).toList();
        assertEquals(List.of("read 100,000 rows...", "read 200,000 rows..."), progress);
        assertEquals("read 100,000 rows...", run.err().get(0));
        assertPhases(
                run.err().subList(progress.size(), run.err().size()),
                "read 210,000 rows of " + input,
                "classified 30,000 customers",
                "computed churn and retention of 5 quarters",
                "computed retention of 12 monthly cohorts",
                "wrote the report " + report);
        for (String line : run.out()) {
            assertFalse(line.endsWith(" rows...") || PHASE.matcher(line).matches(), line);
        }
    }

    /** Checks that {@code err} is exactly the given phases, in order, each with the time it took. */
    private static void assertPhases(List<String> err, String... phases) {
        assertEquals(phases.length, err.size(), err::toString);
        for (int i = 0; i < phases.length; i++) {
            Matcher phase = PHASE.matcher(err.get(i));
            assertTrue(phase.matches(), err.get(i));
            assertEquals(phases[i], phase.group(1), err::toString);
        }
    }

    @Test
    void run_json_distributionKeyedByStageAndSummingToCustomers() throws IOException {
        Run run = run("--json", "--template", "tracking-categories", "--as-of", "1998-01-01");

        assertEquals(0, run.status(), run.err()::toString);
        JsonNode json = new ObjectMapper().readTree(String.join("\n", run.out()));
        JsonNode distribution = json.get("distribution");
        long total = 0;
        for (String stage : List.of("lead", "customer", "retained", "advocate", "lapsed")) {
            total += distribution.get(stage).asLong();
        }
        assertEquals(json.get("customers").asLong(), total);
        assertEquals("1998-01-01T00:00:00Z", json.get("asOf").asText());
        assertEquals(69659, json.get("rows").get("read").asLong());
    }

    @Test
    void run_csvWithMalformedLines_reportsThemAndReconciles(@TempDir Path dir) throws IOException {
        Path input = dir.resolve("events.csv");
        Files.writeString(input, """
                customer_id,timestamp,type,amount
                a,2024-01-05,PURCHASE,20.00
                a,2024-13-05,PURCHASE,20.00
                b,2024-02-01,purchase,15.50
                b,2024-03-01,NOT_A_TYPE,
                """);

        Run run = run("--input", input.toString(), "--as-of", "2024-04-01");

        assertEquals(0, run.status(), run.err()::toString);
        assertEquals("rows read 4 = used 2 + rejected 2; customers 2", run.out().get(0));
        assertTrue(run.out().get(1).startsWith("  rejected line 3: "), run.out()::toString);
        assertTrue(run.out().get(2).startsWith("  rejected line 5: "), run.out()::toString);
    }

    @Test
    void run_badOptions_oneLineMessageAndStatus2() {
        Run unknown = run("--fast");
        Run badDate = run("--as-of", "yesterday");
        Run missingFile = run("--input", "/nonexistent/events.csv");

        assertEquals(2, unknown.status());
        assertEquals(List.of("lifecycle-demo: unknown option '--fast' (try --help)"), unknown.err());
        assertEquals(
                List.of("lifecycle-demo: --as-of must be a date YYYY-MM-DD but was 'yesterday' (try --help)"),
                badDate.err());
        assertEquals(2, missingFile.status());
        assertEquals(1, missingFile.err().size(), missingFile.err()::toString);
        assertTrue(
                missingFile.err().get(0).startsWith("lifecycle-demo: cannot read event file"),
                missingFile.err()::toString);
    }

    @Test
    void run_report_writesSelfContainedHtmlWithOneFunnelBarPerMainStage(@TempDir Path dir) throws IOException {
        Path report = dir.resolve("report.html");

        Run run = run("--report", report.toString());

        assertEquals(0, run.status(), run.err()::toString);
        String html = Files.readString(report);
        assertTrue(html.startsWith("<!DOCTYPE html>"), () -> html.substring(0, 40));
        for (String stage : List.of("awareness", "consideration", "conversion", "retention", "advocacy")) {
            assertTrue(html.contains("class=\"funnel-bar\" data-step=\"" + stage + "\""), stage);
        }
        assertEquals(5, html.split("class=\"funnel-bar\"", -1).length - 1);
    }

    @Test
    void run_help_listsEveryOption() {
        Run run = run("--help");

        assertEquals(0, run.status());
        String help = String.join("\n", run.out());
        assertTrue(help.contains("Progress goes to standard error"), help);
        assertTrue(help.contains("100,000 rows"), help);
        for (String option :
                List.of("--input", "--template", "--as-of", "--lapse-days", "--report", "--json", "--help")) {
            assertTrue(help.contains(option), option);
        }
    }
}
