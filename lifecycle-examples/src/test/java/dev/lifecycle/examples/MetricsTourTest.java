package dev.lifecycle.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

final class MetricsTourTest {

    @Test
    void run_syntheticCustomersAndPublishedExamples_printsFunnelNpsAndTest() {
        assertEquals(
                List.of(
                        "awareness     1000  from previous 100.0%  drop-off    0",
                        "consideration  666  from previous  66.6%  drop-off  334",
                        "conversion     666  from previous 100.0%  drop-off    0",
                        "retention      333  from previous  50.0%  drop-off  333",
                        "advocacy        17  from previous   5.1%  drop-off  316",
                        "biggest drop-off before advocacy",
                        // published worked examples: NPS 50/30/20 and 200/1000 against 240/1000
                        "NPS 30, 95% interval 14.05 to 44.20",
                        "A/B: z = 2.1592, p = 0.0308, chance B beats A 98.5%"),
                ReadmeSnippets.output(MetricsTour::run));
    }

    @Test
    void metricsGuide_metricsBlock_isTheCompiledExample() throws IOException {
        ReadmeSnippets.assertPageShows(
                ReadmeSnippets.docsPage("metrics-guide.md"),
                "src/main/java/dev/lifecycle/examples/MetricsTour.java",
                "metrics");
    }
}
