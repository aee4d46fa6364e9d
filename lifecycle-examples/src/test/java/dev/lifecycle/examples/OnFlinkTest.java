package dev.lifecycle.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The README's Flink example: the step example's events, given out of order within the watermark's bound, give the
 * transitions the step and the tracker give for them, and the lapse when the bounded input ends (its final watermark
 * fires every timer).
 */
final class OnFlinkTest {

    @Test
    void run_outOfOrderEvents_transitionsOfTheStepExample() {
        assertEquals(
                List.of(
                        "2026-01-05T09:20:00Z ada: awareness -> conversion (first-purchase)",
                        "2026-02-04T09:00:00Z ada: conversion -> retention (second-purchase)",
                        "2026-08-03T09:00:00.000000001Z ada: retention -> lapsed (lapse)",
                        "day ending 2026-01-06T00:00:00Z: conversion 1",
                        "day ending 2026-02-05T00:00:00Z: retention 1",
                        "day ending 2026-08-04T00:00:00Z: lapsed 1"),
                ReadmeSnippets.output(out -> {
                    try {
                        OnFlink.run(out);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }));
    }

    @Test
    void readme_flinkBlock_isTheCompiledExample() throws IOException {
        ReadmeSnippets.assertReadmeShows("src/main/java/dev/lifecycle/examples/OnFlink.java", "flink");
    }
}
