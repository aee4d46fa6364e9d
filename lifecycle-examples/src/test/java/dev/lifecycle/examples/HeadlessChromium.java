package dev.lifecycle.examples;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.opentest4j.AssertionFailedError;

/**
 * A Chromium or Chrome browser started headless for a test and driven over the Chrome DevTools Protocol through
 * {@link DevToolsConnection}.
 *
 * <p>{@link #require()} finds the browser: the path in the environment variable {@value #BROWSER_VARIABLE} if set,
 * else the first executable of {@link #CANDIDATES} (the usual install paths on Linux, macOS and Windows), else the
 * first of {@link #COMMANDS} on the {@code PATH}. Where none is found the browser tests are skipped with a message
 * saying how to run them, unless the environment variable {@value #REQUIRE_VARIABLE} is {@code true} ({@code .ci/run}
 * sets it and installs Debian's {@code chromium}), in which case they fail: CI never skips them silently.
 *
 * <p>{@link #launch(Path, Duration)} starts the browser with a fresh profile in a new temporary folder and
 * {@code --remote-debugging-port=0}, then reads the port the browser chose from {@code DevToolsActivePort} in the
 * profile. {@link #open(Path, int, int)} loads a local file in a new tab of the given viewport size and waits for its
 * load event; the returned {@link Page} evaluates JavaScript, takes screenshots and lists what went wrong while the
 * page loaded (console errors and warnings, uncaught exceptions, browser log errors). {@link #close()} kills the
 * browser with all its child processes and deletes the folder; use it in try-with-resources or {@code @AfterAll}.
 * Every wait is bounded by the timeout given to {@code launch}.
 *
 * <p>Not thread-safe: one test thread drives one browser.
 */
final class HeadlessChromium implements AutoCloseable {
    /** The environment variable that names the browser's executable explicitly. */
    static final String BROWSER_VARIABLE = "LIFECYCLE_BROWSER";

    /** The environment variable that, when {@code true}, makes a missing browser a test failure instead of a skip. */
    static final String REQUIRE_VARIABLE = "LIFECYCLE_REQUIRE_BROWSER";

    /** Where Chromium and Chrome are usually installed, tried in this order. */
    static final List<Path> CANDIDATES = List.of(
            Path.of("/usr/bin/chromium"),
            Path.of("/usr/bin/chromium-browser"),
            Path.of("/usr/bin/google-chrome"),
            Path.of("/usr/bin/google-chrome-stable"),
            Path.of("/snap/bin/chromium"),
            Path.of("/Applications/Google Chrome.app/Contents/MacOS/Google Chrome"),
            Path.of("/Applications/Chromium.app/Contents/MacOS/Chromium"),
            Path.of("C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe"),
            Path.of("C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe"));

    /** The command names looked up on the {@code PATH} when no candidate path exists. */
    static final List<String> COMMANDS =
            List.of("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome", "chrome.exe");

    /** The flags a headless browser needs to run as root in a container, quietly and without network access. */
    static final List<String> FLAGS = List.of(
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
            "--hide-scrollbars",
            "--force-device-scale-factor=1");

    private final Process process;
    private final Path home;
    private final DevToolsConnection devTools;

    private HeadlessChromium(Process process, Path home, DevToolsConnection devTools) {
        this.process = process;
        this.home = home;
        this.devTools = devTools;
    }

