package dev.lifecycle.core;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One stay of a customer in a stage: when it began, by which rule, and when it ended (empty while it lasts).
 * Instances are immutable and thread-safe.
 */
public final class StageVisit {
    private final Stage stage;
    private final Instant enteredAt;
    private final @Nullable Instant leftAt;
    private final @Nullable String ruleId;

    StageVisit(Stage stage, Instant enteredAt, @Nullable Instant leftAt, @Nullable String ruleId) {
        this.stage = stage;
        this.enteredAt = enteredAt;
        this.leftAt = leftAt;
        this.ruleId = ruleId;
    }

    /** {@return the stage} */
    public Stage stage() {
        return stage;
    }

    /** {@return when the customer entered the stage} */
    public Instant enteredAt() {
        return enteredAt;
    }

    /** {@return when the customer left the stage; empty while they are in it} */
    public Optional<Instant> leftAt() {
        return Optional.ofNullable(leftAt);
    }

    /** {@return the rule that moved the customer into the stage; empty for the entry stage at first sight} */
    public Optional<String> ruleId() {
        return Optional.ofNullable(ruleId);
    }

    /**
     * Returns how long the stay lasted, or has lasted until {@code asOf} while it goes on.
     *
     * @param asOf the instant to measure an open stay to; ignored for a stay that has ended
     * @return the duration of the stay
     * @throws NullPointerException if {@code asOf} is null
     * @throws IllegalArgumentException if the stay is open and {@code asOf} is before it began
     */
    public Duration duration(Instant asOf) {
        requireNonNull(asOf, "asOf");
        Instant end = leftAt != null ? leftAt : asOf;
        if (end.isBefore(enteredAt)) {
            throw new IllegalArgumentException(
                    "asOf " + asOf + " is before the stay in '" + stage.id() + "' began, at " + enteredAt);
        }
        return Duration.between(enteredAt, end);
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof StageVisit other
                && stage.equals(other.stage)
                && enteredAt.equals(other.enteredAt)
                && Objects.equals(leftAt, other.leftAt)
                && Objects.equals(ruleId, other.ruleId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(stage, enteredAt, leftAt, ruleId);
    }

    @Override
    public String toString() {
        return stage.id() + " [" + enteredAt + ", " + (leftAt == null ? "now" : leftAt) + ")"
                + (ruleId == null ? "" : " by '" + ruleId + "'");
    }
}
