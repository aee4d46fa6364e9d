package dev.lifecycle.core;

import static java.util.Objects.requireNonNull;

import com.google.common.base.MoreObjects;
import com.google.common.collect.ImmutableSet;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Moves a customer from one of its {@linkplain #from() source stages} to its {@linkplain #to() target stage} when its
 * {@linkplain #condition() condition} holds.
 *
 * <p>When several rules leave a stage and hold, the one with the highest {@linkplain #priority() priority} fires; ties
 * go to the rule listed first in the template. Forward rules may skip stages (a first purchase moves a visitor straight
 * to conversion); backward moves happen only where a rule declares them, such as a lapse rule. Create rules with
 * {@link #builder(String)}. Instances are immutable and thread-safe when their condition is.
 */
public final class TransitionRule {
    private final String id;
    private final ImmutableSet<String> from;
    private final String to;
    private final Condition condition;
    private final int priority;
    private final @Nullable String customDescription;

    private TransitionRule(Builder b) {
        this.id = b.id;
        if (b.from.isEmpty()) {
            throw new IllegalArgumentException("rule '" + id + "' has no source stage; call from(...)");
        }
        if (b.to == null) {
            throw new IllegalArgumentException("rule '" + id + "' has no target stage; call to(...)");
        }
        if (b.condition == null) {
            throw new IllegalArgumentException("rule '" + id + "' has no condition; call when(...)");
        }
        if (b.from.contains(b.to)) {
            throw new IllegalArgumentException(
                    "rule '" + id + "' leads from stage '" + b.to + "' back to itself; a rule must change the stage");
        }
        this.from = ImmutableSet.copyOf(b.from);
        this.to = b.to;
        this.condition = b.condition;
        this.priority = b.priority;
        this.customDescription = b.description;
    }

    /**
     * Returns a builder for a rule with the given id.
     *
     * @param id a letter or digit followed by letters, digits, '_', '.' or '-'
     * @return a new builder
     * @throws NullPointerException if {@code id} is null
     * @throws IllegalArgumentException if {@code id} breaks the rule above
     */
    public static Builder builder(String id) {
        return new Builder(Checks.id(id, "rule id"));
    }

    /**
     * Returns a builder that starts from this rule's values.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        return copyInto(new Builder(id));
    }

    /**
     * Returns a copy of this rule with another id.
     *
     * @param newId the new id
     * @return the copy
     * @throws NullPointerException if {@code newId} is null
     * @throws IllegalArgumentException if {@code newId} is not a valid id
     */
    public TransitionRule withId(String newId) {
        return copyInto(builder(newId)).build();
    }

    /**
     * Returns a copy of this rule with another condition.
     *
     * @param newCondition the new condition
     * @return the copy
     * @throws NullPointerException if {@code newCondition} is null
     */
    public TransitionRule withCondition(Condition newCondition) {
        return toBuilder().when(newCondition).build();
    }

    private Builder copyInto(Builder b) {
        b.from.addAll(from);
        b.to = to;
        b.condition = condition;
        b.priority = priority;
        b.description = customDescription;
        return b;
    }

    /** {@return the rule's id, unique within its template} */
    public String id() {
        return id;
    }

    /** {@return the ids of the stages this rule leaves, in the order given} */
    public Set<String> from() {
        return from;
    }

    /** {@return the id of the stage this rule enters} */
    public String to() {
        return to;
    }

    /** {@return the condition that must hold for the rule to fire} */
    public Condition condition() {
        return condition;
    }

    /** {@return the priority; among rules that leave the same stage and hold, the highest fires} */
    public int priority() {
        return priority;
    }

    /** {@return a human-readable description, by default generated from the stages and the condition} */
    public String description() {
        return customDescription != null
                ? customDescription
                : String.join(", ", from) + " -> " + to + " when " + condition.description();
    }

    /** The description given to the builder, empty when it is generated. */
    Optional<String> customDescription() {
        return Optional.ofNullable(customDescription);
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof TransitionRule other
                && id.equals(other.id)
                && from.equals(other.from)
                && to.equals(other.to)
                && condition.equals(other.condition)
                && priority == other.priority
                && Objects.equals(customDescription, other.customDescription);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, from, to, condition, priority, customDescription);
    }

    @Override
    public String toString() {
        return MoreObjects.toStringHelper("TransitionRule")
                .add("id", id)
                .add("from", from)
                .add("to", to)
                .add("priority", priority)
                .add("condition", condition.description())
                .toString();
    }

    /** Builds a {@link TransitionRule}. Not thread-safe. */
    public static final class Builder {
        private final String id;
        private final Set<String> from = new LinkedHashSet<>();
        private @Nullable String to;
        private @Nullable Condition condition;
        private int priority;
        private @Nullable String description;

        private Builder(String id) {
            this.id = id;
        }

        /**
         * Sets the stages the rule leaves, replacing any set before.
         *
         * @param stageIds one or more stage ids
         * @return this builder
         * @throws NullPointerException if the array or an element is null
         * @throws IllegalArgumentException if no id is given, an id is invalid or an id repeats
         */
        public Builder from(String... stageIds) {
            requireNonNull(stageIds, "stageIds");
            if (stageIds.length == 0) {
                throw new IllegalArgumentException("rule '" + id + "' needs at least one source stage");
            }
            Set<String> ids = new LinkedHashSet<>();
            for (String stageId : stageIds) {
                if (!ids.add(Checks.id(stageId, "source stage of rule '" + id + "'"))) {
                    throw new IllegalArgumentException(
                            "rule '" + id + "' names source stage '" + stageId + "' more than once");
                }
            }
            from.clear();
            from.addAll(ids);
            return this;
        }

        /**
         * Sets the stage the rule enters.
         *
         * @param stageId the target stage's id
         * @return this builder
         * @throws NullPointerException if {@code stageId} is null
         * @throws IllegalArgumentException if the id is invalid
         */
        public Builder to(String stageId) {
            this.to = Checks.id(stageId, "target stage of rule '" + id + "'");
            return this;
        }

        /**
         * Sets the condition that must hold for the rule to fire.
         *
         * @param condition the condition
         * @return this builder
         * @throws NullPointerException if {@code condition} is null
         */
        public Builder when(Condition condition) {
            this.condition = requireNonNull(condition, "condition");
            return this;
        }

        /**
         * Sets the priority (default 0); higher fires first.
         *
         * @param priority any int
         * @return this builder
         */
        public Builder priority(int priority) {
            this.priority = priority;
            return this;
        }

        /**
         * Sets the human-readable description.
         *
         * @param description not blank
         * @return this builder
         * @throws NullPointerException if {@code description} is null
         * @throws IllegalArgumentException if {@code description} is blank
         */
        public Builder description(String description) {
            this.description = Checks.text(description, "description of rule '" + id + "'");
            return this;
        }

        /**
         * Returns the rule.
         *
         * @return a new rule
         * @throws IllegalArgumentException if the source stages, the target stage or the condition is missing, or
         *     the rule leads from a stage back to itself
         */
        public TransitionRule build() {
            return new TransitionRule(this);
        }
    }
}