    /**
     * Finds the browser as the class documentation says, without deciding what a missing one means.
     *
     * @param environment the environment variables to read
     * @return the browser's executable, if one was found
     */
    static Optional<Path> locate(Map<String, String> environment) {
        String named = environment.get(BROWSER_VARIABLE);
        if (named != null && !named.isBlank()) {
            Path path = Path.of(named);
            return Files.isExecutable(path) ? Optional.of(path) : Optional.empty();
        }
        for (Path candidate : CANDIDATES) {
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        String searchPath = environment.getOrDefault("PATH", "");
        for (String command : COMMANDS) {
            for (String folder : searchPath.split(java.io.File.pathSeparator)) {
                if (!folder.isEmpty()) {
                    Path path = Path.of(folder, command);
                    if (Files.isExecutable(path)) {
                        return Optional.of(path);
                    }
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Returns the browser's executable for a test: skips the test when none is found, or fails it when the
     * environment requires the browser.
     *
     * @return the executable
     */
    static Path require() {
        Map<String, String> environment = System.getenv();
        Optional<Path> found = locate(environment);
        if (found.isPresent()) {
            return found.get();
        }
        String message = missingMessage(environment);
        if ("true".equalsIgnoreCase(environment.getOrDefault(REQUIRE_VARIABLE, ""))) {
            throw new AssertionFailedError(message + "; " + REQUIRE_VARIABLE + "=true makes this a failure");
        }
        Assumptions.abort(message + "; the browser tests are skipped");
        throw new AssertionError("unreachable: Assumptions.abort always throws");
    }

    /**
     * Returns the message for a machine without a browser.
     *
     * @param environment the environment variables that were read
     * @return the message, naming what was tried and how to run the tests
     */
    static String missingMessage(Map<String, String> environment) {
        String named = environment.get(BROWSER_VARIABLE);
        if (named != null && !named.isBlank()) {
            return BROWSER_VARIABLE + " names " + named + ", which is not an executable file";
        }
        return "no Chromium or Chrome found (tried " + CANDIDATES.size() + " install paths and " + COMMANDS
                + " on the PATH): install one (Debian: apt-get install chromium) or set " + BROWSER_VARIABLE
                + " to its executable to run the HTML report tests in a real browser";
    }

    /**
     * Starts a headless browser with a fresh profile.
     *
     * @param executable the browser's executable, as {@link #require()} finds it
     * @param timeout the bound of the start and of every later wait
     * @return the running browser
     * @throws IOException if the browser does not start or its DevTools endpoint cannot be reached in time
     * @throws InterruptedException if interrupted while waiting
     */
    static HeadlessChromium launch(Path executable, Duration timeout) throws IOException, InterruptedException {
        Path home = Files.createTempDirectory("lifecycle-chromium-");
        Path profile = home.resolve("profile");
        Path log = home.resolve("chromium.log");
        List<String> command = new ArrayList<>();
        command.add(executable.toString());
        command.addAll(FLAGS);
        command.add("--user-data-dir=" + profile);
        command.add("--remote-debugging-port=0");
        command.add("about:blank");
        Process process = null;
        try {
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            URI endpoint = endpoint(process, profile.resolve("DevToolsActivePort"), log, timeout);
            return new HeadlessChromium(process, home, DevToolsConnection.open(endpoint, timeout));
        } catch (IOException | InterruptedException | RuntimeException e) {
            if (process != null) {
                kill(process, timeout);
            }
            deleteTree(home);
            throw e;
        }
    }

    /** Waits for the browser to write its port and WebSocket path, as two lines, into {@code DevToolsActivePort}. */
    private static URI endpoint(Process process, Path portFile, Path log, Duration timeout)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("chromium exited with status " + process.exitValue() + " before DevTools was"
                        + " ready; its output ends with:\n" + tail(log));
            }
            if (Files.exists(portFile)) {
                List<String> lines = Files.readAllLines(portFile, StandardCharsets.UTF_8);
                if (lines.size() >= 2 && !lines.get(0).isBlank() && lines.get(1).startsWith("/devtools/")) {
                    return URI.create("ws://127.0.0.1:" + lines.get(0).strip()
                            + lines.get(1).strip());
                }
            }
            Thread.sleep(50);
        }
        throw new IOException(
                "chromium did not write " + portFile + " within " + timeout + "; its output ends with:\n" + tail(log));
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no output: " + e + ")";
        }
    }

