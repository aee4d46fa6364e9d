package dev.lifecycle.core;

import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Converts between built-in conditions and their plain-data form, {@link ConditionSpec}. */
final class ConditionSpecs {
    /** Parameter names in a fixed order, so that messages listing them read the same on every run. */
    private static final Map<String, Set<String>> PARAMETERS = ImmutableMap.<String, Set<String>>builder()
            .put("orders-at-least", ImmutableSet.of("count"))
            .put("referrals-at-least", ImmutableSet.of("count"))
            .put("engaged", ImmutableSet.of("count"))
            .put("event-count-at-least", ImmutableSet.of("event", "count"))
            .put("custom-event-count-at-least", ImmutableSet.of("custom-type", "count"))
            .put("no-purchase-for", ImmutableSet.of("duration"))
            .put("inactive-for", ImmutableSet.of("duration"))
            .put("event-within", ImmutableSet.of("event", "window"))
            .put("first-purchase-at-least-ago", ImmutableSet.of("duration"))
            .put("spent-at-least", ImmutableSet.of("amount", "currency", "window"))
            .put("nps-at-least", ImmutableSet.of("score"))
            .put("nps-at-most", ImmutableSet.of("score"))
            .put("loyalty-member", ImmutableSet.of())
            .put("attribute", ImmutableSet.of("name", "comparison", "value"))
            .put("custom", ImmutableSet.of("name"))
            .put("all-of", ImmutableSet.of())
            .put("any-of", ImmutableSet.of())
            .put("not", ImmutableSet.of())
            .buildOrThrow();

    private ConditionSpecs() {}

    /** {@return the condition types that plain data may name} */
    static Set<String> types() {
        return PARAMETERS.keySet();
    }

    static ConditionSpec toSpec(Condition condition) {
        if (condition instanceof Conditions.OrdersAtLeast c) {
            return spec("orders-at-least", ImmutableMap.of("count", String.valueOf(c.n())));
        } else if (condition instanceof Conditions.ReferralsAtLeast c) {
            return spec("referrals-at-least", ImmutableMap.of("count", String.valueOf(c.n())));
        } else if (condition instanceof Conditions.EngagedAtLeast c) {
            return spec("engaged", ImmutableMap.of("count", String.valueOf(c.n())));
        } else if (condition instanceof Conditions.EventCountAtLeast c) {
            return spec(
                    "event-count-at-least", ImmutableMap.of("event", c.type().name(), "count", String.valueOf(c.n())));
        } else if (condition instanceof Conditions.CustomEventCountAtLeast c) {
            return spec(
                    "custom-event-count-at-least",
                    ImmutableMap.of("custom-type", c.customType(), "count", String.valueOf(c.n())));
        } else if (condition instanceof Conditions.NoPurchaseFor c) {
            return spec("no-purchase-for", ImmutableMap.of("duration", iso(c.duration())));
        } else if (condition instanceof Conditions.InactiveFor c) {
            return spec("inactive-for", ImmutableMap.of("duration", iso(c.duration())));
        } else if (condition instanceof Conditions.EventWithin c) {
            return spec("event-within", ImmutableMap.of("event", c.type().name(), "window", iso(c.window())));
        } else if (condition instanceof Conditions.FirstPurchaseAtLeastAgo c) {
            return spec("first-purchase-at-least-ago", ImmutableMap.of("duration", iso(c.duration())));
        } else if (condition instanceof Conditions.SpentAtLeast c) {
            return spec(
                    "spent-at-least",
                    ImmutableMap.of(
                            "amount",
                            c.amount().amount().toPlainString(),
                            "currency",
                            c.amount().currency().getCurrencyCode()));
        } else if (condition instanceof Conditions.SpentWithin c) {
            return spec(
                    "spent-at-least",
                    ImmutableMap.of(
                            "amount",
                            c.amount().amount().toPlainString(),
                            "currency",
                            c.amount().currency().getCurrencyCode(),
                            "window",
                            iso(c.window())));
        } else if (condition instanceof Conditions.NpsAtLeast c) {
            return spec("nps-at-least", ImmutableMap.of("score", String.valueOf(c.score())));
        } else if (condition instanceof Conditions.NpsAtMost c) {
            return spec("nps-at-most", ImmutableMap.of("score", String.valueOf(c.score())));
        } else if (condition instanceof Conditions.LoyaltyMember) {
            return spec("loyalty-member", ImmutableMap.of());
        } else if (condition instanceof Conditions.AttributeCompare c) {
            return spec(
                    "attribute",
                    ImmutableMap.of(
                            "name", c.name(), "comparison", c.comparison().name(), "value", String.valueOf(c.value())));
        } else if (condition instanceof Conditions.Custom c) {
            return spec("custom", ImmutableMap.of("name", c.name()));
        } else if (condition instanceof Conditions.AllOf c) {
            return new ConditionSpec("all-of", ImmutableMap.of(), specs(c.conditions()));
        } else if (condition instanceof Conditions.AnyOf c) {
            return new ConditionSpec("any-of", ImmutableMap.of(), specs(c.conditions()));
        } else if (condition instanceof Conditions.Not c) {
            return new ConditionSpec("not", ImmutableMap.of(), List.of(toSpec(c.condition())));
        }
        throw new IllegalArgumentException("condition '" + condition.description() + "' ("
                + condition.getClass().getName()
                + ") has no data form; make it with Condition.custom(name, predicate) and register it by that name in a"
                + " ConditionRegistry");
    }

