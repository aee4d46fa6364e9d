package dev.lifecycle.core;

import com.google.common.collect.ImmutableSet;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The table of condition kinds: for each type name that plain data may use, its parameters, the factory it stands
 * for and how to build the condition from data. {@link ConditionSpecs} converts with it, the documentation table of
 * condition types is rendered from it, and each built-in condition names its kind when it writes its data form, so a
 * new condition takes one record in {@link Conditions}, one factory in {@link Condition} and one entry here.
 */
enum ConditionKind {
    ORDERS_AT_LEAST(
            "orders-at-least",
            "ordersAtLeast(n)",
            List.of("count"),
            v -> v.map(v.count("count"), Condition::ordersAtLeast)),
    REFERRALS_AT_LEAST(
            "referrals-at-least",
            "referralsAtLeast(n)",
            List.of("count"),
            v -> v.map(v.count("count"), Condition::referralsAtLeast)),
    ENGAGED("engaged", "engaged(n)", List.of("count"), v -> v.map(v.count("count"), Condition::engaged)),
    EVENT_COUNT_AT_LEAST(
            "event-count-at-least",
            "eventCountAtLeast(type, n)",
            List.of("event", "count"),
            v -> v.map(v.event("event"), v.count("count"), Condition::eventCountAtLeast)),
    CUSTOM_EVENT_COUNT_AT_LEAST(
            "custom-event-count-at-least",
            "customEventCountAtLeast(name, n)",
            List.of("custom-type", "count"),
            v -> v.map(v.text("custom-type"), v.count("count"), Condition::customEventCountAtLeast)),
    NO_PURCHASE_FOR(
            "no-purchase-for",
            "noPurchaseFor(duration)",
            List.of("duration"),
            v -> v.map(v.duration("duration"), Condition::noPurchaseFor)),
    INACTIVE_FOR(
            "inactive-for",
            "inactiveFor(duration)",
            List.of("duration"),
            v -> v.map(v.duration("duration"), Condition::inactiveFor)),
    EVENT_WITHIN(
            "event-within",
            "eventWithin(type, window)",
            List.of("event", "window"),
            v -> v.map(v.event("event"), v.duration("window"), Condition::eventWithin)),
    FIRST_PURCHASE_AT_LEAST_AGO(
            "first-purchase-at-least-ago",
            "firstPurchaseAtLeastAgo(duration)",
            List.of("duration"),
            v -> v.map(v.duration("duration"), Condition::firstPurchaseAtLeastAgo)),
    SPENT_AT_LEAST(
            "spent-at-least",
            "spentAtLeast(money), spentAtLeast(money, window)",
            List.of("amount", "currency", "window?"),
            v -> {
                String amount = v.text("amount");
                String currency = v.text("currency");
                boolean windowed = v.spec().parameters().containsKey("window");
                Duration window = windowed ? v.duration("window") : null;
                if (amount == null || currency == null || (windowed && window == null)) {
                    return null;
                }
                Money threshold = Money.of(amount, currency);
                return window == null ? Condition.spentAtLeast(threshold) : Condition.spentAtLeast(threshold, window);
            }),
    ORDERS_WITHIN("orders-within", "ordersWithin(n, window)", List.of("count", "window"), v -> {
        Long count = v.count("count");
        Duration window = v.duration("window");
        if (count != null && count > Integer.MAX_VALUE) {
            v.problems()
                    .add(v.path() + ".parameters.count", "must be at most " + Integer.MAX_VALUE + " but was " + count);
            return null;
        }
        return count == null || window == null ? null : Condition.ordersWithin(count.intValue(), window);
    }),
    NPS_AT_LEAST(
            "nps-at-least", "npsAtLeast(score)", List.of("score"), v -> v.map(v.score("score"), Condition::npsAtLeast)),
    NPS_AT_MOST(
            "nps-at-most", "npsAtMost(score)", List.of("score"), v -> v.map(v.score("score"), Condition::npsAtMost)),
    LOYALTY_MEMBER("loyalty-member", "loyaltyMember()", List.of(), v -> Condition.loyaltyMember()),
    ATTRIBUTE("attribute", "attribute(name, comparison, value)", List.of("name", "comparison", "value"), v -> {
        String name = v.text("name");
        Condition.Comparison comparison = v.comparison("comparison");
        Double value = v.number("value");
        return name != null && comparison != null && value != null
                ? Condition.attribute(name, comparison, value)
                : null;
    }),
    CUSTOM("custom", "custom(name, predicate), looked up by name in a ConditionRegistry", List.of("name"), v -> {
        String name = v.text("name");
        return name == null ? null : v.registered(name);
    }),
    ALL_OF("all-of", "allOf(conditions...)", Nesting.MANY, v -> {
        List<Condition> children = v.children(false);
        return children == null ? null : Condition.allOf(children.toArray(Condition[]::new));
    }),
    ANY_OF("any-of", "anyOf(conditions...)", Nesting.MANY, v -> {
        List<Condition> children = v.children(false);
        return children == null ? null : Condition.anyOf(children.toArray(Condition[]::new));
    }),
    NOT("not", "not(condition)", Nesting.ONE, v -> {
        List<Condition> children = v.children(true);
        return children == null ? null : Condition.not(children.get(0));
    });

