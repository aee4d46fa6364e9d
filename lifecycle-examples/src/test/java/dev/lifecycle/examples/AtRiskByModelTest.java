package dev.lifecycle.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

final class AtRiskByModelTest {
    @Test
    void run_movesCustomersBetweenTheFixedRuleAndTheModel() throws IOException {
        List<String> lines = ReadmeSnippets.output(AtRiskByModel::run);
        int second = lines.indexOf(lines.stream()
                .filter(l -> l.startsWith("MBG/NBD r="))
                .findFirst()
                .orElseThrow());
        assertTrue(lines.get(0).startsWith("BG/NBD r="), lines.get(0));
        for (List<String> part : List.of(lines.subList(1, second), lines.subList(second + 1, lines.size()))) {
            long customers = part.stream()
                    .filter(line -> line.contains(" -> "))
                    .mapToLong(line -> Long.parseLong(line.substring(line.lastIndexOf(' ') + 1)))
                    .sum();
            assertEquals(23_570, customers, part.toString());
            assertTrue(part.stream().anyMatch(line -> line.contains(": P(alive) ")), part.toString());
        }
        ReadmeSnippets.assertReadmeShowsOutput(lines);
    }

    @Test
    void readme_atRiskBlock_isTheCompiledExample() throws IOException {
        ReadmeSnippets.assertPageShows(
                ReadmeSnippets.README, "src/main/java/dev/lifecycle/examples/AtRiskByModel.java", "at-risk");
    }
}
