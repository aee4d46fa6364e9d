package dev.lifecycle.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

final class PackedStagesTest {

    @Test
    void stay_firstStayOfStageZero_packsToZero() {
        assertEquals(0, PackedStages.stay(0, PackedStages.NO_RULE));
    }

    @Test
    void stay_layout_stageInTheHighHalfAndRulePlusOneInTheLowHalf() {
        // the layout CustomerStore writes and reads stay by stay
        assertEquals(0x0003_0000, PackedStages.stay(3, PackedStages.NO_RULE));
        assertEquals(0x0046_FFFF, PackedStages.stay(70, 65_534));
        assertEquals(0x0000_0002, PackedStages.stay(0, 1));
    }

    @Test
    void stay_largestStageAndRule_roundTrip() {
        int stay = PackedStages.stay(PackedStages.MAX_STAGE, PackedStages.MAX_RULE);

        assertEquals(65_535, PackedStages.stage(stay));
        assertEquals(65_534, PackedStages.rule(stay));
    }

    @Test
    void stay_stageBeyondTheLimit_rejected() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> PackedStages.stay(65_536, PackedStages.NO_RULE));

        assertEquals("a stay's stage index must be between 0 and 65535 but was 65536", e.getMessage());
    }

    @Test
    void stay_negativeStage_rejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PackedStages.stay(-1, 0));

        assertEquals("a stay's stage index must be between 0 and 65535 but was -1", e.getMessage());
    }

    @Test
    void stay_ruleBeyondTheLimit_rejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PackedStages.stay(0, 65_535));

        assertEquals("a stay's rule position must be between -1 and 65534 but was 65535", e.getMessage());
    }

    @Test
    void stay_ruleBelowNoRule_rejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PackedStages.stay(0, -2));

        assertEquals("a stay's rule position must be between -1 and 65534 but was -2", e.getMessage());
    }

    @Test
    void outcome_largestIndexes_roundTrip() {
        long outcome = PackedStages.outcome(Integer.MAX_VALUE, Integer.MAX_VALUE - 1);

        assertEquals(Integer.MAX_VALUE, PackedStages.finalStage(outcome));
        assertEquals(Integer.MAX_VALUE - 1, PackedStages.highestStage(outcome));
    }

    @Test
    void outcome_layout_finalStageInTheHighHalf() {
        assertEquals(0x0000_0002_0000_0005L, PackedStages.outcome(2, 5));
    }
}
