package dev.lifecycle.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The README shows exactly what the demo prints on the bundled data. */
final class ReadmeDemoTest {

    @Test
    void readme_demoSection_showsTheDemoOutput() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = LifecycleDemo.run(
                new String[0],
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        String printed = out.toString(StandardCharsets.UTF_8);
        String readme = ReadmeSnippets.read(ReadmeSnippets.README);

        assertEquals(0, status);
        assertTrue(
                readme.contains("```text\n" + printed + "```\n"),
                () -> "README.md must show the demo's output exactly:\n" + printed);
    }
}
