package dev.lifecycle.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.common.collect.ImmutableMap;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The data form of every condition type, and every kind of problem in condition data with its exact path. */
final class ConditionSpecTest {
    private static final Condition VIP = Condition.custom("vip", (profile, asOf) -> profile.orderCount() > 10);
    private static final ConditionRegistry REGISTRY =
            ConditionRegistry.builder().register("vip", VIP).build();

    private static ConditionSpec leaf(String type, Map<String, String> parameters) {
        return new ConditionSpec(type, parameters, List.of());
    }

    static Stream<Arguments> everyType() {
        ConditionSpec twoOrders = leaf("orders-at-least", ImmutableMap.of("count", "2"));
        ConditionSpec member = leaf("loyalty-member", ImmutableMap.of());
        return Stream.of(
                Arguments.of(Condition.ordersAtLeast(2), twoOrders),
                Arguments.of(Condition.referralsAtLeast(3), leaf("referrals-at-least", ImmutableMap.of("count", "3"))),
                Arguments.of(Condition.engaged(0), leaf("engaged", ImmutableMap.of("count", "0"))),
                Arguments.of(
                        Condition.eventCountAtLeast(EventType.REVIEW, 4),
                        leaf("event-count-at-least", ImmutableMap.of("event", "REVIEW", "count", "4"))),
                Arguments.of(
                        Condition.customEventCountAtLeast("quiz.done", 1),
                        leaf("custom-event-count-at-least", ImmutableMap.of("custom-type", "quiz.done", "count", "1"))),
                Arguments.of(
                        Condition.noPurchaseFor(Duration.ofDays(180)),
                        leaf("no-purchase-for", ImmutableMap.of("duration", "P180D"))),
                Arguments.of(
                        Condition.inactiveFor(Duration.ofHours(36)),
                        leaf("inactive-for", ImmutableMap.of("duration", "PT36H"))),
                Arguments.of(
                        Condition.eventWithin(EventType.SITE_VISIT, Duration.ofDays(30)),
                        leaf("event-within", ImmutableMap.of("event", "SITE_VISIT", "window", "P30D"))),
                Arguments.of(
                        Condition.firstPurchaseAtLeastAgo(Duration.ofDays(365).plusMillis(1500)),
                        leaf("first-purchase-at-least-ago", ImmutableMap.of("duration", "PT8760H1.5S"))),
                Arguments.of(
                        Condition.spentAtLeast(Money.of("1000", "USD")),
                        leaf("spent-at-least", ImmutableMap.of("amount", "1000.00", "currency", "USD"))),
                Arguments.of(
                        Condition.spentAtLeast(Money.of("5000", "JPY"), Duration.ofDays(90)),
                        leaf("spent-at-least", ImmutableMap.of("amount", "5000", "currency", "JPY", "window", "P90D"))),
                Arguments.of(Condition.npsAtLeast(9), leaf("nps-at-least", ImmutableMap.of("score", "9"))),
                Arguments.of(Condition.npsAtMost(6), leaf("nps-at-most", ImmutableMap.of("score", "6"))),
                Arguments.of(Condition.loyaltyMember(), member),
                Arguments.of(
                        Condition.attribute("tier", Condition.Comparison.AT_LEAST, 2.5),
                        leaf("attribute", ImmutableMap.of("name", "tier", "comparison", "AT_LEAST", "value", "2.5"))),
                Arguments.of(VIP, leaf("custom", ImmutableMap.of("name", "vip"))),
                Arguments.of(
                        Condition.allOf(Condition.ordersAtLeast(2), Condition.loyaltyMember()),
                        new ConditionSpec("all-of", ImmutableMap.of(), List.of(twoOrders, member))),
                Arguments.of(
                        Condition.ordersAtLeast(2).or(VIP),
                        new ConditionSpec(
                                "any-of",
                                ImmutableMap.of(),
                                List.of(twoOrders, leaf("custom", ImmutableMap.of("name", "vip"))))),
                Arguments.of(
                        Condition.loyaltyMember().negate(),
                        new ConditionSpec("not", ImmutableMap.of(), List.of(member))));
    }

