package dev.lifecycle.metrics.funnel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.lifecycle.core.CustomerEvent;
import dev.lifecycle.core.EventBatch;
import dev.lifecycle.core.EventType;
import dev.lifecycle.metrics.cohort.CohortPeriod;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * Every order mode, entry choice, optional step, gap and exclusion of an event funnel, on random logs with many ties
 * in time, against a brute-force reference that enumerates every chain of every customer and applies the definitions
 * in {@link EventFunnel} and {@link FunnelAnalysis} literally; and the batch path, on 1 to 4 threads, against the
 * object path.
 */
final class FunnelModeProperties {
    /**
     * Where logs start: across a day boundary, and at both ends of the supported instants, where a key is far from 0
     * and a window or gap of centuries must neither wrap nor stop short.
     */
    private static final Instant[] STARTS = {
        Instant.parse("2024-03-01T23:50:00Z"),
        Instant.parse("1678-01-01T00:00:00Z"),
        Instant.parse("2261-12-31T23:40:00Z")
    };

    /**
     * Windows and maximum gaps that are long: all of time; a century and more (a key's own path); 200 days, under a
     * century but past the end of the supported instants from late 2261, where the sum in nanoseconds saturates.
     */
    private static final Duration[] LONG = {
        Duration.ofDays(400_000), Duration.ofDays(36_600), Duration.ofDays(120_000), Duration.ofDays(200)
    };

    private static final EventType[] TYPES = {
        EventType.SITE_VISIT, EventType.CART_ADD, EventType.PURCHASE, EventType.REFERRAL
    };

    @Test
    void analyse_randomLogsInEveryMode_equalsBruteForceReference() {
        qt().withFixedSeed(20L).withExamples(3000).forAll(longs().all()).checkAssert(seed -> {
            Scenario scenario = Scenario.random(new Random(seed));
            FunnelAnalysis analysis = scenario.funnel.analyse(scenario.events);
            assertEquals(reference(scenario), figures(scenario.funnel, analysis), scenario::toString);
        });
    }

    @Test
    void analyse_batchOnOneToFourThreads_equalsObjectPath() {
        qt().withFixedSeed(21L).withExamples(800).forAll(longs().all()).checkAssert(seed -> {
            Scenario scenario = Scenario.random(new Random(seed));
            String expected = figures(scenario.funnel, scenario.funnel.analyse(scenario.events));
            EventBatch batch = EventBatch.of(scenario.events);
            for (int threads = 1; threads <= 4; threads++) {
                assertEquals(
                        expected,
                        figures(scenario.funnel, scenario.funnel.analyse(batch, threads)),
                        scenario + " on " + threads + " threads");
            }
        });
    }

