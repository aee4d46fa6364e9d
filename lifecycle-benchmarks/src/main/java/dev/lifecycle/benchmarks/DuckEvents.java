package dev.lifecycle.benchmarks;

import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * JMH state: an in-memory DuckDB database on {@value DuckDbPeer#THREADS} threads with table {@code events} holding the
 * configured log, copied from the cache file the suite writes (or loaded through the appender without one).
 */
@State(Scope.Benchmark)
public class DuckEvents {
    DuckDbPeer duck = DuckDbPeer.open();

    /** Loads the events. */
    @Setup(Level.Trial)
    public void setUp() {
        load(duck);
    }

    /** Fills table {@code events} of {@code duck} with the configured log. */
    static void load(DuckDbPeer duck) {
        duck.loadEventsCached(BenchConfig.eventsCache(), () -> BenchConfig.log().batchInTimeOrder());
    }

    /** Closes the database. */
    @TearDown(Level.Trial)
    public void tearDown() {
        duck.close();
    }

    /** The same database on one thread, for the library's forms that run on one. */
    @State(Scope.Benchmark)
    public static class OneThread {
        DuckDbPeer duck = DuckDbPeer.open(1);

        /** Loads the events. */
        @Setup(Level.Trial)
        public void setUp() {
            load(duck);
        }

        /** Closes the database. */
        @TearDown(Level.Trial)
        public void tearDown() {
            duck.close();
        }
    }
}