    @ParameterizedTest
    @MethodSource("everyType")
    void of_eachConditionType_exactDataThatReadsBack(Condition condition, ConditionSpec expected) {
        ConditionSpec spec = ConditionSpec.of(condition);

        assertEquals(expected, spec);
        assertEquals(
                List.copyOf(expected.parameters().keySet()),
                List.copyOf(spec.parameters().keySet()),
                "parameters in a stable order");
        assertEquals(condition, spec.toCondition(REGISTRY));
    }

    @Test
    void toCondition_textWithSpacesAndSigns_readsTheValue() {
        assertEquals(
                Condition.eventCountAtLeast(EventType.PURCHASE, 3),
                leaf("event-count-at-least", Map.of("event", " PURCHASE ", "count", " +3"))
                        .toCondition(REGISTRY));
        assertEquals(
                Condition.spentAtLeast(Money.of("1000", "USD")),
                leaf("spent-at-least", Map.of("amount", "1000", "currency", "USD"))
                        .toCondition(REGISTRY));
    }

    // ---- one problem of each kind ----

    private static void assertProblem(ConditionSpec spec, String path, String message) {
        SpecException e = assertThrows(SpecException.class, () -> spec.toCondition(REGISTRY));

        assertEquals(List.of(new SpecException.Problem(path, message)), e.problems());
        assertEquals("condition has 1 problem:\n  " + path + ": " + message, e.getMessage());
    }

    @Test
    void toCondition_unknownType_rejected() {
        assertProblem(
                leaf("orders-at-most", Map.of("count", "1")),
                "condition.type",
                "unknown condition type 'orders-at-most'; expected one of " + List.copyOf(ConditionKind.typeNames()));
    }

    @Test
    void toCondition_unexpectedParameter_rejected() {
        assertProblem(
                leaf("orders-at-least", ImmutableMap.of("count", "1", "days", "3")),
                "condition.parameters.days",
                "condition type 'orders-at-least' has no parameter 'days'; expected [count]");
    }

    @Test
    void toCondition_parameterOnTypeWithoutParameters_rejected() {
        assertProblem(
                leaf("loyalty-member", Map.of("since", "P30D")),
                "condition.parameters.since",
                "condition type 'loyalty-member' has no parameter 'since'; expected none");
    }

    @Test
    void toCondition_missingParameter_rejected() {
        assertProblem(
                leaf("event-count-at-least", Map.of("event", "PURCHASE")),
                "condition.parameters.count",
                "missing; condition type 'event-count-at-least' needs it");
    }

    @Test
    void toCondition_blankParameter_rejected() {
        assertProblem(
                leaf("custom-event-count-at-least", Map.of("custom-type", " ", "count", "1")),
                "condition.parameters.custom-type",
                "must not be blank");
    }

    @Test
    void toCondition_countNotANumber_rejected() {
        assertProblem(
                leaf("orders-at-least", Map.of("count", "two")),
                "condition.parameters.count",
                "expected a whole number but was 'two'");
    }

    @Test
    void toCondition_negativeCount_rejected() {
        assertProblem(
                leaf("referrals-at-least", Map.of("count", "-1")),
                "condition.parameters.count",
                "must not be negative but was -1");
    }

    @Test
    void toCondition_zeroDuration_rejected() {
        assertProblem(
                leaf("no-purchase-for", Map.of("duration", "P0D")),
                "condition.parameters.duration",
                "must be a positive duration but was 'P0D'");
    }

    @Test
    void toCondition_negativeWindow_rejected() {
        assertProblem(
                leaf("spent-at-least", Map.of("amount", "10", "currency", "USD", "window", "-P1D")),
                "condition.parameters.window",
                "must be a positive duration but was '-P1D'");
    }

    @Test
    void toCondition_malformedDuration_rejected() {
        assertProblem(
                leaf("inactive-for", Map.of("duration", "180 days")),
                "condition.parameters.duration",
                "expected an ISO-8601 duration such as P180D but was '180 days'");
    }

