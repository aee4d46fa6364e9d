package dev.lifecycle.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;

import org.junit.jupiter.api.Test;
import org.quicktheories.generators.SourceDSL;

final class PackedStagesProperties {

    @Test
    void stay_anyStageAndRuleWithinTheLimits_roundTrips() {
        qt().withExamples(5_000)
                .forAll(
                        SourceDSL.integers().between(0, PackedStages.MAX_STAGE),
                        SourceDSL.integers().between(PackedStages.NO_RULE, PackedStages.MAX_RULE))
                .checkAssert((stage, rule) -> {
                    int stay = PackedStages.stay(stage, rule);
                    assertEquals(stage, PackedStages.stage(stay));
                    assertEquals(rule, PackedStages.rule(stay));
                });
    }

    @Test
    void outcome_anyTwoStageIndexes_roundTrip() {
        qt().withExamples(5_000)
                .forAll(
                        SourceDSL.integers().between(0, Integer.MAX_VALUE),
                        SourceDSL.integers().between(0, Integer.MAX_VALUE))
                .checkAssert((finalStage, highestStage) -> {
                    long outcome = PackedStages.outcome(finalStage, highestStage);
                    assertEquals(finalStage, PackedStages.finalStage(outcome));
                    assertEquals(highestStage, PackedStages.highestStage(outcome));
                });
    }
}
