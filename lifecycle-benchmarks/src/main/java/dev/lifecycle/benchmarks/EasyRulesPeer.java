package dev.lifecycle.benchmarks;

import dev.lifecycle.core.CustomerProfile;
import dev.lifecycle.core.LifecycleTemplate;
import dev.lifecycle.core.Stage;
import dev.lifecycle.core.Templates;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;
import org.jeasy.rules.api.Facts;
import org.jeasy.rules.api.RulesEngine;
import org.jeasy.rules.api.RulesEngineParameters;
import org.jeasy.rules.core.InferenceRulesEngine;
import org.jeasy.rules.core.RuleBuilder;

/**
 * The rules-engine peer: the five-stage rules written by hand as Easy Rules rules over {@link CustomerProfile}'s public
 * accessors, fired by an {@link InferenceRulesEngine} that re-selects after every firing until no rule applies. Each
 * rule applies only in its source stages; the engine fires the first applicable rule in priority order (higher
 * template priority first, ties in template order) and re-selects, as the classifier walks. A rule whose target was
 * visited ends the walk, as in the classifier. The engine is immutable after construction but the walk state lives in
 * per-customer facts, so one instance serves one thread at a time.
 */
final class EasyRulesPeer {
    private static final String PROFILE = "profile";
    private static final String WALK = "walk";

    private final org.jeasy.rules.api.Rules rules = new org.jeasy.rules.api.Rules();
    private final RulesEngine engine =
            new InferenceRulesEngine(new RulesEngineParameters().skipOnFirstAppliedRule(true));
    private final LifecycleTemplate template = Templates.fiveStage();

    /** Where one customer's walk stands. */
    private static final class Walk {
        String stage = "awareness";
        final Set<String> visited = new HashSet<>(List.of("awareness"));
        boolean done;
    }

    EasyRulesPeer(Instant asOf) {
        Duration lapse = Templates.DEFAULT_LAPSE_PERIOD;
        // Easy Rules runs lower numbers first; the numbers follow (template priority descending, template order).
        add("first-purchase", 1, (p, walk) -> p.orderCount() >= 1, "conversion", "awareness", "consideration");
        add("second-purchase", 2, (p, walk) -> p.orderCount() >= 2, "retention", "conversion");
        add("referral", 3, (p, walk) -> p.referralCount() >= 1, "advocacy", "retention");
        add(
                "win-back",
                4,
                (p, walk) -> p.lastOrderAt()
                        .map(last -> !last.isAfter(asOf)
                                && Duration.between(last, asOf).compareTo(lapse) <= 0)
                        .orElse(false),
                "retention",
                "lapsed");
        add(
                "engaged",
                5,
                (p, walk) -> p.productViews() + p.cartAdds() + p.signUps() >= 1,
                "consideration",
                "awareness");
        add(
                "lapse",
                6,
                (p, walk) -> p.lastOrderAt()
                        .map(last -> Duration.between(last, asOf).compareTo(lapse) > 0)
                        .orElse(false),
                "lapsed",
                "conversion",
                "retention",
                "advocacy");
    }

    private void add(
            String name, int priority, BiPredicate<CustomerProfile, Walk> condition, String to, String... from) {
        Set<String> sources = Set.of(from);
        rules.register(new RuleBuilder()
                .name(name)
                .priority(priority)
                .when(facts -> {
                    Walk walk = facts.get(WALK);
                    return !walk.done && sources.contains(walk.stage) && condition.test(facts.get(PROFILE), walk);
                })
                .then(facts -> {
                    Walk walk = facts.get(WALK);
                    if (walk.visited.add(to)) {
                        walk.stage = to;
                    } else {
                        walk.done = true;
                    }
                })
                .build());
    }

    /** Classifies one customer; returns the stage id. */
    String classify(CustomerProfile profile) {
        Facts facts = new Facts();
        facts.put(PROFILE, profile);
        Walk walk = new Walk();
        facts.put(WALK, walk);
        engine.fire(rules, facts);
        return walk.stage;
    }

    /** Classifies every customer and counts them per stage, every stage of the template listed. */
    Map<String, Long> stageCounts(List<CustomerProfile> profiles) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (Stage stage : template.stages()) {
            counts.put(stage.id(), 0L);
        }
        for (CustomerProfile profile : profiles) {
            counts.merge(classify(profile), 1L, Long::sum);
        }
        return counts;
    }
}
