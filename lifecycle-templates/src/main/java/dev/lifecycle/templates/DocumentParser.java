package dev.lifecycle.templates;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.lifecycle.templates.Node.Entry;
import dev.lifecycle.templates.Node.Kind;
import dev.lifecycle.templates.Node.ListNode;
import dev.lifecycle.templates.Node.Location;
import dev.lifecycle.templates.Node.MapNode;
import dev.lifecycle.templates.Node.Scalar;
import dev.lifecycle.templates.TemplateFileException.Problem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.MappingStartEvent;
import org.yaml.snakeyaml.events.SequenceStartEvent;

/**
 * Turns the bytes or text of a JSON or YAML document into a located {@link Node} tree, reporting the first syntax
 * error and every duplicate key. Bounded by the {@link Limits} (size, depth, text and number length), checked here
 * with messages of our own; the parsers' own limits are set above ours, so that their messages never reach a user.
 */
final class DocumentParser {
    private static final int MAX_QUOTED = 40;

    private static final String BOM = "\uFEFF";

    /** How Jackson cites a position inside a message; the location is reported on its own. */
    private static final Pattern SOURCE = Pattern.compile("\\[Source: [^;\\]]*; line: (\\d+), column: (\\d+)]");

    /** Above the {@link Limits}, so that our checks, with our messages, come first. */
    private static final StreamReadConstraints CONSTRAINTS = StreamReadConstraints.builder()
            .maxNestingDepth(Limits.MAX_DEPTH + 1)
            .maxStringLength(Limits.MAX_SIZE + 1)
            .maxNameLength(Limits.MAX_SIZE + 1)
            .maxNumberLength(Limits.MAX_SIZE + 1)
            .build();

    /** Said when a parser's own limit is reached all the same, since its message does not say which of ours. */
    private static final String LIMITS = "the document is beyond the limits of a template file: at most "
            + Limits.MAX_SIZE + " characters, maps and lists nested at most " + Limits.MAX_DEPTH
            + " levels deep, texts and keys of at most " + Limits.MAX_TEXT_LENGTH
            + " characters and numbers of at most "
            + Limits.MAX_NUMBER_LENGTH + " characters";

    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(CONSTRAINTS)
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();

