package dev.lifecycle.benchmarks;

import dev.lifecycle.core.CustomerEvent;
import dev.lifecycle.core.CustomerState;
import dev.lifecycle.core.LifecycleStep;
import dev.lifecycle.core.LifecycleTracker;
import dev.lifecycle.core.Stage;
import dev.lifecycle.core.Templates;
import dev.lifecycle.core.TrackerStats;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Workload 3, speed, all on the five-stage template. Ingestion: a new {@link LifecycleTracker} takes the whole log
 * event by event in the order the events happened, as a stream delivers them, then advances to the end of the window
 * so that lapses happen; on one thread ({@link #acceptEachEvent}) and on two ({@link #acceptOnTwoThreads}: a tracker
 * of {@value Feeders#SHARDS} shards, each of {@value Feeders#THREADS} threads taking the events of the shards it owns).
 * The step alone ({@link #stepEachEvent}): every event through {@link LifecycleStep#apply} into an array of states,
 * then every state advanced. A long history ({@link #oneCustomerHistory} against {@link #oneEventCustomers}): the
 * {@value OneCustomerLog#EVENTS} events of one customer against as many customers with one event each. One pass per
 * operation; events per second is the event count over the time. Every answer is checked against the library's
 * classification after every iteration, the warmup included, so a wrong answer fails the run before any measured
 * iteration.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class TrackerBenchmark {
    static final String KEY = "w3";
    /** The key of the answer for {@link OneCustomerLog#oneCustomer()}. */
    static final String ONE_CUSTOMER_KEY = "w3one";
    /** The key of the answer for {@link OneCustomerLog#oneEventEach()}. */
    static final String ONE_EVENT_EACH_KEY = "w3each";

    /** Gives every event to the tracker with {@code accept}, in the list's order. */
    static void feed(LifecycleTracker tracker, List<CustomerEvent> events) {
        for (CustomerEvent event : events) {
            tracker.accept(event);
        }
    }

    /** A new one-shard five-stage tracker that took every event with {@code accept}, then advanced to asOf. */
    static LifecycleTracker track(List<CustomerEvent> events) {
        return track(events, LifecycleTracker.builder(Templates.fiveStage()), SyntheticLog.AS_OF);
    }

    /** A new tracker of the builder that took every event with {@code accept}, then advanced to {@code until}. */
    static LifecycleTracker track(List<CustomerEvent> events, LifecycleTracker.Builder builder, Instant until) {
        LifecycleTracker tracker = builder.build();
        feed(tracker, events);
        tracker.advanceTo(until);
        return tracker;
    }

    /**
     * Returns the tracker's distribution as the suite writes the library's, after checking that it applied every one
     * of {@code events} events (none late, duplicate or rejected).
     *
     * @throws IllegalStateException if it did not
     */
    static String answer(LifecycleTracker tracker, long events) {
        checkAppliedAll(tracker, events);
        return Canonical.counts(tracker.distribution().counts());
    }

    /**
     * Checks that the tracker applied every one of {@code events} events: none late, duplicate or rejected.
     *
     * @throws IllegalStateException if it did not
     */
    static void checkAppliedAll(LifecycleTracker tracker, long events) {
        TrackerStats stats = tracker.stats();
        if (stats.applied() != events || stats.late() != 0 || stats.duplicates() != 0 || stats.rejected() != 0) {
            throw new IllegalStateException("the tracker should have applied all " + events + " events but " + stats);
        }
    }

    /**
     * The log's events partitioned for feeding threads: a tracker of {@value #SHARDS} shards, and per thread, in time
     * order, the events of the customers in the shards that thread owns (shard {@code s} belongs to thread {@code s %
     * THREADS}), with a pool of {@value #THREADS} threads started in setup. The partition is computed in setup from a
     * throwaway tracker with the same shard count ({@link LifecycleTracker#shardOf} depends on the id and the shard
     * count only); inside the timed region each thread makes the same call per event as the one-thread benchmark.
     *
     * <p>One shard per thread: each thread takes its own shard's lock only (never contended), and each shard holds half
     * the customers; more shards than threads would make each shard's store smaller still, a gain that comes from the
     * partition rather than the second thread, and would be judged against a one-shard tracker.
     */
    @State(Scope.Benchmark)
    public static class Feeders {
        static final int THREADS = 2;
        static final int SHARDS = 2;

        List<List<CustomerEvent>> perThread = List.of();
        long eventCount;
        private @Nullable ExecutorService pool;

        /** Partitions the configured log and starts the threads. */
        @Setup(Level.Trial)
        public void setUp() {
            load(BenchConfig.log().eventsInTimeOrder());
            for (int t = 0; t < THREADS; t++) {
                System.out.printf(
                        Locale.ROOT,
                        "(setup) feeding thread %d: %,d events%n",
                        t,
                        perThread.get(t).size());
            }
        }

        /** Partitions the events (in time order) by the thread owning their customer's shard, and starts the pool. */
        void load(List<CustomerEvent> events) {
            LifecycleTracker partition = LifecycleTracker.builder(Templates.fiveStage())
                    .shards(SHARDS)
                    .build();
            List<List<CustomerEvent>> lists = new ArrayList<>(THREADS);
            for (int t = 0; t < THREADS; t++) {
                lists.add(new ArrayList<>(events.size() / THREADS + 1024));
            }
            for (CustomerEvent event : events) {
                lists.get(partition.shardOf(event.customerId()) % THREADS).add(event);
            }
            perThread = List.copyOf(lists);
            eventCount = events.size();
            ThreadPoolExecutor threads = (ThreadPoolExecutor) Executors.newFixedThreadPool(THREADS, r -> {
                Thread t = new Thread(r, "tracker-feeder");
                t.setDaemon(true);
                return t;
            });
            threads.prestartAllCoreThreads();
            pool = threads;
        }

        /**
         * Builds a five-stage tracker of {@value #SHARDS} shards, has every thread take its own list with {@code
         * accept} (the threads started together, this thread waiting for both), then advances it to asOf.
         *
         * @throws IllegalStateException if a thread failed or this thread was interrupted
         */
        LifecycleTracker track() {
            return track(LifecycleTracker.builder(Templates.fiveStage()), SyntheticLog.AS_OF);
        }

        /**
         * Builds a tracker of the builder with {@value #SHARDS} shards, has every thread take its own list with {@code
         * accept} (the threads started together, this thread waiting for both), then advances it to {@code until}.
         *
         * @throws IllegalStateException if a thread failed or this thread was interrupted
         */
        LifecycleTracker track(LifecycleTracker.Builder builder, Instant until) {
            ExecutorService threads = pool;
            if (threads == null) {
                throw new IllegalStateException("the events are not loaded");
            }
            LifecycleTracker tracker = builder.shards(SHARDS).build();
            List<Callable<@Nullable Void>> feeds = new ArrayList<>(THREADS);
            for (List<CustomerEvent> own : perThread) {
                feeds.add(() -> {
                    feed(tracker, own);
                    return null;
                });
            }
            try {
                for (Future<@Nullable Void> done : threads.invokeAll(feeds)) {
                    done.get();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while feeding", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("a feeding thread failed", e.getCause());
            }
            tracker.advanceTo(until);
            return tracker;
        }

        /** Stops the threads. */
        @TearDown(Level.Trial)
        public void tearDown() {
            ExecutorService threads = pool;
            if (threads != null) {
                threads.shutdownNow();
            }
        }
    }

    /**
     * The log for the step alone: the events in time order in an array, and per event the number of its customer
     * (numbered by first appearance), computed in setup so that the timed region is the step and an array read and
     * write per event.
     */
    @State(Scope.Benchmark)
    public static class Steps {
        final LifecycleStep step = LifecycleStep.of(Templates.fiveStage());
        CustomerEvent[] events = new CustomerEvent[0];
        int[] customerOf = new int[0];
        int customers;

        /** Numbers the configured log's customers. */
        @Setup(Level.Trial)
        public void setUp() {
            load(BenchConfig.log().eventsInTimeOrder());
        }

        /** Takes the events in time order and numbers their customers. */
        void load(List<CustomerEvent> inTimeOrder) {
            events = inTimeOrder.toArray(CustomerEvent[]::new);
            customerOf = new int[events.length];
            Map<String, Integer> numbers = new HashMap<>();
            for (int i = 0; i < events.length; i++) {
                customerOf[i] = numbers.computeIfAbsent(events[i].customerId(), id -> numbers.size());
            }
            customers = numbers.size();
        }
    }

    /**
     * Every event through the step into its customer's slot of a new array of states, then every state advanced to
     * asOf.
     */
    static CustomerState[] stepAll(Steps data) {
        LifecycleStep step = data.step;
        @Nullable CustomerState[] states = applyAll(data);
        for (int c = 0; c < states.length; c++) {
            CustomerState state = states[c];
            if (state == null) {
                throw new IllegalStateException("customer " + c + " has no event");
            }
            states[c] = step.advance(state, SyntheticLog.AS_OF).state();
        }
        return states;
    }

    /** Every event through the step into its customer's slot of a new array of states, in the order of the events. */
    static @Nullable CustomerState[] applyAll(Steps data) {
        LifecycleStep step = data.step;
        CustomerEvent[] events = data.events;
        int[] customerOf = data.customerOf;
        @Nullable CustomerState[] states = new CustomerState[data.customers];
        for (int i = 0; i < events.length; i++) {
            int c = customerOf[i];
            states[c] = step.apply(states[c], events[i]).state();
        }
        return states;
    }

    /** {@return the states' stages counted as the suite writes the library's distribution} */
    static String stepAnswer(LifecycleStep step, CustomerState[] states) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (Stage stage : step.template().stages()) {
            counts.put(stage.id(), 0L);
        }
        for (CustomerState state : states) {
            counts.merge(state.stage().id(), 1L, Long::sum);
        }
        return Canonical.counts(StageCounts.of(step.template(), counts));
    }

    /** The long history: {@link OneCustomerLog}'s events as one customer's and as one event per customer. */
    @State(Scope.Benchmark)
    public static class LongHistory {
        List<CustomerEvent> oneCustomer = List.of();
        List<CustomerEvent> oneEventEach = List.of();

        /** Generates the history from the configured seed. */
        @Setup(Level.Trial)
        public void setUp() {
            OneCustomerLog log = OneCustomerLog.generate(OneCustomerLog.EVENTS, BenchConfig.seed());
            oneCustomer = log.oneCustomer();
            oneEventEach = log.oneEventEach();
        }
    }

    /**
     * One thread: takes every event with {@code accept}, then {@code advanceTo} the end of the window.
     *
     * @param data the events in the order they happened
     * @param last where the answer is left for the check after the iteration
     * @return the tracker
     */
    @Benchmark
    public LifecycleTracker acceptEachEvent(EventLog data, LastAnswer last) {
        LifecycleTracker tracker = track(data.events);
        last.set(KEY, "the tracker", () -> answer(tracker, data.events.size()));
        return tracker;
    }

    /**
     * Two threads: a tracker of {@value Feeders#SHARDS} shards; each thread takes the events of its shards with {@code
     * accept}, in time order; once both are done, {@code advanceTo} the end of the window.
     *
     * @param data the events partitioned by thread
     * @param last where the answer is left for the check after the iteration
     * @return the tracker
     */
    @Benchmark
    public LifecycleTracker acceptOnTwoThreads(Feeders data, LastAnswer last) {
        LifecycleTracker tracker = data.track();
        last.set(KEY, "the tracker on two threads", () -> answer(tracker, data.eventCount));
        return tracker;
    }

    /**
     * One thread, the step alone: every event through {@link LifecycleStep#apply} into an array of states indexed by
     * customer number, then every state through {@link LifecycleStep#advance} to the end of the window.
     *
     * @param data the events and their customers' numbers
     * @param last where the answer is left for the check after the iteration
     * @return the states
     */
    @Benchmark
    public CustomerState[] stepEachEvent(Steps data, LastAnswer last) {
        CustomerState[] states = stepAll(data);
        last.set(KEY, "the step", () -> stepAnswer(data.step, states));
        return states;
    }

    /** The bytes of each state in {@link #stateFloor}: about a five-stage customer's record on this log. */
    static final int FLOOR_STATE_BYTES = 112;

    /** A customer's state in {@link #stateFloor}: an id and bytes, as a {@link CustomerState} holds them. */
    @SuppressWarnings("ArrayRecordComponent") // never compared or hashed: a slot's value, as a CustomerState is
    record FloorState(String customerId, byte[] bytes) {}

    /**
     * The floor of any per-customer state kept as an immutable value in an array, for comparison with {@link
     * #stepEachEvent} on the same events: per event, the customer's state is read from its slot, its id compared with
     * the event's, its {@value #FLOOR_STATE_BYTES} bytes copied with one byte changed from the event, and a new state
     * written back; then every state copied once more, as the advance does. No fold, no rules.
     */
    static FloorState[] floorAll(Steps data) {
        CustomerEvent[] events = data.events;
        int[] customerOf = data.customerOf;
        @Nullable FloorState[] states = new FloorState[data.customers];
        for (int i = 0; i < events.length; i++) {
            int c = customerOf[i];
            CustomerEvent event = events[i];
            FloorState state = states[c];
            byte[] bytes;
            if (state == null) {
                bytes = new byte[FLOOR_STATE_BYTES];
            } else if (state.customerId().equals(event.customerId())) {
                bytes = state.bytes().clone();
            } else {
                throw new IllegalStateException("event " + i + " is not of customer " + c);
            }
            bytes[i % FLOOR_STATE_BYTES] ^=
                    (byte) (event.timestamp().getEpochSecond() + event.type().ordinal());
            states[c] = new FloorState(event.customerId(), bytes);
        }
        for (int c = 0; c < states.length; c++) {
            FloorState state = states[c];
            if (state == null) {
                throw new IllegalStateException("customer " + c + " has no event");
            }
            states[c] = new FloorState(state.customerId(), state.bytes().clone());
        }
        return states;
    }

    /**
     * One thread, for comparison with the step alone: {@link #floorAll} on the same events. Its work is checked by
     * {@code TrackerBenchmarkTest} (every customer gets a state); it has no answer of stages.
     *
     * @param data the events and their customers' numbers
     * @return the states
     */
    @Benchmark
    public FloorState[] stateFloor(Steps data) {
        return floorAll(data);
    }

    /**
     * One thread: {@value OneCustomerLog#EVENTS} events of one customer into a new one-shard tracker with {@code
     * accept}, then {@code advanceTo} the end of the window. Many passes per iteration.
     *
     * @param data the history
     * @param last where the answer is left for the check after the iteration
     * @return the tracker
     */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    public LifecycleTracker oneCustomerHistory(LongHistory data, LastAnswer last) {
        LifecycleTracker tracker = track(data.oneCustomer);
        last.set(ONE_CUSTOMER_KEY, "the tracker", () -> answer(tracker, data.oneCustomer.size()));
        return tracker;
    }

    /**
     * One thread: the same {@value OneCustomerLog#EVENTS} events, each of a customer of its own, into a new one-shard
     * tracker with {@code accept}, then {@code advanceTo} the end of the window. Many passes per iteration.
     *
     * @param data the history
     * @param last where the answer is left for the check after the iteration
     * @return the tracker
     */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    public LifecycleTracker oneEventCustomers(LongHistory data, LastAnswer last) {
        LifecycleTracker tracker = track(data.oneEventEach);
        last.set(ONE_EVENT_EACH_KEY, "the tracker", () -> answer(tracker, data.oneEventEach.size()));
        return tracker;
    }
}
