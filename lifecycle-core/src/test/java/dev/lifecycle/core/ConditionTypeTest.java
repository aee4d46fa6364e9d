package dev.lifecycle.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Condition types of other modules registered in a {@link ConditionRegistry}: read, written back and refused. */
final class ConditionTypeTest {
    /** A type as another module would write one: orders between two counts. */
    private static final ConditionType ORDERS_BETWEEN = new ConditionType() {
        @Override
        public String typeName() {
            return "orders-between";
        }

        @Override
        public Set<String> parameters() {
            return new LinkedHashSet<>(List.of("min", "max"));
        }

        @Override
        public Condition create(Map<String, String> parameters) {
            long min = number(parameters, "min");
            long max = number(parameters, "max");
            if (max < min) {
                throw new IllegalArgumentException("max must be at least min " + min + " but was " + max);
            }
            return new OrdersBetween(min, max);
        }

        private long number(Map<String, String> parameters, String name) {
            String text = parameters.get(name);
            if (text == null) {
                throw new IllegalArgumentException(name + " is missing");
            }
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " must be a whole number but was '" + text + "'", e);
            }
        }
    };

    private record OrdersBetween(long min, long max) implements DataCondition {
        @Override
        public boolean test(CustomerProfile profile, Instant asOf) {
            return profile.orderCount() >= min && profile.orderCount() <= max;
        }

        @Override
        public ConditionSpec toSpec() {
            Map<String, String> parameters = new LinkedHashMap<>();
            parameters.put("min", String.valueOf(min));
            parameters.put("max", String.valueOf(max));
            return new ConditionSpec("orders-between", parameters, List.of());
        }
    }

    private static final ConditionRegistry REGISTRY =
            ConditionRegistry.builder().registerType(ORDERS_BETWEEN).build();

    private static ConditionSpec between(String min, String max) {
        return new ConditionSpec("orders-between", Map.of("min", min, "max", max), List.of());
    }

    private static SpecException.Problem onlyProblem(ConditionSpec spec) {
        SpecException e = assertThrows(SpecException.class, () -> spec.toCondition(REGISTRY));
        assertEquals(1, e.problems().size(), e.getMessage());
        return e.problems().get(0);
    }

    @Test
    void toCondition_registeredType_madeByItsFactory() {
        assertEquals(new OrdersBetween(2, 5), between("2", "5").toCondition(REGISTRY));
    }

    @Test
    void of_conditionOfARegisteredType_writesItsDataFormThatReadsBackEqual() {
        Condition condition = Condition.allOf(new OrdersBetween(1, 3), Condition.loyaltyMember());

        ConditionSpec spec = ConditionSpec.of(condition);

        assertEquals(between("1", "3"), spec.conditions().get(0));
        assertEquals(condition, spec.toCondition(REGISTRY));
    }

    @Test
    void toCondition_typeNotRegistered_unknownListingBuiltInAndRegisteredTypes() {
        SpecException e =
                assertThrows(SpecException.class, () -> between("1", "2").toCondition(ConditionRegistry.empty()));
        assertEquals("condition.type", e.problems().get(0).path());

        ConditionRegistry registry =
                ConditionRegistry.builder().registerType(ORDERS_BETWEEN).build();
        SpecException other = assertThrows(
                SpecException.class,
                () -> new ConditionSpec("orders-beyond", Map.of(), List.of()).toCondition(registry));
        List<String> known = new java.util.ArrayList<>(ConditionKind.typeNames());
        known.add("orders-between");
        assertEquals(
                new SpecException.Problem(
                        "condition.type", "unknown condition type 'orders-beyond'; expected one of " + known),
                other.problems().get(0));
    }

    @Test
    void toCondition_undeclaredParameter_reportedWithItsPathAndTheDeclaredOnes() {
        ConditionSpec spec =
                new ConditionSpec("orders-between", Map.of("min", "1", "max", "2", "maximum", "3"), List.of());

        assertEquals(
                new SpecException.Problem(
                        "condition.parameters.maximum",
                        "condition type 'orders-between' has no parameter 'maximum'; expected [min, max]"),
                onlyProblem(spec));
    }

    @Test
    void toCondition_nestedConditions_refused() {
        ConditionSpec spec = new ConditionSpec(
                "orders-between", Map.of("min", "1", "max", "2"), List.of(ConditionSpec.of(Condition.loyaltyMember())));

        assertEquals(
                new SpecException.Problem(
                        "condition.conditions", "condition type 'orders-between' takes no nested conditions"),
                onlyProblem(spec));
    }

    @Test
    void toCondition_valueTheFactoryRefuses_reportedWithItsMessageAtTheConditionsPath() {
        assertEquals(
                new SpecException.Problem("condition", "max must be at least min 5 but was 2"),
                onlyProblem(between("5", "2")));
        assertEquals(
                new SpecException.Problem("condition", "min must be a whole number but was 'one'"),
                onlyProblem(between("one", "2")));
    }

    @Test
    void toCondition_problemsInsideACombinator_eachReportedWithItsPath() {
        ConditionSpec spec = new ConditionSpec(
                "any-of", Map.of(), List.of(between("5", "2"), ConditionSpec.of(Condition.ordersAtLeast(1))));

        SpecException e = assertThrows(SpecException.class, () -> spec.toCondition(REGISTRY));

        assertEquals(
                List.of(new SpecException.Problem("condition.conditions[0]", "max must be at least min 5 but was 2")),
                e.problems());
    }

    @Test
    void registerType_builtInName_refused() {
        ConditionType clash = renamed("orders-at-least", Set.of("count"));

        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> ConditionRegistry.builder().registerType(clash));
        assertTrue(String.valueOf(e.getMessage()).startsWith("condition type 'orders-at-least' is built in"));
    }

    @Test
    void registerType_twice_refused() {
        ConditionRegistry.Builder builder = ConditionRegistry.builder().registerType(ORDERS_BETWEEN);

        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> builder.registerType(ORDERS_BETWEEN));
        assertEquals("a condition type named 'orders-between' is already registered", e.getMessage());
    }

    @Test
    void registerType_reservedOrBlankNames_refused() {
        for (String reserved : List.of("type", "condition", "conditions")) {
            ConditionType type = renamed("t", Set.of(reserved));
            IllegalArgumentException e = assertThrows(
                    IllegalArgumentException.class,
                    () -> ConditionRegistry.builder().registerType(type));
            assertTrue(String.valueOf(e.getMessage()).contains("named '" + reserved + "'"), e.getMessage());
        }
        assertThrows(
                IllegalArgumentException.class,
                () -> ConditionRegistry.builder().registerType(renamed(" ", Set.of("a"))));
        assertThrows(
                IllegalArgumentException.class,
                () -> ConditionRegistry.builder().registerType(renamed("t", Set.of(""))));
    }

    @Test
    void registry_listsItsTypesInOrderAndLooksThemUp() {
        ConditionType second = renamed("second", Set.of());
        ConditionRegistry registry = ConditionRegistry.builder()
                .registerTypes(List.of(ORDERS_BETWEEN, second))
                .build();

        assertEquals(List.of("orders-between", "second"), List.copyOf(registry.typeNames()));
        assertEquals(second, registry.type("second").orElseThrow());
        assertTrue(registry.type("third").isEmpty());
        assertEquals("ConditionRegistry[] types [orders-between, second]", registry.toString());
        assertEquals("ConditionRegistry[]", ConditionRegistry.empty().toString());
    }

    @Test
    void trackerFingerprint_readsARegisteredTypesDataForm() {
        LifecycleTemplate one = withRule(new OrdersBetween(1, 3));
        LifecycleTemplate other = withRule(new OrdersBetween(1, 4));

        List<String> parts = TrackerStateCodec.fingerprintParts(one);
        assertTrue(parts.stream().anyMatch(p -> p.endsWith(":orders-between min=1 max=3")), parts::toString);
        assertNotEquals(TrackerStateCodec.fingerprint(one), TrackerStateCodec.fingerprint(other));
    }

    private static LifecycleTemplate withRule(Condition condition) {
        return Templates.fiveStage().toBuilder()
                .addRule(TransitionRule.builder("between")
                        .from("conversion")
                        .to("retention")
                        .when(condition)
                        .priority(5)
                        .build())
                .build();
    }

    private static ConditionType renamed(String name, Set<String> parameters) {
        return new ConditionType() {
            @Override
            public String typeName() {
                return name;
            }

            @Override
            public Set<String> parameters() {
                return parameters;
            }

            @Override
            public Condition create(Map<String, String> values) {
                return Condition.loyaltyMember();
            }
        };
    }
}
