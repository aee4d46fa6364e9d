package dev.lifecycle.core;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A customer's move from one stage to another, as a {@link LifecycleTracker} emits it: always along a rule the
 * template declares.
 *
 * @param customerId the customer's id
 * @param fromStageId the stage the customer left
 * @param toStageId the stage the customer entered
 * @param at when the tracker observed the move: the instant of the event that caused it, or the instant the tracker
 *     was advanced to for a move caused by time passing (such as a lapse)
 * @param ruleId the rule that moved the customer
 */
public record StageTransition(String customerId, String fromStageId, String toStageId, Instant at, String ruleId) {

    /**
     * Checks the components.
     *
     * @param customerId the customer's id, not blank
     * @param fromStageId the stage the customer left
     * @param toStageId the stage the customer entered
     * @param at when the move happened
     * @param ruleId the rule that moved the customer
     * @throws NullPointerException if a component is null
     * @throws IllegalArgumentException if the customer id is blank or a stage or rule id is not a valid id
     */
    public StageTransition {
        requireNonNull(customerId, "customerId");
        requireNonNull(fromStageId, "fromStageId");
        requireNonNull(toStageId, "toStageId");
        requireNonNull(at, "at");
        requireNonNull(ruleId, "ruleId");
        Checks.text(customerId, "customerId");
        Checks.id(fromStageId, "fromStageId");
        Checks.id(toStageId, "toStageId");
        Checks.id(ruleId, "ruleId");
    }
}