    @Test
    void toCondition_unknownEventType_rejected() {
        assertProblem(
                leaf("event-within", Map.of("event", "PAGE_VIEW", "window", "P7D")),
                "condition.parameters.event",
                "unknown event type 'PAGE_VIEW'; expected one of [PURCHASE, REFUND, SITE_VISIT, AD_CLICK,"
                        + " SOCIAL_VIEW, PRODUCT_VIEW, CART_ADD, SIGN_UP, REFERRAL, REVIEW, NPS_ANSWER,"
                        + " EMAIL_DELIVERED, EMAIL_OPEN, EMAIL_CLICK, LOYALTY_ENROLMENT, CUSTOM]");
    }

    @Test
    void toCondition_npsScoreEleven_rejected() {
        assertProblem(
                leaf("nps-at-least", Map.of("score", "11")),
                "condition.parameters.score",
                "must be between 0 and 10 but was 11");
    }

    @Test
    void toCondition_npsScoreNotANumber_rejected() {
        assertProblem(
                leaf("nps-at-most", Map.of("score", "six")),
                "condition.parameters.score",
                "expected a whole number 0..10 but was 'six'");
    }

    @Test
    void toCondition_unknownComparison_rejected() {
        assertProblem(
                leaf("attribute", ImmutableMap.of("name", "tier", "comparison", "GREATER", "value", "2")),
                "condition.parameters.comparison",
                "unknown comparison 'GREATER'; expected one of [AT_LEAST, AT_MOST, ABOVE, BELOW, EQUAL_TO]");
    }

    @Test
    void toCondition_nonFiniteValue_rejected() {
        assertProblem(
                leaf("attribute", ImmutableMap.of("name", "tier", "comparison", "AT_MOST", "value", "Infinity")),
                "condition.parameters.value",
                "must be a finite number but was 'Infinity'");
        assertProblem(
                leaf("attribute", ImmutableMap.of("name", "tier", "comparison", "AT_MOST", "value", "NaN")),
                "condition.parameters.value",
                "must be a finite number but was 'NaN'");
    }

    @Test
    void toCondition_valueNotANumber_rejected() {
        assertProblem(
                leaf("attribute", ImmutableMap.of("name", "tier", "comparison", "AT_MOST", "value", "high")),
                "condition.parameters.value",
                "expected a number but was 'high'");
    }

    @Test
    void toCondition_invalidAttributeName_rejectedByTheFactory() {
        assertProblem(
                leaf("attribute", ImmutableMap.of("name", "visits 30d", "comparison", "AT_MOST", "value", "2")),
                "condition",
                "attribute name must start with a letter or digit and contain only letters, digits, '_', '.' and '-'"
                        + " but was 'visits 30d'");
    }

    @Test
    void toCondition_zeroAmount_rejectedByTheFactory() {
        assertProblem(
                leaf("spent-at-least", Map.of("amount", "0", "currency", "USD")),
                "condition",
                "amount must be positive but was 0.00 USD");
    }

    @Test
    void toCondition_notWithTwoConditions_rejected() {
        ConditionSpec member = leaf("loyalty-member", Map.of());
        assertProblem(
                new ConditionSpec("not", Map.of(), List.of(member, member)),
                "condition.conditions",
                "'not' needs exactly one nested condition but has 2");
    }

    @Test
    void toCondition_allOfWithNone_rejected() {
        assertProblem(
                new ConditionSpec("all-of", Map.of(), List.of()),
                "condition.conditions",
                "'all-of' needs at least one nested condition");
    }

    @Test
    void toCondition_anyOfWithNone_rejected() {
        assertProblem(
                new ConditionSpec("any-of", Map.of(), List.of()),
                "condition.conditions",
                "'any-of' needs at least one nested condition");
    }

    @Test
    void toCondition_nestedConditionsUnderLeafType_rejected() {
        assertProblem(
                new ConditionSpec("loyalty-member", Map.of(), List.of(leaf("orders-at-least", Map.of("count", "1")))),
                "condition.conditions",
                "condition type 'loyalty-member' takes no nested conditions");
    }

