/**
 * Rates with their numerator and denominator, Wilson intervals, and the lifecycle rates of {@code docs/metrics.md}.
 *
 * <p>Entry points: {@link dev.lifecycle.metrics.rate.Rate} (a fraction that is undefined, never 0 or NaN, when its
 * denominator is 0), {@link dev.lifecycle.metrics.rate.LifecycleRates} for rates from counts the caller has, and
 * {@link dev.lifecycle.metrics.rate.PeriodRates} for rates over a period computed from events and a template (also
 * from the columns of an {@link dev.lifecycle.core.EventBatch}, on several threads, replaying through a tracker only
 * the customers whose stage history decides whether they are lost). Figures
 * that are not fractions keep their parts too: a {@link dev.lifecycle.metrics.rate.Ratio} may exceed 1 (orders per
 * customer), a {@link dev.lifecycle.metrics.rate.MoneyPerUnit} is exact money per count (average order value).
 */
@NullMarked
package dev.lifecycle.metrics.rate;

import org.jspecify.annotations.NullMarked;
