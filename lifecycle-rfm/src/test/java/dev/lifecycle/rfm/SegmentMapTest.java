package dev.lifecycle.rfm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lifecycle.core.SpecException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/** Segment maps as data: the built-in map, the data form both ways, and every problem reported with its path. */
final class SegmentMapTest {
    @Test
    void tenSegments_firstMatchWins_elseOthers() {
        SegmentMap map = SegmentMap.tenSegments();
        assertEquals("Champions", map.segmentOf(new RfmScore(5, 5, 5)));
        // R1 F4 M5 is in Can't Lose Them and in At Risk: the first wins
        assertEquals("Can't Lose Them", map.segmentOf(new RfmScore(1, 4, 5)));
        assertEquals("At Risk", map.segmentOf(new RfmScore(1, 5, 5)));
        // R5 F4 M1 is in none of the ten
        assertEquals("Others", map.segmentOf(new RfmScore(5, 4, 1)));
        assertEquals(11, map.names().size());
        assertEquals(5, map.maxScore());
    }

    @Test
    void dataForm_readsBackEqual() {
        SegmentMap map = SegmentMap.tenSegments();
        assertEquals(map, SegmentMap.fromData(map.toData()));
        Map<String, Object> champions = new LinkedHashMap<>();
        champions.put("name", "Champions");
        champions.put("recency", "5-5");
        champions.put("frequency", "5-5");
        champions.put("monetary", "5-5");
        assertEquals(champions, ((List<?>) Objects.requireNonNull(map.toData().get("segments"))).get(0));
    }

    @Test
    void fromData_numbersAndSingleScores_andOthersByDefault() {
        Map<String, Object> data = Map.of(
                "name",
                "two",
                "segments",
                List.of(Map.of("name", "best", "recency", 3, "frequency", "2 - 3", "monetary", "1-3")));
        SegmentMap map = SegmentMap.fromData(data);
        assertEquals(
                SegmentMap.of(
                        "two",
                        List.of(new Segment("best", new ScoreRange(3, 3), new ScoreRange(2, 3), new ScoreRange(1, 3))),
                        "Others"),
                map);
    }

    @Test
    void fromData_everyProblemWithItsPath() {
        Map<String, Object> first = new LinkedHashMap<>();
        first.put("name", "best");
        first.put("recency", "0-3");
        first.put("frequency", List.of(1));
        first.put("monetary", "1-3");
        first.put("colour", "red");
        Map<String, Object> second = new LinkedHashMap<>();
        second.put("name", "best");
        second.put("recency", "3-1");
        second.put("frequency", "1");
        second.put("monetary", "1");
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("name", " ");
        data.put("others", "best");
        data.put("segments", List.of(first, second, "third"));
        SpecException e = assertThrows(SpecException.class, () -> SegmentMap.fromData(data));
        List<String> paths =
                e.problems().stream().map(SpecException.Problem::path).toList();
        assertEquals(
                List.of(
                        "name",
                        "segments[0].colour",
                        "segments[0].recency",
                        "segments[0].frequency",
                        "segments[1].recency",
                        "segments[1].name",
                        "segments[2]",
                        "others"),
                paths,
                e.getMessage());
        assertEquals(
                "must be a score or a range of scores such as 2-4 (scores 1 to 9) but was '0-3'",
                e.problems().get(2).message());
        assertEquals(
                "a score range must have 1 <= low <= high <= 9 but was 3-1",
                e.problems().get(4).message());
    }

    @Test
    void fromData_duplicateNamesAndOthers_reported() {
        Map<String, Object> segment = Map.of("name", "best", "recency", "1-5", "frequency", "1-5", "monetary", "1-5");
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("name", "dupes");
        data.put("others", "best");
        data.put("segments", List.of(segment, segment));
        SpecException e = assertThrows(SpecException.class, () -> SegmentMap.fromData(data));
        assertEquals(
                List.of(
                        "segments[1].name: \"best\" names an earlier segment too",
                        "others: \"best\" is the name of customers no segment holds and must not name a segment"),
                e.problems().stream().map(Object::toString).toList());
        assertEquals(
                List.of("segments: is required"),
                assertThrows(SpecException.class, () -> SegmentMap.fromData(Map.of("name", "none"))).problems().stream()
                        .map(Object::toString)
                        .toList());
    }

    @Test
    void of_namesChecked() {
        Segment all = new Segment("all", new ScoreRange(1, 5), new ScoreRange(1, 5), new ScoreRange(1, 5));
        assertEquals(
                "others \"all\" must not be the name of a segment of m",
                assertThrows(IllegalArgumentException.class, () -> SegmentMap.of("m", List.of(all), "all"))
                        .getMessage());
        assertEquals(
                "segment name must be 1 to 100 characters, not blank, without control characters and not starting"
                        + " with ( but was '(none)'",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> new Segment(
                                        "(none)", new ScoreRange(1, 1), new ScoreRange(1, 1), new ScoreRange(1, 1)))
                        .getMessage());
        assertEquals(
                "a segment map has 1 to 100 segments but m has 0",
                assertThrows(IllegalArgumentException.class, () -> SegmentMap.of("m", List.of(), "Others"))
                        .getMessage());
    }
}
