package dev.lifecycle.core;

import static dev.lifecycle.core.Generators.CUSTOMER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * The path of a classification is built when first read (the walk records only which rules fired): the evidence of
 * the built-in conditions read later equals the evidence built at once, and the evidence of the application's own
 * conditions is still built, and fails, inside {@code classify}.
 */
final class LazyEvidenceTest {
    private static final Instant AS_OF = Instant.parse("2026-06-01T00:00:00Z");

    /** Delegates to a condition as an application's own implementation: its evidence is built during the walk. */
    private record Eager(Condition inner) implements Condition {
        @Override
        public boolean test(CustomerProfile profile, Instant asOf) {
            return inner.test(profile, asOf);
        }

        @Override
        public String description() {
            return inner.description();
        }

        @Override
        public String evidence(CustomerProfile profile, Instant asOf) {
            return inner.evidence(profile, asOf);
        }
    }

    /** The same template with every rule's condition wrapped in {@link Eager}. */
    private static LifecycleTemplate eager(LifecycleTemplate template) {
        LifecycleTemplate.Builder builder = template.toBuilder();
        for (TransitionRule rule : template.rules()) {
            builder.replaceRule(rule.id(), rule.withCondition(new Eager(rule.condition())));
        }
        return builder.build();
    }

    private static LifecycleTemplate twoStages(Condition condition) {
        return LifecycleTemplate.builder("t")
                .addStage(Stage.builder("a").build())
                .addStage(Stage.builder("b").build())
                .addRule(TransitionRule.builder("a-b")
                        .from("a")
                        .to("b")
                        .when(condition)
                        .build())
                .build();
    }

    private static CustomerProfile repeatBuyer(String id) {
        return CustomerProfile.builder(id)
                .orderCount(2)
                .firstOrderAt(AS_OF.minus(Duration.ofDays(300)))
                .lastOrderAt(AS_OF.minus(Duration.ofDays(200)))
                .referralCount(1)
                .productViews(3)
                .totalSpend(Money.of("120.50", "USD"))
                .build();
    }

    @Test
    void classify_generatedTemplates_lazyPathEqualsEagerPath() {
        Gen<LifecycleTemplate> templates = Generators.builtInTemplates().mix(Generators.templates());
        qt().forAll(templates, Generators.profiles(CUSTOMER), Generators.asOfs())
                .checkAssert((template, profile, asOf) -> {
                    Classification lazy = LifecycleClassifier.of(template).classify(profile, asOf);
                    Classification built =
                            LifecycleClassifier.of(eager(template)).classify(profile, asOf);

                    assertEquals(built.path(), lazy.path());
                    assertEquals(built.evidence(), lazy.evidence());
                    assertEquals(built.toString(), lazy.toString());
                    assertEquals(built, lazy);
                    assertEquals(built.hashCode(), lazy.hashCode());
                });
    }

    @Test
    void classify_generatedTemplates_evidenceIsTheConditionsOwnAtAsOf() {
        Gen<LifecycleTemplate> templates = Generators.builtInTemplates().mix(Generators.templates());
        qt().forAll(templates, Generators.profiles(CUSTOMER), Generators.asOfs())
                .checkAssert((template, profile, asOf) -> {
                    Classification c = LifecycleClassifier.of(template).classify(profile, asOf);
                    for (FiredRule step : c.path()) {
                        TransitionRule rule = template.rule(step.ruleId()).orElseThrow();
                        String own = rule.condition().evidence(profile, asOf);
                        assertEquals(own.isBlank() ? rule.description() : own, step.evidence());
                    }
                });
    }

    @Test
    void classify_customEvidenceThrows_classifyThrowsThoughOnlyTheStageIsRead() {
        UnsupportedOperationException failure = new UnsupportedOperationException("no evidence");
        Condition badEvidence = new Condition() {
            @Override
            public boolean test(CustomerProfile profile, Instant asOf) {
                return true;
            }

            @Override
            public String evidence(CustomerProfile profile, Instant asOf) {
                throw failure;
            }
        };
        LifecycleTemplate t = Templates.fiveStage().toBuilder()
                .addRule(TransitionRule.builder("vip")
                        .from("awareness")
                        .to("advocacy")
                        .when(Condition.allOf(Condition.ordersAtLeast(2), badEvidence))
                        .priority(99)
                        .build())
                .build();
        LifecycleClassifier classifier = LifecycleClassifier.of(t);
        CustomerProfile buyer = repeatBuyer("c1");
        List<String> stages = new ArrayList<>();

        ClassificationException single = assertThrows(
                ClassificationException.class,
                () -> stages.add(classifier.classify(buyer, AS_OF).stage().id()));
        ClassificationException each = assertThrows(
                ClassificationException.class,
                () -> classifier.classifyAll(
                        List.of(buyer), AS_OF, (p, c) -> stages.add(c.stage().id())));

        for (ClassificationException e : List.of(single, each)) {
            assertEquals("vip", e.ruleId());
            assertEquals("c1", e.customerId());
            assertSame(failure, e.getCause());
        }
        assertEquals(List.of(), stages, "no stage may be handed out of a failed classification");
        // the condition's test alone does not fail: counting needs no evidence
        StageDistribution counted = classifier.classifyAll(List.of(buyer), AS_OF);
        assertEquals(1, counted.reached("advocacy"));
        assertEquals(1, counted.count("lapsed"));
    }

