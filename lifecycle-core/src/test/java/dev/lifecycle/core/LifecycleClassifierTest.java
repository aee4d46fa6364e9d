package dev.lifecycle.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.testing.NullPointerTester;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Classification semantics: path, evidence, priorities, cycles, failing conditions, distributions, threads. */
final class LifecycleClassifierTest {
    private static final Instant AS_OF = Instant.parse("2026-06-01T00:00:00Z");
    private static final Condition ALWAYS = Condition.custom("always", (p, t) -> true);
    private static final Condition NEVER = Condition.custom("never", (p, t) -> false);

    private static Instant daysBefore(long days) {
        return AS_OF.minus(Duration.ofDays(days));
    }

    private static Stage stage(String id) {
        return Stage.builder(id).build();
    }

    private static TransitionRule rule(String id, String from, String to, Condition when, int priority) {
        return TransitionRule.builder(id)
                .from(from)
                .to(to)
                .when(when)
                .priority(priority)
                .build();
    }

    private static CustomerProfile nobody() {
        return CustomerProfile.builder("c1").build();
    }

    private static List<String> ruleIds(Classification c) {
        return c.path().stream().map(FiredRule::ruleId).toList();
    }

    // ---- path and evidence

    @Test
    void classify_twoOrdersAndReferral_pathAndEvidenceExplainEachStep() {
        CustomerProfile profile = CustomerProfile.builder("c1")
                .orderCount(2)
                .firstOrderAt(daysBefore(70))
                .lastOrderAt(daysBefore(10))
                .referralCount(1)
                .build();

        Classification c = LifecycleClassifier.of(Templates.fiveStage()).classify(profile, AS_OF);

        assertEquals("advocacy", c.stage().id());
        assertEquals(List.of("first-purchase", "second-purchase", "referral"), ruleIds(c));
        assertEquals(
                List.of(
                        new FiredRule("first-purchase", "awareness", "conversion", "orderCount 2 >= 1"),
                        new FiredRule("second-purchase", "conversion", "retention", "orderCount 2 >= 2"),
                        new FiredRule("referral", "retention", "advocacy", "referralCount 1 >= 1")),
                c.path());
        assertTrue(c.evidence().get(1).contains("orderCount 2 >= 2"), c.evidence()::toString);
        assertEquals("five-stage", c.templateName());
        assertEquals("c1", c.customerId());
        assertEquals(AS_OF, c.asOf());
        assertSame(Templates.fiveStage().stage("advocacy").orElseThrow(), c.stage());
    }

    @Test
    void classify_lapsedRepeatCustomer_lapseEvidenceNamesLastOrderAndPeriod() {
        CustomerProfile profile = CustomerProfile.builder("c1")
                .orderCount(2)
                .firstOrderAt(daysBefore(260))
                .lastOrderAt(daysBefore(200))
                .build();

        Classification c = LifecycleClassifier.of(Templates.fiveStage()).classify(profile, AS_OF);

        assertEquals(List.of("first-purchase", "second-purchase", "lapse"), ruleIds(c));
        assertEquals(
                "last order " + daysBefore(200) + " is 200 days before asOf " + AS_OF + " (more than 180 days)",
                c.evidence().get(2));
        assertEquals(
                "c1 is in 'lapsed' at " + AS_OF + " (reached 'retention')"
                        + "; awareness -> conversion by 'first-purchase': orderCount 2 >= 1"
                        + "; conversion -> retention by 'second-purchase': orderCount 2 >= 2"
                        + "; retention -> lapsed by 'lapse': " + c.evidence().get(2),
                c.toString());
    }

    @Test
    void classify_entryStageCustomer_emptyPath() {
        Classification c = LifecycleClassifier.of(Templates.fiveStage()).classify(nobody(), AS_OF);

        assertEquals("awareness", c.stage().id());
        assertEquals(List.of(), c.path());
        assertEquals(List.of(), c.evidence());
        assertEquals("c1 is in 'awareness' at " + AS_OF, c.toString());
    }

