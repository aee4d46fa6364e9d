package dev.lifecycle.benchmarks;

import dev.lifecycle.core.LifecycleTemplate;
import dev.lifecycle.core.LifecycleTracker;
import dev.lifecycle.core.Templates;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.ref.Reference;
import java.util.Locale;

/**
 * Workload 3, memory: the heap a {@link LifecycleTracker} retains per tracked customer. Meant to run in a fresh JVM
 * (the suite starts one for the built-in templates): generates the log (kept, column-wise), then per template measures
 * the used heap after full collections, feeds the whole log into a new tracker event by event in the order the events
 * happened (each event built just before it is given, with its own customer-id string, so no event list is held and
 * the tracker holds the only reference to the ids it keeps), advances to the end of the window, collects again with
 * the tracker still reachable, and divides the growth by the number of tracked customers. The tracker is then
 * released, so the next template's baseline is taken without it. A template named {@code <name>:<shards>} is measured
 * in a tracker of that many shards (fed from the one thread in time order, so no event is late in any shard).
 *
 * <p>Prints one line per template: {@code template=<name> shards=<n> customers=<n> events=<n> retainedBytes=<n>
 * bytesPerCustomer=<x> ingestSeconds=<x>}.
 */
public final class TrackerHeap {
    private TrackerHeap() {}

    /**
     * Measures each template in turn.
     *
     * @param args customers, seed, then one or more template names, each optionally followed by {@code :} and a
     *     shard count
     * @throws IllegalArgumentException if a template name is unknown or a shard count is not a number from 1 to 1024
     */
    public static void main(String[] args) {
        if (args.length < 3) {
            System.err.println("usage: TrackerHeap CUSTOMERS SEED TEMPLATE[:SHARDS]...");
            System.exit(2);
        }
        int customers = Integer.parseInt(args[0]);
        long seed = Long.parseLong(args[1]);
        SyntheticLog log = SyntheticLog.generate(customers, seed);
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int a = 2; a < args.length; a++) {
            int colon = args[a].indexOf(':');
            String name = colon < 0 ? args[a] : args[a].substring(0, colon);
            LifecycleTemplate template = Templates.byName(name)
                    .orElseThrow(() -> new IllegalArgumentException(
                            "template must be one of " + Templates.names() + " but was '" + name + "'"));
            measure(template, colon < 0 ? 1 : shards(args[a].substring(colon + 1)), log, memory);
        }
    }

    /** Parses a shard count; the tracker's builder checks its range. */
    private static int shards(String text) {
        if (text.isEmpty() || text.length() > 4 || !text.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
            throw new IllegalArgumentException("a shard count must be a number from 1 to 1024 but was '" + text + "'");
        }
        return Integer.parseInt(text);
    }

    /** Measures one tracker against a baseline taken with everything but the tracker in place. */
    private static void measure(LifecycleTemplate template, int shards, SyntheticLog log, MemoryMXBean memory) {
        long before = usedAfterFullGc(memory);
        LifecycleTracker tracker =
                LifecycleTracker.builder(template).shards(shards).build();
        try {
            long started = System.nanoTime();
            int events = feed(tracker, log);
            double seconds = (System.nanoTime() - started) / 1e9;
            long after = usedAfterFullGc(memory);
            long tracked = tracker.stats().customers();
            if (tracked != log.customerCount()) {
                throw new IllegalStateException(
                        "the tracker tracks " + tracked + " customers but the log has " + log.customerCount());
            }
            System.out.printf(
                    Locale.ROOT,
                    "template=%s shards=%d customers=%d events=%d retainedBytes=%d bytesPerCustomer=%.1f"
                            + " ingestSeconds=%.1f%n",
                    template.name(),
                    tracker.shards(),
                    tracked,
                    events,
                    after - before,
                    (double) (after - before) / tracked,
                    seconds);
        } finally {
            // the tracker stays reachable until its heap is measured
            Reference.reachabilityFence(tracker);
        }
    }

    /** Gives every event of the log to the tracker in the order they happened, each built just before. */
    private static int feed(LifecycleTracker tracker, SyntheticLog log) {
        int[] order = log.timeOrder();
        int[] customerOf = log.customerOfEvents();
        for (int i : order) {
            // A new id string per event, as events decoded from a stream carry: the tracker keeps its own.
            tracker.accept(log.event(i, SyntheticLog.customerId(customerOf[i])));
        }
        tracker.advanceTo(SyntheticLog.AS_OF);
        return order.length;
    }

    /** Collects until the used heap stops shrinking by more than a megabyte, at most ten times. */
    static long usedAfterFullGc(MemoryMXBean memory) {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 10; i++) {
            System.gc();
            long now = memory.getHeapMemoryUsage().getUsed();
            if (used - now < 1 << 20 && i >= 2) {
                return Math.min(used, now);
            }
            used = Math.min(used, now);
        }
        return used;
    }
}
