package dev.lifecycle.rfm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lifecycle.templates.TemplateFileException;
import dev.lifecycle.templates.TemplateFiles;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/** Segment maps in JSON and YAML files, read with the template files' reader and its located problems. */
final class SegmentMapFileTest {
    @Test
    void yamlFile_readAndUsedOnAThreeScoreScale() throws IOException, URISyntaxException {
        Path file = Path.of(Objects.requireNonNull(SegmentMapFileTest.class.getResource("/rfm/six-segments.yaml"))
                .toURI());
        SegmentMap map = TemplateFiles.readData(file, SegmentMap::fromData);
        assertEquals("Six segments, three scores", map.name());
        assertEquals(List.of("Best", "Loyal", "Big spenders", "New", "Slipping", "Gone", "Everyone else"), map.names());
        RfmValues values = RfmValues.fromEvents(RfmOrders.events(), RfmOrders.AS_OF, ZoneOffset.UTC);
        Segmentation segmentation =
                Segmentation.of(values, RfmScale.fit(values, Binning.RANKS, 3, Monetary.TOTAL), map);
        assertEquals(
                values.size(),
                segmentation.summaries().stream()
                        .mapToLong(SegmentSummary::customers)
                        .sum());
    }

    @Test
    void jsonDocument_readsBackTheDataForm() {
        String json = "{\"name\": \"tens\", \"segments\": [{\"name\": \"Champions\", \"recency\": 5,"
                + " \"frequency\": \"5-5\", \"monetary\": 5}]}";
        SegmentMap map = TemplateFiles.readData(json, TemplateFiles.Format.JSON, "tens.json", SegmentMap::fromData);
        assertEquals(
                SegmentMap.of(
                        "tens",
                        List.of(new Segment(
                                "Champions", new ScoreRange(5, 5), new ScoreRange(5, 5), new ScoreRange(5, 5))),
                        "Others"),
                map);
    }

    @Test
    void badDocument_everyProblemAtItsLineAndColumn() {
        String yaml = String.join(
                "\n",
                "name: broken",
                "segments:",
                "  - name: Best",
                "    recency: 0-3",
                "    frequency: 3",
                "    monetary: 3",
                "    color: red",
                "  - {name: Best, recency: 1, frequency: 1, monetary: [1]}",
                "");
        TemplateFileException e = assertThrows(
                TemplateFileException.class,
                () -> TemplateFiles.readData(yaml, TemplateFiles.Format.YAML, "broken.yaml", SegmentMap::fromData));
        assertEquals(
                List.of(
                        "broken.yaml:4:14: segments[0].recency: must be a score or a range of scores such as 2-4"
                                + " (scores 1 to 9) but was '0-3'",
                        "broken.yaml:7:12: segments[0].color: is not a key here; the keys are name, recency,"
                                + " frequency, monetary",
                        "broken.yaml:8:44: segments[1].monetary: must be text",
                        "broken.yaml:8:12: segments[1].name: \"Best\" names an earlier segment too"),
                e.problems().stream().map(Object::toString).toList());
    }

    @Test
    void malformedDocument_reportedBeforeTheReaderRuns() {
        TemplateFileException e = assertThrows(
                TemplateFileException.class,
                () -> TemplateFiles.readData(
                        "name: [unclosed", TemplateFiles.Format.YAML, "bad.yaml", SegmentMap::fromData));
        assertEquals("bad.yaml", e.problems().get(0).source());
    }
}
