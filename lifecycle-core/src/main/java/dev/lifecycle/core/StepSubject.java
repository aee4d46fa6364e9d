package dev.lifecycle.core;

import java.time.Instant;

/**
 * What {@link LifecycleStep} brings through time and along the rules: a customer held as objects ({@link
 * TrackedCustomer}, for any template) or as a record's primitives ({@link FactRow}, for a template whose rules all read
 * columns). The step's walk and its loop over the instants at which time changes a condition are written once, on
 * this.
 */
interface StepSubject {
    String customerId();

    int current();

    int highest();

    /** Sets the furthest main-path stage reached. */
    void reached(int stage);

    long evaluatedAt();

    void evaluatedAt(long at);

    /** Enters a stage by a rule at an instant: a new stay of the history, and the current stage. */
    void enter(int stage, int rule, long at);

    /** Sets the current stage without a stay: a projection that records nothing. */
    void project(int stage);

    /** {@link LifecycleClassifier#nextChangeAfter} from the current stage on this customer's facts. */
    long nextChangeAfter(LifecycleClassifier classifier, long afterNanos);

    /** {@link LifecycleClassifier#walk} from the current stage on this customer's facts. */
    long walk(LifecycleClassifier classifier, Instant asOf, LifecycleClassifier.StepSink sink);
}
