package dev.lifecycle.io;

import static dev.lifecycle.io.EventMapping.abbreviate;
import static dev.lifecycle.io.EventMapping.quote;
import static java.util.Objects.requireNonNull;

import dev.lifecycle.core.CustomerEvent;
import java.util.ArrayList;
import java.util.Arrays;
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
    /**
     * The rows whose event id was claimed, in order: their lines, ids, and whether they gave an event (false: rejected
     * after the claim); kept for {@link #joinTally} when an event-id column is mapped.
     */
    private long[] claimLines = new long[0];

    private String[] claimIds = new String[0];
    private boolean[] claimKept = new boolean[0];
    private int claims;
    /** The rejections of repeated event ids: their index in {@link #rejections} and the id. */
    private final List<Integer> duplicateAt = new ArrayList<>();

    private final List<String> duplicateIds = new ArrayList<>();

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
            if (eventIdColumn != null) {
                claimKept[claims - 1] = false;
            }
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
            duplicateAt.add(rejections.size());
            duplicateIds.add(eventId);
            reject(line, duplicate(eventId, earlier));
            return false;
        }
        if (claims == claimLines.length) {
            int n = Math.max(64, 2 * claims);
            claimLines = Arrays.copyOf(claimLines, n);
            claimIds = Arrays.copyOf(claimIds, n);
            claimKept = Arrays.copyOf(claimKept, n);
        }
        claimLines[claims] = line;
        claimIds[claims] = eventId;
        claimKept[claims] = true;
        claims++;
        return true;
    }

    /** {@return why a row whose event id an earlier line used is rejected} */
    private String duplicate(String eventId, long earlier) {
        return eventIdColumn + " " + quote(eventId) + " was used by line " + earlier
                + " already; each row must have its own event id";
    }

    /**
     * Joins the reconciliation of the next part of the same source, read on its own, to this one's (the parts before
     * it), so that the rows and rejections are those of reading both in one go: its rejections follow, a row whose
     * event id a part before used is rejected now (naming the first line that used it), and the rejections of ids
     * repeated within the part name that first line too. The part's events are not touched: the caller leaves out the
     * rows returned.
     *
     * @param later the next part, whose lines are numbered in the whole source
     * @return the rows of {@code later}'s events to leave out, ascending; null when the parts cannot be joined exactly
     *     (a row of {@code later} rejected after its id was claimed, whose id a part before used)
     */
    final int @Nullable [] joinTally(Tally later) {
        int[] dropped = new int[16];
        int drops = 0;
        List<Rejection> added = new ArrayList<>();
        if (eventIdColumn != null) {
            int row = 0;
            for (int c = 0; c < later.claims; c++) {
                String id = later.claimIds[c];
                long line = later.claimLines[c];
                Long earlier = eventIds.putIfAbsent(id, line);
                if (earlier != null) {
                    if (!later.claimKept[c]) {
                        return null;
                    }
                    if (drops == dropped.length) {
                        dropped = Arrays.copyOf(dropped, 2 * drops);
                    }
                    dropped[drops++] = row;
                    added.add(rejection(line, duplicate(id, earlier)));
                }
                if (later.claimKept[c]) {
                    row++;
                }
            }
            for (int d = 0; d < later.duplicateAt.size(); d++) {
                int at = later.duplicateAt.get(d);
                String id = later.duplicateIds.get(d);
                Rejection local = later.rejections.get(at);
                later.rejections.set(at, rejection(local.line(), duplicate(id, requireNonNull(eventIds.get(id)))));
            }
        }
        int from = 0;
        for (Rejection rejection : later.rejections) {
            while (from < added.size() && added.get(from).line() < rejection.line()) {
                rejections.add(added.get(from++));
            }
            rejections.add(rejection);
        }
        rejections.addAll(added.subList(from, added.size()));
        rowsRead += later.rowsRead;
        return Arrays.copyOf(dropped, drops);
    }

    final void reject(long line, IllegalArgumentException e) {
        reject(line, String.valueOf(e.getMessage()));
    }

    final void reject(long line, String reason) {
        rejections.add(rejection(line, reason));
        counted();
    }

    private static Rejection rejection(long line, String reason) {
        return new Rejection(line, abbreviate(reason, MAX_REASON_CHARS));
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