    @Test
    void classify_blankEvidence_fallsBackToRuleDescription() {
        Condition silent = new Condition() {
            @Override
            public boolean test(CustomerProfile profile, Instant asOf) {
                return true;
            }

            @Override
            public String evidence(CustomerProfile profile, Instant asOf) {
                return " ";
            }
        };
        LifecycleTemplate t = LifecycleTemplate.builder("t")
                .addStage(stage("a"))
                .addStage(stage("b"))
                .addRule(rule("a-b", "a", "b", silent, 0))
                .build();

        Classification c = LifecycleClassifier.of(t).classify(nobody(), AS_OF);

        assertEquals(List.of("a -> b when custom condition"), c.evidence());
    }

    @Test
    void classify_equalInputs_equalClassifications() {
        LifecycleClassifier classifier = LifecycleClassifier.of(Templates.buyerLifecycle());
        CustomerProfile profile = CustomerProfile.builder("c1")
                .orderCount(1)
                .lastOrderAt(daysBefore(40))
                .build();

        assertEquals(classifier.classify(profile, AS_OF), classifier.classify(profile, AS_OF));
        assertEquals(
                classifier.classify(profile, AS_OF).hashCode(),
                classifier.classify(profile, AS_OF).hashCode());
    }

    // ---- priority and ties

    @Test
    void classify_twoRulesHold_higherPriorityFires() {
        LifecycleTemplate t = LifecycleTemplate.builder("t")
                .addStage(stage("a"))
                .addStage(stage("low"))
                .addStage(stage("high"))
                .addRule(rule("to-low", "a", "low", ALWAYS, 1))
                .addRule(rule("to-high", "a", "high", ALWAYS, 2))
                .build();

        Classification c = LifecycleClassifier.of(t).classify(nobody(), AS_OF);

        assertEquals("high", c.stage().id());
        assertEquals(List.of("to-high"), ruleIds(c));
    }

    @Test
    void classify_higherPriorityRuleDoesNotHold_lowerOneFires() {
        LifecycleTemplate t = LifecycleTemplate.builder("t")
                .addStage(stage("a"))
                .addStage(stage("low"))
                .addStage(stage("high"))
                .addRule(rule("to-low", "a", "low", ALWAYS, 1))
                .addRule(rule("to-high", "a", "high", NEVER, 2))
                .addRule(rule("low-high", "low", "high", NEVER, 0))
                .build();

        assertEquals(
                "low",
                LifecycleClassifier.of(t).classify(nobody(), AS_OF).stage().id());
    }

    @Test
    void classify_equalPriority_firstRuleInTemplateOrderFires() {
        LifecycleTemplate xFirst = LifecycleTemplate.builder("t")
                .addStage(stage("a"))
                .addStage(stage("x"))
                .addStage(stage("y"))
                .addRule(rule("to-x", "a", "x", ALWAYS, 5))
                .addRule(rule("to-y", "a", "y", ALWAYS, 5))
                .build();
        LifecycleTemplate yFirst = LifecycleTemplate.builder("t")
                .addStage(stage("a"))
                .addStage(stage("x"))
                .addStage(stage("y"))
                .addRule(rule("to-y", "a", "y", ALWAYS, 5))
                .addRule(rule("to-x", "a", "x", ALWAYS, 5))
                .build();

        assertEquals(
                "x",
                LifecycleClassifier.of(xFirst).classify(nobody(), AS_OF).stage().id());
        assertEquals(
                "y",
                LifecycleClassifier.of(yFirst).classify(nobody(), AS_OF).stage().id());
    }

