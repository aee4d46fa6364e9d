/**
 * Helpers shared by the metrics packages; not exported, so not part of the API. {@link
 * dev.lifecycle.metrics.internal.Checks} holds every argument check (one message per rule), {@link
 * dev.lifecycle.metrics.internal.StandardNormal} the normal critical values and p-values, and {@link
 * dev.lifecycle.metrics.internal.PeriodBound} the one bound on tables with a column per period.
 */
@NullMarked
package dev.lifecycle.metrics.internal;

import org.jspecify.annotations.NullMarked;
