package dev.lifecycle.templates;

import static java.util.Objects.requireNonNull;

import dev.lifecycle.core.ConditionRegistry;
import dev.lifecycle.core.LifecycleTemplate;
import dev.lifecycle.core.SpecException;
import dev.lifecycle.core.TemplateSpec;
import dev.lifecycle.templates.TemplateFileException.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Reads and writes lifecycle templates as JSON or YAML files, so that teams who do not write Java can define a template
 * or extend a built-in one in a file.
 *
 * <p>A document is a map. Keys are kebab-case. A template either lists its stages and rules or {@code extends} a
 * built-in template ({@code five-stage}, {@code buyer-lifecycle}, {@code tracking-categories}); either way its
 * {@code edits} are then applied in order:
 *
 * <pre>{@code
 * name: my-shop
 * extends: buyer-lifecycle
 * edits:
 *   - split-stage:
 *       stage: reach
 *       first: {id: awareness, name: Awareness}
 *       second: {id: interest, name: Interest}
 *       advance: {type: engaged, count: 1}
 *   - add-stage: {id: vip, name: VIP, side-stage: true}
 *   - add-rule:
 *       id: vip
 *       from: [retention, advocacy]
 *       to: vip
 *       priority: 50
 *       when: {type: spent-at-least, amount: 1000, currency: USD}
 * }</pre>
 *
 * <table>
 *   <caption>Keys</caption>
 *   <tr><th>in</th><th>keys</th></tr>
 *   <tr><td>a template</td><td>{@code name}; optional {@code extends}, {@code entry-stage}, {@code stages},
 *       {@code rules}, {@code edits}</td></tr>
 *   <tr><td>a stage</td><td>{@code id}; optional {@code name} (the id by default), {@code side-stage} (false by
 *       default), {@code churn} (false by default; true where a customer counts as churned, as in {@code lapsed}; only
 *       a side stage may be one), {@code description}, {@code channels}, {@code touchpoints}, {@code metrics},
 *       {@code strategy}</td></tr>
 *   <tr><td>a rule</td><td>{@code id}, {@code from} (a list of stage ids), {@code to}, {@code when} (a condition);
 *       optional {@code priority} (0 by default; higher fires first), {@code description}</td></tr>
 *   <tr><td>a condition</td><td>{@code type} and the type's parameters as keys, such as
 *       {@code {type: orders-at-least, count: 2}} (types and parameters as listed in
 *       {@link dev.lifecycle.core.ConditionSpec}; numbers may be written as numbers or text);
 *       {@code all-of} and {@code any-of} take {@code conditions}, a list; {@code not} takes {@code condition}</td></tr>
 *   <tr><td>an edit</td><td>a map with one key, the kind of edit: {@code add-stage} (a stage), {@code insert-stage}
 *       ({@code after}, {@code stage}), {@code rename-stage} ({@code stage}, {@code new-id}, {@code new-name}),
 *       {@code replace-stage} ({@code stage}, {@code replacement}), {@code remove-stage} ({@code stage}),
 *       {@code split-stage} ({@code stage}, {@code first}, {@code second}, {@code advance}), {@code add-rule} (a rule),
 *       {@code replace-rule} ({@code rule}, {@code replacement}), {@code remove-rule} ({@code rule})</td></tr>
 * </table>
 *
 * <p>Reading reports every problem at once in a {@link TemplateFileException}, each with its path in the document, its
 * line and column, and what is wrong: malformed JSON or YAML, bytes that are not UTF-8, wrong types, missing and
 * unknown keys, duplicate keys, and everything {@link TemplateSpec#toTemplate(ConditionRegistry)} finds (unknown
 * stages, unreachable stages, malformed parameters). A problem in one stage, rule or edit does not hide those of the
 * others. YAML aliases, tags such as {@code !!binary} and keys that are not text are refused.
 *
 * <p>Input is bounded before it is used, each bound reported as a problem naming the bound and the value found: a file
 * of at most 1 MiB (1,048,576 bytes, or characters for text), maps and lists nested at most 64 levels, texts and keys
 * of at most 10,000 characters, numbers of at most 100 characters, and at most 1,000 stages, 5,000 rules and 5,000
 * edits. All methods are thread-safe.
 */