    @Test
    void classify_forwardRuleOutranksLapse_lapsedCustomerKeepsHighestStage() {
        CustomerProfile profile = CustomerProfile.builder("c1")
                .orderCount(3)
                .firstOrderAt(daysBefore(400))
                .lastOrderAt(daysBefore(200))
                .referralCount(1)
                .build();

        Classification c =
                LifecycleClassifier.of(Templates.trackingCategories()).classify(profile, AS_OF);

        assertEquals(List.of("first-purchase", "second-purchase", "referral", "lapse"), ruleIds(c));
        assertEquals("lapsed", c.stage().id());
        assertEquals("advocate", c.highestMainStage().id());
    }

    @Test
    void classify_trackingCategories_secondPurchaseOutranksReferral() {
        CustomerProfile profile = CustomerProfile.builder("c1")
                .orderCount(2)
                .firstOrderAt(daysBefore(20))
                .lastOrderAt(daysBefore(10))
                .referralCount(1)
                .build();

        Classification c =
                LifecycleClassifier.of(Templates.trackingCategories()).classify(profile, AS_OF);

        assertEquals(List.of("first-purchase", "second-purchase", "referral"), ruleIds(c));
    }

    // ---- cycles and backward moves

    @Test
    void classify_cycle_stopsBeforeReenteringVisitedStage() {
        LifecycleTemplate t = LifecycleTemplate.builder("cycle")
                .addStage(stage("a"))
                .addStage(stage("b"))
                .addRule(rule("a-b", "a", "b", ALWAYS, 0))
                .addRule(rule("b-a", "b", "a", ALWAYS, 0))
                .build();

        Classification c = LifecycleClassifier.of(t).classify(nobody(), AS_OF);

        assertEquals("b", c.stage().id());
        assertEquals(List.of("a-b"), ruleIds(c));
    }

    @Test
    void classify_chosenRuleReentersVisitedStage_walkStopsEvenIfLowerRuleWouldMove() {
        LifecycleTemplate t = LifecycleTemplate.builder("cycle")
                .addStage(stage("a"))
                .addStage(stage("b"))
                .addStage(stage("c"))
                .addRule(rule("a-b", "a", "b", ALWAYS, 0))
                .addRule(rule("b-a", "b", "a", ALWAYS, 9))
                .addRule(rule("b-c", "b", "c", ALWAYS, 1))
                .build();

        Classification c = LifecycleClassifier.of(t).classify(nobody(), AS_OF);

        assertEquals("b", c.stage().id());
        assertEquals(List.of("a-b"), ruleIds(c));
    }

    @Test
    void classify_winBackIntoVisitedStage_walkStopsAtSideStage() {
        LifecycleTemplate t = Templates.fiveStage().toBuilder()
                .addRule(rule("loyalty-win-back", "lapsed", "conversion", Condition.loyaltyMember(), 0))
                .build();
        CustomerProfile lapsedMember = CustomerProfile.builder("c1")
                .orderCount(1)
                .lastOrderAt(daysBefore(200))
                .loyaltyEnrolledAt(daysBefore(300))
                .build();

        Classification c = LifecycleClassifier.of(t).classify(lapsedMember, AS_OF);

        assertEquals(List.of("first-purchase", "lapse"), ruleIds(c));
        assertEquals("lapsed", c.stage().id());
    }

    @Test
    void classify_winBackToLaterStage_movesForwardFromSideStage() {
        LifecycleTemplate t = Templates.fiveStage().toBuilder()
                .addRule(rule("loyalty-win-back", "lapsed", "retention", Condition.loyaltyMember(), 0))
                .build();
        CustomerProfile lapsedMember = CustomerProfile.builder("c1")
                .orderCount(1)
                .lastOrderAt(daysBefore(200))
                .loyaltyEnrolledAt(daysBefore(300))
                .build();

        Classification c = LifecycleClassifier.of(t).classify(lapsedMember, AS_OF);

        assertEquals(List.of("first-purchase", "lapse", "loyalty-win-back"), ruleIds(c));
        assertEquals("retention", c.stage().id());
        assertEquals("retention", c.highestMainStage().id());
    }

