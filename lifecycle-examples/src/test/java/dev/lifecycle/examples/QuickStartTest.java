package dev.lifecycle.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

final class QuickStartTest {

    @Test
    void run_fiveStageExample_printsStagesAndPipeline() {
        assertEquals(
                List.of(
                        "ada is in Advocacy",
                        "  awareness -> conversion: orderCount 2 >= 1",
                        "  conversion -> retention: orderCount 2 >= 2",
                        "  retention -> advocacy: referralCount 1 >= 1",
                        "bob is in Lapsed, reached Conversion",
                        "awareness: 0",
                        "consideration: 1",
                        "conversion: 0",
                        "retention: 0",
                        "advocacy: 1",
                        "lapsed: 1"),
                ReadmeSnippets.output(QuickStart::run));
    }

    @Test
    void readme_quickStartBlock_isTheCompiledExample() throws IOException {
        ReadmeSnippets.assertReadmeShows("src/main/java/dev/lifecycle/examples/QuickStart.java", "quick-start");
    }
}
