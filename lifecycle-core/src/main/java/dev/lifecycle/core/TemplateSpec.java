package dev.lifecycle.core;

import static java.util.Objects.requireNonNull;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The plain-data form of a {@link LifecycleTemplate}: stages with all their metadata, rules with their conditions as
 * data, and the entry stage; or a built-in template it {@code extends} with the edits to apply. Made of strings,
 * numbers, lists and maps only, so it can be written to a file, sent to a stream processor or logged, and read back
 * into a template with {@link #toTemplate(ConditionRegistry)}.
 *
 * <p>A spec either lists its stages and rules, or extends a built-in template ({@code five-stage},
 * {@code buyer-lifecycle}, {@code tracking-categories}, with the default lapse period) and lists no stages or rules of
 * its own. Either way its edits are then applied in order, and the result is named {@link #name()}.
 *
 * @param name the template name
 * @param extendsTemplate the name of the built-in template this one starts from, if any
 * @param entryStage the id of the stage every customer starts in; by default the first main-path stage (or the
 *     extended template's entry stage, following renames and splits)
 * @param stages the stages in template order; empty when extending
 * @param rules the rules in template order; empty when extending
 * @param edits the edits to apply, in order
 */
public record TemplateSpec(
        String name,
        Optional<String> extendsTemplate,
        Optional<String> entryStage,
        List<StageSpec> stages,
        List<RuleSpec> rules,
        List<EditSpec> edits) {

    /**
     * Copies the lists; the values are checked by {@link #toTemplate(ConditionRegistry)}.
     *
     * @param name the template name
     * @param extendsTemplate the built-in template extended, if any
     * @param entryStage the entry stage id, if not the default
     * @param stages the stages
     * @param rules the rules
     * @param edits the edits
     * @throws NullPointerException if a component or list element is null
     */
    public TemplateSpec {
        requireNonNull(name, "name");
        requireNonNull(extendsTemplate, "extendsTemplate");
        requireNonNull(entryStage, "entryStage");
        stages = List.copyOf(requireNonNull(stages, "stages"));
        rules = List.copyOf(requireNonNull(rules, "rules"));
        edits = List.copyOf(requireNonNull(edits, "edits"));
    }

    /**
     * Returns the data form of a template.
     *
     * @param template the template
     * @return its data form; {@code of(t).toTemplate(registry)} equals {@code t} when the registry holds its custom
     *     conditions
     * @throws NullPointerException if {@code template} is null
     * @throws IllegalArgumentException if a rule's condition has no data form; the message names the rule
     */
    public static TemplateSpec of(LifecycleTemplate template) {
        requireNonNull(template, "template");
        return new TemplateSpec(
                template.name(),
                Optional.empty(),
                Optional.of(template.entryStage().id()),
                template.stages().stream().map(StageSpec::of).toList(),
                template.rules().stream().map(RuleSpec::of).toList(),
                List.of());
    }

    /**
     * Builds the template this data describes.
     *
     * @param registry where {@code custom} conditions are looked up by name
     * @return the validated template
     * @throws NullPointerException if {@code registry} is null
     * @throws SpecException listing every problem found, each with its path, such as {@code
     *     rules[0].condition.parameters.count}
     */
    public LifecycleTemplate toTemplate(ConditionRegistry registry) {
        requireNonNull(registry, "registry");
        SpecProblems problems = new SpecProblems();
        String subject = "template '" + name + "'";
        check(problems, "name", () -> Checks.id(name, "template name"));
        LifecycleTemplate.@Nullable Builder builder;
        Set<String> stageIds = new LinkedHashSet<>();
        if (extendsTemplate.isPresent()) {
            LifecycleTemplate base = Templates.byName(extendsTemplate.get()).orElse(null);
            if (base == null) {
                problems.add(
                        "extends",
                        "unknown built-in template '" + extendsTemplate.get() + "'; expected one of "
                                + Templates.names());
                builder = null;
            } else {
                builder = base.toBuilder();
                base.stages().forEach(stage -> stageIds.add(stage.id()));
            }
            if (!stages.isEmpty()) {
                problems.add("stages", "a template that extends another adds stages with edits, not 'stages'");
            }
            if (!rules.isEmpty()) {
                problems.add("rules", "a template that extends another adds rules with edits, not 'rules'");
            }
        } else {
            builder = problems.isEmpty() ? LifecycleTemplate.builder(name) : null;
            if (stages.isEmpty()) {
                problems.add("stages", "a template needs at least one stage");
            }
            addStages(builder, stageIds, problems);
            addRules(builder, registry, stageIds, problems);
        }
        for (int i = 0; i < edits.size(); i++) {
            EditSpec edit = edits.get(i);
            String path = "edits[" + i + "]";
            TemplateEdits.apply(edit, builder, registry, stageIds, name, path, problems);
        }
        entryStage.ifPresent(entry -> {
            if (!stageIds.contains(entry)) {
                problems.add("entryStage", "unknown stage '" + entry + "'; stages: " + stageIds);
            }
        });
        problems.throwIfAny(subject);
        LifecycleTemplate.Builder valid = requireNonNull(builder);
        entryStage.ifPresent(valid::entryStage);
        try {
            return valid.name(name).build();
        } catch (IllegalArgumentException e) {
            problems.add(edits.isEmpty() ? "rules" : "edits", e);
            problems.throwIfAny(subject);
            throw e;
        }
    }

    private void addStages(LifecycleTemplate.@Nullable Builder builder, Set<String> stageIds, SpecProblems problems) {
        for (int i = 0; i < stages.size(); i++) {
            StageSpec spec = stages.get(i);
            String path = "stages[" + i + "]";
            Stage stage = stage(spec, name, path, problems);
            // A stage with a valid id but a bad name or list still declares its id, so that the rules and the entry
            // stage naming it are not reported as naming an unknown stage on top of the stage's own problem.
            if (Checks.isId(spec.id()) && !stageIds.add(spec.id())) {
                problems.add(path + ".id", "duplicate stage id '" + spec.id() + "'");
            } else if (stage != null && builder != null) {
                builder.addStage(stage);
            }
        }
    }

    private void addRules(
            LifecycleTemplate.@Nullable Builder builder,
            ConditionRegistry registry,
            Set<String> stageIds,
            SpecProblems problems) {
        Set<String> ruleIds = new HashSet<>();
        for (int i = 0; i < rules.size(); i++) {
            RuleSpec spec = rules.get(i);
            String path = "rules[" + i + "]";
            TransitionRule rule = rule(spec, path, registry, stageIds, problems);
            if (rule != null && !ruleIds.add(rule.id())) {
                problems.add(path + ".id", "duplicate rule id '" + spec.id() + "'");
            } else if (rule != null && builder != null) {
                builder.addRule(rule);
            }
        }
    }

    /** The stage a spec describes, or null after recording its problems; {@code template} names it in messages. */
    static @Nullable Stage stage(StageSpec spec, String template, String path, SpecProblems problems) {
        int before = problems.size();
        check(problems, path + ".id", () -> Checks.id(spec.id(), "stage id"));
        check(problems, path + ".name", () -> Checks.text(spec.name(), "name"));
        if (spec.churn() && !spec.sideStage()) {
            problems.add(path + ".churn", LifecycleTemplate.Builder.churnOnMainPath(template, spec.id()));
        }
        checkAll(problems, path + ".channels", spec.channels());
        checkAll(problems, path + ".touchpoints", spec.touchpoints());
        checkAll(problems, path + ".metrics", spec.metrics());
        if (problems.size() > before) {
            return null;
        }
        return Stage.builder(spec.id())
                .name(spec.name())
                .description(spec.description())
                .sideStage(spec.sideStage())
                .churn(spec.churn())
                .channels(spec.channels().toArray(String[]::new))
                .touchpoints(spec.touchpoints().toArray(String[]::new))
                .metrics(spec.metrics().toArray(String[]::new))
                .strategy(spec.strategy())
                .build();
    }

    static @Nullable TransitionRule rule(
            RuleSpec spec, String path, ConditionRegistry registry, Set<String> stageIds, SpecProblems problems) {
        int before = problems.size();
        check(problems, path + ".id", () -> Checks.id(spec.id(), "rule id"));
        if (spec.from().isEmpty()) {
            problems.add(path + ".from", "a rule needs at least one source stage");
        }
        Set<String> from = new HashSet<>();
        for (int j = 0; j < spec.from().size(); j++) {
            String stage = spec.from().get(j);
            if (!stageIds.contains(stage)) {
                problems.add(path + ".from[" + j + "]", "unknown stage '" + stage + "'; stages: " + stageIds);
            } else if (!from.add(stage)) {
                problems.add(path + ".from[" + j + "]", "stage '" + stage + "' is listed twice");
            }
        }
        if (!stageIds.contains(spec.to())) {
            problems.add(path + ".to", "unknown stage '" + spec.to() + "'; stages: " + stageIds);
        } else if (from.contains(spec.to())) {
            problems.add(path + ".to", "the rule leads from stage '" + spec.to() + "' back to itself");
        }
        spec.description()
                .ifPresent(text -> check(problems, path + ".description", () -> Checks.text(text, "description")));
        Condition condition = ConditionSpecs.toCondition(spec.condition(), registry, path + ".condition", problems);
        if (condition == null || problems.size() > before) {
            return null;
        }
        TransitionRule.Builder rule = TransitionRule.builder(spec.id())
                .from(spec.from().toArray(String[]::new))
                .to(spec.to())
                .when(condition)
                .priority(spec.priority());
        spec.description().ifPresent(rule::description);
        return rule.build();
    }

    static void check(SpecProblems problems, String path, Runnable check) {
        try {
            check.run();
        } catch (IllegalArgumentException e) {
            problems.add(path, e);
        }
    }

    private static void checkAll(SpecProblems problems, String path, List<String> values) {
        for (int i = 0; i < values.size(); i++) {
            String value = values.get(i);
            check(problems, path + "[" + i + "]", () -> Checks.text(value, "value"));
        }
    }
}
