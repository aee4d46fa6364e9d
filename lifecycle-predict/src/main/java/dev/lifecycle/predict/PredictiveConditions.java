package dev.lifecycle.predict;

import dev.lifecycle.core.Condition;
import dev.lifecycle.core.ConditionRegistry;
import dev.lifecycle.core.ConditionType;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Conditions for lifecycle rules that read a fitted model's prediction for the customer at the classification's
 * instant: P(alive) below a threshold, expected purchases below a number within a horizon, predicted value at least an
 * amount. A template with an "at risk" side stage reached when P(alive) falls below 0.3 puts a customer there by the
 * model's reading of that customer's own rhythm, not by a fixed number of days.
 *
 * <p>At {@code asOf}, the customer's summary is folded from the profile's orders as {@link CustomerSummaries} does
 * (occasions are calendar days in the given zone, times in the model's unit) with the calibration ending on
 * {@code asOf}'s day. A profile without orders has no summary, and every predictive condition is false for it: the
 * models say nothing about someone who has not bought. The evidence names the figure, the threshold, the model and
 * its parameters, and the customer's summary: {@code "P(alive) 0.21 < 0.30 under BG/NBD r=0.243 alpha=4.414 a=0.793
 * b=2.426 (x 2, t_x 30.43, T 58.86 weeks)"}.
 *
 * <p>Template files use them through the {@linkplain #conditionTypes() condition types} registered in a {@link
 * ConditionRegistry}: {@code p-alive-below}, {@code expected-purchases-below} and {@code predicted-value-at-least}. A
 * file names the model either by its name and parameters, as the evidence prints them, or by the name of a fitted model
 * the program supplies at load time:
 *
 * <pre>{@code
 * when: {type: p-alive-below, threshold: 0.3, unit: WEEKS, model: BG/NBD, r: 0.243, alpha: 4.414, a: 0.793, b: 2.426}
 * when: {type: p-alive-below, threshold: 0.3, unit: WEEKS, fitted-model: cdnow}
 * }</pre>
 *
 * <p>{@code expected-purchases-below} takes {@code horizon} and {@code purchases}; {@code predicted-value-at-least}
 * takes {@code horizon}, {@code discount-rate} and {@code amount} and a spend model ({@code spend-model: Gamma-Gamma}
 * with {@code p}, {@code q} and {@code gamma}, or {@code fitted-spend-model}); every type takes {@code unit} (DAYS,
 * WEEKS, MONTHS or YEARS) and an optional {@code zone} (UTC when left out). Numbers are decimals of at most 40
 * characters. The conditions write themselves back in the same form, so a template holding them is written to a file
 * and read back equal.
 *
 * <p>The conditions are values (equal when their model, threshold, unit and zone are, and the names of supplied models
 * they were read with), read only purchases, and are immutable and thread-safe.
 */
public final class PredictiveConditions {
    private PredictiveConditions() {}

    /**
     * Returns a condition that holds when the customer's P(alive) is below a threshold.
     *
     * @param model the fitted purchase model, whose unit {@code unit} is
     * @param threshold the probability, in (0, 1]
     * @param unit the unit the model was fitted in (days, weeks, months or years)
     * @return the condition, reading calendar days in UTC
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code threshold} is outside (0, 1] or the unit is not a summary unit
     */
    public static Condition probabilityAliveBelow(PurchaseModel model, double threshold, ChronoUnit unit) {
        return probabilityAliveBelow(model, threshold, unit, ZoneOffset.UTC);
    }

    /**
     * Returns a condition that holds when the customer's P(alive) is below a threshold, reading days in a zone.
     *
     * @param model the fitted purchase model
     * @param threshold the probability, in (0, 1]
     * @param unit the unit the model was fitted in
     * @param zone the zone whose days are purchase occasions
     * @return the condition
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code threshold} is outside (0, 1] or the unit is not a summary unit
     */
    public static Condition probabilityAliveBelow(PurchaseModel model, double threshold, ChronoUnit unit, ZoneId zone) {
        return new PredictiveCondition(
                PredictiveCondition.Figure.ALIVE, source(model), null, threshold, 0, 0, reading(unit, zone));
    }

    /**
     * Returns a condition that holds when the customer's expected purchases within a horizon are below a number.
     *
     * @param model the fitted purchase model
     * @param horizon the horizon in the model's unit, from 0 to {@link CustomerSummaries#MAX_AGE}
     * @param purchases the number, positive and finite
     * @param unit the unit the model was fitted in
     * @param zone the zone whose days are purchase occasions
     * @return the condition
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if a number is outside its range or the unit is not a summary unit
     */
    public static Condition expectedPurchasesBelow(
            PurchaseModel model, double horizon, double purchases, ChronoUnit unit, ZoneId zone) {
        return new PredictiveCondition(
                PredictiveCondition.Figure.PURCHASES, source(model), null, purchases, horizon, 0, reading(unit, zone));
    }

    /**
     * Returns a condition that holds when the customer's predicted value over a horizon is at least an amount: the
     * expected value of {@link Predictions#expectedValue}, in the currency of the customer's orders.
     *
     * @param model the fitted purchase model
     * @param spend the fitted spend model
     * @param horizon the horizon in the model's unit, from 0 to {@link Predictions#MAX_VALUE_HORIZON}
     * @param discountRate the discount rate per unit, from 0 to {@link Predictions#MAX_DISCOUNT_RATE}
     * @param amount the amount, positive and finite
     * @param unit the unit the model was fitted in
     * @param zone the zone whose days are purchase occasions
     * @return the condition
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if a number is outside its range or the unit is not a summary unit
     */
    public static Condition predictedValueAtLeast(
            PurchaseModel model,
            GammaGamma spend,
            double horizon,
            double discountRate,
            double amount,
            ChronoUnit unit,
            ZoneId zone) {
        return new PredictiveCondition(
                PredictiveCondition.Figure.VALUE,
                source(model),
                source(spend),
                amount,
                horizon,
                discountRate,
                reading(unit, zone));
    }

    /**
     * Returns the condition types of the predictive conditions for template files whose models are written in the
     * file by name and parameters. Register them with {@link ConditionRegistry.Builder#registerTypes}.
     *
     * @return {@code p-alive-below}, {@code expected-purchases-below} and {@code predicted-value-at-least}
     */
    public static List<ConditionType> conditionTypes() {
        return conditionTypes(Map.of(), Map.of());
    }

    /**
     * Returns the condition types of the predictive conditions for template files that may also name fitted models
     * supplied here ({@code fitted-model: cdnow}, {@code fitted-spend-model: cdnow-spend}). A condition read with a
     * supplied model writes that name back, not the model's parameters.
     *
     * @param purchaseModels purchase models by the names files use
     * @param spendModels spend models by the names files use
     * @return {@code p-alive-below}, {@code expected-purchases-below} and {@code predicted-value-at-least}
     * @throws NullPointerException if an argument, a name or a model is null
     * @throws IllegalArgumentException if a name is blank
     */
    public static List<ConditionType> conditionTypes(
            Map<String, ? extends PurchaseModel> purchaseModels, Map<String, GammaGamma> spendModels) {
        Objects.requireNonNull(purchaseModels, "purchaseModels");
        Objects.requireNonNull(spendModels, "spendModels");
        return PredictiveData.types(
                PredictiveData.named(purchaseModels, "purchase model"),
                PredictiveData.named(spendModels, "spend model"));
    }

    private static <M> PredictiveCondition.Source<M> source(M model) {
        return new PredictiveCondition.Source<>(Objects.requireNonNull(model, "model"), null);
    }

    private static PredictiveCondition.Reading reading(ChronoUnit unit, ZoneId zone) {
        return new PredictiveCondition.Reading(unit, zone);
    }
}
