package dev.lifecycle.metrics.funnel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.testing.EqualsTester;
import com.google.common.testing.NullPointerTester;
import dev.lifecycle.core.CustomerEvent;
import dev.lifecycle.core.CustomerProfile;
import dev.lifecycle.core.EventType;
import dev.lifecycle.core.LifecycleClassifier;
import dev.lifecycle.core.StageDistribution;
import dev.lifecycle.core.Templates;
import dev.lifecycle.metrics.HashCodes;
import dev.lifecycle.metrics.rate.Rate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Funnels from counts and from a stage distribution, drop-offs and benchmark comparisons. */
final class FunnelTest {
    private static final Instant T0 = Instant.parse("2024-03-01T10:00:00Z");

    @Test
    void build_counts_conversionsAndDropOffs() {
        Funnel funnel = Funnel.builder()
                .step("visit", 1000)
                .step("cart", 400)
                .step("checkout", 100)
                .step("paid", 100)
                .build();

        FunnelStep cart = funnel.step("cart");
        assertEquals(2, cart.position());
        assertEquals(400, cart.count());
        assertEquals(0.4, cart.fromPrevious().requireValue());
        assertEquals(0.4, cart.fromTop().requireValue());
        assertEquals(600, cart.dropOffCount());
        assertEquals(0.6, cart.dropOffRate().requireValue());
        FunnelStep checkout = funnel.step("checkout");
        assertEquals(0.25, checkout.fromPrevious().requireValue());
        assertEquals(0.1, checkout.fromTop().requireValue());
        assertEquals(300, checkout.dropOffCount());
        assertEquals(0.75, checkout.dropOffRate().requireValue());
        FunnelStep first = funnel.steps().get(0);
        assertEquals(Rate.of("conversion into 'visit' from previous step", 1000, 1000), first.fromPrevious());
        assertEquals(0, first.dropOffCount());
        assertEquals("checkout", funnel.biggestDropOff().orElseThrow().name());
        assertTrue(funnel.timeToConvert().isEmpty());
        assertFalse(funnel.isEmpty());
    }

    @Test
    void biggestDropOff_tiedRates_earliestStep() {
        Funnel funnel =
                Funnel.builder().step("a", 100).step("b", 50).step("c", 25).build();

        assertEquals("b", funnel.biggestDropOff().orElseThrow().name());
    }

    @Test
    void biggestDropOff_singleStep_empty() {
        assertTrue(Funnel.builder().step("a", 10).build().biggestDropOff().isEmpty());
    }

    @Test
    void build_emptyTop_everyRateUndefined() {
        Funnel funnel = Funnel.builder().step("a", 0).step("b", 0).build();

        assertTrue(funnel.isEmpty());
        for (FunnelStep step : funnel.steps()) {
            assertFalse(step.fromPrevious().isDefined());
            assertFalse(step.fromTop().isDefined());
            assertFalse(step.dropOffRate().isDefined());
        }
        assertTrue(funnel.biggestDropOff().isEmpty());
        assertTrue(funnel.compareWithBenchmark("b", 0.5).isEmpty());
    }

