package dev.lifecycle.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every java block on README.md and the pages under docs/ is code the build compiles: a marked snippet of an example
 * ({@code // name:begin} to {@code // name:end}) or an example's imports. The examples' own tests run that code and
 * check its output; this test makes sure no page shows java that is not among it.
 */
final class DocCodeBlocksTest {
    private static final Path EXAMPLES = Path.of("src/main/java/dev/lifecycle/examples");
    private static final Pattern BEGIN = Pattern.compile("^\\s*// ([a-z0-9-]+):begin$");

    @Test
    void pages_everyJavaBlock_isCompiledExampleCode() throws IOException {
        Map<String, String> compiled = compiledSnippets();
        List<String> javaBlocks = new ArrayList<>();
        List<String> unchecked = new ArrayList<>();
        for (Path page : ReadmeSnippets.pages()) {
            for (ReadmeSnippets.Block block : ReadmeSnippets.blocks(page)) {
                if (block.language().equals("java")) {
                    String where = page + ":" + block.line();
                    javaBlocks.add(where);
                    if (!compiled.containsKey(block.content())) {
                        unchecked.add(where + " ("
                                + block.content().lines().findFirst().orElse("") + ")");
                    }
                }
            }
        }

        assertFalse(javaBlocks.isEmpty(), "the pages show java blocks (the quick start at least)");
        assertEquals(
                List.of(),
                unchecked,
                "these java blocks are not the compiled code of any example: put the code in an example between"
                        + " '// name:begin' and '// name:end', check it with ReadmeSnippets.assertPageShows, and show"
                        + " it exactly");
    }

    @Test
    void examples_everyMarkedSnippet_isShownOnAPage() throws IOException {
        List<String> shown = new ArrayList<>();
        for (Path page : ReadmeSnippets.pages()) {
            for (ReadmeSnippets.Block block : ReadmeSnippets.blocks(page)) {
                if (block.language().equals("java")) {
                    shown.add(block.content());
                }
            }
        }
        List<String> notShown = new ArrayList<>();
        compiledSnippets().forEach((code, origin) -> {
            if (!origin.endsWith("imports") && !shown.contains(code)) {
                notShown.add(origin);
            }
        });

        assertEquals(List.of(), notShown, "marked snippets that no page shows: show them or drop the markers");
    }

    /** Every marked snippet and every import list of the examples, each mapped to where it comes from. */
    private static Map<String, String> compiledSnippets() throws IOException {
        List<Path> sources;
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            sources = files.filter(file -> file.toString().endsWith(".java"))
                    .sorted()
                    .toList();
        }
        Map<String, String> compiled = new LinkedHashMap<>();
        for (Path source : sources) {
            List<String> lines = Files.readAllLines(source);
            for (String line : lines) {
                Matcher begin = BEGIN.matcher(line);
                if (begin.matches()) {
                    compiled.put(
                            ReadmeSnippets.snippet(lines, begin.group(1)),
                            source.getFileName() + " snippet '" + begin.group(1) + "'");
                }
            }
            String imports = ReadmeSnippets.imports(lines);
            if (!imports.isBlank()) {
                compiled.putIfAbsent(imports, source.getFileName() + " imports");
            }
        }
        return compiled;
    }
}
