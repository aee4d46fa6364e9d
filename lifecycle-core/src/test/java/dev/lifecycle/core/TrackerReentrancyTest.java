package dev.lifecycle.core;

import static java.util.Objects.requireNonNull;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Listeners that call back into the tracker, as the class doc of {@link LifecycleTracker} allows: an event's whole
 * effect is committed before any listener runs, nested calls apply at once on the committed state and return their real
 * outcome, and the transitions they cause are delivered after the ones already waiting, in the order they happened.
 */
final class TrackerReentrancyTest {
    private static final Instant T0 = Instant.parse("2025-01-06T09:00:00Z");

    private static Instant day(double days) {
        return T0.plus(Duration.ofMinutes(Math.round(days * 24 * 60)));
    }

    private static CustomerEvent event(String customerId, EventType type, Instant at, String eventId) {
        return CustomerEvent.builder(customerId, type, at).eventId(eventId).build();
    }

    private static String moved(StageTransition t) {
        return t.customerId() + ":" + t.fromStageId() + "->" + t.toStageId() + "@" + t.at();
    }

    /** A listener that runs one action on the first transition into {@code stage} and records every transition. */
    private static final class OnStage implements StageListener {
        final String stage;
        final List<String> seen = new ArrayList<>();
        Runnable action = () -> {};
        boolean done;

        OnStage(String stage) {
            this.stage = stage;
        }

        @Override
        public void onTransition(StageTransition transition) {
            seen.add(moved(transition));
            if (!done && transition.toStageId().equals(stage)) {
                done = true;
                action.run();
            }
        }
    }

    @Test
    void listener_acceptsAFollowUpThatReleasesTheSameCustomersWaitingEvent_nothingLostAndOrderKept() {
        OnStage listener = new OnStage("conversion");
        LifecycleTracker tracker = LifecycleTracker.builder(Templates.fiveStage())
                .allowedLateness(Duration.ofDays(1))
                .listener(listener)
                .build();
        AtomicReference<EventOutcome> nested = new AtomicReference<>();
        CustomerEvent followUp = event("c1", EventType.EMAIL_OPEN, day(4), "mail-1");
        listener.action = () -> nested.set(tracker.accept(followUp));
        List<CustomerEvent> events = List.of(
                event("c1", EventType.SITE_VISIT, day(0), "v"),
                event("c1", EventType.PURCHASE, day(1), "p1"),
                event("c1", EventType.PURCHASE, day(1.5), "p2"),
                event("c2", EventType.SITE_VISIT, day(2.2), "w"));

        events.forEach(tracker::accept);
        tracker.advanceTo(day(10));

        assertEquals(EventOutcome.ACCEPTED, nested.get());
        List<CustomerEvent> c1 = new ArrayList<>(events.subList(0, 3));
        c1.add(followUp);
        assertEquals(CustomerProfile.fromEvents("c1", c1), tracker.profile("c1").orElseThrow());
        assertEquals(
                "retention", tracker.history("c1").orElseThrow().currentStage().id());
        assertEquals(
                List.of("c1:awareness->conversion@" + day(1), "c1:conversion->retention@" + day(1.5)), listener.seen);
        TrackerStats stats = tracker.stats();
        assertEquals(5, stats.applied(), stats::toString);
        assertEquals(2, stats.transitions(), stats::toString);
    }

    @Test
    void listener_readsHistoryAndProfile_seesTheTransitionBeingNotified() {
        List<String> seen = new ArrayList<>();
        AtomicReference<LifecycleTracker> self = new AtomicReference<>();
        LifecycleTracker tracker = LifecycleTracker.builder(Templates.fiveStage())
                .listener(t -> {
                    CustomerHistory history =
                            built(self).history(t.customerId()).orElseThrow();
                    long orders =
                            built(self).profile(t.customerId()).orElseThrow().orderCount();
                    seen.add(t.toStageId() + " in history as "
                            + history.currentStage().id() + " after "
                            + history.visits().size() + " stays, " + orders + " orders");
                })
                .build();
        self.set(tracker);

        tracker.accept(event("c1", EventType.PURCHASE, day(1), "p1"));
        tracker.accept(event("c1", EventType.PURCHASE, day(2), "p2"));
        tracker.advanceTo(day(3));

        assertEquals(
                List.of(
                        "conversion in history as conversion after 2 stays, 1 orders",
                        "retention in history as retention after 3 stays, 2 orders"),
                seen);
    }

