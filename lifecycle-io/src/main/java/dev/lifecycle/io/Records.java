package dev.lifecycle.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Splits a byte stream into numbered records and decodes each record as UTF-8 on its own, so that a record that is not
 * UTF-8 or is too long is reported by its line number and the records after it are still read.
 *
 * <p>A line ends at LF, at CR, or at CRLF (one end, not two), as editors count lines; the end of the stream ends the
 * last record unless it is empty. Without quoting a record is one line. With quoting (CSV), a quote character at the
 * start of a field opens a quoted field, in which line ends and the delimiter are text; a doubled quote inside it is
 * text too, and a single one closes it. A quote elsewhere in a field is text. This is the rule of RFC 4180 and the one
 * Jackson's CSV parser, which splits the record into fields afterwards, applies, so that both agree where a record ends.
 * The bytes scanned are ASCII decisions only: UTF-8 never uses an ASCII byte inside a multi-byte character.
 *
 * <p>A record is kept in memory only up to {@link #MAX_RECORD_BYTES}. The bytes of a longer record are skipped up to
 * its end when no quoted field is open, so the next record is read; when a quoted field is still open at the bound,
 * where the record ends cannot be told without reading on without limit (an unclosed quote would swallow the rest of
 * the file), so {@link #next()} reports it as {@link Unfinished} and the reader stops. Not thread-safe.
 */
final class Records {
    /** The longest record, in bytes without its end, that is read; a longer record is reported, not read. */
    static final int MAX_RECORD_BYTES = 65_536;

    private static final byte CR = '\r';
    private static final byte LF = '\n';
    private static final byte QUOTE = '"';

    private final InputStream in;
    private final byte[] buffer = new byte[65_536];
    private final CharsetDecoder decoder = StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private int position;
    private int limit;
    private boolean skipLf;
    private boolean ended;
    private long line;
    private byte[] record = new byte[256];
    private boolean quoting;
    private byte delimiter = ',';
    /** The state of the record read by {@link #advance()}: its first line, kept length and full length. */
    private long first;

    private int length;
    private long total;
    /** The record read by {@link #advance()} when it is {@link Unfinished}, else null. */
    private @Nullable Record current;

    Records(InputStream in) {
        this(in, 0);
    }

    /**
     * Reads the records of a part of a source that starts after {@code linesBefore} lines, numbering the lines as in
     * the whole source.
     */
    Records(InputStream in, long linesBefore) {
        this.in = in;
        this.line = linesBefore;
    }

    /**
     * Turns quoting on or off for the records after this call (on for CSV, off for whitespace-separated CDNOW rows).
     *
     * @param delimiter the byte that separates fields, after which a quote opens a quoted field
     */
    void quoting(boolean on, byte delimiter) {
        this.quoting = on;
        this.delimiter = delimiter;
    }

    /** A record of the stream: its text, or why it cannot be read. */
    @SuppressWarnings("JavaLangClash") // the subject of this class; written Records.Record everywhere else
    sealed interface Record permits Text, Unreadable, Unfinished {
        /** {@return the 1-based number of the record's first line} */
        long line();
    }

    /**
     * A record decoded as UTF-8, without its end.
     *
     * @param line the number of its first line
     * @param lastLine the number of its last line, above {@code line} when a quoted field holds a line end
     * @param text the text
     */
    record Text(long line, long lastLine, String text) implements Record {}

    /**
     * A record that is not UTF-8 or longer than {@link #MAX_RECORD_BYTES}, with the rule it breaks, such as {@code
     * must be UTF-8 but ...}; the next record can be read.
     */
    record Unreadable(long line, String rule) implements Record {
        /** {@return why the record cannot be read, one line of text starting with "line"} */
        String reason() {
            return "line " + rule;
        }
    }

    /**
     * A record whose quoted field, opened on {@code quoteLine}, is still open after {@link #MAX_RECORD_BYTES} bytes, at
     * line {@code atLine}: where it ends is unknown, so nothing after it can be read.
     */
    record Unfinished(long line, long quoteLine, long atLine) implements Record {}

    /**
     * Returns the next record, or null at the end of the stream.
     *
     * @throws IOException if reading the stream fails
     */
    @Nullable
    Record next() throws IOException {
        return advance() ? current() : null;
    }

    /**
     * Reads the next record into this object's record bytes, without decoding it; {@link #current()} then gives it as
     * a {@link Record}, and while {@link #isComplete()} holds, {@link #bytes()} and {@link #length()} give its bytes.
     *
     * @return false at the end of the stream
     * @throws IOException if reading the stream fails
     */
    boolean advance() throws IOException {
        if (ended) {
            return false;
        }
        if (skipLf && position < limit) {
            // the LF of a CRLF that ended the record before
            if (buffer[position] == LF) {
                position++;
            }
            skipLf = false;
        }
        if (!skipLf && position < limit) {
            // the common case: a whole line in the buffer, without a quote, is one record as it is
            int stop = lineStop(position);
            if (stop >= 0 && buffer[stop] != QUOTE && stop - position <= MAX_RECORD_BYTES) {
                int run = stop - position;
                ensure(run);
                System.arraycopy(buffer, position, record, 0, run);
                skipLf = buffer[stop] == CR;
                position = stop + 1;
                this.first = ++line;
                this.length = run;
                this.total = run;
                current = null;
                return true;
            }
        }
        int length = 0;
        long bytes = 0;
        long first = line + 1;
        boolean quoted = false;
        boolean justClosed = false;
        boolean fieldStart = true;
        long quoteLine = 0;
        while (true) {
            if (position == limit && !fill()) {
                ended = true;
                if (bytes == 0 && line + 1 == first) {
                    return false;
                }
                break;
            }
            if (!quoted && !justClosed && !skipLf && !(quoting && fieldStart)) {
                // the common case: plain bytes of an unquoted field, copied in one go up to the next byte that
                // decides something
                int from = position;
                int to = plainRun(from);
                int run = to - from;
                if (run > 0) {
                    if (bytes + run <= MAX_RECORD_BYTES) {
                        ensure(length + run);
                        System.arraycopy(buffer, from, record, length, run);
                        length += run;
                    } else if (bytes < MAX_RECORD_BYTES) {
                        int kept = (int) (MAX_RECORD_BYTES - bytes);
                        ensure(length + kept);
                        System.arraycopy(buffer, from, record, length, kept);
                        length += kept;
                    }
                    bytes += run;
                    position = to;
                    if (position == limit) {
                        continue;
                    }
                }
            }
            byte b = buffer[position++];
            if (skipLf) {
                skipLf = false;
                if (b == LF) {
                    if (quoted) {
                        bytes++;
                        length = keep(length, bytes, b);
                    }
                    continue;
                }
            }
            if (quoted) {
                if (b == QUOTE) {
                    quoted = false;
                    justClosed = true;
                } else if (b == LF || b == CR) {
                    line++;
                    skipLf = b == CR;
                }
            } else if (b == LF || b == CR) {
                skipLf = b == CR;
                break;
            } else if (justClosed && b == QUOTE) {
                // a doubled quote inside a quoted field is a quote character, and the field goes on
                quoted = true;
                justClosed = false;
            } else {
                justClosed = false;
                if (quoting && fieldStart && b == QUOTE) {
                    quoted = true;
                    quoteLine = line + 1;
                }
            }
            fieldStart = quoting && !quoted && b == delimiter;
            bytes++;
            length = keep(length, bytes, b);
            if (quoted && bytes > MAX_RECORD_BYTES) {
                ended = true;
                current = new Unfinished(first, quoteLine, line + 1);
                return true;
            }
        }
        line++;
        this.first = first;
        this.length = length;
        this.total = bytes;
        current = null;
        return true;
    }

    /**
     * Returns the index of the first line end from {@code from} in the buffer or, with quoting, of the first quote if
     * it comes before; -1 if there is neither before the buffer's limit. Eight bytes at a time where it can.
     */
    private int lineStop(int from) {
        byte[] in = buffer;
        int end = limit;
        int i = from;
        long stops = quoting ? ByteWords.QUOTES : ByteWords.LFS;
        while (i + 8 <= end) {
            long word = ByteWords.word(in, i);
            long hits = ByteWords.zeroByte(word ^ ByteWords.LFS)
                    | ByteWords.zeroByte(word ^ ByteWords.CRS)
                    | ByteWords.zeroByte(word ^ stops);
            if (hits != 0) {
                // the lowest marked byte is a stop: each test marks its first hit exactly
                return i + (Long.numberOfTrailingZeros(hits) >>> 3);
            }
            i += 8;
        }
        while (i < end) {
            byte b = in[i];
            if (b == LF || b == CR || (quoting && b == QUOTE)) {
                return i;
            }
            i++;
        }
        return -1;
    }

    /**
     * Returns the end of the run of bytes from {@code from} that change nothing outside a quoted field: no line end and,
     * with quoting, no delimiter followed by a quote (which opens a quoted field) or by the end of the buffer (where
     * what follows is not known yet); a quote inside a field is text.
     */
    private int plainRun(int from) {
        byte[] in = buffer;
        int end = limit;
        // no byte before the first line end (or, with quoting, quote) can end the run, but for a delimiter just before
        // that quote or, when there is neither, in the buffer's last byte: the loops below look from there
        int stop = lineStop(from);
        int i = Math.max(from, (stop < 0 ? end : stop) - 1);
        if (quoting) {
            byte d = delimiter;
            while (i < end) {
                byte b = in[i];
                if (b == LF || b == CR || (b == d && (i + 1 == end || in[i + 1] == QUOTE))) {
                    break;
                }
                i++;
            }
        } else {
            while (i < end) {
                byte b = in[i];
                if (b == LF || b == CR) {
                    break;
                }
                i++;
            }
        }
        return i;
    }

    /**
     * Tells whether the record read by {@link #advance()} ended within {@link #MAX_RECORD_BYTES}, so that its bytes are
     * all in {@link #bytes()}; otherwise {@link #current()} says why it cannot be read.
     */
    boolean isComplete() {
        return current == null && total <= MAX_RECORD_BYTES;
    }

    /** {@return the bytes of the record read by {@link #advance()}, its first {@link #length()} bytes; shared} */
    byte[] bytes() {
        return record;
    }

    /** {@return the number of bytes of the record read by {@link #advance()}} */
    int length() {
        return length;
    }

    /** {@return the number of the first line of the record read by {@link #advance()}} */
    long line() {
        return current != null ? current.line() : first;
    }

    /** {@return the record read by {@link #advance()}: its text, or why it cannot be read} */
    Record current() {
        if (current != null) {
            return current;
        }
        if (total > MAX_RECORD_BYTES) {
            return new Unreadable(
                    first, "must be at most " + MAX_RECORD_BYTES + " bytes long but was " + total + " bytes");
        }
        return decode(first, length);
    }

    private void ensure(int capacity) {
        if (capacity > record.length) {
            record = Arrays.copyOf(record, Math.min(MAX_RECORD_BYTES, Math.max(capacity, 2 * record.length)));
        }
    }

    /** Keeps a byte of the record while the record is within the bound; returns the new kept length. */
    private int keep(int length, long bytes, byte b) {
        if (bytes > MAX_RECORD_BYTES) {
            return length;
        }
        if (length == record.length) {
            record = Arrays.copyOf(record, Math.min(MAX_RECORD_BYTES, 2 * record.length));
        }
        record[length] = b;
        return length + 1;
    }

    private boolean fill() throws IOException {
        int read = in.read(buffer);
        position = 0;
        limit = Math.max(read, 0);
        return read > 0;
    }

    private Record decode(long first, int length) {
        ByteBuffer bytes = ByteBuffer.wrap(record, 0, length);
        CharBuffer chars = CharBuffer.allocate(length);
        decoder.reset();
        CoderResult result = decoder.decode(bytes, chars, true);
        if (!result.isError()) {
            result = decoder.flush(chars);
        }
        if (result.isError()) {
            int at = bytes.position();
            return new Unreadable(
                    first,
                    String.format(
                            Locale.ROOT,
                            "must be UTF-8 but has a malformed byte sequence at byte %d (0x%02X)",
                            at + 1,
                            record[at] & 0xFF));
        }
        chars.flip();
        return new Text(first, line, chars.toString());
    }
}