public final class TemplateFiles {
    /**
     * The largest template document read: 1 MiB, in bytes for a file and in characters for text. Longer documents are
     * refused before they are parsed.
     */
    public static final int MAX_DOCUMENT_SIZE = Limits.MAX_SIZE;

    /** The formats a template file may have. */
    public enum Format {
        /** JSON, in files ending in {@code .json}. */
        JSON,
        /** YAML, in files ending in {@code .yaml} or {@code .yml}. */
        YAML;

        /**
         * Returns the format of a file by its extension.
         *
         * @param file the file
         * @return {@code JSON} for {@code .json}, {@code YAML} for {@code .yaml} or {@code .yml}, in any case
         * @throws NullPointerException if {@code file} is null
         * @throws IllegalArgumentException if the file name has none of these extensions
         */
        public static Format of(Path file) {
            Path name = requireNonNull(file, "file").getFileName();
            String lower = name == null ? "" : name.toString().toLowerCase(Locale.ROOT);
            if (lower.endsWith(".json")) {
                return JSON;
            }
            if (lower.endsWith(".yaml") || lower.endsWith(".yml")) {
                return YAML;
            }
            throw new IllegalArgumentException(
                    "cannot tell the format of '" + file + "': expected a name ending in .json, .yaml or .yml");
        }
    }

    /** The sections of a template that, unread, leave nothing to check references against. */
    private static final Set<String> SECTIONS = Set.of("", "extends", "stages", "rules", "edits");

    /** The spec path of the entry stage, as {@link SpecException} reports it. */
    private static final String ENTRY_STAGE = "entryStage";

    private TemplateFiles() {}

    /**
     * Reads a template file into its data form, without checking its stages, rules and conditions; {@link #read(Path,
     * ConditionRegistry)} checks those too.
     *
     * @param file a {@code .json}, {@code .yaml} or {@code .yml} file in UTF-8
     * @return the data the file holds
     * @throws NullPointerException if {@code file} is null
     * @throws IllegalArgumentException if the file name has none of these extensions
     * @throws TemplateFileException if the file is empty, too large, not UTF-8, not well-formed, or not shaped like a
     *     template; lists every problem with its line and column
     * @throws IOException if the file cannot be read
     */
    public static TemplateSpec readSpec(Path file) throws IOException {
        return spec(parse(file), sourceName(file));
    }

    /**
     * Reads a template document into its data form, without checking its stages, rules and conditions.
     *
     * @param content the document
     * @param format its format
     * @param sourceName the name problems are reported under, such as a file or resource name
     * @return the data the document holds
     * @throws NullPointerException if an argument is null
     * @throws TemplateFileException if the document is empty, too large, not well-formed, or not shaped like a
     *     template; lists every problem with its line and column
     */
    public static TemplateSpec readSpec(String content, Format format, String sourceName) {
        return spec(parse(content, format, sourceName), sourceName);
    }

    /**
     * Reads a template file and builds the template it describes.
     *
     * @param file a {@code .json}, {@code .yaml} or {@code .yml} file in UTF-8
     * @param registry where {@code custom} conditions are looked up by name
     * @return the validated template
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the file name has none of these extensions
     * @throws TemplateFileException listing every problem with its line and column, from malformed syntax to a rule
     *     that names an unknown stage
     * @throws IOException if the file cannot be read
     */
    public static LifecycleTemplate read(Path file, ConditionRegistry registry) throws IOException {
        requireNonNull(registry, "registry");
        return build(parse(file), registry, sourceName(file));
    }

    /**
     * Reads a template document and builds the template it describes.
     *
     * @param content the document
     * @param format its format
     * @param sourceName the name problems are reported under, such as a file or resource name
     * @param registry where {@code custom} conditions are looked up by name
     * @return the validated template
     * @throws NullPointerException if an argument is null
     * @throws TemplateFileException listing every problem with its line and column, from malformed syntax to a rule
     *     that names an unknown stage
     */
    public static LifecycleTemplate read(String content, Format format, String sourceName, ConditionRegistry registry) {
        requireNonNull(registry, "registry");
        return build(parse(content, format, sourceName), registry, sourceName);
    }

