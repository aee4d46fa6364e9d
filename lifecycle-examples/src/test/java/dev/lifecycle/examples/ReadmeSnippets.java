package dev.lifecycle.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/** Checks that code shown in the README is the code an example compiles, and captures what examples print. */
final class ReadmeSnippets {
    private ReadmeSnippets() {}

    /** Asserts that README.md shows, as a java block, the lines of {@code source} between the two markers. */
    static void assertReadmeShows(String source, String marker) throws IOException {
        String snippet = dedent(between(Files.readAllLines(Path.of(source)), marker));
        String readme = Files.readString(Path.of("..", "README.md"));
        assertTrue(
                readme.contains("```java\n" + snippet + "```\n"),
                () -> "README.md must show the '" + marker + "' snippet exactly as compiled in " + source + ":\n"
                        + snippet);
    }

    /** Asserts that README.md shows, as a java block, the import lines of {@code source}, in their order. */
    static void assertReadmeShowsImports(String source) throws IOException {
        String imports = Files.readAllLines(Path.of(source)).stream()
                .filter(line -> line.startsWith("import "))
                .collect(Collectors.joining("\n", "", "\n"));
        String readme = Files.readString(Path.of("..", "README.md"));
        assertTrue(
                readme.contains("```java\n" + imports + "```\n"),
                () -> "README.md must show the imports of " + source + " as a java block:\n" + imports);
    }

    /** Asserts that README.md shows the whole of {@code file} as a block of the given language. */
    static void assertReadmeShowsFile(Path file, String language) throws IOException {
        String content = Files.readString(file);
        String readme = Files.readString(Path.of("..", "README.md"));
        assertTrue(
                readme.contains("```" + language + "\n" + content + "```\n"),
                () -> "README.md must show " + file + " as a " + language + " block:\n" + content);
    }

    /** Asserts that README.md shows {@code lines} as a text block, as an example's output. */
    static void assertReadmeShowsOutput(List<String> lines) throws IOException {
        String block = "```text\n" + String.join("\n", lines) + "\n```\n";
        String readme = Files.readString(Path.of("..", "README.md"));
        assertTrue(readme.contains(block), () -> "README.md must show this output as a text block:\n" + block);
    }

    /** Runs {@code example} with a captured stream and returns what it printed, line by line. */
    static List<String> output(Consumer<PrintStream> example) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        example.accept(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8).lines().toList();
    }

    private static List<String> between(List<String> lines, String marker) {
        String begin = "// " + marker + ":begin";
        String end = "// " + marker + ":end";
        int from = -1;
        int to = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).strip().equals(begin)) {
                from = i + 1;
            } else if (lines.get(i).strip().equals(end)) {
                to = i;
            }
        }
        assertTrue(from > 0 && to > from, "the source must mark its snippet with " + begin + " and " + end);
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
