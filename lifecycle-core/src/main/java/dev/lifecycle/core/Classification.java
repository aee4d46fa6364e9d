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
 *
 * <p>The path is built when it is first read ({@link #path()}, {@link #evidence()}, {@link #toString()}, {@link
 * #equals(Object)}, {@link #hashCode()}), once, and kept: classifying only records which rules fired, so a caller that
 * reads only the stage pays for no evidence text. The path read later is exactly the one built at once would be: the
 * evidence of the built-in conditions depends only on the profile (immutable, and held by the classification) and
 * {@code asOf}, and cannot fail; the evidence of any other condition (the application's own implementations
 * of {@link Condition}, {@link Condition#custom custom} conditions) is built during the classification, so that a
 * failure is still a {@link ClassificationException} thrown by {@code classify}.
 */
public final class Classification {
    private final String templateName;
    private final String customerId;
    private final Instant asOf;
    private final Stage stage;
    private final Stage highestMainStage;
    private final LifecycleClassifier.FiredRules fired;
    /** The path, once built from {@link #fired}; an immutable list, so a racing second build gives an equal one. */
    private volatile @Nullable ImmutableList<FiredRule> path;

    Classification(
            String templateName,
            String customerId,
            Instant asOf,
            Stage stage,
            Stage highestMainStage,
            LifecycleClassifier.FiredRules fired) {
        this.templateName = templateName;
        this.customerId = customerId;
        this.asOf = asOf;
        this.stage = stage;
        this.highestMainStage = highestMainStage;
        this.fired = fired;
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
        ImmutableList<FiredRule> built = path;
        if (built == null) {
            built = fired.path();
            path = built;
        }
        return built;
    }

    /** {@return the evidence of each fired rule, in the order of {@link #path()}} */
    public List<String> evidence() {
        return path().stream().map(FiredRule::evidence).collect(ImmutableList.toImmutableList());
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof Classification other
                && templateName.equals(other.templateName)
                && customerId.equals(other.customerId)
                && asOf.equals(other.asOf)
                && stage.equals(other.stage)
                && highestMainStage.equals(other.highestMainStage)
                && path().equals(other.path());
    }

    @Override
    public int hashCode() {
        return Objects.hash(templateName, customerId, asOf, stage, highestMainStage, path());
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
        for (FiredRule step : path()) {
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
