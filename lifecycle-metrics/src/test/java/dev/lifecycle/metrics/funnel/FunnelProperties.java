package dev.lifecycle.metrics.funnel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Funnels from random counts: well-formed steps, the biggest drop-off found by a direct scan, increases rejected. */
final class FunnelProperties {

    @Test
    void build_randomNonIncreasingCounts_wellFormed() {
        qt().withFixedSeed(3L).withExamples(500).forAll(longs().all()).checkAssert(seed -> {
            Random random = new Random(seed);
            int k = 1 + random.nextInt(6);
            long[] counts = new long[k];
            counts[0] = random.nextInt(3) == 0 ? 0 : random.nextInt(10_000);
            for (int i = 1; i < k; i++) {
                counts[i] = counts[i - 1] == 0 ? 0 : (long) (counts[i - 1] * random.nextDouble());
            }
            Funnel.Builder builder = Funnel.builder();
            for (int i = 0; i < k; i++) {
                builder.step("s" + i, counts[i]);
            }
            Funnel funnel = builder.build();

            int expectedBiggest = -1;
            double largest = -1;
            for (int i = 1; i < k; i++) {
                FunnelStep step = funnel.steps().get(i);
                assertTrue(step.count() <= funnel.steps().get(i - 1).count());
                assertEquals(counts[i - 1] - counts[i], step.dropOffCount());
                if (counts[i - 1] > 0) {
                    // cross-multiplied comparison, so that no division decides the tie
                    double dropRate = (double) (counts[i - 1] - counts[i]) / counts[i - 1];
                    assertEquals(dropRate, step.dropOffRate().requireValue(), 1e-15);
                    assertEquals((double) counts[i] / counts[0], step.fromTop().requireValue(), 1e-15);
                    if (expectedBiggest < 0
                            || (counts[i - 1] - counts[i]) * counts[expectedBiggest - 1]
                                    > (counts[expectedBiggest - 1] - counts[expectedBiggest]) * counts[i - 1]) {
                        expectedBiggest = i;
                        largest = dropRate;
                    }
                }
                for (var rate : List.of(step.fromPrevious(), step.fromTop(), step.dropOffRate())) {
                    rate.value().ifPresent(v -> assertTrue(v >= 0 && v <= 1));
                }
            }
            double expectedRate = largest;
            if (expectedBiggest < 0) {
                assertTrue(funnel.biggestDropOff().isEmpty());
            } else {
                FunnelStep biggest = funnel.biggestDropOff().orElseThrow();
                assertEquals("s" + expectedBiggest, biggest.name());
                assertEquals(expectedRate, biggest.dropOffRate().requireValue(), 1e-15);
            }
            assertEquals(counts[0] == 0, funnel.isEmpty());
        });
    }

    @Test
    void biggestDropOff_randomMeasuredSteps_largestAmongConsecutiveMeasuredPairs() {
        qt().withFixedSeed(5L).withExamples(500).forAll(longs().all()).checkAssert(seed -> {
            Random random = new Random(seed);
            int k = 1 + random.nextInt(7);
            long[] counts = new long[k];
            boolean[] measured = new boolean[k];
            counts[0] = random.nextInt(4) == 0 ? 0 : random.nextInt(10_000);
            for (int i = 0; i < k; i++) {
                counts[i] = i == 0 ? counts[0] : (long) (counts[i - 1] * random.nextDouble());
                measured[i] = random.nextBoolean();
            }
            Funnel.Builder builder = Funnel.builder();
            for (int i = 0; i < k; i++) {
                if (measured[i]) {
                    builder.step("s" + i, counts[i]);
                } else {
                    builder.unmeasuredStep("s" + i, counts[i]);
                }
            }
            Funnel funnel = builder.build();

            // a direct scan over the pairs of consecutive measured steps, compared by cross-multiplication
            int expected = -1;
            for (int i = 1; i < k; i++) {
                FunnelStep step = funnel.steps().get(i);
                assertEquals(measured[i], step.measured());
                assertEquals(measured[i] && measured[i - 1], step.dropOffMeasured());
                assertTrue(step.count() <= funnel.steps().get(i - 1).count());
                if (measured[i]
                        && measured[i - 1]
                        && counts[i - 1] > 0
                        && (expected < 0
                                || (counts[i - 1] - counts[i]) * counts[expected - 1]
                                        > (counts[expected - 1] - counts[expected]) * counts[i - 1])) {
                    expected = i;
                }
            }
            assertEquals(measured[0], funnel.steps().get(0).dropOffMeasured());
            if (expected < 0) {
                assertTrue(funnel.biggestDropOff().isEmpty());
            } else {
                assertEquals(
                        "s" + expected, funnel.biggestDropOff().orElseThrow().name());
            }
        });
    }

    @Test
    void step_randomIncrease_rejected() {
        qt().withFixedSeed(4L)
                .forAll(longs().between(0, 1_000_000), longs().between(1, 1000))
                .checkAssert((count, increase) -> {
                    Funnel.Builder builder = Funnel.builder().step("a", count);
                    IllegalArgumentException e =
                            assertThrows(IllegalArgumentException.class, () -> builder.step("b", count + increase));
                    assertEquals(
                            "count of step 'b' must not exceed the count " + count + " of step 'a' but was "
                                    + (count + increase),
                            e.getMessage());
                });
    }
}
