package dev.lifecycle.benchmarks;

import dev.lifecycle.core.CustomerEvent;
import dev.lifecycle.core.LifecycleTracker;
import dev.lifecycle.core.Templates;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;

/**
 * Workload 3, speed: a new five-stage {@link LifecycleTracker} takes the whole log event by event in the order the
 * events happened, as a stream delivers them, then advances to the end of the window so that lapses happen. One pass
 * per iteration; events per second is the event count over the time. The tracker's distribution is checked against
 * the library's classification after every iteration, the warmup included, so a wrong answer fails the run before any
 * measured iteration.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class TrackerBenchmark {
    static final String KEY = "w3";

    /**
     * Takes every event with {@code accept}, then {@code advanceTo} the end of the window.
     *
     * @param data the events in the order they happened
     * @param last where the answer is left for the check after the iteration
     * @return the tracker
     */
    @Benchmark
    public LifecycleTracker acceptEachEvent(EventLog data, LastAnswer last) {
        LifecycleTracker tracker =
                LifecycleTracker.builder(Templates.fiveStage()).build();
        for (CustomerEvent event : data.events) {
            tracker.accept(event);
        }
        tracker.advanceTo(SyntheticLog.AS_OF);
        last.set(
                KEY,
                "the tracker",
                () -> Canonical.counts(tracker.distribution().counts()));
        return tracker;
    }
}