    @Test
    void classify_moreThan64Stages_walksTheWholeChainAndStopsOnCycle() {
        LifecycleTemplate.Builder builder = LifecycleTemplate.builder("long");
        int n = 70;
        for (int i = 0; i < n; i++) {
            builder.addStage(stage("s" + i));
            if (i > 0) {
                builder.addRule(rule("r" + i, "s" + (i - 1), "s" + i, ALWAYS, 0));
            }
        }
        builder.addRule(rule("back", "s" + (n - 1), "s0", ALWAYS, 0));

        Classification c = LifecycleClassifier.of(builder.build()).classify(nobody(), AS_OF);

        assertEquals("s69", c.stage().id());
        assertEquals("s69", c.highestMainStage().id());
        assertEquals(n - 1, c.path().size());
        // the first steps of a path are kept packed, the later ones in an array: all of them in order
        List<String> expected = new ArrayList<>();
        for (int i = 1; i < n; i++) {
            expected.add("r" + i);
        }
        assertEquals(expected, ruleIds(c));
        assertEquals("s4", c.path().get(4).fromStageId());
        assertEquals("s5", c.path().get(4).toStageId());
    }

    // ---- failing conditions

    @Test
    void classify_conditionThrows_classificationExceptionNamesRuleTemplateAndCustomer() {
        IllegalStateException boom = new IllegalStateException("boom");
        LifecycleTemplate t = Templates.fiveStage().toBuilder()
                .addRule(rule(
                        "vip",
                        "awareness",
                        "advocacy",
                        Condition.custom("vip lookup", (p, at) -> {
                            throw boom;
                        }),
                        99))
                .build();

        ClassificationException e = assertThrows(
                ClassificationException.class, () -> LifecycleClassifier.of(t).classify(nobody(), AS_OF));

        assertEquals(
                "condition of rule 'vip' in template 'five-stage' failed for customer 'c1':"
                        + " java.lang.IllegalStateException: boom",
                e.getMessage());
        assertSame(boom, e.getCause());
        assertEquals("vip", e.ruleId());
        assertEquals("five-stage", e.templateName());
        assertEquals("c1", e.customerId());
    }

    @Test
    void classify_evidenceThrows_classificationException() {
        Condition badEvidence = new Condition() {
            @Override
            public boolean test(CustomerProfile profile, Instant asOf) {
                return true;
            }

            @Override
            public String evidence(CustomerProfile profile, Instant asOf) {
                throw new UnsupportedOperationException("no evidence");
            }
        };
        LifecycleTemplate t = LifecycleTemplate.builder("t")
                .addStage(stage("a"))
                .addStage(stage("b"))
                .addRule(rule("a-b", "a", "b", badEvidence, 0))
                .build();

        ClassificationException e = assertThrows(
                ClassificationException.class, () -> LifecycleClassifier.of(t).classify(nobody(), AS_OF));

        assertTrue(
                String.valueOf(e.getMessage())
                        .startsWith("condition of rule 'a-b' in template 't' failed for customer 'c1'"),
                e.getMessage());
        assertTrue(e.getCause() instanceof UnsupportedOperationException);
    }

    @Test
    void classifyAll_conditionThrows_messageNamesTheFailingCustomer() {
        LifecycleTemplate t = LifecycleTemplate.builder("t")
                .addStage(stage("a"))
                .addStage(stage("b"))
                .addRule(rule(
                        "a-b",
                        "a",
                        "b",
                        Condition.custom("picky", (p, at) -> {
                            if (p.customerId().equals("bad")) {
                                throw new IllegalArgumentException("cannot judge");
                            }
                            return true;
                        }),
                        0))
                .build();
        List<CustomerProfile> profiles =
                List.of(nobody(), CustomerProfile.builder("bad").build());

        ClassificationException e = assertThrows(
                ClassificationException.class, () -> LifecycleClassifier.of(t).classifyAll(profiles, AS_OF));

        assertEquals("bad", e.customerId());
        assertTrue(String.valueOf(e.getMessage()).contains("customer 'bad'"), e.getMessage());
    }

