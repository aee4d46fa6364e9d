package dev.lifecycle.io;

import static dev.lifecycle.io.EventMapping.abbreviate;
import static dev.lifecycle.io.EventMapping.quote;

import dev.lifecycle.core.CustomerEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;
import org.jspecify.annotations.Nullable;

/**
 * The reconciliation of one source's rows, whatever keeps their events: the rows read, the rejections with their lines
 * and reasons, the event ids a mapped event-id column has given (a repeated one rejects its later row), and the
 * progress callback every {@value EventFileReader#PROGRESS_INTERVAL} rows. {@link EventFileReader}'s list of event
 * objects and its {@link BatchRows} both count through it, so that both give the same rejections for the same rows.
 * Not thread-safe.
 */
abstract class Tally {
    private static final int MAX_REASON_CHARS = 300;

    final EventFile.Format format;
    final List<String> ignored;
    final @Nullable String eventIdColumn;
    final List<Rejection> rejections = new ArrayList<>();
    private final Map<String, Long> eventIds = new HashMap<>();
    private final LongConsumer progress;
    long rowsRead;

    Tally(EventFile.Format format, List<String> ignored, @Nullable String eventIdColumn, LongConsumer progress) {
        this.format = format;
        this.ignored = ignored;
        this.eventIdColumn = eventIdColumn;
        this.progress = progress;
    }

    /** Keeps the event of a used row, or merges it into the event of an earlier row (CDNOW). */
    abstract void merge(CustomerEvent event);

    final void add(long line, RowResult result) {
        if (result instanceof RowResult.Accepted accepted) {
            add(line, accepted.event());
        } else {
            reject(line, ((RowResult.Rejected) result).reason());
        }
    }

    final void add(long line, CustomerEvent event) {
        if (!claim(line, event.eventId())) {
            return;
        }
        try {
            merge(event);
        } catch (IllegalArgumentException e) {
            reject(line, e);
            return;
        }
        counted();
    }

    /**
     * Records the event id of a row when an event-id column is mapped; an id used by an earlier row rejects this one.
     *
     * @return false if the row was rejected
     */
    final boolean claim(long line, String eventId) {
        if (eventIdColumn == null) {
            return true;
        }
        Long earlier = eventIds.putIfAbsent(eventId, line);
        if (earlier != null) {
            reject(
                    line,
                    eventIdColumn + " " + quote(eventId) + " was used by line " + earlier
                            + " already; each row must have its own event id");
            return false;
        }
        return true;
    }

    final void reject(long line, IllegalArgumentException e) {
        reject(line, String.valueOf(e.getMessage()));
    }

    final void reject(long line, String reason) {
        rejections.add(new Rejection(line, abbreviate(reason, MAX_REASON_CHARS)));
        counted();
    }

    /** Counts a row, used or rejected, and reports progress. */
    final void counted() {
        rowsRead++;
        if (rowsRead % EventFileReader.PROGRESS_INTERVAL == 0) {
            progress.accept(rowsRead);
        }
    }

    /** {@return the number of used rows} */
    final long rowsUsed() {
        return rowsRead - rejections.size();
    }
}
