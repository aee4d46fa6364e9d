package dev.lifecycle.templates;

import dev.lifecycle.core.ConditionSpec;
import dev.lifecycle.core.EditSpec;
import dev.lifecycle.core.RuleSpec;
import dev.lifecycle.core.StageSpec;
import dev.lifecycle.core.TemplateSpec;
import dev.lifecycle.templates.Node.Entry;
import dev.lifecycle.templates.Node.Kind;
import dev.lifecycle.templates.Node.ListNode;
import dev.lifecycle.templates.Node.Location;
import dev.lifecycle.templates.Node.MapNode;
import dev.lifecycle.templates.Node.Scalar;
import dev.lifecycle.templates.TemplateFileException.Problem;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Maps a located document tree to a {@link TemplateSpec}, recording every structural problem (a wrong type, a missing
 * or unknown key, an unknown edit kind) with its document path and location, and remembering where each part of the
 * spec came from so that the problems {@link TemplateSpec#toTemplate} finds can be located too.
 */
final class SpecReader {
    static final List<String> TEMPLATE_KEYS = List.of("name", "extends", "entry-stage", "stages", "rules", "edits");
    static final List<String> STAGE_KEYS = List.of(
            "id", "name", "side-stage", "churn", "description", "channels", "touchpoints", "metrics", "strategy");
    static final List<String> RULE_KEYS = List.of("id", "from", "to", "priority", "description", "when");
    static final List<String> EDIT_KINDS = List.of(
            "add-stage",
            "insert-stage",
            "rename-stage",
            "replace-stage",
            "remove-stage",
            "split-stage",
            "add-rule",
            "replace-rule",
            "remove-rule");

    private static final ConditionSpec NO_CONDITION = new ConditionSpec("", Map.of(), List.of());
    private static final StageSpec NO_STAGE =
            new StageSpec("", "", "", false, false, List.of(), List.of(), List.of(), "");
    private static final RuleSpec NO_RULE = new RuleSpec("", List.of(), "", NO_CONDITION, 0, Optional.empty());
    private static final EditSpec NO_EDIT = new EditSpec.RemoveRule("");

    /**
     * Where a part of the spec came from.
     *
     * @param path its path in the document
     * @param at where it starts
     */
    record Target(String path, Location at) {}

    /**
     * A spec read from a document, with where each of its parts came from.
     *
     * @param spec the spec; where {@code problems} are, it holds placeholders
     * @param targets spec paths (as {@link dev.lifecycle.core.SpecException} reports them) to document locations
     * @param problems the structural problems of the document, in document order
     */
    record Result(TemplateSpec spec, Map<String, Target> targets, List<Problem> problems) {

        /** Locates a spec path: the part itself, or its nearest ancestor that the document has. */
        Target locate(String specPath) {
            String prefix = specPath;
            String rest = "";
            while (true) {
                Target target = targets.get(prefix);
                if (target != null) {
                    return new Target(documentPath(target.path(), rest), target.at());
                }
                int cut = Math.max(prefix.lastIndexOf('.'), prefix.lastIndexOf('['));
                if (cut <= 0) {
                    Target root = targets.getOrDefault("", new Target("", Location.UNKNOWN));
                    return new Target(documentPath(root.path(), "." + specPath), root.at());
                }
                rest = prefix.substring(cut) + rest;
                prefix = prefix.substring(0, cut);
            }
        }

        /** Appends the rest of a spec path in document style: kebab-case keys, parameters written in place. */
        private static String documentPath(String base, String rest) {
            StringBuilder path = new StringBuilder(base);
            for (String segment : rest.split("(?=[.\\[])")) {
                if (segment.isEmpty() || segment.equals(".parameters")) {
                    continue;
                }
                if (segment.startsWith(".")) {
                    if (path.length() > 0) {
                        path.append('.');
                    }
                    path.append(kebab(segment.substring(1)));
                } else {
                    path.append(segment);
                }
            }
            return path.toString();
        }

        private static String kebab(String name) {
            return name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
        }
    }

    private final String source;
    private final List<Problem> problems = new ArrayList<>();
    private final Map<String, Target> targets = new HashMap<>();

    private SpecReader(String source) {
        this.source = source;
    }

    /** Reads the spec, with every structural problem of the document. */
    static Result read(Node root, String source) {
        SpecReader reader = new SpecReader(source);
        TemplateSpec spec = reader.template(root);
        return new Result(spec, Map.copyOf(reader.targets), List.copyOf(reader.problems));
    }

    static String child(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private TemplateSpec template(Node root) {
        MapNode map = map(root, "", "a template");
        if (map == null) {
            return new TemplateSpec("", Optional.empty(), Optional.empty(), List.of(), List.of(), List.of());
        }
        target("", "", map);
        Fields f = new Fields(map, "", "", TEMPLATE_KEYS, "a template");
        String name = f.requiredText("name", "name");
        Optional<String> extendsTemplate = f.optionalText("extends", "extends");
        Optional<String> entryStage = f.optionalText("entry-stage", "entryStage");
        List<StageSpec> stages = f.list("stages", "stages", "stages", Limits.MAX_STAGES, this::stage);
        List<RuleSpec> rules = f.list("rules", "rules", "rules", Limits.MAX_RULES, this::rule);
        List<EditSpec> edits = f.list("edits", "edits", "edits", Limits.MAX_EDITS, this::edit);
        return new TemplateSpec(name, extendsTemplate, entryStage, stages, rules, edits);
    }

    private StageSpec stage(Node node, String doc, String spec) {
        MapNode map = map(node, doc, "a stage");
        if (map == null) {
            return NO_STAGE;
        }
        target(spec, doc, map);
        Fields f = new Fields(map, doc, spec, STAGE_KEYS, "a stage");
        String id = f.requiredText("id", "id");
        return new StageSpec(
                id,
                f.text("name", "name", id),
                f.text("description", "description", ""),
                f.bool("side-stage", "sideStage"),
                f.bool("churn", "churn"),
                f.texts("channels", "channels"),
                f.texts("touchpoints", "touchpoints"),
                f.texts("metrics", "metrics"),
                f.text("strategy", "strategy", ""));
    }

    private RuleSpec rule(Node node, String doc, String spec) {
        MapNode map = map(node, doc, "a rule");
        if (map == null) {
            return NO_RULE;
        }
        target(spec, doc, map);
        Fields f = new Fields(map, doc, spec, RULE_KEYS, "a rule");
        String id = f.requiredText("id", "id");
        List<String> from = f.requiredTexts("from", "from", "stage ids");
        String to = f.requiredText("to", "to");
        int priority = f.integer("priority", "priority");
        Optional<String> description = f.optionalText("description", "description");
        Node when = f.required("when");
        ConditionSpec condition =
                when == null ? NO_CONDITION : condition(when, child(doc, "when"), spec + ".condition");
        return new RuleSpec(id, from, to, condition, priority, description);
    }

    private ConditionSpec condition(Node node, String doc, String spec) {
        MapNode map = map(node, doc, "a condition");
        if (map == null) {
            return NO_CONDITION;
        }
        target(spec, doc, map);
        target(spec + ".parameters", doc, map);
        Entry typeEntry = map.entries().get("type");
        String type;
        if (typeEntry == null) {
            problem(child(doc, "type"), map.at(), "missing; a condition needs a 'type'");
            type = "";
        } else {
            target(spec + ".type", child(doc, "type"), typeEntry.value());
            type = textOf(typeEntry.value(), child(doc, "type"));
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        List<ConditionSpec> nested = new ArrayList<>();
        Entry one = map.entries().get("condition");
        Entry many = map.entries().get("conditions");
        if (one != null && many != null) {
            problem(
                    child(doc, "conditions"),
                    many.keyAt(),
                    "a condition has either 'condition' (one nested condition) or 'conditions' (a list), not both");
        } else if (one != null) {
            String oneDoc = child(doc, "condition");
            target(spec + ".conditions", oneDoc, one.value());
            nested.add(condition(one.value(), oneDoc, spec + ".conditions[0]"));
        } else if (many != null) {
            nested.addAll(listOf(
                    many.value(), child(doc, "conditions"), spec + ".conditions", "conditions", this::condition));
        }
        for (Entry entry : map.entries().values()) {
            String key = entry.key();
            if (key.equals("type") || key.equals("condition") || key.equals("conditions")) {
                continue;
            }
            String parameterDoc = child(doc, key);
            target(spec + ".parameters." + key, parameterDoc, entry.value());
            if (entry.value() instanceof Scalar s
                    && (s.kind() == Kind.TEXT || s.kind() == Kind.WHOLE_NUMBER || s.kind() == Kind.DECIMAL_NUMBER)) {
                parameters.put(key, s.text());
            } else {
                problem(
                        parameterDoc,
                        entry.value().at(),
                        "expected text or a number but was " + describe(entry.value()) + hint(entry.value()));
            }
        }
        return new ConditionSpec(type, parameters, nested);
    }

    private EditSpec edit(Node node, String doc, String spec) {
        MapNode map = map(node, doc, "an edit");
        if (map == null) {
            return NO_EDIT;
        }
        if (map.entries().size() != 1) {
            problem(
                    doc,
                    map.at(),
                    map.entries().isEmpty()
                            ? "an edit needs a kind; expected one of " + EDIT_KINDS
                            : "an edit has exactly one kind but this one has "
                                    + map.entries().keySet() + "; make each its own list item");
            return NO_EDIT;
        }
        Entry edit = map.entries().values().iterator().next();
        String kind = edit.key();
        String kindDoc = child(doc, kind);
        Node value = edit.value();
        if (!EDIT_KINDS.contains(kind)) {
            problem(
                    kindDoc,
                    edit.keyAt(),
                    "unknown edit kind '" + DocumentParser.quote(kind) + "'; expected one of " + EDIT_KINDS);
            return NO_EDIT;
        }
        target(spec, kindDoc, value);
        if (kind.equals("add-stage")) {
            return new EditSpec.AddStage(stage(value, kindDoc, spec + ".stage"));
        }
        if (kind.equals("add-rule")) {
            return new EditSpec.AddRule(rule(value, kindDoc, spec + ".rule"));
        }
        MapNode fields = map(value, kindDoc, "a " + kind + " edit");
        if (fields == null) {
            return NO_EDIT;
        }
        switch (kind) {
            case "insert-stage" -> {
                Fields f = new Fields(fields, kindDoc, spec, List.of("after", "stage"), "an insert-stage edit");
                String after = f.requiredText("after", null);
                return new EditSpec.InsertAfter(after, f.stage("stage", "stage"));
            }
            case "rename-stage" -> {
                Fields f = new Fields(
                        fields, kindDoc, spec, List.of("stage", "new-id", "new-name"), "a rename-stage edit");
                return new EditSpec.RenameStage(
                        f.requiredText("stage", null),
                        f.requiredText("new-id", null),
                        f.requiredText("new-name", null));
            }
            case "replace-stage" -> {
                Fields f = new Fields(fields, kindDoc, spec, List.of("stage", "replacement"), "a replace-stage edit");
                String stage = f.requiredText("stage", null);
                return new EditSpec.ReplaceStage(stage, f.stage("replacement", "replacement"));
            }
            case "remove-stage" -> {
                Fields f = new Fields(fields, kindDoc, spec, List.of("stage"), "a remove-stage edit");
                return new EditSpec.RemoveStage(f.requiredText("stage", null));
            }
            case "split-stage" -> {
                Fields f = new Fields(
                        fields, kindDoc, spec, List.of("stage", "first", "second", "advance"), "a split-stage edit");
                String stage = f.requiredText("stage", null);
                StageSpec first = f.stage("first", "first");
                StageSpec second = f.stage("second", "second");
                Node advance = f.required("advance");
                ConditionSpec condition = advance == null
                        ? NO_CONDITION
                        : condition(advance, child(kindDoc, "advance"), spec + ".advance");
                return new EditSpec.SplitStage(stage, first, second, condition);
            }
            case "replace-rule" -> {
                Fields f = new Fields(fields, kindDoc, spec, List.of("rule", "replacement"), "a replace-rule edit");
                String rule = f.requiredText("rule", null);
                Node replacement = f.required("replacement");
                return new EditSpec.ReplaceRule(
                        rule,
                        replacement == null
                                ? NO_RULE
                                : rule(replacement, child(kindDoc, "replacement"), spec + ".replacement"));
            }
            case "remove-rule" -> {
                Fields f = new Fields(fields, kindDoc, spec, List.of("rule"), "a remove-rule edit");
                return new EditSpec.RemoveRule(f.requiredText("rule", null));
            }
            default -> {
                throw new AssertionError("edit kinds are checked above: " + kind);
            }
        }
    }

    // ---- values ----

    private @Nullable MapNode map(Node node, String doc, String what) {
        if (node instanceof MapNode map) {
            return map;
        }
        problem(doc, node.at(), "expected " + what + " (a map) but was " + describe(node));
        return null;
    }

    private <T> List<T> listOf(Node node, String doc, String spec, String what, Element<T> element) {
        if (!(node instanceof ListNode list)) {
            problem(doc, node.at(), "expected a list of " + what + " but was " + describe(node));
            return List.of();
        }
        target(spec, doc, list);
        List<T> values = new ArrayList<>(list.items().size());
        for (int i = 0; i < list.items().size(); i++) {
            values.add(element.read(list.items().get(i), doc + "[" + i + "]", spec + "[" + i + "]"));
        }
        return values;
    }

    private String textOf(Node node, String doc) {
        if (node instanceof Scalar s
                && (s.kind() == Kind.TEXT || s.kind() == Kind.WHOLE_NUMBER || s.kind() == Kind.DECIMAL_NUMBER)) {
            return s.text();
        }
        problem(doc, node.at(), "expected text but was " + describe(node) + hint(node));
        return "";
    }

    private int integerOf(Node node, String doc) {
        if (node instanceof Scalar s
                && (s.kind() == Kind.TEXT || s.kind() == Kind.WHOLE_NUMBER)
                && s.text().strip().matches("[-+]?[0-9]+")) {
            try {
                return Integer.parseInt(s.text().strip());
            } catch (NumberFormatException e) {
                problem(
                        doc,
                        node.at(),
                        "expected a whole number from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE + " but was "
                                + describe(node));
                return 0;
            }
        }
        problem(doc, node.at(), "expected a whole number but was " + describe(node));
        return 0;
    }

    private boolean boolOf(Node node, String doc) {
        if (node instanceof Scalar s && (s.kind() == Kind.TRUE || s.kind() == Kind.FALSE)) {
            return s.kind() == Kind.TRUE;
        }
        problem(doc, node.at(), "expected true or false but was " + describe(node));
        return false;
    }

    private static boolean isNull(@Nullable Node node) {
        return node instanceof Scalar s && s.kind() == Kind.NULL;
    }

    /** How a value reads in a message: {@code "two"} for text, {@code 12} for a number, {@code a list}, ... */
    static String describe(Node node) {
        if (node instanceof MapNode) {
            return "a map";
        }
        if (node instanceof ListNode) {
            return "a list";
        }
        Scalar s = (Scalar) node;
        return switch (s.kind()) {
            case TEXT -> "'" + DocumentParser.quote(s.text()) + "'";
            case NULL -> "null";
            default -> DocumentParser.quote(s.text());
        };
    }

    private static String hint(Node node) {
        return node instanceof Scalar s && (s.kind() == Kind.TRUE || s.kind() == Kind.FALSE || s.kind() == Kind.NULL)
                ? "; put it in quotes to use it as text"
                : "";
    }

    private void problem(String doc, Location at, String message) {
        problems.add(new Problem(source, doc, at.line(), at.column(), message));
    }

    private void target(String spec, String doc, Node node) {
        targets.put(spec, new Target(doc, node.at()));
    }

    /** Reads one element of a list. */
    @FunctionalInterface
    private interface Element<T> {
        T read(Node node, String doc, String spec);
    }

    /** The keys of one map: reports unknown keys at once, and reads the known ones with their paths. */
    private final class Fields {
        private final MapNode map;
        private final String doc;
        private final String spec;
        private final String what;

        Fields(MapNode map, String doc, String spec, List<String> keys, String what) {
            this.map = map;
            this.doc = doc;
            this.spec = spec;
            this.what = what;
            for (Entry entry : map.entries().values()) {
                if (!keys.contains(entry.key())) {
                    problem(
                            child(doc, entry.key()),
                            entry.keyAt(),
                            "unknown key '" + DocumentParser.quote(entry.key()) + "' in " + what + "; expected one of "
                                    + keys);
                }
            }
        }

        /** The value of a key, registered under the spec field when there is one; null when absent or null. */
        private @Nullable Node optional(String key, @Nullable String field) {
            Entry entry = map.entries().get(key);
            if (entry == null || isNull(entry.value())) {
                return null;
            }
            if (field != null) {
                target(child(spec, field), child(doc, key), entry.value());
            }
            return entry.value();
        }

        @Nullable
        Node required(String key) {
            Entry entry = map.entries().get(key);
            if (entry == null) {
                problem(child(doc, key), map.at(), "missing; " + what + " needs '" + key + "'");
                return null;
            }
            return entry.value();
        }

        String requiredText(String key, @Nullable String field) {
            Node node = required(key);
            if (node == null) {
                return "";
            }
            if (field != null) {
                target(child(spec, field), child(doc, key), node);
            }
            return textOf(node, child(doc, key));
        }

        List<String> requiredTexts(String key, String field, String what) {
            Node node = required(key);
            return node == null ? List.of() : texts(node, key, field, what);
        }

        String text(String key, String field, String otherwise) {
            Node node = optional(key, field);
            return node == null ? otherwise : textOf(node, child(doc, key));
        }

        Optional<String> optionalText(String key, String field) {
            Node node = optional(key, field);
            return node == null ? Optional.empty() : Optional.of(textOf(node, child(doc, key)));
        }

        boolean bool(String key, String field) {
            Node node = optional(key, field);
            return node != null && boolOf(node, child(doc, key));
        }

        int integer(String key, String field) {
            Node node = optional(key, field);
            return node == null ? 0 : integerOf(node, child(doc, key));
        }

        List<String> texts(String key, String field) {
            Node node = optional(key, field);
            return node == null ? List.of() : texts(node, key, field, "text");
        }

        private List<String> texts(Node node, String key, String field, String what) {
            return listOf(node, child(doc, key), child(spec, field), what, (item, itemDoc, itemSpec) -> {
                target(itemSpec, itemDoc, item);
                return textOf(item, itemDoc);
            });
        }

        StageSpec stage(String key, String field) {
            Node node = required(key);
            return node == null ? NO_STAGE : SpecReader.this.stage(node, child(doc, key), child(spec, field));
        }

        <T> List<T> list(String key, String field, String what, int limit, Element<T> element) {
            Node node = optional(key, field);
            if (node instanceof ListNode list && list.items().size() > limit) {
                problem(
                        child(doc, key),
                        node.at(),
                        "the template has " + list.items().size() + " " + what + "; a template may have at most "
                                + limit);
                return List.of();
            }
            return node == null ? List.of() : listOf(node, child(doc, key), child(spec, field), what, element);
        }
    }
}
