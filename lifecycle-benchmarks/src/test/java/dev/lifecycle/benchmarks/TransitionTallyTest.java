package dev.lifecycle.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lifecycle.core.StageTransition;
import dev.lifecycle.core.Templates;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The tally of workload 7: the same transitions in any order and on any threads tally alike, a different one not. */
final class TransitionTallyTest {
    private static final Instant AT = Instant.parse("1998-01-01T00:00:00Z");

    private static List<StageTransition> transitions() {
        List<StageTransition> all = new ArrayList<>();
        for (int c = 0; c < 500; c++) {
            all.add(new StageTransition("c" + c, "awareness", "consideration", AT.plusSeconds(c), "engaged"));
            if (c % 3 == 0) {
                all.add(new StageTransition(
                        "c" + c,
                        "consideration",
                        "conversion",
                        AT.plusSeconds(c).plusNanos(7),
                        "first-purchase"));
            }
        }
        return all;
    }

    private static String answer(List<StageTransition> transitions) {
        TransitionTally tally = new TransitionTally(Templates.fiveStage());
        transitions.forEach(tally::onTransition);
        return tally.answer();
    }

    @Test
    void answer_countsPerMove() {
        String answer = answer(transitions());
        assertEquals(
                "not applied 0; 667 transitions: awareness>consideration 500, consideration>conversion 167; digest ",
                answer.substring(0, answer.indexOf("digest ") + "digest ".length()));
    }

    @Test
    void answer_anyOrderAnyThreads_same() {
        List<StageTransition> all = transitions();
        List<StageTransition> reversed = new ArrayList<>(all);
        Collections.reverse(reversed);
        assertEquals(answer(all), answer(reversed));
        TransitionTally parallel = new TransitionTally(Templates.fiveStage());
        IntStream.range(0, all.size()).parallel().forEach(i -> parallel.onTransition(all.get(i)));
        assertEquals(answer(all), parallel.answer());
    }

    @Test
    void answer_anotherCustomerInstantOrRule_differs() {
        List<StageTransition> all = transitions();
        String answer = answer(all);
        StageTransition first = all.get(0);
        List<StageTransition> changed = new ArrayList<>(all);
        changed.set(0, new StageTransition("c500", first.fromStageId(), first.toStageId(), first.at(), first.ruleId()));
        assertNotEquals(answer, answer(changed));
        changed.set(
                0,
                new StageTransition(
                        first.customerId(),
                        first.fromStageId(),
                        first.toStageId(),
                        first.at().plusNanos(1),
                        "engaged"));
        assertNotEquals(answer, answer(changed));
        changed.set(0, new StageTransition(first.customerId(), "awareness", "consideration", first.at(), "other-rule"));
        assertNotEquals(answer, answer(changed));
        changed.set(0, all.get(1));
        assertNotEquals(answer, answer(changed), "a transition twice and another missing");
    }

    @Test
    void notApplied_counted() {
        TransitionTally tally = new TransitionTally(Templates.fiveStage());
        tally.notApplied(2);
        assertEquals("not applied 2; 0 transitions: ; digest 0000000000000000", tally.answer());
    }

    @Test
    void onTransition_stageOfAnotherTemplate_rejected() {
        TransitionTally tally = new TransitionTally(Templates.fiveStage());
        StageTransition other = new StageTransition("c1", "lead", "customer", AT, "first-purchase");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> tally.onTransition(other));
        assertEquals("stage 'lead' is not a stage of the tallied template", e.getMessage());
    }
}
