package dev.lifecycle.metrics.report;

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
import dev.lifecycle.core.MoveMatrix;
import dev.lifecycle.core.StageDistribution;
import dev.lifecycle.core.Templates;
import dev.lifecycle.metrics.funnel.Funnel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The flow chart of a section: a node per label with customers on each side, as tall as its customers; a band per cell
 * with customers, as thick as its count, tiling the nodes it joins; then the matrix with each cell's row share.
 */
final class ReportFlowTest {
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final Pattern NODE = Pattern.compile("<rect class=\"flow-node flow-(\\d)\" data-side=\"(from|to)\""
            + " data-label=\"([^\"]*)\" data-count=\"(\\d+)\" x=\"([0-9.]+)\" y=\"([0-9.]+)\" width=\"14\""
            + " height=\"([0-9.]+)\" />");
    private static final Pattern BAND = Pattern.compile("<path class=\"flow-band flow-(\\d)\" data-from=\"([^\"]*)\""
            + " data-to=\"([^\"]*)\" data-count=\"(\\d+)\" d=\"M([0-9.]+),([0-9.]+) C[^L]*L([0-9.]+),([0-9.]+) C.*?"
            + " ([0-9.]+),([0-9.]+) Z\"><title>([^<]*)</title></path>");

    /** A side of a move matrix given as ids and label indexes. */
    private record Side(List<String> ids, List<Integer> labels) implements MoveMatrix.Side {
        @Override
        public int size() {
            return ids.size();
        }

        @Override
        public String customerId(int row) {
            return ids.get(row);
        }

        @Override
        public int label(int row) {
            return labels.get(row);
        }
    }

    /**
     * Ten customers: before, a1..a6 in "a &lt;1&gt;" and b1..b2 in "b"; after, a1..a3 stay, a4..a6 and b1 move to
     * "c", b2 is gone, n1 and n2 are new in "a &lt;1&gt;". Label "b" has nobody after.
     */
    private static MoveMatrix matrix() {
        List<String> before = List.of("a <1>", "b");
        List<String> after = List.of("a <1>", "b", "c");
        Side from = new Side(List.of("a1", "a2", "a3", "a4", "a5", "a6", "b1", "b2"), List.of(0, 0, 0, 0, 0, 0, 1, 1));
        Side to = new Side(
                List.of("a1", "a2", "a3", "a4", "a5", "a6", "b1", "n1", "n2"), List.of(0, 0, 0, 2, 2, 2, 2, 0, 0));
        return MoveMatrix.between(before, from, after, to);
    }

    private static ReportFlow flow() {
        return ReportFlow.of("Stage flow & more", "1997 <end>", "1998", matrix());
    }

    private static String html(ReportFlow flow) {
        CustomerProfile buyer = CustomerProfile.fromEvents("a", List.of(CustomerEvent.of("a", EventType.PURCHASE, T0)));
        StageDistribution distribution =
                LifecycleClassifier.of(Templates.fiveStage()).classifyAll(List.of(buyer), T0.plusSeconds(60));
        return LifecycleReport.builder()
                .distribution(distribution)
                .funnel(Funnel.fromDistribution(distribution))
                .section(ReportSection.builder("flow", "Flow").flow(flow).build())
                .build()
                .toHtml();
    }

    private record Node(String side, String label, long count, double y, double height) {}

    private record Band(String from, String to, long count, double y0, double y0Bottom) {}

