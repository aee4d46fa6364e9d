package dev.lifecycle.core;

import static java.util.Objects.requireNonNull;

import java.time.DateTimeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/** Converts between built-in conditions and their plain-data form, {@link ConditionSpec}, by the table of {@link ConditionKind}. */
final class ConditionSpecs {

    private ConditionSpecs() {}

    static ConditionSpec toSpec(Condition condition) {
        if (condition instanceof DataCondition data) {
            return data.toSpec();
        }
        throw new IllegalArgumentException("condition '" + condition.description() + "' ("
                + condition.getClass().getName()
                + ") has no data form; make it with Condition.custom(name, predicate) and register it by that name in a"
                + " ConditionRegistry");
    }

    /** Builds the condition, or records every problem under {@code path} and returns null. */
    static @Nullable Condition toCondition(
            ConditionSpec spec, ConditionRegistry registry, String path, SpecProblems problems) {
        ConditionKind kind = ConditionKind.named(spec.type());
        if (kind == null) {
            ConditionType type = registry.type(spec.type()).orElse(null);
            if (type == null) {
                Set<String> known = new LinkedHashSet<>(ConditionKind.typeNames());
                known.addAll(registry.typeNames());
                problems.add(path + ".type", "unknown condition type '" + spec.type() + "'; expected one of " + known);
                return null;
            }
            return registered(spec, type, path, problems);
        }
        checkNames(spec, kind.parameters(), kind.nesting() != ConditionKind.Nesting.NONE, path, problems);
        List<Condition> children = new ArrayList<>();
        boolean childrenValid = true;
        for (int i = 0; i < spec.conditions().size(); i++) {
            Condition child =
                    toCondition(spec.conditions().get(i), registry, path + ".conditions[" + i + "]", problems);
            childrenValid &= child != null;
            if (child != null) {
                children.add(child);
            }
        }
        int before = problems.size();
        Values values = new Values(spec, path, problems, registry, children);
        Condition built;
        try {
            built = kind.build(values);
        } catch (IllegalArgumentException e) {
            problems.add(path, e);
            return null;
        }
        return childrenValid && problems.size() == before ? built : null;
    }

    /** Records a problem for each parameter the type does not declare and for nested conditions it does not take. */
    private static void checkNames(
            ConditionSpec spec, Set<String> expected, boolean nests, String path, SpecProblems problems) {
        for (String name : spec.parameters().keySet()) {
            if (!expected.contains(name)) {
                problems.add(
                        path + ".parameters." + name,
                        "condition type '" + spec.type() + "' has no parameter '" + name + "'; expected "
                                + (expected.isEmpty() ? "none" : expected));
            }
        }
        if (!nests && !spec.conditions().isEmpty()) {
            problems.add(path + ".conditions", "condition type '" + spec.type() + "' takes no nested conditions");
        }
    }

    /** Builds a condition of a registered type, or records every problem under {@code path} and returns null. */
    private static @Nullable Condition registered(
            ConditionSpec spec, ConditionType type, String path, SpecProblems problems) {
        int before = problems.size();
        checkNames(spec, type.parameters(), false, path, problems);
        if (problems.size() > before) {
            return null;
        }
        try {
            return requireNonNull(
                    type.create(spec.parameters()), () -> "condition type '" + spec.type() + "' made a null condition");
        } catch (IllegalArgumentException e) {
            problems.add(path, e);
            return null;
        }
    }

