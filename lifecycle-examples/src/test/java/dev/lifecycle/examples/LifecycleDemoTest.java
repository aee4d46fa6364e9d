package dev.lifecycle.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lifecycle.core.CustomerEvent;
import dev.lifecycle.core.EventBatch;
import dev.lifecycle.core.EventType;
import dev.lifecycle.core.LifecycleClassifier;
import dev.lifecycle.core.LifecycleTracker;
import dev.lifecycle.core.MoveMatrix;
import dev.lifecycle.core.Templates;
import dev.lifecycle.examples.data.BundledData;
import dev.lifecycle.io.EventMapping;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class LifecycleDemoTest {
    private static final Pattern PHASE = Pattern.compile("(.+) in \\d+\\.\\d s");
    private static final String QUARTER_HEADING =
            "quarter      at start   lost  won back    new  new not active   at end   churn  retention";
    private static final String TIMESTAMP_RULE = "timestamp must be an ISO-8601 instant such as 2024-03-01T10:15:30Z, a"
            + " local date-time such as 2024-03-01 10:15:30 (in UTC) or a day yyyy-MM-dd but was ";

    private static DemoRun run(String... args) {
        return DemoRun.of(args);
    }

    @Test
    void run_bundledCdnow_countsReconcileAndEveryCustomerIsClassified() {
        DemoRun run = run();

        assertEquals(0, run.status(), run.err()::toString);
        assertEquals(
                "rows read 69659 = used 69659 + rejected 0; customers 23570",
                run.out().get(0));
        assertEquals(
                "events 67591 = up to asOf 67591 + after asOf 0 (left out of every figure); 2068 rows merged into a"
                        + " purchase of the same customer and day",
                run.out().get(1));
        assertEquals(
                "template five-stage, as of 1998-07-01T00:00:00Z", run.out().get(2));
        assertTrue(run.out().contains("  retention          5360   22.7%"), run.out()::toString);
        assertTrue(run.out().contains("  lapsed            18210   77.3%"), run.out()::toString);
        assertTrue(run.out().contains("repeat-purchase rate  48.9% (11516 of 23570 customers)"), run.out()::toString);
    }

    @Test
    void run_bundledCdnow_quarterlyRowsAddUpAndChainInTextAndReportAndNoUnobservedCohortColumn(@TempDir Path dir)
            throws IOException {
        Path report = dir.resolve("report.html");

        DemoRun run = run("--report", report.toString());

        assertEquals(0, run.status(), run.err()::toString);
        // Issue 11: the customers really active at the end of 1998-Q1 give a retention of 95.5% (6055 / 6343), not
        // 1 - churn; lost counts every customer of S who lapsed during the quarter, won back or not. Issue 12: the
        // 1544 won back (lapsed at the start or during the quarter, active at its end) make the row add up.
        assertTrue(
                run.out()
                        .contains(
                                "1998-Q1          6343   1832      1544      0               0     6055   28.9%      95.5%"),
                run.out()::toString);
        List<long[]> rows = quarterRows(run.out());
        assertEquals(6, rows.size());
        assertAddUpAndChain(rows);
        String html = Files.readString(report);
        assertTrue(html.contains("<th>Lost</th><th>Won back</th><th>New</th><th>New not active at end</th>"), html);
        assertTrue(
                html.contains("<td>1998-Q1</td><td class=\"num\">6343</td><td class=\"num\">1832</td>"
                        + "<td class=\"num\">1544</td><td class=\"num\">0</td><td class=\"num\">0</td>"
                        + "<td class=\"num\">6055</td>"),
                html);
        // asOf 1998-07-01T00:00Z starts July: July has no observed time and no column.
        assertTrue(run.out().stream().noneMatch(line -> line.contains("0.0%*")), run.out()::toString);
    }

    /**
     * The rows of the printed quarterly table, each as at start, lost, won back, new, new not active and at end, read
     * from the text as a reader would; checks the line saying how they add up.
     */
    private static List<long[]> quarterRows(List<String> out) {
        int heading = out.indexOf(QUARTER_HEADING);
        assertTrue(heading > 0, out::toString);
        assertEquals(LifecycleDemo.QUARTER_SUM, out.get(heading - 1));
        List<long[]> rows = new ArrayList<>();
        for (String line : out.subList(heading + 1, out.size())) {
            if (line.isEmpty()) {
                break;
            }
            String[] cells = line.trim().split(" +");
            assertEquals(9, cells.length, line);
            long[] row = new long[6];
            for (int i = 0; i < row.length; i++) {
                row[i] = Long.parseLong(cells[i + 1]);
            }
            rows.add(row);
        }
        return rows;
    }

    /** Checks at end = at start - lost + won back + new - new not active in every row, and each start the previous end. */
    private static void assertAddUpAndChain(List<long[]> rows) {
        for (int q = 0; q < rows.size(); q++) {
            long[] r = rows.get(q);
            assertEquals(r[5], r[0] - r[1] + r[2] + r[3] - r[4], () -> java.util.Arrays.toString(r));
            if (q > 0) {
                assertEquals(rows.get(q - 1)[5], r[0], "quarter " + q + " starts where quarter " + (q - 1) + " ends");
            }
        }
    }

    @Test
    void run_bundledCdnow_phasesOnStandardErrorButNoRowProgress() {
        DemoRun run = run();

        assertEquals(0, run.status(), run.err()::toString);
        assertPhases(
                run.err(),
                "read 69,659 rows of the bundled CDNOW data",
                "classified 23,570 customers",
                "computed retention of 3 monthly cohorts",
                "counted new, returning, resurrecting and dormant customers per month",
                "tracked every customer's stages and counted the stage flow of the year before asOf",
                "followed every customer's orders through the repeat-order funnel",
                "computed churn and retention of 6 quarters",
                "fitted the purchase model and checked it on a holdout",
                "scored RFM segments and their migration between quarters");
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

        DemoRun run = run("--input", input.toString(), "--report", report.toString());

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
                "computed retention of 12 monthly cohorts",
                "counted new, returning, resurrecting and dormant customers per month",
                "tracked every customer's stages and counted the stage flow of the year before asOf",
                "followed every customer's orders through the repeat-order funnel",
                "computed churn and retention of 5 quarters",
                "fitted the purchase model and checked it on a holdout",
                "scored RFM segments and their migration between quarters",
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
        DemoRun run = run("--json", "--template", "tracking-categories", "--as-of", "1998-01-01");

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
    void run_json_undefinedRatesAreNullAndUnfinishedPeriodsFlagged() throws IOException {
        // as of mid-December 1997 the cohorts' December period has not ended
        DemoRun run = run("--json", "--as-of", "1997-12-15");

        assertEquals(0, run.status(), run.err()::toString);
        JsonNode json = new ObjectMapper().readTree(String.join("\n", run.out()));
        JsonNode firstQuarter = json.get("quarters").get(0);
        assertEquals("1997-Q1", firstQuarter.get("quarter").asText());
        assertEquals(0, firstQuarter.get("customersAtStart").asLong());
        assertTrue(firstQuarter.get("churnRate").isNull(), firstQuarter::toString);
        assertTrue(firstQuarter.get("retentionRate").isNull(), firstQuarter::toString);
        assertTrue(json.get("quarters").get(1).get("churnRate").isDouble(), json.get("quarters")::toString);
        List<long[]> rows = new ArrayList<>();
        for (JsonNode quarter : json.get("quarters")) {
            rows.add(new long[] {
                quarter.get("customersAtStart").asLong(),
                quarter.get("lost").asLong(),
                quarter.get("wonBack").asLong(),
                quarter.get("new").asLong(),
                quarter.get("newNotActiveAtEnd").asLong(),
                quarter.get("customersAtEnd").asLong()
            });
        }
        assertEquals(3, rows.size(), json.get("quarters")::toString);
        assertAddUpAndChain(rows);
        assertTrue(rows.get(2)[2] > 0, json.get("quarters")::toString); // 1997-Q3 wins lapsed customers back
        JsonNode january = json.get("monthlyCohortPeriodComplete").get("1997-01-01");
        assertEquals(12, january.size(), january::toString);
        assertTrue(january.get(10).asBoolean(), january::toString);
        assertFalse(january.get(11).asBoolean(), january::toString);
        assertEquals(
                12, json.get("monthlyCohortBoundedRetention").get("1997-01-01").size());
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

        DemoRun run = run("--input", input.toString(), "--as-of", "2024-04-01");

        assertEquals(0, run.status(), run.err()::toString);
        assertEquals("rows read 4 = used 2 + rejected 2; customers 2", run.out().get(0));
        assertTrue(run.out().get(1).startsWith("  rejected line 3: "), run.out()::toString);
        assertTrue(run.out().get(2).startsWith("  rejected line 5: "), run.out()::toString);
    }

    @Test
    void run_badOptions_oneLineMessageAndStatus2() {
        DemoRun unknown = run("--fast");
        DemoRun badDate = run("--as-of", "yesterday");
        DemoRun missingFile = run("--input", "/nonexistent/events.csv");

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
    void run_report_writesSelfContainedHtmlWithABarPerMeasuredStageAndTheOthersMarked(@TempDir Path dir)
            throws IOException {
        Path report = dir.resolve("report.html");

        DemoRun run = run("--report", report.toString());

        assertEquals(0, run.status(), run.err()::toString);
        String html = Files.readString(report);
        assertTrue(html.startsWith("<!DOCTYPE html>"), () -> html.substring(0, 40));
        for (String stage : List.of("conversion", "retention")) {
            assertTrue(html.contains("class=\"funnel-bar\" data-step=\"" + stage + "\""), stage);
        }
        assertEquals(2, html.split("class=\"funnel-bar\"", -1).length - 1);
        for (String stage : List.of("awareness", "consideration", "advocacy")) {
            assertTrue(html.contains("class=\"value not-measured\" data-step=\"" + stage + "\""), stage);
            assertTrue(html.contains("<tr class=\"not-measured\"><td>" + stage + "</td>"), stage);
        }
        assertTrue(html.contains("Not measured: awareness, consideration, advocacy."), html);
    }

    /** The bundled purchases counted without the classifier: customers with at least one and two purchases. */
    private static long[] buyersAndRepeaters() {
        Map<String, Long> orders = new HashMap<>();
        for (CustomerEvent event : BundledData.bundledCdnow().events()) {
            if (event.type() == EventType.PURCHASE) {
                orders.merge(event.customerId(), 1L, Long::sum);
            }
        }
        long repeaters = orders.values().stream().filter(n -> n >= 2).count();
        return new long[] {orders.size(), repeaters};
    }

    @Test
    void run_bundledCdnow_funnelMarksStagesWithoutEventsNotMeasuredAndRanksTheLossBeforeRetention() {
        DemoRun run = run();

        assertEquals(0, run.status(), run.err()::toString);
        long[] counted = buyersAndRepeaters();
        long lost = counted[0] - counted[1];
        int funnel = run.out().indexOf("funnel of reached stages");
        assertEquals(
                List.of(
                        "  awareness       not measured",
                        "  consideration   not measured",
                        String.format(Locale.ROOT, "  conversion      %7d  (previous step not measured)", counted[0]),
                        String.format(
                                Locale.ROOT,
                                "  retention       %7d  from previous %5.1f%%  drop-off %7d",
                                counted[1],
                                100.0 * counted[1] / counted[0],
                                lost),
                        "  advocacy        not measured",
                        String.format(
                                Locale.ROOT,
                                "  biggest drop-off among measured steps: before retention (%.1f%%)",
                                100.0 * lost / counted[0]),
                        "  not measured: awareness, consideration, advocacy; no event of the input's types (PURCHASE)"
                                + " decides them"),
                run.out().subList(funnel + 1, funnel + 8));
    }

    @Test
    void run_bundledCdnowJson_unmeasuredStepsHaveNullFiguresAndTheLossBeforeRetentionIsRanked() throws IOException {
        DemoRun run = run("--json");

        assertEquals(0, run.status(), run.err()::toString);
        JsonNode json = new ObjectMapper().readTree(String.join("\n", run.out()));
        long[] counted = buyersAndRepeaters();
        JsonNode steps = json.get("funnel");
        assertEquals(5, steps.size(), steps::toString);
        for (int i : new int[] {0, 1, 4}) {
            JsonNode step = steps.get(i);
            assertFalse(step.get("measured").asBoolean(), step::toString);
            for (String figure : List.of("count", "fromPrevious", "dropOff")) {
                assertTrue(step.get(figure).isNull(), step::toString);
            }
        }
        JsonNode conversion = steps.get(2);
        assertEquals("conversion", conversion.get("stage").asText());
        assertTrue(conversion.get("measured").asBoolean());
        assertEquals(counted[0], conversion.get("count").asLong());
        assertTrue(conversion.get("fromPrevious").isNull(), conversion::toString);
        JsonNode retention = steps.get(3);
        assertEquals("retention", retention.get("stage").asText());
        assertEquals(counted[1], retention.get("count").asLong());
        assertEquals(
                (double) counted[1] / counted[0], retention.get("fromPrevious").asDouble(), 1e-15);
        assertEquals(counted[0] - counted[1], retention.get("dropOff").asLong());
        assertEquals("retention", json.get("biggestDropOff").asText());
        assertEquals("[\"PURCHASE\"]", json.get("eventTypes").toString());
    }

    @Test
    void run_bundledCdnowJson_predictionsReconcileWithCountsOfTheEvents() throws IOException {
        DemoRun run = run("--json");

        assertEquals(0, run.status(), run.err()::toString);
        JsonNode predictions =
                new ObjectMapper().readTree(String.join("\n", run.out())).get("predictions");
        long[] counted = buyersAndRepeaters();
        assertEquals("BG/NBD", predictions.get("model").asText(), predictions::toString);
        assertTrue(predictions.get("converged").asBoolean(), predictions::toString);
        assertEquals(counted[0], predictions.get("customers").asLong());
        // every buyer in one bracket of P(alive); under BG/NBD each one-time buyer has P(alive) 1
        long inBrackets = 0;
        for (JsonNode count : predictions.get("probabilityAlive")) {
            inBrackets += count.asLong();
        }
        assertEquals(counted[0], inBrackets);
        assertEquals(
                counted[0] - counted[1],
                predictions.get("customersWithoutRepeatPurchase").asLong());
        assertTrue(predictions.get("probabilityAlive").get("0.9-1.0").asLong() >= counted[0] - counted[1]);
        // the holdout's actual repeat purchases are the purchase days from 1997-10-01 on (every CDNOW customer
        // first bought in the first quarter of 1997), counted here from the events
        JsonNode holdout = predictions.get("holdout");
        Instant start = Instant.parse("1997-10-01T00:00:00Z");
        long inHoldout = BundledData.bundledCdnow().events().stream()
                .filter(e -> e.type() == EventType.PURCHASE && !e.timestamp().isBefore(start))
                .count();
        assertEquals("1997-09-30", holdout.get("calibrationThrough").asText());
        assertEquals("1998-06-30", holdout.get("holdoutThrough").asText());
        assertEquals(inHoldout, holdout.get("actual").asLong());
        assertEquals(counted[0], holdout.get("customers").asLong());
        double predicted = holdout.get("predicted").asDouble();
        assertTrue(predicted > 0.8 * inHoldout && predicted < 1.2 * inHoldout, holdout::toString);
    }

    /**
     * The stage flow of the year before asOf: the customers' matrix is the flow of two classifications of the events up
     * to each instant, and the moves are the transitions a listener of a second tracker heard in that year, so for each
     * stage the change of its customers is the moves in minus the moves out.
     */
    @Test
    void run_bundledCdnowJson_stageFlowIsTheClassificationsFlowAndTheMovesAListenerHeard() throws IOException {
        DemoRun run = run("--json");

        assertEquals(0, run.status(), run.err()::toString);
        JsonNode flow =
                new ObjectMapper().readTree(String.join("\n", run.out())).get("stageFlow");
        Instant from = Instant.parse("1997-07-01T00:00:00Z");
        Instant to = Instant.parse("1998-07-01T00:00:00Z");
        assertEquals(from.toString(), flow.get("from").asText());
        assertEquals(to.toString(), flow.get("to").asText());
        EventBatch events = BundledData.bundledCdnowBatch().batch();
        LifecycleClassifier classifier = LifecycleClassifier.of(Templates.fiveStage());
        MoveMatrix expected = MoveMatrix.between(
                classifier.classifyEach(events.upTo(from), from), classifier.classifyEach(events.upTo(to), to));
        List<String> labels = expected.rows();
        List<String> stages = new ArrayList<>();
        flow.get("stages").forEach(stage -> stages.add(stage.asText()));
        assertEquals(labels, stages);
        long[][] moves = new long[labels.size()][labels.size()];
        LifecycleTracker listened = LifecycleTracker.builder(Templates.fiveStage())
                .listener(t -> {
                    if (t.at().isAfter(from) && !t.at().isAfter(to)) {
                        moves[labels.indexOf(t.fromStageId())][labels.indexOf(t.toStageId())]++;
                    }
                })
                .build();
        listened.acceptAll(events.events());
        listened.advanceTo(to);
        // every CDNOW customer first bought in the first quarter of 1997: nobody is first seen in the year
        for (int r = 0; r < labels.size(); r++) {
            for (int c = 0; c < labels.size(); c++) {
                String cell = labels.get(r) + " -> " + labels.get(c);
                assertEquals(
                        expected.count(r, c),
                        flow.get("customers").get(r).get(c).asLong(),
                        "customers " + cell);
                assertEquals(moves[r][c], flow.get("moves").get(r).get(c).asLong(), "moves " + cell);
            }
        }
        for (int s = 0; s < labels.size() - 1; s++) {
            long in = 0;
            long out = 0;
            for (int other = 0; other < labels.size(); other++) {
                in += moves[other][s];
                out += moves[s][other];
            }
            assertEquals(expected.columnTotal(s) - expected.rowTotal(s), in - out, labels.get(s));
        }
        assertEquals(0, flow.get("eventsNotApplied").asLong());
    }

    @Test
    void run_inputWithoutPurchases_predictionsNotMeasuredWithTheReason(@TempDir Path dir) throws IOException {
        Path input = dir.resolve("visits.csv");
        Files.writeString(
                input, "customer_id,timestamp,type,amount\na,2024-01-02,SITE_VISIT,\nb,2024-01-03,SITE_VISIT,\n");

        DemoRun run = run("--input", input.toString());
        DemoRun json = run("--input", input.toString(), "--json");

        assertEquals(0, run.status(), run.err()::toString);
        String reason = "predictions not measured: no customer has a purchase before asOf";
        String noSegments = "RFM segments not measured: no customer has a purchase before asOf";
        assertEquals(
                List.of(reason, "", noSegments),
                run.out().subList(run.out().size() - 3, run.out().size()));
        JsonNode tree = new ObjectMapper().readTree(String.join("\n", json.out()));
        assertEquals(reason, tree.get("predictions").get("notMeasured").asText());
        assertEquals(noSegments, tree.get("rfm").get("notMeasured").asText());
    }

    @Test
    void run_purchasesOfAFewDays_modelButNoHoldoutCheck(@TempDir Path dir) throws IOException {
        Path input = dir.resolve("week.csv");
        Files.writeString(
                input,
                "customer_id,timestamp,type,amount\na,2024-01-02,PURCHASE,5\na,2024-01-05,PURCHASE,7\n"
                        + "b,2024-01-03,PURCHASE,9\n");

        DemoRun run = run("--input", input.toString());

        assertEquals(0, run.status(), run.err()::toString);
        List<String> out = run.out();
        int holdout = out.indexOf("  holdout check not measured: the purchases span 3 days, fewer than 28");
        assertTrue(out.get(holdout - 13).startsWith("purchase model BG/NBD "), out::toString);
        // the segments follow; two customers, both first bought after the end of the last quarter before that one
        assertEquals(
                "  migration not measured: no customer had a purchase by the end of 2023 Q3", out.get(out.size() - 1));
    }

    @Test
    void run_inputWithVisitsViewsAndReferrals_measuresEveryStage(@TempDir Path dir) throws IOException {
        Path input = dir.resolve("events.csv");
        // 10 visitors; 6 view a product; 4 buy, 3 of them twice; 1 of those refers a friend
        StringBuilder csv = new StringBuilder("customer_id,timestamp,type,amount\n");
        for (int c = 0; c < 10; c++) {
            csv.append("c").append(c).append(",2024-01-02,SITE_VISIT,\n");
            if (c < 6) {
                csv.append("c").append(c).append(",2024-01-03,PRODUCT_VIEW,\n");
            }
            if (c < 4) {
                csv.append("c").append(c).append(",2024-01-04,PURCHASE,20.00\n");
            }
            if (c < 3) {
                csv.append("c").append(c).append(",2024-02-04,PURCHASE,20.00\n");
            }
            if (c < 1) {
                csv.append("c").append(c).append(",2024-02-10,REFERRAL,\n");
            }
        }
        Files.writeString(input, csv.toString());

        DemoRun run = run("--input", input.toString(), "--as-of", "2024-03-01");

        assertEquals(0, run.status(), run.err()::toString);
        int funnel = run.out().indexOf("funnel of reached stages");
        // drop-off rates by hand: 4/10, 2/6, 1/4, 2/3: the loss before advocacy is the biggest
        assertEquals(
                List.of(
                        "  awareness            10  from previous 100.0%  drop-off       0",
                        "  consideration         6  from previous  60.0%  drop-off       4",
                        "  conversion            4  from previous  66.7%  drop-off       2",
                        "  retention             3  from previous  75.0%  drop-off       1",
                        "  advocacy              1  from previous  33.3%  drop-off       2",
                        "  biggest drop-off among measured steps: before advocacy (66.7%)",
                        ""),
                run.out().subList(funnel + 1, funnel + 8));
    }

    @Test
    void run_visitsOnly_saysWhyNoDropOffIsRanked(@TempDir Path dir) throws IOException {
        Path input = dir.resolve("visits.csv");
        Files.writeString(input, """
                customer_id,timestamp,type,amount
                a,2024-01-05,SITE_VISIT,
                b,2024-01-06,SITE_VISIT,
                """);

        DemoRun run = run("--input", input.toString(), "--as-of", "2024-03-01");

        assertEquals(0, run.status(), run.err()::toString);
        int funnel = run.out().indexOf("funnel of reached stages");
        assertEquals(
                List.of(
                        "  awareness             2  from previous 100.0%  drop-off       0",
                        "  consideration   not measured",
                        "  conversion      not measured",
                        "  retention       not measured",
                        "  advocacy        not measured",
                        "  no drop-off ranked: no two consecutive steps are both measured",
                        "  not measured: consideration, conversion, retention, advocacy; no event of the input's types"
                                + " (SITE_VISIT) decides them"),
                run.out().subList(funnel + 1, funnel + 8));
    }

    @Test
    void run_help_listsEveryOption() {
        DemoRun run = run("--help");

        assertEquals(0, run.status());
        String help = String.join("\n", run.out());
        assertTrue(help.contains("Progress goes to standard error"), help);
        assertTrue(help.contains("100,000 rows"), help);
        for (String option : List.of(
                "--input",
                "--columns",
                "--type",
                "--types",
                "--currency",
                "--delimiter",
                "--zone",
                "--template",
                "--as-of",
                "--lapse-days",
                "--report",
                "--customers",
                "--json",
                "--help")) {
            assertTrue(help.contains(option), option);
        }
    }

    @Test
    void run_lineNotUtf8_reportedWithItsNumberAndTheRestRead(@TempDir Path dir) throws IOException {
        Path input = dir.resolve("latin1.csv");
        Files.write(
                input,
                bytes(
                        "customer_id,timestamp,type,amount\na,2024-01-05,PURCHASE,20.00\nb,2024-01-06,PURCHASE,1",
                        new byte[] {(byte) 0xE9},
                        "\nc,2024-01-07,PURCHASE,3.00\n"));

        DemoRun run = run("--input", input.toString(), "--as-of", "2024-04-01");

        assertEquals(0, run.status(), run.err()::toString);
        assertEquals("rows read 3 = used 2 + rejected 1; customers 2", run.out().get(0));
        assertEquals(
                "  rejected line 3: line must be UTF-8 but has a malformed byte sequence at byte 24 (0xE9)",
                run.out().get(1));
    }

    @Test
    void run_crLfAndCrlfLineEnds_lineNumbersAsEditorsShow(@TempDir Path dir) throws IOException {
        Path input = dir.resolve("mixed.csv");
        Files.writeString(
                input,
                "customer_id,timestamp,type,amount\ra,2024-01-05,PURCHASE,1.00\r\nb,bad,PURCHASE,\n"
                        + "c,2024-01-07,PURCHASE,3.00\rd,2024-13-01,PURCHASE,\r\n\r",
                StandardCharsets.UTF_8);

        DemoRun run = run("--input", input.toString(), "--as-of", "2024-04-01");

        assertEquals(0, run.status(), run.err()::toString);
        assertEquals(
                List.of(
                        "rows read 5 = used 2 + rejected 3; customers 2",
                        "  rejected line 3: " + TIMESTAMP_RULE + "'bad'",
                        "  rejected line 5: " + TIMESTAMP_RULE + "'2024-13-01'",
                        "  rejected line 6: line is blank"),
                run.out().subList(0, 4));
    }

    @Test
    void run_manyRejectedLines_showsTwentyAndCountsTheRest(@TempDir Path dir) throws IOException {
        Path input = dir.resolve("bad.csv");
        StringBuilder text = new StringBuilder("customer_id,timestamp,type,amount\na,2024-01-05,PURCHASE,1.00\n");
        for (int i = 0; i < 25; i++) {
            text.append("a,2024-01-05,NOT_A_TYPE,\n");
        }
        Files.writeString(input, text, StandardCharsets.UTF_8);

        DemoRun run = run("--input", input.toString(), "--as-of", "2024-04-01");

        assertEquals(0, run.status(), run.err()::toString);
        assertEquals(
                "rows read 26 = used 1 + rejected 25; customers 1", run.out().get(0));
        assertEquals(
                "  rejected line 22: type must be one of [PURCHASE, REFUND, SITE_VISIT, AD_CLICK, SOCIAL_VIEW, PRODUCT_VIEW,"
                        + " CART_ADD, SIGN_UP, REFERRAL, REVIEW, EMAIL_DELIVERED, EMAIL_OPEN, EMAIL_CLICK,"
                        + " LOYALTY_ENROLMENT] (in any case) but was 'NOT_A_TYPE'",
                run.out().get(20));
        assertEquals("  and 5 more rejected lines", run.out().get(21));
    }

    @Test
    void run_eventsAfterAsOf_countLineSaysHowManyWereLeftOut(@TempDir Path dir) throws IOException {
        Path input = dir.resolve("events.csv");
        Files.writeString(input, """
                customer_id,timestamp,type,amount
                a,2024-01-05,PURCHASE,20.00
                a,2024-05-05,PURCHASE,20.00
                b,2024-06-01,SITE_VISIT,
                """);

        DemoRun run = run("--input", input.toString(), "--as-of", "2024-04-01");

        assertEquals(0, run.status(), run.err()::toString);
        assertEquals(
                List.of(
                        "rows read 3 = used 3 + rejected 0; customers 1",
                        "events 3 = up to asOf 1 + after asOf 2 (left out of every figure)",
                        "template five-stage, as of 2024-04-01T00:00:00Z"),
                run.out().subList(0, 3));
    }

    @Test
    void run_bundledCdnowAsOfApril1997_eventsAfterAsOfCountedAndLeftOut() throws IOException {
        // worked out from the file alone: 69,659 rows, 67,591 distinct (customer, day) purchases, of which 31,288 are
        // on or before 1997-04-01 (an event at asOf, the start of that day, is not after it) and 36,303 after it
        DemoRun text = run("--as-of", "1997-04-01");
        DemoRun json = run("--as-of", "1997-04-01", "--json");

        assertEquals(0, text.status(), text.err()::toString);
        assertEquals(
                List.of(
                        "rows read 69659 = used 69659 + rejected 0; customers 23570",
                        "events 67591 = up to asOf 31288 + after asOf 36303 (left out of every figure); 2068 rows"
                                + " merged into a purchase of the same customer and day",
                        "template five-stage, as of 1997-04-01T00:00:00Z"),
                text.out().subList(0, 3));
        assertEquals(0, json.status(), json.err()::toString);
        JsonNode events =
                new ObjectMapper().readTree(String.join("\n", json.out())).get("events");
        assertEquals(67591, events.get("total").asLong());
        assertEquals(2068, events.get("rowsMerged").asLong());
        assertEquals(31288, events.get("upToAsOf").asLong());
        assertEquals(36303, events.get("afterAsOf").asLong());
    }

    @Test
    void run_directoryAsInput_oneLineAndStatus2(@TempDir Path dir) {
        DemoRun run = run("--input", dir.toString());

        assertEquals(2, run.status());
        assertEquals(List.of("lifecycle-demo: cannot read event file '" + dir + "': it is a directory"), run.err());
        assertEquals(List.of(), run.out());
    }

    @Test
    void run_reportFolderMissing_oneLineAndStatus2BeforeAnyWork(@TempDir Path dir) {
        Path report = dir.resolve("missing").resolve("report.html");

        DemoRun run = run("--report", report.toString());

        assertEquals(2, run.status());
        assertEquals(
                List.of("lifecycle-demo: cannot write the report '" + report + "': folder '" + report.getParent()
                        + "' does not exist"),
                run.err());
        assertEquals(List.of(), run.out());
    }

    @Test
    void run_misspelledTemplateName_listsTheValidNamesBeforeTheInputIsRead(@TempDir Path dir) {
        // an input that does not exist: were it read first, its error would be the one shown
        Path absent = dir.resolve("absent.csv");

        DemoRun run = run("--input", absent.toString(), "--template", "five-stages");

        assertEquals(2, run.status());
        assertEquals(
                List.of("lifecycle-demo: --template must be five-stage, buyer-lifecycle, tracking-categories or a"
                        + " template file ending in .json, .yaml or .yml but was 'five-stages' (try --help)"),
                run.err());
        assertEquals(List.of(), run.out());
    }

    @Test
    void run_templateFileMissing_namesTheFileBeforeTheInputIsRead(@TempDir Path dir) {
        Path template = dir.resolve("missing.yaml");
        Path absent = dir.resolve("absent.csv");

        DemoRun run = run("--input", absent.toString(), "--template", template.toString());

        assertEquals(2, run.status());
        assertEquals(List.of("lifecycle-demo: cannot read template file '" + template + "': no such file"), run.err());
        assertEquals(List.of(), run.out());
    }

    @Test
    void run_templateFileWithProblems_oneLineEachWithLineAndColumnBeforeTheInputIsRead(@TempDir Path dir)
            throws IOException {
        Path template = dir.resolve("two.yaml");
        Files.writeString(template, """
                name: two
                stages:
                  - id: a
                    bogus: 1
                  - id: b
                    colour: red
                rules: []
                """);
        Path absent = dir.resolve("absent.csv");

        DemoRun run = run("--input", absent.toString(), "--template", template.toString());

        assertEquals(2, run.status());
        String stageKeys =
                "; expected one of [id, name, side-stage, churn, description, channels, touchpoints, metrics,"
                        + " strategy]";
        assertEquals(
                List.of(
                        "lifecycle-demo: " + template + " has 3 problems:",
                        "  " + template + ":4:5: stages[0].bogus: unknown key 'bogus' in a stage" + stageKeys,
                        "  " + template + ":6:5: stages[1].colour: unknown key 'colour' in a stage" + stageKeys,
                        "  " + template + ":7:8: rules: main-path stage 'b' of template 'two' cannot be reached from"
                                + " entry stage 'a': no chain of rules leads to it"),
                run.err());
        assertEquals(List.of(), run.out());
    }

    @Test
    void run_templateFileWithManyProblems_showsTwentyWithTheirLinesAndCountsTheRest(@TempDir Path dir)
            throws IOException {
        Path template = dir.resolve("many.yaml");
        StringBuilder yaml = new StringBuilder("name: many\nstages:\n");
        for (int i = 0; i < 25; i++) {
            yaml.append("  - id: s").append(i).append("\n    bogus: ").append(i).append('\n');
        }
        yaml.append("rules: []\n");
        Files.writeString(template, yaml, StandardCharsets.UTF_8);

        DemoRun run = run("--template", template.toString());

        assertEquals(2, run.status());
        // 25 unknown keys, then the main-path stages no rule reaches
        assertEquals(
                "lifecycle-demo: " + template + " has 26 problems:", run.err().get(0));
        assertEquals(LifecycleDemo.MAX_PROBLEMS_SHOWN + 2, run.err().size(), run.err()::toString);
        for (int i = 0; i < LifecycleDemo.MAX_PROBLEMS_SHOWN; i++) {
            // the stage of item i starts on line 3 + 2i, its bogus key on the next line
            assertTrue(
                    run.err()
                            .get(1 + i)
                            .startsWith("  " + template + ":" + (4 + 2 * i) + ":5: stages[" + i + "].bogus: "),
                    run.err().get(1 + i));
        }
        assertEquals("  and 6 more problems", run.err().get(run.err().size() - 1));
    }

    @Test
    void run_templateFileWhoseValuesOverflow_theProblemWithItsLineAndStatus2(@TempDir Path dir) throws IOException {
        Path template = dir.resolve("overflow.yaml");
        Files.writeString(template, """
                name: overflow
                extends: five-stage
                edits:
                  - add-rule:
                      id: top
                      from: [retention]
                      to: advocacy
                      priority: 2147483647
                      when: {type: orders-at-least, count: 9}
                  - split-stage:
                      stage: retention
                      first: {id: r1}
                      second: {id: r2}
                      advance: {type: engaged, count: 1}
                """);

        DemoRun run = run("--template", template.toString());

        assertEquals(2, run.status());
        assertEquals(
                List.of(
                        "lifecycle-demo: " + template + " has 1 problem:",
                        "  " + template + ":11:7: edits[1].split-stage: cannot split stage 'retention' of template"
                                + " 'five-stage': rule 'top' leaving it has priority 2147483647, the highest there is,"
                                + " so no priority is left above it for rule 'r1-to-r2'"),
                run.err());
        assertEquals(List.of(), run.out());
    }

    @Test
    void run_rowsWithExtremeInstantsAndHugeAmounts_rejectedPerLineAndReconciled(@TempDir Path dir) throws IOException {
        Path input = dir.resolve("hostile.csv");
        Files.writeString(input, """
                customer_id,timestamp,type,amount
                a,-1000000000-01-01T00:00:00Z,PURCHASE,1.00
                b,+1000000000-01-01T00:00:00Z,PURCHASE,1.00
                c,2024-01-05,PURCHASE,1e99999999
                d,2024-01-05,PURCHASE,20.00
                """);

        DemoRun run = assertTimeoutPreemptively(
                Duration.ofSeconds(20), () -> run("--input", input.toString(), "--as-of", "2024-04-01"));

        assertEquals(0, run.status(), run.err()::toString);
        String rule = "timestamp must lie between 1678-01-01T00:00:00Z (inclusive) and 2262-01-01T00:00:00Z"
                + " (exclusive) but was ";
        assertEquals(
                List.of(
                        "rows read 4 = used 1 + rejected 3; customers 1",
                        "  rejected line 2: " + rule + "-1000000000-01-01T00:00:00Z",
                        "  rejected line 3: " + rule + "+1000000000-01-01T00:00:00Z",
                        "  rejected line 4: amount: amount must have at most 18 digits before the decimal point but"
                                + " was 1E+99999999"),
                run.out().subList(0, 4));
    }

    @Test
    void run_asOfOutsideTheSupportedRange_oneLineAndStatus2AtOnce() {
        DemoRun late = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> run("--as-of", "9999-12-31"));
        DemoRun early = run("--as-of", "1677-12-31");

        assertEquals(2, late.status());
        assertEquals(
                List.of("lifecycle-demo: --as-of must lie between 1678-01-01T00:00:00Z (inclusive) and"
                        + " 2262-01-01T00:00:00Z (exclusive) but was 9999-12-31T00:00:00Z (try --help)"),
                late.err());
        assertEquals(2, early.status());
        assertEquals(
                List.of("lifecycle-demo: --as-of must lie between 1678-01-01T00:00:00Z (inclusive) and"
                        + " 2262-01-01T00:00:00Z (exclusive) but was 1677-12-31T00:00:00Z (try --help)"),
                early.err());
    }

    @Test
    void run_spanBeyondThePeriodBound_oneLineNamingTheBound(@TempDir Path dir) throws IOException {
        Path input = dir.resolve("centuries.csv");
        Files.writeString(input, """
                customer_id,timestamp,type,amount
                a,1900-01-01,PURCHASE,1.00
                b,2261-12-31,PURCHASE,1.00
                """);

        DemoRun run = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> run("--input", input.toString()));

        assertEquals(2, run.status());
        assertEquals(
                "lifecycle-demo: period table from 1900-01-01 to 2261-12-31 would have 4344 months; at most 1200"
                        + " periods are supported",
                run.err().get(run.err().size() - 1));
        assertEquals(List.of(), run.out());
    }

    @Test
    void run_longSpanWithinTheBound_showsTheLastTwentyQuarters(@TempDir Path dir) throws IOException {
        Path input = dir.resolve("decades.csv");
        Files.writeString(input, """
                customer_id,timestamp,type,amount
                a,1950-02-01,PURCHASE,1.00
                a,2040-05-01,PURCHASE,1.00
                b,2040-06-01,PURCHASE,1.00
                """);

        DemoRun run = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> run("--input", input.toString()));

        assertEquals(0, run.status(), run.err()::toString);
        int table = run.out().indexOf(QUARTER_HEADING);
        assertEquals(LifecycleDemo.QUARTER_SUM, run.out().get(table - 1));
        assertEquals(
                "the last 20 quarters; 341 earlier quarters from 1950-Q1 not shown",
                run.out().get(table - 2));
        assertTrue(run.out().get(table + 1).startsWith("2035-Q2 "), run.out()::toString);
        assertTrue(run.out().get(table + 20).startsWith("2040-Q1 "), run.out()::toString);
        assertEquals("", run.out().get(table + 21));
    }

    @Test
    void run_myShopTemplate_vipCustomersActiveAndNotLost(@TempDir Path dir) throws IOException {
        Path input = dir.resolve("shop.csv");
        // l buys once and lapses on 2024-03-29; v spends 1,100 USD by 2024-02-10 and is a VIP from then on
        Files.writeString(input, """
                customer_id,timestamp,type,amount
                l,2023-10-01,PURCHASE,20.00
                v,2024-01-10,PURCHASE,600.00
                v,2024-02-10,PURCHASE,500.00
                """);
        Path myShop = Path.of("..", "lifecycle-templates", "src", "test", "resources", "examples", "my-shop.yaml");

        DemoRun run = run("--input", input.toString(), "--template", myShop.toString(), "--as-of", "2024-07-01");

        assertEquals(0, run.status(), run.err()::toString);
        assertTrue(run.out().stream().anyMatch(l -> l.matches(" +vip +1 +50\\.0%")), run.out()::toString);
        assertTrue(run.out().stream().anyMatch(l -> l.matches(" +lapsed +1 +50\\.0%")), run.out()::toString);
        List<long[]> rows = quarterRows(run.out());
        assertAddUpAndChain(rows);
        // 2024-Q1: l, the only customer at the start, lapses; v is new. 2024-Q2: v, a VIP all quarter, is active at
        // the start and at the end and is not lost.
        assertEquals(
                List.of(
                        List.of(0L, 0L, 0L, 1L, 0L, 1L),
                        List.of(1L, 1L, 0L, 1L, 0L, 1L),
                        List.of(1L, 0L, 0L, 0L, 0L, 1L)),
                rows.stream()
                        .map(r -> java.util.Arrays.stream(r).boxed().toList())
                        .toList());
    }

    @Test
    void run_templateWithoutChurnStage_oneLineInsteadOfTheTableAndJsonNullWithTheReason(@TempDir Path dir)
            throws IOException {
        Path input = dir.resolve("shop.csv");
        Files.writeString(input, """
                customer_id,timestamp,type,amount
                a,2024-01-10,PURCHASE,20.00
                """);
        Path template = dir.resolve("plain.yaml");
        Files.writeString(template, """
                name: plain
                stages:
                  - id: lead
                  - id: buyer
                  - {id: away, side-stage: true}
                rules:
                  - {id: buy, from: [lead], to: buyer, when: {type: orders-at-least, count: 1}}
                """);
        Path report = dir.resolve("plain.html");
        String line = "churn and retention not measured: template 'plain' declares no churn stage (mark the side stage"
                + " of churned customers with churn: true)";

        DemoRun text =
                run("--input", input.toString(), "--template", template.toString(), "--report", report.toString());
        DemoRun json = run("--input", input.toString(), "--template", template.toString(), "--json");

        assertEquals(0, text.status(), text.err()::toString);
        int at = text.out().indexOf(line);
        assertTrue(at > 0, text.out()::toString);
        assertEquals("", text.out().get(at + 1));
        assertEquals("monthly cohorts, bounded retention", text.out().get(at + 2));
        assertTrue(text.out().stream().noneMatch(l -> l.startsWith("quarter ")), text.out()::toString);
        assertTrue(text.err().stream().noneMatch(l -> l.startsWith("computed churn")), text.err()::toString);
        String html = Files.readString(report);
        assertFalse(html.contains("period-rates"), html);
        assertTrue(html.contains("<dt>churn and retention</dt><dd>" + line.replace("'", "&#39;") + "</dd>"), html);
        assertEquals(0, json.status(), json.err()::toString);
        JsonNode document = new ObjectMapper().readTree(String.join("\n", json.out()));
        assertTrue(document.get("quarters").isNull(), document::toString);
        assertEquals(line, document.get("churnNotMeasured").asText());
    }

    @Test
    void run_lastEventOnTheLastSupportedDay_asOfIsThatEvent(@TempDir Path dir) throws IOException {
        Path input = dir.resolve("last-day.csv");
        Files.writeString(input, """
                customer_id,timestamp,type,amount
                a,2261-12-31T12:00:00Z,PURCHASE,1.00
                """);

        DemoRun run = run("--input", input.toString());

        assertEquals(0, run.status(), run.err()::toString);
        assertEquals(
                "template five-stage, as of 2261-12-31T12:00:00Z", run.out().get(2));
    }

    @Test
    void run_ordersExportWithColumnOptions_figuresOfTheMappedRows(@TempDir Path dir) throws IOException {
        Path orders = dir.resolve("orders.csv");
        Files.writeString(orders, """
                order_id,customer,created_at,total,currency
                o1,ada,2024-01-05 10:00:00,"1000.00",EUR
                o2,ada,2024-02-05 11:30:00,"25.00",EUR
                o3,bob,2024-02-10T08:00:00Z,12.50,eur
                o4,bob,2024-03-01,"1,000.00",EUR
                o5,cyd,2024-03-02,9.99,EUR
                o2,cyd,2024-03-03,1.00,EUR
                """);

        DemoRun run = run(
                "--input",
                orders.toString(),
                "--columns",
                "customer=customer,timestamp=created_at,amount=total,currency=currency,event-id=order_id",
                "--type",
                "PURCHASE",
                "--as-of",
                "2024-04-01");

        assertEquals(0, run.status(), run.err()::toString);
        assertEquals(
                List.of(
                        "rows read 6 = used 4 + rejected 2; customers 3",
                        "  rejected line 5: total: amount must be a decimal number but was '1,000.00' (write amounts"
                                + " without thousands separators, with '.' as the decimal point)",
                        "  rejected line 7: order_id 'o2' was used by line 3 already; each row must have its own"
                                + " event id",
                        "events 4 = up to asOf 4 + after asOf 0 (left out of every figure)"),
                run.out().subList(0, 4));
        // ada bought twice, bob and cyd once each (bob's second order is the rejected one)
        assertTrue(run.out().contains("repeat-purchase rate  33.3% (1 of 3 customers)"), run.out()::toString);
    }

    @Test
    void run_semicolonExportWithTypeNamesZoneAndCurrency_readsTheMappedRows(@TempDir Path dir) throws IOException {
        Path export = dir.resolve("export.csv");
        Files.writeString(export, """
                kunde;zeit;art;betrag;notiz
                k1;2024-02-01 00:30;Bestellung;"10.00";"a; b"
                k1;2024-02-05 10:00;Besuch;;
                k2;2024-02-06 10:00;Bestellung;12.00;
                k2;2024-02-07 10:00;Klick;;
                """);

        DemoRun run = run(
                "--input",
                export.toString(),
                "--delimiter",
                ";",
                "--columns",
                "customer=kunde,timestamp=zeit,type=art,amount=betrag",
                "--types",
                "Bestellung=PURCHASE,Besuch=site_visit",
                "--currency",
                "EUR",
                "--zone",
                "Europe/Berlin",
                "--json");

        assertEquals(0, run.status(), run.err()::toString);
        JsonNode json = new ObjectMapper().readTree(String.join("\n", run.out()));
        assertEquals(4, json.get("rows").get("read").asLong());
        assertEquals(3, json.get("rows").get("used").asLong());
        assertEquals(2, json.get("customers").asLong());
        // k1's purchase at 00:30 on 1 February in Berlin is 23:30 on 31 January in UTC: January's cohort
        assertTrue(json.get("monthlyCohortBoundedRetention").has("2024-01-01"), json::toString);
        assertTrue(json.get("monthlyCohortBoundedRetention").has("2024-02-01"), json::toString);
        assertEquals(2, json.get("monthlyCohortBoundedRetention").size(), json::toString);
        assertTrue(run.err().get(0).contains("(columns not used: [notiz])"), run.err()::toString);
    }

    @Test
    void run_badMappingOptions_oneLineListingTheValidValues(@TempDir Path dir) throws IOException {
        Path input = dir.resolve("events.csv");
        Files.writeString(input, "customer_id,timestamp,type,amount\na,2024-01-05,PURCHASE,1.00\n");
        String in = input.toString();

        assertEquals(
                List.of("lifecycle-demo: --columns keys must be customer, timestamp, type, amount, currency, event-id"
                        + " but one was 'cust' (try --help)"),
                run("--input", in, "--columns", "cust=a,timestamp=b").err());
        assertEquals(
                List.of("lifecycle-demo: --columns must name the customer column (customer=COLUMN) (try --help)"),
                run("--input", in, "--columns", "timestamp=b,type=c").err());
        assertEquals(
                List.of("lifecycle-demo: --type: an event type must be one of " + EventMapping.rowTypes()
                        + " but was 'ORDER' (try --help)"),
                run("--input", in, "--type", "ORDER").err());
        assertEquals(
                List.of("lifecycle-demo: the mapping options do not describe the events: amount column 'total' needs a"
                        + " currency: map a currency column (currency(column)) or give every row one"
                        + " (defaultCurrency(code)); amounts are never assumed to be US dollars (see --columns, --type"
                        + " and --currency) (try --help)"),
                run("--input", in, "--columns", "customer=a,timestamp=b,amount=total", "--type", "PURCHASE")
                        .err());
        assertEquals(
                List.of("lifecycle-demo: --delimiter must be ',', ';', '|' or tab but was ':' (try --help)"),
                run("--input", in, "--delimiter", ":").err());
        assertEquals(
                List.of("lifecycle-demo: --zone must be a time zone such as UTC or Europe/Berlin but was 'Mars/Base'"
                        + " (try --help)"),
                run("--input", in, "--zone", "Mars/Base").err());
        assertEquals(
                List.of("lifecycle-demo: --currency must be an ISO 4217 code such as EUR but was 'EURO' (try --help)"),
                run("--input", in, "--currency", "EURO").err());
        assertEquals(
                List.of("lifecycle-demo: --types must be NAME=TYPE pairs separated by commas but had 'order' (try"
                        + " --help)"),
                run("--input", in, "--types", "order").err());
        assertEquals(
                List.of("lifecycle-demo: --currency, --zone describe an --input CSV file; the bundled CDNOW data has a"
                        + " format of its own (try --help)"),
                run("--currency", "EUR", "--zone", "UTC").err());
    }

    @Test
    void run_defaultHeaderWithCurrencyOption_amountsInThatCurrency(@TempDir Path dir) throws IOException {
        Path input = dir.resolve("yen.csv");
        Files.writeString(
                input, "customer_id,timestamp,type,amount\na,2024-01-05,PURCHASE,1000\nb,2024-01-06,PURCHASE,0.5\n");

        DemoRun run = run("--input", input.toString(), "--currency", "JPY", "--as-of", "2024-04-01");

        assertEquals(0, run.status(), run.err()::toString);
        assertEquals(
                List.of(
                        "rows read 2 = used 1 + rejected 1; customers 1",
                        "  rejected line 3: amount: amount 0.5 has more decimal places than JPY allows (0)"),
                run.out().subList(0, 2));
    }

    private static byte[] bytes(String before, byte[] middle, String after) {
        byte[] head = before.getBytes(StandardCharsets.UTF_8);
        byte[] tail = after.getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[head.length + middle.length + tail.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(middle, 0, all, head.length, middle.length);
        System.arraycopy(tail, 0, all, head.length + middle.length, tail.length);
        return all;
    }
}
