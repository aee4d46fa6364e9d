package dev.lifecycle.core;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Objects;

/**
 * One condition's parameters as a {@link ConditionType} receives them, read with refusals that name the type, the
 * parameter, its value and the rule: the one reader of the parameter kinds that several types share (required text,
 * an optional zone), so that every type words them alike.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class ConditionParameters {
    /** The most characters of a refused text that a message quotes. */
    public static final int MAX_QUOTED_CHARS = 60;
    /** The parameter name of a zone, where a type takes one. */
    public static final String ZONE = "zone";

    private final String type;
    private final Map<String, String> parameters;

    private ConditionParameters(String type, Map<String, String> parameters) {
        this.type = type;
        this.parameters = parameters;
    }

    /**
     * Wraps a condition's parameters.
     *
     * @param type the condition type's name, which refusals start with
     * @param parameters the parameters by name
     * @return the reader
     * @throws NullPointerException if an argument is null
     */
    public static ConditionParameters of(String type, Map<String, String> parameters) {
        return new ConditionParameters(Objects.requireNonNull(type, "type"), Map.copyOf(parameters));
    }

    /** {@return the condition type's name} */
    public String type() {
        return type;
    }

    /**
     * Tells whether a parameter is given.
     *
     * @param name the parameter
     * @return whether it is given
     */
    public boolean has(String name) {
        return parameters.containsKey(name);
    }

    /**
     * Returns a required parameter's text, without surrounding white space.
     *
     * @param name the parameter
     * @return its text
     * @throws IllegalArgumentException naming the type and the parameter when it is not given
     */
    public String text(String name) {
        String value = parameters.get(name);
        if (value == null) {
            throw new IllegalArgumentException(type + " needs the parameter '" + name + "'");
        }
        return value.strip();
    }

    /**
     * Returns the optional {@value #ZONE} parameter as a zone id, UTC when it is not given.
     *
     * @return the zone
     * @throws IllegalArgumentException naming the type, the parameter and its value when it is not a zone id
     */
    public ZoneId zone() {
        if (!has(ZONE)) {
            return ZoneOffset.UTC;
        }
        String text = text(ZONE);
        try {
            return ZoneId.of(text);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(
                    type + " parameter '" + ZONE + "' must be a zone id such as UTC or Europe/Paris but was "
                            + quoted(text),
                    e);
        }
    }

    /**
     * Quotes a text for a message: whole when short, else its start and its length.
     *
     * @param text the text
     * @return the text in quotes
     */
    public static String quoted(String text) {
        return text.length() <= MAX_QUOTED_CHARS
                ? "'" + text + "'"
                : "'" + text.substring(0, MAX_QUOTED_CHARS) + "...' (" + text.length() + " characters)";
    }

    @Override
    public String toString() {
        return type + parameters;
    }
}
