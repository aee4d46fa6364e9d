package dev.lifecycle.benchmarks;

import dev.lifecycle.core.CustomerEvent;
import java.util.List;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** JMH state: the configured synthetic log as library events in the order they happened, built once per fork. */
@State(Scope.Benchmark)
public class EventLog {
    List<CustomerEvent> events = List.of();

    /** Generates the log and builds the events. */
    @Setup(Level.Trial)
    public void setUp() {
        events = BenchConfig.log().eventsInTimeOrder();
    }
}
