package dev.lifecycle.metrics.funnel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The sliding window's matching, through random sequences of events entering and leaving with masks that overlap (so
 * that steps must move from one class to another), against the most steps found by trying every assignment.
 */
final class WindowMatchingProperties {
    @Test
    void size_anySequenceOfEntriesAndExits_equalsTheMostStepsOfEveryAssignment() {
        qt().withFixedSeed(7L).withExamples(2000).forAll(longs().all()).checkAssert(seed -> {
            Random random = new Random(seed);
            int k = 1 + random.nextInt(5);
            int n = 1 + random.nextInt(10);
            int[] masks = new int[n];
            for (int p = 0; p < n; p++) {
                // a few distinct masks, often overlapping, sometimes none
                masks[p] = random.nextInt(6) == 0 ? 0 : 1 + random.nextInt((1 << k) - 1);
                if (p > 0 && random.nextBoolean()) {
                    masks[p] = masks[random.nextInt(p)];
                }
            }
            int[] classOf = new int[n];
            WindowMatching matching = new WindowMatching(k);
            matching.reset(n, masks, classOf);
            List<Integer> in = new ArrayList<>();
            StringBuilder history = new StringBuilder("k=" + k + " masks=" + java.util.Arrays.toString(masks));
            for (int move = 0; move < 30; move++) {
                boolean add = in.isEmpty() || (in.size() < n && random.nextBoolean());
                if (add) {
                    int p = random.nextInt(n);
                    if (in.contains(p) || classOf[p] < 0) {
                        continue;
                    }
                    in.add(p);
                    matching.add(classOf[p]);
                    history.append(" +").append(p);
                } else {
                    int p = in.remove(random.nextInt(in.size()));
                    matching.remove(classOf[p]);
                    history.append(" -").append(p);
                }
                int[] window = in.stream().mapToInt(p -> masks[p]).toArray();
                assertEquals(most(window, k, 0, new boolean[window.length]), matching.size(), history::toString);
            }
        });
    }

    /** The most steps from {@code step} on that distinct events of the window can do. */
    private static int most(int[] window, int k, int step, boolean[] used) {
        if (step == k) {
            return 0;
        }
        int best = most(window, k, step + 1, used);
        for (int e = 0; e < window.length; e++) {
            if (!used[e] && (window[e] & (1 << step)) != 0) {
                used[e] = true;
                best = Math.max(best, 1 + most(window, k, step + 1, used));
                used[e] = false;
            }
        }
        return best;
    }
}
