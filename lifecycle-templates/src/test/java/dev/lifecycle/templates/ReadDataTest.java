package dev.lifecycle.templates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lifecycle.core.SpecException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Other kinds of data read through the template files' reader: the plain data given, the problems located. */
final class ReadDataTest {
    @Test
    void readData_givesMapsListsAndTextAsWritten() {
        String yaml = "name: x\ncount: 1000.50\nflags: [true, false, null, 7]\nnested: {a: b}\nnothing: null\n";
        Map<String, Object> data = TemplateFiles.readData(yaml, TemplateFiles.Format.YAML, "x.yaml", d -> d);
        assertEquals("{name=x, count=1000.50, flags=[true, false, null, 7], nested={a=b}}", data.toString());
    }

    @Test
    void readData_readersProblemsLocatedByPath() {
        String yaml = String.join("\n", "items:", "  - {id: 1}", "  - id: 2", "    extra: {deep: [1, 2]}", "");
        TemplateFileException e = assertThrows(
                TemplateFileException.class,
                () -> TemplateFiles.readData(yaml, TemplateFiles.Format.YAML, "items.yaml", d -> {
                    throw SpecException.of(
                            "items",
                            List.of(
                                    new SpecException.Problem("items[1].extra.deep[1]", "too deep"),
                                    new SpecException.Problem("items[0].id", "taken"),
                                    new SpecException.Problem("items[9]", "no such item"),
                                    new SpecException.Problem("items[1].extra", "not allowed")));
                }));
        assertEquals(
                List.of(
                        "items.yaml:1:1: items[9]: no such item",
                        "items.yaml:2:10: items[0].id: taken",
                        "items.yaml:4:23: items[1].extra.deep[1]: too deep",
                        "items.yaml:4:5: items[1].extra: not allowed"),
                e.problems().stream().map(Object::toString).toList());
    }

    @Test
    void readData_fileBoundedAsATemplateFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("big.json");
        Files.writeString(file, "{\"a\": \"" + "x".repeat(TemplateFiles.MAX_DOCUMENT_SIZE) + "\"}");
        TemplateFileException e = assertThrows(TemplateFileException.class, () -> TemplateFiles.readData(file, d -> d));
        assertEquals(1, e.problems().size());
        Path list = dir.resolve("list.json");
        Files.writeString(list, "[1, 2]");
        assertEquals(
                "the document must be a map",
                assertThrows(TemplateFileException.class, () -> TemplateFiles.readData(list, d -> d))
                        .problems()
                        .get(0)
                        .message());
    }
}
