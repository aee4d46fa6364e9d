package dev.lifecycle.core;

import static dev.lifecycle.core.Generators.between;
import static dev.lifecycle.core.Generators.chance;
import static dev.lifecycle.core.Generators.pick;
import static java.util.Objects.requireNonNull;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;
import org.quicktheories.generators.Generate;

/**
 * Templates and conditions survive the trip through their plain-data form; edits written as data do what the same
 * edits do in code; and every problem planted in valid data is reported at its path.
 */
final class TemplateSpecProperties {
    /** The name under which {@link Generators#condition} makes its custom condition. */
    private static final String VISITED_TWICE = "visited twice";

    private static final Condition VIP = Condition.custom("vip", (profile, asOf) -> profile.orderCount() > 10);
    private static final List<Condition> CUSTOMS =
            List.of(Condition.custom(VISITED_TWICE, Generators.VISITED_TWICE), VIP);

    /** Holds the generated custom condition under its name, and one more. */
    private static final ConditionRegistry REGISTRY = ConditionRegistry.builder()
            .register(VISITED_TWICE, Condition.custom(VISITED_TWICE, Generators.VISITED_TWICE))
            .register("vip", VIP)
            .build();

    private static final List<Currency> CURRENCIES =
            List.of(Currency.getInstance("USD"), Currency.getInstance("JPY"), Currency.getInstance("BHD"));
    private static final List<Double> AWKWARD_VALUES =
            List.of(0.0, -0.0, 0.1, -1.5, 1e-300, Double.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, 1e21);

    // ---- round trips of templates ----

    @Test
    void toTemplate_specOfBuiltIn_equalsTheOriginal() {
        for (LifecycleTemplate template : Generators.BUILT_INS) {
            checkTemplateRoundTrip(template);
        }
    }

    @Test
    void toTemplate_specOfGeneratedTemplate_equalsTheOriginal() {
        qt().withExamples(1000)
                .forAll(Generators.templates())
                .checkAssert(TemplateSpecProperties::checkTemplateRoundTrip);
    }

    private static void checkTemplateRoundTrip(LifecycleTemplate template) {
        TemplateSpec spec = TemplateSpec.of(template);
        LifecycleTemplate back = spec.toTemplate(REGISTRY);

        assertEquals(template, back);
        assertEquals(template.entryStage(), back.entryStage());
        assertEquals(spec, TemplateSpec.of(back));
    }

    // ---- round trips of conditions ----

    @Test
    void toCondition_specOfAnyCondition_equalsTheOriginal() {
        qt().withExamples(1000).forAll(conditions()).checkAssert(condition -> {
            ConditionSpec spec = ConditionSpec.of(condition);

            assertEquals(condition, spec.toCondition(REGISTRY), spec::toString);
            assertEquals(spec, ConditionSpec.of(spec.toCondition(REGISTRY)));
        });
    }

    /** Conditions of every built-in type and every registered custom one, combinators nested two to three levels. */
    private static Gen<Condition> conditions() {
        return in -> condition(in, between(in, 2, 3));
    }

    /** Parameters at the edges of what data may hold: huge counts and spans, other currencies, awkward numbers. */
    private static final ConditionGenerators.Parameters AWKWARD = new ConditionGenerators.Parameters() {
        @Override
        public long count(RandomnessSource in) {
            return TemplateSpecProperties.count(in);
        }

        @Override
        public Duration duration(RandomnessSource in) {
            return TemplateSpecProperties.duration(in);
        }

        @Override
        public Money amount(RandomnessSource in) {
            return money(in);
        }

        @Override
        public double attributeValue(RandomnessSource in) {
            return value(in);
        }

        @Override
        public Condition custom(RandomnessSource in) {
            return pick(in, CUSTOMS);
        }
    };

    private static Condition condition(RandomnessSource in, int depth) {
        return ConditionGenerators.condition(in, depth, chance(in, 30) ? ConditionGenerators.ORDINARY : AWKWARD);
    }

    private static long count(RandomnessSource in) {
        return chance(in, 10) ? Long.MAX_VALUE : between(in, 0, 1_000);
    }

