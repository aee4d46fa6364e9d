package dev.lifecycle.templates;

import java.util.List;
import java.util.Map;

/**
 * A parsed JSON or YAML document as a small tree that remembers where each value starts in the file, so that every
 * problem found later can be reported at its line and column.
 */
sealed interface Node {

    /** {@return where the value starts} */
    Location at();

    /**
     * A position in a document.
     *
     * @param line the line, from 1; 0 when unknown
     * @param column the column, from 1; 0 when unknown
     */
    record Location(int line, int column) {
        static final Location UNKNOWN = new Location(0, 0);
    }

    /**
     * A map; keys keep their document order.
     *
     * @param entries the entries by key
     * @param at where the map starts
     */
    record MapNode(Map<String, Entry> entries, Location at) implements Node {}

    /**
     * One entry of a map.
     *
     * @param key the key
     * @param keyAt where the key is
     * @param value the value
     */
    record Entry(String key, Location keyAt, Node value) {}

    /**
     * A list.
     *
     * @param items the items
     * @param at where the list starts
     */
    record ListNode(List<Node> items, Location at) implements Node {}

    /**
     * A single value, with its text as written.
     *
     * @param kind what the parser took it for
     * @param text the text as written ({@code 1000.50}, {@code yes}); empty for null
     * @param at where the value starts
     */
    record Scalar(Kind kind, String text, Location at) implements Node {}

    /** What kind of single value the parser found. */
    enum Kind {
        TEXT,
        WHOLE_NUMBER,
        DECIMAL_NUMBER,
        TRUE,
        FALSE,
        NULL
    }
}
