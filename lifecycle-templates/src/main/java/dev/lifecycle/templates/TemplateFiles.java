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
import java.util.List;
import java.util.Locale;

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
 *       default), {@code description}, {@code channels}, {@code touchpoints}, {@code metrics}, {@code strategy}</td></tr>
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
 * stages, unreachable stages, malformed parameters). Documents larger than 1 MiB, nested deeper than 64 levels, or
 * using YAML aliases are refused. All methods are thread-safe.
 */
public final class TemplateFiles {

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
        return parse(file).spec();
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
        return parse(content, format, sourceName).spec();
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
     *     {@code conditions}, which the document form cannot hold
     */
    public static String write(TemplateSpec spec, Format format) {
        requireNonNull(spec, "spec");
        requireNonNull(format, "format");
        return SpecWriter.write(spec, format);
    }

    private static SpecReader.Result parse(Path file) throws IOException {
        Format format = Format.of(file);
        String source = sourceName(file);
        long size = Files.size(file);
        if (size > DocumentParser.MAX_SIZE) {
            throw new TemplateFileException(
                    source,
                    List.of(new Problem(
                            source,
                            "",
                            0,
                            0,
                            "the file has " + size + " bytes; a template file may have at most "
                                    + DocumentParser.MAX_SIZE)),
                    null);
        }
        String content = DocumentParser.decode(Files.readAllBytes(file), source);
        return parse(content, format, source);
    }

    private static SpecReader.Result parse(String content, Format format, String sourceName) {
        requireNonNull(content, "content");
        requireNonNull(format, "format");
        requireNonNull(sourceName, "sourceName");
        Node root = DocumentParser.parse(content, format, sourceName);
        return SpecReader.read(root, sourceName);
    }

    private static LifecycleTemplate build(SpecReader.Result read, ConditionRegistry registry, String source) {
        try {
            return read.spec().toTemplate(registry);
        } catch (SpecException e) {
            List<Problem> problems = new ArrayList<>(e.problems().size());
            for (SpecException.Problem problem : e.problems()) {
                SpecReader.Target target = read.locate(problem.path());
                problems.add(new Problem(
                        source, target.path(), target.at().line(), target.at().column(), problem.message()));
            }
            throw new TemplateFileException(source, problems, e);
        }
    }

    private static String sourceName(Path file) {
        return file.toString();
    }
}
