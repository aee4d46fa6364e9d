package dev.lifecycle.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import org.quicktheories.generators.SourceDSL;

/**
 * {@link Records} splits a stream into the same records however the stream hands out its bytes: all at once (so most
 * lines are whole in the buffer and take the quick path for a line without a quote) or one to a few bytes per read (so
 * every line straddles reads and takes the byte-by-byte path). Random texts mix line ends (LF, CR, CRLF, a CR at the end
 * of a read), quotes opening, closing and doubled, delimiters, non-ASCII bytes, malformed UTF-8 and records longer than
 * {@link Records#MAX_RECORD_BYTES}.
 */
final class RecordsProperties {
    private static final List<String> PIECES = List.of(
            "a", "b7", ",", ";", "\"", "\"\"", "\n", "\r", "\r\n", " ", "é", "c,\"x\ny\",d", "\"open", "plain,row,1\n");

    @Test
    void advance_sameRecordsWhateverTheReadSizes() {
        qt().withExamples(400)
                .forAll(
                        texts(),
                        SourceDSL.integers().between(1, 5),
                        SourceDSL.booleans().all())
                .checkAssert((text, step, quoting) -> {
                    List<Records.Record> whole = records(new ByteArrayInputStream(text), quoting);
                    List<Records.Record> trickled = records(new Trickle(text, step), quoting);
                    assertEquals(whole, trickled);
                });
    }

    @Test
    void advance_quickPathLines_numberedAndEndedAsTheByteByBytePath() {
        byte[] text = "a,b\r\nc,d\re,f\n\n\"g\nh\",i\nj".getBytes(StandardCharsets.UTF_8);
        List<Records.Record> whole = records(new ByteArrayInputStream(text), true);
        assertEquals(
                List.of(
                        new Records.Text(1, 1, "a,b"),
                        new Records.Text(2, 2, "c,d"),
                        new Records.Text(3, 3, "e,f"),
                        new Records.Text(4, 4, ""),
                        new Records.Text(5, 6, "\"g\nh\",i"),
                        new Records.Text(7, 7, "j")),
                whole);
        assertEquals(whole, records(new Trickle(text, 1), true));
    }

    /** Random texts, some with a record longer than the bound. */
    private static Gen<byte[]> texts() {
        Gen<List<String>> pieces = SourceDSL.lists().of(Generate.pick(PIECES)).ofSizeBetween(0, 400);
        Gen<Integer> longRecord = SourceDSL.integers().between(0, 3);
        Gen<Boolean> malformed = SourceDSL.booleans().all();
        return pieces.zip(longRecord, malformed, (list, longOne, bad) -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (int i = 0; i < list.size(); i++) {
                out.writeBytes(list.get(i).getBytes(StandardCharsets.UTF_8));
                if (longOne == 0 && i == list.size() / 2) {
                    out.writeBytes("x".repeat(Records.MAX_RECORD_BYTES + 3).getBytes(StandardCharsets.US_ASCII));
                }
                if (bad && i == list.size() / 3) {
                    out.write(0xC3);
                }
            }
            return out.toByteArray();
        });
    }

    private static List<Records.Record> records(InputStream in, boolean quoting) {
        try {
            Records records = new Records(in);
            records.quoting(quoting, (byte) ',');
            List<Records.Record> all = new ArrayList<>();
            Records.Record record;
            while ((record = records.next()) != null) {
                all.add(record);
            }
            return all;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A stream that hands out at most {@code step} bytes per read. */
    private static final class Trickle extends InputStream {
        private final byte[] bytes;
        private final int step;
        private int at;

        Trickle(byte[] bytes, int step) {
            this.bytes = bytes;
            this.step = step;
        }

        @Override
        public int read() {
            return at < bytes.length ? bytes[at++] & 0xFF : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (at == bytes.length) {
                return -1;
            }
            int n = Math.min(Math.min(len, step), bytes.length - at);
            System.arraycopy(bytes, at, b, off, n);
            at += n;
            return n;
        }
    }
}
