package dev.lifecycle.core;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What templates written as data may refer to beyond the built-in condition types: the application's own conditions
 * by name (a {@code custom} condition in a file names one of these), and condition types of other modules by type
 * name (such as the predictive conditions of {@code lifecycle-predict}), whose parameters the file gives. An unknown
 * name is an error, never a condition that silently holds or fails. Instances are immutable and thread-safe.
 */
public final class ConditionRegistry {
    /** Parameter names that template files use for a condition's type and nested conditions. */
    private static final Set<String> RESERVED_PARAMETERS = Set.of("type", "condition", "conditions");

    private static final ConditionRegistry EMPTY = new ConditionRegistry(ImmutableMap.of(), ImmutableMap.of());

    private final ImmutableMap<String, Condition> conditions;
    private final ImmutableMap<String, ConditionType> types;

    private ConditionRegistry(ImmutableMap<String, Condition> conditions, ImmutableMap<String, ConditionType> types) {
        this.conditions = conditions;
        this.types = types;
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

    /**
     * Returns the condition type registered under a type name.
     *
     * @param typeName the type name
     * @return the type, empty if none is registered under that name
     * @throws NullPointerException if {@code typeName} is null
     */
    public Optional<ConditionType> type(String typeName) {
        return Optional.ofNullable(types.get(requireNonNull(typeName, "typeName")));
    }

    /** {@return the registered type names, in the order registered} */
    public Set<String> typeNames() {
        return types.keySet();
    }

    @Override
    public String toString() {
        return "ConditionRegistry" + conditions.keySet() + (types.isEmpty() ? "" : " types " + types.keySet());
    }

    /** Builds a {@link ConditionRegistry}. Not thread-safe. */
    public static final class Builder {
        private final Map<String, Condition> conditions = new LinkedHashMap<>();
        private final Map<String, ConditionType> types = new LinkedHashMap<>();

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

        /**
         * Registers a condition type of another module, so that files may use its type name with its parameters.
         *
         * @param type the type
         * @return this builder
         * @throws NullPointerException if {@code type}, its name or its parameter set is null
         * @throws IllegalArgumentException if its type name is blank, a built-in type's or already registered, or a
         *     parameter name is blank or one that files use for the type and nested conditions
         */
        public Builder registerType(ConditionType type) {
            requireNonNull(type, "type");
            String name = requireNonNull(type.typeName(), "typeName");
            Checks.text(name, "type name");
            if (ConditionKind.named(name) != null) {
                throw new IllegalArgumentException("condition type '" + name + "' is built in; a registered type"
                        + " needs another name than " + ConditionKind.typeNames());
            }
            for (String parameter : requireNonNull(type.parameters(), "parameters")) {
                Checks.text(parameter, "parameter name of condition type '" + name + "'");
                if (RESERVED_PARAMETERS.contains(parameter)) {
                    throw new IllegalArgumentException(
                            "condition type '" + name + "' may not have a parameter named '" + parameter
                                    + "': files use " + RESERVED_PARAMETERS + " for the type and nested conditions");
                }
            }
            if (types.putIfAbsent(name, type) != null) {
                throw new IllegalArgumentException("a condition type named '" + name + "' is already registered");
            }
            return this;
        }

        /**
         * Registers condition types in order, as {@link #registerType(ConditionType)} does each.
         *
         * @param types the types
         * @return this builder
         * @throws NullPointerException if {@code types} or one of them is null
         * @throws IllegalArgumentException as {@link #registerType(ConditionType)} does
         */
        public Builder registerTypes(Iterable<? extends ConditionType> types) {
            for (ConditionType type : requireNonNull(types, "types")) {
                registerType(type);
            }
            return this;
        }

        /** {@return the registry} */
        public ConditionRegistry build() {
            return new ConditionRegistry(ImmutableMap.copyOf(conditions), ImmutableMap.copyOf(types));
        }
    }
}