    /** Whole days, hours, seconds with fractions, single nanoseconds and very long spans. */
    private static Duration duration(RandomnessSource in) {
        return switch (between(in, 0, 4)) {
            case 0 -> Duration.ofDays(between(in, 1, 3_650));
            case 1 -> Duration.ofHours(between(in, 1, 100));
            case 2 -> Duration.ofSeconds(between(in, 0, 1_000_000), between(in, 1, 999_999_999));
            case 3 -> Duration.ofNanos(between(in, 1, 1_000));
            default -> Duration.ofDays(Long.MAX_VALUE / 86_400 - between(in, 0, 10));
        };
    }

    private static Money money(RandomnessSource in) {
        Currency currency = pick(in, CURRENCIES);
        long unscaled = chance(in, 10) ? 999_999_999_999_999_999L : between(in, 1, 10_000_000);
        return new Money(BigDecimal.valueOf(unscaled, currency.getDefaultFractionDigits()), currency);
    }

    private static double value(RandomnessSource in) {
        if (chance(in, 30)) {
            return pick(in, AWKWARD_VALUES);
        }
        double bits = Double.longBitsToDouble(
                Generate.longRange(Long.MIN_VALUE, Long.MAX_VALUE).generate(in));
        return Double.isFinite(bits) ? bits : between(in, -20, 20) / 4.0;
    }

    // ---- edits as data versus edits in code ----

    /** An edit in both forms. */
    private record Edit(EditSpec spec, Consumer<LifecycleTemplate.Builder> code) {}

    /** A built-in template, its new name and edits that apply in order and leave a valid template. */
    private record Edited(String base, String name, List<Edit> edits) {
        LifecycleTemplate.Builder inCode(int count) {
            LifecycleTemplate.Builder builder = Templates.byName(base).orElseThrow().toBuilder();
            for (Edit edit : edits.subList(0, count)) {
                edit.code().accept(builder);
            }
            return builder;
        }

        @Override
        public String toString() {
            return base + " -> " + name + " " + edits.stream().map(Edit::spec).toList();
        }
    }

    @Test
    void toTemplate_editsAsData_sameTemplateAsEditsInCode() {
        qt().withExamples(1000).forAll(editedTemplates()).checkAssert(edited -> {
            TemplateSpec spec = new TemplateSpec(
                    edited.name(),
                    Optional.of(edited.base()),
                    Optional.empty(),
                    List.of(),
                    List.of(),
                    edited.edits().stream().map(Edit::spec).toList());

            LifecycleTemplate expected =
                    edited.inCode(edited.edits().size()).name(edited.name()).build();

            assertEquals(expected, spec.toTemplate(REGISTRY));
        });
    }

    private static Gen<Edited> editedTemplates() {
        return in -> {
            LifecycleTemplate base = pick(in, Generators.BUILT_INS);
            Edited edited = new Edited(base.name(), "my-" + between(in, 0, 99), new ArrayList<>());
            Shadow shadow = new Shadow(base);
            int attempts = between(in, 1, 8);
            for (int i = 0; i < attempts; i++) {
                Edit edit = edit(in, shadow, i);
                if (edit == null) {
                    continue;
                }
                try {
                    edit.code().accept(edited.inCode(edited.edits().size()));
                } catch (IllegalArgumentException e) {
                    continue; // not applicable to the template as it stands
                }
                edited.edits().add(edit);
                shadow.follow(edit.spec());
            }
            // keep the longest prefix that builds: removals can leave a main-path stage unreachable
            for (int n = edited.edits().size(); n > 0; n--) {
                try {
                    edited.inCode(n).build();
                    return new Edited(
                            edited.base(),
                            edited.name(),
                            List.copyOf(edited.edits().subList(0, n)));
                } catch (IllegalArgumentException e) {
                    // try a shorter prefix
                }
            }
            return new Edited(edited.base(), edited.name(), List.of());
        };
    }