    @Test
    void toCondition_unregisteredCustomName_rejected() {
        assertProblem(
                leaf("custom", Map.of("name", "vipp")),
                "condition.parameters.name",
                "no custom condition named 'vipp' is registered; registered: [vip]");
    }

    @Test
    void toCondition_allOfWhoseOnlyConditionIsInvalid_onlyThatConditionReported() {
        assertProblem(
                new ConditionSpec("all-of", Map.of(), List.of(leaf("orders-at-least", Map.of("count", "two")))),
                "condition.conditions[0].parameters.count",
                "expected a whole number but was 'two'");
    }

    @Test
    void toCondition_anyOfWhoseConditionsAreAllInvalid_eachReportedOnce() {
        ConditionSpec spec = new ConditionSpec(
                "any-of",
                Map.of(),
                List.of(
                        leaf("nps-at-least", Map.of("score", "11")),
                        new ConditionSpec("not", Map.of(), List.of(leaf("custom", Map.of("name", "nobody"))))));

        SpecException e = assertThrows(SpecException.class, () -> spec.toCondition(REGISTRY));

        List<SpecException.Problem> expected = List.of(
                new SpecException.Problem(
                        "condition.conditions[0].parameters.score", "must be between 0 and 10 but was 11"),
                new SpecException.Problem(
                        "condition.conditions[1].conditions[0].parameters.name",
                        "no custom condition named 'nobody' is registered; registered: [vip]"));
        assertEquals(expected, e.problems());
        assertEquals("condition has 2 problems:\n  " + expected.get(0) + "\n  " + expected.get(1), e.getMessage());
    }

    // ---- conditions without a data form ----

    @Test
    void of_lambdaCondition_rejectedNamingCustom() {
        Condition lambda = (profile, asOf) -> true;

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ConditionSpec.of(lambda));

        assertEquals(
                "condition 'custom condition' (" + lambda.getClass().getName() + ") has no data form; make it with"
                        + " Condition.custom(name, predicate) and register it by that name in a ConditionRegistry",
                e.getMessage());
    }

    @Test
    void of_lambdaNestedInAllOf_rejectedNamingCustom() {
        Condition lambda = (profile, asOf) -> true;

        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> ConditionSpec.of(Condition.firstPurchase().and(lambda)));

        assertEquals(
                "condition 'custom condition' (" + lambda.getClass().getName() + ") has no data form; make it with"
                        + " Condition.custom(name, predicate) and register it by that name in a ConditionRegistry",
                e.getMessage());
    }

    @Test
    void ruleSpecOf_ruleWithLambdaCondition_messageNamesTheRule() {
        Condition lambda = (profile, asOf) -> true;
        TransitionRule rule = TransitionRule.builder("second-purchase")
                .from("conversion")
                .to("retention")
                .when(lambda)
                .build();

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RuleSpec.of(rule));

        assertEquals(
                "rule 'second-purchase': condition 'custom condition' ("
                        + lambda.getClass().getName()
                        + ") has no data form; make it with Condition.custom(name, predicate) and register it by that"
                        + " name in a ConditionRegistry",
                e.getMessage());
    }

    @Test
    void templateSpecOf_templateWithLambdaCondition_messageNamesTheRule() {
        Condition lambda = (profile, asOf) -> true;
        LifecycleTemplate template = Templates.fiveStage().toBuilder()
                .replaceRule(
                        "lapse",
                        TransitionRule.builder("lapse")
                                .from("retention")
                                .to("lapsed")
                                .when(lambda)
                                .build())
                .build();

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TemplateSpec.of(template));

        assertEquals(
                "rule 'lapse': condition 'custom condition' ("
                        + lambda.getClass().getName()
                        + ") has no data form; make it with Condition.custom(name, predicate) and register it by that"
                        + " name in a ConditionRegistry",
                e.getMessage());
    }
}
