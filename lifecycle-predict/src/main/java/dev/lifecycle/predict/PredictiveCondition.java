package dev.lifecycle.predict;

import dev.lifecycle.core.ConditionSpec;
import dev.lifecycle.core.CustomerProfile;
import dev.lifecycle.core.DataCondition;
import dev.lifecycle.core.EventType;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The one predictive condition: a figure of the customer's prediction compared with a threshold (see {@link
 * PredictiveConditions}). It knows its data form ({@link PredictiveData}), so a template holding it is written to a
 * file and read back equal.
 */
final class PredictiveCondition implements DataCondition {

    /** The figure a condition compares, with its type name in data and the parameters that figure adds. */
    enum Figure {
        ALIVE("p-alive-below", List.of("threshold")),
        PURCHASES("expected-purchases-below", List.of("horizon", "purchases")),
        VALUE("predicted-value-at-least", List.of("horizon", "discount-rate", "amount"));

        private final String typeName;

        @SuppressWarnings("ImmutableEnumChecker") // List.of, unmodifiable
        private final List<String> parameters;

        Figure(String typeName, List<String> parameters) {
            this.typeName = typeName;
            this.parameters = parameters;
        }

        String typeName() {
            return typeName;
        }

        /** {@return the parameters this figure adds to the model's and the reading's, in written order} */
        List<String> parameters() {
            return parameters;
        }
    }

    /** The calendar and unit a predictive condition reads a profile in; the zone normalized, so UTC is one value. */
    record Reading(ChronoUnit unit, ZoneId zone) {
        Reading {
            // the summary options check the unit and the zone, naming the rule
            SummaryOptions checked =
                    SummaryOptions.through(LocalDate.EPOCH).inUnits(unit).inZone(zone);
            unit = checked.unit();
            zone = checked.zone().normalized();
        }

        static Reading utc(ChronoUnit unit) {
            return new Reading(unit, ZoneOffset.UTC);
        }

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
     * A model and, when it came from the models supplied at load time, the name it was supplied under; a condition
     * made in code from a model object has no name and writes the model's parameters.
     */
    record Source<M>(M model, @Nullable String name) {
        Source {
            Objects.requireNonNull(model, "model");
        }
    }

    private final Figure figure;
    private final Source<PurchaseModel> model;
    private final @Nullable Source<GammaGamma> spend;
    private final double threshold;
    private final double horizon;
    private final double discountRate;
    private final Reading reading;

    /** Checks the figures against their ranges, naming the rule; {@code spend} is given exactly for the value. */
    PredictiveCondition(
            Figure figure,
            Source<PurchaseModel> model,
            @Nullable Source<GammaGamma> spend,
            double threshold,
            double horizon,
            double discountRate,
            Reading reading) {
        this.figure = Objects.requireNonNull(figure, "figure");
        this.model = Objects.requireNonNull(model, "model");
        this.reading = Objects.requireNonNull(reading, "reading");
        if ((figure == Figure.VALUE) != (spend != null)) {
            throw new IllegalArgumentException(figure.typeName() + " needs a spend model exactly for the value");
        }
        this.spend = spend;
        switch (figure) {
            case ALIVE -> {
                if (!(threshold > 0 && threshold <= 1)) {
                    throw new IllegalArgumentException("P(alive) threshold must be in (0, 1] but was " + threshold);
                }
            }
            case PURCHASES -> {
                Checks.horizon(horizon);
                if (!(threshold > 0 && threshold < Double.POSITIVE_INFINITY)) {
                    throw new IllegalArgumentException("purchases must be positive and finite but was " + threshold);
                }
            }
            case VALUE -> {
                if (!(horizon >= 0 && horizon <= Predictions.MAX_VALUE_HORIZON)) {
                    throw new IllegalArgumentException("value horizon must be between 0 and "
                            + Predictions.MAX_VALUE_HORIZON + " units but was " + horizon);
                }
                if (!(discountRate >= 0 && discountRate <= Predictions.MAX_DISCOUNT_RATE)) {
                    throw new IllegalArgumentException("discount rate must be between 0 and "
                            + Predictions.MAX_DISCOUNT_RATE + " but was " + discountRate);
                }
                if (!(threshold > 0 && threshold < Double.POSITIVE_INFINITY)) {
                    throw new IllegalArgumentException("amount must be positive and finite but was " + threshold);
                }
            }
        }
        this.threshold = threshold;
        this.horizon = horizon;
        this.discountRate = discountRate;
    }

