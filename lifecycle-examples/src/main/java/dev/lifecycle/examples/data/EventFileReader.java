package dev.lifecycle.examples.data;

import static java.util.Objects.requireNonNull;

import dev.lifecycle.core.CustomerEvent;
import dev.lifecycle.core.EventType;
import dev.lifecycle.core.Money;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongConsumer;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads customer events from a CDNOW-style purchase file or a simple CSV event file, reporting each malformed line by
 * its number instead of giving up on the file.
 *
 * <p>The format is told by the header line (see {@link EventFile.Format}). Every line after the header is one row: it
 * is either used or becomes a {@link Rejection} carrying its line number (the header is line 1) and the reason, and the
 * rest of the file is still read, so that {@link EventFile#rowsRead()} always equals {@link EventFile#rowsUsed()} plus
 * the number of rejections. A blank line is a row too, and is rejected.
 *
 * <ul>
 *   <li>CDNOW: whitespace-separated {@code customer_id date number_of_cds dollar_value}; each row is a purchase at the
 *       start of its {@code yyyymmdd} day in UTC, with the dollar value as a USD amount. The rows of one customer on one
 *       day are one transaction, as in the literature on this data: they give one {@link EventType#PURCHASE} with the
 *       sum of their dollar values, whose event id is {@code cdnow-<line>} of its first row. The number of CDs must be
 *       a whole number of zero or more but is not carried by the event.
 *   <li>CSV: {@code customer_id,timestamp,type,amount}; each row is one event. The timestamp is an ISO-8601 instant
 *       such as {@code 2024-03-01T10:15:30Z} or a day {@code yyyy-MM-dd}, read as its start in UTC; the type is an
 *       {@link EventType} name in any case ({@code CUSTOM} and {@code NPS_ANSWER} need data this format does not carry
 *       and are rejected); the amount is empty or a decimal number of US dollars, zero or more, with at most two
 *       decimal places, and only on purchases and refunds. Event ids are {@code csv-<line>}.
 * </ul>
 *
 * <p>Timestamps and amounts are checked by {@link CustomerEvent} and {@link Money}: a row with an instant outside the
 * range the library supports or an amount beyond its bound is rejected with their message. A line ends at LF, CR or
 * CRLF, so line numbers are those an editor shows. Each line is decoded as UTF-8 on its own: a line that is not UTF-8,
 * or longer than 65,536 bytes, is rejected and the next lines are still read. A reason quotes at most 80 characters of
 * a field. Ids are deterministic, so reading a file twice gives equal events; ids of two different files of the same
 * format can collide. Instances are immutable and thread-safe; the progress callback is called on the reading thread.
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
    private static final int MAX_REASON_CHARS = 300;

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
     * Returns the bundled CDNOW master file (69,659 rows of 23,570 customers, 1997-01-01 to 1998-06-30; a customer's
     * rows of one day are one purchase, 67,591 in all), read without progress reporting. See
     * {@code data/cdnow/PROVENANCE.md} among the resources for its source and licence.
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
     * @throws IOException if the file is a directory or cannot be read
     * @throws IllegalArgumentException if the file is empty or its first line is neither known header
     */
    public EventFile read(Path file) throws IOException {
        requireNonNull(file, "file");
        if (Files.isDirectory(file)) {
            throw new IOException("cannot read event file '" + file + "': it is a directory");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        } catch (IOException e) {
            throw new IOException("cannot read event file '" + file + "': " + IoProblem.describe(e), e);
        }
    }

    /**
     * Reads events from a byte stream, telling its format by the header line. The stream is read to its end and not
     * closed.
     *
     * @param in the bytes of the file, UTF-8
     * @param source the name of the source, used in error messages
     * @return the events and the reconciliation of the rows
     * @throws NullPointerException if an argument is null
     * @throws IOException if reading fails
     * @throws IllegalArgumentException if the stream is empty or its first line is neither known header
     */
    public EventFile read(InputStream in, String source) throws IOException {
        requireNonNull(in, "in");
        requireNonNull(source, "source");
        Lines lines = new Lines(in);
        Lines.Line header = lines.next();
        if (header == null) {
            throw new IllegalArgumentException("event file '" + source + "' is empty; its first line must be the"
                    + " header '" + CDNOW_HEADER + "' or '" + CSV_HEADER + "'");
        }
        EventFile.Format format = formatOf(header, source);
        Transactions transactions = new Transactions(format);
        List<Rejection> rejections = new ArrayList<>();
        long rowsRead = 0;
        for (Lines.Line line = lines.next(); line != null; line = lines.next()) {
            rowsRead++;
            try {
                if (line instanceof Lines.Text text) {
                    transactions.add(
                            format == EventFile.Format.CDNOW
                                    ? cdnowRow(text.text(), line.number())
                                    : csvRow(text.text(), line.number()));
                } else {
                    throw new IllegalArgumentException(((Lines.Unreadable) line).reason());
                }
            } catch (IllegalArgumentException e) {
                rejections.add(new Rejection(line.number(), reason(e)));
            }
            if (rowsRead % PROGRESS_INTERVAL == 0) {
                progress.accept(rowsRead);
            }
        }
        return new EventFile(transactions.events, rowsRead, rowsRead - rejections.size(), rejections, format);
    }

    EventFile readResource(String resource) {
        InputStream stream = EventFileReader.class.getResourceAsStream(resource);
        if (stream == null) {
            throw new IllegalStateException("resource '" + resource + "' is not on the class path");
        }
        try (stream) {
            return read(stream, resource);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource '" + resource + "': " + IoProblem.describe(e), e);
        }
    }

    /**
     * The events of the used rows: one per CSV row; one per customer and day for CDNOW, where the rows of one customer
     * on one day are one transaction with their amounts summed (the convention of the literature on this data).
     */
    private static final class Transactions {
        private final List<CustomerEvent> events = new ArrayList<>();
        private final @Nullable Map<CustomerDay, Integer> byCustomerDay;

        Transactions(EventFile.Format format) {
            this.byCustomerDay = format == EventFile.Format.CDNOW ? new HashMap<>() : null;
        }

        /** A customer and the day of a CDNOW row (its timestamp, the start of the day). */
        private record CustomerDay(String customerId, Instant day) {}

        /** Adds the event of a row, or merges it into the transaction of its customer and day. */
        void add(CustomerEvent event) {
            if (byCustomerDay == null) {
                events.add(event);
                return;
            }
            Integer at =
                    byCustomerDay.putIfAbsent(new CustomerDay(event.customerId(), event.timestamp()), events.size());
            if (at == null) {
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
            events.set(
                    at,
                    CustomerEvent.builder(first.customerId(), first.type(), first.timestamp())
                            .eventId(first.eventId())
                            .amount(total)
                            .build());
        }
    }

    /** The reason of a rejected row: the message, cut to {@value #MAX_REASON_CHARS} characters. */
    private static String reason(IllegalArgumentException e) {
        return abbreviate(String.valueOf(e.getMessage()), MAX_REASON_CHARS);
    }

    private static EventFile.Format formatOf(Lines.Line header, String source) {
        if (header instanceof Lines.Unreadable unreadable) {
            throw new IllegalArgumentException(
                    "event file '" + source + "' has no header: line 1 " + unreadable.rule());
        }
        String text = ((Lines.Text) header).text();
        String stripped = stripBom(text).strip();
        if (String.join(" ", WHITESPACE.split(stripped)).equalsIgnoreCase(CDNOW_HEADER)) {
            return EventFile.Format.CDNOW;
        }
        if (stripped.replace(" ", "").equalsIgnoreCase(CSV_HEADER)) {
            return EventFile.Format.CSV;
        }
        throw new IllegalArgumentException("event file '" + source + "' has no header: line 1 must be '" + CDNOW_HEADER
                + "' or '" + CSV_HEADER + "' but was " + quote(text));
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
                    "timestamp must be an ISO-8601 instant or a day yyyy-MM-dd but was " + quote(text), e);
        }
    }

    /** The event types this format can carry: every type but those that need data it has no column for. */
    private static final List<EventType> TYPES = Arrays.stream(EventType.values())
            .filter(type -> type != EventType.CUSTOM && type != EventType.NPS_ANSWER)
            .toList();

    private static EventType type(String field) {
        EventType type;
        try {
            type = EventType.valueOf(field.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "type must be one of " + TYPES + " (in any case) but was " + quote(field), e);
        }
        if (!TYPES.contains(type)) {
            throw new IllegalArgumentException("type " + type
                    + " needs a custom type name or an NPS score, which this format does not carry; it reads "
                    + TYPES);
        }
        return type;
    }

    /** Reads an amount in US dollars; {@link Money} bounds the text and the digits before any arithmetic. */
    private static Money dollars(String field, String column) {
        try {
            return Money.of(field, "USD");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(column + ": " + e.getMessage(), e);
        }
    }

    private static String stripBom(String line) {
        return line.startsWith("\uFEFF") ? line.substring(1) : line;
    }

    /** Quotes a value for a message, cut to 80 characters so that a huge field cannot flood the output. */
    private static String quote(String value) {
        return "'" + abbreviate(value, 80) + "'";
    }

    private static String abbreviate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 3) + "...";
    }
}
