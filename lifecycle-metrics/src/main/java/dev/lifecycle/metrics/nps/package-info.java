/**
 * Net Promoter Score: counts, shares, the score, Wald and adjusted-Wald intervals and two-sample comparison.
 *
 * <p>Start with {@link dev.lifecycle.metrics.nps.NetPromoterScore#ofCounts(long, long, long)}, {@link
 * dev.lifecycle.metrics.nps.NetPromoterScore#ofScores(int...)} or the stream {@link
 * dev.lifecycle.metrics.nps.NetPromoterScore#toNps()} collector, or from every NPS answer of an event log stored by column with {@link
 * dev.lifecycle.metrics.nps.NetPromoterScore#of(dev.lifecycle.core.EventBatch)} (on several threads); compare two samples with {@link
 * dev.lifecycle.metrics.nps.NetPromoterScore#compare(NetPromoterScore)}, which answers an {@link
 * dev.lifecycle.metrics.nps.NpsComparison}. An empty sample has no score. All values are immutable and thread-safe;
 * accumulators are not.
 */
@NullMarked
package dev.lifecycle.metrics.nps;

import org.jspecify.annotations.NullMarked;
