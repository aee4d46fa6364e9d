package dev.lifecycle.flink;

import static java.util.Objects.requireNonNull;

import dev.lifecycle.core.ConditionRegistry;
import dev.lifecycle.core.LifecycleStep;
import dev.lifecycle.core.LifecycleTemplate;
import dev.lifecycle.core.TemplateSpec;
import dev.lifecycle.templates.TemplateFiles;
import java.io.Serializable;
import org.jspecify.annotations.Nullable;

/**
 * A template as Flink ships it to its tasks and keeps it in a state snapshot: its JSON template file (the library's
 * one file format for templates), from which each task builds the template and its step once. So the template travels
 * with the job and the snapshot as data, never as Java-serialised objects.
 */
final class TemplateSource implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The template file's JSON. */
    private final String json;

    private transient @Nullable LifecycleStep step;

    private TemplateSource(String json) {
        this.json = json;
    }

    /**
     * The source of a template.
     *
     * @throws IllegalArgumentException if a rule's condition has no data form (a custom condition), which a template
     *     file cannot hold
     */
    static TemplateSource of(LifecycleTemplate template) {
        requireNonNull(template, "template");
        TemplateSource source =
                new TemplateSource(TemplateFiles.write(TemplateSpec.of(template), TemplateFiles.Format.JSON));
        source.step = LifecycleStep.of(template);
        return source;
    }

    /**
     * The source of a template file's JSON, read back from a snapshot.
     *
     * @throws IllegalArgumentException (a {@code TemplateFileException}) if the JSON is not a valid template file
     */
    static TemplateSource ofJson(String json, String sourceName) {
        TemplateSource source = new TemplateSource(requireNonNull(json, "json"));
        source.step = stepOf(json, sourceName);
        return source;
    }

    /** {@return the template file's JSON} */
    String json() {
        return json;
    }

    /** {@return the step of the template, built on first use in this JVM} */
    LifecycleStep step() {
        LifecycleStep built = step;
        if (built == null) {
            built = stepOf(json, "the job's template");
            step = built;
        }
        return built;
    }

    /** The step of a template file's JSON, whose conditions are all built in. */
    private static LifecycleStep stepOf(String json, String sourceName) {
        return LifecycleStep.of(
                TemplateFiles.read(json, TemplateFiles.Format.JSON, sourceName, ConditionRegistry.empty()));
    }
}
