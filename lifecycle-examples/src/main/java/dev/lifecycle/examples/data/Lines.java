package dev.lifecycle.examples.data;

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
 * Splits a byte stream into numbered lines and decodes each line as UTF-8 on its own, so that a line that is not UTF-8
 * or is too long is reported by its number and the lines after it are still read.
 *
 * <p>A line ends at LF, at CR, or at CRLF (one end, not two), as editors count lines; the end of the stream ends the
 * last line unless it is empty. A line is kept in memory only up to {@link #MAX_LINE_BYTES}: the bytes of a longer line
 * are skipped up to its end. Not thread-safe.
 */
final class Lines {
    /** The longest line, in bytes without its end, that is read; a longer line is reported, not read. */
    static final int MAX_LINE_BYTES = 65_536;

    private static final byte CR = '\r';
    private static final byte LF = '\n';

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
    private long number;
    private byte[] line = new byte[256];

    Lines(InputStream in) {
        this.in = in;
    }

    /** A line of the stream: its text, or why it cannot be read. */
    sealed interface Line permits Text, Unreadable {
        /** {@return the 1-based line number} */
        long number();
    }

    /** A line decoded as UTF-8, without its end. */
    record Text(long number, String text) implements Line {}

    /**
     * A line that is not UTF-8 or longer than {@link #MAX_LINE_BYTES}, with the rule it breaks, such as {@code must be
     * UTF-8 but ...}.
     */
    record Unreadable(long number, String rule) implements Line {
        /** {@return why the line cannot be read, one line of text starting with "line"} */
        String reason() {
            return "line " + rule;
        }
    }

    /**
     * Returns the next line, or null at the end of the stream.
     *
     * @throws IOException if reading the stream fails
     */
    @Nullable
    Line next() throws IOException {
        if (ended) {
            return null;
        }
        int length = 0;
        long bytes = 0;
        while (true) {
            if (position == limit && !fill()) {
                ended = true;
                if (bytes == 0) {
                    return null;
                }
                break;
            }
            byte b = buffer[position++];
            if (skipLf) {
                skipLf = false;
                if (b == LF) {
                    continue;
                }
            }
            if (b == LF) {
                break;
            }
            if (b == CR) {
                skipLf = true;
                break;
            }
            bytes++;
            if (bytes <= MAX_LINE_BYTES) {
                if (length == line.length) {
                    line = Arrays.copyOf(line, Math.min(MAX_LINE_BYTES, 2 * line.length));
                }
                line[length++] = b;
            }
        }
        number++;
        if (bytes > MAX_LINE_BYTES) {
            return new Unreadable(
                    number, "must be at most " + MAX_LINE_BYTES + " bytes long but was " + bytes + " bytes");
        }
        return decode(length);
    }

    private boolean fill() throws IOException {
        int read = in.read(buffer);
        position = 0;
        limit = Math.max(read, 0);
        return read > 0;
    }

    private Line decode(int length) {
        ByteBuffer bytes = ByteBuffer.wrap(line, 0, length);
        CharBuffer chars = CharBuffer.allocate(length);
        decoder.reset();
        CoderResult result = decoder.decode(bytes, chars, true);
        if (!result.isError()) {
            result = decoder.flush(chars);
        }
        if (result.isError()) {
            int at = bytes.position();
            return new Unreadable(
                    number,
                    String.format(
                            Locale.ROOT,
                            "must be UTF-8 but has a malformed byte sequence at byte %d (0x%02X)",
                            at + 1,
                            line[at] & 0xFF));
        }
        chars.flip();
        return new Text(number, chars.toString());
    }
}
