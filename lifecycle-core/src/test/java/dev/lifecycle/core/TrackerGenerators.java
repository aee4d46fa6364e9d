package dev.lifecycle.core;

import static dev.lifecycle.core.Generators.between;
import static dev.lifecycle.core.Generators.chance;
import static dev.lifecycle.core.Generators.pick;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.quicktheories.core.Gen;

/**
 * Generators and helpers for the tracker's property and stress tests: event streams of several customers, delivery
 * plans that displace events within the allowed lateness, redeliver them and advance the tracker, and a listener that
 * records transitions. Builds on {@link Generators}, whose event and template generators it reuses.
 */
final class TrackerGenerators {
    /** The order in which the tracker applies events: timestamp, then customer, then event id. */
    static final Comparator<CustomerEvent> APPLY_ORDER = Comparator.comparing(CustomerEvent::timestamp)
            .thenComparing(CustomerEvent::customerId)
            .thenComparing(CustomerEvent::eventId);

    /** Customer ids, some with characters the state codec has to encode. */
    static final List<String> CUSTOMER_IDS =
            List.of("c-0", "c-1", "c 2", "ç/3", "d=4&x", "e%5", "f+6", "c-7", "c-8", "c-9");

    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final long DAY_SECONDS = 86_400;

    private TrackerGenerators() {}

    // ---- scenarios ----

    /**
     * What one property example runs: a template, the events of several customers, the tracker's allowed lateness and
     * a seed for the delivery plan (displacement, duplicates, advances, split points).
     */
    record Scenario(LifecycleTemplate template, List<CustomerEvent> events, Duration lateness, long seed) {
        @Override
        public String toString() {
            return "Scenario{template=" + template.name() + ", lateness=" + lateness + ", seed=" + seed + ", "
                    + events.size() + " events=" + events + "}";
        }
    }

    static Gen<Scenario> scenarios(Gen<LifecycleTemplate> templates) {
        Gen<List<CustomerEvent>> events = manyCustomers();
        Gen<Duration> latenesses = latenesses();
        return in -> new Scenario(
                templates.generate(in),
                events.generate(in),
                latenesses.generate(in),
                between(in, 0, Integer.MAX_VALUE));
    }

    /** The built-in templates and generated ones, half and half. */
    static Gen<LifecycleTemplate> anyTemplates() {
        Gen<LifecycleTemplate> builtIn = Generators.builtInTemplates();
        Gen<LifecycleTemplate> generated = Generators.templates();
        return in -> chance(in, 50) ? builtIn.generate(in) : generated.generate(in);
    }

    /**
     * Events of 1 to 8 customers, 0 to 25 each, of every type, spread over the two years of {@link Generators#BASE}.
     * About a third of the timestamps repeat one already drawn, of the same or another customer, so that ties within a
     * customer and across customers are common. Event ids are distinct per customer; their random prefix makes id
     * order unrelated to generation order.
     */
    static Gen<List<CustomerEvent>> manyCustomers() {
        return in -> {
            int customers = between(in, 1, 8);
            List<CustomerEvent> events = new ArrayList<>();
            for (int c = 0; c < customers; c++) {
                String customerId = CUSTOMER_IDS.get(c);
                int size = between(in, 0, 25);
                for (int i = 0; i < size; i++) {
                    Instant at = !events.isEmpty() && chance(in, 35)
                            ? pick(in, events).timestamp()
                            : Generators.instant(in);
                    String id = String.format("e%03d-%d", between(in, 0, 999), i);
                    events.add(Generators.event(in, customerId, id, at));
                }
            }
            return List.copyOf(events);
        };
    }

    /** Allowed lateness: none, up to a day in seconds, or up to 60 days. */
    static Gen<Duration> latenesses() {
        return in -> switch (between(in, 0, 2)) {
            case 0 -> Duration.ZERO;
            case 1 -> Duration.ofSeconds(between(in, 1, (int) DAY_SECONDS));
            default -> Duration.ofDays(between(in, 1, 60)).plusNanos(between(in, 0, 999_999_999));
        };
    }

    // ---- delivery plans ----