    /** Reads the parameters of one condition, recording a problem for each missing or malformed value. */
    record Values(
            ConditionSpec spec,
            String path,
            SpecProblems problems,
            ConditionRegistry registry,
            List<Condition> children) {

        /** The custom condition registered under {@code name}; null after recording a problem. */
        @Nullable
        Condition registered(String name) {
            Condition registered = registry.condition(name).orElse(null);
            if (registered == null) {
                problems.add(
                        path + ".parameters.name",
                        "no custom condition named '" + name + "' is registered; registered: " + registry.names());
            }
            return registered;
        }

        /**
         * The nested conditions when there are as many as the kind needs (exactly one, or at least one) and all are
         * valid; null after recording a problem (invalid nested conditions have recorded their own).
         */
        @Nullable
        List<Condition> children(boolean exactlyOne) {
            int given = spec.conditions().size();
            if (exactlyOne ? given != 1 : given == 0) {
                problems.add(
                        path + ".conditions",
                        exactlyOne
                                ? "'" + spec.type() + "' needs exactly one nested condition but has " + given
                                : "'" + spec.type() + "' needs at least one nested condition");
                return null;
            }
            return children.size() < given ? null : children;
        }

        private void problem(String name, String message) {
            problems.add(path + ".parameters." + name, message);
        }

        @Nullable
        String text(String name) {
            String value = spec.parameters().get(name);
            if (value == null) {
                problem(name, "missing; condition type '" + spec.type() + "' needs it");
                return null;
            }
            if (value.isBlank()) {
                problem(name, "must not be blank");
                return null;
            }
            return value;
        }

        /** A count of zero or more; null after recording a problem. */
        @Nullable
        Long count(String name) {
            return whole(name, 0, Long.MAX_VALUE, "must not be negative but was ", "expected a whole number but was '");
        }

        @Nullable
        Integer score(String name) {
            Long score =
                    whole(name, 0, 10, "must be between 0 and 10 but was ", "expected a whole number 0..10 but was '");
            return score == null ? null : score.intValue();
        }

        /** A whole number from {@code min} to {@code max}; null after recording a problem. */
        private @Nullable Long whole(String name, long min, long max, String outOfRange, String notWhole) {
            String value = text(name);
            if (value == null) {
                return null;
            }
            long parsed;
            try {
                // a bounded number is read as an int, so that a value past the int range is "not a whole number" there
                parsed = max <= Integer.MAX_VALUE ? Integer.parseInt(value.strip()) : Long.parseLong(value.strip());
            } catch (NumberFormatException e) {
                problem(name, notWhole + value + "'");
                return null;
            }
            if (parsed < min || parsed > max) {
                problem(name, outOfRange + parsed);
                return null;
            }
            return parsed;
        }

        @Nullable
        Duration duration(String name) {
            return parsed(
                    name,
                    Duration::parse,
                    d -> !d.isNegative() && !d.isZero(),
                    "must be a positive duration",
                    "expected an ISO-8601 duration such as P180D");
        }

        @Nullable
        EventType event(String name) {
            return constant(name, EventType.class, "event type");
        }

        Condition.@Nullable Comparison comparison(String name) {
            return constant(name, Condition.Comparison.class, "comparison");
        }

        /** The constant of {@code type} the parameter names; null after recording a problem. */
        private <E extends Enum<E>> @Nullable E constant(String name, Class<E> type, String what) {
            String value = text(name);
            if (value == null) {
                return null;
            }
            E[] constants = type.getEnumConstants();
            for (E constant : constants) {
                if (constant.name().equals(value.strip())) {
                    return constant;
                }
            }
            problem(name, "unknown " + what + " '" + value + "'; expected one of " + List.of(constants));
            return null;
        }

        @Nullable
        Double number(String name) {
            return parsed(name, Double::valueOf, Double::isFinite, "must be a finite number", "expected a number");
        }

        /**
         * The parameter read by {@code parse} (which throws on malformed text) when {@code allowed} accepts it; null
         * after recording a problem that quotes the text.
         */
        private <T> @Nullable T parsed(
                String name, Function<String, T> parse, Predicate<T> allowed, String rule, String expected) {
            String value = text(name);
            if (value == null) {
                return null;
            }
            T parsed;
            try {
                parsed = parse.apply(value.strip());
            } catch (IllegalArgumentException | DateTimeException e) {
                problem(name, expected + " but was '" + value + "'");
                return null;
            }
            if (!allowed.test(parsed)) {
                problem(name, rule + " but was '" + value + "'");
                return null;
            }
            return parsed;
        }

        /** Makes the condition from one parameter's value, or returns null when the value was not valid. */
        <T> @Nullable Condition map(@Nullable T value, Function<T, Condition> make) {
            return value == null ? null : make.apply(value);
        }

        /** Makes the condition from two parameters' values, or returns null when either was not valid. */
        <T, U> @Nullable Condition map(@Nullable T first, @Nullable U second, BiFunction<T, U, Condition> make) {
            return first == null || second == null ? null : make.apply(first, second);
        }
    }
}
