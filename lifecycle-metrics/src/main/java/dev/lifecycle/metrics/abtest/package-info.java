/**
 * A/B and multivariate tests of stage conversion: two-proportion tests, sample-ratio checks, multiple-comparison
 * corrections and sample sizes.
 *
 * <p>Compare a control with a variant through {@link dev.lifecycle.metrics.abtest.ProportionTest#compare(long, long,
 * long, long)}, check the assignment split with {@link dev.lifecycle.metrics.abtest.SampleRatio#check(long[],
 * double[])}, correct the p-values of several variants with {@link dev.lifecycle.metrics.abtest.Corrections}, and plan
 * a test with {@link dev.lifecycle.metrics.abtest.SampleSize#perVariant(double, double, double, double)}. All values
 * are immutable and thread-safe.
 */
@NullMarked
package dev.lifecycle.metrics.abtest;

import org.jspecify.annotations.NullMarked;
