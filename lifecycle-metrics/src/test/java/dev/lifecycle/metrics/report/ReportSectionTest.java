package dev.lifecycle.metrics.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import dev.lifecycle.metrics.funnel.Funnel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Sections that other modules add to the report: their markup, the bars' scale and the rules of their parts. */
final class ReportSectionTest {
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final String ODD = "<a & \"b\">";
    private static final Pattern BAR = Pattern.compile("<rect class=\"chart-bar series-(\\d)\" data-label=\"([^\"]*)\""
            + " data-series=\"([^\"]*)\" data-value=\"([0-9.]+)\" x=\"\\d+\" y=\"(\\d+)\" width=\"([0-9.]+)\"");

    private static LifecycleReport.Builder minimal() {
        CustomerProfile buyer = CustomerProfile.fromEvents("a", List.of(CustomerEvent.of("a", EventType.PURCHASE, T0)));
        StageDistribution distribution =
                LifecycleClassifier.of(Templates.fiveStage()).classifyAll(List.of(buyer), T0.plusSeconds(60));
        return LifecycleReport.builder().distribution(distribution).funnel(Funnel.fromDistribution(distribution));
    }

    private static ReportChart comparison() {
        return ReportChart.of(
                "Repeat purchases in the holdout",
                List.of("predicted", "actual"),
                List.of("0", "1", ODD),
                List.of(List.of(0.25, 0.5), List.of(1.0, 0.75), List.of(2.0, 0.0)),
                2);
    }

    private static ReportSection section() {
        return ReportSection.builder("predictions", "Predictions " + ODD)
                .paragraph("Fitted on " + ODD)
                .figure("model", "BG/NBD r=0.243")
                .figure(ODD, "1 < 2")
                .chart(comparison())
                .build();
    }

    private record Bar(int series, String label, String seriesName, String value, int y, double width) {}

    private static List<Bar> bars(String html) {
        List<Bar> bars = new ArrayList<>();
        Matcher m = BAR.matcher(html);
        while (m.find()) {
            bars.add(new Bar(
                    Integer.parseInt(m.group(1)),
                    m.group(2),
                    m.group(3),
                    m.group(4),
                    Integer.parseInt(m.group(5)),
                    Double.parseDouble(m.group(6))));
        }
        return bars;
    }

    @Test
    void toHtml_section_afterTheReportsOwnSectionsWithEveryPartEscaped() {
        String html = minimal().section(section()).build().toHtml();

        assertTrue(html.indexOf("<section id=\"predictions\">") > html.indexOf("<section id=\"distribution\">"));
        assertTrue(html.contains("<h2>Predictions &lt;a &amp; &quot;b&quot;&gt;</h2>"), html);
        assertTrue(html.contains("<p>Fitted on &lt;a &amp; &quot;b&quot;&gt;</p>"), html);
        assertTrue(html.contains("<dt>model</dt><dd>BG/NBD r=0.243</dd>"), html);
        assertTrue(html.contains("<dt>&lt;a &amp; &quot;b&quot;&gt;</dt><dd>1 &lt; 2</dd>"), html);
        assertTrue(html.contains("<h3>Repeat purchases in the holdout</h3>"), html);
        assertTrue(html.contains("<tr><td>1</td><td class=\"num\">1.00</td><td class=\"num\">0.75</td></tr>"), html);
        assertTrue(html.endsWith("</section>\n</body>\n</html>\n"), html);
    }

    @Test
    void toHtml_chart_oneBarPerSeriesAndLabelToTheLargestValuesScale() {
        List<Bar> bars = bars(minimal().section(section()).build().toHtml());

        assertEquals(6, bars.size());
        assertEquals(
                List.of("0.25", "0.50", "1.00", "0.75", "2.00", "0.00"),
                bars.stream().map(Bar::value).toList());
        assertEquals(
                List.of("predicted", "actual", "predicted", "actual", "predicted", "actual"),
                bars.stream().map(Bar::seriesName).toList());
        assertEquals(List.of(0, 1, 0, 1, 0, 1), bars.stream().map(Bar::series).toList());
        assertEquals("&lt;a &amp; &quot;b&quot;&gt;", bars.get(4).label());
        // 2.0 is the largest value: its bar spans the bar area, the others in proportion
        assertEquals(600, bars.get(4).width(), 1e-9);
        assertEquals(300, bars.get(2).width(), 1e-9);
        assertEquals(75, bars.get(0).width(), 1e-9);
        assertEquals(0, bars.get(5).width(), 1e-9);
        // the bars of a row are stacked, rows do not overlap
        for (int i = 1; i < bars.size(); i++) {
            assertTrue(bars.get(i).y() >= bars.get(i - 1).y() + 20, bars::toString);
        }
    }

    @Test
    void toHtml_allValuesZero_barsOfWidthZero() {
        ReportChart zeros =
                ReportChart.of("none", List.of("n"), List.of("a", "b"), List.of(List.of(0.0), List.of(0.0)), 0);
        String html = minimal()
                .section(ReportSection.builder("zeros", "Zeros").chart(zeros).build())
                .build()
                .toHtml();

        assertEquals(List.of(0.0, 0.0), bars(html).stream().map(Bar::width).toList());
    }

    private static String refused(Runnable action) {
        return String.valueOf(
                assertThrows(IllegalArgumentException.class, action::run).getMessage());
    }

