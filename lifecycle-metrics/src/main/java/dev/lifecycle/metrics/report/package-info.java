/**
 * A self-contained HTML report of lifecycle metrics. Build a {@link dev.lifecycle.metrics.report.LifecycleReport}
 * with its builder from a stage distribution, a funnel and optionally cohort retention, a Net Promoter Score and key
 * figures, then render it with {@code toHtml()} or {@code writeTo(Path)}. The value and its HTML rendering live apart:
 * the report holds the figures, a package-private renderer writes the document. Other modules and applications add
 * sections of their own ({@link dev.lifecycle.metrics.report.ReportSection}: paragraphs, figures, bar charts, each a
 * {@link dev.lifecycle.metrics.report.ReportChart}, Sankey-style flow charts of a move matrix such as the stage flow,
 * each a {@link dev.lifecycle.metrics.report.ReportFlow}, and heatmaps of counts, each a {@link
 * dev.lifecycle.metrics.report.ReportHeatmap}), as the demo does with the purchase model's predictions, the stage flow
 * and the RFM segments. {@link dev.lifecycle.metrics.report.FunnelSections} makes the sections of an event funnel's
 * breakdown and of its conversion per period of entry.
 */
@NullMarked
package dev.lifecycle.metrics.report;

import org.jspecify.annotations.NullMarked;