    @Test
    void breakdownsAndTrend_randomLogs_groupTheReferenceChains() {
        qt().withFixedSeed(22L).withExamples(800).forAll(longs().all()).checkAssert(seed -> {
            Random random = new Random(seed);
            Scenario scenario = Scenario.random(random);
            FunnelAnalysis analysis = scenario.funnel.analyse(scenario.events);
            List<Chain> chains = chains(scenario);
            int limit = 1 + random.nextInt(3);
            for (FunnelBreakdown.Touch touch : FunnelBreakdown.Touch.values()) {
                Map<String, List<Chain>> groups = new TreeMap<>();
                for (Chain chain : chains) {
                    CustomerEvent event = touch == FunnelBreakdown.Touch.FIRST ? chain.entry() : chain.last();
                    groups.computeIfAbsent(event.type().name(), v -> new ArrayList<>())
                            .add(chain);
                }
                FunnelBreakdown breakdown =
                        analysis.breakdownByEvent(e -> e.type().name(), touch, limit);
                assertEquals(grouped(scenario, groups, limit), counts(breakdown), scenario::toString);
            }
            Map<String, List<Chain>> byCustomer = new TreeMap<>();
            for (Chain chain : chains) {
                byCustomer
                        .computeIfAbsent(chain.customer(), v -> new ArrayList<>())
                        .add(chain);
            }
            assertEquals(
                    grouped(scenario, byCustomer, limit),
                    counts(analysis.breakdownByCustomer(id -> id, limit)),
                    scenario::toString);

            Map<String, List<Chain>> byDay = new TreeMap<>();
            for (Chain chain : chains) {
                byDay.computeIfAbsent(
                                CohortPeriod.DAY
                                        .startOf(chain.entry().timestamp())
                                        .toString(),
                                v -> new ArrayList<>())
                        .add(chain);
            }
            if (!byDay.isEmpty()) {
                LocalDate first = LocalDate.parse(((TreeMap<String, List<Chain>>) byDay).firstKey());
                LocalDate last = LocalDate.parse(((TreeMap<String, List<Chain>>) byDay).lastKey());
                long days = ChronoUnit.DAYS.between(first, last) + 1;
                if (days > 1200) {
                    IllegalArgumentException e = assertThrows(
                            IllegalArgumentException.class, () -> analysis.byEntryPeriod(CohortPeriod.DAY));
                    assertEquals(
                            "period table from " + first + " to " + last + " would have " + days
                                    + " days; at most 1200 periods are supported",
                            e.getMessage());
                    return;
                }
            }
            Map<String, List<Long>> expected = new LinkedHashMap<>();
            byDay.forEach((day, members) -> expected.put(day, stepCounts(scenario, members)));
            FunnelTrend trend = analysis.byEntryPeriod(CohortPeriod.DAY);
            List<String> required = scenario.funnel.requiredStepNames();
            for (FunnelTrend.Change change : trend.changes()) {
                // the counts of the two days' entrants: required steps in order, then the excluded, as stepCounts
                List<Long> zeros = java.util.Collections.nCopies(required.size() + 1, 0L);
                List<Long> before = expected.getOrDefault(change.previous().toString(), zeros);
                List<Long> now = expected.getOrDefault(change.current().toString(), zeros);
                int s = required.indexOf(change.step());
                assertEquals(
                        List.of(before.get(s), before.get(0), now.get(s), now.get(0)),
                        List.of(
                                change.test().conversionsA(),
                                change.test().usersA(),
                                change.test().conversionsB(),
                                change.test().usersB()),
                        scenario::toString);
                assertEquals(
                        List.of(before.get(s), before.get(s - 1), now.get(s), now.get(s - 1)),
                        List.of(
                                change.fromPrevious().conversionsA(),
                                change.fromPrevious().usersA(),
                                change.fromPrevious().conversionsB(),
                                change.fromPrevious().usersB()),
                        scenario::toString);
            }
            Map<String, List<Long>> actual = new LinkedHashMap<>();
            for (FunnelTrend.Point point : trend.points()) {
                if (point.analysis().customerCount() > 0) {
                    actual.put(point.start().toString(), requiredCounts(point.analysis()));
                }
            }
            assertEquals(expected, actual, scenario::toString);
        });
    }

    /** The breakdown's groups as the reference forms them: the largest {@code limit}, the rest merged. */
    private static Map<String, List<Long>> grouped(Scenario scenario, Map<String, List<Chain>> groups, int limit) {
        List<Map.Entry<String, List<Chain>>> ranked = new ArrayList<>(groups.entrySet());
        ranked.sort(Comparator.comparing(
                        (Map.Entry<String, List<Chain>> e) -> -e.getValue().size())
                .thenComparing(Map.Entry::getKey));
        Map<String, List<Long>> counts = new LinkedHashMap<>();
        List<Chain> rest = new ArrayList<>();
        for (Map.Entry<String, List<Chain>> entry : ranked) {
            if (counts.size() < limit) {
                counts.put(entry.getKey(), stepCounts(scenario, entry.getValue()));
            } else {
                rest.addAll(entry.getValue());
            }
        }
        if (!rest.isEmpty()) {
            counts.put(FunnelBreakdown.OTHER, stepCounts(scenario, rest));
        }
        return counts;
    }

    private static Map<String, List<Long>> counts(FunnelBreakdown breakdown) {
        Map<String, List<Long>> counts = new LinkedHashMap<>();
        for (FunnelBreakdown.Group group : breakdown.groups()) {
            counts.put(group.value(), requiredCounts(group.analysis()));
        }
        return counts;
    }

    private static List<Long> requiredCounts(FunnelAnalysis analysis) {
        List<Long> counts = new ArrayList<>(
                analysis.funnel().steps().stream().map(FunnelStep::count).toList());
        counts.add(analysis.excludedCount());
        return counts;
    }

    /** The required steps' counts of the chains, then how many were excluded. */
    private static List<Long> stepCounts(Scenario scenario, List<Chain> chains) {
        List<Long> counts = new ArrayList<>();
        long excluded = chains.stream().filter(c -> c.broken() != 0).count();
        for (int s = 0; s < scenario.steps(); s++) {
            if (!scenario.optional[s]) {
                int step = s;
                counts.add(chains.stream()
                        .filter(c -> c.broken() == 0 && c.positions()[step] >= 0)
                        .count());
            }
        }
        counts.add(excluded);
        return counts;
    }

