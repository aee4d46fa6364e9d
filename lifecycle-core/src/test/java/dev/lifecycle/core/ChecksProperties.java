package dev.lifecycle.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.quicktheories.generators.SourceDSL;

final class ChecksProperties {
    /** The rule for ids as the documentation states it, as a regular expression. */
    private static final Pattern DOCUMENTED_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");

    @Test
    void isId_anyText_agreesWithTheDocumentedPattern() {
        // the characters around each edge of the allowed ranges, and a few beyond ASCII
        String alphabet = "@AZ[`az{/09:_.-+ \u00e9\u0660\uff21";
        qt().withExamples(5_000)
                .forAll(SourceDSL.lists()
                        .of(SourceDSL.integers().between(0, alphabet.length() - 1))
                        .ofSizeBetween(0, 6))
                .checkAssert(indexes -> {
                    StringBuilder text = new StringBuilder();
                    indexes.forEach(i -> text.append(alphabet.charAt(i)));
                    String value = text.toString();
                    assertEquals(DOCUMENTED_ID.matcher(value).matches(), Checks.isId(value), value);
                });
    }
}
