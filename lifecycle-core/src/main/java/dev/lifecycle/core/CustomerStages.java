package dev.lifecycle.core;

import static java.util.Objects.requireNonNull;

/**
 * Every customer's stage at one instant, by the customer codes of an {@link EventBatch}, as {@link
 * LifecycleClassifier#classifyEach(EventBatch, Instant)} gives them: one entry per customer and no object per customer,
 * for an export or a CRM sync of every stage. Immutable and thread-safe.
 */
public final class CustomerStages {
    private final EventBatch batch;
    private final Stage[] stages;
    private final long[] outcomes;
    private final StageDistribution distribution;

    CustomerStages(EventBatch batch, Stage[] stages, long[] outcomes, StageDistribution distribution) {
        this.batch = batch;
        this.stages = stages;
        this.outcomes = outcomes;
        this.distribution = distribution;
    }

    /** {@return the number of customers: their codes are 0 to {@code size() - 1}} */
    public int size() {
        return outcomes.length;
    }

    /**
     * Returns a customer's id.
     *
     * @param code a customer code of the batch
     * @return the id
     * @throws IndexOutOfBoundsException if {@code code} is not a customer code of the batch
     */
    public String customerId(int code) {
        return batch.customerId(code);
    }

    /**
     * Returns a customer's stage.
     *
     * @param code a customer code of the batch
     * @return the stage at the instant of the classification
     * @throws IndexOutOfBoundsException if {@code code} is not a customer code of the batch
     */
    public Stage stage(int code) {
        return stages[PackedStages.finalStage(outcomes[checkCode(code)])];
    }

    /**
     * Returns the furthest main-path stage a customer's classification passed through, as {@link
     * Classification#highestMainStage()} gives it.
     *
     * @param code a customer code of the batch
     * @return the stage
     * @throws IndexOutOfBoundsException if {@code code} is not a customer code of the batch
     */
    public Stage highestMainStage(int code) {
        return stages[PackedStages.highestStage(outcomes[checkCode(code)])];
    }

    /**
     * Returns the stage of a customer given by id, looked up by a scan; use codes for many customers.
     *
     * @param customerId the id
     * @return the stage
     * @throws NullPointerException if {@code customerId} is null
     * @throws IllegalArgumentException if the batch has no such customer
     */
    public Stage stageOf(String customerId) {
        requireNonNull(customerId, "customerId");
        for (int code = 0; code < outcomes.length; code++) {
            if (batch.customerIds[code].equals(customerId)) {
                return stage(code);
            }
        }
        throw new IllegalArgumentException("customer '" + customerId + "' has no event in the batch");
    }

    /** {@return the number of customers per stage, as the classifier's {@code classifyAll} counts them} */
    public StageDistribution distribution() {
        return distribution;
    }

    private int checkCode(int code) {
        if (code < 0 || code >= outcomes.length) {
            throw new IndexOutOfBoundsException(
                    "customer code " + code + " is not one of the " + outcomes.length + " customers");
        }
        return code;
    }

    @Override
    public String toString() {
        return "CustomerStages{customers=" + outcomes.length + ", distribution=" + distribution + "}";
    }
}
