package dev.lifecycle.core;

import static dev.lifecycle.core.Generators.CUSTOMER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

final class ClassifierProperties {

    @Test
    void classify_builtInTemplates_wellFormedAndDeterministic() {
        qt().forAll(Generators.builtInTemplates(), Generators.profiles(CUSTOMER), Generators.asOfs())
                .checkAssert(ClassifierProperties::checkWellFormed);
    }

    @Test
    void classify_generatedTemplates_wellFormedAndDeterministic() {
        qt().forAll(Generators.templates(), Generators.profiles(CUSTOMER), Generators.asOfs())
                .checkAssert(ClassifierProperties::checkWellFormed);
    }

    @Test
    void classify_builtInTemplates_matchesReferenceWalk() {
        qt().forAll(Generators.builtInTemplates(), Generators.profiles(CUSTOMER), Generators.asOfs())
                .checkAssert(ClassifierProperties::checkAgainstReference);
    }

    @Test
    void classify_generatedTemplates_matchesReferenceWalk() {
        qt().forAll(Generators.templates(), Generators.profiles(CUSTOMER), Generators.asOfs())
                .checkAssert(ClassifierProperties::checkAgainstReference);
    }

    @Test
    void classify_builtInTemplate_mainPathStageIsHighestMainStage() {
        // Built-in templates move backwards only into the lapsed side stage, so a customer on the main path is at the
        // furthest main-path stage they passed through.
        qt().forAll(Generators.builtInTemplates(), Generators.profiles(CUSTOMER), Generators.asOfs())
                .checkAssert((template, profile, asOf) -> {
                    Classification c = LifecycleClassifier.of(template).classify(profile, asOf);
                    if (!c.stage().isSideStage()) {
                        assertEquals(c.stage(), c.highestMainStage());
                    }
                });
    }

    @Test
    void classifyAll_anyTemplate_countsMatchSingleClassifications() {
        Gen<LifecycleTemplate> templates = Generators.builtInTemplates().mix(Generators.templates());
        qt().withExamples(300)
                .forAll(templates, Generators.profileLists(), Generators.asOfs())
                .checkAssert((template, profiles, asOf) -> {
                    LifecycleClassifier classifier = LifecycleClassifier.of(template);
                    StageDistribution distribution = classifier.classifyAll(profiles, asOf);
                    List<Stage> mainPath = template.mainPath();
                    Map<String, Long> expectedCounts = new LinkedHashMap<>();
                    template.stages().forEach(stage -> expectedCounts.put(stage.id(), 0L));
                    Map<String, Long> expectedReached = new LinkedHashMap<>();
                    mainPath.forEach(stage -> expectedReached.put(stage.id(), 0L));
                    for (CustomerProfile profile : profiles) {
                        Classification c = classifier.classify(profile, asOf);
                        expectedCounts.merge(c.stage().id(), 1L, Long::sum);
                        int highest = mainPath.indexOf(c.highestMainStage());
                        for (int i = 0; i <= highest; i++) {
                            expectedReached.merge(mainPath.get(i).id(), 1L, Long::sum);
                        }
                    }

                    assertEquals(template.name(), distribution.templateName());
                    assertEquals(asOf, distribution.asOf());
                    assertEquals(profiles.size(), distribution.total());
                    assertEquals(
                            profiles.size(),
                            distribution.counts().values().stream()
                                    .mapToLong(Long::longValue)
                                    .sum());
                    assertEquals(expectedCounts, distribution.counts());
                    assertEquals(
                            List.copyOf(expectedCounts.keySet()),
                            List.copyOf(distribution.counts().keySet()));
                    assertEquals(expectedReached, distribution.reachedCounts());
                    assertEquals(
                            List.copyOf(expectedReached.keySet()),
                            List.copyOf(distribution.reachedCounts().keySet()));
                    long previous = profiles.size();
                    for (Stage stage : mainPath) {
                        long reached = distribution.reached(stage.id());
                        assertTrue(reached <= previous, () -> "reached counts increase at " + stage.id());
                        previous = reached;
                        assertEquals(expectedCounts.get(stage.id()), distribution.count(stage.id()));
                    }
                    assertEquals(
                            profiles.size(),
                            distribution.reached(mainPath.get(0).id()));
                    assertEquals(distribution, classifier.classifyAll(profiles, asOf));
                });
    }

