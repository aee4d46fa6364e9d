package dev.lifecycle.core;

/**
 * A condition that knows its plain-data form, so that a template holding it can be written to a file, fingerprinted
 * for the tracker's exported state and read back equal. Every built-in condition is one; a {@link ConditionType} of
 * another module makes conditions that are, so that {@link ConditionSpec#of(Condition)} can write them. Reading the
 * data back needs a {@link ConditionRegistry} that knows the type.
 */
public interface DataCondition extends Condition {
    /**
     * Returns the condition as plain data: reading it back through {@link ConditionSpec#toCondition} with a registry
     * that knows its type gives a condition equal to this one.
     *
     * @return the condition's data form
     */
    ConditionSpec toSpec();
}
