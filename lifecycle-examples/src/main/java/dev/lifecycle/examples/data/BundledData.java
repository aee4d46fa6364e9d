package dev.lifecycle.examples.data;

import dev.lifecycle.io.EventBatchFile;
import dev.lifecycle.io.EventFile;
import dev.lifecycle.io.EventFileReader;
import dev.lifecycle.io.IoProblem;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The data sets bundled with the examples, read with the library's reader. This class has no instances. */
public final class BundledData {
    static final String CDNOW = "/data/cdnow/CDNOW_master.txt";

    private BundledData() {}

    /**
     * Reads the bundled CDNOW purchase history into an event batch, by column: the fast path from a log to stages and
     * metrics. The same events as {@link #bundledCdnow()}, row for row.
     *
     * @return the batch and the reconciliation of the file's rows
     * @throws IllegalStateException if the resource is missing from the class path
     * @throws UncheckedIOException if it cannot be read
     */
    public static EventBatchFile bundledCdnowBatch() {
        return readCdnow((reader, stream) -> reader.readBatch(stream, "cdnow"));
    }

    /**
     * Returns the bundled CDNOW master file (69,659 rows of 23,570 customers, 1997-01-01 to 1998-06-30; a customer's
     * rows of one day are one purchase, 67,591 in all), read without progress reporting; event ids are {@code
     * cdnow-<line>}. See {@code data/cdnow/PROVENANCE.md} among the resources for its source and licence.
     *
     * @return the events and the reconciliation of the rows
     * @throws IllegalStateException if the resource is missing from the class path
     * @throws UncheckedIOException if the resource cannot be read
     */
    public static EventFile bundledCdnow() {
        return readCdnow((reader, stream) -> reader.read(stream, "cdnow"));
    }

    /** Reads the CDNOW resource one way or another, with the messages of a missing or unreadable resource. */
    private static <T> T readCdnow(Reading<T> reading) {
        InputStream stream = BundledData.class.getResourceAsStream(CDNOW);
        if (stream == null) {
            throw new IllegalStateException("resource '" + CDNOW + "' is not on the class path");
        }
        try (stream) {
            return reading.read(EventFileReader.create(), stream);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource '" + CDNOW + "': " + IoProblem.describe(e), e);
        }
    }

    /** One way of reading the resource. */
    @FunctionalInterface
    private interface Reading<T> {
        T read(EventFileReader reader, InputStream stream) throws IOException;
    }
}
