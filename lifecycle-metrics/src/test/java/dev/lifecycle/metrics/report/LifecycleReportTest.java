package dev.lifecycle.metrics.report;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.testing.EqualsTester;
import com.google.common.testing.NullPointerTester;
import dev.lifecycle.core.CustomerEvent;
import dev.lifecycle.core.CustomerProfile;
import dev.lifecycle.core.EventType;
import dev.lifecycle.core.LifecycleClassifier;
import dev.lifecycle.core.StageDistribution;
import dev.lifecycle.core.Templates;
import dev.lifecycle.metrics.HashCodes;
import dev.lifecycle.metrics.cohort.CohortPeriod;
import dev.lifecycle.metrics.cohort.CohortRetention;
import dev.lifecycle.metrics.funnel.Funnel;
import dev.lifecycle.metrics.nps.NetPromoterScore;
import dev.lifecycle.metrics.rate.PeriodRates;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTML report: structure, proportional bars, escaping, optional sections, determinism and rejected input. */
final class LifecycleReportTest {
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final String VIP = "<vip & \"friends\">";

    private static final Pattern TAG =
            Pattern.compile("<(/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\\s+[a-zA-Z][a-zA-Z:-]*=\"[^\"<]*\")*)\\s*(/?)>");
    private static final Pattern ENTITY = Pattern.compile("&(lt|gt|amp|quot|#39);");
    private static final Pattern BAR = Pattern.compile(
            "<rect class=\"(funnel-bar|stage-bar)\" data-(?:step|stage)=\"([^\"]*)\" data-count=\"(\\d+)\""
                    + " x=\"\\d+\" y=\"\\d+\" width=\"([0-9.]+)\"");
    private static final Pattern COHORT_CELL = Pattern.compile("<td class=\"cohort-cell( incomplete)?\"[^>]*>");
    private static final Pattern URL = Pattern.compile("https?://[^\"\\s<]*");

    private static CustomerProfile profile(String id, EventType... types) {
        List<CustomerEvent> events = new ArrayList<>();
        for (int i = 0; i < types.length; i++) {
            events.add(CustomerEvent.of(id, types[i], T0.plus(Duration.ofHours(i))));
        }
        return CustomerProfile.fromEvents(id, events);
    }

