package dev.lifecycle.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The rows of a file cut into parts at line ends, for {@link EventFileReader#readBatch(java.nio.file.Path)} to read the
 * parts on several threads and join them in file order.
 *
 * <p>A part ends just after a line end, LF, CR or CRLF (a CRLF is never cut in two), or at the end of the file, so each
 * part is whole lines. That makes it whole records only when no record spans lines, which a CSV file's quoted field
 * may: {@link #scan(int, boolean)} tells whether a part holds a quote byte at all, and the reader cuts a CSV file only if none
 * does. It also counts each part's line ends, the same way as {@link Records}, so that each part numbers its lines as
 * in the whole file. Reads go through one {@link FileChannel} at given positions, which threads may share.
 */
final class FileParts {
    /** The fewest bytes of rows per part when the reader picks the size: smaller files are read in one part. */
    static final long MIN_PART_BYTES = 1L << 20;

    private static final int BUFFER_BYTES = 1 << 16;
    private static final byte CR = '\r';
    private static final byte LF = '\n';
    private static final byte QUOTE = '"';

    private final FileChannel channel;
    /** Part {@code i} is the bytes from {@code bounds[i]} to {@code bounds[i + 1]}. */
    private final long[] bounds;

    private FileParts(FileChannel channel, long[] bounds) {
        this.channel = channel;
        this.bounds = bounds;
    }

    /**
     * Cuts the bytes of a file from {@code from} to its end into parts of {@code partBytes} or a little more, each
     * ending just after a line end or at the end of the file.
     *
     * @param channel the file
     * @param from where the first part starts: the start of a line
     * @param partBytes the least bytes of a part (but the last), at least 1
     * @return the parts, none if there are no bytes from {@code from}
     * @throws IOException if reading the file fails
     */
    static FileParts cut(FileChannel channel, long from, long partBytes) throws IOException {
        long size = channel.size();
        List<Long> bounds = new ArrayList<>();
        long start = from;
        bounds.add(start);
        ByteBuffer buffer = ByteBuffer.allocate(4096);
        while (start < size) {
            long end = start + partBytes >= size ? size : lineStartFrom(channel, start + partBytes - 1, size, buffer);
            bounds.add(end);
            start = end;
        }
        return new FileParts(channel, bounds.stream().mapToLong(Long::longValue).toArray());
    }

    /** {@return the start of the first line that starts after position {@code at}, or the end of the file} */
    private static long lineStartFrom(FileChannel channel, long at, long size, ByteBuffer buffer) throws IOException {
        long position = at;
        while (position < size) {
            buffer.clear();
            int read = channel.read(buffer, position);
            if (read <= 0) {
                return size;
            }
            for (int i = 0; i < read; i++) {
                byte b = buffer.get(i);
                if (b == LF) {
                    return position + i + 1;
                }
                if (b == CR) {
                    // a CRLF stays whole: the part ends after its LF
                    if (i + 1 < read) {
                        return position + i + (buffer.get(i + 1) == LF ? 2 : 1);
                    }
                    long next = position + i + 1;
                    return next < size && byteAt(channel, next) == LF ? next + 1 : next;
                }
            }
            position += read;
        }
        return size;
    }

    private static byte byteAt(FileChannel channel, long position) throws IOException {
        ByteBuffer one = ByteBuffer.allocate(1);
        if (channel.read(one, position) != 1) {
            throw new IOException("the file ended at byte " + position + " while it was being read");
        }
        return one.get(0);
    }

    /** {@return the number of parts} */
    int count() {
        return bounds.length - 1;
    }

    /**
     * Counts the line ends of a part as {@link Records} does (LF, CR, CRLF as one) and, if asked, tells whether it holds
     * a quote.
     *
     * @param part the part's index
     * @param quotes whether to look for a quote byte
     * @return the number of line ends, or -1 if {@code quotes} and the part holds a quote byte
     * @throws IOException if reading the file fails
     */
    long scan(int part, boolean quotes) throws IOException {
        long lines = 0;
        boolean afterCr = false;
        try (InputStream in = part(part)) {
            byte[] buffer = new byte[BUFFER_BYTES];
            int read;
            long stops = quotes ? ByteWords.QUOTES : ByteWords.LFS;
            while ((read = in.read(buffer, 0, buffer.length)) > 0) {
                for (int i = 0; i < read; i++) {
                    if (i + 8 <= read) {
                        // eight bytes at a time up to the next line end (or quote)
                        long word = ByteWords.word(buffer, i);
                        long hits = ByteWords.zeroByte(word ^ ByteWords.LFS)
                                | ByteWords.zeroByte(word ^ ByteWords.CRS)
                                | ByteWords.zeroByte(word ^ stops);
                        if (hits == 0) {
                            afterCr = false;
                            i += 7;
                            continue;
                        }
                        int skip = Long.numberOfTrailingZeros(hits) >>> 3;
                        if (skip > 0) {
                            afterCr = false;
                            i += skip;
                        }
                    }
                    byte b = buffer[i];
                    if (b <= QUOTE) {
                        if (b == QUOTE && quotes) {
                            return -1;
                        }
                        if (b == LF) {
                            if (!afterCr) {
                                lines++;
                            }
                        } else if (b == CR) {
                            lines++;
                        }
                    }
                    afterCr = b == CR;
                }
            }
        }
        return lines;
    }

    /** {@return the bytes of a part, read from the file as they are asked for} */
    InputStream part(int part) {
        return new Part(channel, bounds[part], bounds[part + 1]);
    }

    /** The bytes of a file from one position to another. */
    private static final class Part extends InputStream {
        private final FileChannel channel;
        private final long end;
        private long position;

        Part(FileChannel channel, long start, long end) {
            this.channel = channel;
            this.position = start;
            this.end = end;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) <= 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            java.util.Objects.checkFromIndexSize(off, len, b.length);
            if (position >= end) {
                return -1;
            }
            int wanted = (int) Math.min(len, end - position);
            if (wanted == 0) {
                return 0;
            }
            int read = channel.read(ByteBuffer.wrap(b, off, wanted), position);
            if (read < 0) {
                throw new IOException("the file ended at byte " + position + " while it was being read");
            }
            position += read;
            return read;
        }
    }

    /** A task of {@link #inParallel}: what to do with one part. */
    @FunctionalInterface
    interface Task<T> {
        T run(int part) throws IOException;
    }

    /**
     * Runs a task for each part, on the calling thread and up to {@code threads - 1} threads of the common fork-join
     * pool, each taking the next part not taken yet.
     *
     * @param threads the most threads working at once, the calling thread included
     * @return the results, by part
     * @throws IOException the first failure of a task to read
     */
    <T> List<T> inParallel(int threads, Task<T> task) throws IOException {
        int parts = count();
        Object[] results = new Object[parts];
        AtomicInteger next = new AtomicInteger();
        Runnable worker = () -> {
            for (int part = next.getAndIncrement(); part < parts; part = next.getAndIncrement()) {
                try {
                    results[part] = task.run(part);
                } catch (IOException e) {
                    next.set(parts);
                    throw new UncheckedIOException(e);
                } catch (RuntimeException | Error e) {
                    next.set(parts);
                    throw e;
                }
            }
        };
        List<ForkJoinTask<?>> helpers = new ArrayList<>();
        for (int t = 1; t < Math.min(threads, parts); t++) {
            helpers.add(ForkJoinPool.commonPool().submit(worker));
        }
        RuntimeException failure = null;
        try {
            worker.run();
        } catch (RuntimeException e) {
            failure = e;
        }
        for (ForkJoinTask<?> helper : helpers) {
            try {
                helper.join();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                }
            }
        }
        if (failure instanceof UncheckedIOException io) {
            throw io.getCause();
        }
        if (failure != null) {
            throw failure;
        }
        @SuppressWarnings("unchecked")
        List<T> list = (List<T>) Arrays.asList(results);
        return list;
    }

    /**
     * The progress of the parts of one file read on several threads: a part's rows reach it as the part's {@link
     * Tally} reports every {@value EventFileReader#PROGRESS_INTERVAL} rows ({@link #accept}) and, when the part is
     * read, the rest ({@link #add}). Each time the rows of all parts pass another multiple of the interval, the reader's
     * callback is called with their number, one call at a time (under this object's lock), on the thread that read
     * them: as many calls as reading in one go makes, with the rows read so far.
     */
    static final class Progress implements java.util.function.LongConsumer {
        private final java.util.function.LongConsumer progress;
        private long rows;

        Progress(java.util.function.LongConsumer progress) {
            this.progress = progress;
        }

        /** Counts another {@value EventFileReader#PROGRESS_INTERVAL} rows of a part, which has read {@code partRows}. */
        @Override
        public void accept(long partRows) {
            add(EventFileReader.PROGRESS_INTERVAL);
        }

        /** Counts rows of a part not counted yet. */
        synchronized void add(long more) {
            long before = rows;
            rows += more;
            if (rows / EventFileReader.PROGRESS_INTERVAL > before / EventFileReader.PROGRESS_INTERVAL) {
                progress.accept(rows);
            }
        }
    }
}