    /** Every figure of an analysis, as text, so that a difference shows where it is. */
    static String figures(EventFunnel funnel, FunnelAnalysis analysis) {
        StringBuilder text = new StringBuilder();
        text.append("funnel ")
                .append(analysis.funnel().steps().stream()
                        .map(FunnelStep::count)
                        .toList());
        text.append(" converted ")
                .append(analysis.funnel().timeToConvert().orElseThrow().durations());
        text.append(" excluded ").append(analysis.excludedCount());
        for (String exclusion : funnel.exclusionNames()) {
            text.append(' ').append(exclusion).append('=').append(analysis.excludedCount(exclusion));
        }
        for (String step : funnel.stepNames()) {
            text.append("\n").append(step).append(": ").append(analysis.stepCount(step));
            text.append(" into ").append(analysis.timeToStep(step).durations());
            text.append(" fromEntry ").append(analysis.timeFromEntry(step).durations());
            if (!step.equals(funnel.stepNames().get(0)) && !funnel.isOptional(step)) {
                text.append(" dropped ").append(analysis.droppedBefore(step));
            }
        }
        return text.toString();
    }

    /** The reference's figures, in the form of {@link #figures}. */
    private static String reference(Scenario scenario) {
        List<Chain> chains = chains(scenario);
        int k = scenario.steps();
        List<Chain> counted = chains.stream().filter(c -> c.broken() == 0).toList();
        StringBuilder text = new StringBuilder();
        List<Long> required = new ArrayList<>(stepCounts(scenario, chains));
        required.remove(required.size() - 1);
        text.append("funnel ").append(required);
        List<Duration> converted = new ArrayList<>();
        for (Chain chain : counted) {
            if (chain.positions()[k - 1] >= 0) {
                converted.add(Duration.between(
                        chain.entry().timestamp(), chain.event(k - 1).timestamp()));
            }
        }
        converted.sort(null);
        text.append(" converted ").append(converted);
        text.append(" excluded ").append(chains.size() - counted.size());
        for (int x = 0; x < scenario.exclusionTypes.size(); x++) {
            int bit = 1 << x;
            text.append(" x")
                    .append(x)
                    .append('=')
                    .append(chains.stream().filter(c -> (c.broken() & bit) != 0).count());
        }
        for (int s = 0; s < k; s++) {
            int step = s;
            List<Chain> reached =
                    counted.stream().filter(c -> c.positions()[step] >= 0).toList();
            List<Duration> into = new ArrayList<>();
            List<Duration> fromEntry = new ArrayList<>();
            for (Chain chain : reached) {
                int previous = s - 1;
                while (previous >= 0 && chain.positions()[previous] < 0) {
                    previous--;
                }
                Instant at = chain.event(s).timestamp();
                if (previous >= 0) {
                    into.add(Duration.between(chain.event(previous).timestamp(), at));
                    fromEntry.add(Duration.between(chain.entry().timestamp(), at));
                }
            }
            into.sort(null);
            fromEntry.sort(null);
            text.append("\nstep").append(s).append(": ").append(reached.size());
            text.append(" into ").append(into).append(" fromEntry ").append(fromEntry);
            if (s > 0 && !scenario.optional[s]) {
                int previous = s - 1;
                while (scenario.optional[previous]) {
                    previous--;
                }
                int before = previous;
                List<String> dropped = new ArrayList<>(counted.stream()
                        .filter(c -> c.positions()[before] >= 0 && c.positions()[step] < 0)
                        .map(Chain::customer)
                        .toList());
                dropped.sort(null);
                text.append(" dropped ").append(dropped);
            }
        }
        return text.toString();
    }

    /** A customer's chosen chain in the reference: their events in order, per step its event's position or -1. */
    static final class Chain {
        private final String customer;
        private final List<CustomerEvent> events;
        private final int[] positions;
        private final int broken;

        Chain(String customer, List<CustomerEvent> events, int[] positions, int broken) {
            this.customer = customer;
            this.events = events;
            this.positions = positions;
            this.broken = broken;
        }

        String customer() {
            return customer;
        }

        int[] positions() {
            return positions;
        }

        int broken() {
            return broken;
        }

        CustomerEvent entry() {
            return events.get(positions[0]);
        }

