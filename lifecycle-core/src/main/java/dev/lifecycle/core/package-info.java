/**
 * Customer-lifecycle stages, templates, transition rules, the classifier and the event-driven tracker.
 *
 * <p>Start with {@link dev.lifecycle.core.Templates} for a built-in {@link dev.lifecycle.core.LifecycleTemplate} (or
 * build your own with {@link dev.lifecycle.core.LifecycleTemplate#builder(String)}), describe each customer with a
 * {@link dev.lifecycle.core.CustomerProfile}, and put them into a stage with {@link
 * dev.lifecycle.core.LifecycleClassifier}; to follow customers as their events arrive, use a {@link
 * dev.lifecycle.core.LifecycleTracker}. All values are immutable and thread-safe; builders and accumulators are not.
 * The public types by role:
 *
 * <h2>Model: what a lifecycle is</h2>
 *
 * <ul>
 *   <li>{@link dev.lifecycle.core.Templates}: the built-in templates ({@code fiveStage()}, {@code buyerLifecycle()},
 *       {@code trackingCategories()}), the usual starting point.
 *   <li>{@link dev.lifecycle.core.LifecycleTemplate}: stages, entry stage and rules, validated on build; edited with
 *       {@code toBuilder()}.
 *   <li>{@link dev.lifecycle.core.Stage}: one stage and its marketing metadata, on the main path or a side stage.
 *   <li>{@link dev.lifecycle.core.TransitionRule}: from stages to a stage when a condition holds, with a priority.
 *   <li>{@link dev.lifecycle.core.Condition}: what a rule waits for, with factories for the built-in facts and the
 *       combinators; also the extension point for a team's own conditions.
 * </ul>
 *
 * <h2>Profile: the facts about customers</h2>
 *
 * <ul>
 *   <li>{@link dev.lifecycle.core.CustomerEvent} of an {@link dev.lifecycle.core.EventType}: one thing one customer
 *       did at one instant.
 *   <li>{@link dev.lifecycle.core.CustomerProfile}: the facts folded from one customer's events (a builder, {@code
 *       fromEvents}, and a mergeable accumulator).
 *   <li>{@link dev.lifecycle.core.ProfileTable}: many customers' facts stored by column, for classifying a whole
 *       customer base fast.
 *   <li>{@link dev.lifecycle.core.EventBatch}: an event log stored by column (customer codes, types, instants,
 *       amounts), built row by row with its {@link dev.lifecycle.core.EventBatch.Builder}: the fast path from raw
 *       events to stages and metrics.
 *   <li>{@link dev.lifecycle.core.Money}: an exact amount in one currency; {@link dev.lifecycle.core.SupportedInstants}:
 *       the range of instants the library accepts.
 * </ul>
 *
 * <h2>Classify: where customers stand at an instant</h2>
 *
 * <ul>
 *   <li>{@link dev.lifecycle.core.LifecycleClassifier}: one customer ({@code classify}) or many ({@code classifyAll};
 *       its class documentation says which bulk call to use when).
 *   <li>{@link dev.lifecycle.core.Classification}: the stage, the highest stage reached and the {@link
 *       dev.lifecycle.core.FiredRule}s with their evidence.
 *   <li>{@link dev.lifecycle.core.CustomerStages}: every customer's stage from an event batch, by customer code.
 *   <li>{@link dev.lifecycle.core.MoveMatrix}: how many customers moved from each stage of one classification to each
 *       stage of another (the stage flow), or between any two labellings of customers by id.
 *   <li>{@link dev.lifecycle.core.StageDistribution}: customers per stage and reached per main-path stage, the input
 *       of funnels.
 *   <li>{@link dev.lifecycle.core.ClassificationException}: a condition failed while classifying; names the rule and
 *       the customer.
 * </ul>
 *
 * <h2>Track: following customers as events arrive</h2>
 *
 * <ul>
 *   <li>{@link dev.lifecycle.core.LifecycleTracker}: consumes events, keeps each customer's stage and history, and
 *       exports and restores its state; its customers are partitioned over shards, so that threads feeding it use as
 *       many cores.
 *   <li>{@link dev.lifecycle.core.LifecycleStep}: the tracker's logic for one customer as a pure function, for engines
 *       that keep the state themselves: a {@link dev.lifecycle.core.CustomerState} and an event or an instant give a
 *       {@link dev.lifecycle.core.StepResult} (the new state, the transitions and the next instant time alone could
 *       change the stage); the state's bytes carry a version and the template's fingerprint.
 *   <li>{@link dev.lifecycle.core.StageListener}: is told of every {@link dev.lifecycle.core.StageTransition}.
 *   <li>{@link dev.lifecycle.core.EventOutcome}: what the tracker did with one event; {@link
 *       dev.lifecycle.core.TrackerStats}: the counts of all of them, which always reconcile.
 *   <li>{@link dev.lifecycle.core.CustomerHistory}: a tracked customer's stays, each a {@link
 *       dev.lifecycle.core.StageVisit}; {@link dev.lifecycle.core.StageFlow}: the stage flow between two instants from
 *       the histories, every intermediate move counted.
 * </ul>
 *
 * <h2>Data form: templates as plain data</h2>
 *
 * <ul>
 *   <li>{@link dev.lifecycle.core.TemplateSpec}: a template as data ({@code TemplateSpec.of(template)}, {@code
 *       toTemplate(registry)}), made of {@link dev.lifecycle.core.StageSpec}s, {@link dev.lifecycle.core.RuleSpec}s
 *       with {@link dev.lifecycle.core.ConditionSpec}s, or a built-in template extended by {@link
 *       dev.lifecycle.core.EditSpec}s. The {@code lifecycle-templates} module reads and writes it as JSON or YAML.
 *   <li>{@link dev.lifecycle.core.ConditionRegistry}: the application's own conditions by name, and condition types
 *       of other modules by type name, for data that names them.
 *   <li>{@link dev.lifecycle.core.ConditionType}: a condition type another module adds to the data form (its type
 *       name, parameters and factory), reading its parameters with {@link dev.lifecycle.core.ConditionParameters};
 *       {@link dev.lifecycle.core.DataCondition}: a condition that writes its own data form.
 *   <li>{@link dev.lifecycle.core.SpecException}: data that does not describe a valid template; lists every problem
 *       with its path.
 * </ul>
 */
@NullMarked
package dev.lifecycle.core;

import org.jspecify.annotations.NullMarked;
