package dev.lifecycle.io;

import static dev.lifecycle.io.EventMapping.abbreviate;
import static dev.lifecycle.io.EventMapping.quote;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.lifecycle.core.CustomerEvent;
import dev.lifecycle.core.EventBatch;
import dev.lifecycle.core.EventType;
import dev.lifecycle.core.Money;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;
import java.util.function.LongConsumer;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads customer events from a CSV export, a CDNOW-style purchase file or a JDBC result set, reporting each row that
 * cannot be used by its line (or row) number instead of giving up on the source.
 *
 * <p>Every row is either used or becomes a {@link Rejection} carrying its line number (the header is line 1) and the
 * reason, and the rest is still read, so that {@link EventFile#rowsRead()} always equals {@link EventFile#rowsUsed()}
 * plus the number of rejections. A blank line is a row too, and is rejected. The formats:
 *
 * <ul>
 *   <li>CSV (RFC 4180): a header naming the columns, then one record per row. A field may be quoted ({@code
 *       "1,000.00"} is one field, {@code ""} inside quotes is a quote, and a quoted field may hold line ends); the
 *       delimiter is a comma unless {@link #withDelimiter(char)} says otherwise. The header is matched by name, in any
 *       order and case, against the {@link EventMapping} ({@link EventMapping#defaults()} unless {@link
 *       #withMapping(EventMapping)} says otherwise): a mapped column missing from the header refuses the file before
 *       any row is read, and the columns the mapping does not use are listed in {@link EventFile#ignoredColumns()}. A
 *       record with another number of fields than the header is rejected; the mapping turns the others into events or
 *       rejections. An event id that a mapped event-id column repeats is rejected on its later rows.
 *   <li>CDNOW: told by its header {@code customer_id date number_of_cds dollar_value}, whatever the mapping;
 *       whitespace-separated rows, each a purchase at the start of its {@code yyyymmdd} day in UTC, with the dollar
 *       value as a USD amount (the data set's documented currency). The rows of one customer on one day are one
 *       transaction, as in the literature on this data: they give one {@link EventType#PURCHASE} with the sum of their
 *       dollar values, whose event id is that of its first row. The number of CDs must be a whole number of zero or
 *       more but is not carried by the event.
 *   <li>A JDBC result set ({@link #read(ResultSet, String)}): its column labels are the header; each row goes through
 *       the mapping, with timestamps, dates and decimals taken as typed values, so the database's own text forms do
 *       not matter.
 * </ul>
 *
 * <p>Generated event ids are {@code <source>-<line>}: the file name, or the source name given, and the row's line. A
 * line ends at LF, CR or CRLF, so line numbers are those an editor shows; a record whose quoted field holds line ends
 * is numbered by its first line. Each record is decoded as UTF-8 on its own: a record that is not UTF-8, or longer than
 * {@value #MAX_RECORD_BYTES} bytes, is rejected and the next records are still read. One exception: when a
 * quoted field is still open after {@value #MAX_RECORD_BYTES} bytes (a closing quote is missing, or a field is
 * huge), where its record ends cannot be told without reading the rest of the file into it, so reading stops there
 * with an {@link IllegalArgumentException} naming the line where the quote opened. A reason quotes at most 80
 * characters of a value. Instances are immutable and thread-safe; the progress callback is called on the reading
 * thread (on the reading threads, one call at a time, when {@link #readBatch(Path)} reads a file on several).
 *
 * <p><b>Into an {@link EventBatch}.</b> {@link #readBatch(Path)}, {@link #readBatch(InputStream, String)} and {@link
 * #readBatch(ResultSet, String)} read the same sources by the same rules into an {@link EventBatchFile}: the same rows
 * are used and rejected, with the same lines and reasons, CDNOW rows of a customer and day are merged as above, and the
 * batch's events are, row for row, the events {@code read} gives, but for generated ids. A CSV record or CDNOW line is
 * read from its bytes, without a {@code String} per field or an object per event: the customer is found by the bytes
 * of its id in a table of the reader's own (a customer met before costs no {@code String}), the type is matched as
 * bytes against the mapping's names, the amount is read as ASCII digits into minor units by the exact decimal rules of
 * {@link Money} (too many decimal places is a rejection, never rounding), and a timestamp in the common ISO-8601 forms
 * (a day, a local date-time in a zone of fixed offset, an instant with {@code Z}) is computed from its digits. A record
 * the byte path is not sure of (a byte outside ASCII, a doubled quote, a wrong field count, a value in a rarer form or
 * breaking a rule) is read by the text path of {@code read}, which gives its event or its rejection: the byte path
 * never rejects a row itself, so messages cannot drift apart. A JDBC driver makes an object per cell anyway; its rows
 * go through the text path, and the gain there is the batch's memory.
 *
 * <p><b>On several threads.</b> {@link #readBatch(Path)} reads a file on up to {@link #threads()} threads ({@link
 * #withThreads(int)}; the default is the common fork-join pool's parallelism plus the calling thread): it cuts the
 * rows after the header into parts at line ends (at least 1 MiB each; a CRLF is never cut in two), counts each part's
 * lines so that each numbers its lines as in the file, reads each part into a batch of its own on its own thread, and
 * joins the parts in file order with {@link EventBatch.Builder#addAll(EventBatch, int, int)}. The result is that of
 * reading on one thread, exactly: the same events row for row, the customers numbered in order of their first row in
 * the file, the same rejections with the same lines and reasons (a repeated event id is rejected on its later rows
 * whichever parts they fall in, the first in file order winning), CDNOW rows of one customer and day merged across
 * parts. A file is read in one go, on the calling thread, when it is smaller than two parts, when its header line
 * is not plain (a quote, or no line end within {@value #MAX_RECORD_BYTES} bytes), when a CSV file holds a quote
 * anywhere (a quoted field may hold a line end, so a part might start inside a record: a first pass over the parts
 * looks for quotes), or when a part met one of the batch's bounds (its currencies, a CDNOW day's total beyond a
 * {@code long}), whose rows depend on the rows before (found only after the parts are read: the file is then read
 * again in one go, and the progress starts over); a stream and a result set are read in one go. The parts' progress
 * is added up: the callback is called as often as reading in one go would, with the rows of all parts.
 *
 * <p><b>Event ids in a batch.</b> Only ids from a mapped event-id column are kept, one {@code String} per event (set
 * with {@link EventBatch.Builder#eventId(String)}, without an event object on the byte path); a generated id {@code
 * <source>-<line>} is not kept, so an event without a mapped id has none in the batch and {@link
 * EventBatch#event(int)} gives it a random one. This loses nothing: the id decides only ties between two answers of one
 * customer at one instant (NPS scores, attribute values), and a row of a file or result set carries neither, so the
 * profiles and classifications of the batch are those of the events {@code read} gives (the property tests check the
 * profiles). The format of generated ids stays as it is documented.
 *
 * <p>Limits of the batch: an amount of more minor units than a {@code long} holds (above about 9.2 * 10<sup>16</sup>
 * USD, which {@code read} accepts up to 10<sup>18</sup>) and a CDNOW day total beyond it are rejected with a message
 * saying so; a batch holds at most {@link EventBatch#MAX_EVENTS} events and amounts in at most {@link
 * EventBatch#MAX_CURRENCIES} currencies, a row beyond the currencies being rejected.
 */
public final class EventFileReader {
    /** How many rows are read between two calls of the progress callback. */
    public static final int PROGRESS_INTERVAL = 10_000;

    /** The most bytes of a record that are read; a longer record is rejected. */
    public static final int MAX_RECORD_BYTES = Records.MAX_RECORD_BYTES;

    static final String CDNOW_HEADER = "customer_id date number_of_cds dollar_value";

    /** The delimiters a CSV file may use, and their names in messages. */
    private static final Map<Character, String> DELIMITERS =
            Map.of(',', "comma", ';', "semicolon", '\t', "tab", '|', "vertical bar");

    private static final CsvFactory CSV = new CsvFactory();
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final DateTimeFormatter CDNOW_DATE =
            DateTimeFormatter.ofPattern("uuuuMMdd", Locale.ROOT).withResolverStyle(ResolverStyle.STRICT);

    /**
     * The rows per customer a reader guesses to size the table of customer ids before reading: a table that grows as
     * it reads moves every id at each doubling, at a cache miss each.
     */
    static final int ROWS_PER_CUSTOMER = 8;

    /** The bytes per row a reader guesses from a file's size to size the batch's columns before reading. */
    static final int GUESSED_ROW_BYTES = 40;

    /** The most threads {@link #withThreads(int)} takes. */
    public static final int MAX_THREADS = 1024;

    private final LongConsumer progress;
    private final EventMapping mapping;
    private final char delimiter;
    private final CsvSchema schema;
    /** The threads of {@link #readBatch(Path)}; 0 for the default. */
    private final int threads;
    /** The bytes of rows per part of {@link #readBatch(Path)}; 0 for the file's rows over the threads. */
    private final long partBytes;

    private EventFileReader(LongConsumer progress, EventMapping mapping, char delimiter, int threads, long partBytes) {
        this.progress = progress;
        this.mapping = mapping;
        this.delimiter = delimiter;
        this.schema = CsvSchema.emptySchema().withColumnSeparator(delimiter);
        this.threads = threads;
        this.partBytes = partBytes;
    }

    /**
     * Returns a reader with the {@linkplain EventMapping#defaults() default mapping}, comma-separated CSV, and no
     * progress reporting.
     *
     * @return the reader
     */
    public static EventFileReader create() {
        return new EventFileReader(rows -> {}, EventMapping.defaults(), ',', 0, 0);
    }

    /**
     * Returns a reader like this one that calls {@code progress} with the number of rows read so far after every
     * {@value #PROGRESS_INTERVAL} rows, for showing progress on large files.
     *
     * @param progress the callback, given the rows read so far (the header not counted)
     * @return the new reader
     * @throws NullPointerException if {@code progress} is null
     */
    public EventFileReader withProgress(LongConsumer progress) {
        return new EventFileReader(requireNonNull(progress, "progress"), mapping, delimiter, threads, partBytes);
    }

    /**
     * Returns a reader like this one that maps CSV columns and result set columns with {@code mapping}.
     *
     * @param mapping the mapping
     * @return the new reader
     * @throws NullPointerException if {@code mapping} is null
     */
    public EventFileReader withMapping(EventMapping mapping) {
        return new EventFileReader(progress, requireNonNull(mapping, "mapping"), delimiter, threads, partBytes);
    }

    /**
     * Returns a reader like this one whose CSV fields are separated by {@code delimiter}.
     *
     * @param delimiter a comma (the default), a semicolon or a tab (common in European exports), or a vertical bar
     * @return the new reader
     * @throws IllegalArgumentException if the delimiter is another character
     */
    public EventFileReader withDelimiter(char delimiter) {
        if (!DELIMITERS.containsKey(delimiter)) {
            throw new IllegalArgumentException("delimiter must be ',', ';', '|' or a tab but was "
                    + (Character.isISOControl(delimiter)
                            ? String.format(Locale.ROOT, "the control character U+%04X", (int) delimiter)
                            : "'" + delimiter + "'"));
        }
        return new EventFileReader(progress, mapping, delimiter, threads, partBytes);
    }

    /**
     * Returns a reader like this one whose {@link #readBatch(Path)} reads a file on up to {@code threads} threads: the
     * calling thread and threads of the {@linkplain ForkJoinPool#commonPool() common fork-join pool}. The default is
     * the common pool's parallelism plus one (the calling thread); 1 reads on the calling thread alone.
     *
     * @param threads 1 to {@value #MAX_THREADS}
     * @return the new reader
     * @throws IllegalArgumentException if {@code threads} is outside 1..{@value #MAX_THREADS}
     */
    public EventFileReader withThreads(int threads) {
        if (threads < 1 || threads > MAX_THREADS) {
            throw new IllegalArgumentException("threads must lie in 1.." + MAX_THREADS + " but was " + threads);
        }
        return new EventFileReader(progress, mapping, delimiter, threads, partBytes);
    }

    /**
     * Returns a reader like this one that cuts a file's rows into parts of {@code partBytes} bytes or a little more
     * (up to the next line end), however small; 0 for the default, the rows over the threads but at least {@link
     * FileParts#MIN_PART_BYTES} per part. For tests, which cut small files into many parts.
     */
    EventFileReader withPartBytes(long partBytes) {
        if (partBytes < 0) {
            throw new IllegalArgumentException("partBytes must not be negative but was " + partBytes);
        }
        return new EventFileReader(progress, mapping, delimiter, threads, partBytes);
    }

    /** {@return the most threads {@link #readBatch(Path)} reads a file on} */
    public int threads() {
        return threads > 0 ? threads : ForkJoinPool.getCommonPoolParallelism() + 1;
    }

    /** {@return the mapping of CSV and result set columns} */
    public EventMapping mapping() {
        return mapping;
    }

    /** {@return the delimiter of CSV fields} */
    public char delimiter() {
        return delimiter;
    }

    /**
     * Reads an event file, telling CDNOW from CSV by the header line. Generated event ids start with the file's name.
     *
     * @param file the file, UTF-8
     * @return the events and the reconciliation of the rows
     * @throws NullPointerException if {@code file} is null
     * @throws IOException if the file is a directory or cannot be read
     * @throws IllegalArgumentException if the file is empty, its header lacks a mapped column, or a quoted field is
     *     still open after {@value #MAX_RECORD_BYTES} bytes
     */
    public EventFile read(Path file) throws IOException {
        requireNonNull(file, "file");
        if (Files.isDirectory(file)) {
            throw new IOException("cannot read event file '" + file + "': it is a directory");
        }
        Path name = file.getFileName();
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString(), name == null ? file.toString() : name.toString());
        } catch (IOException e) {
            throw new IOException("cannot read event file '" + file + "': " + IoProblem.describe(e), e);
        }
    }

    /**
     * Reads events from a byte stream, telling CDNOW from CSV by the header line. The stream is read to its end (or to
     * a quoted field open beyond the bound) and not closed.
     *
     * @param in the bytes of the file, UTF-8
     * @param source the name of the source, used in messages and generated event ids ({@code <source>-<line>})
     * @return the events and the reconciliation of the rows
     * @throws NullPointerException if an argument is null
     * @throws IOException if reading fails
     * @throws IllegalArgumentException if the stream is empty, its header lacks a mapped column, or a quoted field is
     *     still open after {@value #MAX_RECORD_BYTES} bytes
     */
    public EventFile read(InputStream in, String source) throws IOException {
        requireNonNull(in, "in");
        requireNonNull(source, "source");
        return read(in, source, source);
    }

    private EventFile read(InputStream in, String source, String idSource) throws IOException {
        return ((Rows) readStream(in, source, idSource, false, 1024)).toFile();
    }

    /**
     * Reads an event file into an {@link EventBatch}, telling CDNOW from CSV by the header line, by the rules of {@link
     * #read(Path)}: the same rows are used, the same rows rejected with the same lines and reasons, and the batch's
     * events are those {@link #read(Path)} gives, row for row, but for ids (see the class javadoc). A large file is read
     * on up to {@link #threads()} threads, with the result of reading it on one; a CSV file with quotes is read on one
     * (see "On several threads" in the class javadoc).
     *
     * @param file the file, UTF-8
     * @return the batch and the reconciliation of the rows
     * @throws NullPointerException if {@code file} is null
     * @throws IOException if the file is a directory or cannot be read
     * @throws IllegalArgumentException if the file is empty, its header lacks a mapped column, or a quoted field is
     *     still open after {@value #MAX_RECORD_BYTES} bytes
     */
    public EventBatchFile readBatch(Path file) throws IOException {
        requireNonNull(file, "file");
        if (Files.isDirectory(file)) {
            throw new IOException("cannot read event file '" + file + "': it is a directory");
        }
        Path name = file.getFileName();
        String idSource = name == null ? file.toString() : name.toString();
        try {
            EventBatchFile inParts = readInParts(file, idSource);
            if (inParts != null) {
                return inParts;
            }
            try (InputStream in = Files.newInputStream(file)) {
                long rows = Math.max(1024, Files.size(file) / GUESSED_ROW_BYTES);
                return ((BatchRows) readStream(in, file.toString(), idSource, true, (int) Math.min(rows, 1L << 26)))
                        .toBatchFile();
            }
        } catch (IOException e) {
            throw new IOException("cannot read event file '" + file + "': " + IoProblem.describe(e), e);
        }
    }

    /**
     * Reads events from a byte stream into an {@link EventBatch}, by the rules of {@link #read(InputStream, String)}.
     * The stream is read to its end (or to a quoted field open beyond the bound) and not closed.
     *
     * @param in the bytes of the file, UTF-8
     * @param source the name of the source, used in messages
     * @return the batch and the reconciliation of the rows
     * @throws NullPointerException if an argument is null
     * @throws IOException if reading fails
     * @throws IllegalArgumentException if the stream is empty, its header lacks a mapped column, or a quoted field is
     *     still open after {@value #MAX_RECORD_BYTES} bytes
     */
    public EventBatchFile readBatch(InputStream in, String source) throws IOException {
        requireNonNull(in, "in");
        requireNonNull(source, "source");
        return ((BatchRows) readStream(in, source, source, true, 1024)).toBatchFile();
    }

    /**
     * Reads the header and the rows of a stream into event objects or, with {@code batch}, into a batch whose columns
     * start with room for {@code expectedRows}.
     */
    private Tally readStream(InputStream in, String source, String idSource, boolean batch, int expectedRows)
            throws IOException {
        String what = "event file '" + source + "'";
        Records records = new Records(in);
        records.quoting(true, (byte) delimiter);
        Layout layout = layout(records.next(), what);
        Tally rows = tally(layout, batch, progress, expectedRows, expectedRows);
        readRows(records, layout, rows, idSource, what);
        return rows;
    }

    /**
     * Reads a file's rows in parts on several threads into one batch, as {@link #readStream} reads them in one go:
     * the file is cut into parts at line ends ({@link FileParts}), each part is read into a batch of its own, with its
     * lines numbered as in the whole file, and the parts are joined in file order ({@link BatchRows#join}).
     *
     * @return the batch, or null when the file is to be read in one go: one thread or one part, a header this method
     *     does not read (it lets the one-pass read give the same result or error), a CSV file with a quote anywhere
     *     (a quoted field may hold a line end, so a part might start inside a record), or parts that cannot be joined
     *     exactly
     */
    @Nullable
    EventBatchFile readInParts(Path file, String idSource) throws IOException {
        int workers = threads();
        if (workers == 1 && partBytes == 0) {
            return null;
        }
        String what = "event file '" + file + "'";
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            ByteBuffer head = ByteBuffer.allocate((int) Math.min(size, MAX_RECORD_BYTES + 2L));
            while (head.hasRemaining() && channel.read(head, head.position()) > 0) {
                // reads the start of the file: the header line
            }
            byte[] bytes = head.array();
            int headerEnd = -1;
            for (int i = 0; i < head.position() && headerEnd < 0; i++) {
                byte b = bytes[i];
                if (b == '"') {
                    return null;
                }
                if (b == '\n') {
                    headerEnd = i + 1;
                } else if (b == '\r') {
                    if (i + 1 == head.position()) {
                        return null;
                    }
                    headerEnd = i + (bytes[i + 1] == '\n' ? 2 : 1);
                }
            }
            if (headerEnd < 0) {
                return null;
            }
            long rowBytes = size - headerEnd;
            long part =
                    partBytes > 0 ? partBytes : Math.max(FileParts.MIN_PART_BYTES, -Math.floorDiv(-rowBytes, workers));
            if (rowBytes <= part) {
                return null;
            }
            Layout layout;
            try {
                Records header = new Records(new ByteArrayInputStream(bytes, 0, headerEnd));
                header.quoting(true, (byte) delimiter);
                layout = layout(header.next(), what);
            } catch (IllegalArgumentException e) {
                return null;
            }
            FileParts parts = FileParts.cut(channel, headerEnd, part);
            List<Long> lines = parts.inParallel(workers, p -> parts.scan(p, layout.bound() != null));
            long[] linesBefore = new long[parts.count()];
            long before = 1;
            for (int p = 0; p < parts.count(); p++) {
                if (lines.get(p) < 0) {
                    return null;
                }
                linesBefore[p] = before;
                before += lines.get(p);
            }
            long allLines = before;
            FileParts.Progress shared = new FileParts.Progress(progress);
            List<BatchRows> read = parts.inParallel(workers, p -> {
                Records records = new Records(parts.part(p), linesBefore[p]);
                records.quoting(true, (byte) delimiter);
                // the first part's batch takes the others' rows: its columns start at the file's size
                long expected = p == 0 ? allLines : lines.get(p) + 1;
                BatchRows rows =
                        (BatchRows) tally(layout, true, shared, (int) Math.min(expected, 1L << 28), lines.get(p));
                readRows(records, layout, rows, idSource, what);
                shared.add(rows.rowsRead % PROGRESS_INTERVAL);
                return rows;
            });
            BatchRows joined = read.get(0);
            for (int p = 1; p < read.size(); p++) {
                if (!joined.join(read.get(p))) {
                    return null;
                }
            }
            return joined.toBatchFile();
        }
    }

    /**
     * What a source's header says: a CDNOW file (no bound mapping), or rows read through the mapping bound to the
     * header.
     */
    private record Layout(EventMapping.@Nullable Bound bound) {}

    /** Reads the header: CDNOW, or the mapping bound to it; refuses a missing or unusable header. */
    private Layout layout(Records.@Nullable Record header, String what) {
        if (header == null) {
            throw new IllegalArgumentException(what + " is empty; its first line must be a header naming the columns "
                    + String.join(
                            delimiter == ',' ? "," : String.valueOf(delimiter),
                            mapping.columns().values())
                    + ", or the CDNOW header '" + CDNOW_HEADER + "'");
        }
        String headerText = headerText(header, what);
        if (String.join(" ", WHITESPACE.split(headerText.strip())).equalsIgnoreCase(CDNOW_HEADER)) {
            return new Layout(null);
        }
        try {
            return new Layout(mapping.bind(header(headerText, what), what));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    e.getMessage() + " (a CDNOW file's header is '" + CDNOW_HEADER + "')", e);
        }
    }

    /**
     * {@return where the rows of a source of this layout go: a batch (whose columns start with room for {@code
     * expectedRows}, of a customer per {@link #ROWS_PER_CUSTOMER} of the {@code rowsRead} this reader reads), or event
     * objects}
     */
    private Tally tally(Layout layout, boolean batch, LongConsumer progress, int expectedRows, long rowsRead) {
        EventMapping.Bound bound = layout.bound();
        if (bound == null) {
            return batch ? new BatchRows(progress) : new Rows(EventFile.Format.CDNOW, List.of(), null, progress);
        }
        return batch
                ? new BatchRows(EventFile.Format.CSV, mapping, bound, delimiter, progress, expectedRows, (int)
                        Math.min(rowsRead / ROWS_PER_CUSTOMER, 1L << 26))
                : new Rows(
                        EventFile.Format.CSV, bound.ignored(), mapping.columns().get("event id"), progress);
    }

    /** Reads the rows after the header, each into {@code rows}: its event or its rejection. */
    private void readRows(Records records, Layout layout, Tally rows, String idSource, String what) throws IOException {
        BatchRows fast = rows instanceof BatchRows batchRows ? batchRows : null;
        EventMapping.Bound bound = layout.bound();
        if (bound == null) {
            records.quoting(false, (byte) delimiter);
            while (records.advance()) {
                long line = records.line();
                if (fast != null && records.isComplete() && fast.cdnow(records.bytes(), records.length(), line)) {
                    continue;
                }
                CustomerEvent event;
                try {
                    event = cdnowRow(text(records.current()), idSource, line);
                } catch (IllegalArgumentException e) {
                    rows.reject(line, e);
                    continue;
                }
                rows.add(line, event);
            }
            return;
        }
        while (records.advance()) {
            long line = records.line();
            if (fast != null && records.isComplete() && fast.csv(records.bytes(), records.length(), line)) {
                continue;
            }
            Records.Record record = records.current();
            checkFinished(record, what);
            RowResult result;
            try {
                result = csvRow(bound, text(record), idSource, line);
            } catch (IllegalArgumentException e) {
                rows.reject(line, e);
                continue;
            }
            rows.add(line, result);
        }
        if (fast != null) {
            fast.flush();
        }
    }

    /**
     * Reads events from the rows of a JDBC result set, through the mapping: the column labels are the header, matched
     * in any case. Timestamp, timestamp-with-time-zone, date and decimal columns are read as typed values (so a
     * {@code TIMESTAMP} is a local date-time in the mapping's zone), every other column as text; SQL {@code NULL} is an
     * empty value. A row's number, 1 for the first row, stands for the line in rejections and generated event ids. The
     * result set is read to its end and not closed.
     *
     * @param rows the result set, before its first row
     * @param source the name of the source, such as the table, used in messages and generated event ids
     * @return the events and the reconciliation of the rows
     * @throws NullPointerException if an argument is null
     * @throws SQLException if the driver fails to give the rows
     * @throws IllegalArgumentException if the result set lacks a mapped column
     */
    public EventFile read(ResultSet rows, String source) throws SQLException {
        requireNonNull(rows, "rows");
        requireNonNull(source, "source");
        return ((Rows) readRows(rows, source, false)).toFile();
    }

    /**
     * Reads events from the rows of a JDBC result set into an {@link EventBatch}, by the rules of {@link
     * #read(ResultSet, String)}: the same rows used and rejected, the same events row for row but for generated ids.
     * The driver still makes an object per cell; the gain is the batch's memory, not the speed of reading. The result
     * set is read to its end and not closed.
     *
     * @param rows the result set, before its first row
     * @param source the name of the source, such as the table, used in messages
     * @return the batch and the reconciliation of the rows
     * @throws NullPointerException if an argument is null
     * @throws SQLException if the driver fails to give the rows
     * @throws IllegalArgumentException if the result set lacks a mapped column
     */
    public EventBatchFile readBatch(ResultSet rows, String source) throws SQLException {
        requireNonNull(rows, "rows");
        requireNonNull(source, "source");
        return ((BatchRows) readRows(rows, source, true)).toBatchFile();
    }

    private Tally readRows(ResultSet rows, String source, boolean batch) throws SQLException {
        ResultSetMetaData meta = rows.getMetaData();
        int width = meta.getColumnCount();
        List<String> labels = new ArrayList<>(width);
        int[] types = new int[width];
        for (int i = 0; i < width; i++) {
            labels.add(meta.getColumnLabel(i + 1));
            types[i] = meta.getColumnType(i + 1);
        }
        EventMapping.Bound bound = mapping.bind(labels, "result set '" + source + "'");
        Tally read = batch
                ? new BatchRows(EventFile.Format.JDBC, mapping, bound, delimiter, progress, 1024, 1024)
                : new Rows(
                        EventFile.Format.JDBC,
                        bound.ignored(),
                        mapping.columns().get("event id"),
                        progress);
        long number = 0;
        while (rows.next()) {
            number++;
            List<String> values = new ArrayList<>(width);
            try {
                for (int i = 0; i < width; i++) {
                    values.add(bound.isMapped(i) ? cell(rows, i + 1, types[i], labels.get(i)) : "");
                }
            } catch (IllegalArgumentException e) {
                read.reject(number, e);
                continue;
            }
            read.add(number, bound.map(values, source, number));
        }
        return read;
    }

    /** A cell as the mapping reads it: typed values in their ISO form, the rest as the driver's text. */
    private static String cell(ResultSet rows, int column, int type, String label) throws SQLException {
        Object value;
        try {
            value = switch (type) {
                case Types.TIMESTAMP -> rows.getObject(column, LocalDateTime.class);
                case Types.TIMESTAMP_WITH_TIMEZONE -> rows.getObject(column, OffsetDateTime.class);
                case Types.DATE -> rows.getObject(column, LocalDate.class);
                case Types.DECIMAL, Types.NUMERIC -> rows.getBigDecimal(column);
                default -> rows.getString(column);
            };
        } catch (SQLException e) {
            if (rows.isClosed()) {
                throw e;
            }
            throw new IllegalArgumentException(
                    label + ": the driver cannot give the value: " + abbreviate(String.valueOf(e.getMessage()), 200),
                    e);
        }
        // BigDecimal's toString keeps an exponent, which Money bounds before any expansion
        return value == null ? "" : value instanceof BigDecimal decimal ? decimal.toString() : value.toString();
    }

    /** The used and rejected rows of one source, and its events as objects. */
    private static final class Rows extends Tally {
        private final List<CustomerEvent> events = new ArrayList<>();
        private final @Nullable Map<CustomerDay, Integer> byCustomerDay;

        Rows(EventFile.Format format, List<String> ignored, @Nullable String eventIdColumn, LongConsumer progress) {
            super(format, ignored, eventIdColumn, progress);
            this.byCustomerDay = format == EventFile.Format.CDNOW ? new HashMap<>() : null;
        }

        EventFile toFile() {
            return new EventFile(events, rowsRead, rowsUsed(), rejections, format, ignored);
        }

        /**
         * Adds the event of a row or, for CDNOW, merges it into the transaction of its customer and day, the
         * convention of the literature on this data.
         */
        @Override
        void merge(CustomerEvent event) {
            if (byCustomerDay == null) {
                events.add(event);
                return;
            }
            CustomerDay key = new CustomerDay(event.customerId(), event.timestamp());
            Integer at = byCustomerDay.get(key);
            if (at == null) {
                byCustomerDay.put(key, events.size());
                events.add(event);
                return;
            }
            CustomerEvent first = events.get(at);
            Money total;
            try {
                total = first.amount().orElseThrow().plus(event.amount().orElseThrow());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "dollar_value: the day's total of customer " + quote(first.customerId()) + " would break the"
                                + " bound: " + e.getMessage(),
                        e);
            }
            events.set(at, first.withAmount(total));
        }
    }

    /** A customer and the day of a CDNOW row (its timestamp, the start of the day). */
    private record CustomerDay(String customerId, Instant day) {}

    private static String headerText(Records.Record header, String what) {
        if (header instanceof Records.Unreadable unreadable) {
            throw new IllegalArgumentException(what + " has no header: line 1 " + unreadable.rule());
        }
        if (header instanceof Records.Unfinished unfinished) {
            throw unfinished(unfinished, what);
        }
        return EventMapping.stripBom(((Records.Text) header).text());
    }

    private List<String> header(String text, String what) {
        try {
            return fields(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + ": the header (line 1) " + e.getMessage(), e);
        }
    }

    /** The text of a record, or why it is rejected. */
    private static String text(Records.Record record) {
        if (record instanceof Records.Unreadable unreadable) {
            throw new IllegalArgumentException(unreadable.reason());
        }
        return ((Records.Text) record).text();
    }

    /** Refuses the rest of the file when a record cannot end within the bound. */
    private static void checkFinished(Records.Record record, String what) {
        if (record instanceof Records.Unfinished unfinished) {
            throw unfinished(unfinished, what);
        }
    }

    private static IllegalArgumentException unfinished(Records.Unfinished record, String what) {
        return new IllegalArgumentException(what + ": the quoted field opened on line " + record.quoteLine()
                + " is still open at line " + record.atLine() + ", after " + MAX_RECORD_BYTES + " bytes of its record,"
                + " the most a record may have; reading stopped there, since where the record ends is unknown (is a"
                + " closing quote missing?)");
    }

    private RowResult csvRow(EventMapping.Bound bound, String text, String source, long line) {
        if (text.isBlank()) {
            throw new IllegalArgumentException("line is blank");
        }
        List<String> fields;
        try {
            fields = fields(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("record " + e.getMessage(), e);
        }
        if (fields.size() != bound.width()) {
            throw new IllegalArgumentException("expected " + bound.width() + " " + DELIMITERS.get(delimiter)
                    + "-separated fields, as the header has, but found " + fields.size());
        }
        return bound.map(fields, source, line);
    }

    /** Splits one record into its fields with Jackson's CSV parser: quotes, doubled quotes, the delimiter. */
    private List<String> fields(String record) {
        List<String> fields = new ArrayList<>();
        try (CsvParser parser = CSV.createParser(record)) {
            parser.setSchema(schema);
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw new IllegalArgumentException("is blank");
            }
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
                fields.add(parser.getText());
            }
            if (parser.nextToken() != null) {
                throw new IllegalArgumentException("holds more than one CSV record");
            }
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("is not valid CSV: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            // the parser reads a string in memory; no input or output happens
            throw new IllegalStateException(e);
        }
        return fields;
    }

    private static CustomerEvent cdnowRow(String line, String source, long lineNumber) {
        String stripped = line.strip();
        if (stripped.isEmpty()) {
            throw new IllegalArgumentException("line is blank");
        }
        String[] fields = WHITESPACE.split(stripped);
        if (fields.length != 4) {
            throw new IllegalArgumentException(
                    "expected 4 whitespace-separated fields (" + CDNOW_HEADER + ") but found " + fields.length);
        }
        Instant day;
        try {
            day = LocalDate.parse(fields[1], CDNOW_DATE)
                    .atStartOfDay(ZoneOffset.UTC)
                    .toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("date must be a day yyyymmdd but was " + quote(fields[1]), e);
        }
        long cds;
        try {
            cds = Long.parseLong(fields[2]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("number_of_cds must be a whole number but was " + quote(fields[2]), e);
        }
        if (cds < 0) {
            throw new IllegalArgumentException("number_of_cds must not be negative but was " + cds);
        }
        Money dollars;
        try {
            dollars = Money.of(fields[3], "USD");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("dollar_value: " + e.getMessage(), e);
        }
        return CustomerEvent.builder(fields[0], EventType.PURCHASE, day)
                .eventId(source + "-" + lineNumber)
                .amount(dollars)
                .build();
    }
}
