package dev.lifecycle.metrics.funnel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.lifecycle.core.CustomerEvent;
import dev.lifecycle.core.EventType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Event funnels on random event logs agree with a brute-force reference that enumerates every chain of events, and
 * their counts and rates are well-formed.
 */
final class EventFunnelProperties {
    private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");
    private static final EventType[] TYPES = {EventType.SITE_VISIT, EventType.CART_ADD, EventType.PURCHASE};

    @Test
    void evaluate_randomLogs_equalsBruteForceReference() {
        qt().withFixedSeed(2024L).withExamples(800).forAll(longs().all()).checkAssert(seed -> {
            Scenario scenario = Scenario.random(new Random(seed));
            Funnel funnel = scenario.funnel().evaluate(scenario.events());
            Reference reference = reference(scenario);

            assertEquals(
                    reference.counts,
                    funnel.steps().stream().map(FunnelStep::count).toList(),
                    scenario::toString);
            List<Duration> expectedTimes = new ArrayList<>(reference.times);
            expectedTimes.sort(null);
            assertEquals(expectedTimes, funnel.timeToConvert().orElseThrow().durations(), scenario::toString);
        });
    }

    @Test
    void evaluate_randomLogs_countsNeverIncreaseAndRatesInUnitRange() {
        qt().withFixedSeed(77L).withExamples(500).forAll(longs().all()).checkAssert(seed -> {
            Scenario scenario = Scenario.random(new Random(seed));
            Funnel funnel = scenario.funnel().evaluate(scenario.events());
            long previous = Long.MAX_VALUE;
            for (FunnelStep step : funnel.steps()) {
                assertTrue(step.count() <= previous, scenario::toString);
                previous = step.count();
                for (var rate : List.of(step.fromPrevious(), step.fromTop(), step.dropOffRate())) {
                    if (rate.isDefined()) {
                        double value = rate.requireValue();
                        assertTrue(value >= 0 && value <= 1, rate::toString);
                        assertTrue(rate.wilson(0.95).orElseThrow().contains(value), rate::toString);
                    } else {
                        assertEquals(0, rate.denominator(), rate::toString);
                        assertTrue(rate.value().isEmpty(), rate::toString);
                    }
                }
            }
        });
    }

    /** Counts, for each step, the customers with some chain reaching it; times are the shortest full chains. */
    private static Reference reference(Scenario scenario) {
        int k = scenario.stepTypes.size();
        long[] counts = new long[k];
        List<Duration> times = new ArrayList<>();
        for (String customer : scenario.customers()) {
            // order the customer's events by time, ties by position in the log
            List<int[]> indexed = new ArrayList<>();
            for (int i = 0; i < scenario.events.size(); i++) {
                if (scenario.events.get(i).customerId().equals(customer)) {
                    indexed.add(new int[] {scenario.minutes.get(i), i});
                }
            }
            indexed.sort((a, b) -> a[0] != b[0] ? Integer.compare(a[0], b[0]) : Integer.compare(a[1], b[1]));
            List<CustomerEvent> ordered = new ArrayList<>();
            for (int[] pair : indexed) {
                ordered.add(scenario.events.get(pair[1]));
            }
            int first = -1;
            for (int i = 0; i < ordered.size(); i++) {
                if (ordered.get(i).type() == scenario.stepTypes.get(0)) {
                    first = i;
                    break;
                }
            }
            if (first < 0) {
                continue;
            }
            long[] best = new long[k];
            Arrays.fill(best, Long.MAX_VALUE);
            chains(scenario, ordered, first, first, 1, best);
            best[0] = 0;
            for (int j = 0; j < k; j++) {
                if (best[j] != Long.MAX_VALUE) {
                    counts[j]++;
                }
            }
            if (best[k - 1] != Long.MAX_VALUE) {
                times.add(Duration.ofMinutes(best[k - 1]));
            }
        }
        return new Reference(Arrays.stream(counts).boxed().toList(), times);
    }

    /** Tries every next event for step {@code step}, recording the shortest elapsed time per step reached. */
    private static void chains(
            Scenario scenario, List<CustomerEvent> ordered, int first, int previous, int step, long[] best) {
        if (step == scenario.stepTypes.size()) {
            return;
        }
        for (int i = previous + 1; i < ordered.size(); i++) {
            CustomerEvent event = ordered.get(i);
            long elapsed = Duration.between(ordered.get(first).timestamp(), event.timestamp())
                    .toMinutes();
            if (event.type() == scenario.stepTypes.get(step) && elapsed <= scenario.windowMinutes) {
                best[step] = Math.min(best[step], elapsed);
                chains(scenario, ordered, first, i, step + 1, best);
            }
        }
    }

    private record Reference(List<Long> counts, List<Duration> times) {}

    private record Scenario(
            List<CustomerEvent> events, List<Integer> minutes, List<EventType> stepTypes, int windowMinutes) {

        static Scenario random(Random random) {
            int customers = 1 + random.nextInt(4);
            int size = random.nextInt(25);
            List<CustomerEvent> events = new ArrayList<>();
            List<Integer> minutes = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                int minute = random.nextInt(20);
                minutes.add(minute);
                events.add(CustomerEvent.of(
                        "c" + random.nextInt(customers),
                        TYPES[random.nextInt(TYPES.length)],
                        T0.plus(Duration.ofMinutes(minute))));
            }
            int stepCount = 1 + random.nextInt(4);
            List<EventType> steps = new ArrayList<>();
            for (int i = 0; i < stepCount; i++) {
                steps.add(TYPES[random.nextInt(TYPES.length)]);
            }
            return new Scenario(events, minutes, steps, random.nextInt(12));
        }

        List<String> customers() {
            return events.stream().map(CustomerEvent::customerId).distinct().toList();
        }

        EventFunnel funnel() {
            EventFunnel.Builder builder = EventFunnel.builder(Duration.ofMinutes(windowMinutes));
            for (int i = 0; i < stepTypes.size(); i++) {
                builder.stepOfType("step" + i, stepTypes.get(i));
            }
            return builder.build();
        }

        @Override
        public String toString() {
            return "Scenario{steps=" + stepTypes + ", window=" + windowMinutes + "min, events=" + events + "}";
        }
    }
}
