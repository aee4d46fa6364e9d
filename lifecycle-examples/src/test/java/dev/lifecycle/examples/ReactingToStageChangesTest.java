package dev.lifecycle.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

final class ReactingToStageChangesTest {

    @Test
    void run_customerLapsesAndReturns_campaignsFollowTheTransitions() {
        assertEquals(
                List.of(
                        "2026-01-05T09:20:00Z ada: awareness -> conversion (first-purchase), start welcome series",
                        "2026-02-04T09:00:00Z ada: conversion -> retention (second-purchase), start loyalty invitation",
                        "2026-08-03T09:00:00.000000001Z ada: retention -> lapsed (lapse), start win-back campaign",
                        "2026-09-22T09:00:00Z ada: lapsed -> retention (win-back), start welcome-back offer",
                        "  awareness [2026-01-05T09:00:00Z, 2026-01-05T09:20:00Z)",
                        "  conversion [2026-01-05T09:20:00Z, 2026-02-04T09:00:00Z) by 'first-purchase'",
                        "  retention [2026-02-04T09:00:00Z, 2026-08-03T09:00:00.000000001Z) by 'second-purchase'",
                        "  lapsed [2026-08-03T09:00:00.000000001Z, 2026-09-22T09:00:00Z) by 'lapse'",
                        "  retention [2026-09-22T09:00:00Z, now) by 'win-back'",
                        "days in retention, all stays: 181"),
                ReadmeSnippets.output(ReactingToStageChanges::run));
    }

    @Test
    void trackerPage_reactingBlock_isTheCompiledExample() throws IOException {
        ReadmeSnippets.assertPageShows(
                ReadmeSnippets.docsPage("tracker.md"),
                "src/main/java/dev/lifecycle/examples/ReactingToStageChanges.java",
                "reacting");
    }
}
