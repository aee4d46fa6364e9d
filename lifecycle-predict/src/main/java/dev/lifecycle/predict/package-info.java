/**
 * Customer-lifetime-value models.
 *
 * <ul>
 *   <li>{@link dev.lifecycle.predict.CustomerSummaries} turns purchases into the summary the models read (one row a
 *       {@link dev.lifecycle.predict.CustomerSummary}), as {@link dev.lifecycle.predict.SummaryOptions} say.
 *   <li>{@link dev.lifecycle.predict.PurchaseModel}s {@link dev.lifecycle.predict.BgNbd}, {@link
 *       dev.lifecycle.predict.MbgNbd} and {@link dev.lifecycle.predict.ParetoNbd} are fitted to it (with {@link
 *       dev.lifecycle.predict.FitOptions}, into a {@link dev.lifecycle.predict.ModelFit}) and predict each customer's
 *       purchases; {@link dev.lifecycle.predict.GammaGamma} their spend.
 *   <li>{@link dev.lifecycle.predict.Predictions} gives every figure as a column over a table; {@link
 *       dev.lifecycle.predict.Holdout} and {@link dev.lifecycle.predict.Validation} check a model against the purchases
 *       after calibration; {@link dev.lifecycle.predict.Simulation} draws customers from a model.
 *   <li>{@link dev.lifecycle.predict.PredictiveConditions} turn a fitted model into lifecycle rule conditions.
 * </ul>
 */
@NullMarked
package dev.lifecycle.predict;

import org.jspecify.annotations.NullMarked;
