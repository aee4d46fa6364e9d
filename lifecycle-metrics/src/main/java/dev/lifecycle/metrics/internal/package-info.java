/**
 * Helpers shared by the metrics packages; not exported, so not part of the API. {@link
 * dev.lifecycle.metrics.internal.Checks} holds every argument check (one message per rule), {@link
 * dev.lifecycle.metrics.internal.StandardNormal} the normal critical values and p-values, and {@link
 * dev.lifecycle.metrics.internal.PeriodBound} the one bound on tables with a column per period, and {@link
 * dev.lifecycle.metrics.internal.BatchScan} how the batch paths split an {@link dev.lifecycle.core.EventBatch} into
 * ranges of customer codes or rows over the common fork-join pool.
 */
@NullMarked
package dev.lifecycle.metrics.internal;

import org.jspecify.annotations.NullMarked;
