package dev.lifecycle.io;

import static java.util.Objects.requireNonNull;

import dev.lifecycle.core.EventBatch;
import java.util.List;

/**
 * The events read from one source into an {@link EventBatch}, together with the reconciliation of its rows, as {@link
 * EventFile} gives it for event objects: every row was either used or rejected with its line number and reason. A used
 * row gives one event, except that the CDNOW rows of one customer on one day are merged into one purchase. Made by
 * {@link EventFileReader#readBatch(java.nio.file.Path)} and its siblings. Instances are immutable and thread-safe.
 *
 * @param batch the events, in source order of their first row
 * @param rowsRead the number of rows read, the header not counted
 * @param rowsUsed the number of rows that gave an event
 * @param rejections the rows that were not used, in source order
 * @param format the format the source was read as
 * @param ignoredColumns the header's columns that the mapping does not use, in header order (none for CDNOW)
 */
public record EventBatchFile(
        EventBatch batch,
        long rowsRead,
        long rowsUsed,
        List<Rejection> rejections,
        EventFile.Format format,
        List<String> ignoredColumns) {

    /**
     * Copies the lists and checks that the counts reconcile.
     *
     * @param batch the events, at most one per used row
     * @param rowsRead the number of rows read
     * @param rowsUsed the number of rows that gave an event
     * @param rejections the rows that were not used
     * @param format the format the source was read as
     * @param ignoredColumns the header's columns the mapping does not use
     * @throws NullPointerException if an argument is null or a list holds null
     * @throws IllegalArgumentException if {@code rowsRead} is not {@code rowsUsed} plus the number of rejections, or
     *     the batch holds more events than {@code rowsUsed}, or none while {@code rowsUsed} is not zero
     */
    public EventBatchFile {
        requireNonNull(batch, "batch");
        rejections = List.copyOf(rejections);
        ignoredColumns = List.copyOf(ignoredColumns);
        requireNonNull(format, "format");
        EventFile.checkCounts("batch", batch.size(), rowsRead, rowsUsed, rejections.size());
    }

    /** {@return the number of rejected rows} */
    public long rowsRejected() {
        return rejections.size();
    }

    /** {@return the number of used rows merged into the event of an earlier row (CDNOW rows of one customer and day)} */
    public long rowsMerged() {
        return rowsUsed - batch.size();
    }
}
