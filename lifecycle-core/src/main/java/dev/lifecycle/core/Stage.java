package dev.lifecycle.core;

import static java.util.Objects.requireNonNull;

import com.google.common.base.MoreObjects;
import com.google.common.collect.ImmutableList;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One stage of a customer lifecycle, with the metadata marketing teams attach to it: the channels that work in it,
 * the key touchpoints of the customer journey that fall into it, the metrics that measure it, and a note on the current
 * strategy.
 *
 * <p>A stage is either on the template's main path (ordered: a customer moves forward along it) or a side stage such
 * as {@code lapsed}, which is how a cyclic lifecycle is modelled. A side stage may count as churn ({@link #isChurn()}):
 * a customer in it is no longer an active customer, as in {@code lapsed}, unlike a side stage such as {@code vip}. A
 * churned customer is off the main path, so a churn stage must be a side stage; {@link LifecycleTemplate.Builder#build()}
 * checks that. Create stages with {@link #builder(String)}. Instances are immutable and thread-safe.
 */
public final class Stage {
    private final String id;
    private final String name;
    private final String description;
    private final boolean side;
    private final boolean churn;
    private final ImmutableList<String> channels;
    private final ImmutableList<String> touchpoints;
    private final ImmutableList<String> metrics;
    private final String strategy;

    private Stage(Builder b) {
        this.id = b.id;
        this.name = b.name == null ? b.id : b.name;
        this.description = b.description;
        this.side = b.side;
        this.churn = b.churn;
        this.channels = ImmutableList.copyOf(b.channels);
        this.touchpoints = ImmutableList.copyOf(b.touchpoints);
        this.metrics = ImmutableList.copyOf(b.metrics);
        this.strategy = b.strategy;
    }

    /**
     * Returns a builder for a main-path stage with the given id; the display name defaults to the id.
     *
     * @param id a letter or digit followed by letters, digits, '_', '.' or '-'
     * @return a new builder
     * @throws NullPointerException if {@code id} is null
     * @throws IllegalArgumentException if {@code id} is empty or breaks the rule above
     */
    public static Builder builder(String id) {
        return new Builder(Checks.id(id, "stage id"));
    }

    /**
     * Returns a builder that starts from this stage's values.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        return copyInto(new Builder(id));
    }

    /**
     * Returns a copy of this stage with another id and the same metadata.
     *
     * @param newId the new id
     * @return the copy
     * @throws NullPointerException if {@code newId} is null
     * @throws IllegalArgumentException if {@code newId} is not a valid id
     */
    public Stage withId(String newId) {
        return copyInto(builder(newId)).build();
    }

    private Builder copyInto(Builder b) {
        b.name = name;
        b.description = description;
        b.side = side;
        b.churn = churn;
        b.channels.addAll(channels);
        b.touchpoints.addAll(touchpoints);
        b.metrics.addAll(metrics);
        b.strategy = strategy;
        return b;
    }

    /**
     * Returns a copy of this stage with another display name.
     *
     * @param newName the new name, not blank
     * @return the copy
     * @throws NullPointerException if {@code newName} is null
     * @throws IllegalArgumentException if {@code newName} is blank
     */
    public Stage withName(String newName) {
        return toBuilder().name(newName).build();
    }

    /** {@return the stable id, such as {@code "retention"}} */
    public String id() {
        return id;
    }

    /** {@return the display name, such as {@code "Retention"}} */
    public String name() {
        return name;
    }

    /** {@return what a customer in this stage does or has done; empty when not given} */
    public String description() {
        return description;
    }

    /** {@return whether this is a side stage (such as lapsed) rather than a stage of the main path} */
    public boolean isSideStage() {
        return side;
    }

    /**
     * Tells whether a customer in this stage counts as churned: no longer an active customer, as in {@code lapsed}.
     * Churn and retention rates count customers who enter such a stage as lost. A template accepts a churn stage
     * only as a side stage.
     *
     * @return whether this stage counts as churn
     */
    public boolean isChurn() {
        return churn;
    }

    /** {@return the marketing channels that work in this stage} */
    public List<String> channels() {
        return channels;
    }

    /** {@return the key touchpoints of the customer journey that fall into this stage} */
    public List<String> touchpoints() {
        return touchpoints;
    }

    /** {@return the metrics that measure this stage} */
    public List<String> metrics() {
        return metrics;
    }

    /** {@return a short note on the current marketing and sales strategy for this stage; empty when not given} */
    public String strategy() {
        return strategy;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof Stage other
                && id.equals(other.id)
                && name.equals(other.name)
                && description.equals(other.description)
                && side == other.side
                && churn == other.churn
                && channels.equals(other.channels)
                && touchpoints.equals(other.touchpoints)
                && metrics.equals(other.metrics)
                && strategy.equals(other.strategy);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, name, description, side, churn, channels, touchpoints, metrics, strategy);
    }

    @Override
    public String toString() {
        return MoreObjects.toStringHelper("Stage")
                .add("id", id)
                .add("name", name)
                .add("side", side)
                .add("churn", churn)
                .toString();
    }

    /** Builds a {@link Stage}. Not thread-safe. */
    public static final class Builder {
        private final String id;
        private @Nullable String name;
        private String description = "";
        private boolean side;
        private boolean churn;
        private final List<String> channels = new ArrayList<>();
        private final List<String> touchpoints = new ArrayList<>();
        private final List<String> metrics = new ArrayList<>();
        private String strategy = "";

        private Builder(String id) {
            this.id = id;
        }

        /**
         * Sets the display name.
         *
         * @param name not blank
         * @return this builder
         * @throws NullPointerException if {@code name} is null
         * @throws IllegalArgumentException if {@code name} is blank
         */
        public Builder name(String name) {
            this.name = Checks.text(name, "name of stage '" + id + "'");
            return this;
        }

        /**
         * Sets the description.
         *
         * @param description any text, empty allowed
         * @return this builder
         * @throws NullPointerException if {@code description} is null
         */
        public Builder description(String description) {
            this.description = requireNonNull(description, "description");
            return this;
        }

        /**
         * Makes this a side stage (true) or a main-path stage (false, the default).
         *
         * @param side whether the stage is off the main path
         * @return this builder
         */
        public Builder sideStage(boolean side) {
            this.side = side;
            return this;
        }

        /**
         * Makes this a churn stage (true): a customer in it is no longer an active customer, as in {@code lapsed}. The
         * default is false. A churn stage must also be a side stage ({@link #sideStage(boolean)}); the template it is
         * added to checks that when it is built.
         *
         * @param churn whether a customer in this stage counts as churned
         * @return this builder
         */
        public Builder churn(boolean churn) {
            this.churn = churn;
            return this;
        }

        /**
         * Adds marketing channels.
         *
         * @param channels names, not blank
         * @return this builder
         * @throws NullPointerException if the array or an element is null
         * @throws IllegalArgumentException if an element is blank
         */
        public Builder channels(String... channels) {
            addAll(this.channels, channels, "channel");
            return this;
        }

        /**
         * Adds key touchpoints.
         *
         * @param touchpoints names, not blank
         * @return this builder
         * @throws NullPointerException if the array or an element is null
         * @throws IllegalArgumentException if an element is blank
         */
        public Builder touchpoints(String... touchpoints) {
            addAll(this.touchpoints, touchpoints, "touchpoint");
            return this;
        }

        /**
         * Adds the metrics that measure this stage.
         *
         * @param metrics names, not blank
         * @return this builder
         * @throws NullPointerException if the array or an element is null
         * @throws IllegalArgumentException if an element is blank
         */
        public Builder metrics(String... metrics) {
            addAll(this.metrics, metrics, "metric");
            return this;
        }

        /**
         * Sets the strategy note.
         *
         * @param strategy any text, empty allowed
         * @return this builder
         * @throws NullPointerException if {@code strategy} is null
         */
        public Builder strategy(String strategy) {
            this.strategy = requireNonNull(strategy, "strategy");
            return this;
        }

        /**
         * Returns the stage.
         *
         * @return a new stage
         */
        public Stage build() {
            return new Stage(this);
        }

        private void addAll(List<String> target, String[] values, String what) {
            requireNonNull(values, what + "s");
            for (String value : values) {
                target.add(Checks.text(value, what + " of stage '" + id + "'"));
            }
        }
    }
}
