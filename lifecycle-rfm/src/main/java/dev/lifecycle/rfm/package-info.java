/**
 * RFM segmentation beside the lifecycle stages: the stage says where a customer is in the journey, the RFM segment how
 * recent, frequent and valuable the customer is.
 *
 * <ul>
 *   <li>{@link dev.lifecycle.rfm.RfmValues}: each customer's recency (days), frequency (orders) and revenue at an
 *       instant, from events, event batches and profile tables, in the {@link dev.lifecycle.rfm.Dimension}s with the
 *       {@link dev.lifecycle.rfm.Monetary} value chosen;
 *   <li>{@link dev.lifecycle.rfm.RfmScale}: the breakpoints that score them 1 to n, fitted by a {@link
 *       dev.lifecycle.rfm.Binning} rule or fixed, giving each customer an {@link dev.lifecycle.rfm.RfmScore};
 *   <li>{@link dev.lifecycle.rfm.SegmentMap}: named {@link dev.lifecycle.rfm.Segment}s of {@link
 *       dev.lifecycle.rfm.ScoreRange}s as data, the ten-segment map built in;
 *   <li>{@link dev.lifecycle.rfm.Segmentation}: every customer's scores and segment, and the segment table of {@link
 *       dev.lifecycle.rfm.SegmentSummary} rows; {@link dev.lifecycle.rfm.SegmentMigration}: the moves between two
 *       segmentations;
 *   <li>{@link dev.lifecycle.rfm.RfmConditions}: segment and score conditions for lifecycle rules and template files.
 * </ul>
 */
@NullMarked
package dev.lifecycle.rfm;

import org.jspecify.annotations.NullMarked;
