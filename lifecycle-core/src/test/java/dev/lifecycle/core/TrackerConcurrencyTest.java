package dev.lifecycle.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lifecycle.core.TrackerGenerators.Recorder;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * Feeds a million events of a hundred thousand customers to one tracker from four threads at once and checks that the
 * result is that of a single-threaded replay. The allowed lateness exceeds the whole time span, so no event is late
 * whatever the interleaving and the final state does not depend on it.
 */
final class TrackerConcurrencyTest {
    private static final long SEED = 0x5EED_2024_0601L;
    private static final int CUSTOMERS = 100_000;
    private static final int EVENTS = 1_000_000;
    private static final int THREADS = 4;
    private static final int BATCH = 250;
    /** Every this many events, one is also delivered by the next thread, racing its owner. */
    private static final int REDELIVERY_EVERY = 101;

    private static final Instant START = Instant.parse("2023-01-01T00:00:00Z");
    private static final long SPAN_MINUTES = Duration.ofDays(730).toMinutes();
    private static final Instant END = START.plus(Duration.ofDays(731));
    private static final Duration LATENESS = Duration.ofDays(800);
    private static final Currency EUR = Currency.getInstance("EUR");

    @Test
    void accept_fourThreadsInterleaved_equalsSingleThreadedReplay() throws Exception {
        feedFromFourThreads(1);
    }

    /**
     * As {@link #accept_fourThreadsInterleaved_equalsSingleThreadedReplay()} with the customers over eight shards: the
     * threads now work in parallel, the listener is called from several of them at once, and the result is still that
     * of the single-threaded replay on one shard.
     */
    @Test
    void accept_fourThreadsEightShards_equalsSingleThreadedReplayOnOneShard() throws Exception {
        feedFromFourThreads(8);
    }