        CustomerEvent event(int step) {
            return events.get(positions[step]);
        }

        CustomerEvent last() {
            int s = positions.length - 1;
            while (positions[s] < 0) {
                s--;
            }
            return events.get(positions[s]);
        }
    }

    /** The chosen chain of every customer who entered, by brute force. */
    private static List<Chain> chains(Scenario scenario) {
        Map<String, List<CustomerEvent>> byCustomer = new LinkedHashMap<>();
        for (CustomerEvent event : scenario.events) {
            byCustomer
                    .computeIfAbsent(event.customerId(), id -> new ArrayList<>())
                    .add(event);
        }
        List<Chain> chains = new ArrayList<>();
        byCustomer.forEach((customer, events) -> {
            List<CustomerEvent> ordered = new ArrayList<>(events);
            ordered.sort(Comparator.comparing(CustomerEvent::timestamp)); // stable: ties keep input order
            int @Nullable [] positions = scenario.funnel.order() == FunnelOrder.UNORDERED
                    ? unorderedChain(scenario, ordered)
                    : orderedChain(scenario, ordered);
            if (positions != null) {
                chains.add(new Chain(customer, ordered, positions, broken(scenario, ordered, positions)));
            }
        });
        return chains;
    }

    private static int @Nullable [] orderedChain(Scenario scenario, List<CustomerEvent> events) {
        int k = scenario.steps();
        List<int[]> all = new ArrayList<>();
        for (int e = 0; e < events.size(); e++) {
            if (scenario.matches(0, events.get(e))) {
                int[] chain = new int[k];
                java.util.Arrays.fill(chain, -1);
                chain[0] = e;
                extend(scenario, events, chain, 1, e, all, true);
            }
        }
        if (all.isEmpty()) {
            return null;
        }
        int entry;
        if (scenario.funnel.entry() == FunnelEntry.FIRST) {
            entry = all.get(0)[0];
            for (int[] chain : all) {
                entry = Math.min(entry, chain[0]);
            }
        } else {
            int best = all.stream().mapToInt(c -> depth(scenario, c)).max().orElseThrow();
            entry = all.stream()
                    .filter(c -> depth(scenario, c) == best)
                    .mapToInt(c -> c[0])
                    .max()
                    .orElseThrow();
        }
        int start = entry;
        List<int[]> fromEntry = all.stream().filter(c -> c[0] == start).toList();
        int best = fromEntry.stream().mapToInt(c -> depth(scenario, c)).max().orElseThrow();
        return fromEntry.stream()
                .filter(c -> depth(scenario, c) == best)
                .min(FunnelModeProperties::compareChains)
                .orElseThrow();
    }

    /**
     * Every valid chain that continues {@code chain}, whose last assigned event is at {@code last}; the chain as it is
     * counts when {@code fresh} (its last step was just assigned) and that step is required.
     */
    private static void extend(
            Scenario scenario,
            List<CustomerEvent> events,
            int[] chain,
            int step,
            int last,
            List<int[]> all,
            boolean fresh) {
        if (fresh && !scenario.optional[lastAssigned(chain)]) {
            all.add(chain.clone());
        }
        if (step == scenario.steps()) {
            return;
        }
        for (int q = last + 1; q < events.size(); q++) {
            if (scenario.funnel.order() == FunnelOrder.STRICT && q != last + 1) {
                break;
            }
            CustomerEvent event = events.get(q);
            Duration gap = Duration.between(events.get(last).timestamp(), event.timestamp());
            Duration sinceEntry = Duration.between(events.get(chain[0]).timestamp(), event.timestamp());
            if (scenario.matches(step, event)
                    && gap.compareTo(scenario.minGaps[step]) >= 0
                    && gap.compareTo(scenario.maxGaps[step]) <= 0
                    && sinceEntry.compareTo(scenario.window) <= 0) {
                chain[step] = q;
                extend(scenario, events, chain, step + 1, q, all, true);
                chain[step] = -1;
            }
        }
        if (scenario.optional[step]) {
            extend(scenario, events, chain, step + 1, last, all, false);
        }
    }

    private static int lastAssigned(int[] chain) {
        int s = chain.length - 1;
        while (chain[s] < 0) {
            s--;
        }
        return s;
    }

    private static int depth(Scenario scenario, int[] chain) {
        int depth = 0;
        for (int s = 0; s < chain.length; s++) {
            if (!scenario.optional[s] && chain[s] >= 0) {
                depth++;
            }
        }
        return depth;
    }

