package dev.lifecycle.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

final class QuickStartTest {
    private static final String BEGIN = "// quick-start:begin";
    private static final String END = "// quick-start:end";

    @Test
    void run_fiveStageExample_printsStagesAndPipeline() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        QuickStart.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();

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
                lines);
    }

    @Test
    void readme_quickStartBlock_isTheCompiledExample() throws IOException {
        Path source = Path.of("src/main/java/dev/lifecycle/examples/QuickStart.java");
        String snippet = dedent(between(Files.readAllLines(source), BEGIN, END));
        String readme = Files.readString(Path.of("..", "README.md"));

        assertTrue(
                readme.contains("```java\n" + snippet + "```\n"),
                () -> "README.md must show the quick start exactly as compiled in QuickStart.java:\n" + snippet);
    }

    private static List<String> between(List<String> lines, String begin, String end) {
        int from = -1;
        int to = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).strip().equals(begin)) {
                from = i + 1;
            } else if (lines.get(i).strip().equals(end)) {
                to = i;
            }
        }
        assertTrue(from > 0 && to > from, "QuickStart.java must mark its snippet with " + begin + " and " + end);
        return lines.subList(from, to);
    }

    private static String dedent(List<String> lines) {
        int indent = lines.stream()
                .filter(line -> !line.isBlank())
                .mapToInt(line -> line.length() - line.stripLeading().length())
                .min()
                .orElse(0);
        return lines.stream()
                .map(line -> line.isBlank() ? "" : line.substring(indent))
                .collect(Collectors.joining("\n", "", "\n"));
    }
}
