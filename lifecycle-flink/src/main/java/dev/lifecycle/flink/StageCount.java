package dev.lifecycle.flink;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * One line of the stage distribution over time windows ({@link StageDistributionFunction}): how many customers were in
 * a stage at the end of a window, counting every entry and move at an instant before that end.
 *
 * @param windowEnd the end of the window, exclusive
 * @param stageId the stage's id
 * @param customers how many customers were in the stage at {@code windowEnd}
 */
public record StageCount(Instant windowEnd, String stageId, long customers) {
    /**
     * Checks the line.
     *
     * @param windowEnd the end of the window, exclusive
     * @param stageId the stage's id
     * @param customers how many customers were in the stage at {@code windowEnd}; zero or more
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code customers} is negative
     */
    public StageCount {
        requireNonNull(windowEnd, "windowEnd");
        requireNonNull(stageId, "stageId");
        if (customers < 0) {
            throw new IllegalArgumentException(
                    "customers must not be negative but was " + customers + " for stage '" + stageId + "'");
        }
    }
}