    private static StageDistribution distribution() {
        List<CustomerProfile> profiles = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            profiles.add(profile("idle-" + i));
        }
        for (int i = 0; i < 2; i++) {
            profiles.add(profile("engaged-" + i, EventType.PRODUCT_VIEW));
        }
        profiles.add(profile("buyer", EventType.PURCHASE));
        profiles.add(profile("repeat", EventType.PURCHASE, EventType.PURCHASE));
        return LifecycleClassifier.of(Templates.fiveStage()).classifyAll(profiles, T0.plus(Duration.ofDays(1)));
    }

    private static CustomerEvent buy(String customer, String instant) {
        return CustomerEvent.of(customer, EventType.PURCHASE, Instant.parse(instant));
    }

    /** January cohort with cells k = 0, 1, 2 (k = 2 incomplete); February cohort with k = 0, 1 (1 incomplete). */
    private static CohortRetention cohorts() {
        return CohortRetention.of(
                List.of(
                        buy("a", "2026-01-05T10:00:00Z"),
                        buy("a", "2026-02-10T10:00:00Z"),
                        buy("b", "2026-01-20T10:00:00Z"),
                        buy("c", "2026-02-03T10:00:00Z"),
                        buy("c", "2026-03-03T10:00:00Z")),
                CohortPeriod.MONTH,
                Instant.parse("2026-03-20T00:00:00Z"));
    }

    // built once: events get random ids, and tables are equal only when their events are
    private static final CohortRetention COHORTS = cohorts();

    private static LifecycleReport.Builder minimal() {
        StageDistribution distribution = distribution();
        return LifecycleReport.builder().distribution(distribution).funnel(Funnel.fromDistribution(distribution));
    }

    private static LifecycleReport full() {
        return minimal()
                .title("Q1 & beyond")
                .cohortRetention(COHORTS)
                .nps(NetPromoterScore.ofCounts(50, 30, 20))
                .keyFigure("Revenue", "USD 1,234.50")
                .keyFigure("Churn", "4.2%")
                .build();
    }

    @Test
    void toHtml_periodRates_tableRowPerQuarterWithTheTextOutputsFigures() {
        // a buys in January and again in August, so a lapses (180 days) in July and is won back in August; b buys in
        // March only and lapses in September; c buys in May only
        List<CustomerEvent> events = List.of(
                buy("a", "2025-01-10T10:00:00Z"),
                buy("a", "2025-08-20T10:00:00Z"),
                buy("b", "2025-03-05T10:00:00Z"),
                buy("c", "2025-05-15T10:00:00Z"));
        List<PeriodRates> quarters = PeriodRates.quarterly(
                Templates.fiveStage(),
                events,
                Instant.parse("2025-01-10T10:00:00Z"),
                Instant.parse("2026-01-01T00:00:00Z"));

        String html = minimal().periodRates(quarters).build().toHtml();

        assertWellFormed(html);
        assertEquals(4, occurrences(html, "<tr class=\"period-row\">"), html);
        for (PeriodRates q : quarters) {
            String name = ReportHtml.periodName(q.start(), q.end());
            String row = "<tr class=\"period-row\"><td>" + name + "</td><td class=\"num\">" + q.customersAtStart()
                    + "</td><td class=\"num\">" + q.lostCustomers() + "</td><td class=\"num\">"
                    + q.wonBackCustomers() + "</td><td class=\"num\">" + q.newCustomersAcquired()
                    + "</td><td class=\"num\">" + q.newCustomersNotActiveAtEnd() + "</td><td class=\"num\">"
                    + q.customersAtEnd() + "</td>";
            assertTrue(html.contains(row), () -> "missing " + row + " in\n" + html);
        }
        assertTrue(
                html.contains("<th>At start</th><th>Lost</th><th>Won back</th><th>New</th>"
                        + "<th>New not active at end</th><th>At end</th>"),
                html);
        // Q3: a, b and c were active at the start; a and b lapsed during it (a won back in August), so both are lost
        // and a is won back; c is still active: 3 - 2 + 1 + 0 - 0 = 2 at the end
        PeriodRates q3 = quarters.get(2);
        assertEquals("2025-Q3", ReportHtml.periodName(q3.start(), q3.end()));
        assertEquals(3, q3.customersAtStart());
        assertEquals(2, q3.lostCustomers());
        assertEquals(1, q3.wonBackCustomers());
        assertEquals(2, q3.customersAtEnd());
        assertTrue(
                html.contains("<td>2025-Q3</td><td class=\"num\">3</td><td class=\"num\">2</td><td class=\"num\">1"
                        + "</td><td class=\"num\">0</td><td class=\"num\">0</td><td class=\"num\">2</td>"),
                html);
    }

    @Test
    void periodName_quarterOrAnyOtherPeriod() {
        assertEquals(
                "2025-Q4",
                ReportHtml.periodName(Instant.parse("2025-10-01T00:00:00Z"), Instant.parse("2026-01-01T00:00:00Z")));
        assertEquals(
                "2025-10-02T00:00:00Z to 2026-01-01T00:00:00Z",
                ReportHtml.periodName(Instant.parse("2025-10-02T00:00:00Z"), Instant.parse("2026-01-01T00:00:00Z")));
    }

    @Test
    void builder_overlappingPeriods_rejectedNamingThem() {
        List<CustomerEvent> events = List.of(buy("a", "2025-01-10T10:00:00Z"));
        PeriodRates first = PeriodRates.compute(
                Templates.fiveStage(),
                events,
                Instant.parse("2025-01-01T00:00:00Z"),
                Instant.parse("2025-04-01T00:00:00Z"));
        PeriodRates second = PeriodRates.compute(
                Templates.fiveStage(),
                events,
                Instant.parse("2025-03-01T00:00:00Z"),
                Instant.parse("2025-06-01T00:00:00Z"));

        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> minimal().periodRates(List.of(second, first)));

        assertEquals(
                "periods must not overlap, but 2025-01-01T00:00:00Z to 2025-04-01T00:00:00Z overlaps"
                        + " 2025-03-01T00:00:00Z to 2025-06-01T00:00:00Z",
                e.getMessage());
    }

    /** Checks that the markup nests and closes every element and uses only the entities XML predefines. */
    private static void assertWellFormed(String html) {
        assertTrue(html.startsWith("<!DOCTYPE html>\n"), "doctype");
        String body = html.substring("<!DOCTYPE html>".length());
        Deque<String> open = new ArrayDeque<>();
        int at = 0;
        Matcher tag = TAG.matcher(body);
        while (at < body.length()) {
            int lt = body.indexOf('<', at);
            String text = body.substring(at, lt < 0 ? body.length() : lt);
            assertTextEscaped(text);
            if (lt < 0) {
                break;
            }
            assertTrue(tag.find(lt) && tag.start() == lt, () -> "not a tag at " + lt + ": " + snippet(body, lt));
            String name = tag.group(2);
            assertTextEscaped(tag.group(3));
            if (tag.group(1).equals("/")) {
                assertFalse(open.isEmpty(), () -> "close without open: " + name);
                assertEquals(open.pop(), name, () -> "mismatched close at " + snippet(body, lt));
            } else if (tag.group(4).isEmpty()) {
                open.push(name);
            }
            at = tag.end();
        }
        assertTrue(open.isEmpty(), () -> "unclosed: " + open);
    }

    private static void assertTextEscaped(String text) {
        assertFalse(text.contains(">"), () -> "raw '>' in " + text);
        Matcher entities = ENTITY.matcher(text);
        String withoutEntities = entities.replaceAll("");
        assertFalse(withoutEntities.contains("&"), () -> "raw '&' in " + text);
    }

    private static String snippet(String text, int at) {
        return text.substring(at, Math.min(text.length(), at + 80));
    }

    private static String unescape(String text) {
        return text.replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&#39;", "'")
                .replace("&amp;", "&");
    }

    private record Bar(String name, long count, double width) {}

    private static List<Bar> bars(String html, String cssClass) {
        List<Bar> bars = new ArrayList<>();
        Matcher matcher = BAR.matcher(html);
        while (matcher.find()) {
            if (matcher.group(1).equals(cssClass)) {
                bars.add(new Bar(
                        unescape(matcher.group(2)),
                        Long.parseLong(matcher.group(3)),
                        Double.parseDouble(matcher.group(4))));
            }
        }
        return bars;
    }

    private static int occurrences(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            count++;
        }
        return count;
    }

    @Test
    void toHtml_fullReport_wellFormed() {
        assertWellFormed(full().toHtml());
    }

    @Test
    void toHtml_minimalReport_wellFormed() {
        assertWellFormed(minimal().build().toHtml());
    }

    @Test
    void toHtml_funnel_oneBarPerStepInOrder() {
        LifecycleReport report = full();

        List<Bar> bars = bars(report.toHtml(), "funnel-bar");

        assertEquals(
                List.of("awareness", "consideration", "conversion", "retention", "advocacy"),
                bars.stream().map(Bar::name).toList());
        assertEquals(List.of(7L, 4L, 2L, 1L, 0L), bars.stream().map(Bar::count).toList());
        assertEquals(5, occurrences(report.toHtml(), "class=\"funnel-bar\""));
    }

    @Test
    void toHtml_funnelBars_widthsProportionalToCounts() {
        Funnel funnel = Funnel.builder()
                .step("visit", 1000)
                .step("cart", 400)
                .step("checkout", 130)
                .step("paid", 7)
                .build();
        String html = minimal().funnel(funnel).build().toHtml();

        List<Bar> bars = bars(html, "funnel-bar");

        assertEquals(4, bars.size());
        double top = bars.get(0).width();
        assertTrue(top > 0);
        long[] counts = {1000, 400, 130, 7};
        for (int i = 0; i < counts.length; i++) {
            assertEquals(
                    (double) counts[i] / 1000,
                    bars.get(i).width() / top,
                    1e-6,
                    bars.get(i).name());
        }
    }

    @Test
    void toHtml_funnel_countsAndConversionsBesideBars() {
        Funnel funnel = Funnel.builder().step("visit", 1000).step("cart", 400).build();

        String html = minimal().funnel(funnel).build().toHtml();

        assertTrue(html.contains("400 \u00b7 40.0% of previous \u00b7 40.0% of top"), html);
        assertTrue(html.contains("1000 \u00b7 100.0% of previous \u00b7 100.0% of top"), html);
    }

    @Test
    void toHtml_unmeasuredSteps_noBarMarkedInChartAndTableWithANote() {
        Funnel funnel = Funnel.builder()
                .unmeasuredStep("awareness", 100)
                .step("conversion", 100)
                .step("retention", 40)
                .unmeasuredStep("advocacy", 0)
                .build();

        String html = minimal().funnel(funnel).build().toHtml();

        assertWellFormed(html);
        assertEquals(
                List.of("conversion", "retention"),
                bars(html, "funnel-bar").stream().map(Bar::name).toList());
        for (String step : List.of("awareness", "advocacy")) {
            assertTrue(html.contains("<text class=\"value not-measured\" data-step=\"" + step + "\""), step);
            assertTrue(
                    html.contains(
                            "<tr class=\"not-measured\"><td>" + step + "</td><td colspan=\"5\">not measured</td></tr>"),
                    step);
        }
        assertTrue(html.contains("<p class=\"meta funnel-note\">Not measured: awareness, advocacy."), html);
        // conversion follows an unmeasured step: no conversion from it, no drop-off; retention compares two measured
        assertTrue(html.contains("100 \u00b7 100.0% of top"), html);
        assertTrue(
                html.contains("<tr><td>conversion</td><td class=\"num\">100</td><td class=\"num\">n/a</td>"
                        + "<td class=\"num\">100.0%</td><td class=\"num\">n/a</td><td class=\"num\">n/a</td></tr>"),
                html);
        assertTrue(html.contains("40 \u00b7 40.0% of previous \u00b7 40.0% of top"), html);
        assertTrue(
                html.contains("<tr><td>retention</td><td class=\"num\">40</td><td class=\"num\">40.0%</td>"
                        + "<td class=\"num\">40.0%</td><td class=\"num\">60</td><td class=\"num\">60.0%</td></tr>"),
                html);
    }

    @Test
    void toHtml_everyStepMeasured_noNote() {
        assertFalse(full().toHtml().contains("funnel-note"));
        assertFalse(full().toHtml().contains("not-measured\""));
    }

    @Test
    void toHtml_emptyFunnel_zeroWidthsAndUndefinedRates() {
        Funnel funnel = Funnel.builder().step("a", 0).step("b", 0).build();

        String html = minimal().funnel(funnel).build().toHtml();

        assertEquals(
                List.of(0.0, 0.0),
                bars(html, "funnel-bar").stream().map(Bar::width).toList());
        assertTrue(html.contains("0 \u00b7 n/a of previous \u00b7 n/a of top"), html);
    }

    @Test
    void toHtml_distribution_everyStageWithCountAndShare() {
        StageDistribution distribution = distribution();

        String html = full().toHtml();

        List<Bar> bars = bars(html, "stage-bar");
        assertEquals(
                List.copyOf(distribution.counts().keySet()),
                bars.stream().map(Bar::name).toList());
        long max = distribution.counts().values().stream()
                .mapToLong(Long::longValue)
                .max()
                .orElseThrow();
        double maxWidth = bars.stream().mapToDouble(Bar::width).max().orElseThrow();
        for (Bar bar : bars) {
            assertEquals(distribution.count(bar.name()), bar.count(), bar.name());
            assertEquals((double) bar.count() / max, bar.width() / maxWidth, 1e-6, bar.name());
        }
        for (Map.Entry<String, Long> stage : distribution.counts().entrySet()) {
            String share = String.format(Locale.ROOT, "%.1f%%", 100.0 * stage.getValue() / 7);
            String row = "<tr class=\"stage-row\" data-stage=\"" + stage.getKey() + "\"><td>" + stage.getKey()
                    + "</td><td class=\"num\">" + stage.getValue() + "</td><td class=\"num\">" + share + "</td></tr>";
            assertTrue(html.contains(row), row);
        }
    }

    @Test
    void toHtml_stageNamedWithMarkup_escaped() {
        Funnel funnel = Funnel.builder().step("all", 10).step(VIP, 3).build();

        String html =
                minimal().title(VIP).funnel(funnel).keyFigure(VIP, VIP).build().toHtml();

        assertFalse(html.contains(VIP));
        assertTrue(html.contains("&lt;vip &amp; &quot;friends&quot;&gt;"));
        assertEquals(
                List.of("all", VIP),
                bars(html, "funnel-bar").stream().map(Bar::name).toList());
        assertEquals(
                "<title>&lt;vip &amp; &quot;friends&quot;&gt;</title>",
                html.lines()
                        .filter(line -> line.startsWith("<title>"))
                        .findFirst()
                        .orElseThrow());
        assertWellFormed(html);
    }

    @Test
    void toHtml_controlCharacterInTitle_replaced() {
        String html = minimal().title("a\u0000b").build().toHtml();

        assertTrue(html.contains("<h1>a\ufffdb</h1>"), html);
    }

    @Test
    void toHtml_nonCharactersAndLoneSurrogatesInTitle_replacedPairsKept() {
        // U+FFFE and U+FFFF are not XML characters, nor is half of a surrogate pair (a low one first in the text, a
        // high one before an ordinary character or last); the pair of U+1F600 is kept
        String title = "\ude00a\ufffeb\uffffc\ud83d\ude00d\ud83dx\ud83d";

        String html = minimal().title(title).build().toHtml();

        assertTrue(html.contains("<h1>\ufffda\ufffdb\ufffdc\ud83d\ude00d\ufffdx\ufffd</h1>"), html);
        assertWellFormed(html);
    }

    @Test
    void toHtml_fullReport_noExternalReferencesButSvgNamespace() {
        String html = full().toHtml();

        Matcher urls = URL.matcher(html);
        while (urls.find()) {
            assertEquals("http://www.w3.org/2000/svg", urls.group());
        }
        assertFalse(html.contains("<script"));
        assertFalse(html.contains("<link"));
        assertFalse(html.contains("src="));
        assertFalse(html.contains("href="));
        assertFalse(html.contains("url("));
        assertFalse(html.contains("@import"));
    }

    @Test
    void toHtml_cohorts_oneCellPerPresentCellAndBlanksForAbsent() {
        String html = full().toHtml();

        Matcher cells = COHORT_CELL.matcher(html);
        int present = 0;
        int incomplete = 0;
        while (cells.find()) {
            present++;
            if (cells.group(1) != null) {
                incomplete++;
            }
        }
        assertEquals(5, present);
        assertEquals(2, incomplete);
        assertEquals(1, occurrences(html, "<td class=\"cohort-blank\"></td>"));
        // January: a and b ordered in January (2 of 2), a in February (1 of 2), nobody in March yet
        assertTrue(html.contains("data-cohort=\"2026-01-01\" data-offset=\"0\" data-retention=\"1.000000\""), html);
        assertTrue(html.contains("data-cohort=\"2026-01-01\" data-offset=\"1\" data-retention=\"0.500000\""), html);
        assertTrue(html.contains(">0.0%*</td>"), html);
        // February: c in February and March
        assertTrue(html.contains("data-cohort=\"2026-02-01\" data-offset=\"1\" data-retention=\"1.000000\""), html);
    }

    @Test
    void toHtml_monthlyCohorts_rowsLabelledByMonthInAScrollingFrame() {
        String html = full().toHtml();

        assertTrue(html.contains("<tr><th>2026-01</th><td class=\"num\">2</td>"), html);
        assertTrue(html.contains("<tr><th>2026-02</th><td class=\"num\">1</td>"), html);
        assertTrue(html.contains("<div class=\"heatmap-frame\">\n<table class=\"heatmap\">"), html);
        assertTrue(html.contains(".heatmap-frame{max-width:100%;overflow-x:auto}"), html);
        assertTrue(html.contains("column k is the k-th month after the cohort's first"), html);
        assertWellFormed(html);
    }

    @Test
    void toHtml_weeklyCohorts_rowsLabelledByMonday() {
        CohortRetention weekly = CohortRetention.of(
                List.of(buy("a", "2026-01-07T10:00:00Z"), buy("a", "2026-01-14T10:00:00Z")),
                CohortPeriod.WEEK,
                Instant.parse("2026-01-26T00:00:00Z"));

        String html = minimal().cohortRetention(weekly).build().toHtml();

        // 2026-01-07 is a Wednesday; its week starts on Monday 2026-01-05
        assertTrue(html.contains("<tr><th>2026-01-05</th><td class=\"num\">1</td>"), html);
        assertTrue(html.contains("column k is the k-th week after the cohort's first"), html);
    }

    @Test
    void toHtml_cohorts_colourByBoundedRetention() {
        String html = full().toHtml();

        assertTrue(html.contains("data-retention=\"1.000000\" style=\"background-color:rgb(8,48,107)"), html);
        assertTrue(html.contains("data-retention=\"0.500000\" style=\"background-color:rgb(132,152,181)"), html);
        assertTrue(html.contains("data-retention=\"0.000000\" style=\"background-color:rgb(255,255,255)"), html);
    }

    @Test
    void toHtml_withoutOptionalParts_noSuchSections() {
        String html = minimal().build().toHtml();

        assertFalse(html.contains("id=\"nps\""));
        assertFalse(html.contains("id=\"cohorts\""));
        assertFalse(html.contains("id=\"key-figures\""));
        assertTrue(html.contains("<h1>Lifecycle report</h1>"));
    }

    @Test
    void toHtml_nps_scoreCountsAndAdjustedWaldInterval() {
        String html = full().toHtml();

        assertEquals(1, occurrences(html, "<section id=\"nps\">"));
        // Worked example (Lewis and Sauro): 50/30/20 gives NPS 30 and a 95% adjusted-Wald interval of about 14.05 to
        // 44.20.
        assertTrue(html.contains("NPS <strong>30.0</strong> (95% adjusted-Wald interval 14.1 to 44.2) from 100"), html);
        assertTrue(html.contains("<tr><td>Promoters (9-10)</td><td class=\"num\">50</td><td class=\"num\">50.0%</td>"));
        assertTrue(html.contains("<tr><td>Passives (7-8)</td><td class=\"num\">30</td><td class=\"num\">30.0%</td>"));
        assertTrue(html.contains("<tr><td>Detractors (0-6)</td><td class=\"num\">20</td><td class=\"num\">20.0%</td>"));
    }

    @Test
    void toHtml_emptyNps_undefinedScore() {
        String html = minimal().nps(NetPromoterScore.ofCounts(0, 0, 0)).build().toHtml();

        assertTrue(html.contains("No responses: the score is undefined."), html);
        assertWellFormed(html);
    }

    @Test
    void toHtml_keyFigures_inOrderAdded() {
        String html = full().toHtml();

        assertTrue(html.contains("<dt>Revenue</dt><dd>USD 1,234.50</dd>\n<dt>Churn</dt><dd>4.2%</dd>"), html);
    }

    @Test
    void toHtml_sameInput_sameBytes() {
        assertEquals(full().toHtml(), full().toHtml());
        LifecycleReport report = full();
        assertEquals(report.toHtml(), report.toHtml());
    }

    @Test
    void build_asOfUnset_distributionAsOf() {
        LifecycleReport report = minimal().build();

        assertEquals(distribution().asOf(), report.asOf());
        assertTrue(report.toHtml().contains("<time datetime=\"2026-03-02T10:00:00Z\">"));
    }

    @Test
    void writeTo_file_writesHtmlInUtf8(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("report.html");
        LifecycleReport report = full();

        report.writeTo(file);

        assertEquals(report.toHtml(), Files.readString(file, UTF_8));
    }

    @Test
    void build_noDistribution_rejected() {
        LifecycleReport.Builder builder =
                LifecycleReport.builder().funnel(Funnel.builder().step("a", 1).build());

        IllegalStateException e = assertThrows(IllegalStateException.class, builder::build);

        assertEquals("a report needs a stage distribution but none was set", e.getMessage());
    }

    @Test
    void build_noFunnel_rejected() {
        LifecycleReport.Builder builder = LifecycleReport.builder().distribution(distribution());

        IllegalStateException e = assertThrows(IllegalStateException.class, builder::build);

        assertEquals("a report needs a funnel but none was set", e.getMessage());
    }

    @Test
    void title_blank_rejected() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> LifecycleReport.builder().title(" "));

        assertEquals("title must not be blank but was ' '", e.getMessage());
    }

    @Test
    void keyFigure_repeatedName_rejected() {
        LifecycleReport.Builder builder = LifecycleReport.builder().keyFigure("a", "1");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> builder.keyFigure("a", "2"));

        assertEquals("key figure name must be unique but 'a' is repeated", e.getMessage());
    }

    @Test
    void keyFigure_blankName_rejected() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> LifecycleReport.builder().keyFigure("", "1"));

        assertEquals("key figure name must not be blank but was ''", e.getMessage());
    }

    @Test
    @SuppressWarnings("NullAway") // the test passes null on purpose
    void funnel_null_rejected() {
        NullPointerException e = assertThrows(
                NullPointerException.class, () -> LifecycleReport.builder().funnel(null));

        assertEquals("funnel", e.getMessage());
    }

    @Test
    @SuppressWarnings("NullAway") // the test passes null on purpose
    void distribution_null_rejected() {
        NullPointerException e = assertThrows(
                NullPointerException.class, () -> LifecycleReport.builder().distribution(null));

        assertEquals("distribution", e.getMessage());
    }

    @Test
    void publicMethods_nullArguments_rejected() {
        NullPointerTester tester = new NullPointerTester()
                .setDefault(StageDistribution.class, distribution())
                .setDefault(Funnel.class, Funnel.builder().step("a", 1).build())
                .setDefault(CohortRetention.class, cohorts())
                .setDefault(NetPromoterScore.class, NetPromoterScore.ofCounts(1, 1, 1))
                .setDefault(Path.class, Path.of("unused.html"));
        tester.testAllPublicStaticMethods(LifecycleReport.class);
        tester.testAllPublicInstanceMethods(full());
        tester.testAllPublicInstanceMethods(LifecycleReport.builder());
    }

    @Test
    void equals_sameParts_equal() {
        new EqualsTester()
                .addEqualityGroup(full(), full())
                .addEqualityGroup(minimal().build(), minimal().build())
                .addEqualityGroup(minimal().title("other").build())
                .addEqualityGroup(minimal().asOf(T0).build())
                .testEquals();
        HashCodes.assertDistinct(
                full(),
                minimal().build(),
                minimal().title("other").build(),
                minimal().asOf(T0).build());
    }

    @Test
    void builder_periodRatesInTwoCalls_eachPeriodOnceInOrder() {
        List<CustomerEvent> events = List.of(buy("a", "2025-01-10T10:00:00Z"), buy("b", "2025-05-15T10:00:00Z"));
        List<PeriodRates> quarters = PeriodRates.quarterly(
                Templates.fiveStage(),
                events,
                Instant.parse("2025-01-01T00:00:00Z"),
                Instant.parse("2025-07-01T00:00:00Z"));

        LifecycleReport report = minimal()
                .periodRates(List.of(quarters.get(1)))
                .periodRates(List.of(quarters.get(0)))
                .build();

        assertEquals(2, quarters.size());
        assertEquals(quarters, report.periodRates());
    }
}
