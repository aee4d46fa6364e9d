package dev.lifecycle.core;

/**
 * Thrown when a rule's condition fails while classifying a customer, so the stage cannot be known. Carries the
 * template, rule and customer; the cause is what the condition threw.
 */
public final class ClassificationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The name of the template whose rule failed. */
    private final String templateName;

    /** The id of the rule whose condition failed. */
    private final String ruleId;

    /** The id of the customer being classified. */
    private final String customerId;

    ClassificationException(String templateName, String ruleId, String customerId, RuntimeException cause) {
        super(
                "condition of rule '" + ruleId + "' in template '" + templateName + "' failed for customer '"
                        + customerId + "': " + cause,
                cause);
        this.templateName = templateName;
        this.ruleId = ruleId;
        this.customerId = customerId;
    }

    /** {@return the name of the template whose rule failed} */
    public String templateName() {
        return templateName;
    }

    /** {@return the id of the rule whose condition failed} */
    public String ruleId() {
        return ruleId;
    }

    /** {@return the id of the customer being classified} */
    public String customerId() {
        return customerId;
    }
}
