package dev.lifecycle.core;

import java.util.Arrays;

/**
 * One customer's state: the profile, the current and furthest stage, and the history as parallel arrays (a stay
 * per slot: entry instant in epoch nanoseconds, stage index and entering rule {@linkplain PackedStages#stay packed}
 * into an int).
 */
final class TrackedCustomer extends StepSubject {
    CustomerProfile profile;
    long[] entered;
    int[] stageAndRule;
    int visits;

    TrackedCustomer(CustomerProfile profile, int entryStage, long at) {
        this.profile = profile;
        this.current = entryStage;
        this.highest = entryStage;
        this.evaluatedAt = at;
        this.entered = new long[2];
        this.stageAndRule = new int[2];
        record(entryStage, PackedStages.NO_RULE, at);
    }

    TrackedCustomer(
            CustomerProfile profile, int current, int highest, long evaluatedAt, long[] entered, int[] stageAndRule) {
        this.profile = profile;
        this.current = current;
        this.highest = highest;
        this.evaluatedAt = evaluatedAt;
        this.entered = entered;
        this.stageAndRule = stageAndRule;
        this.visits = entered.length;
    }

    @Override
    void enter(int stage, int rule, long at) {
        record(stage, rule, at);
        current = stage;
    }

    private void record(int stage, int rule, long at) {
        if (visits == entered.length) {
            entered = Arrays.copyOf(entered, Math.max(2, visits * 2));
            stageAndRule = Arrays.copyOf(stageAndRule, Math.max(2, visits * 2));
        }
        entered[visits] = at;
        stageAndRule[visits] = PackedStages.stay(stage, rule);
        visits++;
    }

    int stageOf(int visit) {
        return PackedStages.stage(stageAndRule[visit]);
    }

    /** The entering rule's position in template order, {@link PackedStages#NO_RULE} for the first stay. */
    int ruleOf(int visit) {
        return PackedStages.rule(stageAndRule[visit]);
    }

    /** {@return a copy that shares nothing mutable with this customer (the profile is immutable)} */
    TrackedCustomer copy() {
        return new TrackedCustomer(
                profile,
                current,
                highest,
                evaluatedAt,
                Arrays.copyOf(entered, visits),
                Arrays.copyOf(stageAndRule, visits));
    }

    @Override
    String customerId() {
        return profile.customerId();
    }

    @Override
    long nextChangeAfter(LifecycleClassifier classifier, long afterNanos) {
        return classifier.nextChangeAfter(current, profile, afterNanos);
    }

    @Override
    long walk(LifecycleClassifier classifier, java.time.Instant asOf, LifecycleClassifier.StepSink sink) {
        return classifier.walk(current, profile, asOf, sink);
    }
}
