package dev.lifecycle.benchmarks;

import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * JMH state for benchmarks whose single operation takes seconds: the benchmark leaves its answer here, and after every
 * iteration, the first warmup iteration included, the answer is checked against the library's answer from the suite,
 * so a wrong answer fails the run before any measured iteration without spending a whole extra operation in setup.
 */
@State(Scope.Thread)
public class LastAnswer {
    private @Nullable String key;
    private @Nullable String who;
    private @Nullable Supplier<String> answer;

    /** Records the answer of the operation just done, rendered only when checked. */
    void set(String key, String who, Supplier<String> answer) {
        this.key = key;
        this.who = who;
        this.answer = answer;
    }

    /** Checks the last answer and forgets it. */
    @TearDown(Level.Iteration)
    public void check() {
        Supplier<String> last = answer;
        if (last == null || key == null || who == null) {
            throw new IllegalStateException("the iteration left no answer to check");
        }
        BenchConfig.checkExpected(key, who, last.get());
        answer = null;
    }
}
