package dev.lifecycle.examples.data;

import static java.util.Objects.requireNonNull;

import dev.lifecycle.core.CustomerEvent;
import java.util.List;

/**
 * The events read from one event file together with the reconciliation of its rows: every data row (every line after
 * the header) was either used or rejected with its line number and reason. A used row gives one event, except that the
 * CDNOW rows of one customer on one day are merged into one purchase. Instances are immutable and thread-safe.
 *
 * @param events the events, in file order of their first row
 * @param rowsRead the number of data rows read, the header not counted
 * @param rowsUsed the number of rows that gave an event
 * @param rejections the rows that were not used, in file order
 * @param format the format the file was read as
 */
public record EventFile(
        List<CustomerEvent> events, long rowsRead, long rowsUsed, List<Rejection> rejections, Format format) {

    /**
     * Copies the lists and checks that the counts reconcile.
     *
     * @param events the events, at most one per used row
     * @param rowsRead the number of data rows read
     * @param rowsUsed the number of rows that gave an event
     * @param rejections the rows that were not used
     * @param format the format the file was read as
     * @throws NullPointerException if an argument is null or a list holds null
     * @throws IllegalArgumentException if {@code rowsRead} is not {@code rowsUsed} plus the number of rejections, or
     *     the number of events is above {@code rowsUsed}, or zero while {@code rowsUsed} is not
     */
    public EventFile {
        events = List.copyOf(events);
        rejections = List.copyOf(rejections);
        requireNonNull(format, "format");
        if (rowsRead != rowsUsed + rejections.size()) {
            throw new IllegalArgumentException("rowsRead must equal rowsUsed plus rejections but was " + rowsRead
                    + " against " + rowsUsed + " + " + rejections.size());
        }
        if (events.size() > rowsUsed || (events.isEmpty() && rowsUsed > 0)) {
            throw new IllegalArgumentException("events must hold between 1 and rowsUsed events when rows were used,"
                    + " none otherwise, but held " + events.size() + " for " + rowsUsed + " rows");
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

    /** The formats {@link EventFileReader} reads, told apart by their header line. */
    public enum Format {
        /**
         * The CDNOW master file: header {@code customer_id date number_of_cds dollar_value}, whitespace-separated
         * rows, each a purchase on a {@code yyyymmdd} day with its value in US dollars; the rows of one customer on one
         * day are one transaction.
         */
        CDNOW,
        /**
         * Comma-separated values with header {@code customer_id,timestamp,type,amount}: an ISO-8601 instant or a
         * {@code yyyy-MM-dd} day, an {@link dev.lifecycle.core.EventType} name in any case, and an optional amount in
         * US dollars.
         */
        CSV
    }
}
