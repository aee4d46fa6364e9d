package dev.lifecycle.core;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The application's own conditions by name, for templates written as data: a {@code custom} condition in a file names
 * one of these. An unknown name is an error, never a condition that silently holds or fails. Instances are immutable
 * and thread-safe.
 */
public final class ConditionRegistry {
    private static final ConditionRegistry EMPTY = new ConditionRegistry(ImmutableMap.of());

    private final ImmutableMap<String, Condition> conditions;

    private ConditionRegistry(ImmutableMap<String, Condition> conditions) {
        this.conditions = conditions;
    }

    /** {@return a registry with no conditions, for templates that use only built-in conditions} */
    public static ConditionRegistry empty() {
        return EMPTY;
    }

    /** {@return a builder for a registry} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the condition registered under a name.
     *
     * @param name the name
     * @return the condition, empty if none is registered under that name
     * @throws NullPointerException if {@code name} is null
     */
    public Optional<Condition> condition(String name) {
        return Optional.ofNullable(conditions.get(requireNonNull(name, "name")));
    }

    /** {@return the registered names, in the order registered} */
    public Set<String> names() {
        return conditions.keySet();
    }

    @Override
    public String toString() {
        return "ConditionRegistry" + conditions.keySet();
    }

    /** Builds a {@link ConditionRegistry}. Not thread-safe. */
    public static final class Builder {
        private final Map<String, Condition> conditions = new LinkedHashMap<>();

        private Builder() {}

        /**
         * Registers a condition under a name. Register the same object a template in code uses (such as the result
         * of {@link Condition#custom(String, java.util.function.BiPredicate)} with that name), so that a template read
         * back from data equals the one written.
         *
         * @param name the name files use, not blank
         * @param condition the condition
         * @return this builder
         * @throws NullPointerException if an argument is null
         * @throws IllegalArgumentException if the name is blank or already registered
         */
        public Builder register(String name, Condition condition) {
            requireNonNull(name, "name");
            requireNonNull(condition, "condition");
            Checks.text(name, "name");
            if (conditions.putIfAbsent(name, condition) != null) {
                throw new IllegalArgumentException("a condition named '" + name + "' is already registered");
            }
            return this;
        }

        /** {@return the registry} */
        public ConditionRegistry build() {
            return new ConditionRegistry(ImmutableMap.copyOf(conditions));
        }
    }
}