    @Test
    void classifyAllWithEach_anyTemplate_handsOverEveryClassificationInOrderAndCountsThem() {
        Gen<LifecycleTemplate> templates = Generators.builtInTemplates().mix(Generators.templates());
        qt().withExamples(200)
                .forAll(templates, Generators.profileLists(), Generators.asOfs())
                .checkAssert((template, profiles, asOf) -> {
                    LifecycleClassifier classifier = LifecycleClassifier.of(template);
                    List<CustomerProfile> seen = new ArrayList<>();
                    List<Classification> handed = new ArrayList<>();

                    StageDistribution distribution = classifier.classifyAll(profiles, asOf, (profile, c) -> {
                        seen.add(profile);
                        handed.add(c);
                    });

                    assertEquals(profiles, seen);
                    List<Classification> expected = new ArrayList<>();
                    for (CustomerProfile profile : profiles) {
                        expected.add(classifier.classify(profile, asOf));
                    }
                    assertEquals(expected, handed);
                    assertEquals(classifier.classifyAll(profiles, asOf), distribution);
                });
    }

    @Test
    void toDistribution_sequentialOrParallel_equalsClassifyAll() {
        Gen<LifecycleTemplate> templates = Generators.builtInTemplates().mix(Generators.templates());
        qt().withExamples(200)
                .forAll(templates, Generators.profileLists(), Generators.asOfs())
                .checkAssert((template, profiles, asOf) -> {
                    LifecycleClassifier classifier = LifecycleClassifier.of(template);
                    StageDistribution expected = classifier.classifyAll(profiles, asOf);
                    // Many copies, so that the parallel stream really splits and combines partial counts.
                    List<CustomerProfile> many = new ArrayList<>();
                    for (int i = 0; i < 50; i++) {
                        many.addAll(profiles);
                    }
                    assertEquals(expected, profiles.stream().collect(classifier.toDistribution(asOf)));
                    StageDistribution parallel = many.parallelStream().collect(classifier.toDistribution(asOf));
                    for (Stage stage : template.stages()) {
                        assertEquals(50 * expected.count(stage.id()), parallel.count(stage.id()), stage.id());
                    }
                    for (Stage stage : template.mainPath()) {
                        assertEquals(50 * expected.reached(stage.id()), parallel.reached(stage.id()), stage.id());
                    }
                });
    }

    /**
     * Covers the three built-in templates with their default lapse period, and profiles folded from 0 to 30 generated
     * events (spread over two years) at any generated asOf. The purchase is a new PURCHASE event at
     * asOf, with or without an amount. Customers who are lapsed before the purchase are left out; a purchase at asOf
     * always ends a lapse.
     */
    @Test
    void classify_builtInTemplate_purchaseEventNeverMovesNonLapsedCustomerBack() {
        qt().forAll(Generators.builtInTemplates(), Generators.events(CUSTOMER), Generators.asOfs())
                .checkAssert((template, events, asOf) -> {
                    List<CustomerEvent> more = new ArrayList<>(events);
                    more.add(CustomerEvent.builder(CUSTOMER, EventType.PURCHASE, asOf)
                            .eventId("new-purchase")
                            .build());
                    checkPurchaseMonotone(
                            template,
                            CustomerProfile.fromEvents(CUSTOMER, events),
                            CustomerProfile.fromEvents(CUSTOMER, more),
                            asOf);
                });
    }

    /**
     * Covers the three built-in templates with their default lapse period, and profiles set through the builder
     * (order counts 0 to 4, first order known or not, spend, refunds, referrals, engagement, NPS, loyalty, custom
     * counts and attributes) at any generated asOf. The purchase is orderCount + 1 with lastOrderAt the later of the
     * old last order and asOf (first order, first seen and last activity widened to include asOf). Customers who are
     * lapsed before the purchase are left out.
     */
    @Test
    void classify_builtInTemplate_purchaseFactNeverMovesNonLapsedCustomerBack() {
        qt().forAll(Generators.builtInTemplates(), Generators.builtProfiles(CUSTOMER), Generators.asOfs())
                .checkAssert((template, profile, asOf) ->
                        checkPurchaseMonotone(template, profile, withPurchaseAt(profile, asOf), asOf));
    }

    private static CustomerProfile withPurchaseAt(CustomerProfile profile, Instant asOf) {
        CustomerProfile.Builder builder = profile.toBuilder()
                .orderCount(profile.orderCount() + 1)
                .lastOrderAt(later(profile.lastOrderAt().orElse(asOf), asOf))
                .lastActivity(later(profile.lastActivity().orElse(asOf), asOf))
                .firstSeen(earlier(profile.firstSeen().orElse(asOf), asOf));
        profile.firstOrderAt().ifPresent(first -> builder.firstOrderAt(earlier(first, asOf)));
        return builder.build();
    }

