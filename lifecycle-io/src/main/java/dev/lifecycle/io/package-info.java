/**
 * Reading customer events from a user's own data. {@link dev.lifecycle.io.EventMapping} says which column holds which
 * event field and which of the user's type names mean which event type; {@link dev.lifecycle.io.EventFileReader} reads
 * a CSV export, a CDNOW-style file or a JDBC result set through it into an {@link dev.lifecycle.io.EventFile}, where
 * rows read always equal rows used plus rows rejected, each rejection with its line and reason, or into an {@link
 * dev.lifecycle.io.EventBatchFile}, the same rows in a column-stored {@link dev.lifecycle.core.EventBatch} read
 * without an object per event; {@link
 * dev.lifecycle.io.EventMapping#map(java.util.Map, String, long)} turns one message's fields into an event or a
 * rejection by the same rules, as a {@link dev.lifecycle.io.RowResult}. Each row not used is a {@link
 * dev.lifecycle.io.Rejection} with its reason, and {@link dev.lifecycle.io.IoProblem} words a failed read or write for
 * a person.
 *
 * <p><b>Why Jackson's CSV parser.</b> The fields of a CSV record (quotes, doubled quotes, the delimiter, text after a
 * closing quote) are split by {@code jackson-dataformat-csv} rather than by hand: it is maintained with the Jackson
 * core the build already uses (one version, from Jackson's BOM), it reports a malformed record with a precise message
 * ({@code Expected column separator character}, {@code Missing closing quote}), and it bounds the text it buffers by
 * Jackson's stream read constraints. Apache Commons CSV was the other candidate: its lexer grows a token's buffer
 * without bound, so an unclosed quote in a large file is read into memory to the end of the file. Neither library can
 * go on reading after a malformed record once it has lost its place, and neither decodes record by record, which this
 * package needs to reject a non-UTF-8 line and read the next one. So the reader cuts the byte stream into records
 * itself, by the quote rule both apply (a quote at the start of a field opens a quoted field, a doubled quote inside
 * it is text), bounds each record to {@value dev.lifecycle.io.EventFileReader#MAX_RECORD_BYTES} bytes before it is
 * decoded, and hands one record at a time to Jackson. A record over the bound outside quotes is rejected with its line
 * number and reading resumes on the next line; a quoted field still open at the bound stops the reading with a
 * message naming the line where the quote opened, since its record's end cannot be found without reading on without
 * limit.
 */
@NullMarked
package dev.lifecycle.io;

import org.jspecify.annotations.NullMarked;
