package dev.lifecycle.core;

import com.google.common.collect.ImmutableList;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Where a customer stands at an instant: the stage, the highest main-path stage the classification passed through,
 * and the path of rules that fired with their evidence, so every answer can be explained.
 *
 * <p>Returned by {@link LifecycleClassifier#classify(CustomerProfile, Instant)}. Instances are immutable and
 * thread-safe.
 */
public final class Classification {
    private final String templateName;
    private final String customerId;
    private final Instant asOf;
    private final Stage stage;
    private final Stage highestMainStage;
    private final ImmutableList<FiredRule> path;

    Classification(
            String templateName,
            String customerId,
            Instant asOf,
            Stage stage,
            Stage highestMainStage,
            List<FiredRule> path) {
        this.templateName = templateName;
        this.customerId = customerId;
        this.asOf = asOf;
        this.stage = stage;
        this.highestMainStage = highestMainStage;
        this.path = ImmutableList.copyOf(path);
    }

    /** {@return the name of the template the customer was classified with} */
    public String templateName() {
        return templateName;
    }

    /** {@return the customer's id} */
    public String customerId() {
        return customerId;
    }

    /** {@return the instant the classification holds for} */
    public Instant asOf() {
        return asOf;
    }

    /** {@return the customer's stage at {@link #asOf()}} */
    public Stage stage() {
        return stage;
    }

    /**
     * Returns the furthest main-path stage the classification passed through; a lapsed former advocate reached
     * advocacy. Equals {@link #stage()} when that is on the main path and the template's rules move backwards only
     * into side stages, as those of the built-in templates do; after a rule back to an earlier main-path stage (a
     * win-back from lapsed into consideration, say) the customer is behind the stage reached.
     *
     * @return the highest main-path stage reached
     */
    public Stage highestMainStage() {
        return highestMainStage;
    }

    /** {@return the rules that fired, in order, from the entry stage to {@link #stage()}; empty at the entry stage} */
    public List<FiredRule> path() {
        return path;
    }

    /** {@return the evidence of each fired rule, in the order of {@link #path()}} */
    public List<String> evidence() {
        return path.stream().map(FiredRule::evidence).collect(ImmutableList.toImmutableList());
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof Classification other
                && templateName.equals(other.templateName)
                && customerId.equals(other.customerId)
                && asOf.equals(other.asOf)
                && stage.equals(other.stage)
                && highestMainStage.equals(other.highestMainStage)
                && path.equals(other.path);
    }

    @Override
    public int hashCode() {
        return Objects.hash(templateName, customerId, asOf, stage, highestMainStage, path);
    }

    /** {@return the stage and the path, as in {@code c1 is in 'retention' at ...: awareness -> conversion (...)}} */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder()
                .append(customerId)
                .append(" is in '")
                .append(stage.id())
                .append("' at ")
                .append(asOf);
        if (!highestMainStage.equals(stage)) {
            text.append(" (reached '").append(highestMainStage.id()).append("')");
        }
        for (FiredRule step : path) {
            text.append("; ")
                    .append(step.fromStageId())
                    .append(" -> ")
                    .append(step.toStageId())
                    .append(" by '")
                    .append(step.ruleId())
                    .append("': ")
                    .append(step.evidence());
        }
        return text.toString();
    }
}
