package dev.lifecycle.core;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * The plain-data form of a {@link TransitionRule}.
 *
 * @param id the rule id
 * @param from the ids of the stages the rule leaves
 * @param to the id of the stage the rule enters
 * @param condition the condition, as data
 * @param priority the priority; higher fires first
 * @param description the rule's own description, or empty to generate it from the stages and the condition
 */
public record RuleSpec(
        String id, List<String> from, String to, ConditionSpec condition, int priority, Optional<String> description) {

    /**
     * Copies the list; the values are checked by {@link TemplateSpec#toTemplate(ConditionRegistry)}.
     *
     * @param id the rule id
     * @param from the source stage ids
     * @param to the target stage id
     * @param condition the condition
     * @param priority the priority
     * @param description the description, or empty
     * @throws NullPointerException if a component or list element is null
     */
    public RuleSpec {
        requireNonNull(id, "id");
        from = List.copyOf(requireNonNull(from, "from"));
        requireNonNull(to, "to");
        requireNonNull(condition, "condition");
        requireNonNull(description, "description");
    }

    /**
     * Returns the data form of a rule.
     *
     * @param rule the rule
     * @return its data form
     * @throws NullPointerException if {@code rule} is null
     * @throws IllegalArgumentException if the rule's condition has no data form (see {@link ConditionSpec#of})
     */
    public static RuleSpec of(TransitionRule rule) {
        requireNonNull(rule, "rule");
        ConditionSpec condition;
        try {
            condition = ConditionSpec.of(rule.condition());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("rule '" + rule.id() + "': " + e.getMessage(), e);
        }
        return new RuleSpec(
                rule.id(), List.copyOf(rule.from()), rule.to(), condition, rule.priority(), rule.customDescription());
    }
}
