package dev.lifecycle.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The README's step example gives the transitions the tracker gives for the same events (those of {@link
 * ReactingToStageChangesTest} up to the lapse), the lapse at the exact instant the timer was set for.
 */
final class InYourOwnEngineTest {

    @Test
    void run_eventsThenTimer_transitionsOfTheTrackerAndTheLapseAtItsInstant() {
        assertEquals(
                List.of(
                        "2026-01-05T09:20:00Z ada: awareness -> conversion (first-purchase)",
                        "2026-02-04T09:00:00Z ada: conversion -> retention (second-purchase)",
                        "2026-08-03T09:00:00.000000001Z ada: retention -> lapsed (lapse)",
                        "ada now waits for nothing; state 114 bytes, stage lapsed"),
                ReadmeSnippets.output(InYourOwnEngine::run));
    }

    @Test
    void readme_ownEngineBlock_isTheCompiledExample() throws IOException {
        ReadmeSnippets.assertReadmeShows("src/main/java/dev/lifecycle/examples/InYourOwnEngine.java", "own-engine");
    }
}