    /** One call on the tracker. */
    sealed interface Op permits Deliver, Advance {}

    /** {@code accept(event)}. */
    record Deliver(CustomerEvent event) implements Op {
        @Override
        public String toString() {
            return "accept " + event.customerId() + "/" + event.eventId() + "@" + event.timestamp();
        }
    }

    /** {@code advanceTo(instant)}. */
    record Advance(Instant instant) implements Op {
        @Override
        public String toString() {
            return "advanceTo " + instant;
        }
    }

    /**
     * Delivers every event once, each displaced by less than {@code lateness} from its place in timestamp order, and
     * redelivers about {@code duplicatePercent} percent of them (some immediately, the others later) while the
     * original is certainly still waiting. No delivery of the plan is late: every event delivered before an event
     * {@code e} (or a copy of it) has a timestamp below {@code e.timestamp() + lateness}, so the watermark stays at or
     * before {@code e.timestamp()}.
     */
    static List<Op> displaced(List<CustomerEvent> events, Duration lateness, Random random, int duplicatePercent) {
        long window = lateness.toNanos();
        List<Keyed> keyed = new ArrayList<>();
        List<CustomerEvent> shuffled = new ArrayList<>(events);
        Collections.shuffle(shuffled, random);
        for (CustomerEvent event : shuffled) {
            long at = nanos(event.timestamp());
            long key = at + (window == 0 ? 0 : (long) (random.nextDouble() * window));
            if (key >= at + window && window > 0) {
                key = at + window - 1;
            }
            double rank = random.nextDouble();
            keyed.add(new Keyed(key, rank, event, false));
            if (random.nextInt(100) < duplicatePercent) {
                boolean immediate = random.nextBoolean();
                long latest = window == 0 ? at : at + window - 1;
                long copyKey = immediate ? key : key + (long) (random.nextDouble() * (latest - key));
                // a copy with the same key must come after the original, so its rank is higher
                double copyRank = immediate ? Math.nextUp(rank) : rank + random.nextDouble() * (1 - rank);
                keyed.add(new Keyed(Math.min(copyKey, latest), Math.max(copyRank, Math.nextUp(rank)), event, true));
            }
        }
        keyed.sort(Comparator.comparingLong(Keyed::key).thenComparingDouble(Keyed::rank));
        List<Op> ops = new ArrayList<>(keyed.size());
        for (Keyed k : keyed) {
            ops.add(new Deliver(k.event()));
        }
        return ops;
    }

    private record Keyed(long key, double rank, CustomerEvent event, boolean copy) {}

