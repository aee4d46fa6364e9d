package dev.lifecycle.rfm;

import dev.lifecycle.core.ConditionSpec;
import dev.lifecycle.core.CustomerProfile;
import dev.lifecycle.core.DataCondition;
import dev.lifecycle.core.EventType;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A customer's RFM scores at the classification's instant, on a fixed scale: in a named segment of a map, or within
 * three score ranges. The profile's values come from the same fold as {@link RfmValues#fromProfiles}.
 */
final class RfmCondition implements DataCondition {
    private final RfmScale scale;
    private final @Nullable String scaleName;
    private final ZoneId zone;
    /** The segment of {@link #map} the customer must be in, or the ranges the scores must be within. */
    private final Segment target;
    /** The map whose first match must be {@link #target}; null for a condition on scores alone. */
    private final @Nullable SegmentMap map;

    RfmCondition(RfmScale scale, @Nullable String scaleName, ZoneId zone, Segment target, @Nullable SegmentMap map) {
        this.scale = Objects.requireNonNull(scale, "scale");
        this.scaleName = scaleName;
        this.zone = Objects.requireNonNull(zone, "zone");
        this.target = Objects.requireNonNull(target, "target");
        this.map = map;
        int needed = map == null ? maxScore(target) : map.maxScore();
        if (needed > scale.scores()) {
            throw new IllegalArgumentException(
                    "the condition names scores up to " + needed + " but the scale has " + scale.scores());
        }
    }

    private static int maxScore(Segment segment) {
        return Math.max(
                segment.recency().high(),
                Math.max(segment.frequency().high(), segment.monetary().high()));
    }

    RfmScale scale() {
        return scale;
    }

    @Nullable
    String scaleName() {
        return scaleName;
    }

    ZoneId zone() {
        return zone;
    }

    Segment target() {
        return target;
    }

    @Nullable
    SegmentMap map() {
        return map;
    }

    /** The profile's values at the instant, or null when it has no order by then. */
    private @Nullable RfmValues valuesOf(CustomerProfile profile, Instant asOf) {
        RfmValues values = RfmValues.builder(asOf, zone).profile(profile).build();
        return values.size() == 0 ? null : values;
    }

    private boolean holds(RfmScore score) {
        return map == null
                ? target.contains(score)
                : map.indexOf(score) == map.segments().indexOf(target);
    }

    @Override
    public boolean test(CustomerProfile profile, Instant asOf) {
        RfmValues values = valuesOf(profile, asOf);
        return values != null && holds(scale.score(values, 0));
    }

    @Override
    public String description() {
        return map == null
                ? "RFM scores within R " + target.recency() + ", F " + target.frequency() + ", M " + target.monetary()
                : "RFM segment " + target.name() + " of " + map.name();
    }

    @Override
    public String evidence(CustomerProfile profile, Instant asOf) {
        RfmValues values = valuesOf(profile, asOf);
        if (values == null) {
            return description() + ": no orders";
        }
        RfmScore score = scale.score(values, 0);
        StringBuilder text =
                new StringBuilder(description()).append(": ").append(score).append(" (");
        for (Dimension dimension : Dimension.values()) {
            double value = values.value(dimension, scale.monetary(), 0);
            text.append(dimension == Dimension.RECENCY ? "" : "; ")
                    .append(RfmScale.text(value))
                    .append(' ')
                    .append(dimension == Dimension.MONETARY ? scale.monetary().key() : dimension.unit())
                    .append(", ")
                    .append(scale.describe(dimension));
        }
        return text.append(')').toString();
    }

    @Override
    public Optional<Set<EventType>> eventTypesRead() {
        return Optional.of(Set.of(EventType.PURCHASE));
    }

    @Override
    public ConditionSpec toSpec() {
        return RfmData.spec(this);
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof RfmCondition other
                && scale.equals(other.scale)
                && Objects.equals(scaleName, other.scaleName)
                && zone.equals(other.zone)
                && target.equals(other.target)
                && Objects.equals(map, other.map);
    }

    @Override
    public int hashCode() {
        return Objects.hash(scale, scaleName, zone, target, map);
    }

    @Override
    public String toString() {
        return description();
    }
}
