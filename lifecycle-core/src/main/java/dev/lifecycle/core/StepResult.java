package dev.lifecycle.core;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What one {@link LifecycleStep} did to a customer: the new state, the transitions it caused in the order they
 * happened, and the next instant at which time alone could change the customer's stage.
 */
public final class StepResult {
    private final CustomerState state;
    private final List<StageTransition> transitions;
    /** The next change in epoch nanoseconds, {@link Long#MAX_VALUE} for none; made an instant only when asked for. */
    private final long nextChange;

    StepResult(CustomerState state, List<StageTransition> transitions, long nextChange) {
        this.state = requireNonNull(state, "state");
        this.transitions = transitions.isEmpty() ? List.of() : List.copyOf(transitions);
        this.nextChange = nextChange;
    }

    /** {@return the customer's state after the step} */
    public CustomerState state() {
        return state;
    }

    /** {@return the transitions the step caused, in the order they happened; empty when the stage did not change} */
    public List<StageTransition> transitions() {
        return transitions;
    }

    /**
     * Returns the earliest instant after the state's time at which a time-based condition of a rule leaving the current
     * stage changes its value (the end of a lapse's waiting time, a window closing): the instant to set a timer for
     * and {@linkplain LifecycleStep#advance advance} the customer at, if no event of theirs comes first. The stage may
     * or may not change then. Empty when no rule leaving the stage can act on time alone. (A template whose rules form
     * a loop that can all hold at once is the exception: a walk stops before it would enter a stage a second time, so
     * the next step may move the customer on at any instant.)
     *
     * @return the next instant time alone could change the stage
     */
    public Optional<Instant> nextChange() {
        return nextChange == Long.MAX_VALUE ? Optional.empty() : Optional.of(TrackerTime.toInstant(nextChange));
    }

    @Override
    public String toString() {
        return "StepResult{" + state + ", transitions=" + transitions + ", nextChange="
                + nextChange().map(Instant::toString).orElse("none") + "}";
    }
}