    @Test
    void listener_exportsState_restoredTrackerHoldsTheEventBeingNotified() {
        OnStage listener = new OnStage("conversion");
        LifecycleTracker tracker = LifecycleTracker.builder(Templates.fiveStage())
                .listener(listener)
                .build();
        StringBuilder exported = new StringBuilder();
        listener.action = () -> {
            try {
                tracker.exportState(exported);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
        CustomerEvent visit = event("c1", EventType.SITE_VISIT, day(0), "v");
        CustomerEvent purchase = event("c1", EventType.PURCHASE, day(1), "p1");

        tracker.accept(visit);
        tracker.accept(purchase);
        tracker.advanceTo(day(2));

        LifecycleTracker restored;
        try {
            restored = LifecycleTracker.builder(Templates.fiveStage()).restore(new StringReader(exported.toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertEquals(
                CustomerProfile.fromEvents("c1", List.of(visit, purchase)),
                restored.profile("c1").orElseThrow());
        assertEquals(
                "conversion",
                restored.history("c1").orElseThrow().currentStage().id());
        assertEquals(2, restored.stats().applied(), () -> restored.stats().toString());
    }

    @Test
    void listener_advancesTheTracker_lapseAppliedOnTheCommittedStateAndDeliveredAfter() {
        OnStage listener = new OnStage("conversion");
        LifecycleTracker tracker = LifecycleTracker.builder(Templates.fiveStage())
                .listener(listener)
                .build();
        listener.action = () -> tracker.advanceTo(day(200));

        tracker.accept(event("c1", EventType.PURCHASE, day(1), "p1"));
        tracker.advanceTo(day(2));

        assertEquals(
                "lapsed", tracker.history("c1").orElseThrow().currentStage().id());
        assertEquals(day(200), tracker.time().orElseThrow());
        assertEquals(2, listener.seen.size(), listener.seen::toString);
        assertEquals("c1:awareness->conversion@" + day(1), listener.seen.get(0));
        assertTrue(listener.seen.get(1).startsWith("c1:conversion->lapsed@"), listener.seen::toString);
    }

    @Test
    void listener_nestedTransitions_deliveredAfterThoseAlreadyWaitingToEveryListenerInOrder() {
        List<String> first = new ArrayList<>();
        List<String> second = new ArrayList<>();
        AtomicReference<LifecycleTracker> self = new AtomicReference<>();
        LifecycleTracker tracker = LifecycleTracker.builder(Templates.fiveStage())
                .listener(t -> {
                    first.add(moved(t));
                    if (t.customerId().equals("a") && t.toStageId().equals("conversion")) {
                        // Both events are applied at once by the advance; their transitions must come after b's.
                        built(self).accept(event("a", EventType.PURCHASE, day(3), "a2"));
                        built(self).advanceTo(day(3));
                    }
                })
                .listener(t -> second.add(moved(t)))
                .build();
        self.set(tracker);

        tracker.accept(event("a", EventType.PURCHASE, day(1), "a1"));
        tracker.accept(event("b", EventType.PURCHASE, day(1), "b1"));
        tracker.accept(event("b", EventType.PURCHASE, day(2), "b2"));
        tracker.advanceTo(day(3));

        List<String> expected = List.of(
                "a:awareness->conversion@" + day(1),
                "b:awareness->conversion@" + day(1),
                "b:conversion->retention@" + day(2),
                "a:conversion->retention@" + day(3));
        assertEquals(expected, first);
        assertEquals(expected, second);
    }

    @Test
    void listener_throwsAfterANestedAccept_eventStillAppliedRemainingNotificationsDelivered() {
        List<String> after = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        AtomicReference<LifecycleTracker> self = new AtomicReference<>();
        LifecycleTracker tracker = LifecycleTracker.builder(Templates.fiveStage())
                .listener(t -> {
                    if (t.toStageId().equals("conversion")) {
                        built(self).accept(event(t.customerId(), EventType.PURCHASE, day(5), "follow-up"));
                        throw new IllegalStateException("mail server down");
                    }
                })
                .listener(t -> after.add(moved(t)))
                .onListenerFailure((t, e) -> failures.add(moved(t) + " " + e.getMessage()))
                .build();
        self.set(tracker);

        tracker.accept(event("c1", EventType.PURCHASE, day(1), "p1"));
        tracker.accept(event("c2", EventType.SITE_VISIT, day(2), "v2"));
        tracker.advanceTo(day(6));

        assertEquals(List.of("c1:awareness->conversion@" + day(1), "c1:conversion->retention@" + day(5)), after);
        assertEquals(List.of("c1:awareness->conversion@" + day(1) + " mail server down"), failures);
        assertEquals(2, tracker.profile("c1").orElseThrow().orderCount());
        assertEquals(1, tracker.stats().listenerFailures());
    }

    /**
     * Two threads feed the customers of two shards while each shard's listener calls back with an event for a customer
     * of the other shard. Listeners run outside the shards' locks, so the two threads, each delivering one shard's
     * notifications and calling into the other shard, never wait for each other: both finish, every follow-up call
     * returns its outcome, and the counts reconcile. (A follow-up carries its thread's time into the other shard, so
     * some events fed there afterwards are late, which is counted like any late event.)
     */
    @Test
    void listenersOfTwoShardsCallIntoEachOther_fromTwoThreads_noDeadlockAndNothingLost() throws Exception {
        int customers = 2_000;
        AtomicReference<LifecycleTracker> self = new AtomicReference<>();
        java.util.concurrent.atomic.AtomicLong followUps = new java.util.concurrent.atomic.AtomicLong();
        java.util.Set<String> answered = java.util.concurrent.ConcurrentHashMap.newKeySet();
        StageListener crossing = transition -> {
            String id = transition.customerId();
            if (answered.add(id) && !id.startsWith("x")) {
                // the first transition of a fed customer: a follow-up for the paired customer of the other shard
                String other = "x" + id;
                built(self).accept(event(other, EventType.SITE_VISIT, transition.at(), "follow-" + id));
                followUps.incrementAndGet();
            }
        };
        LifecycleTracker tracker = LifecycleTracker.builder(Templates.fiveStage())
                .shards(2)
                .listener(crossing)
                .build();
        self.set(tracker);
        List<List<String>> ids = List.of(new ArrayList<>(), new ArrayList<>());
        for (int i = 0; ids.get(0).size() < customers || ids.get(1).size() < customers; i++) {
            String id = "c" + i;
            int shard = tracker.shardOf(id);
            // the follow-up customer of a fed customer lives in the other shard
            if (tracker.shardOf("x" + id) != shard && ids.get(shard).size() < customers) {
                ids.get(shard).add(id);
            }
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            List<java.util.concurrent.Future<?>> feeders = new ArrayList<>();
            for (List<String> shardIds : ids) {
                feeders.add(pool.submit(() -> {
                    for (int i = 0; i < shardIds.size(); i++) {
                        tracker.accept(event(shardIds.get(i), EventType.PURCHASE, day(i / 100.0), "p-" + i));
                    }
                }));
            }
            for (java.util.concurrent.Future<?> feeder : feeders) {
                feeder.get(2, java.util.concurrent.TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        tracker.advanceTo(day(1000));
        TrackerStats stats = tracker.stats();
        TrackerGenerators.assertReconciled(stats);
        assertEquals(2L * customers + followUps.get(), stats.received(), () -> "received: " + stats);
        // A follow-up moves the other shard's watermark to the time of its thread, so some fed events turn out late;
        // every fed customer whose purchase was applied moved stage once and was answered once.
        long fedAndTracked = ids.stream()
                .flatMap(List::stream)
                .filter(id -> tracker.history(id).isPresent())
                .count();
        assertEquals(fedAndTracked, followUps.get(), "one follow-up per fed customer with a transition");
        assertTrue(fedAndTracked > customers / 2, () -> "too few fed customers tracked to be a test: " + stats);
        assertEquals(0, stats.pending(), "nothing waits after the advance");
    }

    /** The tracker a listener calls back into: set right after it is built, before the first event. */
    private static LifecycleTracker built(AtomicReference<LifecycleTracker> self) {
        return requireNonNull(self.get(), "the tracker is set before the first event");
    }
}