    /**
     * Reads a JSON or YAML file of another kind of lifecycle data (a segment map of {@code lifecycle-rfm}, say) and
     * gives its plain data to that kind's reader, as in {@code TemplateFiles.readData(file, SegmentMap::fromData)}.
     * The file is bounded and parsed as a template file is; the reader gets the document's map with maps in document
     * order, lists, and every other value as text as written ({@code true}, {@code false} as booleans; null values
     * left out). A {@link SpecException} the reader throws is reported like a template's problems, each at its line
     * and column.
     *
     * @param file a {@code .json}, {@code .yaml} or {@code .yml} file in UTF-8
     * @param reader the kind's reader of plain data
     * @param <T> what the reader makes
     * @return what the reader made
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the file name has none of these extensions
     * @throws TemplateFileException listing every problem with its line and column
     * @throws IOException if the file cannot be read
     */
    public static <T> T readData(Path file, Function<? super Map<String, Object>, T> reader) throws IOException {
        requireNonNull(reader, "reader");
        Format format = Format.of(file);
        return readData(content(file), format, sourceName(file), reader);
    }

    /**
     * Reads a JSON or YAML document of another kind of lifecycle data, as {@link #readData(Path, Function)} does.
     *
     * @param content the document
     * @param format its format
     * @param sourceName the name problems are reported under
     * @param reader the kind's reader of plain data
     * @param <T> what the reader makes
     * @return what the reader made
     * @throws NullPointerException if an argument is null
     * @throws TemplateFileException listing every problem with its line and column
     */
    public static <T> T readData(
            String content, Format format, String sourceName, Function<? super Map<String, Object>, T> reader) {
        requireNonNull(content, "content");
        requireNonNull(format, "format");
        requireNonNull(sourceName, "sourceName");
        requireNonNull(reader, "reader");
        return DataReader.read(DocumentParser.parse(content, format, sourceName), sourceName, reader);
    }

    /**
     * Writes a template's data form as a document that {@link #readSpec(String, Format, String)} reads back to an equal
     * spec. Keys come in a fixed order (name, extends, entry-stage, stages, rules, edits; within a stage id, name, ...);
     * values that equal their defaults (an empty description, a priority of 0, a name equal to the id) are left out.
     * Use {@link TemplateSpec#of(LifecycleTemplate)} to write a template.
     *
     * @param spec the data
     * @param format the format to write
     * @return the document, ending in a line break
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if a condition has a parameter named {@code type}, {@code condition} or
     *     {@code conditions}, which the document form cannot hold, or if the document would be beyond the bounds of a
     *     template file (listed in the class description), so that reading it back would fail
     */
    public static String write(TemplateSpec spec, Format format) {
        requireNonNull(spec, "spec");
        requireNonNull(format, "format");
        String document = SpecWriter.write(spec, format);
        checkReadsBack(document, format);
        return document;
    }

    /** Refuses a written document that its reader would refuse: the bounds are checked in one place, the reader. */
    private static void checkReadsBack(String document, Format format) {
        List<Problem> problems;
        TemplateFileException cause = null;
        try {
            problems = parse(document, format, "the written template").problems();
        } catch (TemplateFileException e) {
            problems = e.problems();
            cause = e;
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(
                    "the template is beyond what a template file may hold: "
                            + problems.stream()
                                    .map(p -> p.path().isEmpty() ? p.message() : p.path() + ": " + p.message())
                                    .collect(Collectors.joining("; ")),
                    cause);
        }
    }

    private static SpecReader.Result parse(Path file) throws IOException {
        Format format = Format.of(file);
        return parse(content(file), format, sourceName(file));
    }

    /** A file's text, refused before it is read when it is too large, and when its bytes are not UTF-8. */
    private static String content(Path file) throws IOException {
        String source = sourceName(file);
        DocumentParser.checkFileSize(Files.size(file), source);
        return DocumentParser.decode(Files.readAllBytes(file), source);
    }

    /** Reads a document into a spec, with every problem of its syntax and structure found on the way. */
    private static SpecReader.Result parse(String content, Format format, String sourceName) {
        requireNonNull(content, "content");
        requireNonNull(format, "format");
        requireNonNull(sourceName, "sourceName");
        DocumentParser.Parsed parsed = DocumentParser.parse(content, format, sourceName);
        SpecReader.Result read = SpecReader.read(parsed.root(), sourceName);
        List<Problem> problems = new ArrayList<>(parsed.problems());
        problems.addAll(read.problems());
        return new SpecReader.Result(read.spec(), read.targets(), problems);
    }

