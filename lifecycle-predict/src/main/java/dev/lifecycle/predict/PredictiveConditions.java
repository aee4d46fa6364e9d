package dev.lifecycle.predict;

import dev.lifecycle.core.Condition;
import dev.lifecycle.core.CustomerProfile;
import dev.lifecycle.core.EventType;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

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
 * <p>The conditions are values (equal when their model, threshold, unit and zone are), read only purchases, and are
 * immutable and thread-safe.
 */
public final class PredictiveConditions {
    private PredictiveConditions() {}

    /** The calendar and unit a predictive condition reads a profile in. */
    private record Reading(ChronoUnit unit, ZoneId zone) {
        Optional<CustomerSummary> summary(CustomerProfile profile, Instant asOf) {
            LocalDate day = LocalDate.ofInstant(asOf, zone);
            return CustomerSummaries.summarize(
                    profile, SummaryOptions.through(day).inUnits(unit).inZone(zone));
        }

        String describe(CustomerSummary s) {
            return String.format(
                    Locale.ROOT,
                    "x %d, t_x %.2f, T %.2f %s",
                    s.frequency(),
                    s.recency(),
                    s.age(),
                    unit.toString().toLowerCase(Locale.ROOT));
        }
    }

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
        Objects.requireNonNull(model, "model");
        Reading reading = reading(unit, zone);
        if (!(threshold > 0 && threshold <= 1)) {
            throw new IllegalArgumentException("P(alive) threshold must be in (0, 1] but was " + threshold);
        }
        return new Predictive(Figure.ALIVE, model, null, threshold, 0, 0, reading);
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
        Objects.requireNonNull(model, "model");
        Reading reading = reading(unit, zone);
        Checks.horizon(horizon);
        if (!(purchases > 0 && purchases < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("purchases must be positive and finite but was " + purchases);
        }
        return new Predictive(Figure.PURCHASES, model, null, purchases, horizon, 0, reading);
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
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(spend, "spend");
        Reading reading = reading(unit, zone);
        if (!(horizon >= 0 && horizon <= Predictions.MAX_VALUE_HORIZON)) {
            throw new IllegalArgumentException("value horizon must be between 0 and " + Predictions.MAX_VALUE_HORIZON
                    + " units but was " + horizon);
        }
        if (!(discountRate >= 0 && discountRate <= Predictions.MAX_DISCOUNT_RATE)) {
            throw new IllegalArgumentException("discount rate must be between 0 and " + Predictions.MAX_DISCOUNT_RATE
                    + " but was " + discountRate);
        }
        if (!(amount > 0 && amount < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("amount must be positive and finite but was " + amount);
        }
        return new Predictive(Figure.VALUE, model, spend, amount, horizon, discountRate, reading);
    }

    private static Reading reading(ChronoUnit unit, ZoneId zone) {
        // the summary options check the unit and the zone, naming the rule
        SummaryOptions checked =
                SummaryOptions.through(LocalDate.EPOCH).inUnits(unit).inZone(zone);
        return new Reading(checked.unit(), checked.zone());
    }

    private enum Figure {
        ALIVE,
        PURCHASES,
        VALUE
    }

    /** The one predictive condition: a figure of the customer's prediction compared with a threshold. */
    private static final class Predictive implements Condition {
        private final Figure figure;
        private final PurchaseModel model;
        private final @Nullable GammaGamma spend;
        private final double threshold;
        private final double horizon;
        private final double discountRate;
        private final Reading reading;

        Predictive(
                Figure figure,
                PurchaseModel model,
                @Nullable GammaGamma spend,
                double threshold,
                double horizon,
                double discountRate,
                Reading reading) {
            this.figure = figure;
            this.model = Objects.requireNonNull(model, "model");
            this.spend = spend;
            this.threshold = threshold;
            this.horizon = horizon;
            this.discountRate = discountRate;
            this.reading = reading;
        }

        private OptionalFigure value(CustomerProfile profile, Instant asOf) {
            Optional<CustomerSummary> found = reading.summary(profile, asOf);
            if (found.isEmpty()) {
                return new OptionalFigure(null, Double.NaN);
            }
            CustomerSummary s = found.get();
            int x = s.frequency();
            double value = switch (figure) {
                case ALIVE -> model.probabilityAlive(x, s.recency(), s.age());
                case PURCHASES -> model.conditionalExpectedPurchases(horizon, x, s.recency(), s.age());
                case VALUE -> valueOf(s);
            };
            return new OptionalFigure(s, value);
        }

        private double valueOf(CustomerSummary s) {
            CustomerSummaries one = CustomerSummaries.builder(SummaryOptions.through(LocalDate.EPOCH))
                    .add(s.customerId(), s.frequency(), s.recency(), s.age(), s.meanRepeatValue())
                    .build();
            return Predictions.of(model, one).expectedValue(Objects.requireNonNull(spend), horizon, discountRate)[0];
        }

        private boolean holds(double value) {
            return figure == Figure.VALUE ? value >= threshold : value < threshold;
        }

        @Override
        public boolean test(CustomerProfile profile, Instant asOf) {
            OptionalFigure found = value(profile, asOf);
            return found.summary != null && holds(found.value);
        }

        @Override
        public String description() {
            return switch (figure) {
                case ALIVE -> String.format(Locale.ROOT, "P(alive) < %.2f under %s", threshold, model.describe());
                case PURCHASES ->
                    String.format(
                            Locale.ROOT,
                            "expected purchases in %s %s < %s under %s",
                            Format.parameter(horizon),
                            unitName(),
                            Format.parameter(threshold),
                            model.describe());
                case VALUE ->
                    String.format(
                            Locale.ROOT,
                            "predicted value over %s %s >= %.2f under %s and %s",
                            Format.parameter(horizon),
                            unitName(),
                            threshold,
                            model.describe(),
                            Objects.requireNonNull(spend).describe());
            };
        }

        private String unitName() {
            return reading.unit().toString().toLowerCase(Locale.ROOT);
        }

        @Override
        public String evidence(CustomerProfile profile, Instant asOf) {
            OptionalFigure found = value(profile, asOf);
            CustomerSummary s = found.summary;
            if (s == null) {
                return description() + ": no orders";
            }
            String history = " (" + reading.describe(s) + ")";
            return switch (figure) {
                case ALIVE ->
                    String.format(
                                    Locale.ROOT,
                                    "P(alive) %.2f < %.2f under %s",
                                    found.value,
                                    threshold,
                                    model.describe())
                            + history;
                case PURCHASES ->
                    String.format(
                                    Locale.ROOT,
                                    "expected purchases in %s %s %.3f < %s under %s",
                                    Format.parameter(horizon),
                                    unitName(),
                                    found.value,
                                    Format.parameter(threshold),
                                    model.describe())
                            + history;
                case VALUE ->
                    String.format(
                                    Locale.ROOT,
                                    "predicted value over %s %s %.2f >= %.2f under %s and %s",
                                    Format.parameter(horizon),
                                    unitName(),
                                    found.value,
                                    threshold,
                                    model.describe(),
                                    Objects.requireNonNull(spend).describe())
                            + history;
            };
        }

        @Override
        public Optional<Set<EventType>> eventTypesRead() {
            return Optional.of(Set.of(EventType.PURCHASE));
        }

        @Override
        public boolean equals(@Nullable Object o) {
            return o instanceof Predictive other
                    && figure == other.figure
                    && model.equals(other.model)
                    && Objects.equals(spend, other.spend)
                    && Double.compare(threshold, other.threshold) == 0
                    && Double.compare(horizon, other.horizon) == 0
                    && Double.compare(discountRate, other.discountRate) == 0
                    && reading.equals(other.reading);
        }

        @Override
        public int hashCode() {
            return Objects.hash(figure, model, spend, threshold, horizon, discountRate, reading);
        }

        @Override
        public String toString() {
            return description();
        }
    }

    /** A figure with the summary it came from; no summary for a profile without orders. */
    private record OptionalFigure(@Nullable CustomerSummary summary, double value) {}
}
