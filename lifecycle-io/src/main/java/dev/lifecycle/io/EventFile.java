package dev.lifecycle.io;

import static java.util.Objects.requireNonNull;

import dev.lifecycle.core.CustomerEvent;
import java.util.List;

/**
 * The events read from one source (a file or a result set) together with the reconciliation of its rows: every row was
 * either used or rejected with its line number and reason. A used row gives one event, except that the CDNOW rows of
 * one customer on one day are merged into one purchase. Instances are immutable and thread-safe.
 *
 * @param events the events, in source order of their first row
 * @param rowsRead the number of rows read, the header not counted
 * @param rowsUsed the number of rows that gave an event
 * @param rejections the rows that were not used, in source order
 * @param format the format the source was read as
 * @param ignoredColumns the header's columns that the mapping does not use, in header order (none for CDNOW), so that
 *     a user sees what was left out
 */
public record EventFile(
        List<CustomerEvent> events,
        long rowsRead,
        long rowsUsed,
        List<Rejection> rejections,
        Format format,
        List<String> ignoredColumns) {

    /**
     * Copies the lists and checks that the counts reconcile.
     *
     * @param events the events, at most one per used row
     * @param rowsRead the number of rows read
     * @param rowsUsed the number of rows that gave an event
     * @param rejections the rows that were not used
     * @param format the format the source was read as
     * @param ignoredColumns the header's columns the mapping does not use
     * @throws NullPointerException if an argument is null or a list holds null
     * @throws IllegalArgumentException if {@code rowsRead} is not {@code rowsUsed} plus the number of rejections, or
     *     the number of events is above {@code rowsUsed}, or zero while {@code rowsUsed} is not
     */
    public EventFile {
        events = List.copyOf(events);
        rejections = List.copyOf(rejections);
        ignoredColumns = List.copyOf(ignoredColumns);
        requireNonNull(format, "format");
        checkCounts("events", events.size(), rowsRead, rowsUsed, rejections.size());
    }

    /**
     * Checks that a source's counts reconcile: rows read = rows used + rejected, and between 1 and {@code rowsUsed}
     * events (the {@code what}) when rows were used, none otherwise. The one check of {@link EventFile} and {@link
     * EventBatchFile}.
     */
    static void checkCounts(String what, long events, long rowsRead, long rowsUsed, long rejected) {
        if (rowsRead != rowsUsed + rejected) {
            throw new IllegalArgumentException("rowsRead must equal rowsUsed plus rejections but was " + rowsRead
                    + " against " + rowsUsed + " + " + rejected);
        }
        if (events > rowsUsed || (events == 0 && rowsUsed > 0)) {
            throw new IllegalArgumentException(what + " must hold between 1 and rowsUsed events when rows were used,"
                    + " none otherwise, but held " + events + " for " + rowsUsed + " rows");
        }
    }

    /** {@return the number of rejected rows} */
    public long rowsRejected() {
        return rejections.size();
    }

    /** {@return the number of used rows merged into the event of an earlier row (CDNOW rows of one customer and day)} */
    public long rowsMerged() {
        return rowsUsed - events.size();
    }

    /** The formats {@link EventFileReader} reads. */
    public enum Format {
        /**
         * The CDNOW master file: header {@code customer_id date number_of_cds dollar_value}, whitespace-separated
         * rows, each a purchase on a {@code yyyymmdd} day with its value in US dollars; the rows of one customer on one
         * day are one transaction.
         */
        CDNOW,
        /** Delimiter-separated values (RFC 4180) with a header, read through an {@link EventMapping}. */
        CSV,
        /** The rows of a JDBC result set, read through an {@link EventMapping}. */
        JDBC
    }
}
