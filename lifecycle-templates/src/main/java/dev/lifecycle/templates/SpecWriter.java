package dev.lifecycle.templates;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.lifecycle.core.ConditionSpec;
import dev.lifecycle.core.EditSpec;
import dev.lifecycle.core.RuleSpec;
import dev.lifecycle.core.StageSpec;
import dev.lifecycle.core.TemplateSpec;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Writes a {@link TemplateSpec} in the document form {@link SpecReader} reads, with keys in a fixed order. */
final class SpecWriter {
    /** Parameter text written as a plain number, because it reads back as exactly the same text. */
    private static final Pattern NUMBER = Pattern.compile("-?(0|[1-9][0-9]{0,17})(\\.[0-9]{1,18})?");

    private static final Set<String> RESERVED = Set.of("type", "condition", "conditions");

    private static final JsonFactory JSON = new JsonFactory();

    private static final YAMLFactory YAML = YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .disable(YAMLGenerator.Feature.SPLIT_LINES)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
            .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
            .build();

    private final JsonGenerator out;

    private SpecWriter(JsonGenerator out) {
        this.out = out;
    }

    static String write(TemplateSpec spec, TemplateFiles.Format format) {
        checkWritable(spec);
        StringWriter text = new StringWriter();
        try (JsonGenerator generator = format == TemplateFiles.Format.YAML
                ? YAML.createGenerator(text)
                : JSON.createGenerator(text)
                        .setPrettyPrinter(new DefaultPrettyPrinter(Separators.createDefaultInstance()
                                        .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
                                .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                                .withArrayIndenter(new DefaultIndenter("  ", "\n")))) {
            new SpecWriter(generator).template(spec);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String document = text.toString();
        return document.endsWith("\n") ? document : document + "\n";
    }

    private void template(TemplateSpec spec) throws IOException {
        out.writeStartObject();
        text("name", spec.name());
        if (spec.extendsTemplate().isPresent()) {
            text("extends", spec.extendsTemplate().get());
        }
        if (spec.entryStage().isPresent()) {
            text("entry-stage", spec.entryStage().get());
        }
        if (!spec.stages().isEmpty()) {
            out.writeArrayFieldStart("stages");
            for (StageSpec stage : spec.stages()) {
                stage(stage);
            }
            out.writeEndArray();
        }
        if (!spec.rules().isEmpty()) {
            out.writeArrayFieldStart("rules");
            for (RuleSpec rule : spec.rules()) {
                rule(rule);
            }
            out.writeEndArray();
        }
        if (!spec.edits().isEmpty()) {
            out.writeArrayFieldStart("edits");
            for (EditSpec edit : spec.edits()) {
                edit(edit);
            }
            out.writeEndArray();
        }
        out.writeEndObject();
    }

    private void stage(StageSpec stage) throws IOException {
        out.writeStartObject();
        text("id", stage.id());
        if (!stage.name().equals(stage.id())) {
            text("name", stage.name());
        }
        if (stage.sideStage()) {
            out.writeBooleanField("side-stage", true);
        }
        if (stage.churn()) {
            out.writeBooleanField("churn", true);
        }
        optional("description", stage.description());
        texts("channels", stage.channels());
        texts("touchpoints", stage.touchpoints());
        texts("metrics", stage.metrics());
        optional("strategy", stage.strategy());
        out.writeEndObject();
    }

    private void rule(RuleSpec rule) throws IOException {
        out.writeStartObject();
        text("id", rule.id());
        out.writeArrayFieldStart("from");
        for (String from : rule.from()) {
            out.writeString(from);
        }
        out.writeEndArray();
        text("to", rule.to());
        if (rule.priority() != 0) {
            out.writeNumberField("priority", rule.priority());
        }
        if (rule.description().isPresent()) {
            text("description", rule.description().get());
        }
        out.writeFieldName("when");
        condition(rule.condition());
        out.writeEndObject();
    }

    private void condition(ConditionSpec condition) throws IOException {
        out.writeStartObject();
        text("type", condition.type());
        for (Map.Entry<String, String> parameter : condition.parameters().entrySet()) {
            out.writeFieldName(parameter.getKey());
            if (NUMBER.matcher(parameter.getValue()).matches()) {
                out.writeNumber(parameter.getValue());
            } else {
                out.writeString(parameter.getValue());
            }
        }
        List<ConditionSpec> nested = condition.conditions();
        if (condition.type().equals("not") && nested.size() == 1) {
            out.writeFieldName("condition");
            condition(nested.get(0));
        } else if (!nested.isEmpty()) {
            out.writeArrayFieldStart("conditions");
            for (ConditionSpec child : nested) {
                condition(child);
            }
            out.writeEndArray();
        }
        out.writeEndObject();
    }

    private void edit(EditSpec edit) throws IOException {
        out.writeStartObject();
        if (edit instanceof EditSpec.AddStage e) {
            out.writeFieldName("add-stage");
            stage(e.stage());
        } else if (edit instanceof EditSpec.InsertAfter e) {
            out.writeObjectFieldStart("insert-stage");
            text("after", e.after());
            out.writeFieldName("stage");
            stage(e.stage());
            out.writeEndObject();
        } else if (edit instanceof EditSpec.RenameStage e) {
            out.writeObjectFieldStart("rename-stage");
            text("stage", e.stage());
            text("new-id", e.newId());
            text("new-name", e.newName());
            out.writeEndObject();
        } else if (edit instanceof EditSpec.ReplaceStage e) {
            out.writeObjectFieldStart("replace-stage");
            text("stage", e.stage());
            out.writeFieldName("replacement");
            stage(e.replacement());
            out.writeEndObject();
        } else if (edit instanceof EditSpec.RemoveStage e) {
            out.writeObjectFieldStart("remove-stage");
            text("stage", e.stage());
            out.writeEndObject();
        } else if (edit instanceof EditSpec.SplitStage e) {
            out.writeObjectFieldStart("split-stage");
            text("stage", e.stage());
            out.writeFieldName("first");
            stage(e.first());
            out.writeFieldName("second");
            stage(e.second());
            out.writeFieldName("advance");
            condition(e.advance());
            out.writeEndObject();
        } else if (edit instanceof EditSpec.AddRule e) {
            out.writeFieldName("add-rule");
            rule(e.rule());
        } else if (edit instanceof EditSpec.ReplaceRule e) {
            out.writeObjectFieldStart("replace-rule");
            text("rule", e.rule());
            out.writeFieldName("replacement");
            rule(e.replacement());
            out.writeEndObject();
        } else if (edit instanceof EditSpec.RemoveRule e) {
            out.writeObjectFieldStart("remove-rule");
            text("rule", e.rule());
            out.writeEndObject();
        } else {
            throw new AssertionError("EditSpec is sealed: " + edit);
        }
        out.writeEndObject();
    }

    private void text(String key, String value) throws IOException {
        out.writeStringField(key, value);
    }

    private void optional(String key, String value) throws IOException {
        if (!value.isEmpty()) {
            text(key, value);
        }
    }

    private void texts(String key, List<String> values) throws IOException {
        if (!values.isEmpty()) {
            out.writeArrayFieldStart(key);
            for (String value : values) {
                out.writeString(value);
            }
            out.writeEndArray();
        }
    }

    // ---- what the document form cannot hold ----

    private static void checkWritable(TemplateSpec spec) {
        spec.rules().forEach(rule -> checkWritable(rule.condition()));
        for (EditSpec edit : spec.edits()) {
            if (edit instanceof EditSpec.SplitStage e) {
                checkWritable(e.advance());
            } else if (edit instanceof EditSpec.AddRule e) {
                checkWritable(e.rule().condition());
            } else if (edit instanceof EditSpec.ReplaceRule e) {
                checkWritable(e.replacement().condition());
            }
        }
    }

    private static void checkWritable(ConditionSpec condition) {
        for (String name : condition.parameters().keySet()) {
            if (RESERVED.contains(name)) {
                throw new IllegalArgumentException("condition '" + condition.type() + "' has a parameter named '"
                        + name + "', which a template file cannot hold: the key is reserved for the condition's "
                        + (name.equals("type") ? "type" : "nested conditions"));
            }
        }
        condition.conditions().forEach(SpecWriter::checkWritable);
    }
}
