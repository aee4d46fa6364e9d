package dev.lifecycle.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Checks that code shown on a documentation page (README.md or a reference page under docs/) is the code an example
 * compiles, and captures what examples print. The README variants are the page variants with {@link #README}.
 */
final class ReadmeSnippets {
    /** The repository's README. */
    static final Path README = Path.of("..", "README.md");

    /** The folder of the reference pages the README links to. */
    static final Path DOCS = Path.of("..", "docs");

    private ReadmeSnippets() {}

    /** Returns the reference page {@code docs/<name>}. */
    static Path docsPage(String name) {
        return DOCS.resolve(name);
    }

    /** Returns README.md and every page under docs/, in that order (the pages by name). */
    static List<Path> pages() throws IOException {
        List<Path> pages = new ArrayList<>();
        pages.add(README);
        try (Stream<Path> files = Files.list(DOCS)) {
            files.filter(file -> file.getFileName().toString().endsWith(".md"))
                    .sorted()
                    .forEach(pages::add);
        }
        return pages;
    }

    /** A fenced code block of a page: its language (empty when none is given), its opening fence's line, its text. */
    record Block(String language, int line, String content) {}

    /** Returns the fenced code blocks of {@code page}, failing for a fence that is never closed. */
    static List<Block> blocks(Path page) throws IOException {
        List<String> lines = read(page).lines().toList();
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("```")) {
                int open = i;
                StringBuilder content = new StringBuilder();
                for (i++; i < lines.size() && !lines.get(i).equals("```"); i++) {
                    content.append(lines.get(i)).append('\n');
                }
                int fence = open + 1;
                assertTrue(i < lines.size(), () -> page + ":" + fence + ": a code block is never closed");
                blocks.add(new Block(lines.get(open).substring(3).strip(), fence, content.toString()));
            }
        }
        return blocks;
    }

    /** Returns the text of {@code page}, failing with its path when it is missing. */
    static String read(Path page) throws IOException {
        assertTrue(Files.isRegularFile(page), () -> "documentation page not found at " + page.toAbsolutePath());
        return Files.readString(page, StandardCharsets.UTF_8);
    }

    /** Asserts that README.md shows, as a java block, the lines of {@code source} between the two markers. */
    static void assertReadmeShows(String source, String marker) throws IOException {
        assertPageShows(README, source, marker);
    }

    /** Asserts that {@code page} shows, as a java block, the lines of {@code source} between the two markers. */
    static void assertPageShows(Path page, String source, String marker) throws IOException {
        String snippet = snippet(Files.readAllLines(Path.of(source)), marker);
        assertTrue(
                read(page).contains("```java\n" + snippet + "```\n"),
                () -> page + " must show the '" + marker + "' snippet exactly as compiled in " + source + ":\n"
                        + snippet);
    }

    /** Asserts that README.md shows, as a java block, the import lines of {@code source}, in their order. */
    static void assertReadmeShowsImports(String source) throws IOException {
        String imports = imports(Files.readAllLines(Path.of(source)));
        assertTrue(
                read(README).contains("```java\n" + imports + "```\n"),
                () -> README + " must show the imports of " + source + " as a java block:\n" + imports);
    }

    /** Asserts that README.md shows the whole of {@code file} as a block of the given language. */
    static void assertReadmeShowsFile(Path file, String language) throws IOException {
        String content = Files.readString(file);
        assertTrue(
                read(README).contains("```" + language + "\n" + content + "```\n"),
                () -> README + " must show " + file + " as a " + language + " block:\n" + content);
    }

    /** Asserts that README.md shows {@code lines} as a text block, as an example's output. */
    static void assertReadmeShowsOutput(List<String> lines) throws IOException {
        assertPageShowsOutput(README, lines);
    }

    /** Asserts that {@code page} shows {@code lines} as a text block, as an example's output. */
    static void assertPageShowsOutput(Path page, List<String> lines) throws IOException {
        String block = "```text\n" + String.join("\n", lines) + "\n```\n";
        assertTrue(read(page).contains(block), () -> page + " must show this output as a text block:\n" + block);
    }

    /** Runs {@code example} with a captured stream and returns what it printed, line by line. */
    static List<String> output(Consumer<PrintStream> example) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        example.accept(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8).lines().toList();
    }

    /** The import lines of a source, one per line, as a page shows them. */
    static String imports(List<String> lines) {
        return lines.stream().filter(line -> line.startsWith("import ")).collect(Collectors.joining("\n", "", "\n"));
    }

    /** The lines of a source between {@code // marker:begin} and {@code // marker:end}, dedented, as a page shows them. */
    static String snippet(List<String> lines, String marker) {
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
        return dedent(lines.subList(from, to));
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