    /** The spec of a document without problems. */
    private static TemplateSpec spec(SpecReader.Result read, String source) {
        if (!read.problems().isEmpty()) {
            throw new TemplateFileException(source, inDocumentOrder(read.problems()), null);
        }
        return read.spec();
    }

    /**
     * Builds the template, reporting the document's own problems together with those the spec's validation finds
     * elsewhere: a problem in one stage, rule or edit does not hide the problems of the others. Validation is left out
     * when a whole section ({@code stages}, {@code rules}, {@code edits}, {@code extends}) could not be read, since
     * every reference into it would be reported as unknown.
     */
    private static LifecycleTemplate build(SpecReader.Result read, ConditionRegistry registry, String source) {
        List<Problem> problems = new ArrayList<>(read.problems());
        Set<String> spoiled = new HashSet<>();
        for (Problem problem : read.problems()) {
            spoiled.add(unit(problem.path()));
        }
        SpecException cause = null;
        if (Collections.disjoint(spoiled, SECTIONS)) {
            try {
                LifecycleTemplate template = read.spec().toTemplate(registry);
                if (problems.isEmpty()) {
                    return template;
                }
            } catch (SpecException e) {
                cause = e;
                Set<SpecException.Problem> entryCaused = entryStageProblems(read.spec(), registry, e);
                for (SpecException.Problem problem : e.problems()) {
                    String specPath = entryCaused.contains(problem)
                            ? ENTRY_STAGE
                            : atParameter(read, problem.path(), problem.message());
                    SpecReader.Target target = read.locate(specPath);
                    if (!spoiled.contains(unit(target.path()))) {
                        problems.add(new Problem(
                                source,
                                target.path(),
                                target.at().line(),
                                target.at().column(),
                                problem.message()));
                    }
                }
            }
        }
        throw new TemplateFileException(source, inDocumentOrder(problems), cause);
    }

    /**
     * The problems that the entry stage causes: those that go away when the entry stage is
     * left to its default, with no other problem at their path in their place. Validation reports them where it finds
     * them (an entry stage that is a side stage, or one from which a main-path stage cannot be reached, at the rules);
     * a file's author should see them at {@code entry-stage}.
     */
    private static Set<SpecException.Problem> entryStageProblems(
            TemplateSpec spec, ConditionRegistry registry, SpecException e) {
        if (spec.entryStage().isEmpty()) {
            return Set.of();
        }
        TemplateSpec withDefaultEntry = new TemplateSpec(
                spec.name(), spec.extendsTemplate(), Optional.empty(), spec.stages(), spec.rules(), spec.edits());
        Set<String> pathsWithout = new HashSet<>();
        try {
            withDefaultEntry.toTemplate(registry);
        } catch (SpecException without) {
            without.problems().forEach(problem -> pathsWithout.add(problem.path()));
        }
        Set<SpecException.Problem> caused = new HashSet<>();
        for (SpecException.Problem problem : e.problems()) {
            if (!pathsWithout.contains(problem.path())) {
                caused.add(problem);
            }
        }
        return caused;
    }

    /**
     * The path of the parameter a problem of a condition is about, when its message names one first, as core's
     * messages about a value do ({@code "amount must have at most 18 digits ..."} from {@code Money}); otherwise the
     * path as reported.
     */
    private static String atParameter(SpecReader.Result read, String specPath, String message) {
        int space = message.indexOf(' ');
        if (space > 0) {
            String parameter = specPath + ".parameters." + message.substring(0, space);
            if (read.targets().containsKey(parameter)) {
                return parameter;
            }
        }
        return specPath;
    }

    /** The stage, rule, edit or top-level key a document path belongs to: {@code rules[2]} for {@code rules[2].to}. */
    private static String unit(String documentPath) {
        int index = documentPath.indexOf(']');
        if (index >= 0) {
            return documentPath.substring(0, index + 1);
        }
        int dot = documentPath.indexOf('.');
        return dot < 0 ? documentPath : documentPath.substring(0, dot);
    }

    /** Orders problems by line, keeping the order of those on one line; problems of the whole file come first. */
    private static List<Problem> inDocumentOrder(List<Problem> problems) {
        List<Problem> sorted = new ArrayList<>(problems);
        sorted.sort(Comparator.comparingInt(Problem::line));
        return sorted;
    }

    private static String sourceName(Path file) {
        return file.toString();
    }
}