    private static void checkPurchaseMonotone(
            LifecycleTemplate template, CustomerProfile before, CustomerProfile after, Instant asOf) {
        LifecycleClassifier classifier = LifecycleClassifier.of(template);
        List<Stage> mainPath = template.mainPath();
        Classification old = classifier.classify(before, asOf);
        Classification now = classifier.classify(after, asOf);
        assertFalse(now.stage().isSideStage(), () -> "a purchase at asOf leaves the customer in " + now);
        assertTrue(
                mainPath.indexOf(now.highestMainStage()) >= mainPath.indexOf(old.highestMainStage()),
                () -> "highest stage went back from " + old + " to " + now);
        if (!old.stage().isSideStage()) {
            assertTrue(
                    mainPath.indexOf(now.stage()) >= mainPath.indexOf(old.stage()),
                    () -> "purchase moved the customer back from " + old + " to " + now);
        }
    }

    /** Checks everything the classification semantics promise for any template, profile and instant. */
    private static void checkWellFormed(LifecycleTemplate template, CustomerProfile profile, Instant asOf) {
        LifecycleClassifier classifier = LifecycleClassifier.of(template);
        Classification c = classifier.classify(profile, asOf);

        assertEquals(c, classifier.classify(profile, asOf));
        assertEquals(c.hashCode(), classifier.classify(profile, asOf).hashCode());
        assertEquals(c, LifecycleClassifier.of(template).classify(profile, asOf));
        assertEquals(template.name(), c.templateName());
        assertEquals(profile.customerId(), c.customerId());
        assertEquals(asOf, c.asOf());

        assertTrue(template.stages().contains(c.stage()), () -> c.stage() + " is not a stage of " + template);
        List<Stage> mainPath = template.mainPath();
        assertTrue(mainPath.contains(c.highestMainStage()), () -> c.highestMainStage() + " is not on the main path");

        String current = template.entryStage().id();
        Set<String> visited = new HashSet<>();
        visited.add(current);
        Stage highest = template.entryStage();
        for (FiredRule step : c.path()) {
            assertEquals(current, step.fromStageId(), () -> "path is not connected: " + c);
            TransitionRule rule =
                    template.rule(step.ruleId()).orElseThrow(() -> new AssertionError("undeclared rule in " + c));
            assertTrue(rule.from().contains(step.fromStageId()), () -> "rule does not leave the stage: " + c);
            assertEquals(rule.to(), step.toStageId());
            assertTrue(visited.add(step.toStageId()), () -> "stage repeats: " + c);
            current = step.toStageId();
            Stage entered = template.stage(current).orElseThrow();
            if (!entered.isSideStage() && mainPath.indexOf(entered) > mainPath.indexOf(highest)) {
                highest = entered;
            }
        }
        assertEquals(current, c.stage().id());
        assertEquals(highest, c.highestMainStage());
        assertEquals(c.path().stream().map(FiredRule::evidence).toList(), c.evidence());
    }

    /**
     * Compares the classifier with a plain reading of the documented semantics: from the entry stage, take the holding
     * rule with the highest priority that leaves the current stage (the first in template order among equals); stop
     * when none holds or its target was visited.
     */
    private static void checkAgainstReference(LifecycleTemplate template, CustomerProfile profile, Instant asOf) {
        List<String> expectedRules = new ArrayList<>();
        List<String> expectedEvidence = new ArrayList<>();
        String current = template.entryStage().id();
        Set<String> visited = new HashSet<>(Set.of(current));
        while (true) {
            TransitionRule best = null;
            for (TransitionRule rule : template.rules()) {
                if (rule.from().contains(current)
                        && rule.condition().test(profile, asOf)
                        && (best == null || rule.priority() > best.priority())) {
                    best = rule;
                }
            }
            if (best == null || !visited.add(best.to())) {
                break;
            }
            expectedRules.add(best.id());
            String evidence = best.condition().evidence(profile, asOf);
            expectedEvidence.add(evidence.isBlank() ? best.description() : evidence);
            current = best.to();
        }
        Classification c = LifecycleClassifier.of(template).classify(profile, asOf);
        assertEquals(expectedRules, c.path().stream().map(FiredRule::ruleId).toList(), c::toString);
        assertEquals(expectedEvidence, c.evidence());
        assertEquals(current, c.stage().id());
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
