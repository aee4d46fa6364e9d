/**
 * Customer events from a user's data: CSV exports, JDBC result sets and message fields, through one column mapping,
 * with every row that cannot be used reported by its line and reason.
 *
 * <p>The entry points are {@link dev.lifecycle.io.EventFileReader} and {@link dev.lifecycle.io.EventMapping}.
 */
module dev.lifecycle.io {
    requires transitive dev.lifecycle.core;
    requires transitive java.sql;
    requires com.fasterxml.jackson.core;
    requires com.fasterxml.jackson.dataformat.csv;
    requires static org.jspecify;

    exports dev.lifecycle.io;
}