    /** ISO-8601 in whole days where it can ({@code P180D}), so that data reads as people write it. */
    private static String iso(Duration duration) {
        return duration.getNano() == 0 && duration.getSeconds() % 86_400 == 0
                ? "P" + duration.toDays() + "D"
                : duration.toString();
    }

    private static ConditionSpec spec(String type, Map<String, String> parameters) {
        return new ConditionSpec(type, parameters, List.of());
    }

    private static List<ConditionSpec> specs(List<Condition> conditions) {
        List<ConditionSpec> specs = new ArrayList<>(conditions.size());
        for (Condition condition : conditions) {
            specs.add(toSpec(condition));
        }
        return specs;
    }

    /** Builds the condition, or records every problem under {@code path} and returns null. */
    static @Nullable Condition toCondition(
            ConditionSpec spec, ConditionRegistry registry, String path, SpecProblems problems) {
        Set<String> expected = PARAMETERS.get(spec.type());
        if (expected == null) {
            problems.add(path + ".type", "unknown condition type '" + spec.type() + "'; expected one of " + types());
            return null;
        }
        Values values = new Values(spec, path, problems);
        for (String name : spec.parameters().keySet()) {
            if (!expected.contains(name)) {
                problems.add(
                        path + ".parameters." + name,
                        "condition type '" + spec.type() + "' has no parameter '" + name + "'; expected "
                                + (expected.isEmpty() ? "none" : expected));
            }
        }
        boolean combinator = spec.type().equals("all-of")
                || spec.type().equals("any-of")
                || spec.type().equals("not");
        if (!combinator && !spec.conditions().isEmpty()) {
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
        int before = values.problemCount();
        Condition built = build(spec.type(), values, registry, children, path, problems);
        return childrenValid && values.problemCount() == before ? built : null;
    }

    private static @Nullable Condition build(
            String type,
            Values v,
            ConditionRegistry registry,
            List<Condition> children,
            String path,
            SpecProblems problems) {
        try {
            switch (type) {
                case "orders-at-least": {
                    long count = v.count("count");
                    return v.ok(count) ? Condition.ordersAtLeast(count) : null;
                }
                case "referrals-at-least": {
                    long count = v.count("count");
                    return v.ok(count) ? Condition.referralsAtLeast(count) : null;
                }
                case "engaged": {
                    long count = v.count("count");
                    return v.ok(count) ? Condition.engaged(count) : null;
                }
                case "event-count-at-least": {
                    EventType event = v.event("event");
                    long count = v.count("count");
                    return event != null && v.ok(count) ? Condition.eventCountAtLeast(event, count) : null;
                }
                case "custom-event-count-at-least": {
                    String name = v.text("custom-type");
                    long count = v.count("count");
                    return name != null && v.ok(count) ? Condition.customEventCountAtLeast(name, count) : null;
                }
                case "no-purchase-for": {
                    Duration d = v.duration("duration");
                    return d == null ? null : Condition.noPurchaseFor(d);
                }
                case "inactive-for": {
                    Duration d = v.duration("duration");
                    return d == null ? null : Condition.inactiveFor(d);
                }
                case "event-within": {
                    EventType event = v.event("event");
                    Duration window = v.duration("window");
                    return event != null && window != null ? Condition.eventWithin(event, window) : null;
                }
                case "first-purchase-at-least-ago": {
                    Duration d = v.duration("duration");
                    return d == null ? null : Condition.firstPurchaseAtLeastAgo(d);
                }
                case "spent-at-least": {
                    String amount = v.text("amount");
                    String currency = v.text("currency");
                    boolean windowed = v.spec().parameters().containsKey("window");
                    Duration window = windowed ? v.duration("window") : null;
                    if (amount == null || currency == null || (windowed && window == null)) {
                        return null;
                    }
                    Money threshold = Money.of(amount, currency);
                    return window == null
                            ? Condition.spentAtLeast(threshold)
                            : Condition.spentAtLeast(threshold, window);
                }
                case "nps-at-least": {
                    Integer score = v.score("score");
                    return score == null ? null : Condition.npsAtLeast(score);
                }
                case "nps-at-most": {
                    Integer score = v.score("score");
                    return score == null ? null : Condition.npsAtMost(score);
                }
                case "loyalty-member":
                    return Condition.loyaltyMember();
                case "attribute": {
                    String name = v.text("name");
                    Condition.Comparison comparison = v.comparison("comparison");
                    Double value = v.number("value");
                    return name != null && comparison != null && value != null
                            ? Condition.attribute(name, comparison, value)
                            : null;
                }
                case "custom": {
                    String name = v.text("name");
                    if (name == null) {
                        return null;
                    }
                    Condition registered = registry.condition(name).orElse(null);
                    if (registered == null) {
                        problems.add(
                                path + ".parameters.name",
                                "no custom condition named '" + name + "' is registered; registered: "
                                        + registry.names());
                    }
                    return registered;
                }
                case "all-of":
                case "any-of":
                    if (v.spec().conditions().isEmpty()) {
                        problems.add(path + ".conditions", "'" + type + "' needs at least one nested condition");
                        return null;
                    }
                    if (children.size() < v.spec().conditions().size()) {
                        // the invalid nested conditions have recorded their own problems
                        return null;
                    }
                    return type.equals("all-of")
                            ? Condition.allOf(children.toArray(Condition[]::new))
                            : Condition.anyOf(children.toArray(Condition[]::new));
                case "not":
                    if (v.spec().conditions().size() != 1) {
                        problems.add(
                                path + ".conditions",
                                "'not' needs exactly one nested condition but has "
                                        + v.spec().conditions().size());
                        return null;
                    }
                    return children.isEmpty() ? null : Condition.not(children.get(0));
                default:
                    throw new AssertionError("type checked above: " + type);
            }
        } catch (IllegalArgumentException e) {
            problems.add(path, e.getMessage());
            return null;
        }
    }

    /** Reads the parameters of one condition, recording a problem for each missing or malformed value. */
    private static final class Values {
        private final ConditionSpec spec;
        private final String path;
        private final SpecProblems problems;
        private int count;

        Values(ConditionSpec spec, String path, SpecProblems problems) {
            this.spec = spec;
            this.path = path;
            this.problems = problems;
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
