package dev.lifecycle.examples;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.lifecycle.core.Classification;
import dev.lifecycle.core.CustomerProfile;
import dev.lifecycle.core.FiredRule;
import dev.lifecycle.core.Money;
import dev.lifecycle.io.IoProblem;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The demo's per-customer export ({@code --customers FILE}): one row per classified customer with the stage, the
 * highest main-path stage reached, the rules that fired and the facts a marketer segments by, written as each
 * customer is classified, so no row is held after it is written.
 *
 * <p>The file is written under its name with {@value #PART} appended and renamed to its name only by {@link
 * #finish(long)}, once every row is written and counted, so a failed run never leaves a partial file under the name
 * (an older file of that name stays as it was). In CSV, a text cell that a spreadsheet would read as a formula, or
 * that starts with an apostrophe, gets an apostrophe in front, as {@link #spreadsheetSafe(String)} describes. Not
 * thread-safe: one thread writes.
 */
final class CustomerFile implements Closeable {
    /** One column of a row: its name (the CSV header and the JSON key) and its value for a customer. */
    private record Column(String name, BiFunction<CustomerProfile, Classification, @Nullable Object> value) {}

    /**
     * The columns of a row, in order, each defined once for both formats. A value is a text, a boolean, a count, an
     * amount, an instant, the list of rule ids, or null for none; {@link #csvCell} and {@link #writeJson} say how each
     * kind is written.
     */
    private static final List<Column> ROW = List.of(
            new Column("customer_id", (p, c) -> c.customerId()),
            new Column("stage", (p, c) -> c.stage().id()),
            new Column("stage_name", (p, c) -> c.stage().name()),
            new Column("side_stage", (p, c) -> c.stage().isSideStage()),
            new Column("highest_main_stage", (p, c) -> c.highestMainStage().id()),
            new Column(
                    "path", (p, c) -> c.path().stream().map(FiredRule::ruleId).toList()),
            new Column("orders", (p, c) -> p.orderCount()),
            new Column(
                    "total_spend", (p, c) -> p.totalSpend().map(Money::amount).orElse(null)),
            new Column(
                    "currency",
                    (p, c) -> p.totalSpend()
                            .map(m -> m.currency().getCurrencyCode())
                            .orElse(null)),
            new Column("first_purchase", (p, c) -> p.firstOrderAt().orElse(null)),
            new Column("last_purchase", (p, c) -> p.lastOrderAt().orElse(null)),
            new Column("last_activity", (p, c) -> p.lastActivity().orElse(null)));

    /** The columns of a row, in order: the CSV header and the JSON keys. */
    static final List<String> COLUMNS = ROW.stream().map(Column::name).toList();

    /** What the rule ids of a path are joined with in CSV; ids never contain it (they hold no spaces). */
    static final String PATH_SEPARATOR = " > ";

    /** Appended to the file's name while it is written. */
    static final String PART = ".part";

    /** The first characters that make a spreadsheet read a cell as a formula (OWASP's list), and the apostrophe. */
    private static final String GUARDED_FIRST = "=+-@\t\r'";

    /** The formats, told apart by the file name's extension. */
    enum Format {
        /** Comma-separated values with a header line, quoted where needed (RFC 4180), in files ending in .csv. */
        CSV(".csv"),
        /** One JSON array of objects, one object a line, in files ending in .json. */
        JSON(".json"),
        /** JSON Lines: one JSON object a line, in files ending in .jsonl. */
        JSON_LINES(".jsonl");

        private final String extension;

        Format(String extension) {
            this.extension = extension;
        }

        /**
         * Returns the format of a file by its extension, in any case.
         *
         * @throws IllegalArgumentException naming the option, the accepted extensions and the file, if it has none of
         *     them
         */
        static Format of(Path file, String option) {
            Path name = file.getFileName();
            String lower = name == null ? "" : name.toString().toLowerCase(Locale.ROOT);
            for (Format format : values()) {
                if (lower.endsWith(format.extension)) {
                    return format;
                }
            }
            throw new IllegalArgumentException(option + " must be a file ending in "
                    + String.join(", ", extensions().subList(0, values().length - 1)) + " or "
                    + extensions().get(values().length - 1) + " but was '" + file + "'");
        }

        private static List<String> extensions() {
            List<String> extensions = new ArrayList<>();
            for (Format format : values()) {
                extensions.add(format.extension);
            }
            return extensions;
        }
    }

    private final Path target;
    private final Path part;
    private final Writer writer;
    private final @Nullable SequenceWriter csv;
    private final @Nullable JsonGenerator json;
    private final Format format;
    private long rows;
    private boolean finished;

    private CustomerFile(Path target, Path part, Writer writer, Format format) throws IOException {
        this.target = target;
        this.part = part;
        this.writer = writer;
        this.format = format;
        if (format == Format.CSV) {
            CsvSchema schema = CsvSchema.builder()
                    .addColumns(COLUMNS, CsvSchema.ColumnType.STRING)
                    .setUseHeader(true)
                    .build();
            // quotes only the cells that need it (a separator, a quote, a line break), not every cell with a space
            this.csv = new CsvMapper()
                    .enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING)
                    .writerFor(String[].class)
                    .with(schema)
                    .writeValues(writer);
            this.json = null;
        } else {
            this.csv = null;
            JsonGenerator generator = new JsonFactory().createGenerator(writer);
            // the rows are separated here, one a line, instead of by the generator's space between root values
            generator.setRootValueSeparator(null);
            this.json = generator;
            if (format == Format.JSON) {
                generator.writeRaw('[');
            }
        }
    }

    /**
     * Opens a customer file for writing: creates (or empties) {@code FILE.part} beside it.
     *
     * @param target the file the rows end up in; its extension chooses the format
     * @throws IllegalArgumentException if the extension is not one of the formats'
     * @throws IOException if the file cannot be created; the message names it
     */
    static CustomerFile create(Path target) throws IOException {
        Format format = Format.of(requireNonNull(target, "target"), "--customers");
        Path part = target.resolveSibling(target.getFileName() + PART);
        Writer writer;
        try {
            writer = Files.newBufferedWriter(part, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IOException("cannot write the customer file '" + target + "': " + IoProblem.describe(e), e);
        }
        return new CustomerFile(target, part, writer, format);
    }

    /** {@return the file the rows end up in} */
    Path target() {
        return target;
    }

    /** {@return the number of rows written} */
    long rows() {
        return rows;
    }

    /**
     * Writes one customer's row.
     *
     * @throws UncheckedIOException if writing fails; the message names the file
     * @throws IllegalStateException if the file was finished or closed
     */
    void write(CustomerProfile profile, Classification classification) {
        if (finished) {
            throw new IllegalStateException("the customer file '" + target + "' is already finished");
        }
        List<@Nullable Object> values = new ArrayList<>(ROW.size());
        for (Column column : ROW) {
            values.add(column.value().apply(profile, classification));
        }
        try {
            if (csv != null) {
                String[] cells = new String[values.size()];
                for (int i = 0; i < cells.length; i++) {
                    cells[i] = csvCell(values.get(i));
                }
                csv.write(cells);
            } else {
                writeJson(requireNonNull(json), values);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot write the customer file '" + target + "': " + IoProblem.describe(e), e);
        }
        rows++;
    }

    /** A value as a CSV cell: texts and the rule path made {@linkplain #spreadsheetSafe safe}, none as empty. */
    private static String csvCell(@Nullable Object value) {
        if (value == null) {
            return "";
        } else if (value instanceof String text) {
            return spreadsheetSafe(text);
        } else if (value instanceof List<?> rules) {
            return spreadsheetSafe(rules.stream().map(String::valueOf).collect(Collectors.joining(PATH_SEPARATOR)));
        } else if (value instanceof BigDecimal amount) {
            return amount.toPlainString();
        }
        return value.toString(); // a boolean, a count or an instant: never read as a formula
    }

    /** Writes a row as one JSON object: the rule path as an array, none as null. */
    private void writeJson(JsonGenerator out, List<@Nullable Object> values) throws IOException {
        if (format == Format.JSON) {
            out.writeRaw(rows == 0 ? "\n" : ",\n");
        }
        out.writeStartObject();
        for (int i = 0; i < values.size(); i++) {
            out.writeFieldName(ROW.get(i).name());
            Object value = values.get(i);
            if (value == null) {
                out.writeNull();
            } else if (value instanceof Boolean flag) {
                out.writeBoolean(flag);
            } else if (value instanceof Long count) {
                out.writeNumber(count);
            } else if (value instanceof BigDecimal amount) {
                out.writeNumber(amount);
            } else if (value instanceof List<?> rules) {
                out.writeStartArray();
                for (Object rule : rules) {
                    out.writeString(String.valueOf(rule));
                }
                out.writeEndArray();
            } else {
                out.writeString(value.toString()); // a text or an instant
            }
        }
        out.writeEndObject();
        if (format == Format.JSON_LINES) {
            out.writeRaw('\n');
        }
    }

    /**
     * Returns a CSV text cell that no spreadsheet runs as a formula, following OWASP's advice on CSV injection: a cell
     * starting with {@code =}, {@code +}, {@code -}, {@code @}, a tab or a carriage return gets an apostrophe in front,
     * which spreadsheets take as "text" and do not show. A cell that starts with an apostrophe gets one more, so the
     * change can be undone without doubt: a reader drops the first character of every cell that starts with an
     * apostrophe. Quotes, commas and line breaks are the CSV writer's business: it quotes such cells.
     */
    static String spreadsheetSafe(String cell) {
        return !cell.isEmpty() && GUARDED_FIRST.indexOf(cell.charAt(0)) >= 0 ? "'" + cell : cell;
    }

    /**
     * Completes the file: ends the document, closes it and renames {@code FILE.part} to {@code FILE}, replacing an
     * older file of that name.
     *
     * @param customers the number of customers classified, which must equal the rows written
     * @throws IllegalStateException if the rows written are not {@code customers}
     * @throws IOException if the file cannot be completed; the message names it
     */
    void finish(long customers) throws IOException {
        if (rows != customers) {
            throw new IllegalStateException("the rows written to the customer file '" + target
                    + "' must equal the customers classified (" + customers + ") but were " + rows);
        }
        try {
            if (csv != null) {
                // writes the header line when no row has: a file without customers still has it
                csv.close();
            } else {
                JsonGenerator out = requireNonNull(json);
                if (format == Format.JSON) {
                    out.writeRaw("\n]\n");
                }
                out.close();
            }
            writer.close();
            try {
                Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
            }
            finished = true;
        } catch (IOException e) {
            throw new IOException("cannot write the customer file '" + target + "': " + IoProblem.describe(e), e);
        }
    }

    /** Closes the file; unless {@link #finish(long)} completed it, deletes {@code FILE.part}. */
    @Override
    public void close() throws IOException {
        if (finished) {
            return;
        }
        finished = true;
        try {
            writer.close();
        } finally {
            Files.deleteIfExists(part);
        }
    }
}
