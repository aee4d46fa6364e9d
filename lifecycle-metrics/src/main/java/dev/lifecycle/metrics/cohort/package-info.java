/**
 * Cohort retention: customers grouped by the period of their first order (or first event of chosen types), followed
 * period by period; and the lifecycle series of new, returning, resurrecting and dormant customers per period.
 *
 * <p>The entry point is {@link dev.lifecycle.metrics.cohort.CohortRetention#of(Iterable, CohortPeriod,
 * java.time.Instant)}, which takes events, a {@link dev.lifecycle.metrics.cohort.CohortPeriod} and an {@code asOf}
 * instant and answers one {@link dev.lifecycle.metrics.cohort.CohortCell} per cohort and period offset; {@link
 * dev.lifecycle.metrics.cohort.CohortRetention#of(dev.lifecycle.core.EventBatch, CohortPeriod, java.time.Instant)}
 * builds the same table from an event log stored by column, on several threads. {@link
 * dev.lifecycle.metrics.cohort.RetentionOptions} choose the events that start a cohort and those that count as a
 * return, and add brackets of offsets. {@link dev.lifecycle.metrics.cohort.LifecycleSeries} counts, per period, the
 * new, returning (growing, steady, shrinking), resurrecting and dormant customers, one {@link
 * dev.lifecycle.metrics.cohort.LifecycleSeries.Point} per period. All types are immutable and thread-safe.
 */
@NullMarked
package dev.lifecycle.metrics.cohort;

import org.jspecify.annotations.NullMarked;
