package dev.lifecycle.core;

import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Applies the edits of a {@link TemplateSpec}, recording problems with their paths instead of stopping at the first. */
final class TemplateEdits {
    private TemplateEdits() {}

    /**
     * Applies one edit to {@code builder} (when there is one: after earlier problems there is none, and the edit is
     * only checked), keeping {@code stageIds} in step; {@code template} is the name messages give the template.
     */
    static void apply(
            EditSpec edit,
            LifecycleTemplate.@Nullable Builder builder,
            ConditionRegistry registry,
            Set<String> stageIds,
            String template,
            String path,
            SpecProblems problems) {
        int before = problems.size();
        Runnable change;
        if (edit instanceof EditSpec.AddStage e) {
            Stage stage = TemplateSpec.stage(e.stage(), template, path + ".stage", problems);
            change = () -> {
                present(builder).addStage(present(stage));
                stageIds.add(present(stage).id());
            };
        } else if (edit instanceof EditSpec.InsertAfter e) {
            Stage stage = TemplateSpec.stage(e.stage(), template, path + ".stage", problems);
            change = () -> {
                present(builder).insertAfter(e.after(), present(stage));
                stageIds.add(present(stage).id());
            };
        } else if (edit instanceof EditSpec.RenameStage e) {
            change = () -> {
                present(builder).renameStage(e.stage(), e.newId(), e.newName());
                stageIds.remove(e.stage());
                stageIds.add(e.newId());
            };
        } else if (edit instanceof EditSpec.ReplaceStage e) {
            Stage stage = TemplateSpec.stage(e.replacement(), template, path + ".replacement", problems);
            change = () -> {
                present(builder).replaceStage(e.stage(), present(stage));
                stageIds.remove(e.stage());
                stageIds.add(present(stage).id());
            };
        } else if (edit instanceof EditSpec.RemoveStage e) {
            change = () -> {
                present(builder).removeStage(e.stage());
                stageIds.remove(e.stage());
            };
        } else if (edit instanceof EditSpec.SplitStage e) {
            Stage first = TemplateSpec.stage(e.first(), template, path + ".first", problems);
            Stage second = TemplateSpec.stage(e.second(), template, path + ".second", problems);
            Condition advance = ConditionSpecs.toCondition(e.advance(), registry, path + ".advance", problems);
            change = () -> {
                present(builder).splitStage(e.stage(), present(first), present(second), present(advance));
                stageIds.remove(e.stage());
                stageIds.add(present(first).id());
                stageIds.add(present(second).id());
            };
        } else if (edit instanceof EditSpec.AddRule e) {
            TransitionRule rule = TemplateSpec.rule(e.rule(), path + ".rule", registry, stageIds, problems);
            change = () -> present(builder).addRule(present(rule));
        } else if (edit instanceof EditSpec.ReplaceRule e) {
            TransitionRule rule =
                    TemplateSpec.rule(e.replacement(), path + ".replacement", registry, stageIds, problems);
            change = () -> present(builder).replaceRule(e.rule(), present(rule));
        } else if (edit instanceof EditSpec.RemoveRule e) {
            change = () -> present(builder).removeRule(e.rule());
        } else {
            throw new AssertionError("EditSpec is sealed: " + edit);
        }
        if (builder == null || problems.size() > before) {
            return;
        }
        try {
            change.run();
        } catch (IllegalArgumentException e) {
            problems.add(path, e);
        }
    }

    /** Unwraps what the checks before a change made sure is there; the change runs only when nothing is missing. */
    private static <T> T present(@Nullable T value) {
        if (value == null) {
            throw new IllegalStateException("an edit ran although a part of it was missing");
        }
        return value;
    }
}
