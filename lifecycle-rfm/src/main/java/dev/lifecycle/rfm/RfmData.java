package dev.lifecycle.rfm;

import dev.lifecycle.core.Condition;
import dev.lifecycle.core.ConditionParameters;
import dev.lifecycle.core.ConditionSpec;
import dev.lifecycle.core.ConditionType;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The plain-data form of the RFM conditions, both ways: the one place that knows their type names and parameters.
 *
 * <p>{@code rfm-segment} takes {@code segment} and an optional {@code segment-map} (the built-in {@link
 * SegmentMap#tenSegments()} when left out, else the name of a map supplied at load time); {@code rfm-scores} takes
 * the ranges {@code recency}, {@code frequency} and {@code monetary}. Both take the scale either inline, as {@code
 * recency-breakpoints}, {@code frequency-breakpoints} and {@code monetary-breakpoints} (comma-separated decimals or
 * {@code Infinity}, one fewer than the scores) with an optional {@code monetary-value} ({@code total} or {@code mean},
 * total when left out), or as {@code fitted-scale}, the name of a scale supplied at load time; and an optional {@code
 * zone} (UTC when left out).
 */
final class RfmData {
    static final String SEGMENT_TYPE = "rfm-segment";
    static final String SCORES_TYPE = "rfm-scores";
    static final String SEGMENT = "segment";
    static final String SEGMENT_MAP = "segment-map";
    static final String FITTED_SCALE = "fitted-scale";
    static final String MONETARY_VALUE = "monetary-value";
    static final String ZONE = ConditionParameters.ZONE;
    /** The longest number a breakpoint list holds, in characters. */
    static final int MAX_NUMBER_CHARS = 40;

    private static final Pattern DECIMAL = Pattern.compile("[0-9]+(\\.[0-9]+)?|Infinity");

    private RfmData() {}

    /** {@return the breakpoint parameter of a dimension, such as {@code recency-breakpoints}} */
    static String breakpoints(Dimension dimension) {
        return dimension.key() + "-breakpoints";
    }

    /** The two condition types, reading scales and maps supplied by name. */
    static List<ConditionType> types(Map<String, RfmScale> scales, Map<String, SegmentMap> maps) {
        return List.of(new Type(SEGMENT_TYPE, scales, maps), new Type(SCORES_TYPE, scales, maps));
    }

    /** Writes a condition's data form. */
    static ConditionSpec spec(RfmCondition condition) {
        Map<String, String> parameters = new LinkedHashMap<>();
        SegmentMap map = condition.map();
        Segment target = condition.target();
        if (map == null) {
            for (Dimension dimension : Dimension.values()) {
                parameters.put(dimension.key(), target.range(dimension).toString());
            }
        } else {
            parameters.put(SEGMENT, target.name());
            if (!map.equals(SegmentMap.tenSegments())) {
                parameters.put(SEGMENT_MAP, map.name());
            }
        }
        String scaleName = condition.scaleName();
        RfmScale scale = condition.scale();
        if (scaleName != null) {
            parameters.put(FITTED_SCALE, scaleName);
        } else {
            for (Dimension dimension : Dimension.values()) {
                List<String> texts = new ArrayList<>();
                for (double b : scale.breakpoints(dimension)) {
                    texts.add(RfmScale.text(b));
                }
                parameters.put(breakpoints(dimension), String.join(", ", texts));
            }
            parameters.put(MONETARY_VALUE, scale.monetary().key());
        }
        if (!condition.zone().equals(ZoneOffset.UTC)) {
            parameters.put(ZONE, condition.zone().getId());
        }
        return new ConditionSpec(map == null ? SCORES_TYPE : SEGMENT_TYPE, parameters, List.of());
    }

    /** One condition type. */
    private record Type(String typeName, Map<String, RfmScale> scales, Map<String, SegmentMap> maps)
            implements ConditionType {

        @Override
        public Set<String> parameters() {
            Set<String> names = new LinkedHashSet<>();
            if (typeName.equals(SEGMENT_TYPE)) {
                names.add(SEGMENT);
                names.add(SEGMENT_MAP);
            } else {
                for (Dimension dimension : Dimension.values()) {
                    names.add(dimension.key());
                }
            }
            names.add(FITTED_SCALE);
            for (Dimension dimension : Dimension.values()) {
                names.add(breakpoints(dimension));
            }
            names.add(MONETARY_VALUE);
            names.add(ZONE);
            return Collections.unmodifiableSet(names);
        }

        @Override
        public Condition create(Map<String, String> parameters) {
            Values values = new Values(typeName, parameters);
            ZoneId zone = values.zone();
            String scaleName = parameters.containsKey(FITTED_SCALE) ? values.text(FITTED_SCALE) : null;
            RfmScale scale = values.scale(scaleName, scales);
            if (typeName.equals(SCORES_TYPE)) {
                Segment ranges = new Segment(
                        "scores",
                        values.range(Dimension.RECENCY),
                        values.range(Dimension.FREQUENCY),
                        values.range(Dimension.MONETARY));
                return values.checked(() -> new RfmCondition(scale, scaleName, zone, ranges, null));
            }
            SegmentMap map = values.map(maps);
            String name = values.text(SEGMENT);
            Segment segment = map.segment(name)
                    .orElseThrow(() -> new IllegalArgumentException(typeName + " parameter '" + SEGMENT + "': "
                            + ConditionParameters.quoted(name) + " is not a segment of " + map.name()
                            + "; its segments are "
                            + map.names().subList(0, map.segments().size())));
            return values.checked(() -> new RfmCondition(scale, scaleName, zone, segment, map));
        }
    }

    /** Reads one condition's parameters, each refusal naming the type, the parameter, its value and the rule. */
    private record Values(ConditionParameters read) {

        Values(String type, Map<String, String> parameters) {
            this(ConditionParameters.of(type, parameters));
        }

        private String type() {
            return read.type();
        }

        String text(String name) {
            return read.text(name);
        }

        ZoneId zone() {
            return read.zone();
        }

        ScoreRange range(Dimension dimension) {
            String text = text(dimension.key());
            try {
                return ScoreRange.parse(text);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        type() + " parameter '" + dimension.key() + "' " + e.getMessage(), e);
            }
        }

        SegmentMap map(Map<String, SegmentMap> maps) {
            if (!read.has(SEGMENT_MAP)) {
                return SegmentMap.tenSegments();
            }
            String name = text(SEGMENT_MAP);
            if (name.equals(SegmentMap.tenSegments().name())) {
                return SegmentMap.tenSegments();
            }
            SegmentMap map = maps.get(name);
            if (map == null) {
                throw new IllegalArgumentException(type() + " parameter '" + SEGMENT_MAP + "': no segment map named "
                        + ConditionParameters.quoted(name) + " is built in or was supplied; known: "
                        + known(SegmentMap.tenSegments().name(), maps.keySet()));
            }
            return map;
        }

        private static List<String> known(String builtIn, Set<String> supplied) {
            List<String> names = new ArrayList<>();
            names.add(builtIn);
            names.addAll(supplied);
            return names;
        }

        /** The scale supplied under {@code scaleName}, or the inline one; never both. */
        RfmScale scale(@Nullable String scaleName, Map<String, RfmScale> scales) {
            List<String> inline = new ArrayList<>();
            for (Dimension dimension : Dimension.values()) {
                inline.add(breakpoints(dimension));
            }
            inline.add(MONETARY_VALUE);
            if (scaleName != null) {
                for (String parameter : inline) {
                    if (read.has(parameter)) {
                        throw new IllegalArgumentException(type() + " takes '" + FITTED_SCALE + "' or the breakpoints,"
                                + " not both, but has '" + parameter + "' too");
                    }
                }
                RfmScale scale = scales.get(scaleName);
                if (scale == null) {
                    throw new IllegalArgumentException(type() + " parameter '" + FITTED_SCALE + "': no scale named "
                            + ConditionParameters.quoted(scaleName) + " was supplied; supplied: " + scales.keySet());
                }
                return scale;
            }
            Monetary monetary = Monetary.TOTAL;
            if (read.has(MONETARY_VALUE)) {
                String text = text(MONETARY_VALUE);
                monetary = switch (text) {
                    case "total" -> Monetary.TOTAL;
                    case "mean" -> Monetary.MEAN;
                    default ->
                        throw new IllegalArgumentException(type() + " parameter '" + MONETARY_VALUE
                                + "' must be total or mean but was " + ConditionParameters.quoted(text));
                };
            }
            List<List<Double>> lists = new ArrayList<>();
            for (Dimension dimension : Dimension.values()) {
                lists.add(numbers(breakpoints(dimension)));
            }
            Monetary value = monetary;
            return checked(() -> RfmScale.of(lists.get(0).size() + 1, value, lists.get(0), lists.get(1), lists.get(2)));
        }

        private List<Double> numbers(String name) {
            if (!read.has(name)) {
                throw new IllegalArgumentException(
                        type() + " needs '" + FITTED_SCALE + "' (the name of a scale supplied"
                                + " at load time) or the three breakpoint lists, but has no '" + name + "'");
            }
            String text = text(name);
            String[] parts = text.split(",", RfmScale.MAX_SCORES + 1);
            if (parts.length >= RfmScale.MAX_SCORES) {
                throw new IllegalArgumentException(type() + " parameter '" + name + "' must list at most "
                        + (RfmScale.MAX_SCORES - 1) + " breakpoints but was " + ConditionParameters.quoted(text));
            }
            List<Double> numbers = new ArrayList<>();
            for (String part : parts) {
                String number = part.strip();
                if (number.length() > MAX_NUMBER_CHARS
                        || !DECIMAL.matcher(number).matches()) {
                    throw new IllegalArgumentException(type() + " parameter '" + name + "' must be comma-separated"
                            + " decimal numbers (or Infinity) of at most " + MAX_NUMBER_CHARS + " characters each but "
                            + ConditionParameters.quoted(number) + " is not");
                }
                numbers.add(Double.parseDouble(number));
            }
            return numbers;
        }

        /** Runs a factory, prefixing its refusal with the type. */
        <T> T checked(java.util.function.Supplier<T> factory) {
            try {
                return factory.get();
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(type() + ": " + e.getMessage(), e);
            }
        }
    }
}
