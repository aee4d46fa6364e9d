package dev.lifecycle.core;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A tracked customer's path through the lifecycle: the current stage, the furthest main-path stage reached, and every
 * stay in a stage in order. A cyclic lifecycle can enter a stage more than once, so time in a stage is reported both
 * for the latest stay and summed over all stays. Instances are immutable snapshots and thread-safe.
 */
public final class CustomerHistory {
    private final String customerId;
    private final Stage currentStage;
    private final Stage highestMainStage;
    private final ImmutableList<StageVisit> visits;

    CustomerHistory(String customerId, Stage currentStage, Stage highestMainStage, List<StageVisit> visits) {
        this.customerId = customerId;
        this.currentStage = currentStage;
        this.highestMainStage = highestMainStage;
        this.visits = ImmutableList.copyOf(visits);
    }

    /** {@return the customer's id} */
    public String customerId() {
        return customerId;
    }

    /** {@return the stage the customer is in now} */
    public Stage currentStage() {
        return currentStage;
    }

    /**
     * Returns the furthest main-path stage the customer has been in, even if they have lapsed since. This is history:
     * it can stay behind {@link Classification#highestMainStage()} of a classification from scratch, which prefers
     * forward rules to the lapse rule and so also counts forward facts that arrived after the customer lapsed (a
     * referral from a lapsed repeat customer moves the classification's furthest stage to advocacy, not the tracker's).
     *
     * @return the furthest main-path stage reached
     */
    public Stage highestMainStage() {
        return highestMainStage;
    }

    /** {@return every stay in a stage, oldest first; the last one is open} */
    public List<StageVisit> visits() {
        return visits;
    }

    /**
     * Returns the time the customer spent in a stage: the latest stay, all stays together, and their number. Open
     * stays count until {@code asOf}.
     *
     * @param stageId a stage of the template
     * @param asOf the instant to measure the open stay to; not before it began
     * @return the times, empty if the customer was never in the stage
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code asOf} is before the open stay began
     */
    public Optional<TimeInStage> timeInStage(String stageId, Instant asOf) {
        requireNonNull(stageId, "stageId");
        requireNonNull(asOf, "asOf");
        Duration cumulative = Duration.ZERO;
        @Nullable Duration latest = null;
        int stays = 0;
        for (StageVisit visit : visits) {
            if (visit.stage().id().equals(stageId)) {
                latest = visit.duration(asOf);
                cumulative = cumulative.plus(latest);
                stays++;
            }
        }
        return latest == null ? Optional.empty() : Optional.of(new TimeInStage(latest, cumulative, stays));
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof CustomerHistory other
                && customerId.equals(other.customerId)
                && currentStage.equals(other.currentStage)
                && highestMainStage.equals(other.highestMainStage)
                && visits.equals(other.visits);
    }

    @Override
    public int hashCode() {
        return Objects.hash(customerId, currentStage, highestMainStage, visits);
    }

    @Override
    public String toString() {
        return customerId + " in '" + currentStage.id() + "' (reached '" + highestMainStage.id() + "'): " + visits;
    }

    /**
     * Time spent in one stage.
     *
     * @param latest the latest stay, up to {@code asOf} if it is open
     * @param cumulative all stays together
     * @param stays how many times the customer entered the stage
     */
    public record TimeInStage(Duration latest, Duration cumulative, int stays) {
        /**
         * Checks the components.
         *
         * @param latest the latest stay, not negative
         * @param cumulative all stays, not less than the latest
         * @param stays at least 1
         * @throws NullPointerException if a duration is null
         * @throws IllegalArgumentException if the values contradict each other
         */
        public TimeInStage {
            requireNonNull(latest, "latest");
            requireNonNull(cumulative, "cumulative");
            if (latest.isNegative() || cumulative.compareTo(latest) < 0 || stays < 1) {
                throw new IllegalArgumentException("time in stage needs 0 <= latest <= cumulative and stays >= 1 but"
                        + " was latest " + latest + ", cumulative " + cumulative + ", stays " + stays);
            }
        }
    }
}
