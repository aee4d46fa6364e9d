package dev.lifecycle.core;

import java.time.Instant;

/**
 * What {@link LifecycleStep} brings through time and along the rules: a customer held as objects ({@link
 * TrackedCustomer}, for any template) or as a record's primitives ({@link FactRow}, for a template whose rules all read
 * columns), with the stages and the instant of the last evaluation both keep. The step's walk and its loop over the
 * instants at which time changes a condition are written once, on this.
 */
abstract class StepSubject {
    /** The current stage's index. */
    int current;
    /** The furthest main-path stage's index. */
    int highest;
    /** The latest instant the customer was brought to, in epoch nanoseconds. */
    long evaluatedAt;

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
