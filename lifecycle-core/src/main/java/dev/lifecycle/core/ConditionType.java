package dev.lifecycle.core;

import java.util.Map;
import java.util.Set;

/**
 * A condition type that a module outside core adds to the plain-data form of conditions: its type name, the
 * parameters it reads and how it builds a condition from them. Registered in a {@link ConditionRegistry}, it is read
 * from template files like a built-in type ({@code when: {type: p-alive-below, threshold: 0.3, ...}}): a parameter it
 * does not declare, nested conditions and a value its factory refuses are reported with the condition's path, as
 * for the built-in types.
 *
 * <p>Implementations are immutable and thread-safe, and the conditions they make should be values (equal when made
 * from equal parameters) that implement {@link DataCondition}, so that a template written to a file reads back equal.
 */
public interface ConditionType {
    /** {@return the type name files use, not blank and not one of the built-in types' names} */
    String typeName();

    /**
     * {@return every parameter name the type accepts, required or not; not {@code type}, {@code condition} or
     * {@code conditions}, which template files use for the type and nested conditions}
     */
    Set<String> parameters();

    /**
     * Builds the condition from its parameters as text; only declared names reach it.
     *
     * @param parameters the parameters by name
     * @return the condition
     * @throws IllegalArgumentException naming the parameter, its value and the rule when a parameter is missing or
     *     its value is refused
     */
    Condition create(Map<String, String> parameters);
}
