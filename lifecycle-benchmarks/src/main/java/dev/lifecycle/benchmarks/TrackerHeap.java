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
 * (the suite starts one per template): measures the used heap after full collections, feeds the whole synthetic log
 * into a new tracker event by event in the order the events happened (each event built just before it is given, so no
 * event list is held), advances to the end of the window, collects again with the tracker still reachable, and
 * divides the growth by the number of tracked customers. The customer id strings count: the tracker holds the only
 * reference to them.
 *
 * <p>Prints one line: {@code template=<name> customers=<n> events=<n> retainedBytes=<n> bytesPerCustomer=<x>
 * generateAndIngestSeconds=<x>}.
 */
public final class TrackerHeap {
    private TrackerHeap() {}

    /**
     * Measures one template.
     *
     * @param args template name, customers, seed
     */
    public static void main(String[] args) {
        if (args.length != 3) {
            System.err.println("usage: TrackerHeap TEMPLATE CUSTOMERS SEED");
            System.exit(2);
        }
        LifecycleTemplate template = Templates.byName(args[0])
                .orElseThrow(() -> new IllegalArgumentException(
                        "template must be one of " + Templates.names() + " but was '" + args[0] + "'"));
        int customers = Integer.parseInt(args[1]);
        long seed = Long.parseLong(args[2]);
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();

        long before = usedAfterFullGc(memory);
        LifecycleTracker tracker = LifecycleTracker.builder(template).build();
        long started = System.nanoTime();
        int events = feed(tracker, customers, seed);
        double seconds = (System.nanoTime() - started) / 1e9;
        long after = usedAfterFullGc(memory);
        long tracked = tracker.stats().customers();
        if (tracked != customers) {
            throw new IllegalStateException(
                    "the tracker tracks " + tracked + " customers but the log has " + customers);
        }
        System.out.printf(
                Locale.ROOT,
                "template=%s customers=%d events=%d retainedBytes=%d bytesPerCustomer=%.1f generateAndIngestSeconds=%.1f%n",
                template.name(),
                tracked,
                events,
                after - before,
                (double) (after - before) / tracked,
                seconds);
        Reference.reachabilityFence(tracker);
    }

    /** Generates the log and gives every event to the tracker; the log is unreachable when this returns. */
    private static int feed(LifecycleTracker tracker, int customers, long seed) {
        SyntheticLog log = SyntheticLog.generate(customers, seed);
        int[] order = log.timeOrder();
        int[] customerOf = new int[order.length];
        for (int c = 0; c < customers; c++) {
            for (int i = log.firstEventOf(c); i < log.firstEventOf(c + 1); i++) {
                customerOf[i] = c;
            }
        }
        for (int i : order) {
            // A new id string per event, as events decoded from a stream carry: the tracker keeps one per customer.
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
