package dev.lifecycle.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class HumanDurationTest {

    @ParameterizedTest
    @CsvSource({
        "P30D, 30 days",
        "P1D, 1 day",
        "PT36H, 1 day 12 hours",
        "PT5820H, 242 days 12 hours",
        "PT1M1.25S, 1 minute 1.25 seconds",
        "PT0.5S, 0.5 seconds",
        "PT1S, 1 second",
        "PT0S, 0 seconds",
        "PT-36H, minus 1 day 12 hours",
        "PT-0.001S, minus 0.001 seconds",
    })
    void humanDuration_readsAsPeopleWrite(String iso, String expected) {
        assertEquals(expected, Checks.humanDuration(Duration.parse(iso)));
    }
}