    private static void feedFromFourThreads(int shards) throws Exception {
        LifecycleTemplate template = Templates.buyerLifecycle();
        List<CustomerEvent> events = events();

        Recorder recorder = new Recorder();
        LifecycleTracker tracker = LifecycleTracker.builder(template)
                .allowedLateness(LATENESS)
                .listener(recorder)
                .shards(shards)
                .build();
        AtomicLong accepted = new AtomicLong();
        AtomicLong duplicates = new AtomicLong();
        AtomicLong late = new AtomicLong();
        AtomicLong rejected = new AtomicLong();
        AtomicBoolean feeding = new AtomicBoolean(true);
        CyclicBarrier start = new CyclicBarrier(THREADS + 1);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS + 1);
        try {
            List<Future<?>> feeders = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                feeders.add(pool.submit(() -> {
                    start.await();
                    feed(tracker, slice(events, thread), thread % 2 == 0, accepted, duplicates, late, rejected);
                    return null;
                }));
            }
            Future<Long> reader = pool.submit(() -> {
                start.await();
                return readWhileFeeding(tracker, feeding);
            });
            for (Future<?> feeder : feeders) {
                feeder.get(5, TimeUnit.MINUTES);
            }
            feeding.set(false);
            assertTrue(reader.get(1, TimeUnit.MINUTES) > 0, "the reader never saw the tracker");
        } finally {
            pool.shutdownNow();
        }
        long redeliveries = deliveries(events).size() - (long) EVENTS;
        assertEquals(EVENTS, accepted.get(), "accepted");
        assertEquals(redeliveries, duplicates.get(), "duplicates");
        assertEquals(0, late.get(), "late");
        assertEquals(0, rejected.get(), "rejected");

        tracker.advanceTo(END);
        TrackerStats stats = tracker.stats();
        String state = TrackerGenerators.export(tracker);
        Map<String, List<StageTransition>> transitions = recorder.byCustomer();
        long transitionCount = recorder.all().size();

        Recorder expectedRecorder = new Recorder();
        LifecycleTracker expected = LifecycleTracker.builder(template)
                .allowedLateness(LATENESS)
                .listener(expectedRecorder)
                .build();
        for (CustomerEvent event : deliveries(events)) {
            expected.accept(event);
        }
        expected.advanceTo(END);

        assertEquals(expected.stats(), stats);
        assertEquals(CUSTOMERS, stats.customers());
        assertEquals(EVENTS, stats.applied());
        assertEquals(0, stats.pending());
        assertEquals(redeliveries, stats.duplicates());
        assertEquals(transitionCount, stats.transitions());
        assertTrue(stats.transitions() > CUSTOMERS, "too few transitions to be a test: " + stats);
        assertEquals(TrackerGenerators.export(expected), state, "exported state");
        assertEquals(expectedRecorder.byCustomer(), transitions, "transitions per customer");
    }

    /**
     * Every customer's first event, then the rest for random customers; purchases (with amounts), site visits,
     * product views and referrals at random minutes of two years, in no time order, so ties across customers are
     * common.
     */
    private static List<CustomerEvent> events() {
        SplittableRandom random = new SplittableRandom(SEED);
        List<CustomerEvent> events = new ArrayList<>(EVENTS);
        for (int i = 0; i < EVENTS; i++) {
            int customer = i < CUSTOMERS ? i : random.nextInt(CUSTOMERS);
            Instant at = START.plusSeconds(60 * random.nextLong(SPAN_MINUTES));
            int kind = random.nextInt(100);
            EventType type = kind < 20
                    ? EventType.PURCHASE
                    : kind < 60 ? EventType.SITE_VISIT : kind < 92 ? EventType.PRODUCT_VIEW : EventType.REFERRAL;
            CustomerEvent.Builder event =
                    CustomerEvent.builder("cust-" + customer, type, at).eventId("ev-" + i);
            if (type == EventType.PURCHASE) {
                event.amount(new Money(BigDecimal.valueOf(100 + random.nextInt(50_000), 2), EUR));
            }
            events.add(event.build());
        }
        return events;
    }

    /** The events of one thread: every THREADS-th, plus redeliveries of some of the previous thread's. */
    private static List<CustomerEvent> slice(List<CustomerEvent> events, int thread) {
        List<CustomerEvent> slice = new ArrayList<>(events.size() / THREADS + events.size() / REDELIVERY_EVERY);
        int previous = (thread + THREADS - 1) % THREADS;
        for (int i = 0; i < events.size(); i++) {
            if (i % THREADS == thread) {
                slice.add(events.get(i));
            }
            if (i % THREADS == previous && i % REDELIVERY_EVERY == 0) {
                slice.add(events.get(i));
            }
        }
        return slice;
    }

    /** All deliveries of all threads, in one order. */
    private static List<CustomerEvent> deliveries(List<CustomerEvent> events) {
        List<CustomerEvent> all = new ArrayList<>(events.size() + events.size() / REDELIVERY_EVERY);
        for (int t = 0; t < THREADS; t++) {
            all.addAll(slice(events, t));
        }
        return all;
    }

    /** Feeds one by one, or in batches through {@code acceptAll}. */
    private static void feed(
            LifecycleTracker tracker,
            List<CustomerEvent> slice,
            boolean oneByOne,
            AtomicLong accepted,
            AtomicLong duplicates,
            AtomicLong late,
            AtomicLong rejected) {
        if (oneByOne) {
            for (CustomerEvent event : slice) {
                switch (tracker.accept(event)) {
                    case ACCEPTED -> accepted.incrementAndGet();
                    case DUPLICATE -> duplicates.incrementAndGet();
                    case LATE -> late.incrementAndGet();
                    case REJECTED -> rejected.incrementAndGet();
                }
            }
        } else {
            for (int from = 0; from < slice.size(); from += BATCH) {
                LifecycleTracker.BatchResult result =
                        tracker.acceptAll(slice.subList(from, Math.min(slice.size(), from + BATCH)));
                accepted.addAndGet(result.accepted());
                duplicates.addAndGet(result.duplicates());
                late.addAndGet(result.late());
                rejected.addAndGet(result.rejected());
            }
        }
    }

    /** Reads stats while the feeders run: the counts reconcile and never go back. */
    private static long readWhileFeeding(LifecycleTracker tracker, AtomicBoolean feeding) {
        long reads = 0;
        long received = 0;
        while (feeding.get() || reads == 0) {
            TrackerStats stats = tracker.stats();
            TrackerGenerators.assertReconciled(stats);
            assertEquals(0, stats.late(), () -> "late events while feeding: " + stats);
            assertTrue(stats.received() >= received, () -> "received went back: " + stats);
            received = stats.received();
            reads++;
            LockSupport.parkNanos(200_000);
        }
        return reads;
    }
}
