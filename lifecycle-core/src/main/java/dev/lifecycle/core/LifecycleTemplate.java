package dev.lifecycle.core;

import static java.util.Objects.requireNonNull;

import com.google.common.base.MoreObjects;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A customer lifecycle: its stages (a main path in order, plus side stages such as lapsed), the entry stage every
 * customer starts in, and the transition rules that move customers between stages.
 *
 * <p>Templates are validated when built: stage and rule ids are unique, the entry stage is on the main path, every
 * churn stage ({@link Stage#isChurn()}) is a side stage, every rule names stages of the template, and every main-path
 * stage can be reached from the entry stage through the rules. A template may have no churn stage; churn and
 * retention cannot be measured on it then. Start from a built-in template in {@link Templates} and edit it with {@link #toBuilder()}, or build one from
 * scratch with {@link #builder(String)}. Instances are immutable and thread-safe when their conditions are.
 */
public final class LifecycleTemplate {
    private final String name;
    private final ImmutableList<Stage> stages;
    private final String entryStageId;
    private final ImmutableList<TransitionRule> rules;

    private LifecycleTemplate(String name, List<Stage> stages, String entryStageId, List<TransitionRule> rules) {
        this.name = name;
        this.stages = ImmutableList.copyOf(stages);
        this.entryStageId = entryStageId;
        this.rules = ImmutableList.copyOf(rules);
    }

    /**
     * Returns a builder for an empty template with the given name.
     *
     * @param name a letter or digit followed by letters, digits, '_', '.' or '-', such as {@code "five-stage"}
     * @return a new builder
     * @throws NullPointerException if {@code name} is null
     * @throws IllegalArgumentException if {@code name} breaks the rule above
     */
    public static Builder builder(String name) {
        return new Builder(Checks.id(name, "template name"));
    }

    /**
     * Returns a builder holding this template's name, stages, entry stage and rules, for edits.
     *
     * @return a new builder; {@code toBuilder().build()} equals this template
     */
    public Builder toBuilder() {
        Builder b = new Builder(name);
        b.stages.addAll(stages);
        b.rules.addAll(rules);
        b.entryStageId = entryStageId;
        return b;
    }

    /** {@return the template's name} */
    public String name() {
        return name;
    }

    /** {@return all stages: the main-path stages in order, with the side stages where they were added} */
    public List<Stage> stages() {
        return stages;
    }

    /** {@return the main-path stages in order} */
    public List<Stage> mainPath() {
        return stages.stream().filter(s -> !s.isSideStage()).collect(ImmutableList.toImmutableList());
    }

    /** {@return the side stages, such as lapsed} */
    public List<Stage> sideStages() {
        return stages.stream().filter(Stage::isSideStage).collect(ImmutableList.toImmutableList());
    }

    /**
     * Returns the stages that count as churn, such as lapsed: a customer in one is no longer an active customer.
     *
     * @return the churn stages in template order, all of them side stages; empty when the template declares none, so
     *     that churn and retention cannot be measured on it
     */
    public List<Stage> churnStages() {
        return stages.stream().filter(Stage::isChurn).collect(ImmutableList.toImmutableList());
    }

    /**
     * Returns the stage with the given id.
     *
     * @param stageId a stage id
     * @return the stage, empty if the template has none with that id
     * @throws NullPointerException if {@code stageId} is null
     */
    public Optional<Stage> stage(String stageId) {
        requireNonNull(stageId, "stageId");
        return stages.stream().filter(s -> s.id().equals(stageId)).findFirst();
    }

    /** {@return the stage every customer starts in} */
    public Stage entryStage() {
        return stage(entryStageId).orElseThrow();
    }

    /** {@return the transition rules in template order, which breaks ties between rules of equal priority} */
    public List<TransitionRule> rules() {
        return rules;
    }

    /**
     * Returns the rule with the given id.
     *
     * @param ruleId a rule id
     * @return the rule, empty if the template has none with that id
     * @throws NullPointerException if {@code ruleId} is null
     */
    public Optional<TransitionRule> rule(String ruleId) {
        requireNonNull(ruleId, "ruleId");
        return rules.stream().filter(r -> r.id().equals(ruleId)).findFirst();
    }

    /**
     * Returns the main-path stages whose counts an input with events of the given types measures, as opposed to
     * stages whose counts only follow from the rules. A purchase history, for instance, says who bought but not who
     * visited or referred: on it, every buyer "reaches" awareness and no one reaches advocacy, and neither says
     * anything about those stages.
     *
     * <p>What a rule reads is its condition's {@link Condition#eventTypesRead()}; a condition that does not know
     * (a custom one) is taken to read every type, so that no stage is hidden that cannot be judged.
     *
     * <ul>
     *   <li>A stage other than the entry stage is measured when some rule entering it (any rule whose {@linkplain
     *       TransitionRule#to() target} it is, from the main path or a side stage) reads a type in {@code
     *       eventTypes}.
     *   <li>The entry stage, which every customer starts in, is measured when {@code eventTypes} holds a type that no
     *       rule leaving the entry stage reads: an event of that type shows a customer who stayed in the stage,
     *       whereas events that rules leaving it read only ever move customers on. With purchases only and a
     *       first-purchase rule leaving awareness, awareness is not measured; with site visits it is.
     * </ul>
     *
     * <p>Side stages are never in the result.
     *
     * @param eventTypes the event types present in the input (at or before the instant of the classification)
     * @return the ids of the measured main-path stages, in main-path order
     * @throws NullPointerException if {@code eventTypes} is null or holds null
     */
    public Set<String> measuredStages(Set<EventType> eventTypes) {
        requireNonNull(eventTypes, "eventTypes");
        Set<EventType> present = EnumSet.noneOf(EventType.class);
        for (EventType type : eventTypes) {
            present.add(requireNonNull(type, "eventTypes holds null"));
        }
        ImmutableSet.Builder<String> measured = ImmutableSet.builder();
        for (Stage stage : mainPath()) {
            if (stage.id().equals(entryStageId) ? entryStageMeasured(present) : entered(stage.id(), present)) {
                measured.add(stage.id());
            }
        }
        return measured.build();
    }

    /** Whether a present type is read by no rule leaving the entry stage (any unknown reader may read it). */
    private boolean entryStageMeasured(Set<EventType> present) {
        Set<EventType> unread = EnumSet.copyOf(present);
        for (TransitionRule rule : rules) {
            if (rule.from().contains(entryStageId)) {
                Optional<Set<EventType>> read = rule.condition().eventTypesRead();
                if (read.isEmpty()) {
                    return true;
                }
                unread.removeAll(read.get());
            }
        }
        return !unread.isEmpty();
    }

    /** Whether some rule entering the stage reads a present type, or may read any type. */
    private boolean entered(String stageId, Set<EventType> present) {
        for (TransitionRule rule : rules) {
            if (rule.to().equals(stageId)) {
                Optional<Set<EventType>> read = rule.condition().eventTypesRead();
                if (read.isEmpty() || !Collections.disjoint(read.get(), present)) {
                    return true;
                }
            }
        }
        return false;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof LifecycleTemplate other
                && name.equals(other.name)
                && stages.equals(other.stages)
                && entryStageId.equals(other.entryStageId)
                && rules.equals(other.rules);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, stages, entryStageId, rules);
    }

    @Override
    public String toString() {
        return MoreObjects.toStringHelper("LifecycleTemplate")
                .add("name", name)
                .add("stages", stages.stream().map(Stage::id).toList())
                .add("entry", entryStageId)
                .add("rules", rules.stream().map(TransitionRule::id).toList())
                .toString();
    }

    /**
     * Builds and edits a {@link LifecycleTemplate}. Each edit checks what it can at once (a duplicate id, an unknown
     * stage) and names the template; {@link #build()} checks the whole. Not thread-safe.
     */
    public static final class Builder {
        private String name;
        private final List<Stage> stages = new ArrayList<>();
        private final List<TransitionRule> rules = new ArrayList<>();
        private @Nullable String entryStageId;

        private Builder(String name) {
            this.name = name;
        }

        /**
         * Renames the template, as when a team's template starts from a built-in one.
         *
         * @param name a letter or digit followed by letters, digits, '_', '.' or '-'
         * @return this builder
         * @throws NullPointerException if {@code name} is null
         * @throws IllegalArgumentException if {@code name} breaks the rule above
         */
        public Builder name(String name) {
            this.name = Checks.id(name, "template name");
            return this;
        }

        /**
         * Appends a stage. Main-path stages follow each other in the order they are added.
         *
         * @param stage the stage
         * @return this builder
         * @throws NullPointerException if {@code stage} is null
         * @throws IllegalArgumentException if the template already has a stage with that id
         */
        public Builder addStage(Stage stage) {
            requireNonNull(stage, "stage");
            checkNewStageId(stage.id());
            stages.add(stage);
            return this;
        }

        /**
         * Inserts a stage right after an existing one.
         *
         * @param existingStageId the stage to insert after
         * @param stage the new stage
         * @return this builder
         * @throws NullPointerException if an argument is null
         * @throws IllegalArgumentException if the existing stage is unknown or the new id is taken
         */
        public Builder insertAfter(String existingStageId, Stage stage) {
            requireNonNull(stage, "stage");
            int index = indexOf(existingStageId);
            checkNewStageId(stage.id());
            stages.add(index + 1, stage);
            return this;
        }

        /**
         * Replaces a stage with another; when the id changes, the entry stage and every rule follow it.
         *
         * @param stageId the stage to replace
         * @param replacement the new stage
         * @return this builder
         * @throws NullPointerException if an argument is null
         * @throws IllegalArgumentException if the stage is unknown or the new id is taken by another stage
         */
        public Builder replaceStage(String stageId, Stage replacement) {
            requireNonNull(replacement, "replacement");
            int index = indexOf(stageId);
            String newId = replacement.id();
            if (!newId.equals(stageId)) {
                checkNewStageId(newId);
                rules.replaceAll(rule -> renameInRule(rule, stageId, newId));
                if (stageId.equals(entryStageId)) {
                    entryStageId = newId;
                }
            }
            stages.set(index, replacement);
            return this;
        }

        /**
         * Gives a stage another id and display name, keeping its metadata; rules and the entry stage follow.
         *
         * @param stageId the stage to rename
         * @param newId the new id
         * @param newName the new display name
         * @return this builder
         * @throws NullPointerException if an argument is null
         * @throws IllegalArgumentException if the stage is unknown, the new id is invalid or taken, or the name is
         *     blank
         */
        public Builder renameStage(String stageId, String newId, String newName) {
            requireNonNull(newId, "newId");
            requireNonNull(newName, "newName");
            Stage stage = stages.get(indexOf(stageId));
            return replaceStage(stageId, stage.withId(newId).withName(newName));
        }

        /**
         * Removes a stage. Rules that enter it are removed; rules that leave it no longer do, and are removed when it
         * was their only source stage. {@link #build()} reports stages that can no longer be reached.
         *
         * @param stageId the stage to remove
         * @return this builder
         * @throws NullPointerException if {@code stageId} is null
         * @throws IllegalArgumentException if the stage is unknown or is the entry stage
         */
        public Builder removeStage(String stageId) {
            int index = indexOf(stageId);
            if (stageId.equals(effectiveEntry())) {
                throw new IllegalArgumentException("cannot remove stage '" + stageId + "' of template '" + name
                        + "': it is the entry stage; set another entry stage first");
            }
            stages.remove(index);
            List<TransitionRule> kept = new ArrayList<>();
            for (TransitionRule rule : rules) {
                if (rule.to().equals(stageId)) {
                    continue;
                }
                if (rule.from().contains(stageId)) {
                    List<String> from = new ArrayList<>(rule.from());
                    from.remove(stageId);
                    if (from.isEmpty()) {
                        continue;
                    }
                    rule = rule.toBuilder().from(from.toArray(String[]::new)).build();
                }
                kept.add(rule);
            }
            rules.clear();
            rules.addAll(kept);
            return this;
        }

        /**
         * Splits one stage into two, as when Reach becomes Awareness and Interest. {@code first} takes the stage's
         * place and {@code second} follows it; rules that entered the old stage enter {@code first}, rules that left
         * it leave both. A new rule with id {@code "<first>-to-<second>"} moves customers from {@code first} to
         * {@code second} when {@code advance} holds; its priority is above every rule leaving the old stage, so a
         * customer who qualifies passes through {@code second}.
         *
         * @param stageId the stage to split
         * @param first the stage that takes its place
         * @param second the stage inserted after {@code first}
         * @param advance when a customer moves from {@code first} to {@code second}
         * @return this builder
         * @throws NullPointerException if an argument is null
         * @throws IllegalArgumentException if the stage is unknown, a new id is taken, the two new ids are equal, the
         *     two stages are not both on the main path or both side stages, or a rule leaving the stage has priority
         *     {@link Integer#MAX_VALUE}, leaving no priority above it
         */
        public Builder splitStage(String stageId, Stage first, Stage second, Condition advance) {
            requireNonNull(first, "first");
            requireNonNull(second, "second");
            requireNonNull(advance, "advance");
            int index = indexOf(stageId);
            Stage old = stages.get(index);
            if (first.id().equals(second.id())) {
                throw new IllegalArgumentException("cannot split stage '" + stageId + "' of template '" + name
                        + "' into two stages with the same id '" + first.id() + "'");
            }
            if (first.isSideStage() != old.isSideStage() || second.isSideStage() != old.isSideStage()) {
                throw new IllegalArgumentException("cannot split stage '" + stageId + "' of template '" + name
                        + "': both new stages must be " + (old.isSideStage() ? "side stages" : "on the main path")
                        + " like the stage they replace");
            }
            if (!second.id().equals(stageId)) {
                checkNewStageId(second.id());
            }
            String linkId = first.id() + "-to-" + second.id();
            checkNewRuleId(linkId);
            @Nullable TransitionRule highest = null;
            for (TransitionRule rule : rules) {
                if (rule.from().contains(stageId) && (highest == null || rule.priority() > highest.priority())) {
                    highest = rule;
                }
            }
            if (highest != null && highest.priority() == Integer.MAX_VALUE) {
                throw new IllegalArgumentException("cannot split stage '" + stageId + "' of template '" + name
                        + "': rule '" + highest.id() + "' leaving it has priority " + Integer.MAX_VALUE
                        + ", the highest there is, so no priority is left above it for rule '" + linkId + "'");
            }
            int linkPriority = highest == null ? 0 : highest.priority() + 1;
            replaceStage(stageId, first);
            stages.add(index + 1, second);
            String firstId = first.id();
            rules.replaceAll(rule -> {
                if (!rule.from().contains(firstId)) {
                    return rule;
                }
                Set<String> from = new LinkedHashSet<>(rule.from());
                from.add(second.id());
                from.remove(rule.to());
                return rule.toBuilder().from(from.toArray(String[]::new)).build();
            });
            rules.add(TransitionRule.builder(linkId)
                    .from(firstId)
                    .to(second.id())
                    .when(advance)
                    .priority(linkPriority)
                    .build());
            return this;
        }

        /**
         * Sets the entry stage; by default the first main-path stage.
         *
         * @param stageId a main-path stage of the template, checked on {@link #build()}
         * @return this builder
         * @throws NullPointerException if {@code stageId} is null
         */
        public Builder entryStage(String stageId) {
            this.entryStageId = requireNonNull(stageId, "stageId");
            return this;
        }

        /**
         * Appends a rule. Its stages are checked on {@link #build()}, so rules may be added before their stages.
         *
         * @param rule the rule
         * @return this builder
         * @throws NullPointerException if {@code rule} is null
         * @throws IllegalArgumentException if the template already has a rule with that id
         */
        public Builder addRule(TransitionRule rule) {
            requireNonNull(rule, "rule");
            checkNewRuleId(rule.id());
            rules.add(rule);
            return this;
        }

        /**
         * Replaces a rule, keeping its place in template order.
         *
         * @param ruleId the rule to replace
         * @param replacement the new rule
         * @return this builder
         * @throws NullPointerException if an argument is null
         * @throws IllegalArgumentException if the rule is unknown or the new id is taken by another rule
         */
        public Builder replaceRule(String ruleId, TransitionRule replacement) {
            requireNonNull(replacement, "replacement");
            int index = ruleIndexOf(ruleId);
            if (!replacement.id().equals(ruleId)) {
                checkNewRuleId(replacement.id());
            }
            rules.set(index, replacement);
            return this;
        }

        /**
         * Removes a rule.
         *
         * @param ruleId the rule to remove
         * @return this builder
         * @throws NullPointerException if {@code ruleId} is null
         * @throws IllegalArgumentException if the rule is unknown
         */
        public Builder removeRule(String ruleId) {
            rules.remove(ruleIndexOf(ruleId));
            return this;
        }

        /**
         * Returns the validated template.
         *
         * @return a new template
         * @throws IllegalArgumentException if the template has no main-path stage, the entry stage is unknown or a
         *     side stage, a churn stage is on the main path, a rule names a stage the template does not have, or a
         *     main-path stage cannot be reached from the entry stage
         */
        public LifecycleTemplate build() {
            if (stages.stream().allMatch(Stage::isSideStage)) {
                throw new IllegalArgumentException("template '" + name + "' has no main-path stage; add one");
            }
            String entry = requireNonNull(effectiveEntry(), "a template with a main-path stage has an entry stage");
            Map<String, Stage> byId = new HashMap<>();
            for (Stage stage : stages) {
                byId.put(stage.id(), stage);
            }
            Stage entryStage = byId.get(entry);
            if (entryStage == null) {
                throw new IllegalArgumentException(
                        "entry stage '" + entry + "' is not a stage of template '" + name + "'");
            }
            if (entryStage.isSideStage()) {
                throw new IllegalArgumentException("entry stage '" + entry + "' of template '" + name
                        + "' is a side stage; the entry stage must be on the main path");
            }
            for (Stage stage : stages) {
                if (stage.isChurn() && !stage.isSideStage()) {
                    throw new IllegalArgumentException(churnOnMainPath(name, stage.id()));
                }
            }
            for (TransitionRule rule : rules) {
                for (String from : rule.from()) {
                    if (!byId.containsKey(from)) {
                        throw new IllegalArgumentException("rule '" + rule.id() + "' leaves stage '" + from
                                + "', which template '" + name + "' does not have");
                    }
                }
                if (!byId.containsKey(rule.to())) {
                    throw new IllegalArgumentException("rule '" + rule.id() + "' targets stage '" + rule.to()
                            + "', which template '" + name + "' does not have");
                }
            }
            Set<String> reachable = reachableFrom(entry);
            for (Stage stage : stages) {
                if (!stage.isSideStage() && !reachable.contains(stage.id())) {
                    throw new IllegalArgumentException("main-path stage '" + stage.id() + "' of template '" + name
                            + "' cannot be reached from entry stage '" + entry + "': no chain of rules leads to it");
                }
            }
            return new LifecycleTemplate(name, stages, entry, rules);
        }

        /**
         * The one message for a churn stage on the main path, also used where templates are read from data.
         */
        static String churnOnMainPath(String template, String stageId) {
            return "stage '" + stageId + "' of template '" + template
                    + "' counts as churn but is on the main path; a churn stage must be a side stage, as a churned"
                    + " customer is off the main path";
        }

        private Set<String> reachableFrom(String entry) {
            Set<String> seen = new HashSet<>();
            Deque<String> queue = new ArrayDeque<>();
            seen.add(entry);
            queue.add(entry);
            while (!queue.isEmpty()) {
                String current = queue.poll();
                for (TransitionRule rule : rules) {
                    if (rule.from().contains(current) && seen.add(rule.to())) {
                        queue.add(rule.to());
                    }
                }
            }
            return seen;
        }

        private @Nullable String effectiveEntry() {
            if (entryStageId != null) {
                return entryStageId;
            }
            return stages.stream()
                    .filter(s -> !s.isSideStage())
                    .map(Stage::id)
                    .findFirst()
                    .orElse(null);
        }

        private int indexOf(String stageId) {
            requireNonNull(stageId, "stageId");
            for (int i = 0; i < stages.size(); i++) {
                if (stages.get(i).id().equals(stageId)) {
                    return i;
                }
            }
            throw new IllegalArgumentException("template '" + name + "' has no stage '" + stageId + "'");
        }

        private int ruleIndexOf(String ruleId) {
            requireNonNull(ruleId, "ruleId");
            for (int i = 0; i < rules.size(); i++) {
                if (rules.get(i).id().equals(ruleId)) {
                    return i;
                }
            }
            throw new IllegalArgumentException("template '" + name + "' has no rule '" + ruleId + "'");
        }

        private void checkNewStageId(String stageId) {
            for (Stage stage : stages) {
                if (stage.id().equals(stageId)) {
                    throw new IllegalArgumentException(
                            "template '" + name + "' already has a stage with id '" + stageId + "'");
                }
            }
        }

        private void checkNewRuleId(String ruleId) {
            for (TransitionRule rule : rules) {
                if (rule.id().equals(ruleId)) {
                    throw new IllegalArgumentException(
                            "template '" + name + "' already has a rule with id '" + ruleId + "'");
                }
            }
        }

        private static TransitionRule renameInRule(TransitionRule rule, String oldId, String newId) {
            if (!rule.from().contains(oldId) && !rule.to().equals(oldId)) {
                return rule;
            }
            String[] from =
                    rule.from().stream().map(s -> s.equals(oldId) ? newId : s).toArray(String[]::new);
            return rule.toBuilder()
                    .from(from)
                    .to(rule.to().equals(oldId) ? newId : rule.to())
                    .build();
        }
    }
}
