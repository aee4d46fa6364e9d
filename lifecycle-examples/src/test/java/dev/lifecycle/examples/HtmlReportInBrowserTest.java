package dev.lifecycle.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lifecycle.core.CustomerEvent;
import dev.lifecycle.core.CustomerProfile;
import dev.lifecycle.core.EventType;
import dev.lifecycle.core.LifecycleClassifier;
import dev.lifecycle.core.LifecycleTemplate;
import dev.lifecycle.core.Money;
import dev.lifecycle.core.Stage;
import dev.lifecycle.core.StageDistribution;
import dev.lifecycle.core.Templates;
import dev.lifecycle.metrics.cohort.CohortPeriod;
import dev.lifecycle.metrics.cohort.CohortRetention;
import dev.lifecycle.metrics.funnel.Funnel;
import dev.lifecycle.metrics.nps.NetPromoterScore;
import dev.lifecycle.metrics.report.LifecycleReport;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML report as a browser shows it (issue 6): rendered by headless Chromium without console errors, one funnel bar
 * per measured main-path stage in order (issue 12: the others marked "not measured"), charts of non-zero size actually
 * painted, no sideways scrolling at 1200 pixels, and a screenshot that is not blank. Fails, rather than skips, where
 * {@code /usr/bin/chromium} is missing: {@code .ci/run} installs it.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
final class HtmlReportInBrowserTest {
    private static final Duration BROWSER_TIMEOUT = Duration.ofSeconds(15);
    private static final int WIDTH = 1200;
    private static final int HEIGHT = 900;
    private static final int FUNNEL_BLUE = 0x1f6fb2;
    private static final int PROMOTER_GREEN = 0x2e8b57;
    private static final int DETRACTOR_RED = 0xc0392b;

    private static HeadlessChromium browser;

