package dev.lifecycle.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;

import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.lifecycle.core.CustomerEvent;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import org.quicktheories.generators.SourceDSL;

/**
 * The reader's record boundaries agree with an independent CSV writer: whatever Jackson's generator quotes (delimiters,
 * quotes, line ends inside a field), the reader gives back the same values, each row numbered by its first line.
 */
final class CsvRecordsProperties {
    private static final String ALPHABET = "ab;,\"\n\r é|\t";

    @Test
    void read_whatJacksonWrites_sameValuesAndLineNumbers() {
        qt().withExamples(300)
                .forAll(SourceDSL.lists().of(id()).ofSizeBetween(1, 12), delimiters())
                .checkAssert((ids, delimiter) -> {
                    CsvSchema schema = CsvSchema.emptySchema().withColumnSeparator(delimiter);
                    StringBuilder csv = new StringBuilder(String.join(
                                    String.valueOf(delimiter), "customer_id", "timestamp", "type", "amount"))
                            .append('\n');
                    List<Long> lines = new ArrayList<>();
                    long line = 2;
                    for (String id : ids) {
                        String row = write(schema, new String[] {id, "2024-03-01", "SITE_VISIT", ""});
                        csv.append(row);
                        lines.add(line);
                        line += row.chars().filter(c -> c == '\n').count()
                                + row.replace("\r\n", "")
                                        .chars()
                                        .filter(c -> c == '\r')
                                        .count();
                    }
                    EventFile file = read(csv.toString(), delimiter);

                    assertEquals(List.of(), file.rejections());
                    assertEquals(
                            ids,
                            file.events().stream()
                                    .map(CustomerEvent::customerId)
                                    .toList());
                    assertEquals(
                            lines.stream().map(at -> "p.csv-" + at).toList(),
                            file.events().stream().map(CustomerEvent::eventId).toList());
                });
    }

    private static EventFile read(String csv, char delimiter) {
        try {
            return EventFileReader.create()
                    .withDelimiter(delimiter)
                    .read(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), "p.csv");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String write(CsvSchema schema, String[] row) {
        StringWriter out = new StringWriter();
        try (CsvGenerator generator = new CsvFactory().createGenerator(out)) {
            generator.setSchema(schema);
            generator.writeStartArray();
            for (String value : row) {
                generator.writeString(value);
            }
            generator.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** Ids that start and end with a letter (the mapping strips values), with anything CSV must quote between. */
    private static Gen<String> id() {
        Gen<String> middle = SourceDSL.lists()
                .of(Generate.pick(ALPHABET.chars().mapToObj(c -> (char) c).toList()))
                .ofSizeBetween(0, 8)
                .map(chars -> chars.stream().map(String::valueOf).reduce("", String::concat));
        return middle.map(text -> "x" + text + "y");
    }

    private static Gen<Character> delimiters() {
        return Generate.pick(List.of(',', ';', '\t', '|'));
    }
}
