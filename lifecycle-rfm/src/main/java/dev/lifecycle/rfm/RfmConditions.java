package dev.lifecycle.rfm;

import dev.lifecycle.core.Condition;
import dev.lifecycle.core.ConditionParameters;
import dev.lifecycle.core.ConditionType;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Conditions for lifecycle rules on a customer's RFM segment or scores at the classification's instant, on a fixed
 * {@link RfmScale} (last quarter's breakpoints, say): a template can send "Can't Lose Them" customers to a win-back
 * stage. The customer's values are folded from the profile's orders as {@link RfmValues#fromProfiles} does; a profile
 * without orders by then is in no segment, and the conditions are false for it. The evidence names the scores, the
 * values and the breakpoints: {@code "RFM segment Can't Lose Them of RFM ten segments: R1 F4 M5 (400 days, R
 * breakpoints 115, 181, 297.4, 482 days; 7 orders, F breakpoints 4, 5, 6, 8 orders; 812 total, M breakpoints 255.8,
 * 382, 506.4, 666 total)"}.
 *
 * <p>Template files use them through the {@linkplain #conditionTypes() condition types} registered in a {@link
 * dev.lifecycle.core.ConditionRegistry}, with the scale inline or supplied by name at load time:
 *
 * <pre>{@code
 * when: {type: rfm-segment, segment: Can't Lose Them, recency-breakpoints: "115, 181, 297.4, 482",
 *        frequency-breakpoints: "4, 5, 6, 8", monetary-breakpoints: "255.8, 382, 506.4, 666"}
 * when: {type: rfm-segment, segment: Champions, segment-map: Klaviyo six, fitted-scale: last-quarter}
 * when: {type: rfm-scores, recency: 1-2, frequency: 4-5, monetary: 1-5, fitted-scale: last-quarter}
 * }</pre>
 *
 * <p>{@code segment-map} is the built-in {@link SegmentMap#tenSegments()} when left out; {@code monetary-value} is
 * {@code total} or {@code mean} (total when left out); {@code zone} is UTC when left out. The conditions write
 * themselves back in the same form (a supplied scale by its name, a map by its name), so a template holding them is
 * written to a file and read back equal.
 *
 * <p>The conditions are values, read only purchases, and are immutable and thread-safe.
 */
public final class RfmConditions {
    private RfmConditions() {}

    /**
     * Returns a condition that holds when the customer's scores put it in a segment of a map (its first match).
     *
     * @param segment the segment's name
     * @param map the segment map
     * @param scale the scale that scores the customer
     * @param zone the zone whose calendar days recency counts
     * @return the condition
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the map has no such segment or names scores above the scale's
     */
    public static Condition inSegment(String segment, SegmentMap map, RfmScale scale, ZoneId zone) {
        Objects.requireNonNull(segment, "segment");
        Segment target = map.segment(segment)
                .orElseThrow(() -> new IllegalArgumentException(ConditionParameters.quoted(segment)
                        + " is not a segment of " + map.name() + "; its segments are "
                        + map.names().subList(0, map.segments().size())));
        return new RfmCondition(scale, null, zone, target, map);
    }

    /**
     * Returns a condition that holds when the customer's scores are in a segment of {@link SegmentMap#tenSegments()},
     * counting recency's days in UTC.
     *
     * @param segment the segment's name, such as {@code Can't Lose Them}
     * @param scale the scale that scores the customer, of five scores or more
     * @return the condition
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the map has no such segment or the scale has fewer than five scores
     */
    public static Condition inSegment(String segment, RfmScale scale) {
        return inSegment(segment, SegmentMap.tenSegments(), scale, ZoneOffset.UTC);
    }

    /**
     * Returns a condition that holds when each of the customer's scores is within its range.
     *
     * @param recency the range of recency scores
     * @param frequency the range of frequency scores
     * @param monetary the range of monetary scores
     * @param scale the scale that scores the customer
     * @param zone the zone whose calendar days recency counts
     * @return the condition
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if a range names scores above the scale's
     */
    public static Condition scoresWithin(
            ScoreRange recency, ScoreRange frequency, ScoreRange monetary, RfmScale scale, ZoneId zone) {
        return new RfmCondition(scale, null, zone, new Segment("scores", recency, frequency, monetary), null);
    }

    /**
     * {@return the condition types {@code rfm-segment} and {@code rfm-scores} for template files whose scales are
     * inline and whose maps are the built-in one}
     */
    public static List<ConditionType> conditionTypes() {
        return conditionTypes(Map.of(), List.of());
    }

    /**
     * Returns the condition types for template files that may also name scales and segment maps supplied here
     * ({@code fitted-scale: last-quarter}, {@code segment-map: Klaviyo six}). A condition read with a supplied scale
     * writes that name back, not its breakpoints.
     *
     * @param scales scales by the names files use
     * @param maps segment maps, which files name by their {@link SegmentMap#name()}
     * @return {@code rfm-segment} and {@code rfm-scores}
     * @throws NullPointerException if an argument, a name, a scale or a map is null
     * @throws IllegalArgumentException if a scale's name is blank or two maps share a name
     */
    public static List<ConditionType> conditionTypes(Map<String, RfmScale> scales, Collection<SegmentMap> maps) {
        Map<String, RfmScale> scaleCopy = new LinkedHashMap<>();
        scales.forEach((name, scale) -> {
            Objects.requireNonNull(name, "scale name");
            Objects.requireNonNull(scale, "scale");
            if (name.isBlank()) {
                throw new IllegalArgumentException(
                        "scale name must not be blank but was " + ConditionParameters.quoted(name));
            }
            scaleCopy.put(name, scale);
        });
        Map<String, SegmentMap> mapCopy = new LinkedHashMap<>();
        for (SegmentMap map : maps) {
            if (mapCopy.put(map.name(), map) != null) {
                throw new IllegalArgumentException(
                        "two segment maps are named " + ConditionParameters.quoted(map.name()));
            }
        }
        return RfmData.types(Collections.unmodifiableMap(scaleCopy), Collections.unmodifiableMap(mapCopy));
    }
}
