package dev.lifecycle.templates;

import dev.lifecycle.core.Condition;
import dev.lifecycle.core.ConditionRegistry;
import dev.lifecycle.core.ConditionSpec;
import dev.lifecycle.core.CustomerProfile;
import dev.lifecycle.core.EditSpec;
import dev.lifecycle.core.EventType;
import dev.lifecycle.core.LifecycleTemplate;
import dev.lifecycle.core.Money;
import dev.lifecycle.core.RuleSpec;
import dev.lifecycle.core.Stage;
import dev.lifecycle.core.StageSpec;
import dev.lifecycle.core.TemplateSpec;
import dev.lifecycle.core.Templates;
import dev.lifecycle.core.TransitionRule;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.BiPredicate;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;
import org.quicktheories.generators.Generate;

/**
 * QuickTheories generators for the round-trip properties: valid templates (after lifecycle-core's test generators)
 * and arbitrary specs whose text is chosen to be hard to write as YAML. Every generator draws only from the {@link
 * RandomnessSource} it is given, so failures shrink and replay.
 */
final class TemplateGenerators {
    static final List<LifecycleTemplate> BUILT_INS =
            List.of(Templates.fiveStage(), Templates.buyerLifecycle(), Templates.trackingCategories());

    /** One shared custom condition, so that templates holding it compare equal after a round trip. */
    static final Condition VISITED_TWICE = Condition.custom(
            "visited-twice", (BiPredicate<CustomerProfile, Instant>) (profile, asOf) -> profile.siteVisits() >= 2);

    static final ConditionRegistry REGISTRY =
            ConditionRegistry.builder().register("visited-twice", VISITED_TWICE).build();

    private static final Currency USD = Currency.getInstance("USD");
    private static final List<String> WORDS = List.of("reach", "lead", "buyer", "fan", "vip", "idle", "new", "hot");
    private static final List<String> CUSTOM_TYPES = List.of("webinar", "unboxing", "quiz.done");
    private static final List<String> ATTRIBUTES = List.of("tier", "score", "visits_30d");
    private static final List<EventType> TYPES = List.of(EventType.values());
    private static final List<Condition.Comparison> COMPARISONS = List.of(Condition.Comparison.values());
    private static final List<DocPages.ConditionType> DOCUMENTED = documentedConditionTypes();
    private static final List<String> CONDITION_TYPES =
            DOCUMENTED.stream().map(DocPages.ConditionType::type).toList();
    private static final List<String> LEAF_TYPES = DOCUMENTED.stream()
            .filter(t -> !t.nests())
            .map(DocPages.ConditionType::type)
            .toList();

