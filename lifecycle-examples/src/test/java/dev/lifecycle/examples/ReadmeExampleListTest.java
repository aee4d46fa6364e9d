package dev.lifecycle.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The README's list of examples runnable from the demo jar names every example with a main method, and only those. */
final class ReadmeExampleListTest {

    @Test
    void readme_exampleList_namesEveryRunnableExample() throws Exception {
        String readme = ReadmeSnippets.read(ReadmeSnippets.README);
        int start = readme.indexOf("The same jar runs the examples of the reference pages under `docs/`:");
        assertTrue(start >= 0, "README.md must list the examples the demo jar runs");
        String paragraph = readme.substring(start, readme.indexOf("\n\n", start));
        Set<String> listed = new TreeSet<>();
        Matcher names = Pattern.compile("(?:`|dev\\.lifecycle\\.examples\\.)([A-Z][A-Za-z]+)(?:`| \\[port\\]`)")
                .matcher(paragraph);
        while (names.find()) {
            listed.add(names.group(1));
        }

        assertEquals(runnableExamples(), listed);
        for (String name : listed) {
            Method main = Class.forName("dev.lifecycle.examples." + name).getMethod("main", String[].class);
            assertTrue(Modifier.isPublic(main.getModifiers()) && Modifier.isStatic(main.getModifiers()), name);
        }
    }

    /** Every example class with a main method, the demo itself (the jar's main class) aside. */
    private static Set<String> runnableExamples() throws IOException {
        List<Path> sources = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("src/main/java/dev/lifecycle/examples"))) {
            files.filter(file -> file.toString().endsWith(".java")).forEach(sources::add);
        }
        Set<String> runnable = new TreeSet<>();
        for (Path source : sources) {
            if (Files.readString(source).contains("public static void main(String[] args)")) {
                runnable.add(source.getFileName().toString().replace(".java", ""));
            }
        }
        runnable.remove("LifecycleDemo");
        return runnable;
    }
}