    @Test
    void chart_badParts_refusedNamingTheRule() {
        List<String> one = List.of("a");
        assertEquals(
                "chart 'c' row 'a': values must be finite and not negative but was -1.0",
                refused(() -> ReportChart.of("c", one, one, List.of(List.of(-1.0)), 0)));
        assertEquals(
                "chart 'c' row 'a': values must be finite and not negative but was NaN",
                refused(() -> ReportChart.of("c", one, one, List.of(List.of(Double.NaN)), 0)));
        assertEquals(
                "chart 'c' row 'a' needs one value per series (1) but has 2",
                refused(() -> ReportChart.of("c", one, one, List.of(List.of(1.0, 2.0)), 0)));
        assertEquals(
                "chart 'c' needs one row of values per label (1) but has 0",
                refused(() -> ReportChart.of("c", one, one, List.of(), 0)));
        assertEquals(
                "series must number 1 to 4 but were 5",
                refused(() -> ReportChart.of(
                        "c", List.of("1", "2", "3", "4", "5"), one, List.of(List.of(1.0, 1.0, 1.0, 1.0, 1.0)), 0)));
        assertEquals(
                "labels must number 1 to 200 but were 0",
                refused(() -> ReportChart.of("c", one, List.of(), List.of(), 0)));
        assertEquals(
                "decimals must be between 0 and 6 but was 7",
                refused(() -> ReportChart.of("c", one, one, List.of(List.of(1.0)), 7)));
    }

    @Test
    void section_badIdsAndRepeats_refused() {
        for (String id : List.of("funnel", "nps", "Predictions", "1st", "a b", "", "a".repeat(65))) {
            String message = refused(() -> ReportSection.builder(id, "h"));
            assertTrue(message.endsWith("but was '" + id + "'"), message);
        }
        assertEquals(
                "figure name must be unique but 'x' is repeated",
                refused(() -> ReportSection.builder("s", "h").figure("x", "1").figure("x", "2")));
        LifecycleReport.Builder report = minimal().section(section());
        assertEquals(
                "section id must be unique but 'predictions' is repeated", refused(() -> report.section(section())));
    }

    @Test
    void values_equalByParts() {
        new EqualsTester()
                .addEqualityGroup(section(), section())
                .addEqualityGroup(
                        ReportSection.builder("predictions", "Predictions").build())
                .addEqualityGroup(ReportSection.builder("other", "Predictions").build())
                .testEquals();
        new EqualsTester()
                .addEqualityGroup(comparison(), comparison())
                .addEqualityGroup(ReportChart.of("c", List.of("a"), List.of("x"), List.of(List.of(1.0)), 0))
                .addEqualityGroup(ReportChart.of("c", List.of("a"), List.of("x"), List.of(List.of(1.0)), 1))
                .testEquals();
        new EqualsTester()
                .addEqualityGroup(
                        minimal().section(section()).build(),
                        minimal().section(section()).build())
                .addEqualityGroup(minimal().build())
                .testEquals();
    }

    @Test
    void publicMethods_nullArguments_rejected() {
        NullPointerTester tester = new NullPointerTester();
        tester.testAllPublicStaticMethods(ReportChart.class);
        tester.testAllPublicStaticMethods(ReportSection.class);
        tester.testAllPublicInstanceMethods(ReportSection.builder("s", "h"));
    }

    @Test
    void toHtml_heatmap_eachCellShadedByItsShareOfItsRow() {
        ReportHeatmap moves = ReportHeatmap.of(
                "Moves <1>",
                "from \\ to",
                List.of("Lost", "Champions"),
                List.of("Lost", "Champions"),
                List.of(List.of(3L, 1L), List.of(0L, 0L)));
        String html = minimal()
                .section(ReportSection.builder("segments", "Segments")
                        .heatmap(moves)
                        .build())
                .build()
                .toHtml();
        assertTrue(html.contains("<h3>Moves &lt;1&gt;</h3>"), html);
        assertTrue(html.contains("<thead><tr><th>from \\ to</th><th>Lost</th><th>Champions</th></tr></thead>"), html);
        // 3 of 4: three quarters of the way from white to the darkest blue, in white text; 1 of 4 a quarter
        assertTrue(
                html.contains("<td style=\"background-color:rgb(70,100,144);color:#ffffff\" title=\"Lost to Lost: 3"
                        + " of 4 (75.0%)\">3</td>"),
                html);
        assertTrue(
                html.contains("<td style=\"background-color:rgb(193,203,218)\" title=\"Lost to Champions: 1 of 4"
                        + " (25.0%)\">1</td>"),
                html);
        // a row without customers stays white
        assertTrue(html.contains("title=\"Champions to Lost: 0 of 0 (n/a)\">0</td>"), html);
    }

    @Test
    void heatmap_badParts_refusedNamingTheRule() {
        List<String> one = List.of("a");
        assertEquals(
                "heatmap 'h' row 'a': counts must not be negative but was -1",
                refused(() -> ReportHeatmap.of("h", "c", one, one, List.of(List.of(-1L)))));
        assertEquals(
                "heatmap 'h' row 'a' needs one count per column (1) but has 2",
                refused(() -> ReportHeatmap.of("h", "c", one, one, List.of(List.of(1L, 2L)))));
        assertEquals(
                "heatmap 'h' needs one row of counts per row label (1) but has 0",
                refused(() -> ReportHeatmap.of("h", "c", one, one, List.of())));
        assertEquals(
                "columns must number 1 to 100 but were 0",
                refused(() -> ReportHeatmap.of("h", "c", one, List.of(), List.of(List.of()))));
    }
}
