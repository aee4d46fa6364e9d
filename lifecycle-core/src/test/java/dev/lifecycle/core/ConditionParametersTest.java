package dev.lifecycle.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The shared reader of condition types' parameters: texts, zones and the quoting of refused values. */
final class ConditionParametersTest {
    @Test
    void text_strippedOrRefusedNamingTypeAndParameter() {
        ConditionParameters p = ConditionParameters.of("t", Map.of("a", "  x "));
        assertTrue(p.has("a"));
        assertFalse(p.has("b"));
        assertEquals("x", p.text("a"));
        assertEquals(
                "t needs the parameter 'b'",
                assertThrows(IllegalArgumentException.class, () -> p.text("b")).getMessage());
    }

    @Test
    void zone_utcByDefault_refusedWhenNotAZoneId() {
        assertEquals(ZoneOffset.UTC, ConditionParameters.of("t", Map.of()).zone());
        assertEquals(
                ZoneId.of("Europe/Paris"),
                ConditionParameters.of("t", Map.of("zone", "Europe/Paris")).zone());
        assertEquals(
                "t parameter 'zone' must be a zone id such as UTC or Europe/Paris but was 'Mars/Olympus'",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> ConditionParameters.of("t", Map.of("zone", "Mars/Olympus"))
                                        .zone())
                        .getMessage());
    }

    @Test
    void quoted_longTextCutWithItsLength() {
        assertEquals("'abc'", ConditionParameters.quoted("abc"));
        String sixty = "x".repeat(60);
        assertEquals("'" + sixty + "'", ConditionParameters.quoted(sixty));
        assertEquals("'" + sixty + "...' (61 characters)", ConditionParameters.quoted(sixty + "y"));
    }
}
