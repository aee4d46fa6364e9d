package dev.lifecycle.examples.data;

import static java.util.Objects.requireNonNull;

import dev.lifecycle.core.CustomerEvent;
import dev.lifecycle.core.EventType;
import dev.lifecycle.core.Money;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.LongConsumer;
import java.util.regex.Pattern;

/**
 * Reads customer events from a CDNOW-style purchase file or a simple CSV event file, reporting each malformed line by
 * its number instead of giving up on the file.
 *
 * <p>The format is told by the header line (see {@link EventFile.Format}). Every line after the header is one row: it
 * either gives one event or becomes a {@link Rejection} carrying its line number (the header is line 1) and the
 * reason, and the rest of the file is still read, so that {@link EventFile#rowsRead()} always equals {@link
 * EventFile#rowsUsed()} plus the number of rejections. A blank line is a row too, and is rejected.
 *
 * <ul>
 *   <li>CDNOW: whitespace-separated {@code customer_id date number_of_cds dollar_value}; each row is a {@link
 *       EventType#PURCHASE} at the start of its {@code yyyymmdd} day in UTC, with the dollar value as a USD amount.
 *       The number of CDs must be a whole number of zero or more but is not carried by the event. Event ids are
 *       {@code cdnow-<line>}.
 *   <li>CSV: {@code customer_id,timestamp,type,amount}; the timestamp is an ISO-8601 instant such as {@code
 *       2024-03-01T10:15:30Z} or a day {@code yyyy-MM-dd}, read as its start in UTC; the type is an {@link EventType}
 *       name in any case ({@code CUSTOM} and {@code NPS_ANSWER} need data this format does not carry and are
 *       rejected); the amount is empty or a decimal number of US dollars, zero or more, with at most two decimal
 *       places, and only on purchases and refunds. Event ids are {@code csv-<line>}.
 * </ul>
 *
 * <p>Files are read as UTF-8 with LF or CRLF line endings. Ids are deterministic, so reading a file twice gives equal
 * events; ids of two different files of the same format can collide. Instances are immutable and thread-safe; the
 * progress callback is called on the reading thread.
 */
public final class EventFileReader {
    /** How many rows are read between two calls of the progress callback. */
    public static final int PROGRESS_INTERVAL = 10_000;

    static final String BUNDLED_CDNOW = "/data/cdnow/CDNOW_master.txt";
    static final String CDNOW_HEADER = "customer_id date number_of_cds dollar_value";
    static final String CSV_HEADER = "customer_id,timestamp,type,amount";

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final DateTimeFormatter CDNOW_DATE =
            DateTimeFormatter.ofPattern("uuuuMMdd", Locale.ROOT).withResolverStyle(ResolverStyle.STRICT);
    private static final LongConsumer NO_PROGRESS = rows -> {};

    private final LongConsumer progress;

    private EventFileReader(LongConsumer progress) {
        this.progress = progress;
    }

    /**
     * Returns a reader that reports no progress.
     *
     * @return the reader
     */
    public static EventFileReader create() {
        return new EventFileReader(NO_PROGRESS);
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
        return new EventFileReader(requireNonNull(progress, "progress"));
    }

    /**
     * Returns the bundled CDNOW master file (69,659 purchases of 23,570 customers, 1997-01-01 to 1998-06-30), read
     * without progress reporting. See {@code data/cdnow/PROVENANCE.md} among the resources for its source and licence.
     *
     * @return the events and the reconciliation of the rows
     * @throws IllegalStateException if the resource is missing from the class path
     * @throws UncheckedIOException if the resource cannot be read
     */
    public static EventFile bundledCdnow() {
        return create().readResource(BUNDLED_CDNOW);
    }

    /**
     * Reads an event file, telling its format by the header line.
     *
     * @param file the file, UTF-8
     * @return the events and the reconciliation of the rows
     * @throws NullPointerException if {@code file} is null
     * @throws IOException if the file cannot be read
     * @throws IllegalArgumentException if the file is empty or its first line is neither known header
     */
    public EventFile read(Path file) throws IOException {
        requireNonNull(file, "file");
        BufferedReader in;
        try {
            in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IOException("cannot read event file '" + file + "': " + e, e);
        }
        try (in) {
            return read(in, file.toString());
        }
    }

