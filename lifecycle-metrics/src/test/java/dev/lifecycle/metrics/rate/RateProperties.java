package dev.lifecycle.metrics.rate;

import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.lifecycle.metrics.Interval;
import org.junit.jupiter.api.Test;

/** Properties of rates and their Wilson intervals over random counts and levels. */
final class RateProperties {

    @Test
    void wilson_anyCounts_intervalInUnitRangeAndContainsEstimate() {
        qt().withFixedSeed(7L)
                .forAll(
                        longs().between(0, 1_000_000),
                        longs().between(0, 1_000_000),
                        doubles().between(0.5, 0.999))
                .check((a, b, level) -> {
                    long numerator = Math.min(a, b);
                    long denominator = Math.max(a, b);
                    Rate rate = Rate.of("r", numerator, denominator);
                    if (!rate.isDefined()) {
                        return rate.wilson(level).isEmpty() && rate.value().isEmpty();
                    }
                    double p = rate.requireValue();
                    Interval interval = rate.wilson(level).orElseThrow();
                    return p >= 0 && p <= 1 && interval.lower() >= 0 && interval.upper() <= 1 && interval.contains(p);
                });
    }

    @Test
    void wilson_higherLevel_widerInterval() {
        qt().withFixedSeed(11L)
                .forAll(longs().between(0, 5000), longs().between(1, 5000))
                .check((a, b) -> {
                    Rate rate = Rate.of("r", Math.min(a, b), Math.max(a, b));
                    Interval narrow = rate.wilson(0.9).orElseThrow();
                    Interval wide = rate.wilson(0.99).orElseThrow();
                    return wide.lower() <= narrow.lower() && wide.upper() >= narrow.upper();
                });
    }
}
