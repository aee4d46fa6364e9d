package dev.lifecycle.core;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Converts between built-in conditions and their plain-data form, {@link ConditionSpec}, by the table of {@link ConditionKind}. */
final class ConditionSpecs {

    private ConditionSpecs() {}

    /** A built-in condition, which knows its data form. */
    interface DataForm {
        /** {@return the condition as plain data} */
        ConditionSpec toSpec();
    }

    static ConditionSpec toSpec(Condition condition) {
        if (condition instanceof DataForm data) {
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
            problems.add(
                    path + ".type",
                    "unknown condition type '" + spec.type() + "'; expected one of " + ConditionKind.typeNames());
            return null;
        }
        Set<String> expected = kind.parameters();
        for (String name : spec.parameters().keySet()) {
            if (!expected.contains(name)) {
                problems.add(
                        path + ".parameters." + name,
                        "condition type '" + spec.type() + "' has no parameter '" + name + "'; expected "
                                + (expected.isEmpty() ? "none" : expected));
            }
        }
        if (kind.nesting() == ConditionKind.Nesting.NONE && !spec.conditions().isEmpty()) {
            problems.add(path + ".conditions", "condition type '" + spec.type() + "' takes no nested conditions");
        }
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
        Values values = new Values(spec, path, problems, registry, children);
        Condition built;
        try {
            built = kind.build(values);
        } catch (IllegalArgumentException e) {
            problems.add(path, e.getMessage());
            return null;
        }
        return childrenValid && values.problemCount() == 0 ? built : null;
    }

    /** Reads the parameters of one condition, recording a problem for each missing or malformed value. */
    static final class Values {
        private final ConditionSpec spec;
        private final String path;
        private final SpecProblems problems;
        private final ConditionRegistry registry;
        private final List<Condition> children;
        private int count;

        Values(
                ConditionSpec spec,
                String path,
                SpecProblems problems,
                ConditionRegistry registry,
                List<Condition> children) {
            this.spec = spec;
            this.path = path;
            this.problems = problems;
            this.registry = registry;
            this.children = children;
        }

        /** The custom condition registered under {@code name}; null after recording a problem. */
        @Nullable
        Condition registered(String name) {
            Condition registered = registry.condition(name).orElse(null);
            if (registered == null) {
                count++;
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
                count++;
                problems.add(
                        path + ".conditions",
                        exactlyOne
                                ? "'" + spec.type() + "' needs exactly one nested condition but has " + given
                                : "'" + spec.type() + "' needs at least one nested condition");
                return null;
            }
            return children.size() < given ? null : children;
        }

        ConditionSpec spec() {
            return spec;
        }

        int problemCount() {
            return count;
        }

        boolean ok(long value) {
            return value >= 0;
        }

        private void problem(String name, String message) {
            count++;
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

        /** A count of zero or more; -1 after recording a problem. */
        long count(String name) {
            String value = text(name);
            if (value == null) {
                return -1;
            }
            try {
                long parsed = Long.parseLong(value.strip());
                if (parsed < 0) {
                    problem(name, "must not be negative but was " + parsed);
                    return -1;
                }
                return parsed;
            } catch (NumberFormatException e) {
                problem(name, "expected a whole number but was '" + value + "'");
                return -1;
            }
        }

        @Nullable
        Duration duration(String name) {
            String value = text(name);
            if (value == null) {
                return null;
            }
            try {
                Duration parsed = Duration.parse(value.strip());
                if (parsed.isNegative() || parsed.isZero()) {
                    problem(name, "must be a positive duration but was '" + value + "'");
                    return null;
                }
                return parsed;
            } catch (DateTimeParseException e) {
                problem(name, "expected an ISO-8601 duration such as P180D but was '" + value + "'");
                return null;
            }
        }

        @Nullable
        EventType event(String name) {
            String value = text(name);
            if (value == null) {
                return null;
            }
            try {
                return EventType.valueOf(value.strip());
            } catch (IllegalArgumentException e) {
                problem(name, "unknown event type '" + value + "'; expected one of " + List.of(EventType.values()));
                return null;
            }
        }

        @Nullable
        Integer score(String name) {
            String value = text(name);
            if (value == null) {
                return null;
            }
            try {
                int parsed = Integer.parseInt(value.strip());
                if (parsed < 0 || parsed > 10) {
                    problem(name, "must be between 0 and 10 but was " + parsed);
                    return null;
                }
                return parsed;
            } catch (NumberFormatException e) {
                problem(name, "expected a whole number 0..10 but was '" + value + "'");
                return null;
            }
        }

        Condition.@Nullable Comparison comparison(String name) {
            String value = text(name);
            if (value == null) {
                return null;
            }
            try {
                return Condition.Comparison.valueOf(value.strip());
            } catch (IllegalArgumentException e) {
                problem(
                        name,
                        "unknown comparison '" + value + "'; expected one of "
                                + List.of(Condition.Comparison.values()));
                return null;
            }
        }

        @Nullable
        Double number(String name) {
            String value = text(name);
            if (value == null) {
                return null;
            }
            try {
                double parsed = Double.parseDouble(value.strip());
                if (!Double.isFinite(parsed)) {
                    problem(name, "must be a finite number but was '" + value + "'");
                    return null;
                }
                return parsed;
            } catch (NumberFormatException e) {
                problem(name, "expected a number but was '" + value + "'");
                return null;
            }
        }
    }
}