    /** Step by step: an assigned step before one left out, an earlier event before a later one. */
    private static int compareChains(int[] a, int[] b) {
        for (int s = 0; s < a.length; s++) {
            if (a[s] != b[s]) {
                if (a[s] < 0 || b[s] < 0) {
                    return a[s] < 0 ? 1 : -1;
                }
                return Integer.compare(a[s], b[s]);
            }
        }
        return 0;
    }

    private static int @Nullable [] unorderedChain(Scenario scenario, List<CustomerEvent> events) {
        int first = -1;
        for (int p = 0; p < events.size() && first < 0; p++) {
            first = scenario.matchesAny(events.get(p)) ? p : -1;
        }
        if (first < 0) {
            return null;
        }
        int entry = first;
        if (scenario.funnel.entry() == FunnelEntry.LONGEST) {
            int best = -1;
            for (int e = first; e < events.size(); e++) {
                if (scenario.matchesAny(events.get(e))) {
                    int done = doneAt(scenario, events, e).size();
                    if (done >= best) {
                        best = done;
                        entry = e;
                    }
                }
            }
        }
        List<Integer> done = doneAt(scenario, events, entry);
        int[] chain = new int[scenario.steps()];
        java.util.Arrays.fill(chain, -1);
        for (int j = 0; j < done.size(); j++) {
            chain[j] = done.get(j);
        }
        return chain;
    }

    /** From an entry, the position at which 1, 2, ... steps were first done, each event making at most one step. */
    private static List<Integer> doneAt(Scenario scenario, List<CustomerEvent> events, int entry) {
        List<Integer> done = new ArrayList<>();
        for (int q = entry; q < events.size(); q++) {
            if (Duration.between(events.get(entry).timestamp(), events.get(q).timestamp())
                            .compareTo(scenario.window)
                    > 0) {
                break;
            }
            int most = mostSteps(scenario, events, entry, q, 0, new boolean[events.size()], true);
            while (done.size() < most) {
                done.add(q);
            }
        }
        return done;
    }

    /** The most steps from {@code step} on that distinct events among entry..last can do, the entry among them. */
    private static int mostSteps(
            Scenario scenario,
            List<CustomerEvent> events,
            int entry,
            int last,
            int step,
            boolean[] used,
            boolean entryFree) {
        if (step == scenario.steps()) {
            return entryFree ? Integer.MIN_VALUE / 2 : 0;
        }
        int best = mostSteps(scenario, events, entry, last, step + 1, used, entryFree);
        for (int p = entry; p <= last; p++) {
            if (!used[p] && scenario.matches(step, events.get(p))) {
                used[p] = true;
                best = Math.max(
                        best, 1 + mostSteps(scenario, events, entry, last, step + 1, used, entryFree && p != entry));
                used[p] = false;
            }
        }
        return best;
    }

    private static int broken(Scenario scenario, List<CustomerEvent> events, int[] chain) {
        int broken = 0;
        Instant windowEnd = events.get(chain[0]).timestamp().plus(scenario.window);
        for (int x = 0; x < scenario.exclusionTypes.size(); x++) {
            int from = chain[scenario.exclusionFrom.get(x)];
            int to = chain[scenario.exclusionTo.get(x)];
            if (from < 0) {
                continue;
            }
            for (int p = from + 1; p < events.size(); p++) {
                boolean before = to >= 0 ? p < to : !events.get(p).timestamp().isAfter(windowEnd);
                if (before && events.get(p).type() == scenario.exclusionTypes.get(x)) {
                    broken |= 1 << x;
                }
            }
        }
        return broken;
    }

    /** A random funnel and log: few minutes apart, so that ties and window edges are common. */
    static final class Scenario {
        final EventFunnel funnel;
        final List<CustomerEvent> events;
        /** The types each step matches: one (a step by type), or two (a predicate, so masks of steps overlap). */
        final List<java.util.Set<EventType>> stepTypes = new ArrayList<>();

        boolean[] optional;
        Duration[] minGaps;
        Duration[] maxGaps;
        Duration window;
        final List<EventType> exclusionTypes = new ArrayList<>();
        final List<Integer> exclusionFrom = new ArrayList<>();
        final List<Integer> exclusionTo = new ArrayList<>();