    /** The stage ids (with their side-ness) and rule ids of the template as edited so far. */
    private static final class Shadow {
        final Map<String, Boolean> stages = new LinkedHashMap<>();
        final List<String> rules = new ArrayList<>();

        Shadow(LifecycleTemplate template) {
            template.stages().forEach(stage -> stages.put(stage.id(), stage.isSideStage()));
            template.rules().forEach(rule -> rules.add(rule.id()));
        }

        List<String> stageIds() {
            return List.copyOf(stages.keySet());
        }

        boolean isSide(String stageId) {
            return requireNonNull(stages.get(stageId), "edits target stages of the template as edited so far");
        }

        void follow(EditSpec edit) {
            if (edit instanceof EditSpec.AddStage e) {
                stages.put(e.stage().id(), e.stage().sideStage());
            } else if (edit instanceof EditSpec.InsertAfter e) {
                stages.put(e.stage().id(), e.stage().sideStage());
            } else if (edit instanceof EditSpec.RenameStage e) {
                stages.put(e.newId(), stages.remove(e.stage()));
            } else if (edit instanceof EditSpec.ReplaceStage e) {
                stages.remove(e.stage());
                stages.put(e.replacement().id(), e.replacement().sideStage());
            } else if (edit instanceof EditSpec.RemoveStage e) {
                // rules entering the stage go too; the ids left in 'rules' are then only candidates
                stages.remove(e.stage());
            } else if (edit instanceof EditSpec.SplitStage e) {
                stages.remove(e.stage());
                stages.put(e.first().id(), e.first().sideStage());
                stages.put(e.second().id(), e.second().sideStage());
                rules.add(e.first().id() + "-to-" + e.second().id());
            } else if (edit instanceof EditSpec.AddRule e) {
                rules.add(e.rule().id());
            } else if (edit instanceof EditSpec.ReplaceRule e) {
                rules.set(rules.indexOf(e.rule()), e.replacement().id());
            } else if (edit instanceof EditSpec.RemoveRule e) {
                rules.remove(e.rule());
            }
        }
    }

    private static Stage newStage(RandomnessSource in, String id, boolean side) {
        Stage.Builder stage = Stage.builder(id).sideStage(side).churn(side && chance(in, 50));
        if (chance(in, 50)) {
            stage.name("Stage " + id);
        }
        if (chance(in, 30)) {
            stage.description("what " + id + " customers do")
                    .channels("email")
                    .touchpoints("cart", "checkout")
                    .metrics("rate")
                    .strategy("nudge");
        }
        return stage.build();
    }

    private static TransitionRule newRule(RandomnessSource in, String id, Shadow shadow) {
        List<String> ids = shadow.stageIds();
        String to = pick(in, ids);
        List<String> others = ids.stream().filter(stage -> !stage.equals(to)).toList();
        List<String> from = new ArrayList<>();
        from.add(pick(in, others));
        for (String stage : others) {
            if (!from.contains(stage) && chance(in, 20)) {
                from.add(stage);
            }
        }
        TransitionRule.Builder rule = TransitionRule.builder(id)
                .from(from.toArray(String[]::new))
                .to(to)
                .when(condition(in, 1))
                .priority(between(in, -5, 50));
        if (chance(in, 30)) {
            rule.description("rule " + id);
        }
        return rule.build();
    }

