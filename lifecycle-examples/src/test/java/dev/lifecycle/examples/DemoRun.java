package dev.lifecycle.examples;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The demo's exit status and what it printed, line by line, for the tests that run it in process.
 *
 * @param status the exit status {@link LifecycleDemo#run} returned
 * @param out the lines of standard output
 * @param err the lines of standard error
 */
record DemoRun(int status, List<String> out, List<String> err) {

    /** Runs the demo with {@code args} and captures both streams. */
    static DemoRun of(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = LifecycleDemo.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new DemoRun(
                status,
                out.toString(StandardCharsets.UTF_8).lines().toList(),
                err.toString(StandardCharsets.UTF_8).lines().toList());
    }
}
