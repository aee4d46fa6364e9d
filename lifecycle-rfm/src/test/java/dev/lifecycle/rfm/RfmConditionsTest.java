package dev.lifecycle.rfm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lifecycle.core.Condition;
import dev.lifecycle.core.ConditionRegistry;
import dev.lifecycle.core.ConditionSpec;
import dev.lifecycle.core.CustomerProfile;
import dev.lifecycle.core.LifecycleClassifier;
import dev.lifecycle.core.LifecycleTemplate;
import dev.lifecycle.core.Money;
import dev.lifecycle.core.SpecException;
import dev.lifecycle.core.Stage;
import dev.lifecycle.core.Templates;
import dev.lifecycle.core.TransitionRule;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** RFM conditions: what they hold for, their evidence, and their data form both ways. */
final class RfmConditionsTest {
    /** The rfm package's breakpoints for its orders as of 2006-12-31. */
    private static final RfmScale SCALE = RfmScale.of(
            5,
            Monetary.TOTAL,
            List.of(115.0, 181.0, 297.4, 482.0),
            List.of(4.0, 5.0, 6.0, 8.0),
            List.of(255.8, 382.0, 506.4, 666.0));

    private static final Instant AS_OF = RfmOrders.AS_OF;
    private static final ConditionRegistry INLINE = ConditionRegistry.builder()
            .registerTypes(RfmConditions.conditionTypes())
            .build();

    /** Seven orders of 116 dollars, the last 500 days before 2006-12-31. */
    private static CustomerProfile cantLoseThem() {
        CustomerProfile.Builder builder = CustomerProfile.builder("ada");
        Instant last = AS_OF.minusSeconds(500L * 86_400);
        for (int i = 0; i < 7; i++) {
            Instant at = last.minusSeconds(i * 86_400L);
            builder.orderAt(at).payment(at, Money.of("116", "USD"));
        }
        return builder.orderCount(7)
                .firstOrderAt(last.minusSeconds(6 * 86_400L))
                .lastOrderAt(last)
                .totalSpend(Money.of("812", "USD"))
                .build();
    }

    @Test
    void inSegment_holdsForTheFirstMatchingSegment_withEvidenceNamingScoresValuesAndBreakpoints() {
        Condition condition = RfmConditions.inSegment("Can't Lose Them", SCALE);
        assertTrue(condition.test(cantLoseThem(), AS_OF));
        assertEquals(
                "RFM segment Can't Lose Them of RFM ten segments: R1 F4 M5 (500 days, R breakpoints 115, 181, 297.4,"
                        + " 482 days; 7 orders, F breakpoints 4, 5, 6, 8 orders; 812 total, M breakpoints 255.8, 382,"
                        + " 506.4, 666 total)",
                condition.evidence(cantLoseThem(), AS_OF));
        // R1 F4 M5 is also in At Risk's ranges, but Can't Lose Them comes first
        assertFalse(RfmConditions.inSegment("At Risk", SCALE).test(cantLoseThem(), AS_OF));
        // Two years earlier the customer had no order yet
        Instant before = AS_OF.minusSeconds(730L * 86_400);
        assertFalse(condition.test(cantLoseThem(), before));
        assertEquals(condition.description() + ": no orders", condition.evidence(cantLoseThem(), before));
    }

    @Test
    void inSegment_readsOnlyTheOrdersUpToTheInstant() {
        // 503 days back the customer had 4 orders: 4 is F 2, 464 dollars M 3, 0 days back R 5
        Instant earlier = AS_OF.minusSeconds(503L * 86_400);
        Condition condition = RfmConditions.scoresWithin(
                new ScoreRange(5, 5), new ScoreRange(2, 2), new ScoreRange(3, 3), SCALE, ZoneOffset.UTC);
        assertTrue(condition.test(cantLoseThem(), earlier), condition.evidence(cantLoseThem(), earlier));
    }

    @Test
    void conditionInATemplate_sendsTheCustomerToItsStage() {
        // five-stage, plus a side stage that "Can't Lose Them" customers go to before the 180-day lapse takes them
        LifecycleTemplate template = Templates.fiveStage().toBuilder()
                .name("five-stage-win-back")
                .addStage(Stage.builder("winning-back")
                        .name("Win back")
                        .sideStage(true)
                        .build())
                .addRule(TransitionRule.builder("cant-lose-them")
                        .from("conversion", "retention", "advocacy")
                        .to("winning-back")
                        .when(RfmConditions.inSegment("Can't Lose Them", SCALE))
                        .priority(20)
                        .build())
                .build();
        assertEquals(
                "lapsed",
                LifecycleClassifier.of(Templates.fiveStage())
                        .classify(cantLoseThem(), AS_OF)
                        .stage()
                        .id());
        assertEquals(
                "winning-back",
                LifecycleClassifier.of(template)
                        .classify(cantLoseThem(), AS_OF)
                        .stage()
                        .id());
    }

