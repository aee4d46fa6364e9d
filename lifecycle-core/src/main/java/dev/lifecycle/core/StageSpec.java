package dev.lifecycle.core;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The plain-data form of a {@link Stage}.
 *
 * @param id the stage id
 * @param name the display name
 * @param description what a customer in the stage does; may be empty
 * @param sideStage whether the stage is off the main path
 * @param churn whether a customer in the stage counts as churned (see {@link Stage#isChurn()}); only a side stage may
 * @param channels marketing channels
 * @param touchpoints key touchpoints
 * @param metrics the metrics that measure the stage
 * @param strategy the strategy note; may be empty
 */
public record StageSpec(
        String id,
        String name,
        String description,
        boolean sideStage,
        boolean churn,
        List<String> channels,
        List<String> touchpoints,
        List<String> metrics,
        String strategy) {

    /**
     * Copies the lists; the values are checked by {@link TemplateSpec#toTemplate(ConditionRegistry)}.
     *
     * @param id the stage id
     * @param name the display name
     * @param description the description
     * @param sideStage whether the stage is off the main path
     * @param churn whether a customer in the stage counts as churned
     * @param channels marketing channels
     * @param touchpoints key touchpoints
     * @param metrics metrics
     * @param strategy the strategy note
     * @throws NullPointerException if a component or list element is null
     */
    public StageSpec {
        requireNonNull(id, "id");
        requireNonNull(name, "name");
        requireNonNull(description, "description");
        channels = List.copyOf(requireNonNull(channels, "channels"));
        touchpoints = List.copyOf(requireNonNull(touchpoints, "touchpoints"));
        metrics = List.copyOf(requireNonNull(metrics, "metrics"));
        requireNonNull(strategy, "strategy");
    }

    /**
     * Returns the data form of a stage.
     *
     * @param stage the stage
     * @return its data form
     * @throws NullPointerException if {@code stage} is null
     */
    public static StageSpec of(Stage stage) {
        requireNonNull(stage, "stage");
        return new StageSpec(
                stage.id(),
                stage.name(),
                stage.description(),
                stage.isSideStage(),
                stage.isChurn(),
                stage.channels(),
                stage.touchpoints(),
                stage.metrics(),
                stage.strategy());
    }
}
