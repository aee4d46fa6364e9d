package dev.lifecycle.core;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * A deliberately plain model of one customer in a {@link LifecycleTracker}, written from the tracker's class javadoc
 * and the classifier's documented walk, for comparison with the real thing. The customer appears in the entry stage
 * at their first event. Each later event at {@code t} first brings the customer to {@code t} on the profile without
 * it, then is folded in, and the rules act again at {@code t}; every advance brings the customer to its instant after
 * the events up to and including it. Bringing a customer to {@code t} lets the rules act at every instant between
 * their last evaluation and {@code t} at which a time-based condition may change, then at {@code t}. Rules act as the
 * walk does: from the current stage take the rule of highest priority (ties to the one listed first) whose condition
 * holds, and stop when none holds or it would enter a stage this walk has already visited.
 *
 * <p>For the built-in templates the model finds those instants on its own: every instant of the profile, and every
 * such instant plus the lapse period or the nurture delay, and a nanosecond later. That is more instants than the
 * tracker needs, which is harmless because a settled built-in customer does not move without a change. For other
 * templates, where an extra walk can move a customer round a cycle, it asks the classifier for the exact instants
 * ({@code nextChangeAfter}), so there it checks when the tracker steps but trusts the conditions' change instants.
 */
final class TrackerModel {
    private static final List<Duration> BUILT_IN_DELAYS =
            List.of(Duration.ZERO, Templates.DEFAULT_LAPSE_PERIOD, Templates.NURTURE_AFTER);

    private final LifecycleTemplate template;
    private final LifecycleClassifier classifier;
    private final boolean builtIn;
    private final List<Stay> stays = new ArrayList<>();
    private long evaluatedAt;

    private TrackerModel(LifecycleTemplate template, Instant first) {
        this.template = template;
        this.classifier = LifecycleClassifier.of(template);
        this.builtIn = Generators.BUILT_INS.contains(template);
        this.stays.add(new Stay(template.entryStage().id(), first, null));
        this.evaluatedAt = TrackerGenerators.nanos(first);
    }

    /** One stay as the model expects it: the stage, when it began and the rule that led there (null at first). */
    record Stay(String stageId, Instant enteredAt, @Nullable String ruleId) {}

    /** What the model expects of one customer: the stays in order and the furthest main-path stage. */
    record Expected(List<Stay> stays, String highestMainStageId) {}

    /**
     * Follows one customer.
     *
     * @param template the lifecycle
     * @param events the customer's applied events, in apply order (timestamp, then event id); at least one
     * @param advances the instants the tracker was advanced to, in order; an instant advanced to twice acts twice
     */
    static Expected follow(LifecycleTemplate template, List<CustomerEvent> events, List<Instant> advances) {
        Instant first = events.get(0).timestamp();
        TrackerModel model = new TrackerModel(template, first);
        String customerId = events.get(0).customerId();
        List<CustomerEvent> folded = new ArrayList<>();
        Deque<Instant> pendingAdvances = new ArrayDeque<>(advances);
        while (!pendingAdvances.isEmpty() && pendingAdvances.peekFirst().isBefore(first)) {
            pendingAdvances.pollFirst();
        }
        for (CustomerEvent event : events) {
            Instant at = event.timestamp();
            // advances strictly before this event come first; one at the same instant comes after its events
            while (!pendingAdvances.isEmpty() && pendingAdvances.peekFirst().isBefore(at)) {
                model.bringTo(profile(customerId, folded), pendingAdvances.pollFirst());
            }
            if (!folded.isEmpty()) {
                model.bringTo(profile(customerId, folded), at);
            }
            folded.add(event);
            model.bringTo(profile(customerId, folded), at);
        }
        for (Instant advance : pendingAdvances) {
            model.bringTo(profile(customerId, folded), advance);
        }
        List<Stage> mainPath = template.mainPath();
        int furthest = -1;
        for (Stay stay : model.stays) {
            furthest = Math.max(furthest, indexOf(mainPath, stay.stageId()));
        }
        return new Expected(List.copyOf(model.stays), mainPath.get(furthest).id());
    }

    private void bringTo(CustomerProfile profile, Instant to) {
        long target = TrackerGenerators.nanos(to);
        if (builtIn) {
            for (long at : candidateChanges(profile)) {
                if (at > evaluatedAt && at < target) {
                    walk(profile, at);
                }
            }
        } else {
            long next;
            while ((next = classifier.nextChangeAfter(classifier.indexOf(currentStageId()), profile, evaluatedAt))
                    < target) {
                walk(profile, next);
            }
        }
        walk(profile, target);
    }

    /** Every instant of the profile, plus each built-in delay, plus a nanosecond, in order. */
    private static NavigableSet<Long> candidateChanges(CustomerProfile profile) {
        List<Instant> bases = new ArrayList<>();
        for (Instant at : profile.lastAt) {
            bases.add(at);
        }
        bases.add(profile.firstOrderAt);
        bases.add(profile.firstSeen);
        bases.add(profile.lastActivity);
        bases.add(profile.loyaltyEnrolledAt);
        NavigableSet<Long> instants = new TreeSet<>();
        for (Instant base : bases) {
            if (base != null) {
                for (Duration delay : BUILT_IN_DELAYS) {
                    long at = TrackerGenerators.nanos(base.plus(delay));
                    instants.add(at);
                    instants.add(at + 1);
                }
            }
        }
        return instants;
    }

    private String currentStageId() {
        return stays.get(stays.size() - 1).stageId();
    }

    private static CustomerProfile profile(String customerId, List<CustomerEvent> events) {
        return CustomerProfile.fromEvents(customerId, events);
    }

    private void walk(CustomerProfile profile, long atNanos) {
        Instant asOf = TrackerGenerators.instant(atNanos);
        String current = currentStageId();
        Set<String> visited = new HashSet<>(Set.of(current));
        while (true) {
            TransitionRule best = null;
            for (TransitionRule rule : template.rules()) {
                if (rule.from().contains(current)
                        && (best == null || rule.priority() > best.priority())
                        && rule.condition().test(profile, asOf)) {
                    best = rule;
                }
            }
            if (best == null || !visited.add(best.to())) {
                break;
            }
            stays.add(new Stay(best.to(), asOf, best.id()));
            current = best.to();
        }
        evaluatedAt = Math.max(evaluatedAt, atNanos);
    }

    private static int indexOf(List<Stage> stages, String id) {
        for (int i = 0; i < stages.size(); i++) {
            if (stages.get(i).id().equals(id)) {
                return i;
            }
        }
        return -1;
    }
}
