package dev.lifecycle.benchmarks;

import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * JMH state: an in-memory DuckDB database with table {@code events} holding the configured log, copied from the cache
 * file the suite writes (or loaded through the appender without one).
 */
@State(Scope.Benchmark)
public class DuckEvents {
    DuckDbPeer duck = DuckDbPeer.open();

    /** Loads the events. */
    @Setup(Level.Trial)
    public void setUp() {
        duck.loadEventsCached(BenchConfig.eventsCache(), BenchConfig::log);
    }

    /** Closes the database. */
    @TearDown(Level.Trial)
    public void tearDown() {
        duck.close();
    }
}