    /** A random edit of the template as the shadow describes it, or null when there is nothing to edit. */
    private static @Nullable Edit edit(RandomnessSource in, Shadow shadow, int index) {
        List<String> ids = shadow.stageIds();
        String target = pick(in, ids);
        String fresh = "n" + index;
        switch (between(in, 0, 8)) {
            case 0 -> {
                String newName = "Renamed " + index;
                return new Edit(
                        new EditSpec.RenameStage(target, fresh, newName), b -> b.renameStage(target, fresh, newName));
            }
            case 1 -> {
                Stage stage = newStage(in, fresh, chance(in, 70));
                return new Edit(
                        new EditSpec.InsertAfter(target, StageSpec.of(stage)), b -> b.insertAfter(target, stage));
            }
            case 2 -> {
                Stage stage = newStage(in, fresh, true);
                return new Edit(new EditSpec.AddStage(StageSpec.of(stage)), b -> b.addStage(stage));
            }
            case 3 -> {
                Stage stage = newStage(in, chance(in, 50) ? target : fresh, shadow.isSide(target));
                return new Edit(
                        new EditSpec.ReplaceStage(target, StageSpec.of(stage)), b -> b.replaceStage(target, stage));
            }
            case 4 -> {
                return new Edit(new EditSpec.RemoveStage(target), b -> b.removeStage(target));
            }
            case 5 -> {
                boolean side = shadow.isSide(target);
                Stage first = newStage(in, chance(in, 30) ? target : fresh + "a", side);
                Stage second = newStage(in, fresh + "b", side);
                Condition advance = condition(in, 1);
                return new Edit(
                        new EditSpec.SplitStage(
                                target, StageSpec.of(first), StageSpec.of(second), ConditionSpec.of(advance)),
                        b -> b.splitStage(target, first, second, advance));
            }
            case 6 -> {
                if (ids.size() < 2) {
                    return null;
                }
                TransitionRule rule = newRule(in, "rule-" + index, shadow);
                return new Edit(new EditSpec.AddRule(RuleSpec.of(rule)), b -> b.addRule(rule));
            }
            case 7 -> {
                if (shadow.rules.isEmpty() || ids.size() < 2) {
                    return null;
                }
                String old = pick(in, shadow.rules);
                TransitionRule rule = newRule(in, chance(in, 50) ? old : "rule-" + index, shadow);
                return new Edit(new EditSpec.ReplaceRule(old, RuleSpec.of(rule)), b -> b.replaceRule(old, rule));
            }
            default -> {
                if (shadow.rules.isEmpty()) {
                    return null;
                }
                String old = pick(in, shadow.rules);
                return new Edit(new EditSpec.RemoveRule(old), b -> b.removeRule(old));
            }
        }
    }

    // ---- every planted problem reported at its path ----

    /** Valid data with problems planted at known paths. */
    private record Broken(TemplateSpec spec, List<String> paths) {}

    @Test
    void toTemplate_independentProblemsPlanted_eachReportedOnceAtItsPath() {
        Gen<LifecycleTemplate> templates = Generators.builtInTemplates().mix(Generators.templates());
        qt().withExamples(1000)
                .forAll(templates.flatMap(TemplateSpecProperties::broken))
                .checkAssert(broken -> {
                    SpecException e = assertThrows(
                            SpecException.class, () -> broken.spec().toTemplate(REGISTRY));

                    List<String> reported = e.problems().stream()
                            .map(SpecException.Problem::path)
                            .sorted()
                            .toList();
                    assertEquals(broken.paths().stream().sorted().toList(), reported, e::getMessage);
                    e.problems()
                            .forEach(problem -> assertTrue(!problem.message().isBlank(), problem::toString));
                    int n = broken.paths().size();
                    assertTrue(
                            String.valueOf(e.getMessage())
                                    .startsWith("template '" + broken.spec().name() + "' has " + n
                                            + (n == 1 ? " problem:" : " problems:")),
                            e::getMessage);
                });
    }