    /**
     * Reads events from a character stream, telling its format by the header line. The stream is read to its end and
     * not closed.
     *
     * @param reader the characters of the file
     * @param source the name of the source, used in error messages
     * @return the events and the reconciliation of the rows
     * @throws NullPointerException if an argument is null
     * @throws IOException if reading fails
     * @throws IllegalArgumentException if the stream is empty or its first line is neither known header
     */
    public EventFile read(Reader reader, String source) throws IOException {
        requireNonNull(reader, "reader");
        requireNonNull(source, "source");
        BufferedReader in = reader instanceof BufferedReader buffered ? buffered : new BufferedReader(reader);
        String header = in.readLine();
        if (header == null) {
            throw new IllegalArgumentException("event file '" + source + "' is empty; its first line must be the"
                    + " header '" + CDNOW_HEADER + "' or '" + CSV_HEADER + "'");
        }
        EventFile.Format format = formatOf(header, source);
        List<CustomerEvent> events = new ArrayList<>();
        List<Rejection> rejections = new ArrayList<>();
        long rowsRead = 0;
        long lineNumber = 1;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            lineNumber++;
            rowsRead++;
            try {
                events.add(format == EventFile.Format.CDNOW ? cdnowRow(line, lineNumber) : csvRow(line, lineNumber));
            } catch (IllegalArgumentException e) {
                rejections.add(new Rejection(lineNumber, String.valueOf(e.getMessage())));
            }
            if (rowsRead % PROGRESS_INTERVAL == 0) {
                progress.accept(rowsRead);
            }
        }
        return new EventFile(events, rowsRead, events.size(), rejections, format);
    }

    EventFile readResource(String resource) {
        InputStream stream = EventFileReader.class.getResourceAsStream(resource);
        if (stream == null) {
            throw new IllegalStateException("resource '" + resource + "' is not on the class path");
        }
        try (Reader reader = new InputStreamReader(stream, StandardCharsets.UTF_8)) {
            return read(reader, resource);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource '" + resource + "': " + e, e);
        }
    }

    private static EventFile.Format formatOf(String header, String source) {
        String stripped = stripBom(header).strip();
        if (String.join(" ", WHITESPACE.split(stripped)).equalsIgnoreCase(CDNOW_HEADER)) {
            return EventFile.Format.CDNOW;
        }
        if (stripped.replace(" ", "").equalsIgnoreCase(CSV_HEADER)) {
            return EventFile.Format.CSV;
        }
        throw new IllegalArgumentException("event file '" + source + "' has no header: line 1 must be '" + CDNOW_HEADER
                + "' or '" + CSV_HEADER + "' but was '" + abbreviate(header) + "'");
    }

    private static CustomerEvent cdnowRow(String line, long lineNumber) {
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
            throw new IllegalArgumentException("date must be a day yyyymmdd but was '" + fields[1] + "'", e);
        }
        long cds;
        try {
            cds = Long.parseLong(fields[2]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("number_of_cds must be a whole number but was '" + fields[2] + "'", e);
        }
        if (cds < 0) {
            throw new IllegalArgumentException("number_of_cds must not be negative but was " + cds);
        }
        return CustomerEvent.builder(fields[0], EventType.PURCHASE, day)
                .eventId("cdnow-" + lineNumber)
                .amount(dollars(fields[3], "dollar_value"))
                .build();
    }

    private static CustomerEvent csvRow(String line, long lineNumber) {
        if (line.isBlank()) {
            throw new IllegalArgumentException("line is blank");
        }
        String[] fields = line.split(",", -1);
        if (fields.length != 4) {
            throw new IllegalArgumentException(
                    "expected 4 comma-separated fields (" + CSV_HEADER + ") but found " + fields.length);
        }
        String customerId = fields[0].strip();
        if (customerId.isEmpty()) {
            throw new IllegalArgumentException("customer_id must not be blank");
        }
        CustomerEvent.Builder event = CustomerEvent.builder(customerId, type(fields[2].strip()), timestamp(fields[1]))
                .eventId("csv-" + lineNumber);
        String amount = fields[3].strip();
        if (!amount.isEmpty()) {
            event.amount(dollars(amount, "amount"));
        }
        return event.build();
    }

    private static Instant timestamp(String field) {
        String text = field.strip();
        try {
            if (text.length() == 10) {
                return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    "timestamp must be an ISO-8601 instant or a day yyyy-MM-dd but was '" + text + "'", e);
        }
    }

    private static EventType type(String field) {
        EventType type;
        try {
            type = EventType.valueOf(field.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("type must be an EventType name but was '" + field + "'", e);
        }
        if (type == EventType.CUSTOM || type == EventType.NPS_ANSWER) {
            throw new IllegalArgumentException(
                    "type " + type + " needs a custom type name or an NPS score, which this format does not carry");
        }
        return type;
    }

    private static Money dollars(String field, String column) {
        BigDecimal value;
        try {
            value = new BigDecimal(field);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(column + " must be a decimal number but was '" + field + "'", e);
        }
        if (value.signum() < 0) {
            throw new IllegalArgumentException(column + " must not be negative but was '" + field + "'");
        }
        if (value.stripTrailingZeros().scale() > 2) {
            throw new IllegalArgumentException(
                    column + " must have at most 2 decimal places (USD) but was '" + field + "'");
        }
        return Money.of(field, "USD");
    }

    private static String stripBom(String line) {
        return line.startsWith("\uFEFF") ? line.substring(1) : line;
    }

    private static String abbreviate(String line) {
        return line.length() <= 80 ? line : line.substring(0, 77) + "...";
    }
}