    @BeforeAll
    static void startBrowser() throws IOException, InterruptedException {
        browser = HeadlessChromium.launch(HeadlessChromium.require(), BROWSER_TIMEOUT);
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void demoReport_bundledCdnow_rendersCleanlyWithOneBarPerMeasuredStage(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("report.html");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = LifecycleDemo.run(
                new String[] {"--report", file.toString()},
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, status, () -> err.toString(StandardCharsets.UTF_8));

        HeadlessChromium.Page page = browser.open(file, WIDTH, HEIGHT);

        // purchases only: awareness, consideration and advocacy are not measured, so they have no bar but a mark
        BufferedImage shot = assertRendersCleanly(page, List.of("conversion", "retention"), 2);
        JsonNode unmeasured = page.evaluate("Array.from(document.querySelectorAll('text.not-measured')).map(t => {"
                + " const b = t.getBoundingClientRect();"
                + " return {step: t.getAttribute('data-step'), text: t.textContent, width: b.width}; })");
        List<String> marked = new ArrayList<>();
        unmeasured.forEach(mark -> {
            marked.add(mark.get("step").asText());
            assertEquals("not measured", mark.get("text").asText(), mark::toString);
            assertTrue(mark.get("width").asDouble() > 10, () -> "mark not rendered: " + mark);
        });
        assertEquals(List.of("awareness", "consideration", "advocacy"), marked);
        assertEquals(
                3,
                page.evaluate("document.querySelectorAll('#cohorts table.heatmap tbody tr').length")
                        .asInt());
        // January 1997 to June 1998: 18 months; July starts at asOf 1998-07-01T00:00Z, has no observed time, no column.
        assertEquals(
                18,
                page.evaluate("document.querySelectorAll('#cohorts table.heatmap thead th').length - 2")
                        .asInt());
        // the RFM migration: the ten segments, Others and (none), both ways, fitting the page (checked above)
        assertEquals(
                12,
                page.evaluate("document.querySelectorAll('#segments table.heatmap tbody tr').length")
                        .asInt());
        assertEquals(
                13,
                page.evaluate("document.querySelectorAll('#segments table.heatmap thead th').length")
                        .asInt());
        assertStageFlow(page, shot);
        assertRepeatOrderFunnel(page);
    }

    /**
     * The repeat-order funnel's sections: by first order size, the customers who entered and who reached the third
     * order per group, and each group's conversion; by month of first order, one bar per month (January to March 1997,
     * every CDNOW customer's first order) and the test against the month before for February and March. Bars are as
     * wide as their values to one scale within a chart.
     */
    private static void assertRepeatOrderFunnel(HeadlessChromium.Page page) throws Exception {
        JsonNode bars = page.evaluate("Array.from(document.querySelectorAll('#repeat-orders-by-size rect.chart-bar'))"
                + ".map(r => ({label: r.getAttribute('data-label'), series: r.getAttribute('data-series'),"
                + " value: +r.getAttribute('data-value'), width: r.getBoundingClientRect().width}))");
        // four size groups: entered and reached in the first chart, the conversion in the second
        assertEquals(12, bars.size(), bars::toString);
        long entered = 0;
        double widest = 0;
        double largest = 0;
        for (JsonNode bar : bars) {
            if (bar.get("series").asText().equals("entered")) {
                entered += bar.get("value").asLong();
                if (bar.get("value").asDouble() > largest) {
                    largest = bar.get("value").asDouble();
                    widest = bar.get("width").asDouble();
                }
            }
        }
        assertEquals(23_570, entered, "every customer entered with a first order");
        for (JsonNode bar : bars) {
            if (!bar.get("series").asText().equals("conversion")) {
                double expected = widest * bar.get("value").asDouble() / largest;
                assertEquals(expected, bar.get("width").asDouble(), 1.0, () -> "bar not proportional: " + bar);
            }
        }
        JsonNode months = page.evaluate("Array.from(document.querySelectorAll('#repeat-orders-by-month"
                + " rect.chart-bar')).map(r => ({label: r.getAttribute('data-label'),"
                + " width: r.getBoundingClientRect().width}))");
        List<String> labels = new ArrayList<>();
        months.forEach(month -> {
            labels.add(month.get("label").asText());
            assertTrue(month.get("width").asDouble() > 10, month::toString);
        });
        assertEquals(List.of("1997-01-01", "1997-02-01", "1997-03-01"), labels);
        assertEquals(
                2,
                page.evaluate("Array.from(document.querySelectorAll('#repeat-orders-by-month dd'))"
                                + ".filter(td => td.textContent.includes(' points (95% CI ')).length")
                        .asInt());
    }

    /**
     * The stage flow of the year before asOf: a node per stage with customers on each side (every CDNOW customer is
     * in conversion, retention or lapsed a year before and in retention or lapsed at asOf), each as tall as its
     * customers to one scale and painted in its stage's colour; a band per cell with customers spanning the gap
     * between the columns; then the customers' and the moves' matrices with each cell's row share.
     */
    private static void assertStageFlow(HeadlessChromium.Page page, BufferedImage shot) throws Exception {
        JsonNode nodes = page.evaluate("Array.from(document.querySelectorAll('#stage-flow rect.flow-node')).map(r => {"
                + " const b = r.getBoundingClientRect();"
                + " return {side: r.getAttribute('data-side'), label: r.getAttribute('data-label'),"
                + " count: Number(r.getAttribute('data-count')), x: b.x, y: b.y, width: b.width, height: b.height};"
                + " })");
        List<String> sides = new ArrayList<>();
        nodes.forEach(node ->
                sides.add(node.get("side").asText() + " " + node.get("label").asText()));
        assertEquals(List.of("from conversion", "from retention", "from lapsed", "to retention", "to lapsed"), sides);
        long customers = 0;
        long atEnd = 0;
        double heights = 0;
        for (JsonNode node : nodes) {
            boolean from = node.get("side").asText().equals("from");
            customers += from ? node.get("count").asLong() : 0;
            atEnd += from ? 0 : node.get("count").asLong();
            heights += from ? node.get("height").asDouble() : 0;
        }
        assertEquals(23_570, customers);
        assertEquals(customers, atEnd, "tracked customers never leave");
        for (JsonNode node : nodes) {
            double expected = heights * node.get("count").asLong() / customers;
            assertEquals(expected, node.get("height").asDouble(), 1.0, () -> "node not proportional: " + node);
            assertTrue(node.get("width").asDouble() > 10, node::toString);
        }
        // conversion is the third stage of the template: the third colour
        assertPainted(shot, nodes.get(0), 0x4c9a6a, "the stage flow's conversion node");
        JsonNode bands = page.evaluate("Array.from(document.querySelectorAll('#stage-flow path.flow-band')).map(p => {"
                + " const b = p.getBoundingClientRect();"
                + " return {from: p.getAttribute('data-from'), to: p.getAttribute('data-to'), width: b.width}; })");
        assertEquals(6, bands.size(), bands::toString);
        for (JsonNode band : bands) {
            assertTrue(band.get("width").asDouble() > 400, () -> "band not spanning the chart: " + band);
        }
        assertEquals(
                2,
                page.evaluate("document.querySelectorAll('#stage-flow table.heatmap').length")
                        .asInt());
        assertEquals(
                2 * 7 * 7,
                page.evaluate("document.querySelectorAll('#stage-flow table.heatmap span.row-share').length")
                        .asInt());
    }

    @Test
    void builtReport_withNpsAnswers_rendersCleanlyWithNpsChart(@TempDir Path dir) throws Exception {
        LifecycleTemplate template = Templates.buyerLifecycle();
        Path file = dir.resolve("nps-report.html");
        npsReport(template).writeTo(file);

        HeadlessChromium.Page page = browser.open(file, WIDTH, HEIGHT);

        BufferedImage shot = assertRendersCleanly(
                page, template.mainPath().stream().map(Stage::id).toList(), 3);
        JsonNode parts = page.evaluate("['nps-promoters','nps-passives','nps-detractors'].map(c => {"
                + " const b = document.querySelector('rect.' + c).getBoundingClientRect();"
                + " return {x: b.x, y: b.y, width: b.width, height: b.height}; })");
        double total = 0;
        for (JsonNode part : parts) {
            assertTrue(part.get("height").asDouble() > 0, parts::toString);
            total += part.get("width").asDouble();
        }
        // 6 promoters, 2 passives, 4 detractors; the bar spans 600 units, drawn at most at that size
        assertTrue(total > 100, parts::toString);
        assertEquals(0.5, parts.get(0).get("width").asDouble() / total, 0.01, parts::toString);
        assertEquals(4.0 / 12, parts.get(2).get("width").asDouble() / total, 0.01, parts::toString);
        assertPainted(shot, parts.get(0), PROMOTER_GREEN, "promoters");
        assertPainted(shot, parts.get(2), DETRACTOR_RED, "detractors");
    }

    /** Twelve customers of the buyer lifecycle, some with NPS answers: 6 promoters, 2 passives, 4 detractors. */
    private static LifecycleReport npsReport(LifecycleTemplate template) {
        Instant start = Instant.parse("2025-01-06T10:00:00Z");
        Instant asOf = Instant.parse("2025-07-01T00:00:00Z");
        int[] answers = {10, 9, 9, 10, 9, 10, 7, 8, 3, 6, 0, 5};
        List<CustomerEvent> all = new ArrayList<>();
        List<CustomerProfile> profiles = new ArrayList<>();
        List<Integer> scores = new ArrayList<>();
        for (int c = 0; c < answers.length; c++) {
            String id = "customer-" + c;
            List<CustomerEvent> events = new ArrayList<>();
            events.add(CustomerEvent.of(id, EventType.PRODUCT_VIEW, start.plus(Duration.ofDays(c))));
            for (int order = 0; order < c % 4; order++) {
                events.add(CustomerEvent.builder(id, EventType.PURCHASE, start.plus(Duration.ofDays(c + 30L * order)))
                        .amount(Money.of("25.00", "USD"))
                        .build());
            }
            events.add(CustomerEvent.builder(id, EventType.NPS_ANSWER, start.plus(Duration.ofDays(100 + c)))
                    .npsScore(answers[c])
                    .build());
            all.addAll(events);
            profiles.add(CustomerProfile.fromEvents(id, events));
            scores.add(answers[c]);
        }
        StageDistribution distribution = LifecycleClassifier.of(template).classifyAll(profiles, asOf);
        List<CustomerEvent> purchases =
                all.stream().filter(e -> e.type() == EventType.PURCHASE).toList();
        return LifecycleReport.builder()
                .title("Buyer lifecycle with NPS")
                .distribution(distribution)
                .funnel(Funnel.fromDistribution(distribution))
                .cohortRetention(CohortRetention.of(purchases, CohortPeriod.MONTH, asOf))
                .nps(scores.stream().collect(NetPromoterScore.toNps()))
                .keyFigure("customers", Integer.toString(profiles.size()))
                .build();
    }

    /**
     * Checks what every report must show in a browser and returns the whole-page screenshot.
     *
     * @param barSteps the steps that have a funnel bar, in order: the measured main-path stages
     * @param minCharts the number of SVG charts the report has at least
     */
    private static BufferedImage assertRendersCleanly(HeadlessChromium.Page page, List<String> barSteps, int minCharts)
            throws Exception {
        List<String> problems = page.problems();
        assertTrue(problems.isEmpty(), () -> page.url() + " logged problems:\n" + String.join("\n", problems));

        JsonNode bars = page.evaluate("Array.from(document.querySelectorAll('rect.funnel-bar')).map(r => {"
                + " const b = r.getBoundingClientRect();"
                + " return {step: r.getAttribute('data-step'), count: Number(r.getAttribute('data-count')),"
                + " x: b.x, y: b.y, width: b.width, height: b.height}; })");
        assertEquals(
                barSteps.size(),
                page.evaluate("document.querySelectorAll('rect.funnel-bar').length")
                        .asInt());
        List<String> steps = new ArrayList<>();
        bars.forEach(bar -> steps.add(bar.get("step").asText()));
        assertEquals(barSteps, steps, "funnel bars must follow the measured main-path stages");

        JsonNode top = bars.get(0);
        assertTrue(top.get("count").asLong() > 0, "the report's funnel must start with customers: " + bars);
        for (JsonNode bar : bars) {
            assertTrue(bar.get("height").asDouble() > 0, () -> "bar without height: " + bar);
            double expected = top.get("width").asDouble()
                    * bar.get("count").asLong()
                    / top.get("count").asLong();
            assertEquals(expected, bar.get("width").asDouble(), 1.0, () -> "bar width not proportional: " + bar);
        }

        JsonNode charts = page.evaluate("Array.from(document.querySelectorAll('svg')).map(s => {"
                + " const b = s.getBoundingClientRect(); return {chart: s.getAttribute('class'),"
                + " width: b.width, height: b.height}; })");
        assertTrue(charts.size() >= minCharts, charts::toString);
        for (JsonNode chart : charts) {
            assertTrue(
                    chart.get("width").asDouble() > 100 && chart.get("height").asDouble() > 10,
                    () -> "chart not rendered at a visible size: " + chart);
        }

        JsonNode layout = page.evaluate("({viewport: document.documentElement.clientWidth,"
                + " page: document.documentElement.scrollWidth,"
                + " widest: Math.max(...Array.from(document.querySelectorAll('section > *, section table'))"
                + ".map(e => e.getBoundingClientRect().right)),"
                + " heatmapFont: (c => c ? parseFloat(getComputedStyle(c).fontSize) : null)"
                + "(document.querySelector('td.cohort-cell'))})");
        int viewport = layout.get("viewport").asInt();
        assertTrue(layout.get("page").asInt() <= viewport, () -> "the page scrolls sideways: " + layout);
        assertTrue(layout.get("widest").asDouble() <= viewport, () -> "a section is wider than the page: " + layout);
        if (!layout.get("heatmapFont").isNull()) {
            assertTrue(layout.get("heatmapFont").asDouble() >= 12, () -> "heatmap text too small to read: " + layout);
        }

        BufferedImage shot = ImageIO.read(new ByteArrayInputStream(page.screenshotPng()));
        assertEquals(viewport, shot.getWidth());
        assertNotBlank(shot);
        for (JsonNode bar : bars) {
            assertPainted(
                    shot, bar, FUNNEL_BLUE, "funnel bar " + bar.get("step").asText());
        }
        return shot;
    }

    /** A blank page is one colour; the report has text in many shades and coloured charts. */
    static void assertNotBlank(BufferedImage image) {
        Set<Integer> colours = new HashSet<>();
        long inked = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y) & 0xffffff;
                colours.add(rgb);
                if (rgb != 0xffffff) {
                    inked++;
                }
            }
        }
        double share = (double) inked / ((long) image.getWidth() * image.getHeight());
        int distinct = colours.size();
        assertTrue(
                distinct >= 32 && share >= 0.02,
                () -> "screenshot looks blank: " + distinct + " colours, " + share + " of pixels not white");
    }

    /** At least 90% of the element's rendered box (edges aside) has exactly its fill colour in the screenshot. */
    private static void assertPainted(BufferedImage image, JsonNode box, int rgb, String what) {
        int x0 = (int) Math.ceil(box.get("x").asDouble());
        int y0 = (int) Math.ceil(box.get("y").asDouble());
        int x1 = Math.min(image.getWidth(), (int)
                Math.floor(box.get("x").asDouble() + box.get("width").asDouble()));
        int y1 = Math.min(image.getHeight(), (int)
                Math.floor(box.get("y").asDouble() + box.get("height").asDouble()));
        long area = (long) Math.max(0, x1 - x0) * Math.max(0, y1 - y0);
        long matching = 0;
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                matching += (image.getRGB(x, y) & 0xffffff) == rgb ? 1 : 0;
            }
        }
        long painted = matching;
        assertTrue(
                painted >= 0.9 * area,
                () -> what + ": only " + painted + " of " + area + " pixels have colour " + String.format("#%06x", rgb)
                        + " at " + box);
    }
}
