package dev.lifecycle.core;

/**
 * Thrown when a rule's condition fails while classifying a customer, so the stage cannot be known. Carries the
 * template, rule and customer; the cause is what the condition threw.
 */
public final class ClassificationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String templateName;
    private final String ruleId;
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

    /** Returns the name of the template whose rule failed. */
    public String templateName() {
        return templateName;
    }

    /** Returns the id of the rule whose condition failed. */
    public String ruleId() {
        return ruleId;
    }

    /** Returns the id of the customer being classified. */
    public String customerId() {
        return customerId;
    }
}
