package dev.lifecycle.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the browser tests find a browser, checked with made-up executables (no browser is started). */
final class BrowserLocationTest {

    @Test
    void locate_variableNamesExecutable_usesIt(@TempDir Path dir) throws IOException {
        Path browser = executable(dir.resolve("my-chrome"));

        assertEquals(
                Optional.of(browser),
                HeadlessChromium.locate(Map.of(HeadlessChromium.BROWSER_VARIABLE, browser.toString())));
    }

    @Test
    void locate_variableNamesMissingFile_findsNothingAndSaysWhy(@TempDir Path dir) {
        Map<String, String> environment =
                Map.of(HeadlessChromium.BROWSER_VARIABLE, dir.resolve("absent").toString());

        assertEquals(Optional.empty(), HeadlessChromium.locate(environment));
        assertEquals(
                "LIFECYCLE_BROWSER names " + dir.resolve("absent") + ", which is not an executable file",
                HeadlessChromium.missingMessage(environment));
    }

    @Test
    void locate_commandOnPath_foundWhenNoInstallPathExists(@TempDir Path dir) throws IOException {
        Path browser = executable(dir.resolve("google-chrome"));
        boolean installed = HeadlessChromium.CANDIDATES.stream().anyMatch(Files::isExecutable);

        Optional<Path> found = HeadlessChromium.locate(Map.of("PATH", dir.resolve("empty") + File.pathSeparator + dir));

        // a machine with a browser at an install path finds that one first, as documented
        assertEquals(
                installed
                        ? HeadlessChromium.CANDIDATES.stream()
                                .filter(Files::isExecutable)
                                .findFirst()
                        : Optional.of(browser),
                found);
    }

    @Test
    void missingMessage_noBrowser_saysHowToRunTheTests() {
        String message = HeadlessChromium.missingMessage(Map.of());

        assertTrue(message.startsWith("no Chromium or Chrome found (tried 9 install paths and [chromium,"), message);
        assertTrue(
                message.endsWith("install one (Debian: apt-get install chromium) or set LIFECYCLE_BROWSER to its"
                        + " executable to run the HTML report tests in a real browser"),
                message);
    }

    private static Path executable(Path path) throws IOException {
        Files.writeString(path, "#!/bin/sh\n");
        assertTrue(path.toFile().setExecutable(true), "cannot make " + path + " executable");
        return path;
    }
}