    @Test
    void classifyAllWithEach_consumerThrows_propagatesAfterTheEarlierCustomers() {
        LifecycleClassifier classifier = LifecycleClassifier.of(Templates.fiveStage());
        List<CustomerProfile> profiles = List.of(
                CustomerProfile.builder("c1").build(),
                CustomerProfile.builder("c2").build(),
                CustomerProfile.builder("c3").build());
        List<String> handed = new ArrayList<>();

        IllegalStateException e = assertThrows(
                IllegalStateException.class,
                () -> classifier.classifyAll(profiles, AS_OF, (profile, c) -> {
                    if (c.customerId().equals("c2")) {
                        throw new IllegalStateException("disk full");
                    }
                    handed.add(c.customerId());
                }));

        assertEquals("disk full", e.getMessage());
        assertEquals(List.of("c1"), handed);
    }

    @Test
    @SuppressWarnings("NullAway") // the test passes null on purpose
    void toDistribution_conditionThrowsOrProfileNull_failsNamingTheCause() {
        LifecycleTemplate t = LifecycleTemplate.builder("t")
                .addStage(stage("a"))
                .addStage(stage("b"))
                .addRule(rule(
                        "a-b",
                        "a",
                        "b",
                        Condition.custom("picky", (p, at) -> {
                            if (p.customerId().equals("bad")) {
                                throw new IllegalArgumentException("cannot judge");
                            }
                            return true;
                        }),
                        0))
                .build();
        LifecycleClassifier classifier = LifecycleClassifier.of(t);
        List<CustomerProfile> profiles =
                List.of(nobody(), CustomerProfile.builder("bad").build());

        ClassificationException e = assertThrows(
                ClassificationException.class,
                () -> profiles.parallelStream().collect(classifier.toDistribution(AS_OF)));
        List<CustomerProfile> withNull = new ArrayList<>(List.of(nobody()));
        withNull.add(null);
        NullPointerException missing = assertThrows(
                NullPointerException.class, () -> withNull.stream().collect(classifier.toDistribution(AS_OF)));

        assertEquals("bad", e.customerId());
        assertEquals("profile", missing.getMessage());
        assertThrows(NullPointerException.class, () -> classifier.toDistribution(null));
    }

    @Test
    void spentAtLeast_profileInOtherCurrency_failsClassification() {
        LifecycleTemplate t = LifecycleTemplate.builder("t")
                .addStage(stage("a"))
                .addStage(stage("b"))
                .addRule(rule("big-spender", "a", "b", Condition.spentAtLeast(Money.of("100", "USD")), 0))
                .build();
        CustomerProfile euro = CustomerProfile.builder("c1")
                .orderCount(1)
                .lastOrderAt(daysBefore(5))
                .totalSpend(Money.of("500", "EUR"))
                .build();

        ClassificationException e = assertThrows(
                ClassificationException.class, () -> LifecycleClassifier.of(t).classify(euro, AS_OF));

        assertEquals("big-spender", e.ruleId());
        assertTrue(String.valueOf(e.getMessage()).contains("currencies differ (USD versus EUR)"), e.getMessage());
    }

    @Test
    @SuppressWarnings("NullAway") // the test passes null on purpose
    void classify_nullArguments_rejected() {
        LifecycleClassifier classifier = LifecycleClassifier.of(Templates.fiveStage());

        assertEquals(
                "profile",
                assertThrows(NullPointerException.class, () -> classifier.classify(null, AS_OF))
                        .getMessage());
        assertEquals(
                "asOf",
                assertThrows(NullPointerException.class, () -> classifier.classify(nobody(), null))
                        .getMessage());
        assertEquals(
                "template",
                assertThrows(NullPointerException.class, () -> LifecycleClassifier.of(null))
                        .getMessage());
    }