    @Test
    void toHtml_flow_nodesAsTallAsTheirCustomers_bandsAsThickAsTheirCounts_tilingTheNodes() {
        String html = html(flow());
        List<Node> nodes = new ArrayList<>();
        Matcher n = NODE.matcher(html);
        while (n.find()) {
            nodes.add(new Node(
                    n.group(2),
                    n.group(3),
                    Long.parseLong(n.group(4)),
                    Double.parseDouble(n.group(6)),
                    Double.parseDouble(n.group(7))));
        }
        // left: a <1> 6, b 2, (none) 2; right: a <1> 5, c 4, (none) 1; b has nobody after, so no node there
        assertEquals(
                List.of("from a &lt;1&gt; 6", "from b 2", "from (none) 2", "to a &lt;1&gt; 5", "to c 4", "to (none) 1"),
                nodes.stream()
                        .map(x -> x.side() + " " + x.label() + " " + x.count())
                        .toList());
        // ten customers share 360 units on each side; the nodes follow each other with a gap of 18
        for (Node node : nodes) {
            assertEquals(36.0 * node.count(), node.height(), 1e-3, node::toString);
        }
        assertEquals(28, nodes.get(0).y(), 1e-3);
        assertEquals(28 + 216 + 18, nodes.get(1).y(), 1e-3);
        assertEquals(28 + 180 + 18 + 144 + 18, nodes.get(5).y(), 1e-3);

        List<Band> bands = new ArrayList<>();
        Matcher b = BAND.matcher(html);
        while (b.find()) {
            bands.add(new Band(
                    b.group(2),
                    b.group(3),
                    Long.parseLong(b.group(4)),
                    Double.parseDouble(b.group(6)),
                    Double.parseDouble(b.group(10))));
            assertTrue(b.group(11).contains(" of "), b.group(11));
        }
        // one band per cell with customers, in row then column order
        assertEquals(
                List.of("a &lt;1&gt;>a &lt;1&gt; 3", "a &lt;1&gt;>c 3", "b>c 1", "b>(none) 1", "(none)>a &lt;1&gt; 2"),
                bands.stream()
                        .map(x -> x.from() + ">" + x.to() + " " + x.count())
                        .toList());
        Map<String, Double> outOf = new HashMap<>();
        for (Band band : bands) {
            // the band's left end is as thick as its count, and it leaves its node where the band before it ended
            assertEquals(36.0 * band.count(), band.y0Bottom() - band.y0(), 1e-2, band::toString);
            Node source = nodes.stream()
                    .filter(x -> x.side().equals("from") && x.label().equals(band.from()))
                    .findFirst()
                    .orElseThrow();
            double used = outOf.getOrDefault(band.from(), 0.0);
            assertEquals(source.y() + used, band.y0(), 1e-2, band::toString);
            outOf.put(band.from(), used + band.y0Bottom() - band.y0());
        }
        for (Node node : nodes.subList(0, 3)) {
            assertEquals(node.height(), outOf.getOrDefault(node.label(), 0.0), 1e-2, "bands tile " + node);
        }
        assertTrue(html.contains("<title>a &lt;1&gt; to c: 3 of 6 (50.0%)</title>"), html);
        assertTrue(html.contains("<text class=\"flow-heading\" x=\"200\" y=\"16\">1997 &lt;end&gt;</text>"), html);
        assertTrue(html.contains(">a &lt;1&gt; \u00b7 6 \u00b7 60.0%</text>"), html);
    }

    @Test
    void toHtml_flow_followedByItsMatrixWithRowShares() {
        String html = html(flow());
        assertTrue(html.indexOf("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"flow-chart\"")
                < html.indexOf("<table class=\"heatmap section-heatmap\">"));
        assertTrue(
                html.contains("<thead><tr><th>1997 &lt;end&gt; \\ 1998</th><th>a &lt;1&gt;</th><th>b</th><th>c</th>"
                        + "<th>(none)</th></tr></thead>"),
                html);
        assertTrue(html.contains("\">3<span class=\"row-share\">50.0%</span></td>"), html);
        // the empty (none) column of row (none), and a row with nobody
        assertTrue(
                html.contains("title=\"(none) to (none): 0 of 2 (0.0%)\">0<span class=\"row-share\">0.0%</span>"),
                html);
        assertEquals(2, html.split("<h3>Stage flow &amp; more</h3>", -1).length - 1, "the chart's and the matrix's");
    }

    @Test
    void toHtml_flowWithoutCustomers_noChartButTheMatrix() {
        MoveMatrix empty = MoveMatrix.between(
                List.of("a"), new Side(List.of(), List.of()), List.of("a"), new Side(List.of(), List.of()));
        String html = html(ReportFlow.of("Empty", "x", "y", empty));
        assertFalse(html.contains("class=\"flow-chart\""), html);
        assertTrue(html.contains("<p class=\"meta\">No customers on either side: no flow to draw.</p>"), html);
        assertTrue(html.contains("title=\"a to a: 0 of 0 (n/a)\">0<span class=\"row-share\">n/a</span>"), html);
    }

    @Test
    void of_badParts_refusedNamingTheRule() {
        assertEquals(
                "flow fromHeading must not be blank but was ' '",
                assertThrows(IllegalArgumentException.class, () -> ReportFlow.of("t", " ", "y", matrix()))
                        .getMessage());
        assertEquals(
                "flow toHeading must not be blank but was ''",
                assertThrows(IllegalArgumentException.class, () -> ReportFlow.of("t", "x", "", matrix()))
                        .getMessage());
        assertEquals(
                "heatmap title must not be blank but was ''",
                assertThrows(IllegalArgumentException.class, () -> ReportFlow.of("", "x", "y", matrix()))
                        .getMessage());
    }

    @Test
    void values_equalByParts_andNullsRejected() {
        new EqualsTester()
                .addEqualityGroup(flow(), flow())
                .addEqualityGroup(ReportFlow.of("Stage flow & more", "1997", "1998", matrix()))
                .addEqualityGroup(ReportFlow.of("Stage flow & more", "1997 <end>", "1999", matrix()))
                .addEqualityGroup(ReportFlow.of("Other", "1997 <end>", "1998", matrix()))
                .testEquals();
        new EqualsTester()
                .addEqualityGroup(flow().matrix(), flow().matrix())
                .addEqualityGroup(flow().matrix().withRowShares(false))
                .testEquals();
        assertEquals(flow().matrix().withRowShares(false).withRowShares(true), flow().matrix());
        NullPointerTester tester = new NullPointerTester().setDefault(MoveMatrix.class, matrix());
        tester.testAllPublicStaticMethods(ReportFlow.class);
        tester.testAllPublicInstanceMethods(flow());
        tester.testAllPublicInstanceMethods(ReportSection.builder("s", "h"));
    }
}
