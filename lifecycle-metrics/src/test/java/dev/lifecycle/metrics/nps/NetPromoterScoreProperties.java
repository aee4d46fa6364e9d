package dev.lifecycle.metrics.nps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.lifecycle.metrics.Interval;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

final class NetPromoterScoreProperties {
    private static Gen<List<Integer>> answers() {
        return lists().of(integers().between(0, 10)).ofSizeBetween(0, 300);
    }

    private static Gen<NetPromoterScore> nonEmpty() {
        return integers()
                .between(0, 2000)
                .zip(
                        integers().between(0, 2000),
                        integers().between(0, 2000),
                        (p, m, d) -> p + m + d == 0
                                ? NetPromoterScore.ofCounts(1, 0, 0)
                                : NetPromoterScore.ofCounts(p, m, d));
    }

    private static int[] toArray(List<Integer> list) {
        return list.stream().mapToInt(Integer::intValue).toArray();
    }

    @Test
    void score_anyAnswers_betweenMinus100And100() {
        qt().forAll(answers()).checkAssert(list -> {
            NetPromoterScore nps = NetPromoterScore.ofScores(toArray(list));
            nps.scoreIfAny().ifPresent(score -> assertTrue(score >= -100 && score <= 100, "score " + score));
            assertEquals(list.isEmpty(), nps.isEmpty());
        });
    }

    @Test
    void score_anyAnswers_equalsHundredTimesMeanOfPlusMinusOne() {
        qt().forAll(lists().of(integers().between(0, 10)).ofSizeBetween(1, 300)).checkAssert(list -> {
            double mean = list.stream()
                    .mapToInt(a -> a >= 9 ? 1 : a <= 6 ? -1 : 0)
                    .average()
                    .orElseThrow();
            assertEquals(100 * mean, NetPromoterScore.ofScores(toArray(list)).score(), 1e-9);
        });
    }

    @Test
    void merge_anySplit_equalsOneAccumulator() {
        qt().forAll(answers(), answers(), answers()).checkAssert((a, b, c) -> {
            NetPromoterScore.Accumulator one = NetPromoterScore.accumulator();
            a.forEach(one::add);
            b.forEach(one::add);
            c.forEach(one::add);

            NetPromoterScore.Accumulator first = NetPromoterScore.accumulator();
            a.forEach(first::add);
            NetPromoterScore.Accumulator second = NetPromoterScore.accumulator();
            b.forEach(second::add);
            NetPromoterScore.Accumulator third = NetPromoterScore.accumulator();
            c.forEach(third::add);
            NetPromoterScore secondBefore = second.result();
            NetPromoterScore merged = third.merge(first.merge(second)).result();

            assertEquals(one.result(), merged);
            assertEquals(secondBefore, second.result(), "merge changed its argument");
        });
    }

    @Test
    void toNps_anyAnswers_equalsOfScores() {
        qt().forAll(answers())
                .checkAssert(list -> assertEquals(
                        NetPromoterScore.ofScores(toArray(list)),
                        list.parallelStream().collect(NetPromoterScore.toNps())));
    }

    @Test
    void intervals_anyCountsAndLevel_containTheirEstimate() {
        qt().forAll(nonEmpty(), doubles().between(0.01, 0.999)).checkAssert((nps, level) -> {
            Interval wald = nps.waldInterval(level);
            Interval adjusted = nps.adjustedWaldInterval(level);
            assertTrue(wald.contains(nps.score()), wald + " vs " + nps);
            assertTrue(adjusted.contains(nps.adjustedScore()), adjusted + " vs " + nps);
            assertTrue(wald.lower() >= -100 && wald.upper() <= 100, wald::toString);
            assertTrue(adjusted.lower() >= -100 && adjusted.upper() <= 100, adjusted::toString);
        });
    }

    @Test
    void waldInterval_higherLevel_widerInterval() {
        qt().forAll(nonEmpty()).checkAssert(nps -> {
            Interval narrow = nps.waldInterval(0.8);
            Interval wide = nps.waldInterval(0.99);
            assertTrue(wide.lower() <= narrow.lower() && wide.upper() >= narrow.upper());
        });
    }

    @Test
    void compare_anyTwoSamples_pValueInUnitIntervalAndAntisymmetric() {
        qt().forAll(nonEmpty(), nonEmpty()).checkAssert((a, b) -> {
            NpsComparison ab = a.compare(b);
            NpsComparison ba = b.compare(a);
            assertTrue(ab.pValue() >= 0 && ab.pValue() <= 1, ab::toString);
            assertEquals(-ab.z(), ba.z(), 1e-9);
            assertEquals(ab.pValue(), ba.pValue(), 1e-12);
            assertEquals(a.adjustedScore() - b.adjustedScore(), ab.difference(), 1e-9);
        });
    }
}
