package dev.lifecycle.core;

import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Applies the edits of a {@link TemplateSpec}, recording problems with their paths instead of stopping at the first. */
final class TemplateEdits {
    private TemplateEdits() {}

    /**
     * Applies one edit to {@code builder} (when there is one: after earlier problems there is none, and the edit is
     * only checked), keeping {@code stageIds} in step.
     */
    static void apply(
            EditSpec edit,
            LifecycleTemplate.@Nullable Builder builder,
            ConditionRegistry registry,
            Set<String> stageIds,
            String path,
            SpecProblems problems) {
        int before = problems.size();
        Runnable change;
        if (edit instanceof EditSpec.AddStage e) {
            Stage stage = TemplateSpec.stage(e.stage(), path + ".stage", problems);
            change = () -> {
                builder(builder).addStage(stage(stage));
                stageIds.add(stage(stage).id());
            };
        } else if (edit instanceof EditSpec.InsertAfter e) {
            Stage stage = TemplateSpec.stage(e.stage(), path + ".stage", problems);
            change = () -> {
                builder(builder).insertAfter(e.after(), stage(stage));
                stageIds.add(stage(stage).id());
            };
        } else if (edit instanceof EditSpec.RenameStage e) {
            change = () -> {
                builder(builder).renameStage(e.stage(), e.newId(), e.newName());
                stageIds.remove(e.stage());
                stageIds.add(e.newId());
            };
        } else if (edit instanceof EditSpec.ReplaceStage e) {
            Stage stage = TemplateSpec.stage(e.replacement(), path + ".replacement", problems);
            change = () -> {
                builder(builder).replaceStage(e.stage(), stage(stage));
                stageIds.remove(e.stage());
                stageIds.add(stage(stage).id());
            };
        } else if (edit instanceof EditSpec.RemoveStage e) {
            change = () -> {
                builder(builder).removeStage(e.stage());
                stageIds.remove(e.stage());
            };
        } else if (edit instanceof EditSpec.SplitStage e) {
            Stage first = TemplateSpec.stage(e.first(), path + ".first", problems);
            Stage second = TemplateSpec.stage(e.second(), path + ".second", problems);
            Condition advance = ConditionSpecs.toCondition(e.advance(), registry, path + ".advance", problems);
            change = () -> {
                builder(builder).splitStage(e.stage(), stage(first), stage(second), condition(advance));
                stageIds.remove(e.stage());
                stageIds.add(stage(first).id());
                stageIds.add(stage(second).id());
            };
        } else if (edit instanceof EditSpec.AddRule e) {
            TransitionRule rule = TemplateSpec.rule(e.rule(), path + ".rule", registry, stageIds, problems);
            change = () -> builder(builder).addRule(rule(rule));
        } else if (edit instanceof EditSpec.ReplaceRule e) {
            TransitionRule rule =
                    TemplateSpec.rule(e.replacement(), path + ".replacement", registry, stageIds, problems);
            change = () -> builder(builder).replaceRule(e.rule(), rule(rule));
        } else if (edit instanceof EditSpec.RemoveRule e) {
            change = () -> builder(builder).removeRule(e.rule());
        } else {
            throw new AssertionError("EditSpec is sealed: " + edit);
        }
        if (builder == null || problems.size() > before) {
            return;
        }
        try {
            change.run();
        } catch (IllegalArgumentException e) {
            problems.add(path, e.getMessage());
        }
    }

    private static LifecycleTemplate.Builder builder(LifecycleTemplate.@Nullable Builder builder) {
        if (builder == null) {
            throw new IllegalStateException("edits run only with a builder");
        }
        return builder;
    }

    private static Stage stage(@Nullable Stage stage) {
        if (stage == null) {
            throw new IllegalStateException("edits run only when their stages are valid");
        }
        return stage;
    }

    private static TransitionRule rule(@Nullable TransitionRule rule) {
        if (rule == null) {
            throw new IllegalStateException("edits run only when their rules are valid");
        }
        return rule;
    }

    private static Condition condition(@Nullable Condition condition) {
        if (condition == null) {
            throw new IllegalStateException("edits run only when their conditions are valid");
        }
        return condition;
    }
}
