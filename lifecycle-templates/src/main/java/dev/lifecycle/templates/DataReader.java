package dev.lifecycle.templates;

import dev.lifecycle.core.SpecException;
import dev.lifecycle.templates.Node.ListNode;
import dev.lifecycle.templates.Node.Location;
import dev.lifecycle.templates.Node.MapNode;
import dev.lifecycle.templates.Node.Scalar;
import dev.lifecycle.templates.TemplateFileException.Problem;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Hands a parsed document to another module's reader of plain data (a segment map, say) and locates the problems it
 * reports: each {@link SpecException.Problem}'s path ({@code segments[2].recency}) is found in the tree, so that it is
 * reported at its line and column like a template's.
 */
final class DataReader {
    private DataReader() {}

    /** Reads the document's plain data with {@code reader}, turning its refusal into located problems. */
    static <T> T read(DocumentParser.Parsed parsed, String source, Function<? super Map<String, Object>, T> reader) {
        List<Problem> problems = new ArrayList<>(parsed.problems());
        if (!(parsed.root() instanceof MapNode root)) {
            problems.add(new Problem(
                    source, "", parsed.root().at().line(), parsed.root().at().column(), "the document must be a map"));
            throw new TemplateFileException(source, problems, null);
        }
        SpecException cause = null;
        try {
            T value = reader.apply(map(root));
            if (problems.isEmpty()) {
                return value;
            }
        } catch (SpecException e) {
            cause = e;
            for (SpecException.Problem problem : e.problems()) {
                Location at = locate(root, problem.path());
                problems.add(new Problem(source, problem.path(), at.line(), at.column(), problem.message()));
            }
        }
        problems.sort((a, b) -> Integer.compare(a.line(), b.line()));
        throw new TemplateFileException(source, problems, cause);
    }

    /** The tree as plain data: maps in document order, lists, text as written, true and false, null. */
    private static @Nullable Object data(Node node) {
        if (node instanceof MapNode map) {
            return map(map);
        }
        if (node instanceof ListNode list) {
            List<@Nullable Object> items = new ArrayList<>();
            for (Node item : list.items()) {
                items.add(data(item));
            }
            return Collections.unmodifiableList(items);
        }
        Scalar scalar = (Scalar) node;
        return switch (scalar.kind()) {
            case NULL -> null;
            case TRUE -> true;
            case FALSE -> false;
            case TEXT, WHOLE_NUMBER, DECIMAL_NUMBER -> scalar.text();
        };
    }

    private static Map<String, Object> map(MapNode map) {
        Map<String, Object> data = new LinkedHashMap<>();
        map.entries().forEach((key, entry) -> {
            Object value = data(entry.value());
            if (value != null) {
                data.put(key, value);
            }
        });
        return Collections.unmodifiableMap(data);
    }

    /** Where the deepest node a path reaches is: a single value's own location, a map's or list's key. */
    static Location locate(MapNode root, String path) {
        Node node = root;
        Location at = root.at();
        for (String step : path.split("\\.|(?=\\[)")) {
            if (step.isEmpty()) {
                continue;
            }
            if (step.startsWith("[") && step.endsWith("]") && node instanceof ListNode list) {
                int index;
                try {
                    index = Integer.parseInt(step.substring(1, step.length() - 1));
                } catch (NumberFormatException e) {
                    return at;
                }
                if (index < 0 || index >= list.items().size()) {
                    return at;
                }
                node = list.items().get(index);
                at = node.at();
            } else if (node instanceof MapNode map) {
                Node.Entry entry = map.entries().get(step);
                if (entry == null) {
                    return at;
                }
                node = entry.value();
                at = node instanceof Scalar ? node.at() : entry.keyAt();
            } else {
                return at;
            }
        }
        return at;
    }
}
