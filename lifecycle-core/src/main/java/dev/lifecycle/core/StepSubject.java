package dev.lifecycle.core;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What {@link LifecycleStep} brings through time and along the rules: a customer held as objects ({@link
 * TrackedCustomer}, for any template) or as a record's primitives ({@link FactRow}, for a template whose rules all read
 * columns), with the stages and the instant of the last evaluation both keep. The step's walk and its loop over the
 * instants at which time changes a condition are written once, on this.
 */
abstract class StepSubject implements LifecycleClassifier.StepSink {
    /** The current stage's index. */
    int current;
    /** The furthest main-path stage's index. */
    int highest;
    /** The latest instant the customer was brought to, in epoch nanoseconds. */
    long evaluatedAt;

    // ---- the walk under way (see walkAt): the subject is its own sink, so that a walk allocates nothing

    /** Where the walk under way reports its moves; null for a projection, which records nothing. */
    private LifecycleStep.@Nullable Moves walkMoves;

    private long walkAt;
    private @Nullable Instant walkInstant;

    /**
     * Follows the rules from the current stage at {@code at} ({@link #walk}), entering each stage a rule leads to at
     * {@code at} and reporting it to {@code moves}; with {@code moves} null only the current stage changes (a projection).
     * Returns the walk's {@linkplain PackedStages#outcome outcome}.
     */
    final long walkAt(LifecycleClassifier classifier, long at, Instant instant, LifecycleStep.@Nullable Moves moves) {
        walkMoves = moves;
        walkAt = at;
        walkInstant = instant;
        try {
            return walk(classifier, instant, this);
        } finally {
            walkMoves = null;
            walkInstant = null;
        }
    }

    @Override
    public final void step(int ruleOrder, int fromStage, int toStage) {
        LifecycleStep.Moves moves = walkMoves;
        if (moves == null) {
            project(toStage);
            return;
        }
        enter(toStage, ruleOrder, walkAt);
        moves.moved(customerId(), ruleOrder, fromStage, toStage, java.util.Objects.requireNonNull(walkInstant));
    }

    abstract String customerId();

    final int current() {
        return current;
    }

    final int highest() {
        return highest;
    }

    /** Sets the furthest main-path stage reached. */
    final void reached(int stage) {
        highest = stage;
    }

    final long evaluatedAt() {
        return evaluatedAt;
    }

    final void evaluatedAt(long at) {
        evaluatedAt = at;
    }

    /** Sets the current stage without a stay: a projection that records nothing. */
    final void project(int stage) {
        current = stage;
    }

    /** Enters a stage by a rule at an instant: a new stay of the history, and the current stage. */
    abstract void enter(int stage, int rule, long at);

    /** {@link LifecycleClassifier#nextChangeAfter} from the current stage on this customer's facts. */
    abstract long nextChangeAfter(LifecycleClassifier classifier, long afterNanos);

    /** {@link LifecycleClassifier#walk} from the current stage on this customer's facts. */
    abstract long walk(LifecycleClassifier classifier, Instant asOf, LifecycleClassifier.StepSink sink);
}
