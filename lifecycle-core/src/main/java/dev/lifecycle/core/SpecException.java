package dev.lifecycle.core;

import com.google.common.collect.ImmutableList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Thrown when plain data does not describe a valid template or condition. Lists every problem found, not just the
 * first, each with the path inside the data where it is, such as {@code rules[2].condition.parameters.count}.
 */
public final class SpecException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** The problems, in the order they were found. */
    private final ImmutableList<Problem> problems;

    SpecException(String subject, List<Problem> problems) {
        super(subject + " has " + problems.size() + (problems.size() == 1 ? " problem:" : " problems:")
                + problems.stream().map(p -> "\n  " + p).collect(Collectors.joining()));
        this.problems = ImmutableList.copyOf(problems);
    }

    /**
     * Returns the exception for plain data of another module's kind (a segment map, say), listing its problems as
     * core lists a template's, so that the template files' reader can locate them in the document.
     *
     * @param subject what the data describes, as in {@code "segment map Klaviyo"}
     * @param problems the problems, at least one
     * @return the exception
     * @throws NullPointerException if an argument or problem is null
     * @throws IllegalArgumentException if {@code problems} is empty
     */
    public static SpecException of(String subject, List<Problem> problems) {
        Objects.requireNonNull(subject, "subject");
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a spec exception lists at least one problem");
        }
        return new SpecException(subject, problems);
    }

    /** {@return every problem found, in the order found} */
    public List<Problem> problems() {
        return problems;
    }

    /**
     * One problem in plain data.
     *
     * @param path where in the data, such as {@code stages[3].id}
     * @param message what is wrong and what was expected
     */
    public record Problem(String path, String message) {
        /**
         * Checks the components.
         *
         * @param path where in the data
         * @param message what is wrong
         * @throws NullPointerException if a component is null
         */
        public Problem {
            java.util.Objects.requireNonNull(path, "path");
            java.util.Objects.requireNonNull(message, "message");
        }

        /** {@return the path and the message, as in {@code stages[3].id: must not be blank}} */
        @Override
        public String toString() {
            return path + ": " + message;
        }
    }
}
