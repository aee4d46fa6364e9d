package dev.lifecycle.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class LifecycleDemoTest {

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
        for (String option :
                List.of("--input", "--template", "--as-of", "--lapse-days", "--report", "--json", "--help")) {
            assertTrue(help.contains(option), option);
        }
    }
}
