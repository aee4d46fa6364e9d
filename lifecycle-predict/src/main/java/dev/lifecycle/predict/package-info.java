/**
 * Customer-lifetime-value models. {@link dev.lifecycle.predict.CustomerSummaries} turns purchases into the summary the
 * models read; {@link dev.lifecycle.predict.BgNbd}, {@link dev.lifecycle.predict.MbgNbd} and {@link
 * dev.lifecycle.predict.ParetoNbd} are fitted to it and predict each customer's purchases, {@link
 * dev.lifecycle.predict.GammaGamma} their spend.
 */
@NullMarked
package dev.lifecycle.predict;

import org.jspecify.annotations.NullMarked;