    /**
     * Inserts {@code count} advances at random places. Each advances to the latest timestamp delivered so far (or the
     * previous advance, whichever is later) plus up to three days, so it is always allowed; events at or before it
     * delivered afterwards are late, which both runs being compared see alike.
     */
    static List<Op> withAdvances(List<Op> ops, Random random, int count) {
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            positions.add(random.nextInt(ops.size() + 1));
        }
        Collections.sort(positions);
        List<Op> result = new ArrayList<>(ops.size() + count);
        long latest = Long.MIN_VALUE;
        int next = 0;
        for (int i = 0; i <= ops.size(); i++) {
            while (next < positions.size() && positions.get(next) == i) {
                long base = latest == Long.MIN_VALUE ? nanos(Generators.BASE) : latest;
                long to = base + (long) (random.nextDouble() * 3 * DAY_SECONDS * NANOS_PER_SECOND);
                latest = Math.max(latest, to);
                result.add(new Advance(instant(to)));
                next++;
            }
            if (i < ops.size()) {
                Op op = ops.get(i);
                if (op instanceof Deliver d) {
                    latest = Math.max(latest, nanos(d.event().timestamp()));
                }
                result.add(op);
            }
        }
        return result;
    }

    /** An instant not before any event nor any advance of the plan, plus up to {@code maxDays} days. */
    static Instant endOf(List<Op> ops, Random random, int maxDays) {
        long latest = nanos(Generators.BASE);
        for (Op op : ops) {
            long at = op instanceof Deliver d ? nanos(d.event().timestamp()) : nanos(((Advance) op).instant());
            latest = Math.max(latest, at);
        }
        long extra =
                random.nextInt(4) == 0 ? 0 : (long) (random.nextDouble() * maxDays * DAY_SECONDS * NANOS_PER_SECOND);
        return instant(latest + extra);
    }

    /** Runs the plan on the tracker and counts the outcomes of its deliveries. */
    static Outcomes play(LifecycleTracker tracker, List<Op> ops) {
        long[] counts = new long[EventOutcome.values().length];
        List<CustomerEvent> accepted = new ArrayList<>();
        for (Op op : ops) {
            if (op instanceof Deliver d) {
                EventOutcome outcome = tracker.accept(d.event());
                counts[outcome.ordinal()]++;
                if (outcome == EventOutcome.ACCEPTED) {
                    accepted.add(d.event());
                }
            } else {
                tracker.advanceTo(((Advance) op).instant());
            }
        }
        return new Outcomes(
                counts[EventOutcome.ACCEPTED.ordinal()],
                counts[EventOutcome.DUPLICATE.ordinal()],
                counts[EventOutcome.LATE.ordinal()],
                List.copyOf(accepted));
    }

    /** How many deliveries were accepted, dropped as duplicates and rejected as late, and the accepted events. */
    record Outcomes(long accepted, long duplicates, long late, List<CustomerEvent> acceptedEvents) {}

    // ---- listeners, state ----

    /** Records every transition, in emission order and per customer. Thread-safe. */
    static final class Recorder implements StageListener {
        private final List<StageTransition> all = Collections.synchronizedList(new ArrayList<>());
        private final Map<String, List<StageTransition>> byCustomer = new ConcurrentHashMap<>();

        @Override
        public void onTransition(StageTransition transition) {
            all.add(transition);
            byCustomer
                    .computeIfAbsent(transition.customerId(), id -> Collections.synchronizedList(new ArrayList<>()))
                    .add(transition);
        }

        /** {@return a copy of every transition in the order they were emitted} */
        List<StageTransition> all() {
            synchronized (all) {
                return List.copyOf(all);
            }
        }

        /** {@return a copy of one customer's transitions, oldest first} */
        List<StageTransition> of(String customerId) {
            List<StageTransition> list = byCustomer.get(customerId);
            if (list == null) {
                return List.of();
            }
            synchronized (list) {
                return List.copyOf(list);
            }
        }

        /** {@return every customer's transitions, by customer id} */
        Map<String, List<StageTransition>> byCustomer() {
            Map<String, List<StageTransition>> copy = new TreeMap<>();
            byCustomer.keySet().forEach(id -> copy.put(id, of(id)));
            return copy;
        }
    }

    static String export(LifecycleTracker tracker) {
        StringBuilder text = new StringBuilder();
        try {
            tracker.exportState(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    static LifecycleTracker restore(LifecycleTracker.Builder builder, String state) {
        try {
            return builder.restore(new StringReader(state));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Checks the documented reconciliation of the counts: received = applied + duplicates + late + rejected + pending. */
    static void assertReconciled(TrackerStats stats) {
        assertEquals(
                stats.applied() + stats.duplicates() + stats.late() + stats.rejected() + stats.pending(),
                stats.received(),
                () -> "received != applied + duplicates + late + rejected + pending: " + stats);
    }

    // ---- events ----

    static List<CustomerEvent> inApplyOrder(Collection<CustomerEvent> events) {
        List<CustomerEvent> sorted = new ArrayList<>(events);
        sorted.sort(APPLY_ORDER);
        return sorted;
    }

    /** The events grouped by customer id, each group in apply order. */
    static Map<String, List<CustomerEvent>> byCustomer(Collection<CustomerEvent> events) {
        Map<String, List<CustomerEvent>> groups = new TreeMap<>();
        for (CustomerEvent event : inApplyOrder(events)) {
            groups.computeIfAbsent(event.customerId(), id -> new ArrayList<>()).add(event);
        }
        return groups;
    }

    static long nanos(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), NANOS_PER_SECOND), instant.getNano());
    }

    static Instant instant(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, NANOS_PER_SECOND), Math.floorMod(nanos, NANOS_PER_SECOND));
    }
}