    private static Gen<Broken> broken(LifecycleTemplate template) {
        return in -> {
            TemplateSpec valid = TemplateSpec.of(template);
            List<StageSpec> stages = new ArrayList<>(valid.stages());
            List<RuleSpec> rules = new ArrayList<>(valid.rules());
            List<String> paths = new ArrayList<>();
            List<String> used = new ArrayList<>();
            int wanted = between(in, 1, 4);
            boolean duplicated = false;
            for (int attempt = 0; paths.size() < wanted && attempt < 50; attempt++) {
                int kind = between(in, 0, 6);
                if (kind == 0 && !duplicated) {
                    // a second stage with the id of an existing one, appended so that no index moves
                    duplicated = true;
                    stages.add(pick(in, valid.stages()));
                    paths.add("stages[" + valid.stages().size() + "].id");
                } else if (kind == 1) {
                    int i = between(in, 0, valid.stages().size() - 1);
                    String path = "stages[" + i + "].name";
                    if (!used.contains(path)) {
                        used.add(path);
                        StageSpec s = stages.get(i);
                        stages.set(
                                i,
                                new StageSpec(
                                        s.id(),
                                        " ",
                                        s.description(),
                                        s.sideStage(),
                                        s.churn(),
                                        s.channels(),
                                        s.touchpoints(),
                                        s.metrics(),
                                        s.strategy()));
                        paths.add(path);
                    }
                } else if (kind == 2 && !rules.isEmpty()) {
                    int i = between(in, 0, rules.size() - 1);
                    String path = "rules[" + i + "].to";
                    if (!used.contains(path)) {
                        used.add(path);
                        RuleSpec r = rules.get(i);
                        rules.set(
                                i,
                                new RuleSpec(
                                        r.id(), r.from(), "nowhere", r.condition(), r.priority(), r.description()));
                        paths.add(path);
                    }
                } else if (kind >= 3 && !rules.isEmpty()) {
                    // replace one leaf of a rule's condition tree with a broken condition
                    int i = between(in, 0, rules.size() - 1);
                    RuleSpec r = rules.get(i);
                    List<Integer> leaf = pickLeaf(in, r.condition());
                    String at = "rules[" + i + "].condition" + suffix(leaf);
                    if (used.contains(at)) {
                        continue;
                    }
                    used.add(at);
                    ConditionSpec bad;
                    String path;
                    switch (kind) {
                        case 3 -> {
                            bad = new ConditionSpec("orders-at-most", Map.of("count", "2"), List.of());
                            path = at + ".type";
                        }
                        case 4 -> {
                            bad = new ConditionSpec(
                                    "orders-at-least",
                                    Map.of("count", pick(in, List.of("two", "1.5", "", "9223372036854775808"))),
                                    List.of());
                            path = at + ".parameters.count";
                        }
                        case 5 -> {
                            bad = new ConditionSpec("custom", Map.of("name", "nobody"), List.of());
                            path = at + ".parameters.name";
                        }
                        default -> {
                            bad = new ConditionSpec(
                                    "no-purchase-for",
                                    Map.of("duration", pick(in, List.of("180d", "P180", "PT-", "days"))),
                                    List.of());
                            path = at + ".parameters.duration";
                        }
                    }
                    rules.set(
                            i,
                            new RuleSpec(
                                    r.id(),
                                    r.from(),
                                    r.to(),
                                    replace(r.condition(), leaf, bad),
                                    r.priority(),
                                    r.description()));
                    paths.add(path);
                }
            }
            if (paths.isEmpty()) {
                stages.add(valid.stages().get(0));
                paths.add("stages[" + valid.stages().size() + "].id");
            }
            return new Broken(
                    new TemplateSpec(
                            valid.name(), valid.extendsTemplate(), valid.entryStage(), stages, rules, valid.edits()),
                    paths);
        };
    }

    /** The position of a random leaf (a condition that nests no others), as indexes into nested conditions. */
    private static List<Integer> pickLeaf(RandomnessSource in, ConditionSpec spec) {
        List<Integer> position = new ArrayList<>();
        ConditionSpec current = spec;
        while (!current.conditions().isEmpty()) {
            int i = between(in, 0, current.conditions().size() - 1);
            position.add(i);
            current = current.conditions().get(i);
        }
        return position;
    }

    private static String suffix(List<Integer> position) {
        StringBuilder path = new StringBuilder();
        position.forEach(i -> path.append(".conditions[").append(i).append(']'));
        return path.toString();
    }

    private static ConditionSpec replace(ConditionSpec spec, List<Integer> position, ConditionSpec replacement) {
        if (position.isEmpty()) {
            return replacement;
        }
        List<ConditionSpec> children = new ArrayList<>(spec.conditions());
        int i = position.get(0);
        children.set(i, replace(children.get(i), position.subList(1, position.size()), replacement));
        return new ConditionSpec(spec.type(), spec.parameters(), children);
    }
}
