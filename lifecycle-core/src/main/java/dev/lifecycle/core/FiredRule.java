package dev.lifecycle.core;

import static java.util.Objects.requireNonNull;

/**
 * One step of a classification: a rule that fired, the stages it moved the customer between, and the evidence that
 * made its condition true.
 *
 * @param ruleId the rule's id
 * @param fromStageId the stage the customer left
 * @param toStageId the stage the customer entered
 * @param evidence the facts that made the rule's condition hold, as in {@code "orderCount 2 >= 2"}
 */
public record FiredRule(String ruleId, String fromStageId, String toStageId, String evidence) {

    /**
     * Checks the components.
     *
     * @param ruleId the rule's id
     * @param fromStageId the stage the customer left
     * @param toStageId the stage the customer entered
     * @param evidence the facts that made the rule's condition hold
     *
     * @throws NullPointerException if a component is null
     * @throws IllegalArgumentException if an id is not a valid id or the evidence is blank
     */
    public FiredRule {
        requireNonNull(ruleId, "ruleId");
        requireNonNull(fromStageId, "fromStageId");
        requireNonNull(toStageId, "toStageId");
        requireNonNull(evidence, "evidence");
        Checks.id(ruleId, "ruleId");
        Checks.id(fromStageId, "fromStageId");
        Checks.id(toStageId, "toStageId");
        Checks.text(evidence, "evidence");
    }
}
