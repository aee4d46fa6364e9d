package dev.lifecycle.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The NPS conditions at every score and answer, on a profile and over a profile table's column: at least holds for an
 * answer at or above the score, at most for an answer from 0 to the score, and neither for a customer who never
 * answered.
 */
final class NpsBoundTest {
    private static final Instant AS_OF = Instant.parse("2025-01-01T00:00:00Z");

    private static CustomerProfile answered(int answer) {
        CustomerProfile.Builder builder = CustomerProfile.builder("c" + answer);
        if (answer >= 0) {
            builder.lastNpsScore(answer, AS_OF.minusSeconds(60));
        }
        return builder.build();
    }

    private static LifecycleTemplate template(Condition condition) {
        return LifecycleTemplate.builder("nps")
                .addStage(Stage.builder("asked").build())
                .addStage(Stage.builder("matched").build())
                .addRule(TransitionRule.builder("match")
                        .from("asked")
                        .to("matched")
                        .when(condition)
                        .build())
                .build();
    }

    @Test
    void atLeastAndAtMost_everyScoreAndAnswer_onProfilesAndOverATable() {
        List<CustomerProfile> profiles = new ArrayList<>();
        for (int answer = -1; answer <= 10; answer++) {
            profiles.add(answered(answer));
        }
        ProfileTable table = ProfileTable.of(profiles);
        for (int score = 0; score <= 10; score++) {
            Condition atLeast = Condition.npsAtLeast(score);
            Condition atMost = Condition.npsAtMost(score);
            long expectedAtLeast = 0;
            long expectedAtMost = 0;
            for (int answer = -1; answer <= 10; answer++) {
                boolean least = answer >= 0 && answer >= score;
                boolean most = answer >= 0 && answer <= score;
                expectedAtLeast += least ? 1 : 0;
                expectedAtMost += most ? 1 : 0;
                CustomerProfile profile = answered(answer);
                assertEquals(least, atLeast.test(profile, AS_OF), "at least " + score + ", answer " + answer);
                assertEquals(most, atMost.test(profile, AS_OF), "at most " + score + ", answer " + answer);
            }
            assertEquals(
                    expectedAtLeast,
                    LifecycleClassifier.of(template(atLeast))
                            .classifyAll(table, AS_OF)
                            .counts()
                            .get("matched"),
                    "at least " + score);
            assertEquals(
                    expectedAtMost,
                    LifecycleClassifier.of(template(atMost))
                            .classifyAll(table, AS_OF)
                            .counts()
                            .get("matched"),
                    "at most " + score);
        }
    }

    @Test
    void descriptionAndEvidence_nameTheBoundAndTheAnswer() {
        assertEquals("latest NPS answer at least 9", Condition.npsAtLeast(9).description());
        assertEquals("latest NPS answer at most 6", Condition.npsAtMost(6).description());
        assertEquals("lastNpsScore 10 >= 9", Condition.npsAtLeast(9).evidence(answered(10), AS_OF));
        assertEquals("lastNpsScore 3 <= 6", Condition.npsAtMost(6).evidence(answered(3), AS_OF));
    }
}