    private static final YAMLFactory YAML = new YamlKeyParser.Factory(YAMLFactory.builder()
            .loaderOptions(loaderOptions())
            .streamReadConstraints(CONSTRAINTS)
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION));

    private final String source;
    private final List<Problem> problems = new ArrayList<>();

    private DocumentParser(String source) {
        this.source = source;
    }

    private static LoaderOptions loaderOptions() {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(Limits.MAX_SIZE + 1);
        options.setMaxAliasesForCollections(0);
        return options;
    }

    /** Decodes UTF-8 strictly; a byte that is not UTF-8 is a problem naming its offset, line and column. */
    static String decode(byte[] bytes, String source) {
        checkFileSize(bytes.length, source);
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            int offset = in.position();
            int lineStart = 0;
            int line = 1;
            for (int i = 0; i < offset; i++) {
                if (bytes[i] == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            String before = new String(bytes, lineStart, offset - lineStart, StandardCharsets.UTF_8);
            if (lineStart == 0 && before.startsWith(BOM)) {
                // a byte order mark is no character of the line: editors show the first character in column 1
                before = before.substring(1);
            }
            int column = before.codePointCount(0, before.length()) + 1;
            throw failure(
                    source,
                    new Problem(
                            source,
                            "",
                            line,
                            column,
                            String.format(
                                    "the file is not UTF-8: byte 0x%02X at byte offset %d cannot be decoded; save the"
                                            + " file as UTF-8",
                                    bytes[offset] & 0xFF, offset)));
        }
        out.flip();
        return out.toString();
    }

    /** Refuses a file larger than {@link Limits#MAX_SIZE} bytes, before its bytes are read or decoded. */
    static void checkFileSize(long bytes, String source) {
        if (bytes > Limits.MAX_SIZE) {
            throw failure(
                    source,
                    new Problem(
                            source,
                            "",
                            0,
                            0,
                            "the file has " + bytes + " bytes; a template file may have at most " + Limits.MAX_SIZE));
        }
    }

    /**
     * A document read into a tree, with the problems that still let it be read on (duplicate keys).
     *
     * @param root the tree
     * @param problems the problems found, in document order
     */
    record Parsed(Node root, List<Problem> problems) {}

    /** Parses one document into a tree, or throws with every problem found when it cannot be read into one. */
    static Parsed parse(String content, TemplateFiles.Format format, String source) {
        if (content.length() > Limits.MAX_SIZE) {
            throw failure(
                    source,
                    new Problem(
                            source,
                            "",
                            0,
                            0,
                            "the document has " + content.length() + " characters; a template may have at most "
                                    + Limits.MAX_SIZE));
        }
        String text = content.startsWith(BOM) ? content.substring(1) : content;
        if (text.isBlank()) {
            throw failure(source, new Problem(source, "", 0, 0, "the file is empty"));
        }
        DocumentParser parser = new DocumentParser(source);
        Node root = parser.parse(text, format);
        if (root == null) {
            throw new TemplateFileException(source, parser.problems, null);
        }
        return new Parsed(root, List.copyOf(parser.problems));
    }

    private @Nullable Node parse(String text, TemplateFiles.Format format) {
        JsonFactory factory = format == TemplateFiles.Format.YAML ? YAML : JSON;
        try (JsonParser parser = factory.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                problems.add(new Problem(source, "", 0, 0, "the file is empty"));
                return null;
            }
            Node root = value(parser, 0, "");
            if (root != null && parser.nextToken() != null) {
                root = null;
                Location at = location(parser.currentTokenLocation());
                problems.add(new Problem(
                        source,
                        "",
                        at.line(),
                        at.column(),
                        format == TemplateFiles.Format.YAML
                                ? "a second document starts here; a template file holds one document"
                                : "more content after the template; a template file holds one document"));
            }
            return root;
        } catch (StreamConstraintsException e) {
            Location at = location(e.getLocation());
            problems.add(new Problem(source, "", at.line(), at.column(), LIMITS));
            return null;
        } catch (JsonProcessingException e) {
            syntaxError(e);
            return null;
        } catch (YAMLException e) {
            yamlError(e, Location.UNKNOWN);
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads the value at the current token, or returns null after recording why it cannot. */
    private @Nullable Node value(JsonParser parser, int depth, String path) throws IOException {
        Location at = location(parser.currentTokenLocation());
        JsonToken token = parser.currentToken();
        if ((token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) && depth >= Limits.MAX_DEPTH) {
            problems.add(new Problem(
                    source,
                    path,
                    at.line(),
                    at.column(),
                    "maps and lists nest deeper than " + Limits.MAX_DEPTH + " levels"));
            return null;
        }
        switch (token) {
            case START_OBJECT -> {
                Map<String, Entry> entries = new LinkedHashMap<>();
                while (true) {
                    JsonToken next = nextKey(parser, path);
                    if (next == JsonToken.NOT_AVAILABLE) {
                        return null;
                    }
                    if (next != JsonToken.FIELD_NAME) {
                        break;
                    }
                    String key = parser.currentName();
                    Location keyAt = location(parser.currentTokenLocation());
                    if (tooLong(key.length(), Limits.MAX_TEXT_LENGTH, "key", path, keyAt)) {
                        return null;
                    }
                    parser.nextToken();
                    String childPath = SpecReader.child(path, key);
                    Node child = value(parser, depth + 1, childPath);
                    if (child == null) {
                        return null;
                    }
                    Entry earlier = entries.get(key);
                    if (earlier != null) {
                        problems.add(new Problem(
                                source,
                                childPath,
                                keyAt.line(),
                                keyAt.column(),
                                "duplicate key '" + quote(key) + "'; it is first at line "
                                        + earlier.keyAt().line()));
                    } else {
                        entries.put(key, new Entry(key, keyAt, child));
                    }
                }
                return new MapNode(entries, at);
            }
            case START_ARRAY -> {
                List<Node> items = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    Node child = value(parser, depth + 1, path + "[" + items.size() + "]");
                    if (child == null) {
                        return null;
                    }
                    items.add(child);
                }
                return new ListNode(items, at);
            }
            case VALUE_STRING -> {
                if (parser instanceof YamlKeyParser yaml && yaml.isCurrentAlias()) {
                    problems.add(new Problem(
                            source,
                            path,
                            at.line(),
                            at.column(),
                            "YAML aliases (*" + quote(parser.getText()) + ") are not supported; write the value out"));
                    return null;
                }
                return tooLong(parser.getTextLength(), Limits.MAX_TEXT_LENGTH, "text", path, at)
                        ? null
                        : new Scalar(Kind.TEXT, parser.getText(), at);
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                return tooLong(parser.getTextLength(), Limits.MAX_NUMBER_LENGTH, "number", path, at)
                        ? null
                        : new Scalar(
                                token == JsonToken.VALUE_NUMBER_INT ? Kind.WHOLE_NUMBER : Kind.DECIMAL_NUMBER,
                                parser.getText(),
                                at);
            }
            case VALUE_TRUE -> {
                return new Scalar(Kind.TRUE, parser.getText(), at);
            }
            case VALUE_FALSE -> {
                return new Scalar(Kind.FALSE, parser.getText(), at);
            }
            case VALUE_NULL -> {
                return new Scalar(Kind.NULL, "", at);
            }
            default -> {
                problems.add(new Problem(
                        source,
                        path,
                        at.line(),
                        at.column(),
                        "a tagged value such as !!binary is not supported; expected a map, a list, text, a number or"
                                + " true/false"));
                return null;
            }
        }
    }

    /**
     * Moves to the next key of a map, or to its end; {@code NOT_AVAILABLE} after recording why the next key cannot be
     * read: in YAML a list, a map or an alias may be a key, which a template never needs and the parser reports with
     * its own classes.
     */
    private @Nullable JsonToken nextKey(JsonParser parser, String path) throws IOException {
        try {
            return parser.nextToken();
        } catch (JsonParseException e) {
            if (!(parser instanceof YamlKeyParser yaml) || e.getCause() != null) {
                throw e;
            }
            Event event = yaml.lastEvent();
            String what;
            if (event instanceof SequenceStartEvent) {
                what = "a list";
            } else if (event instanceof MappingStartEvent) {
                what = "a map";
            } else if (event instanceof AliasEvent alias) {
                what = "an alias (*" + quote(String.valueOf(alias.getAnchor())) + ")";
            } else {
                throw e;
            }
            Mark mark = event.getStartMark();
            Location at = location(mark, location(e.getLocation()));
            problems.add(new Problem(
                    source,
                    path,
                    at.line(),
                    at.column(),
                    "a key must be text but this one is " + what + "; YAML lists, maps and aliases cannot be keys"));
            return JsonToken.NOT_AVAILABLE;
        }
    }

    /** Records a problem when a text, key or number is longer than its limit, naming the limit and the length. */
    private boolean tooLong(int length, int limit, String what, String path, Location at) {
        if (length <= limit) {
            return false;
        }
        problems.add(new Problem(
                source,
                path,
                at.line(),
                at.column(),
                "the " + what + " has " + length + " characters; a " + what + " may have at most " + limit));
        return true;
    }

    private void syntaxError(JsonProcessingException e) {
        Location at = location(e.getLocation());
        if (e.getCause() instanceof YAMLException yaml) {
            yamlError(yaml, at);
            return;
        }
        problems.add(new Problem(source, "", at.line(), at.column(), shorten(e.getOriginalMessage())));
    }

    /** A YAML position (zero-based line and column) as a location, or the fallback where there is none. */
    private static Location location(@Nullable Mark mark, Location fallback) {
        return mark == null ? fallback : new Location(mark.getLine() + 1, mark.getColumn() + 1);
    }

    private void yamlError(YAMLException e, Location fallback) {
        if (e instanceof MarkedYAMLException marked && marked.getProblem() != null) {
            Mark mark = marked.getProblemMark() != null ? marked.getProblemMark() : marked.getContextMark();
            Location at = location(mark, fallback);
            String context = marked.getContext();
            String message = marked.getProblem() + (context == null ? "" : " (" + context + ")");
            problems.add(new Problem(source, "", at.line(), at.column(), shorten(message)));
        } else {
            problems.add(new Problem(source, "", fallback.line(), fallback.column(), shorten(e.getMessage())));
        }
    }

    /** The first line of a parser's message, without the document excerpt some parsers append. */
    private static String shorten(@Nullable String message) {
        if (message == null || message.isBlank()) {
            return "the document is not well-formed";
        }
        String line = SOURCE.matcher(
                        message.strip().lines().findFirst().orElse("").strip())
                .replaceAll("line $1, column $2");
        return line.length() > 200 ? line.substring(0, 197) + "..." : line;
    }

    private static Location location(@Nullable JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return Location.UNKNOWN;
        }
        return new Location(location.getLineNr(), Math.max(location.getColumnNr(), 0));
    }

    /** Text for a message: abbreviated, with control characters escaped. */
    static String quote(String text) {
        String shown = text.length() > MAX_QUOTED ? text.substring(0, MAX_QUOTED) + "..." : text;
        StringBuilder out = new StringBuilder(shown.length());
        shown.codePoints().forEach(c -> {
            if (Character.isISOControl(c)) {
                out.append(String.format("\\u%04X", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }

    private static TemplateFileException failure(String source, Problem problem) {
        return new TemplateFileException(source, List.of(problem), null);
    }
}
