package dev.lifecycle.predict;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What every model shares, held by each model: its name, its parameters by name in the literature's order, each checked
 * against [1e-8, 1e5] once, the description that evidence and messages quote, and equality by model and parameter
 * values. (A field rather than a superclass: a package-private superclass of public classes would leak into the types
 * that a caller's {@code List.of(bgNbd, mbgNbd)} infers, which then do not compile outside this package.)
 */
final class ModelParameters {
    private final String model;
    private final String[] names;
    private final double[] values;

    ModelParameters(String model, String[] names, double... values) {
        this.model = model;
        this.names = names;
        this.values = values.clone();
        for (int i = 0; i < values.length; i++) {
            Checks.parameter(model, names[i], values[i]);
        }
    }

    /** {@return the model's name as the literature writes it, as {@code "BG/NBD"}} */
    String name() {
        return model;
    }

    /** {@return the parameters by name, in the literature's order} */
    Map<String, Double> map() {
        Map<String, Double> parameters = new LinkedHashMap<>();
        for (int i = 0; i < names.length; i++) {
            parameters.put(names[i], values[i]);
        }
        return Collections.unmodifiableMap(parameters);
    }

    /** {@return the name and parameters, as {@code "BG/NBD r=0.243 alpha=4.414 a=0.793 b=2.426"}} */
    String describe() {
        StringBuilder text = new StringBuilder(model);
        for (int i = 0; i < names.length; i++) {
            text.append(' ').append(names[i]).append('=').append(Format.parameter(values[i]));
        }
        return text.toString();
    }

    @Override
    public boolean equals(@Nullable Object o) {
        // the name tells the models apart: BG/NBD and MBG/NBD share their parameters' names
        return o instanceof ModelParameters other && model.equals(other.model) && Arrays.equals(values, other.values);
    }

    @Override
    public int hashCode() {
        return 31 * model.hashCode() + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return describe();
    }
}
