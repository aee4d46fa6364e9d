/**
 * Values shared by the metrics packages: {@link dev.lifecycle.metrics.Interval}, the confidence interval every
 * estimate carries. The figures themselves live in {@code funnel}, {@code nps}, {@code rate}, {@code abtest} and
 * {@code cohort}.
 */
@NullMarked
package dev.lifecycle.metrics;

import org.jspecify.annotations.NullMarked;
