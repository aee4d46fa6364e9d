package dev.lifecycle.core;

import static java.util.Objects.requireNonNull;

/**
 * One edit of a template written as data, applied in order to the template a {@link TemplateSpec} extends; each
 * mirrors a method of {@link LifecycleTemplate.Builder}.
 */
public sealed interface EditSpec {

    /**
     * Appends a stage ({@link LifecycleTemplate.Builder#addStage(Stage)}).
     *
     * @param stage the new stage
     */
    record AddStage(StageSpec stage) implements EditSpec {
        /**
         * Checks the component.
         *
         * @param stage the new stage
         * @throws NullPointerException if {@code stage} is null
         */
        public AddStage {
            requireNonNull(stage, "stage");
        }
    }

    /**
     * Inserts a stage after another ({@link LifecycleTemplate.Builder#insertAfter(String, Stage)}).
     *
     * @param after the id of the stage to insert after
     * @param stage the new stage
     */
    record InsertAfter(String after, StageSpec stage) implements EditSpec {
        /**
         * Checks the components.
         *
         * @param after the id of the stage to insert after
         * @param stage the new stage
         * @throws NullPointerException if a component is null
         */
        public InsertAfter {
            requireNonNull(after, "after");
            requireNonNull(stage, "stage");
        }
    }

    /**
     * Renames a stage ({@link LifecycleTemplate.Builder#renameStage(String, String, String)}).
     *
     * @param stage the id of the stage to rename
     * @param newId the new id
     * @param newName the new display name
     */
    record RenameStage(String stage, String newId, String newName) implements EditSpec {
        /**
         * Checks the components.
         *
         * @param stage the id of the stage to rename
         * @param newId the new id
         * @param newName the new display name
         * @throws NullPointerException if a component is null
         */
        public RenameStage {
            requireNonNull(stage, "stage");
            requireNonNull(newId, "newId");
            requireNonNull(newName, "newName");
        }
    }

    /**
     * Replaces a stage ({@link LifecycleTemplate.Builder#replaceStage(String, Stage)}).
     *
     * @param stage the id of the stage to replace
     * @param replacement the new stage
     */
    record ReplaceStage(String stage, StageSpec replacement) implements EditSpec {
        /**
         * Checks the components.
         *
         * @param stage the id of the stage to replace
         * @param replacement the new stage
         * @throws NullPointerException if a component is null
         */
        public ReplaceStage {
            requireNonNull(stage, "stage");
            requireNonNull(replacement, "replacement");
        }
    }

    /**
     * Removes a stage ({@link LifecycleTemplate.Builder#removeStage(String)}).
     *
     * @param stage the id of the stage to remove
     */
    record RemoveStage(String stage) implements EditSpec {
        /**
         * Checks the component.
         *
         * @param stage the id of the stage to remove
         * @throws NullPointerException if {@code stage} is null
         */
        public RemoveStage {
            requireNonNull(stage, "stage");
        }
    }

    /**
     * Splits a stage in two ({@link LifecycleTemplate.Builder#splitStage(String, Stage, Stage, Condition)}).
     *
     * @param stage the id of the stage to split
     * @param first the stage that takes its place
     * @param second the stage that follows it
     * @param advance when a customer moves from {@code first} to {@code second}
     */
    record SplitStage(String stage, StageSpec first, StageSpec second, ConditionSpec advance) implements EditSpec {
        /**
         * Checks the components.
         *
         * @param stage the id of the stage to split
         * @param first the stage that takes its place
         * @param second the stage that follows it
         * @param advance when a customer moves on
         * @throws NullPointerException if a component is null
         */
        public SplitStage {
            requireNonNull(stage, "stage");
            requireNonNull(first, "first");
            requireNonNull(second, "second");
            requireNonNull(advance, "advance");
        }
    }

    /**
     * Adds a rule ({@link LifecycleTemplate.Builder#addRule(TransitionRule)}).
     *
     * @param rule the new rule
     */
    record AddRule(RuleSpec rule) implements EditSpec {
        /**
         * Checks the component.
         *
         * @param rule the new rule
         * @throws NullPointerException if {@code rule} is null
         */
        public AddRule {
            requireNonNull(rule, "rule");
        }
    }

    /**
     * Replaces a rule ({@link LifecycleTemplate.Builder#replaceRule(String, TransitionRule)}).
     *
     * @param rule the id of the rule to replace
     * @param replacement the new rule
     */
    record ReplaceRule(String rule, RuleSpec replacement) implements EditSpec {
        /**
         * Checks the components.
         *
         * @param rule the id of the rule to replace
         * @param replacement the new rule
         * @throws NullPointerException if a component is null
         */
        public ReplaceRule {
            requireNonNull(rule, "rule");
            requireNonNull(replacement, "replacement");
        }
    }

    /**
     * Removes a rule ({@link LifecycleTemplate.Builder#removeRule(String)}).
     *
     * @param rule the id of the rule to remove
     */
    record RemoveRule(String rule) implements EditSpec {
        /**
         * Checks the component.
         *
         * @param rule the id of the rule to remove
         * @throws NullPointerException if {@code rule} is null
         */
        public RemoveRule {
            requireNonNull(rule, "rule");
        }
    }
}