    Figure figure() {
        return figure;
    }

    Source<PurchaseModel> model() {
        return model;
    }

    @Nullable
    Source<GammaGamma> spend() {
        return spend;
    }

    double threshold() {
        return threshold;
    }

    double horizon() {
        return horizon;
    }

    double discountRate() {
        return discountRate;
    }

    Reading reading() {
        return reading;
    }

    private PurchaseModel purchases() {
        return model.model();
    }

    private GammaGamma spendModel() {
        return Objects.requireNonNull(spend, "the value has a spend model").model();
    }

    private OptionalFigure value(CustomerProfile profile, Instant asOf) {
        Optional<CustomerSummary> found = reading.summary(profile, asOf);
        if (found.isEmpty()) {
            return new OptionalFigure(null, Double.NaN);
        }
        CustomerSummary s = found.get();
        int x = s.frequency();
        double value = switch (figure) {
            case ALIVE -> purchases().probabilityAlive(x, s.recency(), s.age());
            case PURCHASES -> purchases().conditionalExpectedPurchases(horizon, x, s.recency(), s.age());
            case VALUE -> valueOf(s);
        };
        return new OptionalFigure(s, value);
    }

    private double valueOf(CustomerSummary s) {
        CustomerSummaries one = CustomerSummaries.builder(SummaryOptions.through(LocalDate.EPOCH))
                .add(s.customerId(), s.frequency(), s.recency(), s.age(), s.meanRepeatValue())
                .build();
        return Predictions.of(purchases(), one).expectedValue(spendModel(), horizon, discountRate)[0];
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
            case ALIVE ->
                String.format(
                        Locale.ROOT,
                        "P(alive) < %.2f under %s",
                        threshold,
                        purchases().describe());
            case PURCHASES ->
                String.format(
                        Locale.ROOT,
                        "expected purchases in %s %s < %s under %s",
                        Format.parameter(horizon),
                        unitName(),
                        Format.parameter(threshold),
                        purchases().describe());
            case VALUE ->
                String.format(
                        Locale.ROOT,
                        "predicted value over %s %s >= %.2f under %s and %s",
                        Format.parameter(horizon),
                        unitName(),
                        threshold,
                        purchases().describe(),
                        spendModel().describe());
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
                                purchases().describe())
                        + history;
            case PURCHASES ->
                String.format(
                                Locale.ROOT,
                                "expected purchases in %s %s %.3f < %s under %s",
                                Format.parameter(horizon),
                                unitName(),
                                found.value,
                                Format.parameter(threshold),
                                purchases().describe())
                        + history;
            case VALUE ->
                String.format(
                                Locale.ROOT,
                                "predicted value over %s %s %.2f >= %.2f under %s and %s",
                                Format.parameter(horizon),
                                unitName(),
                                found.value,
                                threshold,
                                purchases().describe(),
                                spendModel().describe())
                        + history;
        };
    }

    @Override
    public Optional<Set<EventType>> eventTypesRead() {
        return Optional.of(Set.of(EventType.PURCHASE));
    }

    @Override
    public ConditionSpec toSpec() {
        return PredictiveData.spec(this);
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof PredictiveCondition other
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

    /** A figure with the summary it came from; no summary for a profile without orders. */
    private record OptionalFigure(@Nullable CustomerSummary summary, double value) {}
}
