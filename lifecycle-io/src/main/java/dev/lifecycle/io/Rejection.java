package dev.lifecycle.io;

import static java.util.Objects.requireNonNull;

/**
 * A row that was not used, with the reason. Instances are immutable and thread-safe.
 *
 * @param line the 1-based line number of the row in its file, the header being line 1 (the first line of a record
 *     whose quoted field spans lines), or the 1-based row number in a result set
 * @param reason why the row was rejected, one line of text
 */
public record Rejection(long line, String reason) {

    /**
     * Validates the components.
     *
     * @param line the 1-based line or row number, at least 1
     * @param reason why the row was rejected
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
