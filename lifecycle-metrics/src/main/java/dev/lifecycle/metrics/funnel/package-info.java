/**
 * Funnels: reached counts per step, conversion, drop-off, time to convert and comparison with a benchmark.
 *
 * <p>Entry points: {@link dev.lifecycle.metrics.funnel.Funnel}, built from counts, from a {@link
 * dev.lifecycle.core.StageDistribution}, or from events through an {@link dev.lifecycle.metrics.funnel.EventFunnel}
 * definition (from event objects, or from the columns of an {@link dev.lifecycle.core.EventBatch} with {@link
 * dev.lifecycle.metrics.funnel.EventFunnel#evaluate(dev.lifecycle.core.EventBatch)} on several threads); each step of a funnel is a {@link dev.lifecycle.metrics.funnel.FunnelStep} with its count, conversions
 * and drop-off. {@link dev.lifecycle.metrics.funnel.TimeToConvert} gives how long the customers who converted through an
 * event funnel took, and {@link dev.lifecycle.metrics.funnel.BenchmarkComparison} compares a step's rate with a target.
 *
 * <p>An event funnel's order mode is a {@link dev.lifecycle.metrics.funnel.FunnelOrder} (ordered, strict, unordered)
 * and its choice of entry event a {@link dev.lifecycle.metrics.funnel.FunnelEntry}; it may have optional steps, gaps
 * between steps and exclusions. {@link dev.lifecycle.metrics.funnel.EventFunnel#analyse(Iterable)} gives a {@link
 * dev.lifecycle.metrics.funnel.FunnelAnalysis}: every figure of the funnel, including time into each step and the ids
 * of the customers who dropped off, split by a property into a {@link dev.lifecycle.metrics.funnel.FunnelBreakdown}
 * (first- or last-touch) or by period of entry into a {@link dev.lifecycle.metrics.funnel.FunnelTrend} with a
 * two-proportion test against each previous period.
 */
@NullMarked
package dev.lifecycle.metrics.funnel;

import org.jspecify.annotations.NullMarked;