    @Test
    void step_increasingCount_rejected() {
        Funnel.Builder builder = Funnel.builder().step("visit", 10);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> builder.step("cart", 11));
        assertEquals("count of step 'cart' must not exceed the count 10 of step 'visit' but was 11", e.getMessage());
    }

    @Test
    void step_negativeCount_rejected() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> Funnel.builder().step("visit", -1));
        assertEquals("count of step 'visit' must be zero or more but was -1", e.getMessage());
    }

    @Test
    void step_repeatedName_rejected() {
        Funnel.Builder builder = Funnel.builder().step("visit", 10);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> builder.step("visit", 5));
        assertEquals("step name must be unique but 'visit' is repeated", e.getMessage());
    }

    @Test
    void build_noSteps_rejected() {
        IllegalStateException e =
                assertThrows(IllegalStateException.class, () -> Funnel.builder().build());
        assertEquals("a funnel needs at least one step but none was added", e.getMessage());
    }

    @Test
    void step_unknownName_rejected() {
        Funnel funnel = Funnel.builder().step("a", 3).step("b", 1).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> funnel.step("z"));
        assertEquals("funnel has no step 'z'; steps: [a, b]", e.getMessage());
    }

    @Test
    void fromDistribution_fiveStage_reachedCountsCountedByHand() {
        List<CustomerProfile> profiles = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            profiles.add(profile("idle-" + i));
        }
        for (int i = 0; i < 2; i++) {
            profiles.add(profile("engaged-" + i, EventType.PRODUCT_VIEW));
        }
        profiles.add(profile("buyer", EventType.PURCHASE));
        profiles.add(profile("repeat", EventType.PURCHASE, EventType.PURCHASE));
        StageDistribution distribution =
                LifecycleClassifier.of(Templates.fiveStage()).classifyAll(profiles, T0.plus(Duration.ofDays(1)));

        Funnel funnel = Funnel.fromDistribution(distribution);

        // awareness: everyone; consideration: engaged or bought; conversion: bought; retention: bought twice
        assertEquals(
                List.of("awareness=7", "consideration=4", "conversion=2", "retention=1", "advocacy=0"),
                funnel.steps().stream().map(s -> s.name() + "=" + s.count()).toList());
        // drop-off rates 3/7, 2/4, 1/2, 1/1
        assertEquals("advocacy", funnel.biggestDropOff().orElseThrow().name());
    }

    /** Reached counts of the five-stage funnel on the bundled CDNOW purchases (23,570 buyers, 11,516 repeaters). */
    private static Funnel cdnowLike() {
        return Funnel.builder()
                .unmeasuredStep("awareness", 23_570)
                .unmeasuredStep("consideration", 23_570)
                .step("conversion", 23_570)
                .step("retention", 11_516)
                .unmeasuredStep("advocacy", 0)
                .build();
    }

    @Test
    void biggestDropOff_unmeasuredAwarenessConsiderationAdvocacy_beforeRetention() {
        Funnel funnel = cdnowLike();

        FunnelStep biggest = funnel.biggestDropOff().orElseThrow();

        assertEquals("retention", biggest.name());
        // by hand: 23,570 - 11,516 = 12,054 customers lost, 12,054 / 23,570 of the buyers
        assertEquals(12_054, biggest.dropOffCount());
        assertEquals(12_054 / 23_570.0, biggest.dropOffRate().requireValue(), 1e-15);
        assertEquals(0.5114128129, biggest.dropOffRate().requireValue(), 1e-10);
        assertEquals(12_054, biggest.dropOffRate().numerator());
        assertEquals(23_570, biggest.dropOffRate().denominator());
    }

    @Test
    void biggestDropOff_sameCountsAllMeasured_beforeAdvocacy() {
        Funnel funnel = Funnel.builder()
                .step("awareness", 23_570)
                .step("consideration", 23_570)
                .step("conversion", 23_570)
                .step("retention", 11_516)
                .step("advocacy", 0)
                .build();

        // the 100% drop-off into advocacy wins when advocacy counts as measured: the complaint of issue 12
        assertEquals("advocacy", funnel.biggestDropOff().orElseThrow().name());
    }

    @Test
    void steps_unmeasuredStages_markedAndTheirNeighboursDropOffNotMeasured() {
        Funnel funnel = cdnowLike();

        assertEquals(
                List.of(false, false, true, true, false),
                funnel.steps().stream().map(FunnelStep::measured).toList());
        // conversion is measured but its previous step is not: its conversion from the previous step means nothing
        assertEquals(
                List.of(false, false, false, true, false),
                funnel.steps().stream().map(FunnelStep::dropOffMeasured).toList());
        // counts, and so the invariants, are kept for every step
        assertEquals(
                List.of(23_570L, 23_570L, 23_570L, 11_516L, 0L),
                funnel.steps().stream().map(FunnelStep::count).toList());
        assertEquals(
                "Funnel{awareness=23570 (not measured) -> consideration=23570 (not measured) -> conversion=23570"
                        + " -> retention=11516 -> advocacy=0 (not measured)}",
                funnel.toString());
    }

    @Test
    void biggestDropOff_noTwoConsecutiveMeasuredSteps_empty() {
        Funnel funnel = Funnel.builder()
                .step("a", 100)
                .unmeasuredStep("b", 50)
                .step("c", 10)
                .unmeasuredStep("d", 0)
                .build();

        assertTrue(funnel.biggestDropOff().isEmpty());
    }

    @Test
    void unmeasuredStep_countAboveThePrevious_rejected() {
        Funnel.Builder builder = Funnel.builder().step("a", 5);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> builder.unmeasuredStep("b", 6));
        assertEquals("count of step 'b' must not exceed the count 5 of step 'a' but was 6", e.getMessage());
    }

    @Test
    void compareWithBenchmark_stepAfterAnUnmeasuredStep_empty() {
        Funnel funnel = cdnowLike();

        assertTrue(funnel.compareWithBenchmark("conversion", 0.5).isEmpty());
        assertTrue(funnel.compareWithBenchmark("advocacy", 0.5).isEmpty());
        assertEquals(
                11_516 / 23_570.0,
                funnel.compareWithBenchmark("retention", 0.5)
                        .orElseThrow()
                        .observed()
                        .requireValue(),
                1e-15);
    }

    @Test
    void fromDistribution_measuredStages_onlyThoseMeasured() {
        StageDistribution distribution = LifecycleClassifier.of(Templates.fiveStage())
                .classifyAll(
                        List.of(
                                profile("buyer", EventType.PURCHASE),
                                profile("repeat", EventType.PURCHASE, EventType.PURCHASE)),
                        T0.plus(Duration.ofDays(1)));

        Funnel funnel =
                Funnel.fromDistribution(distribution, Templates.fiveStage().measuredStages(Set.of(EventType.PURCHASE)));

        assertEquals(
                List.of("awareness", "consideration", "conversion", "retention", "advocacy"),
                funnel.steps().stream().map(FunnelStep::name).toList());
        assertEquals(
                List.of(false, false, true, true, false),
                funnel.steps().stream().map(FunnelStep::measured).toList());
        assertEquals("retention", funnel.biggestDropOff().orElseThrow().name());
        assertTrue(Funnel.fromDistribution(distribution).steps().stream().allMatch(FunnelStep::measured));
    }

    @Test
    void fromDistribution_measuredStageNotOnTheMainPath_rejected() {
        StageDistribution distribution = LifecycleClassifier.of(Templates.fiveStage())
                .classifyAll(List.of(profile("buyer", EventType.PURCHASE)), T0.plus(Duration.ofDays(1)));

        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> Funnel.fromDistribution(distribution, Set.of("conversion", "lapsed")));
        assertEquals(
                "measured stage 'lapsed' must be a main-path stage of template 'five-stage' [awareness,"
                        + " consideration, conversion, retention, advocacy] but is not",
                e.getMessage());
        Set<String> withNull = new HashSet<>(Arrays.asList("conversion", null));
        NullPointerException npe =
                assertThrows(NullPointerException.class, () -> Funnel.fromDistribution(distribution, withNull));
        assertEquals("measuredStages holds null", npe.getMessage());
    }

    @Test
    void funnelStep_dropOffMeasuredWithoutMeasured_rejected() {
        Rate rate = Rate.of("r", 1, 2);
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> new FunnelStep("b", 2, 1, rate, rate, 1, rate, false, true));
        assertEquals("dropOffMeasured must be false for step 'b', which is not measured, but was true", e.getMessage());
        IllegalArgumentException first = assertThrows(
                IllegalArgumentException.class, () -> new FunnelStep("a", 1, 2, rate, rate, 0, rate, true, false));
        assertEquals("dropOffMeasured of step 1 'a' must equal measured (true) but was false", first.getMessage());
    }

    @Test
    void compareWithBenchmark_200of1000Against25Percent_belowWithZAndPValue() {
        Funnel funnel = Funnel.builder().step("visit", 1000).step("buy", 200).build();

        BenchmarkComparison comparison =
                funnel.compareWithBenchmark("buy", 0.25).orElseThrow();

        assertEquals(0.1764, Math.round(comparison.interval().lower() * 10_000) / 10_000.0);
        assertEquals(0.2259, Math.round(comparison.interval().upper() * 10_000) / 10_000.0);
        assertEquals(-0.05, comparison.gap(), 1e-12);
        // z^2 of the one-sample test equals Pearson's chi-square over the two cells (success, failure)
        double chiSquare = Math.pow(200 - 250, 2) / 250 + Math.pow(800 - 750, 2) / 750;
        double z = comparison.z().getAsDouble();
        assertTrue(z < 0);
        assertEquals(chiSquare, z * z, 1e-9);
        assertEquals(twoSidedByIntegration(z), comparison.pValue().getAsDouble(), 1e-9);
        assertTrue(comparison.isBelowBenchmark());
        assertEquals(0.25, comparison.benchmark());
    }

    @Test
    void compareWithBenchmark_benchmarkInsideInterval_notBelow() {
        Funnel funnel = Funnel.builder().step("visit", 1000).step("buy", 200).build();

        BenchmarkComparison comparison =
                funnel.compareWithBenchmark("buy", 0.21).orElseThrow();

        assertFalse(comparison.isBelowBenchmark());
        assertEquals(
                twoSidedByIntegration(comparison.z().getAsDouble()),
                comparison.pValue().getAsDouble(),
                1e-9);
    }

    @Test
    void compareWithBenchmark_benchmarkZero_noTestStatistic() {
        BenchmarkComparison comparison =
                BenchmarkComparison.of(Rate.of("r", 3, 10), 0).orElseThrow();

        assertTrue(comparison.z().isEmpty());
        assertTrue(comparison.pValue().isEmpty());
        assertEquals(0.3, comparison.gap(), 1e-12);
    }

    @Test
    void compareWithBenchmark_benchmarkOutsideUnitInterval_rejected() {
        Funnel funnel = Funnel.builder().step("visit", 10).step("buy", 2).build();
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> funnel.compareWithBenchmark("buy", 1.2));
        assertEquals("benchmark must be between 0 and 1 but was 1.2", e.getMessage());
    }

    @Test
    void values_sameSteps_equal() {
        new EqualsTester()
                .addEqualityGroup(
                        Funnel.builder().step("a", 2).step("b", 1).build(),
                        Funnel.builder().step("a", 2).step("b", 1).build())
                .addEqualityGroup(Funnel.builder().step("a", 2).step("b", 0).build())
                .addEqualityGroup(
                        Funnel.builder().step("a", 2).unmeasuredStep("b", 0).build())
                .addEqualityGroup(
                        TimeToConvert.of(List.of(Duration.ofSeconds(2), Duration.ofSeconds(1))),
                        TimeToConvert.of(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2))))
                .testEquals();
        Funnel funnel = Funnel.builder().step("visit", 1000).step("buy", 200).build();
        Funnel other = Funnel.builder().step("visit", 1000).step("buy", 201).build();
        new EqualsTester()
                .addEqualityGroup(
                        funnel.compareWithBenchmark("buy", 0.25).orElseThrow(),
                        funnel.compareWithBenchmark("buy", 0.25).orElseThrow())
                .addEqualityGroup(funnel.compareWithBenchmark("buy", 0.21).orElseThrow())
                .addEqualityGroup(other.compareWithBenchmark("buy", 0.25).orElseThrow())
                .testEquals();
        HashCodes.assertDistinct(
                funnel.compareWithBenchmark("buy", 0.25).orElseThrow(),
                funnel.compareWithBenchmark("buy", 0.21).orElseThrow(),
                other.compareWithBenchmark("buy", 0.25).orElseThrow());
        HashCodes.assertDistinct(
                Funnel.builder().step("a", 2).step("b", 1).build(),
                Funnel.builder().step("a", 2).step("b", 0).build(),
                Funnel.builder().step("a", 3).step("b", 1).build(),
                Funnel.builder().step("a", 2).step("c", 1).build());
        HashCodes.assertDistinct(
                TimeToConvert.of(List.of(Duration.ofSeconds(1))),
                TimeToConvert.of(List.of(Duration.ofSeconds(2))),
                TimeToConvert.of(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2))));
    }

    @Test
    void publicClasses_nullArguments_rejected() {
        NullPointerTester tester = new NullPointerTester()
                .setDefault(Rate.class, Rate.of("r", 1, 2))
                .setDefault(String.class, "a")
                .setDefault(Duration.class, Duration.ofDays(1))
                .setDefault(
                        StageDistribution.class,
                        LifecycleClassifier.of(Templates.fiveStage())
                                .classifyAll(
                                        List.of(profile("buyer", EventType.PURCHASE)), T0.plus(Duration.ofDays(1))))
                .setDefault(Set.class, Set.of());
        tester.testAllPublicStaticMethods(Funnel.class);
        tester.testAllPublicInstanceMethods(Funnel.builder().step("a", 2).build());
        tester.testAllPublicInstanceMethods(Funnel.builder());
        tester.testAllPublicStaticMethods(EventFunnel.class);
        tester.testAllPublicInstanceMethods(EventFunnel.builder(Duration.ofDays(1))
                .stepOfType("a", EventType.SITE_VISIT)
                .build());
        tester.testAllPublicInstanceMethods(EventFunnel.builder(Duration.ofDays(1)));
        tester.testAllPublicStaticMethods(TimeToConvert.class);
        tester.testAllPublicStaticMethods(BenchmarkComparison.class);
        tester.testAllPublicInstanceMethods(
                BenchmarkComparison.of(Rate.of("r", 1, 2), 0.5).orElseThrow());
        tester.testConstructors(FunnelStep.class, NullPointerTester.Visibility.PUBLIC);
    }

    /** Two-sided normal p-value 2 * P(Z > |z|) as 1 - 2 * integral of the density from 0 to |z| (Simpson's rule). */
    static double twoSidedByIntegration(double z) {
        double upper = Math.abs(z);
        int intervals = 20_000;
        double h = upper / intervals;
        double sum = density(0) + density(upper);
        for (int i = 1; i < intervals; i++) {
            sum += (i % 2 == 1 ? 4 : 2) * density(i * h);
        }
        return 1 - 2 * (sum * h / 3);
    }

    private static double density(double x) {
        return Math.exp(-x * x / 2) / Math.sqrt(2 * Math.PI);
    }

    private static CustomerProfile profile(String id, EventType... types) {
        List<CustomerEvent> events = new ArrayList<>();
        for (int i = 0; i < types.length; i++) {
            events.add(CustomerEvent.of(id, types[i], T0.plus(Duration.ofHours(i))));
        }
        return CustomerProfile.fromEvents(id, events);
    }
}