    // ---- distributions

    @Test
    void classifyAll_mixedCustomers_everyStageListedInOrderWithZeros() {
        LifecycleClassifier classifier = LifecycleClassifier.of(Templates.fiveStage());
        List<CustomerProfile> profiles = List.of(
                nobody(),
                CustomerProfile.builder("c2").productViews(2).build(),
                CustomerProfile.builder("c3")
                        .orderCount(1)
                        .lastOrderAt(daysBefore(10))
                        .build(),
                CustomerProfile.builder("c4")
                        .orderCount(1)
                        .lastOrderAt(daysBefore(20))
                        .build(),
                CustomerProfile.builder("c5")
                        .orderCount(2)
                        .firstOrderAt(daysBefore(300))
                        .lastOrderAt(daysBefore(200))
                        .referralCount(1)
                        .build());

        StageDistribution d = classifier.classifyAll(profiles, AS_OF);

        Map<String, Long> expected = new LinkedHashMap<>();
        expected.put("awareness", 1L);
        expected.put("consideration", 1L);
        expected.put("conversion", 2L);
        expected.put("retention", 0L);
        expected.put("advocacy", 0L);
        expected.put("lapsed", 1L);
        assertEquals(List.copyOf(expected.entrySet()), List.copyOf(d.counts().entrySet()));
        assertEquals(5, d.total());
        assertEquals(0, d.count("retention"));
        Map<String, Long> reached = new LinkedHashMap<>();
        reached.put("awareness", 5L);
        reached.put("consideration", 4L);
        reached.put("conversion", 3L);
        reached.put("retention", 1L);
        reached.put("advocacy", 1L);
        assertEquals(
                List.copyOf(reached.entrySet()), List.copyOf(d.reachedCounts().entrySet()));
        assertEquals(1, d.reached("advocacy"));
        assertEquals("five-stage", d.templateName());
        assertEquals(AS_OF, d.asOf());
    }

    @Test
    void classifyAll_agreesWithClassifyOneByOne() {
        LifecycleClassifier classifier = LifecycleClassifier.of(Templates.buyerLifecycle());
        List<CustomerProfile> profiles = generatedProfiles(2_000, 7);
        Map<String, Long> counts = new LinkedHashMap<>();
        Map<String, Long> highest = new LinkedHashMap<>();
        for (CustomerProfile p : profiles) {
            Classification c = classifier.classify(p, AS_OF);
            counts.merge(c.stage().id(), 1L, Long::sum);
            highest.merge(c.highestMainStage().id(), 1L, Long::sum);
        }

        StageDistribution d = classifier.classifyAll(profiles, AS_OF);

        long atOrBeyond = profiles.size();
        for (Stage s : classifier.template().stages()) {
            assertEquals(counts.getOrDefault(s.id(), 0L), d.count(s.id()), s.id());
            if (!s.isSideStage()) {
                assertEquals(atOrBeyond, d.reached(s.id()), s.id());
                atOrBeyond -= highest.getOrDefault(s.id(), 0L);
            }
        }
        long previous = Long.MAX_VALUE;
        for (long reached : d.reachedCounts().values()) {
            assertTrue(reached <= previous, d::toString);
            previous = reached;
        }
        assertEquals(d.total(), d.reachedCounts().values().iterator().next());
    }

    @Test
    void classifyAll_noProfiles_allZeros() {
        StageDistribution d =
                LifecycleClassifier.of(Templates.trackingCategories()).classifyAll(List.of(), AS_OF);

        assertEquals(0, d.total());
        assertEquals(
                List.of("lead", "customer", "retained", "advocate", "lapsed"),
                List.copyOf(d.counts().keySet()));
        assertTrue(d.counts().values().stream().allMatch(v -> v == 0L));
        assertTrue(d.reachedCounts().values().stream().allMatch(v -> v == 0L));
    }