    /** How many nested conditions a kind takes. */
    enum Nesting {
        NONE,
        ONE,
        MANY
    }

    private static final Map<String, ConditionKind> BY_NAME =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(k -> k.typeName, k -> k));
    /** The type names in table order, so that messages listing them read the same on every run. */
    private static final Set<String> NAMES =
            Arrays.stream(values()).map(k -> k.typeName).collect(ImmutableSet.toImmutableSet());

    private final String typeName;
    private final String factory;
    private final ImmutableSet<String> parameters;
    private final ImmutableSet<String> optional;
    private final Nesting nesting;

    @SuppressWarnings("ImmutableEnumChecker") // each kind's builder is a lambda that captures nothing
    private final Function<ConditionSpecs.Values, @Nullable Condition> build;

    ConditionKind(
            String typeName,
            String factory,
            List<String> parameters,
            Function<ConditionSpecs.Values, @Nullable Condition> build) {
        this(typeName, factory, parameters, Nesting.NONE, build);
    }

    ConditionKind(
            String typeName,
            String factory,
            Nesting nesting,
            Function<ConditionSpecs.Values, @Nullable Condition> build) {
        this(typeName, factory, List.of(), nesting, build);
    }

    /** Parameters ending in {@code ?} are optional; they must come last. */
    ConditionKind(
            String typeName,
            String factory,
            List<String> parameters,
            Nesting nesting,
            Function<ConditionSpecs.Values, @Nullable Condition> build) {
        this.typeName = typeName;
        this.factory = factory;
        this.parameters = parameters.stream().map(p -> p.replace("?", "")).collect(ImmutableSet.toImmutableSet());
        this.optional = parameters.stream()
                .filter(p -> p.endsWith("?"))
                .map(p -> p.replace("?", ""))
                .collect(ImmutableSet.toImmutableSet());
        this.nesting = nesting;
        this.build = build;
    }

    /** {@return the kind with this type name, if there is one} */
    static @Nullable ConditionKind named(String typeName) {
        return BY_NAME.get(typeName);
    }

    /** {@return every type name, in table order} */
    static Set<String> typeNames() {
        return NAMES;
    }

    /** {@return the type name that plain data uses, such as {@code orders-at-least}} */
    String typeName() {
        return typeName;
    }

    /** {@return the factory of {@link Condition} this kind stands for, as the documentation shows it} */
    String factory() {
        return factory;
    }

    /** {@return the parameter names in their documented order} */
    Set<String> parameters() {
        return parameters;
    }

    /** {@return the parameters that may be left out} */
    Set<String> optionalParameters() {
        return optional;
    }

    /** {@return how many nested conditions the kind takes} */
    Nesting nesting() {
        return nesting;
    }

    /** Builds the condition from checked parameters, or returns null after recording the problems. */
    @Nullable
    Condition build(ConditionSpecs.Values values) {
        return build.apply(values);
    }

    /**
     * Returns the data form of a leaf condition of this kind: {@code values} follow {@link #parameters()} in order
     * and may leave out trailing optional ones.
     */
    ConditionSpec spec(String... values) {
        List<String> names = List.copyOf(parameters);
        if (values.length > names.size() || values.length < names.size() - optional.size()) {
            throw new IllegalArgumentException(
                    "kind '" + typeName + "' has parameters " + parameters + " but got " + values.length + " values");
        }
        Map<String, String> byName = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            byName.put(names.get(i), values[i]);
        }
        return new ConditionSpec(typeName, byName, List.of());
    }

    /** Returns the data form of a combinator of this kind over the nested conditions. */
    ConditionSpec spec(List<Condition> nested) {
        return new ConditionSpec(
                typeName, Map.of(), nested.stream().map(ConditionSpecs::toSpec).toList());
    }

    /** ISO-8601 in whole days where it can ({@code P180D}), so that data reads as people write it. */
    static String iso(Duration duration) {
        return duration.getNano() == 0 && duration.getSeconds() % 86_400 == 0
                ? "P" + duration.toDays() + "D"
                : duration.toString();
    }
}
