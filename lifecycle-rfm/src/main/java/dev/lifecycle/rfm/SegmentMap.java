package dev.lifecycle.rfm;

import dev.lifecycle.core.ConditionParameters;
import dev.lifecycle.core.SpecException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Named RFM segments as data: each segment a name with a range of recency, frequency and monetary scores; a customer
 * belongs to the first segment whose three ranges hold its scores, and to {@link #others()} when none does.
 *
 * <p><b>Data form</b> ({@link #toData()}, {@link #fromData(Map)}), as template files write it:
 *
 * <pre>{@code
 * name: RFM ten segments
 * others: Others            # optional, "Others" by default
 * segments:
 *   - {name: Champions, recency: 5, frequency: 5, monetary: 5}
 *   - {name: Potential Loyalist, recency: 3-5, frequency: 3-5, monetary: 2-5}
 * }</pre>
 *
 * <p><b>Names</b> are 1 to {@link #MAX_NAME_LENGTH} characters without control characters, not blank and not
 * starting with {@code (} (kept for {@link SegmentMigration#NONE}), distinct within a map, the name of {@link
 * #others()} included. A map has 1 to {@link #MAX_SEGMENTS} segments.
 *
 * <p>Instances are immutable and thread-safe values.
 */
public final class SegmentMap {
    /** The most segments of one map. */
    public static final int MAX_SEGMENTS = 100;
    /** The longest name of a map or segment. */
    public static final int MAX_NAME_LENGTH = 100;
    /** The name of the customers no segment holds, unless a map names them otherwise. */
    public static final String OTHERS = "Others";

    private static final List<String> KEYS = List.of("name", "others", "segments");
    private static final List<String> SEGMENT_KEYS = List.of("name", "recency", "frequency", "monetary");

    private static final SegmentMap TEN = of(
            "RFM ten segments",
            List.of(
                    segment("Champions", 5, 5, 5, 5, 5, 5),
                    segment("Potential Loyalist", 3, 5, 3, 5, 2, 5),
                    segment("Loyal Customers", 2, 4, 2, 4, 2, 4),
                    segment("Promising", 3, 4, 1, 3, 3, 5),
                    segment("New Customers", 4, 5, 1, 3, 1, 5),
                    segment("Can't Lose Them", 1, 2, 3, 4, 4, 5),
                    segment("At Risk", 1, 2, 2, 5, 4, 5),
                    segment("Need Attention", 1, 3, 3, 5, 3, 5),
                    segment("About To Sleep", 2, 3, 1, 3, 1, 4),
                    segment("Lost", 1, 1, 1, 5, 1, 5)),
            OTHERS);

    private final String name;
    private final List<Segment> segments;
    private final String others;

    private SegmentMap(String name, List<Segment> segments, String others) {
        this.name = name;
        this.segments = segments;
        this.others = others;
    }

    /**
     * Returns a map.
     *
     * @param name the map's name
     * @param segments the segments, in the order they are tried
     * @param others the name of the customers no segment holds
     * @return the map
     * @throws NullPointerException if an argument or segment is null
     * @throws IllegalArgumentException naming the value and the rule when a name breaks the naming rule, names repeat,
     *     or there are no segments or more than {@link #MAX_SEGMENTS}
     */
    public static SegmentMap of(String name, List<Segment> segments, String others) {
        checkName("map name", name);
        checkName("others", others);
        List<Segment> copy = List.copyOf(segments);
        if (copy.isEmpty() || copy.size() > MAX_SEGMENTS) {
            throw new IllegalArgumentException(
                    "a segment map has 1 to " + MAX_SEGMENTS + " segments but " + name + " has " + copy.size());
        }
        Set<String> names = new HashSet<>();
        for (Segment segment : copy) {
            if (!names.add(segment.name())) {
                throw new IllegalArgumentException("segment name \"" + segment.name() + "\" is used twice in " + name);
            }
        }
        if (names.contains(others)) {
            throw new IllegalArgumentException(
                    "others \"" + others + "\" must not be the name of a segment of " + name);
        }
        return new SegmentMap(name, copy, others);
    }

    /**
     * Returns the ten-segment map of the R package {@code rfm} and of many notebooks, for five scores, in its order:
     * Champions (R 5, F 5, M 5), Potential Loyalist (R 3-5, F 3-5, M 2-5), Loyal Customers (R 2-4, F 2-4, M 2-4),
     * Promising (R 3-4, F 1-3, M 3-5), New Customers (R 4-5, F 1-3, M 1-5), Can't Lose Them (R 1-2, F 3-4, M 4-5), At
     * Risk (R 1-2, F 2-5, M 4-5), Need Attention (R 1-3, F 3-5, M 3-5), About To Sleep (R 2-3, F 1-3, M 1-4), Lost
     * (R 1, F 1-5, M 1-5); anyone else Others.
     *
     * @return the map
     */
    public static SegmentMap tenSegments() {
        return TEN;
    }

    private static Segment segment(String name, int rLow, int rHigh, int fLow, int fHigh, int mLow, int mHigh) {
        return new Segment(name, new ScoreRange(rLow, rHigh), new ScoreRange(fLow, fHigh), new ScoreRange(mLow, mHigh));
    }

    static String checkName(String what, String name) {
        Objects.requireNonNull(name, what);
        if (name.isBlank()
                || name.length() > MAX_NAME_LENGTH
                || name.startsWith("(")
                || name.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException(what + " must be 1 to " + MAX_NAME_LENGTH
                    + " characters, not blank, without control characters and not starting with ( but was "
                    + ConditionParameters.quoted(name.replaceAll("\\p{Cntrl}", "?")));
        }
        return name;
    }

    /**
     * Reads a map's data form, reporting every problem found with its path ({@code segments[2].recency}).
     *
     * @param data the data form: text, numbers, lists and maps as a JSON or YAML reader gives them
     * @return the map
     * @throws NullPointerException if {@code data} is null
     * @throws SpecException listing every problem
     */
    public static SegmentMap fromData(Map<String, ?> data) {
        Objects.requireNonNull(data, "data");
        List<SpecException.Problem> problems = new ArrayList<>();
        unknownKeys(data, KEYS, "", problems);
        String name = text(data, "name", "name", problems);
        Object othersValue = data.get("others");
        String others = othersValue == null ? OTHERS : text(data, "others", "others", problems);
        Object segmentsValue = data.get("segments");
        List<Segment> segments = new ArrayList<>();
        if (!(segmentsValue instanceof List<?> list)) {
            problems.add(new SpecException.Problem(
                    "segments", segmentsValue == null ? "is required" : "must be a list of segments"));
        } else if (list.isEmpty() || list.size() > MAX_SEGMENTS) {
            problems.add(new SpecException.Problem(
                    "segments", "must hold 1 to " + MAX_SEGMENTS + " segments but holds " + list.size()));
        } else {
            Set<String> names = new HashSet<>();
            for (int i = 0; i < list.size(); i++) {
                String path = "segments[" + i + "]";
                Object item = list.get(i);
                Segment segment = segment(item, path, problems);
                if (segment != null) {
                    segments.add(segment);
                }
                // a repeated name is reported even when the segment has other problems
                if (item instanceof Map<?, ?> fields
                        && fields.get("name") instanceof String named
                        && !names.add(named)) {
                    problems.add(new SpecException.Problem(
                            path + ".name", "\"" + named + "\" names an earlier segment too"));
                }
            }
            if (others != null && names.contains(others)) {
                problems.add(new SpecException.Problem(
                        othersValue == null ? "segments" : "others",
                        "\"" + others + "\" is the name of customers no segment holds and must not name a segment"));
            }
        }
        if (!problems.isEmpty() || name == null || others == null) {
            throw SpecException.of("segment map" + (name == null ? "" : " " + name), problems);
        }
        return of(name, segments, others);
    }

    private static @Nullable Segment segment(
            @Nullable Object value, String path, List<SpecException.Problem> problems) {
        if (!(value instanceof Map<?, ?> map)) {
            problems.add(new SpecException.Problem(path, "must be a segment: name, recency, frequency, monetary"));
            return null;
        }
        unknownKeys(map, SEGMENT_KEYS, path + ".", problems);
        String name = text(map, "name", path + ".name", problems);
        ScoreRange[] ranges = new ScoreRange[3];
        for (Dimension dimension : Dimension.values()) {
            String key = dimension.key();
            String text = text(map, key, path + "." + key, problems);
            if (text != null) {
                try {
                    ranges[dimension.ordinal()] = ScoreRange.parse(text);
                } catch (IllegalArgumentException e) {
                    problems.add(new SpecException.Problem(path + "." + key, String.valueOf(e.getMessage())));
                }
            }
        }
        ScoreRange r = ranges[0];
        ScoreRange f = ranges[1];
        ScoreRange m = ranges[2];
        return name == null || r == null || f == null || m == null ? null : new Segment(name, r, f, m);
    }

    private static void unknownKeys(
            Map<?, ?> map, List<String> known, String prefix, List<SpecException.Problem> problems) {
        for (Object key : map.keySet()) {
            if (!known.contains(String.valueOf(key))) {
                problems.add(new SpecException.Problem(
                        prefix + key, "is not a key here; the keys are " + String.join(", ", known)));
            }
        }
    }

    /** A required text (or number) value that passes the naming rule where it is a name. */
    private static @Nullable String text(Map<?, ?> map, String key, String path, List<SpecException.Problem> problems) {
        Object value = map.get(key);
        if (value == null) {
            problems.add(new SpecException.Problem(path, "is required"));
            return null;
        }
        if (!(value instanceof String) && !(value instanceof Number)) {
            problems.add(new SpecException.Problem(path, "must be text"));
            return null;
        }
        String text = String.valueOf(value);
        if (key.equals("name") || key.equals("others")) {
            try {
                checkName(key, text);
            } catch (IllegalArgumentException e) {
                problems.add(new SpecException.Problem(path, String.valueOf(e.getMessage())));
                return null;
            }
        }
        return text;
    }

    /**
     * Returns the data form that {@link #fromData(Map)} reads back equal.
     *
     * @return the map as plain data: text, lists and maps in a stable order
     */
    public Map<String, Object> toData() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("name", name);
        data.put("others", others);
        List<Object> list = new ArrayList<>();
        for (Segment segment : segments) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("name", segment.name());
            for (Dimension dimension : Dimension.values()) {
                item.put(dimension.key(), segment.range(dimension).toString());
            }
            list.add(item);
        }
        data.put("segments", list);
        return data;
    }

    /** {@return the map's name} */
    public String name() {
        return name;
    }

    /** {@return the segments, in the order they are tried} */
    public List<Segment> segments() {
        return segments;
    }

    /** {@return the name of the customers no segment holds} */
    public String others() {
        return others;
    }

    /** {@return the segments' names in order, then {@link #others()}: every name a customer can get} */
    public List<String> names() {
        List<String> names = new ArrayList<>();
        for (Segment segment : segments) {
            names.add(segment.name());
        }
        names.add(others);
        return List.copyOf(names);
    }

    /**
     * Returns the segment a customer's scores fall in.
     *
     * @param score the scores
     * @return the index in {@link #names()} of the first segment that holds them, or of {@link #others()}
     */
    public int indexOf(RfmScore score) {
        Objects.requireNonNull(score, "score");
        for (int i = 0; i < segments.size(); i++) {
            if (segments.get(i).contains(score)) {
                return i;
            }
        }
        return segments.size();
    }

    /**
     * Names the segment a customer's scores fall in.
     *
     * @param score the scores
     * @return the first segment's name that holds them, or {@link #others()}
     */
    public String segmentOf(RfmScore score) {
        return nameAt(indexOf(score));
    }

    /** The name at an index of {@link #names()}. */
    String nameAt(int index) {
        return index == segments.size() ? others : segments.get(index).name();
    }

    /**
     * Finds a segment by name.
     *
     * @param segmentName a name
     * @return the segment, empty for {@link #others()} and names the map does not have
     */
    public Optional<Segment> segment(String segmentName) {
        return segments.stream().filter(s -> s.name().equals(segmentName)).findFirst();
    }

    /** {@return the highest score any range names: the fewest scores a scale needs for this map} */
    public int maxScore() {
        int max = 1;
        for (Segment segment : segments) {
            for (Dimension dimension : Dimension.values()) {
                max = Math.max(max, segment.range(dimension).high());
            }
        }
        return max;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof SegmentMap other
                && name.equals(other.name)
                && segments.equals(other.segments)
                && others.equals(other.others);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, segments, others);
    }

    @Override
    public String toString() {
        return "SegmentMap[" + name + ": " + segments + ", else " + others + "]";
    }
}
