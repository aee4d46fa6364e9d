package dev.lifecycle.core;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.Reader;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows customers through a lifecycle as their events arrive, keeps each customer's current stage, furthest stage
 * reached and stage history, and tells {@link StageListener}s whenever a customer changes stage.
 *
 * <p><b>Time.</b> The tracker works in event time. It keeps a watermark: events before it are final. Accepting an
 * event with timestamp {@code t} moves the watermark to {@code t - allowedLateness} (never back); {@link
 * #advanceTo(Instant)} moves it past the given instant. Events wait until the watermark passes them and are then applied
 * in timestamp order (ties by event id), so events may arrive out of order within the allowed lateness and the result
 * is the same as replaying them in order. An event older than the watermark is rejected as {@link EventOutcome#LATE}
 * and counted; an event whose id is already waiting is dropped as a {@link EventOutcome#DUPLICATE} and counted.
 *
 * <p><b>Events that cannot be applied.</b> An event that cannot be folded into its customer's profile (an amount in
 * another currency than the customer's earlier amounts) is never applied and never disturbs another customer. When
 * the customer's applied events already show the conflict, {@link #accept(CustomerEvent)} returns {@link
 * EventOutcome#REJECTED}; when the conflict is with an event that is still waiting, the event is accepted and rejected
 * when the watermark releases it. Either way it is counted in {@link TrackerStats#rejected()} and handed, with the
 * reason, to the rejection handler ({@link Builder#onRejected}; by default it is logged at WARN). So the counts always
 * reconcile: {@code received = applied + duplicates + late + rejected + pending}.
 *
 * <p><b>Stages.</b> Applying an event at instant {@code t} first brings the customer to {@code t}: time-based rules
 * act at the exact instants their built-in conditions change (a customer whose last order is 180 days old lapses 180
 * days and a nanosecond after it, before a new order wins them back). Then the event is folded into the customer's
 * profile and the template's rules are followed from the current stage at {@code t}, as far as they lead. Every rule
 * that fires is one {@link StageTransition}, so a transition the template does not declare never happens. {@link
 * #advanceTo(Instant)} applies the events up to that instant and brings every customer to it, which is how lapses
 * happen when no event comes. Custom conditions cannot say when they change, so moves they cause carry the instant of
 * the event or advance that revealed them. For the built-in templates the stage after replaying a customer's
 * events and advancing to {@code t} equals {@link LifecycleClassifier#classify} of the profile folded from the same
 * events at {@code t}.
 *
 * <p><b>Threads and shards.</b> All methods may be called from any number of threads. The customers are partitioned
 * over shards by a hash of their id ({@link Builder#shards(int)}, one by default; {@link #shardOf(String)}), and each
 * shard has its own lock, waiting events, watermark and counts, so threads feeding customers of different shards work
 * on as many cores. The per-customer logic is {@link LifecycleStep}, the same in every shard. With one shard all
 * events share one watermark. With several, an event is late only against its own shard's watermark, which only that
 * shard's events and {@link #advanceTo(Instant)} move: feed each shard from one thread (partition the events by {@link
 * #shardOf(String)}) or allow lateness that covers the feeding threads' skew. Reads ({@link #distribution()}, {@link
 * #stats()}) visit the shards one after the other; {@link #exportState(Appendable)} holds them all still.
 *
 * <p>Listeners run on a calling thread, outside every lock, one thread at a time per shard, in the order the shard
 * committed the transitions, so each customer's transitions arrive in the order they happened, one after the other.
 * With several shards, transitions of customers in different shards may be delivered at the same time from different
 * threads: listeners of a sharded tracker must be thread-safe. A call delivers the notifications it caused before it
 * returns, unless another thread is delivering that shard's notifications at the time; that thread then delivers them
 * too.
 *
 * <p><b>Listeners that call back.</b> The tracker commits an event's whole effect (profile, stage, history, counts)
 * before any listener hears of it, then notifies the listeners of the transitions in the order they happened. A
 * listener (or a failure or rejection handler) may call back into the tracker on the same thread: reads and {@link
 * #exportState(Appendable)} see the state including the transition being notified; a nested {@link
 * #accept(CustomerEvent)} or {@link #advanceTo(Instant)} works at once on that state and returns its real outcome, and
 * the transitions it causes are queued behind the ones already waiting to be delivered. The outermost call delivers
 * the queue, one notification after the other, never recursively, before it returns. An export taken inside a listener
 * holds the committed state; the notifications still waiting to be delivered are not part of it. A listener that
 * throws does not change the tracker's state: the event that caused the transition stays applied, the failure is
 * counted in {@link #stats()} and handed to the failure handler (by default it is logged at WARN), and the remaining
 * listeners and the remaining queued notifications are still delivered.
 *
 * <p><b>Restarts.</b> {@link #exportState(Appendable)} writes the whole state, waiting events included, as versioned
 * text; {@link Builder#restore(Reader)} reads it into a new tracker that continues exactly where the old one stopped.
 */
public final class LifecycleTracker {
    private static final Logger LOG = LoggerFactory.getLogger(LifecycleTracker.class);
    /** The most shards a tracker may have. */
    static final int MAX_SHARDS = 1024;

    private final LifecycleTemplate template;
    private final LifecycleStep step;
    private final LifecycleClassifier classifier;
    private final long latenessNanos;
    private final List<StageListener> listeners;
    private final BiConsumer<StageTransition, RuntimeException> failureHandler;
    private final BiConsumer<CustomerEvent, IllegalArgumentException> rejectionHandler;
    private final Shard[] shards;

    /** Listener calls that threw; counted outside the shards' locks, where listeners run. */
    private final AtomicLong listenerFailures = new AtomicLong();

    private LifecycleTracker(Builder b) {
        this.template = b.template;
        this.step = LifecycleStep.of(b.template);
        this.classifier = step.classifier();
        this.latenessNanos = TrackerTime.toNanos(b.allowedLateness);
        this.listeners = List.copyOf(b.listeners);
        this.failureHandler = b.failureHandler;
        this.rejectionHandler = b.rejectionHandler;
        this.shards = new Shard[b.shards];
        for (int i = 0; i < shards.length; i++) {
            shards[i] = new Shard();
        }
    }

    /**
     * Returns a builder for a tracker of the given template, with no allowed lateness, no listeners and one shard.
     *
     * @param template the lifecycle to track customers through
     * @return a new builder
     * @throws NullPointerException if {@code template} is null
     */
    public static Builder builder(LifecycleTemplate template) {
        return new Builder(requireNonNull(template, "template"));
    }

    /** {@return the template this tracker follows} */
    public LifecycleTemplate template() {
        return template;
    }

    /** {@return the step this tracker applies to each customer: the same logic, for use outside a tracker} */
    public LifecycleStep step() {
        return step;
    }

    /** {@return how many shards the customers are partitioned over} */
    public int shards() {
        return shards.length;
    }

    /**
     * Returns the shard that holds a customer, from 0 to {@link #shards()} - 1: a hash of the id, the same for the same
     * id and shard count in every tracker and run. A feeding thread per shard (events partitioned by this) keeps each
     * shard's events in the order that thread delivers them.
     *
     * @param customerId the customer's id
     * @return the shard's index
     * @throws NullPointerException if {@code customerId} is null
     */
    public int shardOf(String customerId) {
        requireNonNull(customerId, "customerId");
        return shardIndex(customerId);
    }

    private int shardIndex(String customerId) {
        if (shards.length == 1) {
            return 0;
        }
        int h = customerId.hashCode();
        // MurmurHash3's finaliser: ids that differ only in their last characters spread over all shards.
        h ^= h >>> 16;
        h *= 0x85EBCA6B;
        h ^= h >>> 13;
        h *= 0xC2B2AE35;
        h ^= h >>> 16;
        return (int) (((h & 0xFFFFFFFFL) * shards.length) >>> Integer.SIZE);
    }

    private Shard shardFor(String customerId) {
        return shards[shardIndex(customerId)];
    }

    /**
     * Takes one event. It is applied at once if its shard's watermark has passed it, otherwise when the watermark does.
     *
     * @param event the event
     * @return whether the event was accepted, dropped as a duplicate, rejected as late, or rejected because it cannot
     *     be applied to its customer
     * @throws NullPointerException if {@code event} is null
     * @throws IllegalArgumentException if the event's timestamp lies outside the years 1678 to 2261, which the tracker
     *     cannot store
     * @throws ClassificationException if a rule's condition throws while applying events
     */
    public EventOutcome accept(CustomerEvent event) {
        requireNonNull(event, "event");
        long at = TrackerTime.toNanos(event.timestamp());
        return shardFor(event.customerId()).take(event, at);
    }

    /**
     * Takes many events: sorts them by timestamp (ties by customer and event id), then takes them as {@link
     * #accept(CustomerEvent)} would one by one, so disorder within a batch never makes an event late. Events before
     * the watermark are rejected as late. The batch is checked for null events and timestamps outside the years 1678
     * to 2261 before any event is taken.
     *
     * @param events the events
     * @return how many were accepted, dropped as duplicates, rejected as late and rejected as not applicable
     * @throws NullPointerException if {@code events} or an event is null
     * @throws IllegalArgumentException if an event's timestamp lies outside the years 1678 to 2261
     * @throws ClassificationException if a rule's condition throws while applying events
     */
    public BatchResult acceptAll(Iterable<CustomerEvent> events) {
        requireNonNull(events, "events");
        List<CustomerEvent> sorted = new ArrayList<>();
        for (CustomerEvent event : events) {
            requireNonNull(event, "event");
            TrackerTime.toNanos(event.timestamp());
            sorted.add(event);
        }
        sorted.sort(WaitingEvents.ORDER);
        long[] outcomes = new long[EventOutcome.values().length];
        for (CustomerEvent event : sorted) {
            // Draining as the watermark moves, as accept() does, keeps the waiting events to the allowed lateness
            // instead of the whole batch.
            EventOutcome outcome =
                    shardFor(event.customerId()).take(event, TrackerTime.toNanosOfSupported(event.timestamp()));
            outcomes[outcome.ordinal()]++;
        }
        return new BatchResult(
                outcomes[EventOutcome.ACCEPTED.ordinal()],
                outcomes[EventOutcome.DUPLICATE.ordinal()],
                outcomes[EventOutcome.LATE.ordinal()],
                outcomes[EventOutcome.REJECTED.ordinal()]);
    }

    /**
     * Declares that time has reached {@code instant}, in every shard: applies every waiting event up to and including
     * it, then lets time-based rules (such as lapse after inactivity) act on every customer at {@code instant},
     * emitting the transitions they cause. Events at or before {@code instant} that arrive afterwards are rejected as
     * late.
     *
     * @param instant the new time; not before the latest instant the tracker has evaluated
     * @throws NullPointerException if {@code instant} is null
     * @throws IllegalArgumentException if {@code instant} is before the tracker's time, or outside the years 1678 to
     *     2261
     * @throws ClassificationException if a rule's condition throws
     */
    public void advanceTo(Instant instant) {
        requireNonNull(instant, "instant");
        long at = TrackerTime.toNanos(instant);
        long now = currentTime();
        if (at < now) {
            throw new IllegalArgumentException(
                    "cannot advance to " + instant + ": the tracker is already at " + TrackerTime.toInstant(now));
        }
        for (Shard shard : shards) {
            shard.advance(at, instant);
        }
    }

    /**
     * Returns the watermark: events before it are final and an event older than it is rejected as late. With several
     * shards, each has its own watermark and this is the lowest of them: events before it are final in every shard.
     *
     * @return the watermark, empty before the first event or advance (of every shard)
     */
    public Optional<Instant> watermark() {
        long lowest = Long.MAX_VALUE;
        for (Shard shard : shards) {
            synchronized (shard) {
                lowest = Math.min(lowest, shard.watermark);
            }
        }
        return lowest == Long.MIN_VALUE ? Optional.empty() : Optional.of(TrackerTime.toInstant(lowest));
    }

    /**
     * Returns the tracker's time: the latest instant at which it has evaluated a customer.
     *
     * @return the time, empty before the first event is applied or the first advance
     */
    public Optional<Instant> time() {
        long now = currentTime();
        return now == Long.MIN_VALUE ? Optional.empty() : Optional.of(TrackerTime.toInstant(now));
    }

    /**
     * Returns the current stage distribution: every tracked customer in the stage they are in now, with the reached
     * counts, as of the tracker's {@linkplain #time() time}. Call {@link #advanceTo(Instant)} first to let time-based
     * rules act on customers without recent events. With several shards, each shard's customers are counted as that
     * shard holds them when it is read.
     *
     * @return the distribution, every stage of the template listed
     * @throws IllegalStateException if the tracker has no time yet (no event applied, never advanced)
     */
    public StageDistribution distribution() {
        long now = currentTime();
        if (now == Long.MIN_VALUE) {
            throw new IllegalStateException(
                    "the tracker has applied no event and was never advanced; there is no distribution yet");
        }
        long[] current = new long[classifier.stageCount()];
        long[] highest = new long[classifier.stageCount()];
        for (Shard shard : shards) {
            synchronized (shard) {
                shard.customers.forEachStages((stage, furthest) -> {
                    current[stage]++;
                    highest[furthest]++;
                });
            }
        }
        return StageDistribution.of(template, TrackerTime.toInstant(now), current, highest);
    }

    /**
     * Returns the stage distribution at an instant up to the tracker's time: every customer first seen by then, in the
     * stage they were in at {@code asOf}. Stays up to the instant a customer was last evaluated are read from their
     * history; past it (a customer without events since), time-based rules are applied at {@code asOf} as {@link
     * #advanceTo(Instant)} would, without changing the tracker. For the built-in templates the counts equal {@link
     * LifecycleClassifier#classifyAll} of the profiles folded from the events up to {@code asOf}. Moves caused by
     * custom conditions carry the instant of the event or advance that revealed them, so for them the answer is what
     * the tracker had seen by then.
     *
     * @param asOf an instant not after the tracker's time
     * @return the distribution, every stage of the template listed
     * @throws NullPointerException if {@code asOf} is null
     * @throws IllegalArgumentException if {@code asOf} is after the tracker's time, which the histories cannot know
     * @throws ClassificationException if a rule's condition throws while bringing a customer to {@code asOf}
     */
    public StageDistribution distributionAt(Instant asOf) {
        requireNonNull(asOf, "asOf");
        long at = notAfterTime(asOf, "asOf");
        long[] current = new long[classifier.stageCount()];
        long[] highest = new long[classifier.stageCount()];
        for (Shard shard : shards) {
            synchronized (shard) {
                shard.customers.forEach(customer -> {
                    TrackedCustomer then = asOf(customer, at, asOf);
                    if (then != null) {
                        current[then.current]++;
                        highest[then.highest]++;
                    }
                });
            }
        }
        return StageDistribution.of(template, asOf, current, highest);
    }

    /**
     * Returns the stage flow between two instants up to the tracker's time, read from the histories: where each
     * customer was at {@code from} and at {@code to}, and every move in {@code (from, to]}, intermediate ones
     * included, with first sights as moves from {@code (none)}; {@link StageFlow} states the boundary and how the two
     * reconcile. Each customer's stays are read as {@link #distributionAt(Instant)} reads them: up to the instant the
     * customer was last evaluated from their history, past it (a customer without events since) with the moves
     * time-based rules make by {@code to}, without changing the tracker. So the rows of the customers' matrix sum to
     * {@code distributionAt(from)} and its columns to {@code distributionAt(to)}, and for the built-in templates it
     * equals {@link MoveMatrix#between(CustomerStages, CustomerStages)} of the events classified up to each instant.
     * With several shards, each shard's customers are counted as that shard holds them when it is read.
     *
     * @param from the earlier instant, excluded; supported and before {@code to}
     * @param to the later instant, included; supported and not after the tracker's time
     * @return the flow, rows and columns by stage id in template order, then {@code (none)}
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if an instant is not {@linkplain SupportedInstants supported}, {@code from} is
     *     not before {@code to}, or {@code to} is after the tracker's time, which the histories cannot know
     * @throws ClassificationException if a rule's condition throws while bringing a customer to {@code to}
     */
    public StageFlow flow(Instant from, Instant to) {
        SupportedInstants.check(from, "from");
        SupportedInstants.check(to, "to");
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("from must be before to but was from " + from + " and to " + to);
        }
        long end = notAfterTime(to, "to");
        StageFlow.Counter counter = new StageFlow.Counter(template, from, to);
        for (Shard shard : shards) {
            synchronized (shard) {
                shard.customers.forEach(customer -> {
                    TrackedCustomer then = asOf(customer, end, to);
                    if (then != null) {
                        counter.add(then);
                    }
                });
            }
        }
        return counter.build();
    }

    /** Returns an instant's nanoseconds, refusing it, named {@code what}, if it is after the tracker's time. */
    private long notAfterTime(Instant instant, String what) {
        long at = TrackerTime.toNanos(instant);
        long now = currentTime();
        if (at > now) {
            throw new IllegalArgumentException(what + " " + instant + " is after the tracker's time "
                    + (now == Long.MIN_VALUE ? "(none yet)" : TrackerTime.toInstant(now))
                    + "; advance the tracker first");
        }
        return at;
    }

    /**
     * A customer as they were at {@code at} (epoch nanoseconds of {@code asOf}, not after the tracker's time): a copy
     * holding the stays that began by then, the stage and furthest main-path stage then. Stays up to the instant the
     * customer was last evaluated are read from their history; past it, time-based rules are applied up to {@code at}
     * as {@link #advanceTo(Instant)} would, and the stays they lead to are recorded in the copy only. The shard's lock
     * is held. Returns null for a customer first seen after {@code at}.
     */
    private @Nullable TrackedCustomer asOf(TrackedCustomer customer, long at, Instant asOf) {
        int kept = 0;
        int best = -1;
        while (kept < customer.visits && customer.entered[kept] <= at) {
            int stage = customer.stageOf(kept);
            if (best < 0 || classifier.mainRank(stage) > classifier.mainRank(best)) {
                best = stage;
            }
            kept++;
        }
        if (kept == 0) {
            return null;
        }
        TrackedCustomer then = new TrackedCustomer(
                customer.profile,
                customer.stageOf(kept - 1),
                best,
                Math.min(customer.evaluatedAt, at),
                Arrays.copyOf(customer.entered, kept),
                Arrays.copyOf(customer.stageAndRule, kept));
        if (customer.evaluatedAt < at) {
            // The history ends before asOf: bring the copy to asOf; its moves are recorded in the copy, not announced.
            step.evaluate(then, at, asOf, true, (customerId, rule, from, to, instant) -> {});
        }
        return then;
    }

    /**
     * Returns a customer's history.
     *
     * @param customerId the customer's id
     * @return the current stage, furthest stage reached and every stay, empty if no event of the customer was applied
     * @throws NullPointerException if {@code customerId} is null
     */
    public Optional<CustomerHistory> history(String customerId) {
        requireNonNull(customerId, "customerId");
        Shard shard = shardFor(customerId);
        synchronized (shard) {
            TrackedCustomer customer = shard.customers.get(customerId);
            return customer == null ? Optional.empty() : Optional.of(step.history(customer));
        }
    }

    /**
     * Returns a customer's profile as folded from their applied events.
     *
     * @param customerId the customer's id
     * @return the profile, empty if no event of the customer was applied
     * @throws NullPointerException if {@code customerId} is null
     */
    public Optional<CustomerProfile> profile(String customerId) {
        requireNonNull(customerId, "customerId");
        Shard shard = shardFor(customerId);
        synchronized (shard) {
            TrackedCustomer customer = shard.customers.get(customerId);
            return customer == null ? Optional.empty() : Optional.of(customer.profile);
        }
    }

    /**
     * Returns the ids of all tracked customers, in no particular order.
     *
     * @return a copy of the ids
     */
    public Set<String> customerIds() {
        List<String> ids = new ArrayList<>();
        for (Shard shard : shards) {
            synchronized (shard) {
                ids.addAll(shard.customers.ids());
            }
        }
        return Set.copyOf(ids);
    }

    /** {@return what the tracker has done so far; every event given to it is accounted for} */
    public TrackerStats stats() {
        long[] sums = new long[8];
        for (Shard shard : shards) {
            synchronized (shard) {
                shard.addCounts(sums);
            }
        }
        return new TrackerCounters(sums[0], sums[1], sums[2], sums[3], sums[4], sums[5], listenerFailures.get())
                .toStats(sums[6], sums[7]);
    }

    /**
     * Writes the tracker's whole state (customers, histories, profiles, waiting events, watermark and counts) as
     * versioned text, for {@link Builder#restore(Reader)}. Every shard is held still while it is written, so the state
     * is one instant of the whole tracker. A sharded tracker's state holds the highest of its shards' watermarks, which
     * a restored tracker gives every shard.
     *
     * @param out where to write
     * @throws NullPointerException if {@code out} is null
     * @throws IOException if writing fails
     * @throws IllegalStateException if a line of the state would be longer than a state may have (a customer's
     *     profile with more than a million orders and payments, or an id of tens of millions of characters), which
     *     {@link Builder#restore(Reader)} could not read; the state is left without its end line, so it is not restored
     */
    public void exportState(Appendable out) throws IOException {
        requireNonNull(out, "out");
        exportHolding(0, out);
    }

    /** Holds the shards' locks from {@code first} on, in order, and writes the state while holding them all. */
    private void exportHolding(int first, Appendable out) throws IOException {
        if (first == shards.length) {
            TrackerStateCodec.write(this, out);
            return;
        }
        synchronized (shards[first]) {
            exportHolding(first + 1, out);
        }
    }

    // ---- state access for the codec, called with every shard's lock held, or on a tracker no one else has yet

    LifecycleClassifier classifier() {
        return classifier;
    }

    TrackerClock clock() {
        long watermark = Long.MIN_VALUE;
        long latestEvent = Long.MIN_VALUE;
        for (Shard shard : shards) {
            watermark = Math.max(watermark, shard.watermark);
            latestEvent = Math.max(latestEvent, shard.latestEvent);
        }
        return new TrackerClock(watermark, latestEvent, currentTime());
    }

    TrackerCounters counters() {
        long[] sums = new long[8];
        for (Shard shard : shards) {
            shard.addCounts(sums);
        }
        return new TrackerCounters(sums[0], sums[1], sums[2], sums[3], sums[4], sums[5], listenerFailures.get());
    }

    /** Every customer's id, for the codec to write in its order. */
    List<String> customerIdsForExport() {
        List<String> ids = new ArrayList<>();
        for (Shard shard : shards) {
            ids.addAll(shard.customers.ids());
        }
        return ids;
    }

    /** The customer for the codec to write, to be read only. */
    @Nullable
    TrackedCustomer customerForExport(String customerId) {
        return shardFor(customerId).customers.get(customerId);
    }

    List<CustomerEvent> pendingInOrder() {
        List<CustomerEvent> events = new ArrayList<>();
        for (Shard shard : shards) {
            events.addAll(shard.waiting.inOrder());
        }
        events.sort(WaitingEvents.ORDER);
        return events;
    }

    /** Takes over a state the codec has read and checked, into this new tracker. */
    void restore(
            TrackerClock clock,
            TrackerCounters counters,
            Map<String, TrackedCustomer> restored,
            List<CustomerEvent> waiting) {
        listenerFailures.set(counters.listenerFailures());
        for (Shard shard : shards) {
            synchronized (shard) {
                shard.watermark = clock.watermark();
                shard.latestEvent = clock.latestEvent();
                shard.evaluated = clock.time();
            }
        }
        Shard first = shards[0];
        synchronized (first) {
            // The counts are the tracker's: where they sit does not matter, only their sums are read.
            first.received = counters.received();
            first.applied = counters.applied();
            first.duplicates = counters.duplicates();
            first.late = counters.late();
            first.rejected = counters.rejected();
            first.transitions = counters.transitions();
        }
        for (TrackedCustomer customer : restored.values()) {
            Shard shard = shardFor(customer.profile.customerId());
            synchronized (shard) {
                shard.customers.put(customer);
            }
        }
        for (CustomerEvent event : waiting) {
            Shard shard = shardFor(event.customerId());
            synchronized (shard) {
                shard.waiting.add(event);
            }
        }
    }

    /**
     * The tracker's time: the latest instant at which a shard evaluated a customer, {@link Long#MIN_VALUE} for none.
     * Each shard keeps its own, so that applying an event writes nothing another shard's thread reads.
     */
    private long currentTime() {
        long latest = Long.MIN_VALUE;
        for (Shard shard : shards) {
            synchronized (shard) {
                latest = Math.max(latest, shard.evaluated);
            }
        }
        return latest;
    }

    private void announce(StageTransition transition) {
        for (StageListener listener : listeners) {
            try {
                listener.onTransition(transition);
            } catch (RuntimeException e) {
                listenerFailures.incrementAndGet();
                try {
                    failureHandler.accept(transition, e);
                } catch (RuntimeException handlerFailure) {
                    e.addSuppressed(handlerFailure);
                    LOG.error("listener failure handler threw while handling {}", transition, e);
                }
            }
        }
    }

    private void handleRejection(CustomerEvent event, IllegalArgumentException reason) {
        try {
            rejectionHandler.accept(event, reason);
        } catch (RuntimeException handlerFailure) {
            reason.addSuppressed(handlerFailure);
            LOG.error("rejection handler threw while handling event '{}'", event.eventId(), reason);
        }
    }

    private static void logFailure(StageTransition transition, RuntimeException e) {
        LOG.warn("stage listener failed on {}; the tracker's state is unaffected", transition, e);
    }

    private static void logRejection(CustomerEvent event, IllegalArgumentException reason) {
        LOG.warn(
                "event '{}' of customer '{}' was rejected: {}",
                event.eventId(),
                event.customerId(),
                reason.getMessage());
    }

    @Override
    public String toString() {
        return "LifecycleTracker{template=" + template.name() + ", shards=" + shards.length + ", " + stats() + "}";
    }

    /**
     * How many events of a batch were accepted, dropped as duplicates, rejected as late and rejected as not applicable
     * to their customer ({@link EventOutcome#REJECTED}).
     *
     * @param accepted events accepted
     * @param duplicates events dropped as duplicates of a waiting event
     * @param late events rejected as older than the watermark
     * @param rejected events rejected because they cannot be applied to their customer
     */
    public record BatchResult(long accepted, long duplicates, long late, long rejected) {
        /**
         * Checks the counts.
         *
         * @param accepted events accepted
         * @param duplicates events dropped as duplicates
         * @param late events rejected as late
         * @param rejected events rejected as not applicable
         * @throws IllegalArgumentException if a count is negative
         */
        public BatchResult {
            Checks.nonNegative(accepted, "accepted");
            Checks.nonNegative(duplicates, "duplicates");
            Checks.nonNegative(late, "late");
            Checks.nonNegative(rejected, "rejected");
        }
    }

    /**
     * One partition of the customers with everything that goes with them: their store, the events waiting for the
     * watermark, the watermark itself, the counts, and the queue of notifications of the changes it committed. Its
     * monitor guards all of it; listeners run outside it.
     */
    private final class Shard {
        final CustomerStore customers = new CustomerStore();
        final WaitingEvents waiting = WaitingEvents.forLateness(latenessNanos);
        final LifecycleStep.Moves moves = this::moved;
        /** The one-row table of the fast path, null for a template it does not serve; see {@link #apply}. */
        final LifecycleStep.@Nullable RowTable rows = step.rowTable();
        /** The row the fast path reads each customer into. */
        final FactRow row = new FactRow();

        long watermark = Long.MIN_VALUE;
        long latestEvent = Long.MIN_VALUE;
        /** The latest instant this shard evaluated its customers at. */
        long evaluated = Long.MIN_VALUE;

        long received;
        long applied;
        long duplicates;
        long late;
        long rejected;
        long transitions;

        /** Notifications of committed changes, in the order committed; see {@link #deliver()}. */
        final ArrayDeque<Runnable> outbox = new ArrayDeque<>();
        /** The thread delivering the outbox, null when none is. */
        @Nullable
        Thread deliverer;

        /** Takes an event and applies what the watermark releases, delivering the notifications. */
        EventOutcome take(CustomerEvent event, long at) {
            try {
                EventOutcome outcome;
                boolean appliedOne;
                synchronized (this) {
                    outcome = intake(event, at);
                    appliedOne = applyNext();
                }
                if (appliedOne) {
                    drain();
                }
                return outcome;
            } finally {
                deliver();
            }
        }

        void advance(long at, Instant instant) {
            try {
                synchronized (this) {
                    watermark = Math.max(watermark, at + 1);
                }
                drain();
                synchronized (this) {
                    // A listener may have advanced the tracker further while the waiting events were applied; then
                    // every customer is already past this instant.
                    if (evaluated <= at) {
                        LifecycleStep.RowTable table = rows;
                        customers.updateAll(
                                table == null ? null : row,
                                table == null ? null : r -> step.advanceRow(r, at, instant, table, moves),
                                customer -> step.evaluate(customer, at, instant, true, moves));
                        evaluated = at;
                    }
                }
            } finally {
                deliver();
            }
        }

        /** Sums the counts into {@code sums}: received, applied, duplicates, late, rejected, transitions, customers, waiting. */
        void addCounts(long[] sums) {
            sums[0] += received;
            sums[1] += applied;
            sums[2] += duplicates;
            sums[3] += late;
            sums[4] += rejected;
            sums[5] += transitions;
            sums[6] += customers.size();
            sums[7] += waiting.size();
        }

        private EventOutcome intake(CustomerEvent event, long at) {
            received++;
            if (at < watermark) {
                late++;
                return EventOutcome.LATE;
            }
            if (!waiting.add(event)) {
                duplicates++;
                return EventOutcome.DUPLICATE;
            }
            if (event.amountOrNull() != null && !canAdd(event)) {
                // Only an amount can conflict with the customer's applied events; the fold's own rule is the check.
                waiting.removeAdded(event);
                return EventOutcome.REJECTED;
            }
            if (at > latestEvent) {
                latestEvent = at;
                watermark = Math.max(watermark, TrackerTime.minusSaturated(at, latenessNanos));
            }
            return EventOutcome.ACCEPTED;
        }

        /**
         * Applies the waiting events the watermark has passed, one at a time; each event's effect is committed and its
         * notifications delivered before the next is applied.
         */
        private void drain() {
            while (true) {
                deliver();
                synchronized (this) {
                    if (!applyNext()) {
                        return;
                    }
                }
            }
        }

        /** Applies the first waiting event if the watermark has passed it; whether there was one. Under the lock. */
        private boolean applyNext() {
            CustomerEvent event = waiting.pollBefore(watermark);
            if (event == null) {
                return false;
            }
            apply(event);
            return true;
        }

        /**
         * Applies an event: on the fast path when the template's rules all read columns and the customer is held as a
         * record that can take the event (a {@link FactRow}, no objects), otherwise through the customer's objects.
         * Both commit the same state and report the same moves.
         */
        private void apply(CustomerEvent event) {
            LifecycleStep.RowTable table = rows;
            if (table != null) {
                int found = customers.readRow(event.customerId(), row);
                if (found != CustomerStore.UNPACKED) {
                    long at = TrackerTime.toNanosOfSupported(event.timestamp());
                    boolean known = found == CustomerStore.RECORD;
                    if (known) {
                        try {
                            row.checkCanAdd(event);
                        } catch (IllegalArgumentException e) {
                            reject(event, e);
                            return;
                        }
                    } else {
                        row.start(event.customerId(), classifier.entryIndex(), at, customers.currencies());
                    }
                    if (row.canFold(event)) {
                        applied++;
                        evaluated = Math.max(evaluated, at);
                        // stored whatever happens, as on the object path
                        try {
                            step.applyToRow(row, known, event, at, table, moves);
                        } finally {
                            customers.writeRow(row);
                        }
                        return;
                    }
                }
            }
            applyObjects(event);
        }

        private void applyObjects(CustomerEvent event) {
            long at = TrackerTime.toNanosOfSupported(event.timestamp());
            TrackedCustomer customer = customers.get(event.customerId());
            boolean known = customer != null;
            CustomerProfile before = customer != null
                    ? customer.profile
                    : CustomerProfile.builder(event.customerId()).build();
            // Folded before anything changes, so an event that cannot be applied leaves no trace but its count.
            CustomerProfile after = foldOrReject(before, event);
            if (after == null) {
                return;
            }
            // Counted before any rule runs: the event has left the queue, so a condition that throws must not leave
            // the counts unreconciled (stats() and restore would reject that forever after).
            applied++;
            evaluated = Math.max(evaluated, at);
            if (customer == null) {
                customer = step.start(before, at);
            }
            // The customer is stored again whatever happens, so a condition that throws leaves the moves made before
            // it in the state, as they are announced.
            try {
                step.applyFolded(customer, known, after, at, event.timestamp(), moves);
            } finally {
                customers.put(customer);
            }
        }

        /**
         * Returns the profile with the event folded in, or null after counting the event as rejected and queueing its
         * reason for the rejection handler when the fold refuses it (an amount in another currency).
         */
        private @Nullable CustomerProfile foldOrReject(CustomerProfile profile, CustomerEvent event) {
            try {
                return profile.plus(event);
            } catch (IllegalArgumentException e) {
                reject(event, e);
                return null;
            }
        }

        /**
         * Whether the fold would take the event into the customer's applied events (always, for a customer not seen
         * yet), counting it as rejected and queueing the reason when not.
         */
        private boolean canAdd(CustomerEvent event) {
            try {
                if (rows != null) {
                    int found = customers.readRow(event.customerId(), row);
                    if (found == CustomerStore.RECORD) {
                        row.checkCanAdd(event);
                        return true;
                    }
                    if (found == CustomerStore.ABSENT) {
                        return true;
                    }
                }
                TrackedCustomer customer = customers.get(event.customerId());
                if (customer != null) {
                    customer.profile.checkCanAdd(event);
                }
                return true;
            } catch (IllegalArgumentException e) {
                reject(event, e);
                return false;
            }
        }

        private void reject(CustomerEvent event, IllegalArgumentException reason) {
            rejected++;
            outbox.add(() -> handleRejection(event, reason));
        }

        /** Counts a committed move and queues it for the listeners. Under the lock. */
        private void moved(String customerId, int rule, int from, int to, Instant instant) {
            transitions++;
            StageTransition transition = step.transition(customerId, rule, from, to, instant);
            outbox.add(() -> announce(transition));
        }

        /**
         * Delivers the queued notifications in order, outside the lock, unless a thread is already doing so: a call
         * further up this thread's stack (a listener that calls back into the tracker only adds to the queue, which
         * the outermost call empties) or another thread, which then delivers these too. So one thread at a time
         * delivers a shard's notifications, in the order they were committed.
         */
        void deliver() {
            Thread me = Thread.currentThread();
            synchronized (this) {
                if (deliverer != null || outbox.isEmpty()) {
                    return;
                }
                deliverer = me;
            }
            try {
                while (true) {
                    Runnable notification;
                    synchronized (this) {
                        notification = outbox.poll();
                        if (notification == null) {
                            deliverer = null;
                            return;
                        }
                    }
                    notification.run();
                }
            } finally {
                synchronized (this) {
                    if (deliverer == me) {
                        // only an Error thrown by a notification leaves the loop this way
                        deliverer = null;
                    }
                }
            }
        }
    }

    /**
     * Builds a {@link LifecycleTracker}. Not thread-safe.
     */
    public static final class Builder {
        private static final Duration MAX_LATENESS = Duration.ofDays(290 * 365);

        private final LifecycleTemplate template;
        private Duration allowedLateness = Duration.ZERO;
        private int shards = 1;
        private final List<StageListener> listeners = new ArrayList<>();
        private BiConsumer<StageTransition, RuntimeException> failureHandler = LifecycleTracker::logFailure;
        private BiConsumer<CustomerEvent, IllegalArgumentException> rejectionHandler = LifecycleTracker::logRejection;

        private Builder(LifecycleTemplate template) {
            this.template = template;
        }

        /**
         * Sets how far behind the latest event an event may arrive and still be applied in order (default zero).
         * Larger values tolerate more disorder but delay transitions by as much.
         *
         * @param allowedLateness zero or more
         * @return this builder
         * @throws NullPointerException if {@code allowedLateness} is null
         * @throws IllegalArgumentException if {@code allowedLateness} is negative or longer than 290 years
         */
        public Builder allowedLateness(Duration allowedLateness) {
            requireNonNull(allowedLateness, "allowedLateness");
            if (allowedLateness.isNegative() || allowedLateness.compareTo(MAX_LATENESS) > 0) {
                throw new IllegalArgumentException(
                        "allowedLateness must be between zero and 290 years but was " + allowedLateness);
            }
            this.allowedLateness = allowedLateness;
            return this;
        }

        /**
         * Sets how many shards the customers are partitioned over (default one). Each shard has its own lock, waiting
         * events and watermark, so threads feeding customers of different shards use as many cores. With more than one
         * shard, listeners are called from several threads at once (for customers of different shards) and must be
         * thread-safe, and an event is late only against its own shard's watermark: see the class description.
         *
         * @param shards from 1 to 1024
         * @return this builder
         * @throws IllegalArgumentException if {@code shards} is outside 1 to 1024
         */
        public Builder shards(int shards) {
            if (shards < 1 || shards > MAX_SHARDS) {
                throw new IllegalArgumentException("shards must be between 1 and " + MAX_SHARDS + " but was " + shards);
            }
            this.shards = shards;
            return this;
        }

        /**
         * Adds a listener for stage transitions; listeners are called in the order added.
         *
         * @param listener the listener
         * @return this builder
         * @throws NullPointerException if {@code listener} is null
         */
        public Builder listener(StageListener listener) {
            listeners.add(requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * Sets what happens when a listener throws (default: log at WARN). The tracker's state is unaffected either
         * way and the failure is counted.
         *
         * @param handler receives the transition and what the listener threw
         * @return this builder
         * @throws NullPointerException if {@code handler} is null
         */
        public Builder onListenerFailure(BiConsumer<StageTransition, RuntimeException> handler) {
            this.failureHandler = requireNonNull(handler, "handler");
            return this;
        }

        /**
         * Sets what learns of events that cannot be applied to their customer (default: log at WARN). The handler
         * receives the event and the reason, both for events rejected at {@link LifecycleTracker#accept} and for
         * waiting events rejected when the watermark releases them; it runs after the tracker has committed the
         * rejection, like a listener, and may call back into the tracker. The event is never applied and is counted
         * in {@link TrackerStats#rejected()} either way.
         *
         * @param handler receives the event and why it cannot be applied
         * @return this builder
         * @throws NullPointerException if {@code handler} is null
         */
        public Builder onRejected(BiConsumer<CustomerEvent, IllegalArgumentException> handler) {
            this.rejectionHandler = requireNonNull(handler, "handler");
            return this;
        }

        /**
         * Returns a new tracker with no customers.
         *
         * @return the tracker
         */
        public LifecycleTracker build() {
            return new LifecycleTracker(this);
        }

        /**
         * Returns a tracker that continues from a state written by {@link LifecycleTracker#exportState(Appendable)}.
         * The listeners and lateness are this builder's; transitions already emitted are not emitted again.
         *
         * @param state the exported text
         * @return the tracker
         * @throws NullPointerException if {@code state} is null
         * @throws IOException if reading fails
         * @throws IllegalArgumentException if the text is not a tracker state of a supported version, was exported
         *     from another template, or is corrupt; the message says which and where
         */
        public LifecycleTracker restore(Reader state) throws IOException {
            requireNonNull(state, "state");
            LifecycleTracker tracker = build();
            TrackerStateCodec.read(state, tracker);
            return tracker;
        }
    }
}
