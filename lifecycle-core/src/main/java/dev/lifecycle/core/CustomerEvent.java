package dev.lifecycle.core;

import static java.util.Objects.requireNonNull;

import com.google.common.base.MoreObjects;
import com.google.common.collect.ImmutableMap;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One thing one customer did at one instant: a purchase, a visit, a referral, an NPS answer, an email open.
 *
 * <p>Create events with {@link #of(String, EventType, Instant)} or, when they carry an amount, a score, a custom type
 * or attributes, with {@link #builder(String, EventType, Instant)}. Every event has an id; one is generated when none
 * is given, and trackers use it to recognise an event delivered twice. Instances are immutable and thread-safe.
 */
public final class CustomerEvent {
    private final String eventId;
    private final String customerId;
    private final EventType type;
    private final Instant timestamp;
    private final @Nullable String customType;
    private final @Nullable Money amount;
    private final int npsScore;
    private final ImmutableMap<String, Double> attributes;

    private CustomerEvent(Builder builder) {
        this.customerId = Checks.text(builder.customerId, "customerId");
        this.type = requireNonNull(builder.type, "type");
        this.timestamp = requireNonNull(builder.timestamp, "timestamp");
        this.eventId = builder.eventId == null ? UUID.randomUUID().toString() : builder.eventId;
        this.customType = builder.customType;
        this.amount = builder.amount;
        this.npsScore = builder.npsScore;
        this.attributes = ImmutableMap.copyOf(builder.attributes);
        if (type == EventType.CUSTOM && customType == null) {
            throw new IllegalArgumentException(
                    "event of customer '" + customerId + "' has type CUSTOM but no customType; name the custom type");
        }
        if (type != EventType.CUSTOM && customType != null) {
            throw new IllegalArgumentException("customType '" + customType + "' is only allowed on CUSTOM events but"
                    + " the event of customer '" + customerId + "' has type " + type);
        }
        if (amount != null && type != EventType.PURCHASE && type != EventType.REFUND) {
            throw new IllegalArgumentException("amount " + amount + " is only allowed on PURCHASE and REFUND events"
                    + " but the event of customer '" + customerId + "' has type " + type);
        }
        if (type == EventType.NPS_ANSWER && npsScore < 0) {
            throw new IllegalArgumentException(
                    "NPS_ANSWER event of customer '" + customerId + "' has no npsScore; give the score 0..10");
        }
        if (type != EventType.NPS_ANSWER && npsScore >= 0) {
            throw new IllegalArgumentException("npsScore " + npsScore + " is only allowed on NPS_ANSWER events but"
                    + " the event of customer '" + customerId + "' has type " + type);
        }
    }

    /**
     * Returns an event with a generated id and nothing but its customer, type and instant.
     *
     * @param customerId the customer's id, not blank
     * @param type the event type; {@link EventType#CUSTOM} and {@link EventType#NPS_ANSWER} need the builder
     * @param timestamp when it happened
     * @return the event
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code customerId} is blank, the type needs more data (a custom type name,
     *     an NPS score), or {@code timestamp} is not a {@linkplain SupportedInstants supported instant}
     */
    public static CustomerEvent of(String customerId, EventType type, Instant timestamp) {
        return builder(customerId, type, timestamp).build();
    }

    /**
     * Returns a builder for an event of the given customer, type and instant.
     *
     * @param customerId the customer's id, checked on {@link Builder#build()}
     * @param type the event type
     * @param timestamp when it happened
     * @return a new builder
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code timestamp} is not a {@linkplain SupportedInstants supported instant}
     */
    public static Builder builder(String customerId, EventType type, Instant timestamp) {
        return new Builder(
                requireNonNull(customerId, "customerId"),
                requireNonNull(type, "type"),
                SupportedInstants.check(timestamp, "timestamp"));
    }

    /**
     * Returns a builder that starts from this event's values, id included.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        Builder builder = new Builder(customerId, type, timestamp);
        builder.eventId = eventId;
        builder.customType = customType;
        builder.amount = amount;
        builder.npsScore = npsScore;
        builder.attributes.putAll(attributes);
        return builder;
    }

    /**
     * Returns a copy of this event with another id.
     *
     * @param eventId the new id, not blank
     * @return the copy
     * @throws NullPointerException if {@code eventId} is null
     * @throws IllegalArgumentException if {@code eventId} is blank
     */
    public CustomerEvent withEventId(String eventId) {
        return toBuilder().eventId(eventId).build();
    }

    /**
     * Returns a copy of this event with an amount; only purchases and refunds carry one.
     *
     * @param amount the amount, not negative
     * @return the copy
     * @throws NullPointerException if {@code amount} is null
     * @throws IllegalArgumentException if the amount is negative or the type carries no amount
     */
    public CustomerEvent withAmount(Money amount) {
        return toBuilder().amount(amount).build();
    }

    /** {@return the event id, unique per event; a redelivered event has the same id} */
    public String eventId() {
        return eventId;
    }

    /** {@return the id of the customer the event belongs to} */
    public String customerId() {
        return customerId;
    }

    /** {@return the event type} */
    public EventType type() {
        return type;
    }

    /** {@return when the event happened} */
    public Instant timestamp() {
        return timestamp;
    }

    /** {@return the application's own type name of a {@link EventType#CUSTOM} event, empty for other types} */
    public Optional<String> customType() {
        return Optional.ofNullable(customType);
    }

    /** {@return the amount of a purchase or refund, if it was given} */
    public Optional<Money> amount() {
        return Optional.ofNullable(amount);
    }

    /** {@return the score of an {@link EventType#NPS_ANSWER} event, empty for other types} */
    public OptionalInt npsScore() {
        return npsScore < 0 ? OptionalInt.empty() : OptionalInt.of(npsScore);
    }

    /** {@return the numeric attributes the event sets on its customer's profile (the latest value wins)} */
    public Map<String, Double> attributes() {
        return attributes;
    }

    @Nullable
    Money amountOrNull() {
        return amount;
    }

    int npsScoreOrMinusOne() {
        return npsScore;
    }

    @Nullable
    String customTypeOrNull() {
        return customType;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof CustomerEvent other
                && eventId.equals(other.eventId)
                && customerId.equals(other.customerId)
                && type == other.type
                && timestamp.equals(other.timestamp)
                && Objects.equals(customType, other.customType)
                && Objects.equals(amount, other.amount)
                && npsScore == other.npsScore
                && attributes.equals(other.attributes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(eventId, customerId, type, timestamp, customType, amount, npsScore, attributes);
    }

    @Override
    public String toString() {
        return MoreObjects.toStringHelper("CustomerEvent")
                .omitNullValues()
                .add("eventId", eventId)
                .add("customerId", customerId)
                .add("type", type)
                .add("customType", customType)
                .add("timestamp", timestamp)
                .add("amount", amount)
                .add("npsScore", npsScore < 0 ? null : npsScore)
                .add("attributes", attributes.isEmpty() ? null : attributes)
                .toString();
    }

    /**
     * Builds a {@link CustomerEvent}. Not thread-safe; checks happen in the setters where they can and on
     * {@link #build()} for rules that span several fields.
     */
    public static final class Builder {
        private final String customerId;
        private final EventType type;
        private final Instant timestamp;
        private @Nullable String eventId;
        private @Nullable String customType;
        private @Nullable Money amount;
        private int npsScore = -1;
        private final Map<String, Double> attributes = new LinkedHashMap<>();

        private Builder(String customerId, EventType type, Instant timestamp) {
            this.customerId = customerId;
            this.type = type;
            this.timestamp = timestamp;
        }

        /**
         * Sets the event id; without one, {@link #build()} generates a random id.
         *
         * @param eventId the id, not blank
         * @return this builder
         * @throws NullPointerException if {@code eventId} is null
         * @throws IllegalArgumentException if {@code eventId} is blank
         */
        public Builder eventId(String eventId) {
            this.eventId = Checks.text(eventId, "eventId");
            return this;
        }

        /**
         * Names the application's own type of a {@link EventType#CUSTOM} event.
         *
         * @param customType the type name, a letter or digit followed by letters, digits, '_', '.' or '-'
         * @return this builder
         * @throws NullPointerException if {@code customType} is null
         * @throws IllegalArgumentException if the name breaks the rule above
         */
        public Builder customType(String customType) {
            this.customType = Checks.id(customType, "customType");
            return this;
        }

        /**
         * Sets the amount of a purchase or refund.
         *
         * @param amount the amount, zero or more
         * @return this builder
         * @throws NullPointerException if {@code amount} is null
         * @throws IllegalArgumentException if the amount is negative
         */
        public Builder amount(Money amount) {
            requireNonNull(amount, "amount");
            if (amount.isNegative()) {
                throw new IllegalArgumentException("amount must not be negative but was " + amount
                        + " (record money returned as a REFUND event with a positive amount)");
            }
            this.amount = amount;
            return this;
        }

        /**
         * Sets the score of an {@link EventType#NPS_ANSWER} event.
         *
         * @param score the answer, 0 to 10
         * @return this builder
         * @throws IllegalArgumentException if the score is outside 0..10
         */
        public Builder npsScore(int score) {
            this.npsScore = Checks.npsScore(score, "npsScore");
            return this;
        }

        /**
         * Sets a numeric attribute that the event records on its customer's profile.
         *
         * @param name the attribute name, a letter or digit followed by letters, digits, '_', '.' or '-'
         * @param value a finite number
         * @return this builder
         * @throws NullPointerException if {@code name} is null
         * @throws IllegalArgumentException if the name breaks the rule above or the value is not finite
         */
        public Builder attribute(String name, double value) {
            attributes.put(Checks.id(name, "attribute name"), Checks.finite(value, "attribute '" + name + "'"));
            return this;
        }

        /**
         * Returns the event.
         *
         * @return a new event
         * @throws IllegalArgumentException if the customer id is blank, a CUSTOM event has no type name, a non-custom
         *     event has one, an amount is set on an event other than a purchase or refund, or an NPS score is missing
         *     from an NPS answer or set on another type
         */
        public CustomerEvent build() {
            return new CustomerEvent(this);
        }
    }
}
