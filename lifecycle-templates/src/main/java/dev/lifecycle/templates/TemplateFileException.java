package dev.lifecycle.templates;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Thrown when a template file cannot be read into a template. Lists every problem found, not just the first, each with
 * the file, the path inside the document (such as {@code stages[3].id}), the line and column where it is, and what is
 * wrong: {@code shop.yaml:12:9: rules[0].when.count: expected a whole number but was 'two'}.
 */
public final class TemplateFileException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** The problems, in the order they were found. */
    private final List<Problem> problems;

    TemplateFileException(String source, List<Problem> problems, @Nullable Throwable cause) {
        super(message(source, problems), cause);
        this.problems = List.copyOf(problems);
    }

    private static String message(String source, List<Problem> problems) {
        return source + " has " + problems.size() + (problems.size() == 1 ? " problem:" : " problems:")
                + problems.stream().map(p -> "\n  " + p).collect(Collectors.joining());
    }

    /** {@return every problem found, in the order found; never empty} */
    public List<Problem> problems() {
        return problems;
    }

    /**
     * One problem in a template file.
     *
     * @param source the file name, or the source name given with the content
     * @param path where in the document, such as {@code stages[3].id} or {@code edits[0].add-rule.when.count}; empty
     *     for a problem with the file as a whole
     * @param line the line, from 1; 0 when unknown
     * @param column the column, from 1; 0 when unknown
     * @param message what is wrong and what was expected
     */
    public record Problem(String source, String path, int line, int column, String message) {
        /**
         * Checks the components.
         *
         * @param source the file name
         * @param path where in the document
         * @param line the line, or 0
         * @param column the column, or 0
         * @param message what is wrong
         * @throws NullPointerException if a component is null
         * @throws IllegalArgumentException if {@code line} or {@code column} is negative
         */
        public Problem {
            requireNonNull(source, "source");
            requireNonNull(path, "path");
            requireNonNull(message, "message");
            if (line < 0 || column < 0) {
                throw new IllegalArgumentException(
                        "line and column must not be negative but were " + line + " and " + column);
            }
        }

        /**
         * Returns the problem as one line, like a compiler's: {@code shop.yaml:12:9: stages[3].id: must not be
         * blank}, without line and column when they are unknown and without the path when it is empty.
         *
         * @return the problem as one line
         */
        @Override
        public String toString() {
            StringBuilder text = new StringBuilder(source);
            if (line > 0) {
                text.append(':').append(line);
                if (column > 0) {
                    text.append(':').append(column);
                }
            }
            text.append(": ");
            if (!path.isEmpty()) {
                text.append(path).append(": ");
            }
            return text.append(message).toString();
        }
    }
}