    @Test
    void dataForm_inline_writesTheBreakpointsAndReadsBackEqual() {
        Condition condition = RfmConditions.inSegment("Can't Lose Them", SCALE);
        ConditionSpec spec = ConditionSpec.of(condition);
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("segment", "Can't Lose Them");
        expected.put("recency-breakpoints", "115, 181, 297.4, 482");
        expected.put("frequency-breakpoints", "4, 5, 6, 8");
        expected.put("monetary-breakpoints", "255.8, 382, 506.4, 666");
        expected.put("monetary-value", "total");
        assertEquals(new ConditionSpec("rfm-segment", expected, List.of()), spec);
        assertEquals(condition, spec.toCondition(INLINE));

        Condition scores = RfmConditions.scoresWithin(
                new ScoreRange(1, 2), new ScoreRange(4, 5), new ScoreRange(1, 5), SCALE, ZoneId.of("Europe/Paris"));
        ConditionSpec scoresSpec = ConditionSpec.of(scores);
        assertEquals("1-2", scoresSpec.parameters().get("recency"));
        assertEquals("Europe/Paris", scoresSpec.parameters().get("zone"));
        assertEquals(scores, scoresSpec.toCondition(INLINE));
    }

    @Test
    void dataForm_suppliedScaleAndMap_writtenByName() {
        SegmentMap two = SegmentMap.of(
                "two",
                List.of(new Segment("recent", new ScoreRange(2, 3), new ScoreRange(1, 3), new ScoreRange(1, 3))),
                "older");
        RfmScale three = RfmScale.of(3, Monetary.MEAN, List.of(30.0, 90.0), List.of(2.0, 5.0), List.of(50.0, 200.0));
        ConditionRegistry supplied = ConditionRegistry.builder()
                .registerTypes(RfmConditions.conditionTypes(Map.of("last-quarter", three), List.of(two)))
                .build();
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("segment", "recent");
        parameters.put("segment-map", "two");
        parameters.put("fitted-scale", "last-quarter");
        ConditionSpec spec = new ConditionSpec("rfm-segment", parameters, List.of());
        Condition condition = spec.toCondition(supplied);
        assertEquals(spec, ConditionSpec.of(condition));
        // a scale made in code is written inline, and reads back without the supplied name
        Condition inCode = RfmConditions.inSegment("recent", two, three, ZoneOffset.UTC);
        assertEquals(inCode, ConditionSpec.of(inCode).toCondition(supplied));
        assertEquals("mean", ConditionSpec.of(inCode).parameters().get("monetary-value"));
    }

    private static String refusal(Map<String, String> parameters) {
        SpecException e = assertThrows(
                SpecException.class, () -> new ConditionSpec("rfm-segment", parameters, List.of()).toCondition(INLINE));
        return e.problems().get(0).message();
    }

    private static Map<String, String> inline(String segment) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("segment", segment);
        p.put("recency-breakpoints", "115, 181, 297.4, 482");
        p.put("frequency-breakpoints", "4, 5, 6, 8");
        p.put("monetary-breakpoints", "255.8, 382, 506.4, 666");
        return p;
    }

    @Test
    void dataForm_badValues_refusedNamingTheParameterTheValueAndTheRule() {
        assertTrue(refusal(inline("Winners")).contains("'Winners' is not a segment of RFM ten segments"));
        Map<String, String> p = inline("Lost");
        p.put("frequency-breakpoints", "4, 5, 1e3, 8");
        assertTrue(refusal(p).contains("parameter 'frequency-breakpoints' must be comma-separated decimal numbers"));
        p = inline("Lost");
        p.put("frequency-breakpoints", "4, 5, 6");
        assertTrue(refusal(p).contains("frequency needs 4 breakpoints for 5 scores but has 3"), refusal(p));
        p = inline("Lost");
        p.put("recency-breakpoints", "115, 18, 297.4, 482");
        assertTrue(refusal(p).contains("recency breakpoints must be ascending but 18 follows 115"), refusal(p));
        p = inline("Lost");
        p.put("monetary-value", "median");
        assertTrue(refusal(p).contains("'monetary-value' must be total or mean but was 'median'"));
        p = inline("Lost");
        p.put("fitted-scale", "q4");
        assertTrue(refusal(p).contains("takes 'fitted-scale' or the breakpoints, not both"), refusal(p));
        p = inline("Lost");
        p.remove("monetary-breakpoints");
        assertTrue(refusal(p).contains("has no 'monetary-breakpoints'"), refusal(p));
        p = inline("Lost");
        p.put("segment-map", "Klaviyo six");
        assertTrue(refusal(p).contains("no segment map named 'Klaviyo six' is built in or was supplied"), refusal(p));
        p = inline("Lost");
        p.put("zone", "Mars/Olympus");
        assertTrue(refusal(p).contains("'zone' must be a zone id"), refusal(p));
        p = inline("Lost");
        p.put("recency-breakpoints", "1, 2, 3, 4, 5, 6, 7, 8, 9, 10");
        assertTrue(refusal(p).contains("must list at most 8 breakpoints"), refusal(p));
    }

    @Test
    void inSegment_scaleWithTooFewScores_refused() {
        RfmScale three = RfmScale.of(3, Monetary.TOTAL, List.of(30.0, 90.0), List.of(2.0, 5.0), List.of(50.0, 200.0));
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> RfmConditions.inSegment("Lost", three));
        assertEquals("the condition names scores up to 5 but the scale has 3", e.getMessage());
    }
}
