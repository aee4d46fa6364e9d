package dev.lifecycle.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

final class AtRiskTemplateFileTest {
    /** The file's template classifies as the template built in code does (AtRiskByModel's BG/NBD part). */
    @Test
    void run_fileTemplate_countsAsTheTemplateBuiltInCode() throws IOException {
        List<String> lines = ReadmeSnippets.output(AtRiskTemplateFile::run);
        List<String> inCode = ReadmeSnippets.output(AtRiskByModel::run);
        int bg = inCode.indexOf(
                inCode.stream().filter(l -> l.startsWith("BG/NBD")).findFirst().orElseThrow());
        long atRisk = 0;
        long retention = 0;
        long lapsed = 0;
        for (String line : inCode.subList(bg + 1, bg + 5)) {
            long count = Long.parseLong(line.substring(line.lastIndexOf(' ') + 1));
            if (line.endsWith("-> at-risk: " + count)) {
                atRisk += count;
            } else if (line.contains("-> retention")) {
                retention += count;
            } else if (line.contains("-> lapsed")) {
                lapsed += count;
            }
        }
        String counts = lines.get(0);
        assertTrue(counts.startsWith("five-stage-at-risk: {"), counts);
        assertTrue(counts.contains("retention=" + retention), counts);
        assertTrue(counts.contains("lapsed=" + lapsed), counts);
        assertTrue(counts.contains("at-risk=" + atRisk), counts);
        // written with the model's parameters, read back equal without a supplied model, and counting the same
        assertEquals("true " + counts, lines.get(1));
        String model = inCode.get(bg);
        assertEquals(
                List.of("when:", "type: p-alive-below", "model: BG/NBD"),
                lines.subList(2, 5).stream().map(String::strip).toList());
        // the file holds every digit of the fitted parameters that the output rounds to three decimals
        for (String parameter : List.of("r", "alpha", "a", "b")) {
            String written = lines.stream()
                    .map(String::strip)
                    .filter(l -> l.startsWith(parameter + ": "))
                    .findFirst()
                    .orElseThrow();
            double value = Double.parseDouble(written.substring(parameter.length() + 2));
            assertTrue(
                    model.contains(String.format(java.util.Locale.ROOT, " %s=%.3f", parameter, value)),
                    written + " in " + model);
        }
        assertEquals(
                List.of("unit: WEEKS", "threshold: 0.3"),
                lines.subList(9, 11).stream().map(String::strip).toList());
        ReadmeSnippets.assertPageShowsOutput(ReadmeSnippets.docsPage("predict.md"), lines);
    }

    @Test
    void predictPage_showsTheFileAndTheCompiledCode() throws IOException {
        ReadmeSnippets.assertPageShows(
                ReadmeSnippets.docsPage("predict.md"),
                "src/main/java/dev/lifecycle/examples/AtRiskTemplateFile.java",
                "at-risk-file");
        ReadmeSnippets.assertPageShows(
                ReadmeSnippets.docsPage("predict.md"),
                "src/main/java/dev/lifecycle/examples/AtRiskTemplateFile.java",
                "at-risk-frozen");
        String yaml = AtRiskTemplateFile.resource(AtRiskTemplateFile.FILE);
        assertTrue(
                java.nio.file.Files.readString(ReadmeSnippets.docsPage("predict.md"))
                        .contains("```yaml\n" + yaml + "```\n"),
                "docs/predict.md shows the template file as it is");
    }
}
