package dev.lifecycle.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/** Counts and priorities drawn mostly from the ends of their ranges give the answers of exact arithmetic. */
final class ExtremeValuesProperties {
    private static final Instant AS_OF = Instant.parse("2024-06-01T00:00:00Z");

    /** Counts near zero and near Long.MAX_VALUE, and anything in between. */
    private static Gen<Long> counts() {
        return Generate.pick(List.of(0L, 1L, 2L, Long.MAX_VALUE / 2, Long.MAX_VALUE - 1, Long.MAX_VALUE))
                .mix(longs().between(0, Long.MAX_VALUE));
    }

    /** Priorities near both ends of the int range, near zero, and anything. */
    private static Gen<Integer> priorities() {
        return Generate.pick(List.of(
                        Integer.MIN_VALUE, Integer.MIN_VALUE + 1, -1, 0, 1, Integer.MAX_VALUE - 1, Integer.MAX_VALUE))
                .mix(integers().all());
    }

    @Test
    void engaged_extremeCounts_profileAndTableAgreeWithTheExactSum() {
        qt().withExamples(2000)
                .forAll(counts(), counts(), counts(), counts())
                .checkAssert((views, carts, signUps, n) -> {
                    CustomerProfile profile = CustomerProfile.builder("c1")
                            .productViews(views)
                            .cartAdds(carts)
                            .signUps(signUps)
                            .build();
                    boolean exact = BigInteger.valueOf(views)
                                    .add(BigInteger.valueOf(carts))
                                    .add(BigInteger.valueOf(signUps))
                                    .compareTo(BigInteger.valueOf(n))
                            >= 0;
                    Condition engaged = Condition.engaged(n);
                    ProfileTable table = ProfileTable.of(List.of(profile));
                    int[] masks = new int[1];
                    ((ColumnCondition) engaged).mark(table, 0, 1, AS_OF.getEpochSecond(), AS_OF.getNano(), masks, 1);

                    assertEquals(exact, engaged.test(profile, AS_OF));
                    assertEquals(
                            exact, ((ColumnCondition) engaged).test(table, 0, AS_OF.getEpochSecond(), AS_OF.getNano()));
                    assertEquals(exact ? 1 : 0, masks[0]);
                });
    }

    @Test
    void classify_extremePriorities_higherPriorityWinsTiesToTheFirstListed() {
        qt().withExamples(1000).forAll(priorities(), priorities()).checkAssert((first, second) -> {
            LifecycleTemplate template = LifecycleTemplate.builder("t")
                    .addStage(Stage.builder("start").build())
                    .addStage(Stage.builder("a").build())
                    .addStage(Stage.builder("b").sideStage(true).build())
                    .addRule(TransitionRule.builder("to-a")
                            .from("start")
                            .to("a")
                            .when(Condition.ordersAtLeast(0))
                            .priority(first)
                            .build())
                    .addRule(TransitionRule.builder("to-b")
                            .from("start")
                            .to("b")
                            .when(Condition.referralsAtLeast(0))
                            .priority(second)
                            .build())
                    .build();
            LifecycleClassifier classifier = LifecycleClassifier.of(template);
            CustomerProfile profile = CustomerProfile.builder("c1").build();
            String expected = first >= second ? "a" : "b";

            assertEquals(expected, classifier.classify(profile, AS_OF).stage().id());
            assertEquals(
                    1L,
                    classifier
                            .classifyAll(ProfileTable.of(List.of(profile)), AS_OF)
                            .count(expected));
        });
    }

    @Test
    void splitStage_extremePriorities_linkAboveEveryRuleLeavingTheStageOrRejected() {
        qt().withExamples(500).forAll(priorities()).checkAssert(priority -> {
            LifecycleTemplate.Builder builder = Templates.fiveStage().toBuilder()
                    .addRule(TransitionRule.builder("rush")
                            .from("awareness")
                            .to("conversion")
                            .when(Condition.ordersAtLeast(5))
                            .priority(priority)
                            .build());
            Stage seen = Stage.builder("seen").build();
            Stage interested = Stage.builder("interested").build();
            int highest = Math.max(
                    priority,
                    Templates.fiveStage().rules().stream()
                            .filter(rule -> rule.from().contains("awareness"))
                            .mapToInt(TransitionRule::priority)
                            .max()
                            .orElseThrow());
            if (highest == Integer.MAX_VALUE) {
                IllegalArgumentException e = assertThrows(
                        IllegalArgumentException.class,
                        () -> builder.splitStage("awareness", seen, interested, Condition.engaged(1)));
                assertEquals(true, String.valueOf(e.getMessage()).contains("has priority 2147483647"), e.getMessage());
            } else {
                LifecycleTemplate template = builder.splitStage("awareness", seen, interested, Condition.engaged(1))
                        .build();
                assertEquals(
                        (long) highest + 1,
                        template.rule("seen-to-interested").orElseThrow().priority());
            }
        });
    }
}
