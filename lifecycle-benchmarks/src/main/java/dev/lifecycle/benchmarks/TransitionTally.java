package dev.lifecycle.benchmarks;

import dev.lifecycle.core.LifecycleTemplate;
import dev.lifecycle.core.Stage;
import dev.lifecycle.core.StageListener;
import dev.lifecycle.core.StageTransition;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Workload 7's answer: the transitions a run emitted, counted per move (from stage, to stage) and digested as a
 * multiset, so that two runs that emit the same transitions in any order, on any number of threads, give the same
 * answer, and a run with one transition more, fewer or different (another customer, stage, instant or rule) gives
 * another. The digest is the sum, modulo 2^64, of a 64-bit hash of each transition's customer id (its {@code
 * hashCode}), stages, instant and rule. Also counts the events a run did not apply (Flink's late and rejected side
 * outputs; the tracker's late, duplicate and rejected events), which should be none.
 *
 * <p>The same object serves both sides of the workload: the in-process tracker's listener and the Flink job's sink,
 * so both do the same work per transition. Thread-safe: every count is a {@link LongAdder}, so the threads of a
 * sharded tracker and the subtasks of a Flink job add to one tally without a lock.
 */
final class TransitionTally implements StageListener {
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private final List<Stage> stages;
    private final Map<String, Integer> stageIndex = new HashMap<>();
    /** Transitions by move: index {@code from * stages + to}. */
    private final LongAdder[] moves;

    private final LongAdder digest = new LongAdder();
    private final LongAdder notApplied = new LongAdder();

    /** A tally of the moves between the template's stages, empty. */
    TransitionTally(LifecycleTemplate template) {
        this.stages = template.stages();
        for (int i = 0; i < stages.size(); i++) {
            stageIndex.put(stages.get(i).id(), i);
        }
        this.moves = new LongAdder[stages.size() * stages.size()];
        for (int i = 0; i < moves.length; i++) {
            moves[i] = new LongAdder();
        }
    }

    @Override
    public void onTransition(StageTransition transition) {
        int from = index(transition.fromStageId());
        int to = index(transition.toStageId());
        moves[from * stages.size() + to].increment();
        long h = transition.customerId().hashCode();
        h = h * GOLDEN_GAMMA + from;
        h = h * GOLDEN_GAMMA + to;
        Instant at = transition.at();
        h = h * GOLDEN_GAMMA + at.getEpochSecond();
        h = h * GOLDEN_GAMMA + at.getNano();
        h = h * GOLDEN_GAMMA + transition.ruleId().hashCode();
        digest.add(mix(h));
    }

    /** Counts events that were not applied. */
    void notApplied(long events) {
        notApplied.add(events);
    }

    /**
     * Returns the answer as text: the events not applied, the transitions, each move with a count and the digest,
     * for example {@code not applied 0; 3 transitions: awareness>consideration 2, consideration>conversion 1; digest
     * 5f0e...}.
     */
    String answer() {
        StringBuilder byMove = new StringBuilder();
        long total = 0;
        for (int from = 0; from < stages.size(); from++) {
            for (int to = 0; to < stages.size(); to++) {
                long count = moves[from * stages.size() + to].sum();
                if (count > 0) {
                    byMove.append(byMove.length() == 0 ? "" : ", ")
                            .append(stages.get(from).id())
                            .append('>')
                            .append(stages.get(to).id())
                            .append(' ')
                            .append(count);
                    total += count;
                }
            }
        }
        return String.format(
                Locale.ROOT,
                "not applied %d; %d transitions: %s; digest %016x",
                notApplied.sum(),
                total,
                byMove,
                digest.sum());
    }

    private int index(String stageId) {
        Integer index = stageIndex.get(stageId);
        if (index == null) {
            throw new IllegalArgumentException("stage '" + stageId + "' is not a stage of the tallied template");
        }
        return index;
    }

    /** MurmurHash3's 64-bit finaliser. */
    private static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        h *= 0xC4CEB9FE1A85EC53L;
        h ^= h >>> 33;
        return h;
    }
}
