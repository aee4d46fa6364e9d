package dev.lifecycle.predict;

import dev.lifecycle.core.Condition;
import dev.lifecycle.core.ConditionParameters;
import dev.lifecycle.core.ConditionSpec;
import dev.lifecycle.core.ConditionType;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The data form of the predictive conditions, both ways: what {@link PredictiveCondition#toSpec()} writes and what
 * their {@link ConditionType}s read from template files. A model is written by its name and parameters ({@code model:
 * BG/NBD, r: 0.243, ...}) or, when it was supplied at load time, by the name it was supplied under ({@code
 * fitted-model: cdnow}); numbers are written so that they read back to the same double.
 */
final class PredictiveData {
    private PredictiveData() {}

    static final String MODEL = "model";
    static final String FITTED_MODEL = "fitted-model";
    static final String SPEND_MODEL = "spend-model";
    static final String FITTED_SPEND_MODEL = "fitted-spend-model";
    static final String UNIT = "unit";
    static final String ZONE = ConditionParameters.ZONE;

    /** The longest number text read: more digits than a double holds are a mistake, not precision. */
    static final int MAX_NUMBER_CHARS = 40;

    private static final Pattern DECIMAL = Pattern.compile("[-+]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][-+]?\\d{1,4})?");

    /** The models a file may write by name: the one table from a name and parameters to a model. */
    private enum ModelKind {
        BG_NBD(BgNbd.NAME, BgNbd.PARAMETERS, v -> BgNbd.of(v[0], v[1], v[2], v[3])),
        MBG_NBD(MbgNbd.NAME, BgNbd.PARAMETERS, v -> MbgNbd.of(v[0], v[1], v[2], v[3])),
        PARETO_NBD(ParetoNbd.NAME, ParetoNbd.PARAMETERS, v -> ParetoNbd.of(v[0], v[1], v[2], v[3])),
        GAMMA_GAMMA(GammaGamma.NAME, GammaGamma.PARAMETERS, v -> GammaGamma.of(v[0], v[1], v[2]));

        private final String modelName;

        @SuppressWarnings("ImmutableEnumChecker") // List.of, unmodifiable
        private final List<String> parameters;

        @SuppressWarnings("ImmutableEnumChecker") // each kind's factory is a lambda that captures nothing
        private final Function<double[], Object> make;

        ModelKind(String modelName, String[] parameters, Function<double[], Object> make) {
            this.modelName = modelName;
            this.parameters = List.of(parameters);
            this.make = make;
        }
    }

    /** What a slot of the data form holds: the purchase model or the spend model. */
    private enum Slot {
        PURCHASES(MODEL, FITTED_MODEL, List.of(ModelKind.BG_NBD, ModelKind.MBG_NBD, ModelKind.PARETO_NBD)),
        SPEND(SPEND_MODEL, FITTED_SPEND_MODEL, List.of(ModelKind.GAMMA_GAMMA));

        private final String byName;
        private final String fitted;

        @SuppressWarnings("ImmutableEnumChecker") // List.of, unmodifiable
        private final List<ModelKind> kinds;

        Slot(String byName, String fitted, List<ModelKind> kinds) {
            this.byName = byName;
            this.fitted = fitted;
            this.kinds = kinds;
        }

        /** {@return the slot's two names and every parameter of its models, in written order} */
        Set<String> parameters() {
            Set<String> names = new LinkedHashSet<>(List.of(byName, fitted));
            kinds.forEach(k -> names.addAll(k.parameters));
            return names;
        }

        List<String> modelNames() {
            return kinds.stream().map(k -> k.modelName).toList();
        }
    }

    // ---- writing ----

    static ConditionSpec spec(PredictiveCondition condition) {
        Map<String, String> parameters = new LinkedHashMap<>();
        PredictiveCondition.Source<PurchaseModel> model = condition.model();
        write(
                parameters,
                Slot.PURCHASES,
                model.name(),
                model.model().name(),
                model.model().parameters());
        PredictiveCondition.Source<GammaGamma> spend = condition.spend();
        if (spend != null) {
            write(
                    parameters,
                    Slot.SPEND,
                    spend.name(),
                    GammaGamma.NAME,
                    spend.model().parameters());
        }
        PredictiveCondition.Reading reading = condition.reading();
        parameters.put(UNIT, reading.unit().name());
        if (!reading.zone().equals(ZoneOffset.UTC)) {
            parameters.put(ZONE, reading.zone().getId());
        }
        switch (condition.figure()) {
            case ALIVE -> parameters.put("threshold", number(condition.threshold()));
            case PURCHASES -> {
                parameters.put("horizon", number(condition.horizon()));
                parameters.put("purchases", number(condition.threshold()));
            }
            case VALUE -> {
                parameters.put("horizon", number(condition.horizon()));
                parameters.put("discount-rate", number(condition.discountRate()));
                parameters.put("amount", number(condition.threshold()));
            }
        }
        return new ConditionSpec(condition.figure().typeName(), parameters, List.of());
    }

    private static void write(
            Map<String, String> parameters,
            Slot slot,
            @Nullable String fittedName,
            String modelName,
            Map<String, Double> values) {
        if (fittedName != null) {
            parameters.put(slot.fitted, fittedName);
            return;
        }
        parameters.put(slot.byName, modelName);
        values.forEach((name, value) -> parameters.put(name, number(value)));
    }

    /** Shortest text that reads back to the same double. */
    private static String number(double value) {
        return Double.toString(value);
    }

    // ---- reading ----

    /** The three types, reading models by name and parameters, or by the names in {@code purchaseModels} and {@code spendModels}. */
    static List<ConditionType> types(Map<String, PurchaseModel> purchaseModels, Map<String, GammaGamma> spendModels) {
        List<ConditionType> types = new ArrayList<>();
        for (PredictiveCondition.Figure figure : PredictiveCondition.Figure.values()) {
            types.add(new Type(figure, purchaseModels, spendModels));
        }
        return Collections.unmodifiableList(types);
    }

    /** The condition type of one figure. */
    private record Type(
            PredictiveCondition.Figure figure,
            Map<String, PurchaseModel> purchaseModels,
            Map<String, GammaGamma> spendModels)
            implements ConditionType {

        @Override
        public String typeName() {
            return figure.typeName();
        }

        @Override
        public Set<String> parameters() {
            Set<String> names = new LinkedHashSet<>(Slot.PURCHASES.parameters());
            if (figure == PredictiveCondition.Figure.VALUE) {
                names.addAll(Slot.SPEND.parameters());
            }
            names.add(UNIT);
            names.add(ZONE);
            names.addAll(figure.parameters());
            return Collections.unmodifiableSet(names);
        }

        @Override
        public Condition create(Map<String, String> parameters) {
            Values values = new Values(figure.typeName(), parameters);
            PredictiveCondition.Source<PurchaseModel> model =
                    values.source(Slot.PURCHASES, purchaseModels, PurchaseModel.class);
            PredictiveCondition.Source<GammaGamma> spend = figure == PredictiveCondition.Figure.VALUE
                    ? values.source(Slot.SPEND, spendModels, GammaGamma.class)
                    : null;
            PredictiveCondition.Reading reading = new PredictiveCondition.Reading(values.unit(), values.zone());
            return switch (figure) {
                case ALIVE -> new PredictiveCondition(figure, model, null, values.number("threshold"), 0, 0, reading);
                case PURCHASES ->
                    new PredictiveCondition(
                            figure, model, null, values.number("purchases"), values.number("horizon"), 0, reading);
                case VALUE ->
                    new PredictiveCondition(
                            figure,
                            model,
                            spend,
                            values.number("amount"),
                            values.number("horizon"),
                            values.number("discount-rate"),
                            reading);
            };
        }
    }

    /** Reads one condition's parameters, each refusal naming the type, the parameter, its value and the rule. */
    private record Values(ConditionParameters read) {

        Values(String type, Map<String, String> parameters) {
            this(ConditionParameters.of(type, parameters));
        }

        private String type() {
            return read.type();
        }

        private String text(String name) {
            return read.text(name);
        }

        double number(String name) {
            String text = text(name);
            if (text.length() > MAX_NUMBER_CHARS || !DECIMAL.matcher(text).matches()) {
                throw new IllegalArgumentException(type() + " parameter '" + name + "' must be a decimal number of at"
                        + " most " + MAX_NUMBER_CHARS + " characters but was " + ConditionParameters.quoted(text));
            }
            return Double.parseDouble(text);
        }

        ChronoUnit unit() {
            String text = text(UNIT);
            for (ChronoUnit unit : List.of(ChronoUnit.DAYS, ChronoUnit.WEEKS, ChronoUnit.MONTHS, ChronoUnit.YEARS)) {
                if (unit.name().equalsIgnoreCase(text)) {
                    return unit;
                }
            }
            throw new IllegalArgumentException(
                    type() + " parameter 'unit' must be DAYS, WEEKS, MONTHS or YEARS but was "
                            + ConditionParameters.quoted(text));
        }

        ZoneId zone() {
            return read.zone();
        }

        /** The slot's model: by name and parameters, or by the name it was supplied under. */
        <M> PredictiveCondition.Source<M> source(Slot slot, Map<String, ? extends M> supplied, Class<M> modelType) {
            boolean byName = read.has(slot.byName);
            boolean fitted = read.has(slot.fitted);
            if (byName == fitted) {
                throw new IllegalArgumentException(type() + " needs exactly one of '" + slot.byName + "' (one of "
                        + slot.modelNames() + " with its parameters) and '" + slot.fitted + "' (the name of a model"
                        + " supplied at load time)");
            }
            if (fitted) {
                String name = text(slot.fitted);
                M model = supplied.get(name);
                if (model == null) {
                    throw new IllegalArgumentException(type() + " parameter '" + slot.fitted + "': no model named "
                            + ConditionParameters.quoted(name) + " was supplied; supplied: " + supplied.keySet());
                }
                refuseParameters(slot, null);
                return new PredictiveCondition.Source<>(model, name);
            }
            String name = text(slot.byName);
            ModelKind kind = slot.kinds.stream()
                    .filter(k -> k.modelName.equals(name))
                    .findFirst()
                    .orElseThrow(() ->
                            new IllegalArgumentException(type() + " parameter '" + slot.byName + "' must be one of "
                                    + slot.modelNames() + " but was " + ConditionParameters.quoted(name)));
            refuseParameters(slot, kind);
            double[] values = new double[kind.parameters.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = number(kind.parameters.get(i));
            }
            return new PredictiveCondition.Source<>(modelType.cast(kind.make.apply(values)), null);
        }

        /** Refuses the slot's model parameters that {@code kind} (none when the model is supplied) does not have. */
        private void refuseParameters(Slot slot, @Nullable ModelKind kind) {
            for (ModelKind other : slot.kinds) {
                for (String parameter : other.parameters) {
                    if (read.has(parameter) && (kind == null || !kind.parameters.contains(parameter))) {
                        throw new IllegalArgumentException(type() + " parameter '" + parameter + "' is not one of "
                                + (kind == null
                                        ? "a supplied model's: its parameters come with it"
                                        : kind.modelName + "'s " + kind.parameters));
                    }
                }
            }
        }
    }

    /** {@return the names, checked not blank, with their models, in the given order} */
    static <M> Map<String, M> named(Map<String, ? extends M> models, String what) {
        Map<String, M> copy = new LinkedHashMap<>();
        models.forEach((name, model) -> {
            Objects.requireNonNull(name, what + " name");
            Objects.requireNonNull(model, what);
            if (name.isBlank()) {
                throw new IllegalArgumentException(what + " name must not be blank but was '" + name + "'");
            }
            copy.put(name, model);
        });
        return Collections.unmodifiableMap(copy);
    }
}
