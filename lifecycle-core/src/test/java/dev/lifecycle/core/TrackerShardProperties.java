package dev.lifecycle.core;

import static dev.lifecycle.core.TrackerGenerators.displaced;
import static dev.lifecycle.core.TrackerGenerators.endOf;
import static dev.lifecycle.core.TrackerGenerators.export;
import static dev.lifecycle.core.TrackerGenerators.play;
import static dev.lifecycle.core.TrackerGenerators.withAdvances;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import dev.lifecycle.core.TrackerGenerators.Op;
import dev.lifecycle.core.TrackerGenerators.Outcomes;
import dev.lifecycle.core.TrackerGenerators.Recorder;
import dev.lifecycle.core.TrackerGenerators.Scenario;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Properties of a sharded {@link LifecycleTracker}: any split of the customers over shards gives what one shard gives,
 * and the shard of a customer is a stable function of the id.
 */
final class TrackerShardProperties {

    /**
     * Plays the same delivery plan (events displaced within the lateness, a tenth redelivered, advances in between that
     * make the events at or before them late when delivered afterwards, then an advance past every event) on a tracker with one shard and on one with 2 to 16 shards. The outcomes of
     * every delivery, the stats, the transitions of every customer in order and the exported state (which holds the
     * whole state, profiles and histories included) are the same.
     */
    @Test
    void anySplitOverShards_equalsOneShard() {
        qt().withExamples(600)
                .forAll(TrackerGenerators.scenarios(TrackerGenerators.anyTemplates()))
                .checkAssert(TrackerShardProperties::checkSplit);
    }

    private static void checkSplit(Scenario s) {
        Random random = new Random(s.seed());
        List<Op> plan = withAdvances(displaced(s.events(), s.lateness(), random, 10), random, random.nextInt(3));
        Instant end = endOf(plan, random, 400);
        int shards = 2 + random.nextInt(15);

        Recorder oneRecorder = new Recorder();
        LifecycleTracker one = LifecycleTracker.builder(s.template())
                .allowedLateness(s.lateness())
                .listener(oneRecorder)
                .build();
        Recorder manyRecorder = new Recorder();
        LifecycleTracker many = LifecycleTracker.builder(s.template())
                .allowedLateness(s.lateness())
                .listener(manyRecorder)
                .shards(shards)
                .build();
        Outcomes oneOutcomes = play(one, plan);
        Outcomes manyOutcomes = play(many, plan);
        one.advanceTo(end);
        many.advanceTo(end);

        assertEquals(oneOutcomes, manyOutcomes, "outcomes of the deliveries");
        assertEquals(one.stats(), many.stats(), "stats");
        assertEquals(oneRecorder.byCustomer(), manyRecorder.byCustomer(), "transitions per customer");
        assertEquals(export(one), export(many), "exported state with " + shards + " shards");
        assertEquals(one.distribution(), many.distribution(), "distribution");
        assertEquals(one.watermark(), many.watermark(), "watermark: every shard was advanced to the end");

        // the state moves between shard counts: restored into another count, it exports the same
        int otherShards = 1 + random.nextInt(16);
        LifecycleTracker restored = TrackerGenerators.restore(
                LifecycleTracker.builder(s.template())
                        .allowedLateness(s.lateness())
                        .shards(otherShards),
                export(many));
        assertEquals(export(many), export(restored), shards + " shards restored into " + otherShards);
        assertEquals(many.stats(), restored.stats(), "stats after the restore");
    }

    /** The shard of an id depends on the id and the shard count only, and 64 shards all get customers. */
    @Test
    void shardOf_stableAndSpread() {
        LifecycleTracker a =
                LifecycleTracker.builder(Templates.fiveStage()).shards(64).build();
        LifecycleTracker b =
                LifecycleTracker.builder(Templates.buyerLifecycle()).shards(64).build();
        Set<Integer> used = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String id = "customer-" + i;
            int shard = a.shardOf(id);
            assertEquals(shard, b.shardOf(id), id);
            assertTrue(shard >= 0 && shard < 64, id + " -> " + shard);
            used.add(shard);
        }
        assertEquals(64, used.size(), "shards used");
        assertEquals(0, LifecycleTracker.builder(Templates.fiveStage()).build().shardOf("x"));
    }

    @Test
    void shards_outsideRange_refusedWithTheRule() {
        LifecycleTracker.Builder builder = LifecycleTracker.builder(Templates.fiveStage());
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class, () -> builder.shards(0));
        assertEquals("shards must be between 1 and 1024 but was 0", zero.getMessage());
        assertThrows(IllegalArgumentException.class, () -> builder.shards(1025));
        assertEquals(1024, builder.shards(1024).build().shards());
    }
}