    @Test
    void classify_anyOfWithSpendInAnotherCurrency_failsInClassifyAsBefore() {
        // the any-of holds by its first part; its evidence tests the second, which cannot compare EUR with USD
        Condition either = Condition.anyOf(Condition.ordersAtLeast(1), Condition.spentAtLeast(Money.of("10", "EUR")));
        LifecycleClassifier classifier = LifecycleClassifier.of(twoStages(either));

        ClassificationException e =
                assertThrows(ClassificationException.class, () -> classifier.classify(repeatBuyer("c1"), AS_OF));

        assertEquals("a-b", e.ruleId());
        assertTrue(String.valueOf(e.getMessage()).contains("currencies differ"), e.getMessage());
    }

    @Test
    void hasLazyEvidence_builtInConditionsOnly() {
        Condition custom = Condition.custom("vip", (p, at) -> true);
        Condition lambda = (p, at) -> true;
        Condition spend = Condition.spentAtLeast(Money.of("10", "USD"));
        for (Condition lazy : List.of(
                Condition.ordersAtLeast(2),
                Condition.referralsAtLeast(1),
                Condition.engaged(1),
                Condition.eventCountAtLeast(EventType.SITE_VISIT, 3),
                Condition.customEventCountAtLeast("quiz", 1),
                Condition.noPurchaseFor(Duration.ofDays(180)),
                Condition.inactiveFor(Duration.ofDays(30)),
                Condition.eventWithin(EventType.PURCHASE, Duration.ofDays(30)),
                Condition.firstPurchaseAtLeastAgo(Duration.ofDays(365)),
                spend,
                Condition.spentAtLeast(Money.of("10", "USD"), Duration.ofDays(90)),
                Condition.npsAtLeast(9),
                Condition.npsAtMost(6),
                Condition.loyaltyMember(),
                Condition.attribute("tier", Condition.Comparison.AT_LEAST, 2),
                Condition.ordersWithin(2, Duration.ofDays(90)),
                Condition.allOf(Condition.ordersAtLeast(1), spend),
                Condition.anyOf(Condition.ordersAtLeast(1), Condition.not(Condition.engaged(2))),
                Condition.not(spend))) {
            assertTrue(Conditions.hasLazyEvidence(lazy), lazy::toString);
        }
        for (Condition eager : List.of(
                custom,
                lambda,
                new Eager(Condition.ordersAtLeast(1)),
                Condition.allOf(Condition.ordersAtLeast(1), custom),
                Condition.not(lambda),
                Condition.anyOf(Condition.ordersAtLeast(1), spend),
                Condition.anyOf(Condition.engaged(1), Condition.not(spend)))) {
            assertFalse(Conditions.hasLazyEvidence(eager), eager::toString);
        }
    }

    @Test
    void path_readTwiceOrOnManyThreads_builtOnceAndEqual() throws Exception {
        LifecycleClassifier classifier = LifecycleClassifier.of(Templates.fiveStage());
        Classification first = classifier.classify(repeatBuyer("c1"), AS_OF);
        List<FiredRule> path = first.path();
        assertSame(path, first.path());
        assertEquals(
                List.of("first-purchase", "second-purchase", "referral", "lapse"),
                path.stream().map(FiredRule::ruleId).toList());

        Classification shared = classifier.classify(repeatBuyer("c2"), AS_OF);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<String>> readers = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                readers.add(shared::toString);
            }
            for (Future<String> read : pool.invokeAll(readers)) {
                assertEquals(first.toString().replace("c1", "c2"), read.get());
            }
        } finally {
            pool.shutdown();
        }
    }
}