    @Test
    void distributionCount_unknownStage_rejected() {
        StageDistribution d = LifecycleClassifier.of(Templates.fiveStage()).classifyAll(List.of(nobody()), AS_OF);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> d.count("nope"));

        assertEquals(
                "template 'five-stage' has no stage 'nope'; stages: [awareness, consideration, conversion, retention,"
                        + " advocacy, lapsed]",
                e.getMessage());
    }

    @Test
    void distributionReached_sideStage_rejected() {
        StageDistribution d = LifecycleClassifier.of(Templates.fiveStage()).classifyAll(List.of(nobody()), AS_OF);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> d.reached("lapsed"));

        assertTrue(
                String.valueOf(e.getMessage()).startsWith("template 'five-stage' has no main-path stage 'lapsed'"),
                e.getMessage());
    }

    // ---- threads

    private static List<CustomerProfile> generatedProfiles(int n, long seed) {
        Random random = new Random(seed);
        List<CustomerProfile> profiles = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            CustomerProfile.Builder b = CustomerProfile.builder("c" + i)
                    .productViews(random.nextInt(3))
                    .siteVisits(random.nextInt(4))
                    .referralCount(random.nextInt(10) == 0 ? 1 : 0);
            int orders = random.nextInt(4);
            if (orders > 0) {
                Instant last = daysBefore(random.nextInt(400)).minusSeconds(random.nextInt(86_400));
                b.orderCount(orders).lastOrderAt(last);
                b.firstOrderAt(orders == 1 ? last : last.minus(Duration.ofDays(random.nextInt(200))));
            }
            profiles.add(b.build());
        }
        return profiles;
    }

    @Test
    void classify_sharedClassifierAcrossThreads_sameResultsAsSingleThread() throws Exception {
        LifecycleClassifier classifier = LifecycleClassifier.of(Templates.buyerLifecycle());
        List<CustomerProfile> profiles = generatedProfiles(10_000, 42);
        List<Classification> expected =
                profiles.stream().map(p -> classifier.classify(p, AS_OF)).toList();
        int threads = 6;
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        AtomicInteger running = new AtomicInteger();
        try {
            List<Future<List<Classification>>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(executor.submit(() -> {
                    running.incrementAndGet();
                    start.await();
                    List<Classification> results = new ArrayList<>(profiles.size());
                    for (CustomerProfile p : profiles) {
                        results.add(classifier.classify(p, AS_OF));
                    }
                    return results;
                }));
            }
            start.countDown();
            for (Future<List<Classification>> future : futures) {
                assertEquals(expected, future.get(60, TimeUnit.SECONDS));
            }
        } finally {
            executor.shutdownNow();
        }
        assertEquals(threads, running.get());
        assertTrue(expected.stream().map(c -> c.stage().id()).distinct().count() >= 5, "profiles cover the stages");
    }

    @Test
    void publicApi_nullArgument_nullPointerException() {
        NullPointerTester tester = new NullPointerTester()
                .setDefault(Instant.class, AS_OF)
                .setDefault(CustomerProfile.class, nobody())
                .setDefault(ProfileTable.class, ProfileTable.of(List.of(nobody())))
                .setDefault(EventBatch.class, EventBatch.builder().build())
                .setDefault(LifecycleTemplate.class, Templates.fiveStage());
        LifecycleClassifier classifier = LifecycleClassifier.of(Templates.fiveStage());

        tester.testAllPublicStaticMethods(LifecycleClassifier.class);
        tester.testAllPublicInstanceMethods(classifier);
        tester.testAllPublicInstanceMethods(classifier.classifyAll(List.of(nobody()), AS_OF));
        tester.testAllPublicInstanceMethods(classifier.classify(nobody(), AS_OF));
        tester.testAllPublicConstructors(FiredRule.class);
    }
}