        private Scenario(Random random) {
            int k = 1 + random.nextInt(4);
            FunnelOrder order = FunnelOrder.values()[random.nextInt(3)];
            window =
                    random.nextInt(5) == 0 ? LONG[random.nextInt(LONG.length)] : Duration.ofMinutes(random.nextInt(16));
            EventFunnel.Builder builder =
                    EventFunnel.builder(window).order(order).entry(FunnelEntry.values()[random.nextInt(2)]);
            optional = new boolean[k];
            minGaps = new Duration[k];
            maxGaps = new Duration[k];
            for (int s = 0; s < k; s++) {
                EventType type = TYPES[random.nextInt(TYPES.length)];
                if (random.nextInt(4) == 0) {
                    java.util.Set<EventType> either = java.util.EnumSet.of(type, TYPES[random.nextInt(TYPES.length)]);
                    stepTypes.add(either);
                    builder.step("step" + s, e -> either.contains(e.type()));
                } else {
                    stepTypes.add(java.util.EnumSet.of(type));
                    builder.stepOfType("step" + s, type);
                }
                minGaps[s] = Duration.ZERO;
                maxGaps[s] = Duration.ofDays(400_000);
                if (order == FunnelOrder.UNORDERED || s == 0) {
                    continue;
                }
                if (s < k - 1 && random.nextInt(3) == 0) {
                    builder.optional();
                    optional[s] = true;
                }
                if (random.nextInt(3) == 0) {
                    minGaps[s] = Duration.ofMinutes(random.nextInt(4));
                    builder.minGap(minGaps[s]);
                }
                if (random.nextInt(3) == 0) {
                    maxGaps[s] = random.nextInt(4) == 0
                            ? LONG[random.nextInt(LONG.length)]
                            : minGaps[s].plusMinutes(random.nextInt(6));
                    builder.maxGap(maxGaps[s]);
                }
            }
            List<Integer> required = new ArrayList<>();
            for (int s = 0; s < k; s++) {
                if (!optional[s]) {
                    required.add(s);
                }
            }
            int exclusions = order == FunnelOrder.UNORDERED || required.size() < 2 ? 0 : random.nextInt(3);
            for (int x = 0; x < exclusions; x++) {
                int a = random.nextInt(required.size() - 1);
                int b = a + 1 + random.nextInt(required.size() - 1 - a);
                EventType type = TYPES[random.nextInt(TYPES.length)];
                exclusionTypes.add(type);
                exclusionFrom.add(required.get(a));
                exclusionTo.add(required.get(b));
                builder.exclude("x" + x, type, "step" + required.get(a), "step" + required.get(b));
            }
            funnel = builder.build();
            events = new ArrayList<>();
            Instant start = STARTS[random.nextInt(STARTS.length)];
            int customers = 1 + random.nextInt(4);
            for (int c = 0; c < customers; c++) {
                int count = random.nextInt(8);
                for (int i = 0; i < count; i++) {
                    Instant at = start.plusSeconds(60L * random.nextInt(14));
                    if (start.equals(STARTS[1]) && random.nextInt(3) == 0) {
                        // from 1678, a long window's or gap's length later, give or take a minute: its edge
                        at = at.plus(LONG[1 + random.nextInt(3)]).plusSeconds(60L * (random.nextInt(3) - 1));
                    }
                    events.add(CustomerEvent.of("c" + c, TYPES[random.nextInt(TYPES.length)], at));
                }
            }
            java.util.Collections.shuffle(events, random);
        }

        static Scenario random(Random random) {
            return new Scenario(random);
        }

        int steps() {
            return stepTypes.size();
        }

        boolean matches(int step, CustomerEvent event) {
            return stepTypes.get(step).contains(event.type());
        }

        boolean matchesAny(CustomerEvent event) {
            return stepTypes.stream().anyMatch(types -> types.contains(event.type()));
        }

        @Override
        public String toString() {
            StringBuilder text = new StringBuilder(funnel.toString())
                    .append(" optional ")
                    .append(java.util.Arrays.toString(optional))
                    .append(" minGaps ")
                    .append(java.util.Arrays.toString(minGaps))
                    .append(" maxGaps ")
                    .append(java.util.Arrays.toString(maxGaps))
                    .append(" exclusions ")
                    .append(exclusionTypes)
                    .append(exclusionFrom)
                    .append(exclusionTo)
                    .append(" types ")
                    .append(stepTypes);
            for (CustomerEvent event : events) {
                text.append("\n  ")
                        .append(event.customerId())
                        .append(' ')
                        .append(event.type())
                        .append(' ')
                        .append(event.timestamp());
            }
            return text.toString();
        }
    }
}
