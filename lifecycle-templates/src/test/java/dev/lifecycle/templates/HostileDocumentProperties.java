package dev.lifecycle.templates;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.fail;
import static org.quicktheories.QuickTheory.qt;

import dev.lifecycle.core.TemplateSpec;
import dev.lifecycle.templates.TemplateFileException.Problem;
import dev.lifecycle.templates.TemplateFiles.Format;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;

/**
 * A fuzz-style check of the reader: valid written templates mutated the way an attacker or a careless edit would
 * (parser-significant characters, YAML keys that are lists, maps or aliases, tags, huge numbers and amounts, extreme
 * priorities, long texts, deep nesting, byte order marks, duplicated lines) either read into a template or fail with a
 * {@link TemplateFileException} whose problems name no Java class, each document within a time bound.
 */
final class HostileDocumentProperties {
    private static final String CHARACTERS = "{}[]:,-\"'#&*!|>?%@` \n\r\t\uFEFF\u0000ab1.é";

    private static final List<String> TOKENS = List.of(
            "[x, y]: ",
            "{a: b}: ",
            "? [k]\n: v\n",
            "*a ",
            "&a ",
            "*a : b\n",
            "<<: *a\n",
            "!!binary dGVzdA== ",
            "!!python/object:x {} ",
            "!custom ",
            "1e99999999",
            "-1e-99999999",
            "9".repeat(150),
            "0x7fffffffffffffff",
            "2147483647",
            "-2147483648",
            "99999999999999999999",
            "NaN",
            ".inf",
            "\uFEFF",
            "---\n",
            "...\n",
            "%YAML 1.2\n",
            "\"\\u0000\"",
            "\"\\uD800\"",
            "[".repeat(80),
            "{\"a\": ".repeat(80),
            "x".repeat(10_050),
            "~",
            "null",
            "\"\": 1\n");

    /** A Java class, qualified ({@code org.yaml.snakeyaml.events.AliasEvent}) or by a telling suffix. */
    private static final Pattern JAVA_NAME = Pattern.compile(
            "\\b[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)+\\.[A-Z]\\w*|\\b[A-Z]\\w*(Exception|Error|Event|Constraints|Token)\\b"
                    + "|VALUE_[A-Z_]+|\\$\\{|@[0-9a-f]{6,}");

    /** A value quoted back from the document, in single quotes. */
    private static final Pattern QUOTED_VALUE = Pattern.compile("'[^'\n]*'");

    /** Documents of a few kilobytes read in milliseconds; the bound leaves room for a loaded build machine. */
    private static final Duration PER_DOCUMENT = Duration.ofSeconds(5);

    @Test
    void read_hostileYaml_templateOrProblemsWithoutJavaNames() {
        check(Format.YAML);
    }

    @Test
    void read_hostileJson_templateOrProblemsWithoutJavaNames() {
        check(Format.JSON);
    }

    private static void check(Format format) {
        qt().withExamples(300)
                .forAll(hostile(format))
                .checkAssert(document -> assertTimeoutPreemptively(
                        PER_DOCUMENT, () -> assertReadsOrReports(document, format), () -> "too slow:\n" + document));
    }

    private static void assertReadsOrReports(String document, Format format) {
        try {
            TemplateFiles.read(document, format, "hostile", TemplateGenerators.REGISTRY);
        } catch (TemplateFileException e) {
            assertFalse(e.problems().isEmpty(), document);
            for (Problem problem : e.problems()) {
                assertFalse(problem.message().isBlank(), e::getMessage);
                // a value of the document that a message quotes back ('${x}') is the user's text, not a Java name
                String ours = QUOTED_VALUE.matcher(problem.message()).replaceAll("''");
                assertFalse(JAVA_NAME.matcher(ours).find(), () -> "a Java name in " + e.getMessage());
            }
            assertFalse(String.valueOf(e.getMessage()).contains("\tat "), e::getMessage);
        } catch (RuntimeException e) {
            fail("not a TemplateFileException for\n" + document, e);
        }
    }

    /** A written template with 1 to 6 mutations at random places. */
    private static Gen<String> hostile(Format format) {
        Gen<TemplateSpec> specs = TemplateGenerators.specs();
        return in -> {
            StringBuilder document = new StringBuilder(TemplateFiles.write(specs.generate(in), format));
            int mutations = TemplateGenerators.between(in, 1, 6);
            for (int i = 0; i < mutations; i++) {
                mutate(in, document);
            }
            return document.toString();
        };
    }

    private static void mutate(RandomnessSource in, StringBuilder document) {
        int at = TemplateGenerators.between(in, 0, document.length());
        switch (TemplateGenerators.between(in, 0, 5)) {
            case 0 -> {
                if (at < document.length()) {
                    document.deleteCharAt(at);
                }
            }
            case 1 ->
                document.insert(at, CHARACTERS.charAt(TemplateGenerators.between(in, 0, CHARACTERS.length() - 1)));
            case 2, 3 -> document.insert(at, TemplateGenerators.pick(in, TOKENS));
            case 4 -> {
                // a line repeated: duplicate keys, a second list item, or a broken indentation
                int start = document.lastIndexOf("\n", Math.max(at - 1, 0)) + 1;
                int end = document.indexOf("\n", at);
                String line = document.substring(start, end < 0 ? document.length() : end + 1);
                document.insert(start, line);
            }
            default -> {
                // a value replaced: the text after the next ": " up to the end of its token
                int colon = document.indexOf(": ", at);
                if (colon >= 0) {
                    int end = colon + 2;
                    while (end < document.length() && ",}]\n".indexOf(document.charAt(end)) < 0) {
                        end++;
                    }
                    document.replace(colon + 2, end, TemplateGenerators.pick(in, TOKENS));
                }
            }
        }
    }
}
