package dev.lifecycle.examples.data;

import static java.util.Objects.requireNonNull;

/**
 * A line of an event file that was not used, with the reason. Instances are immutable and thread-safe.
 *
 * @param line the 1-based line number in the file; the header is line 1
 * @param reason why the line was rejected, one line of text
 */
public record Rejection(long line, String reason) {

    /**
     * Validates the components.
     *
     * @param line the 1-based line number, at least 1
     * @param reason why the line was rejected
     * @throws NullPointerException if {@code reason} is null
     * @throws IllegalArgumentException if {@code line} is below 1
     */
    public Rejection {
        requireNonNull(reason, "reason");
        if (line < 1) {
            throw new IllegalArgumentException("line must be at least 1 but was " + line);
        }
    }
}
