package dev.lifecycle.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.lifecycle.core.Condition;
import dev.lifecycle.core.ConditionRegistry;
import dev.lifecycle.core.ConditionSpec;
import dev.lifecycle.core.SpecException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The predictive conditions' data form: written exactly, read back equal, and every bad value refused by name. */
final class PredictiveDataTest {
    private static final BgNbd BG = BgNbd.of(0.243, 4.414, 0.793, 2.426);
    private static final GammaGamma SPEND = GammaGamma.of(6.25, 3.74, 15.44);
    private static final ConditionRegistry INLINE = ConditionRegistry.builder()
            .registerTypes(PredictiveConditions.conditionTypes())
            .build();
    private static final ConditionRegistry SUPPLIED = ConditionRegistry.builder()
            .registerTypes(PredictiveConditions.conditionTypes(Map.of("cdnow", BG), Map.of("cdnow-spend", SPEND)))
            .build();

    private static ConditionSpec spec(String type, Map<String, String> parameters) {
        return new ConditionSpec(type, parameters, List.of());
    }

    /** The parameters in the order given: name, value, name, value... */
    private static Map<String, String> ordered(String... namesAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return map;
    }

    private static Map<String, String> bgAlive(String threshold) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("model", "BG/NBD");
        p.put("r", "0.243");
        p.put("alpha", "4.414");
        p.put("a", "0.793");
        p.put("b", "2.426");
        p.put("unit", "WEEKS");
        p.put("threshold", threshold);
        return p;
    }

    @Test
    void pAliveBelow_writtenWithTheModelsNameAndParameters() {
        Condition condition = PredictiveConditions.probabilityAliveBelow(BG, 0.3, ChronoUnit.WEEKS);

        assertEquals(spec("p-alive-below", bgAlive("0.3")), ConditionSpec.of(condition));
        assertEquals(condition, ConditionSpec.of(condition).toCondition(INLINE));
    }

    @Test
    void expectedPurchasesBelow_writtenWithHorizonPurchasesAndZone() {
        ParetoNbd pareto = ParetoNbd.of(0.553, 10.578, 0.606, 11.669);
        Condition condition = PredictiveConditions.expectedPurchasesBelow(
                pareto, 52, 0.5, ChronoUnit.DAYS, ZoneId.of("Europe/Paris"));

        assertEquals(
                spec(
                        "expected-purchases-below",
                        ordered(
                                "model",
                                "Pareto/NBD",
                                "r",
                                "0.553",
                                "alpha",
                                "10.578",
                                "s",
                                "0.606",
                                "beta",
                                "11.669",
                                "unit",
                                "DAYS",
                                "zone",
                                "Europe/Paris",
                                "horizon",
                                "52.0",
                                "purchases",
                                "0.5")),
                ConditionSpec.of(condition));
        assertEquals(condition, ConditionSpec.of(condition).toCondition(INLINE));
    }

    @Test
    void predictedValueAtLeast_writtenWithBothModels() {
        MbgNbd mbg = MbgNbd.of(0.5, 6, 1.2, 3.5);
        Condition condition =
                PredictiveConditions.predictedValueAtLeast(mbg, SPEND, 52, 0.01, 250, ChronoUnit.WEEKS, ZoneOffset.UTC);

        assertEquals(
                spec(
                        "predicted-value-at-least",
                        ordered(
                                "model",
                                "MBG/NBD",
                                "r",
                                "0.5",
                                "alpha",
                                "6.0",
                                "a",
                                "1.2",
                                "b",
                                "3.5",
                                "spend-model",
                                "Gamma-Gamma",
                                "p",
                                "6.25",
                                "q",
                                "3.74",
                                "gamma",
                                "15.44",
                                "unit",
                                "WEEKS",
                                "horizon",
                                "52.0",
                                "discount-rate",
                                "0.01",
                                "amount",
                                "250.0")),
                ConditionSpec.of(condition));
        assertEquals(condition, ConditionSpec.of(condition).toCondition(INLINE));
    }

    @Test
    void suppliedModels_readByNameAndWrittenBackByName() {
        Map<String, String> alive = Map.of("fitted-model", "cdnow", "unit", "weeks", "threshold", "0.3");
        Map<String, String> value = Map.of(
                "fitted-model", "cdnow",
                "fitted-spend-model", "cdnow-spend",
                "unit", "WEEKS",
                "horizon", "52",
                "discount-rate", "0",
                "amount", "100");

        Condition readAlive = spec("p-alive-below", alive).toCondition(SUPPLIED);
        Condition readValue = spec("predicted-value-at-least", value).toCondition(SUPPLIED);

        // the same figures as the model object gives, but the name travels with the condition
        assertEquals(
                PredictiveConditions.probabilityAliveBelow(BG, 0.3, ChronoUnit.WEEKS)
                        .description(),
                readAlive.description());
        assertEquals(
                Map.of("fitted-model", "cdnow", "unit", "WEEKS", "threshold", "0.3"),
                ConditionSpec.of(readAlive).parameters());
        assertEquals(readAlive, ConditionSpec.of(readAlive).toCondition(SUPPLIED));
        assertEquals(readValue, ConditionSpec.of(readValue).toCondition(SUPPLIED));
    }

    @Test
    void zoneWrittenAsUtcOrLeftOut_readsAsTheSameCondition() {
        Map<String, String> utc = new LinkedHashMap<>(bgAlive("0.3"));
        utc.put("zone", "UTC");

        assertEquals(
                spec("p-alive-below", bgAlive("0.3")).toCondition(INLINE),
                spec("p-alive-below", utc).toCondition(INLINE));
        assertEquals(
                PredictiveConditions.probabilityAliveBelow(BG, 0.3, ChronoUnit.WEEKS, ZoneId.of("UTC")),
                PredictiveConditions.probabilityAliveBelow(BG, 0.3, ChronoUnit.WEEKS));
    }

    /** The one problem reading {@code parameters} gives, as "path: message". */
    private static String refused(String type, Map<String, String> parameters) {
        SpecException e =
                assertThrows(SpecException.class, () -> spec(type, parameters).toCondition(SUPPLIED));
        assertEquals(1, e.problems().size(), e.getMessage());
        SpecException.Problem problem = e.problems().get(0);
        return problem.path() + ": " + problem.message();
    }

    private static Map<String, String> with(Map<String, String> base, String name, String value) {
        Map<String, String> changed = new LinkedHashMap<>(base);
        changed.put(name, value);
        return changed;
    }

    private static Map<String, String> without(Map<String, String> base, String name) {
        Map<String, String> changed = new LinkedHashMap<>(base);
        changed.remove(name);
        return changed;
    }

    @Test
    void badValues_refusedNamingTheParameterTheValueAndTheRule() {
        Map<String, String> good = bgAlive("0.3");
        assertEquals(
                "condition: p-alive-below parameter 'threshold' must be a decimal number of at most 40 characters but"
                        + " was '0x1p-2'",
                refused("p-alive-below", with(good, "threshold", "0x1p-2")));
        assertEquals(
                "condition: p-alive-below parameter 'r' must be a decimal number of at most 40 characters but was"
                        + " 'NaN'",
                refused("p-alive-below", with(good, "r", "NaN")));
        assertEquals(
                "condition: p-alive-below parameter 'threshold' must be a decimal number of at most 40 characters but"
                        + " was '0." + "3".repeat(58) + "...' (100 characters)",
                refused("p-alive-below", with(good, "threshold", "0." + "3".repeat(98))));
        assertEquals(
                "condition: P(alive) threshold must be in (0, 1] but was 1.5",
                refused("p-alive-below", with(good, "threshold", "1.5")));
        assertEquals(
                "condition: BG/NBD parameter alpha must be between 1.0E-8 and 100000.0 but was Infinity",
                refused("p-alive-below", with(good, "alpha", "1e9999")));
        assertEquals(
                "condition: p-alive-below parameter 'unit' must be DAYS, WEEKS, MONTHS or YEARS but was 'HOURS'",
                refused("p-alive-below", with(good, "unit", "HOURS")));
        assertEquals(
                "condition: p-alive-below parameter 'zone' must be a zone id such as UTC or Europe/Paris but was"
                        + " 'Mars/Olympus'",
                refused("p-alive-below", with(good, "zone", "Mars/Olympus")));
        assertEquals(
                "condition: p-alive-below needs the parameter 'threshold'",
                refused("p-alive-below", without(good, "threshold")));
        assertEquals("condition: p-alive-below needs the parameter 'b'", refused("p-alive-below", without(good, "b")));
    }

    @Test
    void modelNamedWrongly_refusedNamingWhatIsAllowed() {
        Map<String, String> good = bgAlive("0.3");
        assertEquals(
                "condition: p-alive-below parameter 'model' must be one of [BG/NBD, MBG/NBD, Pareto/NBD] but was"
                        + " 'bg-nbd'",
                refused("p-alive-below", with(good, "model", "bg-nbd")));
        assertEquals(
                "condition: p-alive-below parameter 's' is not one of BG/NBD's [r, alpha, a, b]",
                refused("p-alive-below", with(good, "s", "0.6")));
        assertEquals(
                "condition: p-alive-below needs exactly one of 'model' (one of [BG/NBD, MBG/NBD, Pareto/NBD] with its"
                        + " parameters) and 'fitted-model' (the name of a model supplied at load time)",
                refused("p-alive-below", with(good, "fitted-model", "cdnow")));
        assertEquals(
                "condition: p-alive-below needs exactly one of 'model' (one of [BG/NBD, MBG/NBD, Pareto/NBD] with its"
                        + " parameters) and 'fitted-model' (the name of a model supplied at load time)",
                refused("p-alive-below", Map.of("unit", "WEEKS", "threshold", "0.3")));
        Map<String, String> supplied = Map.of("fitted-model", "cdnow", "unit", "WEEKS", "threshold", "0.3");
        assertEquals(
                "condition: p-alive-below parameter 'fitted-model': no model named 'other' was supplied; supplied:"
                        + " [cdnow]",
                refused("p-alive-below", with(supplied, "fitted-model", "other")));
        assertEquals(
                "condition: p-alive-below parameter 'alpha' is not one of a supplied model's: its parameters come"
                        + " with it",
                refused("p-alive-below", with(supplied, "alpha", "4")));
        assertEquals(
                "condition.parameters.p: condition type 'p-alive-below' has no parameter 'p'; expected [model,"
                        + " fitted-model, r, alpha, a, b, s, beta, unit, zone, threshold]",
                refused("p-alive-below", with(supplied, "p", "6")));
    }

    @Test
    void conditionTypes_blankOrNullNames_refused() {
        assertThrows(
                IllegalArgumentException.class, () -> PredictiveConditions.conditionTypes(Map.of(" ", BG), Map.of()));
        assertThrows(
                IllegalArgumentException.class, () -> PredictiveConditions.conditionTypes(Map.of(), Map.of("", SPEND)));
    }

    @Test
    void anyCondition_readsBackEqualFromItsDataForm() {
        qt().withFixedSeed(1818L).withExamples(300).forAll(longs().all()).checkAssert(seed -> {
            Condition condition = randomCondition(new SplittableRandom(seed));
            assertEquals(condition, ConditionSpec.of(condition).toCondition(INLINE), condition::description);
        });
    }

    private static Condition randomCondition(SplittableRandom random) {
        PurchaseModel model = switch (random.nextInt(3)) {
            case 0 -> BgNbd.of(parameter(random), parameter(random), parameter(random), parameter(random));
            case 1 -> MbgNbd.of(parameter(random), parameter(random), parameter(random), parameter(random));
            default -> ParetoNbd.of(parameter(random), parameter(random), parameter(random), parameter(random));
        };
        ChronoUnit unit = List.of(ChronoUnit.DAYS, ChronoUnit.WEEKS, ChronoUnit.MONTHS, ChronoUnit.YEARS)
                .get(random.nextInt(4));
        ZoneId zone = random.nextBoolean() ? ZoneOffset.UTC : ZoneId.of("America/New_York");
        return switch (random.nextInt(3)) {
            case 0 -> PredictiveConditions.probabilityAliveBelow(model, 1 - random.nextDouble(), unit, zone);
            case 1 ->
                PredictiveConditions.expectedPurchasesBelow(
                        model, random.nextDouble() * 1000, 1e-9 + random.nextDouble() * 50, unit, zone);
            default ->
                PredictiveConditions.predictedValueAtLeast(
                        model,
                        GammaGamma.of(parameter(random), parameter(random), parameter(random)),
                        random.nextDouble() * Predictions.MAX_VALUE_HORIZON,
                        random.nextDouble() * Predictions.MAX_DISCOUNT_RATE,
                        1e-6 + random.nextDouble() * 1e6,
                        unit,
                        zone);
        };
    }

    /** A parameter anywhere in [1e-8, 1e5], log-uniform, with all its digits. */
    private static double parameter(SplittableRandom random) {
        return Math.min(1e5, Math.max(1e-8, Math.exp(Math.log(1e-8) + random.nextDouble() * Math.log(1e13))));
    }
}
