package dev.lifecycle.io;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;

/**
 * A quick timing of {@link EventFileReader#read(Path)} against {@link EventFileReader#readBatch(Path)} on a CSV of the
 * default mapping, not a JMH benchmark: it writes the file (two million events of 200,000 customers unless told
 * otherwise), reads it with each method a few times to warm up, then prints the best of three runs of each in events
 * per second. Run it by hand: {@code java -cp ... dev.lifecycle.io.ReadingTiming [file] [events] [runs] [which]
 * [customers] [threads]}, {@code which} being {@code both}, {@code read} or {@code batch} (for a profile of one of
 * them), or {@code threads}: readBatch on one thread against readBatch on {@code threads} threads (2 unless told); the
 * file is written only if it does not exist.
 */
final class ReadingTiming {
    private static final String[] TYPES = {"SITE_VISIT", "PRODUCT_VIEW", "CART_ADD", "EMAIL_OPEN", "PURCHASE"};

    private ReadingTiming() {}

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args.length > 0 ? args[0] : "/tmp/lifecycle-events.csv");
        int events = args.length > 1 ? Integer.parseInt(args[1]) : 2_000_000;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        String which = args.length > 3 ? args[3] : "both";
        int customers = args.length > 4 ? Integer.parseInt(args[4]) : 200_000;
        if (!Files.exists(file)) {
            write(file, events, customers);
        }
        System.out.printf(Locale.ROOT, "%s: %,d bytes%n", file, Files.size(file));
        if (which.equals("threads")) {
            threads(file, runs, args.length > 5 ? Integer.parseInt(args[5]) : 2);
            return;
        }
        EventFileReader reader = EventFileReader.create();
        for (int warm = 0; warm < 2; warm++) {
            if (!which.equals("batch")) {
                reader.read(file);
            }
            if (!which.equals("read")) {
                reader.readBatch(file);
            }
        }
        long[] bestRead = {Long.MAX_VALUE, Long.MAX_VALUE};
        long[] bestBatch = {Long.MAX_VALUE, Long.MAX_VALUE};
        long rows = 0;
        for (int run = 0; run < runs; run++) {
            if (!which.equals("batch")) {
                long start = System.nanoTime();
                long cpu = cpuNanos();
                EventFile read = reader.read(file);
                bestRead[0] = Math.min(bestRead[0], System.nanoTime() - start);
                bestRead[1] = Math.min(bestRead[1], cpuNanos() - cpu);
                rows = read.rowsUsed();
            }
            if (!which.equals("read")) {
                long start = System.nanoTime();
                long cpu = cpuNanos();
                EventBatchFile batch = reader.readBatch(file);
                bestBatch[0] = Math.min(bestBatch[0], System.nanoTime() - start);
                bestBatch[1] = Math.min(bestBatch[1], cpuNanos() - cpu);
                rows = batch.rowsUsed();
            }
        }
        report("read", rows, bestRead);
        report("readBatch", rows, bestBatch);
        if (bestRead[0] != Long.MAX_VALUE && bestBatch[0] != Long.MAX_VALUE) {
            System.out.printf(
                    Locale.ROOT,
                    "readBatch is %.1fx as fast as read (wall clock), %.1fx (process CPU time)%n",
                    (double) bestRead[0] / bestBatch[0],
                    (double) bestRead[1] / bestBatch[1]);
        }
    }

    /** Times readBatch on one thread against {@code threads} threads, as {@link #main} times read against readBatch. */
    private static void threads(Path file, int runs, int threads) throws IOException {
        EventFileReader one = EventFileReader.create().withThreads(1);
        EventFileReader many = EventFileReader.create().withThreads(threads);
        for (int warm = 0; warm < 2; warm++) {
            one.readBatch(file);
            many.readBatch(file);
        }
        long[] bestOne = {Long.MAX_VALUE, Long.MAX_VALUE};
        long[] bestMany = {Long.MAX_VALUE, Long.MAX_VALUE};
        long rows = 0;
        for (int run = 0; run < runs; run++) {
            rows = time(one, file, bestOne);
            time(many, file, bestMany);
        }
        report("1 thread", rows, bestOne);
        report(threads + " threads", rows, bestMany);
        System.out.printf(
                Locale.ROOT,
                "%d threads: %.2fx as fast as 1 (wall clock), %.2fx the process CPU time%n",
                threads,
                (double) bestOne[0] / bestMany[0],
                (double) bestMany[1] / bestOne[1]);
    }

    private static long time(EventFileReader reader, Path file, long[] best) throws IOException {
        long start = System.nanoTime();
        long cpu = cpuNanos();
        EventBatchFile batch = reader.readBatch(file);
        best[0] = Math.min(best[0], System.nanoTime() - start);
        best[1] = Math.min(best[1], cpuNanos() - cpu);
        return batch.rowsUsed();
    }

    /** {@return the CPU time of this process so far: the reading thread's, the collector's and the compiler's} */
    private static long cpuNanos() {
        return ProcessHandle.current().info().totalCpuDuration().orElseThrow().toNanos();
    }

    /** Prints the best wall-clock time and the best CPU time of the process (which other load does not inflate). */
    private static void report(String what, long rows, long[] nanos) {
        if (nanos[0] != Long.MAX_VALUE) {
            System.out.printf(
                    Locale.ROOT,
                    "%-10s best of runs: %,d ms wall, %,.0f events/s; %,d ms process CPU, %,.0f events/s%n",
                    what,
                    nanos[0] / 1_000_000,
                    rows * 1e9 / nanos[0],
                    nanos[1] / 1_000_000,
                    rows * 1e9 / nanos[1]);
        }
    }

    /** Writes a log like the benchmarks' synthetic one, in the columns of the default mapping. */
    static void write(Path file, int events, int customers) throws IOException {
        Random random = new Random(42);
        long second = 1_672_531_200L; // 2023-01-01T00:00:00Z
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("customer_id,timestamp,type,amount\n");
            for (int i = 0; i < events; i++) {
                second += random.nextInt(30);
                String type = TYPES[random.nextInt(TYPES.length)];
                out.write("c");
                out.write(Integer.toString(100_000 + random.nextInt(customers)));
                out.write(',');
                out.write(java.time.Instant.ofEpochSecond(second).toString());
                out.write(',');
                out.write(type);
                out.write(',');
                if (type.equals("PURCHASE")) {
                    out.write(String.format(Locale.ROOT, "%d.%02d", 5 + random.nextInt(200), random.nextInt(100)));
                }
                out.write('\n');
            }
        }
    }
}
