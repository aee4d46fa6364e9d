/**
 * Runnable examples and the demo; not a library. Each example is the code of one page of the documentation, compiled
 * and run by a test, so what the pages show always works.
 *
 * <ul>
 *   <li>{@link dev.lifecycle.examples.LifecycleDemo}: the demo ({@code java -jar lifecycle-demo.jar}) on real
 *       customers, with the HTML report.
 *   <li>{@link dev.lifecycle.examples.QuickStart}: the README's quick start; {@link
 *       dev.lifecycle.examples.BringingYourOwnData}: events from a CSV export, a JDBC query and a message consumer;
 *       {@link dev.lifecycle.examples.FromEventLog}: the fast path, an event log read by column and classified.
 *   <li>{@link dev.lifecycle.examples.CustomTemplate}: a built-in template edited; {@link
 *       dev.lifecycle.examples.NightlyBatch}: a whole customer base classified at once; {@link
 *       dev.lifecycle.examples.ReactingToStageChanges}: the tracker starting campaigns on stage changes.
 *   <li>{@link dev.lifecycle.examples.InYourOwnEngine}: the tracker's per-customer step run by an engine that keeps
 *       the state and the timers itself; {@link dev.lifecycle.examples.OnFlink}: the same step on Apache Flink.
 *   <li>{@link dev.lifecycle.examples.MetricsTour}: funnel, NPS and A/B test; {@link
 *       dev.lifecycle.examples.PrePurchaseFunnel}: an event funnel over real sessions; {@link
 *       dev.lifecycle.examples.PredictingPurchases}: BG/NBD and Gamma-Gamma fitted, validated and scored; {@link
 *       dev.lifecycle.examples.AtRiskByModel}: an "at risk" stage driven by P(alive) next to the 180-day lapse; {@link
 *       dev.lifecycle.examples.AtRiskTemplateFile}: the same stage in a template file; {@link
 *       dev.lifecycle.examples.RfmSegments}: RFM segments, their migration and a win-back stage driven by them;
 *       {@link dev.lifecycle.examples.LifecycleFlows}: the monthly lifecycle series and the stage flow between two
 *       quarters; {@link dev.lifecycle.examples.FunnelModes}: funnel order modes, optional steps, gaps, exclusions,
 *       entry choice, breakdowns and the conversion per month; {@link dev.lifecycle.examples.RetentionViews}: cohort
 *       retention in brackets of months, relative to the bracket before, and revenue retention.
 *   <li>{@link dev.lifecycle.examples.ClassifierService}: a small HTTP service that classifies one customer per
 *       request.
 * </ul>
 */
@NullMarked
package dev.lifecycle.examples;

import org.jspecify.annotations.NullMarked;
