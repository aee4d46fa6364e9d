package dev.lifecycle.metrics.report;

import dev.lifecycle.core.StageDistribution;
import dev.lifecycle.metrics.Interval;
import dev.lifecycle.metrics.cohort.CohortCell;
import dev.lifecycle.metrics.cohort.CohortPeriod;
import dev.lifecycle.metrics.cohort.CohortRetention;
import dev.lifecycle.metrics.funnel.Funnel;
import dev.lifecycle.metrics.funnel.FunnelStep;
import dev.lifecycle.metrics.nps.NetPromoterScore;
import dev.lifecycle.metrics.rate.PeriodRates;
import dev.lifecycle.metrics.rate.Rate;
import dev.lifecycle.metrics.rate.Ratio;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Renders a {@link LifecycleReport} as one self-contained HTML5 document: the header, then one section per part of the
 * report (key figures, funnel, stage distribution, period rates, cohort heatmap, NPS), each a method here, with the
 * page's CSS and the charts' geometry. {@link LifecycleReport#toHtml()} documents what the document contains. Stateless,
 * so thread-safe: each call writes into markup of its own.
 */
final class ReportHtml {
    private static final String SVG_NS = "http://www.w3.org/2000/svg";
    private static final double BAR_AREA = 600;
    private static final int LABEL_WIDTH = 200;
    private static final int ROW_HEIGHT = 28;
    private static final int BAR_HEIGHT = 20;
    private static final int TEXT_WIDTH = 360;
    /** The height all nodes of one side of a flow chart share, gaps aside. */
    private static final double FLOW_AREA = 360;

    private static final int FLOW_TOP = 28;
    private static final int FLOW_GAP = 18;
    private static final int FLOW_NODE_WIDTH = 14;
    private static final int FLOW_COLOURS = 8;

    private ReportHtml() {}

    /** {@return the report as one HTML5 document, lines separated by {@code \n}} */
    static String render(LifecycleReport report) {
        String title = report.title();
        Instant asOf = report.asOf();
        StageDistribution distribution = report.distribution();
        Markup html = new Markup();
        html.raw("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\" />\n");
        html.raw("<title>").text(title).raw("</title>\n");
        html.raw("<style>\n").raw(CSS);
        if (!report.sections().isEmpty()) {
            html.raw(SECTION_CSS);
        }
        html.raw("</style>\n</head>\n<body>\n");
        html.raw("<h1>").text(title).raw("</h1>\n");
        html.raw("<p class=\"meta\">As of <time datetime=\"")
                .attr(asOf.toString())
                .raw("\">")
                .text(asOf.toString())
                .raw("</time>; template ")
                .text(distribution.templateName())
                .raw("; ")
                .raw(Long.toString(distribution.total()))
                .raw(" customers classified.</p>\n");
        keyFigures(html, report.keyFigures());
        funnel(html, report.funnel());
        distribution(html, distribution);
        if (!report.periodRates().isEmpty()) {
            periodRates(html, report.periodRates());
        }
        report.cohortRetention().ifPresent(table -> cohort(html, table));
        report.nps().ifPresent(nps -> nps(html, nps));
        for (ReportSection section : report.sections()) {
            section(html, section);
        }
        html.raw("</body>\n</html>\n");
        return html.toString();
    }

    private static void keyFigures(Markup html, Map<String, String> keyFigures) {
        if (keyFigures.isEmpty()) {
            return;
        }
        html.raw("<section id=\"key-figures\">\n<h2>Key figures</h2>\n<dl>\n");
        for (Map.Entry<String, String> entry : keyFigures.entrySet()) {
            html.raw("<dt>")
                    .text(entry.getKey())
                    .raw("</dt><dd>")
                    .text(entry.getValue())
                    .raw("</dd>\n");
        }
        html.raw("</dl>\n</section>\n");
    }

    private static void funnel(Markup html, Funnel funnel) {
        html.raw("<section id=\"funnel\">\n<h2>Funnel</h2>\n");
        List<String> notMeasured = new ArrayList<>();
        for (FunnelStep step : funnel.steps()) {
            if (!step.measured()) {
                notMeasured.add(step.name());
            }
        }
        if (!notMeasured.isEmpty()) {
            html.raw("<p class=\"meta funnel-note\">Not measured: ")
                    .text(String.join(", ", notMeasured))
                    .raw(". The input has no events that decide ")
                    .raw(notMeasured.size() == 1 ? "this step" : "these steps")
                    .raw(", so the template's rules alone would set ")
                    .raw(notMeasured.size() == 1 ? "its count" : "their counts")
                    .raw("; no bar is drawn for them, and no conversion or drop-off into or out of them is shown.")
                    .raw("</p>\n");
        }
        long top = funnel.steps().get(0).count();
        int height = funnel.steps().size() * ROW_HEIGHT;
        svgOpen(html, "funnel-chart", "Funnel: customers reaching each step", height);
        int y = 0;
        for (FunnelStep step : funnel.steps()) {
            if (step.measured()) {
                String figures = step.count()
                        + (step.dropOffMeasured() ? " \u00b7 " + percent(step.fromPrevious()) + " of previous" : "")
                        + " \u00b7 " + percent(step.fromTop()) + " of top";
                bar(html, "funnel-bar", "data-step", step.name(), step.count(), top, y, figures);
            } else {
                label(html, step.name(), y);
                html.raw("<text class=\"value not-measured\" data-step=\"")
                        .attr(step.name())
                        .raw("\" x=\"")
                        .raw(Integer.toString(LABEL_WIDTH))
                        .raw("\" y=\"")
                        .raw(Integer.toString(y + BAR_HEIGHT - 5))
                        .raw("\">not measured</text>\n");
            }
            y += ROW_HEIGHT;
        }
        html.raw("</svg>\n");
        html.raw("<table class=\"figures\">\n<thead><tr><th>Step</th><th>Customers</th><th>From previous</th>"
                + "<th>From top</th><th>Drop-off</th><th>Drop-off rate</th></tr></thead>\n<tbody>\n");
        for (FunnelStep step : funnel.steps()) {
            if (!step.measured()) {
                html.raw("<tr class=\"not-measured\"><td>")
                        .text(step.name())
                        .raw("</td><td colspan=\"5\">not measured</td></tr>\n");
                continue;
            }
            boolean compared = step.dropOffMeasured();
            html.raw("<tr><td>")
                    .text(step.name())
                    .raw("</td><td class=\"num\">")
                    .raw(Long.toString(step.count()))
                    .raw("</td><td class=\"num\">")
                    .raw(compared ? percent(step.fromPrevious()) : "n/a")
                    .raw("</td><td class=\"num\">")
                    .raw(percent(step.fromTop()))
                    .raw("</td><td class=\"num\">")
                    .raw(compared ? Long.toString(step.dropOffCount()) : "n/a")
                    .raw("</td><td class=\"num\">")
                    .raw(compared ? percent(step.dropOffRate()) : "n/a")
                    .raw("</td></tr>\n");
        }
        html.raw("</tbody>\n</table>\n</section>\n");
    }

    private static void periodRates(Markup html, List<PeriodRates> periodRates) {
        html.raw("<section id=\"period-rates\">\n<h2>Churn and retention by period</h2>\n");
        html.raw("<p class=\"meta\">At end = at start - lost + won back + new - new not active at end; a period"
                + " starts with the customers active at the previous one's end. Lost: customers active at the start"
                + " who were in a churn stage at some instant of the period, also when won back before its end; won"
                + " back: customers active at the end who were churned at the start or lost during the period;"
                + " retention: (at end - new customers still active) / at start.</p>\n");
        html.raw("<table class=\"figures\">\n<thead><tr><th>Period</th><th>At start</th><th>Lost</th>"
                + "<th>Won back</th><th>New</th><th>New not active at end</th><th>At end</th><th>Churn</th>"
                + "<th>Retention</th></tr></thead>\n<tbody>\n");
        for (PeriodRates period : periodRates) {
            html.raw("<tr class=\"period-row\"><td>").text(periodName(period.start(), period.end()));
            for (long count : new long[] {
                period.customersAtStart(),
                period.lostCustomers(),
                period.wonBackCustomers(),
                period.newCustomersAcquired(),
                period.newCustomersNotActiveAtEnd(),
                period.customersAtEnd()
            }) {
                html.raw("</td><td class=\"num\">").raw(Long.toString(count));
            }
            html.raw("</td><td class=\"num\">")
                    .raw(percent(period.churnRate()))
                    .raw("</td><td class=\"num\">")
                    .raw(percent(period.retentionRate()))
                    .raw("</td></tr>\n");
        }
        html.raw("</tbody>\n</table>\n</section>\n");
    }

    /** A calendar quarter (UTC) as {@code 1998-Q1}; any other period as its first and last days. */
    static String periodName(Instant start, Instant end) {
        LocalDate first = start.atZone(ZoneOffset.UTC).toLocalDate();
        boolean midnight = first.atStartOfDay(ZoneOffset.UTC).toInstant().equals(start);
        if (midnight
                && first.getDayOfMonth() == 1
                && (first.getMonthValue() - 1) % 3 == 0
                && first.plusMonths(3).atStartOfDay(ZoneOffset.UTC).toInstant().equals(end)) {
            return first.getYear() + "-Q" + ((first.getMonthValue() - 1) / 3 + 1);
        }
        return start + " to " + end;
    }

    private static void distribution(Markup html, StageDistribution distribution) {
        html.raw("<section id=\"distribution\">\n<h2>Stage distribution</h2>\n");
        Map<String, Long> counts = distribution.counts();
        long total = distribution.total();
        long max = 0;
        for (long count : counts.values()) {
            max = Math.max(max, count);
        }
        svgOpen(html, "distribution-chart", "Customers in each stage", counts.size() * ROW_HEIGHT);
        int y = 0;
        for (Map.Entry<String, Long> entry : counts.entrySet()) {
            long count = entry.getValue();
            bar(
                    html,
                    "stage-bar",
                    "data-stage",
                    entry.getKey(),
                    count,
                    max,
                    y,
                    count + " \u00b7 " + share(count, total));
            y += ROW_HEIGHT;
        }
        html.raw("</svg>\n");
        html.raw("<table class=\"figures\">\n<thead><tr><th>Stage</th><th>Customers</th><th>Share</th></tr></thead>\n"
                + "<tbody>\n");
        for (Map.Entry<String, Long> entry : counts.entrySet()) {
            html.raw("<tr class=\"stage-row\" data-stage=\"")
                    .attr(entry.getKey())
                    .raw("\"><td>")
                    .text(entry.getKey())
                    .raw("</td><td class=\"num\">")
                    .raw(Long.toString(entry.getValue()))
                    .raw("</td><td class=\"num\">")
                    .raw(share(entry.getValue(), total))
                    .raw("</td></tr>\n");
        }
        html.raw("</tbody>\n<tfoot><tr><th>Total</th><td class=\"num\">")
                .raw(Long.toString(total))
                .raw("</td><td class=\"num\">")
                .raw(total == 0 ? "n/a" : "100.0%")
                .raw("</td></tr></tfoot>\n</table>\n</section>\n");
    }

    private static void cohort(Markup html, CohortRetention table) {
        html.raw("<section id=\"cohorts\">\n<h2>Cohort retention</h2>\n");
        html.raw("<p class=\"meta\">Bounded retention by ")
                .text(table.period().name().toLowerCase(Locale.ROOT))
                .raw(" as of ")
                .text(table.asOf().toString())
                .raw("; column k is the k-th ")
                .text(table.period().name().toLowerCase(Locale.ROOT))
                .raw(" after the cohort's first; * period not ended at asOf; ")
                .raw(Long.toString(table.ignoredEventCount()))
                .raw(" events after asOf ignored.</p>\n");
        if (table.cohorts().isEmpty()) {
            html.raw("<p>No cohorts: no purchase at or before asOf.</p>\n</section>\n");
            return;
        }
        long columns = 0;
        for (LocalDate cohort : table.cohorts()) {
            columns = Math.max(columns, table.periodCount(cohort));
        }
        boolean monthly = table.period() == CohortPeriod.MONTH;
        html.raw("<div class=\"heatmap-frame\">\n<table class=\"heatmap\">\n<thead><tr><th>Cohort</th><th>Size</th>");
        for (long k = 0; k < columns; k++) {
            html.raw("<th>k=").raw(Long.toString(k)).raw("</th>");
        }
        html.raw("</tr></thead>\n<tbody>\n");
        for (LocalDate cohort : table.cohorts()) {
            String start = cohort.toString();
            long size = table.cell(cohort, 0).map(CohortCell::cohortSize).orElse(0L);
            html.raw("<tr><th>")
                    // a month cohort starts on the 1st, so its day says nothing and only widens the table
                    .raw(monthly ? start.substring(0, start.length() - 3) : start)
                    .raw("</th><td class=\"num\">")
                    .raw(Long.toString(size))
                    .raw("</td>");
            for (long k = 0; k < columns; k++) {
                Optional<CohortCell> present = table.cell(cohort, k);
                if (present.isEmpty()) {
                    html.raw("<td class=\"cohort-blank\"></td>");
                    continue;
                }
                CohortCell cell = present.get();
                double retention = cell.boundedRetention();
                html.raw("<td class=\"cohort-cell")
                        .raw(cell.isComplete() ? "" : " incomplete")
                        .raw("\" data-cohort=\"")
                        .raw(start)
                        .raw("\" data-offset=\"")
                        .raw(Long.toString(k))
                        .raw("\" data-retention=\"")
                        .raw(decimal(retention, 6))
                        .raw("\" style=\"background-color:")
                        .raw(heat(retention))
                        .raw(ink(retention))
                        .raw("\" title=\"")
                        .raw(Long.toString(cell.activeCustomers()))
                        .raw(" of ")
                        .raw(Long.toString(cell.cohortSize()))
                        .raw("\">")
                        .raw(percent(retention))
                        .raw(cell.isComplete() ? "" : "*")
                        .raw("</td>");
            }
            html.raw("</tr>\n");
        }
        html.raw("</tbody>\n</table>\n</div>\n</section>\n");
    }

    private static void nps(Markup html, NetPromoterScore nps) {
        html.raw("<section id=\"nps\">\n<h2>Net Promoter Score</h2>\n");
        if (nps.isEmpty()) {
            html.raw("<p class=\"nps-score\">No responses: the score is undefined.</p>\n</section>\n");
            return;
        }
        Interval interval = nps.adjustedWaldInterval(0.95);
        long n = nps.count();
        html.raw("<p class=\"nps-score\">NPS <strong>")
                .raw(decimal(nps.score(), 1))
                .raw("</strong> (95% adjusted-Wald interval ")
                .raw(decimal(interval.lower(), 1))
                .raw(" to ")
                .raw(decimal(interval.upper(), 1))
                .raw(") from ")
                .raw(Long.toString(n))
                .raw(" responses.</p>\n");
        double width = BAR_AREA;
        double promoters = width * nps.promoterCount() / n;
        double passives = width * nps.passiveCount() / n;
        double detractors = width - promoters - passives;
        html.raw("<svg xmlns=\"")
                .raw(SVG_NS)
                .raw("\" class=\"nps-chart\" role=\"img\" width=\"")
                .raw(decimal(width, 0))
                .raw("\" height=\"")
                .raw(Integer.toString(BAR_HEIGHT))
                .raw("\" viewBox=\"0 0 ")
                .raw(decimal(width, 0))
                .raw(" ")
                .raw(Integer.toString(BAR_HEIGHT))
                .raw("\"><title>Promoters, passives and detractors</title>");
        html.raw("<rect class=\"nps-promoters\" x=\"0\" y=\"0\" width=\"")
                .raw(decimal(promoters, 2))
                .raw("\" height=\"")
                .raw(Integer.toString(BAR_HEIGHT))
                .raw("\" />");
        html.raw("<rect class=\"nps-passives\" x=\"")
                .raw(decimal(promoters, 2))
                .raw("\" y=\"0\" width=\"")
                .raw(decimal(passives, 2))
                .raw("\" height=\"")
                .raw(Integer.toString(BAR_HEIGHT))
                .raw("\" />");
        html.raw("<rect class=\"nps-detractors\" x=\"")
                .raw(decimal(promoters + passives, 2))
                .raw("\" y=\"0\" width=\"")
                .raw(decimal(Math.max(0, detractors), 2))
                .raw("\" height=\"")
                .raw(Integer.toString(BAR_HEIGHT))
                .raw("\" /></svg>\n");
        html.raw("<table class=\"figures\">\n<thead><tr><th>Group</th><th>Responses</th><th>Share</th></tr></thead>\n"
                + "<tbody>\n");
        npsRow(html, "Promoters (9-10)", nps.promoterCount(), nps.promoterShare());
        npsRow(html, "Passives (7-8)", nps.passiveCount(), nps.passiveShare());
        npsRow(html, "Detractors (0-6)", nps.detractorCount(), nps.detractorShare());
        html.raw("</tbody>\n</table>\n</section>\n");
    }

    private static void npsRow(Markup html, String group, long count, double share) {
        html.raw("<tr><td>")
                .text(group)
                .raw("</td><td class=\"num\">")
                .raw(Long.toString(count))
                .raw("</td><td class=\"num\">")
                .raw(percent(share))
                .raw("</td></tr>\n");
    }

    private static void section(Markup html, ReportSection section) {
        html.raw("<section id=\"")
                .attr(section.id())
                .raw("\">\n<h2>")
                .text(section.heading())
                .raw("</h2>\n");
        for (String paragraph : section.paragraphs()) {
            html.raw("<p>").text(paragraph).raw("</p>\n");
        }
        if (!section.figures().isEmpty()) {
            html.raw("<dl>\n");
            section.figures()
                    .forEach((name, text) -> html.raw("<dt>")
                            .text(name)
                            .raw("</dt><dd>")
                            .text(text)
                            .raw("</dd>\n"));
            html.raw("</dl>\n");
        }
        for (ReportChart chart : section.charts()) {
            chart(html, chart);
        }
        for (ReportFlow flow : section.flows()) {
            flow(html, flow);
            heatmap(html, flow.matrix());
        }
        for (ReportHeatmap heatmap : section.heatmaps()) {
            heatmap(html, heatmap);
        }
        html.raw("</section>\n");
    }

    /** A table of counts, each cell shaded by its share of its row (the cohort heatmap's colours) and titled so. */
    private static void heatmap(Markup html, ReportHeatmap heatmap) {
        html.raw("<h3>").text(heatmap.title()).raw("</h3>\n");
        html.raw("<div class=\"heatmap-frame\">\n<table class=\"heatmap section-heatmap\">\n<thead><tr><th>")
                .text(heatmap.corner())
                .raw("</th>");
        for (String column : heatmap.columns()) {
            html.raw("<th>").text(column).raw("</th>");
        }
        html.raw("</tr></thead>\n<tbody>\n");
        for (int row = 0; row < heatmap.rows().size(); row++) {
            long total = heatmap.rowTotal(row);
            html.raw("<tr><th>").text(heatmap.rows().get(row)).raw("</th>");
            List<Long> counts = heatmap.counts().get(row);
            for (int column = 0; column < counts.size(); column++) {
                long count = counts.get(column);
                double share = total == 0 ? 0 : (double) count / total;
                html.raw("<td style=\"background-color:")
                        .raw(heat(share))
                        .raw(ink(share))
                        .raw("\" title=\"")
                        .attr(heatmap.rows().get(row) + " to "
                                + heatmap.columns().get(column) + ": " + count + " of " + total + " ("
                                + share(count, total).strip() + ")")
                        .raw("\">")
                        .raw(Long.toString(count));
                if (heatmap.rowSharesShown()) {
                    html.raw("<span class=\"row-share\">")
                            .raw(share(count, total))
                            .raw("</span>");
                }
                html.raw("</td>");
            }
            html.raw("</tr>\n");
        }
        html.raw("</tbody>\n</table>\n</div>\n");
    }

    /**
     * A Sankey-style chart: the rows' labels with customers as nodes on the left, the columns' on the right, each as
     * tall as its customers to one scale with a gap between nodes; a band per cell with customers, leaving its row's
     * node in column order and entering its column's node in row order, as thick as its count. Nodes and bands are
     * coloured by label, the same label the same colour on both sides.
     */
    private static void flow(Markup html, ReportFlow flow) {
        ReportHeatmap matrix = flow.matrix();
        List<String> rows = matrix.rows();
        List<String> columns = matrix.columns();
        long[] rowTotals = new long[rows.size()];
        long[] columnTotals = new long[columns.size()];
        long total = 0;
        for (int row = 0; row < rows.size(); row++) {
            for (int column = 0; column < columns.size(); column++) {
                long count = matrix.counts().get(row).get(column);
                rowTotals[row] = Math.addExact(rowTotals[row], count);
                columnTotals[column] = Math.addExact(columnTotals[column], count);
                total = Math.addExact(total, count);
            }
        }
        html.raw("<h3>").text(flow.title()).raw("</h3>\n");
        if (total == 0) {
            html.raw("<p class=\"meta\">No customers on either side: no flow to draw.</p>\n");
            return;
        }
        double scale = FLOW_AREA / total;
        double[] leftTop = nodeTops(rowTotals, scale);
        double[] rightTop = nodeTops(columnTotals, scale);
        int nodes = Math.max(nonZero(rowTotals), nonZero(columnTotals));
        svgOpen(html, "flow-chart", flow.title(), FLOW_TOP + (int) FLOW_AREA + FLOW_GAP * (nodes - 1) + 14);
        int left = LABEL_WIDTH;
        int right = LABEL_WIDTH + (int) BAR_AREA;
        html.raw("<text class=\"flow-heading\" x=\"")
                .raw(Integer.toString(left))
                .raw("\" y=\"16\">")
                .text(flow.fromHeading())
                .raw("</text>\n<text class=\"flow-heading\" x=\"")
                .raw(Integer.toString(right))
                .raw("\" y=\"16\" text-anchor=\"end\">")
                .text(flow.toHeading())
                .raw("</text>\n");
        double[] out = new double[rows.size()];
        double[] in = new double[columns.size()];
        double x0 = left + FLOW_NODE_WIDTH;
        double x1 = right - FLOW_NODE_WIDTH;
        double middle = (x0 + x1) / 2;
        for (int row = 0; row < rows.size(); row++) {
            for (int column = 0; column < columns.size(); column++) {
                long count = matrix.counts().get(row).get(column);
                if (count == 0) {
                    continue;
                }
                double thickness = count * scale;
                double y0 = leftTop[row] + out[row];
                double y1 = rightTop[column] + in[column];
                out[row] += thickness;
                in[column] += thickness;
                html.raw("<path class=\"flow-band flow-")
                        .raw(Integer.toString(colour(rows, columns, rows.get(row))))
                        .raw("\" data-from=\"")
                        .attr(rows.get(row))
                        .raw("\" data-to=\"")
                        .attr(columns.get(column))
                        .raw("\" data-count=\"")
                        .raw(Long.toString(count))
                        .raw("\" d=\"M")
                        .raw(point(x0, y0))
                        .raw(" C")
                        .raw(point(middle, y0))
                        .raw(" ")
                        .raw(point(middle, y1))
                        .raw(" ")
                        .raw(point(x1, y1))
                        .raw(" L")
                        .raw(point(x1, y1 + thickness))
                        .raw(" C")
                        .raw(point(middle, y1 + thickness))
                        .raw(" ")
                        .raw(point(middle, y0 + thickness))
                        .raw(" ")
                        .raw(point(x0, y0 + thickness))
                        .raw(" Z\"><title>")
                        .text(rows.get(row) + " to " + columns.get(column) + ": " + count + " of " + rowTotals[row]
                                + " (" + share(count, rowTotals[row]) + ")")
                        .raw("</title></path>\n");
            }
        }
        for (int row = 0; row < rows.size(); row++) {
            if (rowTotals[row] > 0) {
                flowNode(
                        html,
                        "from",
                        rows.get(row),
                        colour(rows, columns, rows.get(row)),
                        rowTotals[row],
                        total,
                        left,
                        leftTop[row],
                        scale);
            }
        }
        for (int column = 0; column < columns.size(); column++) {
            if (columnTotals[column] > 0) {
                flowNode(
                        html,
                        "to",
                        columns.get(column),
                        colour(rows, columns, columns.get(column)),
                        columnTotals[column],
                        total,
                        right - FLOW_NODE_WIDTH,
                        rightTop[column],
                        scale);
            }
        }
        html.raw("</svg>\n");
    }

    /** The tops of a side's nodes: one after the other from the chart's top, a gap between; NaN for no node. */
    private static double[] nodeTops(long[] totals, double scale) {
        double[] tops = new double[totals.length];
        double y = FLOW_TOP;
        for (int i = 0; i < totals.length; i++) {
            if (totals[i] == 0) {
                tops[i] = Double.NaN;
                continue;
            }
            tops[i] = y;
            y += totals[i] * scale + FLOW_GAP;
        }
        return tops;
    }

    private static int nonZero(long[] totals) {
        int nonZero = 0;
        for (long total : totals) {
            nonZero += total > 0 ? 1 : 0;
        }
        return nonZero;
    }

    /** A label's colour: its place among the rows, else after the rows among the columns, over eight colours. */
    private static int colour(List<String> rows, List<String> columns, String label) {
        int row = rows.indexOf(label);
        return (row >= 0 ? row : rows.size() + columns.indexOf(label)) % FLOW_COLOURS;
    }

    private static String point(double x, double y) {
        return decimal(x, 2) + "," + decimal(y, 2);
    }

    /** One node of a flow chart, with its label, count and share of all customers beside it, outside the bands. */
    private static void flowNode(
            Markup html,
            String side,
            String label,
            int colour,
            long count,
            long total,
            double x,
            double top,
            double scale) {
        double height = count * scale;
        boolean left = side.equals("from");
        html.raw("<rect class=\"flow-node flow-")
                .raw(Integer.toString(colour))
                .raw("\" data-side=\"")
                .raw(side)
                .raw("\" data-label=\"")
                .attr(label)
                .raw("\" data-count=\"")
                .raw(Long.toString(count))
                .raw("\" x=\"")
                .raw(decimal(x, 2))
                .raw("\" y=\"")
                .raw(decimal(top, 4))
                .raw("\" width=\"")
                .raw(Integer.toString(FLOW_NODE_WIDTH))
                .raw("\" height=\"")
                .raw(decimal(height, 4))
                .raw("\" />\n<text class=\"label\" x=\"")
                .raw(decimal(left ? x - 8 : x + FLOW_NODE_WIDTH + 8, 2))
                .raw("\" y=\"")
                .raw(decimal(top + height / 2 + 4, 2))
                .raw(left ? "\" text-anchor=\"end\">" : "\">")
                .text(label + " \u00b7 " + count + " \u00b7 " + share(count, total))
                .raw("</text>\n");
    }

    /** One row per label, one bar per series in it, all to the scale of the largest value; then the table. */
    private static void chart(Markup html, ReportChart chart) {
        int seriesCount = chart.series().size();
        int rowHeight = seriesCount * BAR_HEIGHT + (ROW_HEIGHT - BAR_HEIGHT);
        int legend = seriesCount > 1 ? ROW_HEIGHT : 0;
        html.raw("<h3>").text(chart.title()).raw("</h3>\n");
        svgOpen(html, "section-chart", chart.title(), legend + chart.labels().size() * rowHeight);
        if (seriesCount > 1) {
            for (int s = 0; s < seriesCount; s++) {
                int x = LABEL_WIDTH + s * 150;
                html.raw("<rect class=\"series-")
                        .raw(Integer.toString(s))
                        .raw("\" x=\"")
                        .raw(Integer.toString(x))
                        .raw("\" y=\"4\" width=\"12\" height=\"12\" />\n<text x=\"")
                        .raw(Integer.toString(x + 16))
                        .raw("\" y=\"15\">")
                        .text(chart.series().get(s))
                        .raw("</text>\n");
            }
        }
        double max = chart.max();
        int y = legend;
        for (int row = 0; row < chart.labels().size(); row++) {
            String label = chart.labels().get(row);
            label(html, label, y + (seriesCount - 1) * BAR_HEIGHT / 2);
            for (int s = 0; s < seriesCount; s++) {
                double value = chart.values().get(row).get(s);
                double width = max == 0 ? 0 : BAR_AREA * value / max;
                int barY = y + s * BAR_HEIGHT;
                html.raw("<rect class=\"chart-bar series-")
                        .raw(Integer.toString(s))
                        .raw("\" data-label=\"")
                        .attr(label)
                        .raw("\" data-series=\"")
                        .attr(chart.series().get(s))
                        .raw("\" data-value=\"")
                        .raw(decimal(value, chart.decimals()));
                barShape(html, barY, width, BAR_HEIGHT - 2, barY + BAR_HEIGHT - 7, decimal(value, chart.decimals()));
            }
            y += rowHeight;
        }
        html.raw("</svg>\n<table class=\"figures\">\n<thead><tr><th></th>");
        for (String series : chart.series()) {
            html.raw("<th>").text(series).raw("</th>");
        }
        html.raw("</tr></thead>\n<tbody>\n");
        for (int row = 0; row < chart.labels().size(); row++) {
            html.raw("<tr><td>").text(chart.labels().get(row)).raw("</td>");
            for (double value : chart.values().get(row)) {
                html.raw("<td class=\"num\">")
                        .raw(decimal(value, chart.decimals()))
                        .raw("</td>");
            }
            html.raw("</tr>\n");
        }
        html.raw("</tbody>\n</table>\n");
    }

    private static void svgOpen(Markup html, String cssClass, String title, int height) {
        int width = LABEL_WIDTH + (int) BAR_AREA + TEXT_WIDTH;
        html.raw("<svg xmlns=\"")
                .raw(SVG_NS)
                .raw("\" class=\"")
                .raw(cssClass)
                .raw("\" role=\"img\" width=\"")
                .raw(Integer.toString(width))
                .raw("\" height=\"")
                .raw(Integer.toString(height))
                .raw("\" viewBox=\"0 0 ")
                .raw(Integer.toString(width))
                .raw(" ")
                .raw(Integer.toString(height))
                .raw("\">\n<title>")
                .text(title)
                .raw("</title>\n");
    }

    /** The label of a chart row whose top is at {@code y}, right-aligned before the bar area. */
    private static void label(Markup html, String label, int y) {
        html.raw("<text class=\"label\" x=\"")
                .raw(Integer.toString(LABEL_WIDTH - 8))
                .raw("\" y=\"")
                .raw(Integer.toString(y + BAR_HEIGHT - 5))
                .raw("\" text-anchor=\"end\">")
                .text(label)
                .raw("</text>\n");
    }

    /** One labelled bar; its width is {@code count / max} of the bar area, 0 when {@code max} is 0. */
    private static void bar(
            Markup html, String cssClass, String dataName, String label, long count, long max, int y, String figures) {
        double width = max == 0 ? 0 : BAR_AREA * count / max;
        int textY = y + BAR_HEIGHT - 5;
        label(html, label, y);
        html.raw("<rect class=\"")
                .raw(cssClass)
                .raw("\" ")
                .raw(dataName)
                .raw("=\"")
                .attr(label)
                .raw("\" data-count=\"")
                .raw(Long.toString(count));
        barShape(html, y, width, BAR_HEIGHT, textY, figures);
    }

    /**
     * Ends a bar's {@code <rect} after its class and data attributes: its place from the bar area's left edge, its
     * size, and the text of its figures just right of its end.
     */
    private static void barShape(Markup html, int y, double width, int height, int textY, String figures) {
        html.raw("\" x=\"")
                .raw(Integer.toString(LABEL_WIDTH))
                .raw("\" y=\"")
                .raw(Integer.toString(y))
                .raw("\" width=\"")
                .raw(decimal(width, 4))
                .raw("\" height=\"")
                .raw(Integer.toString(height))
                .raw("\" />\n");
        html.raw("<text class=\"value\" x=\"")
                .raw(decimal(LABEL_WIDTH + width + 8, 4))
                .raw("\" y=\"")
                .raw(Integer.toString(textY))
                .raw("\">")
                .text(figures)
                .raw("</text>\n");
    }

    /** White text on the dark end of {@link #heat}'s scale, where black would not read. */
    private static String ink(double shade) {
        return shade > 0.55 ? ";color:#ffffff" : "";
    }

    /** White at retention 0 to a dark blue at 1, in whole RGB steps so the colour is exact. */
    private static String heat(double retention) {
        double t = Math.max(0, Math.min(1, retention));
        return "rgb(" + channel(255, 8, t) + "," + channel(255, 48, t) + "," + channel(255, 107, t) + ")";
    }

    private static long channel(int from, int to, double t) {
        return Math.round(from + (to - from) * t);
    }

    private static String percent(Rate rate) {
        return rate.isDefined() ? percent(rate.requireValue()) : "n/a";
    }

    private static String percent(Ratio ratio) {
        return ratio.isDefined() ? percent(ratio.value().getAsDouble()) : "n/a";
    }

    private static String share(long count, long total) {
        return total == 0 ? "n/a" : percent((double) count / total);
    }

    private static String percent(double fraction) {
        return decimal(100 * fraction, 1) + "%";
    }

    private static String decimal(double value, int places) {
        String text = String.format(Locale.ROOT, "%." + places + "f", value);
        // "-0.0" reads as a sign error to people
        return text.matches("-0(\\.0*)?") ? text.substring(1) : text;
    }

    /** The colours of a section chart's series, only in a report that has sections. */
    private static final String SECTION_CSS = ".series-0{fill:#1f6fb2}\n"
            + ".series-1{fill:#e08a2c}\n"
            + ".series-2{fill:#4c9a6a}\n"
            + ".series-3{fill:#8e5ea2}\n"
            // a section's heatmap names its rows and columns in words: they wrap, so that the table fits the page
            + ".section-heatmap th{white-space:normal}\n"
            + ".row-share{display:block;color:inherit;opacity:0.8}\n"
            + "svg text.flow-heading{font-weight:bold}\n"
            + ".flow-band{fill-opacity:0.4}\n"
            + ".flow-0{fill:#1f6fb2}\n"
            + ".flow-1{fill:#e08a2c}\n"
            + ".flow-2{fill:#4c9a6a}\n"
            + ".flow-3{fill:#8e5ea2}\n"
            + ".flow-4{fill:#c0392b}\n"
            + ".flow-5{fill:#6b6b6b}\n"
            + ".flow-6{fill:#b8860b}\n"
            + ".flow-7{fill:#17a2b8}\n";

    private static final String CSS = "body{font-family:system-ui,sans-serif;margin:2em;color:#1a1a1a}\n"
            + "h1{margin-bottom:0.2em}\n"
            + ".meta{color:#555555}\n"
            + "section{margin-top:2em}\n"
            + "svg{display:block;max-width:100%;height:auto;margin:0.5em 0}\n"
            + "svg text{font-size:13px;fill:#1a1a1a}\n"
            + ".funnel-bar{fill:#1f6fb2}\n"
            + "svg text.not-measured{fill:#6b6b6b;font-style:italic}\n"
            + "tr.not-measured td{color:#6b6b6b;font-style:italic}\n"
            + ".stage-bar{fill:#4c9a6a}\n"
            + ".nps-promoters{fill:#2e8b57}\n"
            + ".nps-passives{fill:#c9c9c9}\n"
            + ".nps-detractors{fill:#c0392b}\n"
            + "table{border-collapse:collapse;margin:0.5em 0}\n"
            + "th,td{border:1px solid #d0d0d0;padding:0.25em 0.6em;text-align:left}\n"
            + "td.num{text-align:right;font-variant-numeric:tabular-nums}\n"
            + ".heatmap-frame{max-width:100%;overflow-x:auto}\n"
            + ".heatmap{font-size:13px;font-variant-numeric:tabular-nums}\n"
            + ".heatmap th,.heatmap td{padding:0.3em 0.4em;white-space:nowrap}\n"
            + ".heatmap td{text-align:right}\n"
            + ".heatmap td.incomplete{font-style:italic}\n"
            + ".heatmap td.cohort-blank{background-color:#ffffff}\n"
            + "dl{display:grid;grid-template-columns:max-content auto;gap:0.25em 1em}\n"
            + "dt{font-weight:bold}\n"
            + "dd{margin:0}\n";
}