    /**
     * Opens a local file in a new tab with a viewport of the given size and waits for its load event.
     *
     * @param file the file to load
     * @param width the viewport width in CSS pixels
     * @param height the viewport height in CSS pixels
     * @return the loaded page
     * @throws IOException if the browser fails, cannot load the file or does not answer in time
     * @throws InterruptedException if interrupted while waiting
     */
    Page open(Path file, int width, int height) throws IOException, InterruptedException {
        requireNonNull(file, "file");
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("viewport must be at least 1x1 but was " + width + "x" + height);
        }
        String targetId = devTools.send(null, "Target.createTarget", Map.of("url", "about:blank"))
                .path("targetId")
                .asText();
        String session = devTools.send(null, "Target.attachToTarget", Map.of("targetId", targetId, "flatten", true))
                .path("sessionId")
                .asText();
        devTools.send(session, "Page.enable");
        devTools.send(session, "Runtime.enable");
        devTools.send(session, "Log.enable");
        devTools.send(
                session,
                "Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", false));
        var loaded = devTools.nextEvent(session, "Page.loadEventFired");
        String url = file.toAbsolutePath().toUri().toString();
        JsonNode navigation = devTools.send(session, "Page.navigate", Map.of("url", url));
        if (navigation.hasNonNull("errorText")) {
            throw new IOException("chromium cannot load " + url + ": "
                    + navigation.get("errorText").asText());
        }
        devTools.await(loaded, "load event of " + url);
        return new Page(session, url);
    }

    /** Kills the browser and its child processes and deletes its temporary folder. */
    @Override
    public void close() {
        try {
            devTools.close();
        } finally {
            kill(process, Duration.ofSeconds(10));
            deleteTree(home);
        }
    }

    /** Kills a process and every descendant; the list is taken first, since children outlive a killed parent. */
    private static void kill(Process process, Duration timeout) {
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(process.toHandle());
        tree.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle handle : tree) {
            try {
                handle.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                // a process that will not die is left to the OS; the test has its result already
            }
        }
    }

    private static void deleteTree(Path root) {
        // a dying browser may still remove files from its profile, so a failed pass is retried once
        for (int attempt = 0; attempt < 2 && Files.exists(root); attempt++) {
            try (Stream<Path> paths = Files.walk(root)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            } catch (IOException | UncheckedIOException e) {
                if (attempt == 1) {
                    throw new UncheckedIOException(new IOException("cannot delete " + root + ": " + e, e));
                }
            }
        }
    }

    /** A loaded tab; its methods wait for the browser at most the launch timeout. */
    final class Page {
        private final String session;
        private final String url;

        private Page(String session, String url) {
            this.session = session;
            this.url = url;
        }

        /** {@return the file:// URL the page was loaded from} */
        String url() {
            return url;
        }

        /**
         * Evaluates a JavaScript expression in the page and returns its value as JSON.
         *
         * @param expression the expression; its value must be JSON-serialisable
         * @return the value; a missing node for {@code undefined}
         * @throws IOException if the expression throws or the browser fails
         * @throws InterruptedException if interrupted while waiting
         */
        JsonNode evaluate(String expression) throws IOException, InterruptedException {
            JsonNode result =
                    devTools.send(session, "Runtime.evaluate", Map.of("expression", expression, "returnByValue", true));
            if (result.has("exceptionDetails")) {
                throw new IOException("evaluating '" + expression + "' threw: " + result.get("exceptionDetails"));
            }
            return result.path("result").path("value");
        }

        /**
         * Takes a PNG screenshot of the whole page (the viewport's width, the document's height).
         *
         * @return the PNG bytes
         * @throws IOException if the browser fails
         * @throws InterruptedException if interrupted while waiting
         */
        byte[] screenshotPng() throws IOException, InterruptedException {
            JsonNode size = evaluate("[document.documentElement.clientWidth, document.documentElement.scrollHeight]");
            Map<String, Object> clip = Map.of(
                    "x",
                    0,
                    "y",
                    0,
                    "width",
                    size.get(0).asInt(),
                    "height",
                    size.get(1).asInt(),
                    "scale",
                    1);
            JsonNode shot = devTools.send(
                    session,
                    "Page.captureScreenshot",
                    Map.of("format", "png", "clip", clip, "captureBeyondViewport", true));
            return Base64.getDecoder().decode(shot.path("data").asText());
        }

        /**
         * Lists what went wrong in the page so far: {@code console.error}, {@code console.warn} and failed {@code
         * console.assert} calls, uncaught exceptions, and browser log entries of level error (a resource that failed
         * to load, a blocked request, a CSP violation).
         *
         * @return one line per problem, empty when there was none
         */
        List<String> problems() {
            List<String> problems = new ArrayList<>();
            for (JsonNode event : devTools.events(session)) {
                JsonNode params = event.path("params");
                switch (event.path("method").asText()) {
                    case "Runtime.consoleAPICalled" -> {
                        String type = params.path("type").asText();
                        if (type.equals("error") || type.equals("warning") || type.equals("assert")) {
                            List<String> args = new ArrayList<>();
                            params.path("args")
                                    .forEach(arg -> args.add(
                                            arg.has("value")
                                                    ? arg.get("value").asText()
                                                    : arg.path("description").asText()));
                            problems.add("console." + type + ": " + String.join(" ", args));
                        }
                    }
                    case "Runtime.exceptionThrown" -> {
                        JsonNode details = params.path("exceptionDetails");
                        String description =
                                details.path("exception").path("description").asText();
                        problems.add("uncaught exception: "
                                + (description.isEmpty() ? details.path("text").asText() : description));
                    }
                    case "Log.entryAdded" -> {
                        JsonNode entry = params.path("entry");
                        if (entry.path("level").asText().equals("error")) {
                            problems.add("browser log (" + entry.path("source").asText() + "): "
                                    + entry.path("text").asText() + " "
                                    + entry.path("url").asText());
                        }
                    }
                    default -> {
                        // other events (load, frame navigation) are not problems
                    }
                }
            }
            return problems;
        }
    }
}