    private static List<DocPages.ConditionType> documentedConditionTypes() {
        try {
            return DocPages.conditionTypes();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Text that YAML reads as something else unless it is quoted, or that needs escaping in JSON. */
    private static final List<String> AWKWARD = List.of(
            "",
            " ",
            "yes",
            "No",
            "on",
            "true",
            "null",
            "~",
            "123",
            "-7",
            "1.50",
            "0x1F",
            "007",
            "1_000",
            "1e3",
            ".inf",
            "P180D",
            "- item",
            "key: value",
            "a # not a comment",
            "#hash",
            "&anchor",
            "*alias",
            "!tag",
            "%percent",
            "@at",
            "`tick`",
            "{braces}",
            "[brackets]",
            "'single'",
            "\"double\"",
            "back\\slash",
            "two\nlines",
            "trailing newline\n",
            "  leading spaces",
            "trailing spaces  ",
            "tab\there",
            "Develop & Nurture",
            "café ☕ 🚀",
            "ünïcödé",
            "\u0000nul",
            "\u2028line separator",
            "---",
            "...",
            "?",
            ":",
            "-");

    private TemplateGenerators() {}

    static int between(RandomnessSource in, int min, int max) {
        return Generate.range(min, max).generate(in);
    }

    static boolean chance(RandomnessSource in, int percent) {
        return between(in, 1, 100) <= percent;
    }

    static <T> T pick(RandomnessSource in, List<T> values) {
        return values.get(between(in, 0, values.size() - 1));
    }

    // ---- valid templates ----

    /**
     * Valid templates: a main path of 2 to 7 stages, 0 to 2 side stages, a chain rule from each main-path stage to
     * the next, and 0 to 6 further rules, all with random built-in conditions (and the registered custom one).
     */
    static Gen<LifecycleTemplate> templates() {
        return in -> {
            LifecycleTemplate.Builder builder =
                    LifecycleTemplate.builder("t-" + pick(in, WORDS) + "-" + between(in, 0, 99));
            int mainCount = between(in, 2, 7);
            int sideCount = between(in, 0, 2);
            List<Stage> stages = new ArrayList<>();
            List<String> mainIds = new ArrayList<>();
            for (int i = 0; i < mainCount; i++) {
                Stage stage = stage(in, "m" + i + "-" + pick(in, WORDS), false);
                stages.add(stage);
                mainIds.add(stage.id());
            }
            for (int i = 0; i < sideCount; i++) {
                stages.add(between(in, 1, stages.size()), stage(in, "x" + i + "-" + pick(in, WORDS), true));
            }
            stages.forEach(builder::addStage);
            List<String> allIds = stages.stream().map(Stage::id).toList();
            List<TransitionRule> rules = new ArrayList<>();
            for (int i = 0; i + 1 < mainCount; i++) {
                rules.add(TransitionRule.builder("chain-" + i)
                        .from(mainIds.get(i))
                        .to(mainIds.get(i + 1))
                        .when(condition(in, 2))
                        .priority(between(in, -3, 3))
                        .build());
            }
            int extra = between(in, 0, 6);
            for (int i = 0; i < extra; i++) {
                String to = pick(in, allIds);
                List<String> from = new ArrayList<>();
                for (String id : allIds) {
                    if (!id.equals(to) && chance(in, 30)) {
                        from.add(id);
                    }
                }
                if (from.isEmpty()) {
                    from.add(pick(
                            in, allIds.stream().filter(id -> !id.equals(to)).toList()));
                }
                TransitionRule.Builder rule = TransitionRule.builder("r" + i)
                        .from(from.toArray(String[]::new))
                        .to(to)
                        .when(condition(in, 2))
                        .priority(between(in, -1000, 1000));
                if (chance(in, 30)) {
                    rule.description(nonBlank(in));
                }
                rules.add(rule.build());
            }
            List<TransitionRule> shuffled = new ArrayList<>(rules);
            Collections.shuffle(shuffled, new Random(between(in, 0, Integer.MAX_VALUE)));
            shuffled.forEach(builder::addRule);
            return builder.build();
        };
    }

    private static Stage stage(RandomnessSource in, String id, boolean side) {
        Stage.Builder stage = Stage.builder(id).sideStage(side).churn(side && chance(in, 50));
        if (chance(in, 50)) {
            stage.name(chance(in, 50) ? "Stage " + id.toUpperCase(Locale.ROOT) : nonBlank(in));
        }
        if (chance(in, 40)) {
            stage.description(text(in))
                    .channels(nonBlank(in), "ads")
                    .touchpoints(nonBlank(in))
                    .metrics("rate of " + id)
                    .strategy(text(in));
        }
        return stage.build();
    }

    /**
     * A random condition of any type of the documented table of condition types (which lifecycle-core renders from
     * its table of kinds), so a kind added there fails these properties, naming the type, until it has a case here;
     * combinators nest up to {@code depth} levels.
     */
    static Condition condition(RandomnessSource in, int depth) {
        String type = pick(in, depth > 0 ? CONDITION_TYPES : LEAF_TYPES);
        return switch (type) {
            case "orders-at-least" ->
                switch (between(in, 0, 2)) {
                    case 0 -> Condition.firstPurchase();
                    case 1 -> Condition.secondPurchase();
                    default -> Condition.ordersAtLeast(between(in, 0, 4));
                };
            case "referrals-at-least" -> Condition.referralsAtLeast(between(in, 0, 3));
            case "engaged" -> Condition.engaged(between(in, 0, 5));
            case "event-count-at-least" -> Condition.eventCountAtLeast(pick(in, TYPES), between(in, 0, 3));
            case "custom-event-count-at-least" ->
                Condition.customEventCountAtLeast(pick(in, CUSTOM_TYPES), between(in, 0, 2));
            case "no-purchase-for" -> Condition.noPurchaseFor(duration(in));
            case "inactive-for" -> Condition.inactiveFor(duration(in));
            case "event-within" -> Condition.eventWithin(pick(in, TYPES), duration(in));
            case "first-purchase-at-least-ago" -> Condition.firstPurchaseAtLeastAgo(duration(in));
            case "spent-at-least" ->
                chance(in, 50) ? Condition.spentAtLeast(usd(in)) : Condition.spentAtLeast(usd(in), duration(in));
            case "orders-within" -> Condition.ordersWithin(between(in, 0, 4), duration(in));
            case "nps-at-least" -> Condition.npsAtLeast(between(in, 0, 10));
            case "nps-at-most" -> Condition.npsAtMost(between(in, 0, 10));
            case "loyalty-member" -> Condition.loyaltyMember();
            case "attribute" -> Condition.attribute(pick(in, ATTRIBUTES), pick(in, COMPARISONS), attributeValue(in));
            case "custom" -> VISITED_TWICE;
            case "all-of" ->
                chance(in, 50)
                        ? Condition.allOf(condition(in, depth - 1), condition(in, depth - 1), condition(in, depth - 1))
                        : condition(in, depth - 1).and(condition(in, depth - 1));
            case "any-of" ->
                chance(in, 50)
                        ? Condition.anyOf(condition(in, depth - 1), condition(in, depth - 1))
                        : condition(in, depth - 1).or(condition(in, depth - 1));
            case "not" ->
                chance(in, 50)
                        ? Condition.not(condition(in, depth - 1))
                        : condition(in, depth - 1).negate();
            default ->
                throw new AssertionError("TemplateGenerators has no case for condition type '" + type
                        + "' of the table on " + DocPages.TEMPLATES);
        };
    }

    private static Money usd(RandomnessSource in) {
        return new Money(BigDecimal.valueOf(between(in, 1, 100_000), 2), USD);
    }

    private static double attributeValue(RandomnessSource in) {
        return switch (between(in, 0, 3)) {
            case 0 -> between(in, -20, 20) / 2.0;
            case 1 -> between(in, -1000, 1000) * 1e12;
            case 2 -> between(in, 1, 1000) * 1e-9;
            default -> between(in, -5, 5);
        };
    }

    /** Whole days mostly, sometimes hours and seconds, which write as {@code PT...}. */
    private static Duration duration(RandomnessSource in) {
        return chance(in, 70) ? Duration.ofDays(between(in, 1, 400)) : Duration.ofSeconds(between(in, 1, 10_000_000));
    }

    // ---- arbitrary specs ----

    /**
     * Specs that need not be valid templates (unknown stages, odd condition types and parameters), with awkward text
     * everywhere a document holds text: what writing and reading back must keep exactly.
     */
    static Gen<TemplateSpec> specs() {
        return in -> {
            boolean extending = chance(in, 50);
            List<StageSpec> stages = new ArrayList<>();
            List<RuleSpec> rules = new ArrayList<>();
            if (!extending) {
                int stageCount = between(in, 0, 4);
                for (int i = 0; i < stageCount; i++) {
                    stages.add(stageSpec(in));
                }
                int ruleCount = between(in, 0, 3);
                for (int i = 0; i < ruleCount; i++) {
                    rules.add(ruleSpec(in));
                }
            }
            List<EditSpec> edits = new ArrayList<>();
            int editCount = between(in, 0, 5);
            for (int i = 0; i < editCount; i++) {
                edits.add(edit(in));
            }
            return new TemplateSpec(
                    text(in),
                    extending
                            ? Optional.of(pick(in, List.of("five-stage", "buyer-lifecycle", "nope")))
                            : Optional.empty(),
                    chance(in, 30) ? Optional.of(text(in)) : Optional.empty(),
                    stages,
                    rules,
                    edits);
        };
    }

    private static EditSpec edit(RandomnessSource in) {
        return switch (between(in, 0, 8)) {
            case 0 -> new EditSpec.AddStage(stageSpec(in));
            case 1 -> new EditSpec.InsertAfter(text(in), stageSpec(in));
            case 2 -> new EditSpec.RenameStage(text(in), text(in), text(in));
            case 3 -> new EditSpec.ReplaceStage(text(in), stageSpec(in));
            case 4 -> new EditSpec.RemoveStage(text(in));
            case 5 -> new EditSpec.SplitStage(text(in), stageSpec(in), stageSpec(in), conditionSpec(in, 2));
            case 6 -> new EditSpec.AddRule(ruleSpec(in));
            case 7 -> new EditSpec.ReplaceRule(text(in), ruleSpec(in));
            default -> new EditSpec.RemoveRule(text(in));
        };
    }

    private static StageSpec stageSpec(RandomnessSource in) {
        String id = text(in);
        return new StageSpec(
                id,
                chance(in, 30) ? id : text(in),
                text(in),
                chance(in, 50),
                chance(in, 30),
                texts(in),
                texts(in),
                texts(in),
                text(in));
    }

    private static RuleSpec ruleSpec(RandomnessSource in) {
        return new RuleSpec(
                text(in),
                texts(in),
                text(in),
                conditionSpec(in, 2),
                chance(in, 20) ? pick(in, List.of(Integer.MIN_VALUE, Integer.MAX_VALUE, 0)) : between(in, -50, 50),
                chance(in, 50) ? Optional.of(text(in)) : Optional.empty());
    }

    private static ConditionSpec conditionSpec(RandomnessSource in, int depth) {
        Map<String, String> parameters = new LinkedHashMap<>();
        int count = between(in, 0, 3);
        for (int i = 0; i < count; i++) {
            String name = chance(in, 50) ? pick(in, List.of("count", "amount", "window", "custom-type")) : text(in);
            if (!List.of("type", "condition", "conditions").contains(name)) {
                parameters.put(name, text(in));
            }
        }
        List<ConditionSpec> nested = new ArrayList<>();
        int children = depth > 0 ? between(in, 0, 2) : 0;
        for (int i = 0; i < children; i++) {
            nested.add(conditionSpec(in, depth - 1));
        }
        String type = chance(in, 30) && nested.size() == 1 ? "not" : chance(in, 70) ? "engaged" : text(in);
        return new ConditionSpec(type, parameters, nested);
    }

    private static List<String> texts(RandomnessSource in) {
        int size = between(in, 0, 3);
        List<String> values = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            values.add(text(in));
        }
        return values;
    }

    /** Awkward text half the time; otherwise a word, a number as text, or a few random printable characters. */
    static String text(RandomnessSource in) {
        return switch (between(in, 0, 5)) {
            case 0, 1, 2 -> pick(in, AWKWARD);
            case 3 -> pick(in, WORDS);
            case 4 -> String.valueOf(between(in, -100_000, 100_000));
            default -> {
                int length = between(in, 1, 8);
                StringBuilder text = new StringBuilder(length);
                for (int i = 0; i < length; i++) {
                    text.append((char) between(in, 0x20, 0x7e));
                }
                yield text.toString();
            }
        };
    }

    private static String nonBlank(RandomnessSource in) {
        String text = text(in);
        return text.isBlank() ? "x" + text : text;
    }
}
