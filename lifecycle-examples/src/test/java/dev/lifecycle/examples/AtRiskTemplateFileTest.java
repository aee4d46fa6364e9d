package dev.lifecycle.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

final class AtRiskTemplateFileTest {
    /** The file's template classifies as the template built in code does (AtRiskByModel's BG/NBD part). */
    @Test
    void run_fileTemplate_countsAsTheTemplateBuiltInCode() {
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
        assertEquals(1, lines.size());
        String counts = lines.get(0);
        assertTrue(counts.startsWith("five-stage-at-risk: {"), counts);
        assertTrue(counts.contains("retention=" + retention), counts);
        assertTrue(counts.contains("lapsed=" + lapsed), counts);
        assertTrue(counts.contains("at-risk=" + atRisk), counts);
    }

    @Test
    void predictPage_showsTheFileAndTheCompiledCode() throws IOException {
        ReadmeSnippets.assertPageShows(
                ReadmeSnippets.docsPage("predict.md"),
                "src/main/java/dev/lifecycle/examples/AtRiskTemplateFile.java",
                "at-risk-file");
        String yaml = AtRiskTemplateFile.resource(AtRiskTemplateFile.FILE);
        assertTrue(
                java.nio.file.Files.readString(ReadmeSnippets.docsPage("predict.md"))
                        .contains("```yaml\n" + yaml + "```\n"),
                "docs/predict.md shows the template file as it is");
    }
}
