package dev.lifecycle.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** One range of instants, 1678-01-01T00:00:00Z inclusive to 2262-01-01T00:00:00Z exclusive, checked at every door. */
final class SupportedInstantsTest {
    private static final Instant AT = Instant.parse("2024-03-01T10:00:00Z");
    private static final String RANGE =
            " must lie between 1678-01-01T00:00:00Z (inclusive) and 2262-01-01T00:00:00Z" + " (exclusive) but was ";

    private static String iae(Executable call) {
        return String.valueOf(assertThrows(IllegalArgumentException.class, call).getMessage());
    }

    @Test
    void isSupported_edges_firstIncludedEndExcluded() {
        assertTrue(SupportedInstants.isSupported(SupportedInstants.FIRST));
        assertTrue(SupportedInstants.isSupported(SupportedInstants.END.minusNanos(1)));
        assertFalse(SupportedInstants.isSupported(SupportedInstants.FIRST.minusNanos(1)));
        assertFalse(SupportedInstants.isSupported(SupportedInstants.END));
        assertFalse(SupportedInstants.isSupported(Instant.MIN));
        assertFalse(SupportedInstants.isSupported(Instant.MAX));
        assertEquals(Instant.parse("1678-01-01T00:00:00Z"), SupportedInstants.FIRST);
        assertEquals(Instant.parse("2262-01-01T00:00:00Z"), SupportedInstants.END);
    }

    @Test
    void check_outside_rejectedNamingTheValue() {
        Instant far = Instant.parse("+1000000000-01-01T00:00:00Z");

        assertEquals(
                "timestamp" + RANGE + "+1000000000-01-01T00:00:00Z",
                iae(() -> SupportedInstants.check(far, "timestamp")));
        assertEquals(
                "asOf" + RANGE + "2262-01-01T00:00:00Z",
                iae(() -> SupportedInstants.check(SupportedInstants.END, "asOf")));
        assertSame(AT, SupportedInstants.check(AT, "asOf"));
    }

    @Test
    @SuppressWarnings("NullAway") // the test passes null on purpose
    void check_null_rejectedNamingWhat() {
        assertEquals(
                "asOf",
                assertThrows(NullPointerException.class, () -> SupportedInstants.check(null, "asOf"))
                        .getMessage());
        assertEquals(
                "what",
                assertThrows(NullPointerException.class, () -> SupportedInstants.check(AT, null))
                        .getMessage());
        assertEquals(
                "instant",
                assertThrows(NullPointerException.class, () -> SupportedInstants.isSupported(null))
                        .getMessage());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "-1000000000-01-01T00:00:00Z",
                "1677-12-31T23:59:59.999999999Z",
                "2262-01-01T00:00:00Z",
                "+1000000000-01-01T00:00:00Z"
            })
    void customerEvent_timestampOutside_rejected(String text) {
        Instant at = Instant.parse(text);

        assertEquals("timestamp" + RANGE + at, iae(() -> CustomerEvent.of("c1", EventType.PURCHASE, at)));
        assertEquals("timestamp" + RANGE + at, iae(() -> CustomerEvent.builder("c1", EventType.PURCHASE, at)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1000000000-01-01T00:00:00Z", "2262-01-01T00:00:00Z"})
    void profileBuilder_instantOutside_rejectedNamingTheParameter(String text) {
        Instant at = Instant.parse(text);
        Money money = Money.of("1", "USD");
        List<Consumer<CustomerProfile.Builder>> setters = List.of(
                b -> b.firstSeen(at),
                b -> b.lastActivity(at),
                b -> b.firstOrderAt(at),
                b -> b.lastOrderAt(at),
                b -> b.payment(at, money),
                b -> b.lastEventAt(EventType.SITE_VISIT, at),
                b -> b.lastNpsScore(7, at),
                b -> b.loyaltyEnrolledAt(at));
        List<String> names = List.of(
                "firstSeen", "lastActivity", "firstOrderAt", "lastOrderAt", "at", "at", "answeredAt", "enrolledAt");

        for (int i = 0; i < setters.size(); i++) {
            Consumer<CustomerProfile.Builder> setter = setters.get(i);
            assertEquals(names.get(i) + RANGE + at, iae(() -> setter.accept(CustomerProfile.builder("c1"))));
        }
        assertEquals("at" + RANGE + at, iae(() -> new CustomerProfile.Payment(at, money)));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "-1000000000-01-01T00:00:00Z",
                "1677-12-31T23:59:59.999999999Z",
                "2262-01-01T00:00:00Z",
                "+1000000000-01-01T00:00:00Z"
            })
    void classifier_asOfOutside_rejected(String text) {
        Instant asOf = Instant.parse(text);
        LifecycleClassifier classifier = LifecycleClassifier.of(Templates.fiveStage());
        CustomerProfile profile = CustomerProfile.builder("c1").build();
        ProfileTable table = ProfileTable.of(List.of(profile));
        String expected = "asOf" + RANGE + asOf;

        assertEquals(expected, iae(() -> classifier.classify(profile, asOf)));
        assertEquals(expected, iae(() -> classifier.classifyAll(List.of(profile), asOf)));
        assertEquals(expected, iae(() -> classifier.classifyAll(table, asOf)));
        assertEquals(expected, iae(() -> classifier.classifyAllParallel(table, asOf)));
        assertEquals(expected, iae(() -> classifier.toDistribution(asOf)));
    }

    @Test
    void classifier_asOfAtTheEdges_accepted() {
        LifecycleClassifier classifier = LifecycleClassifier.of(Templates.fiveStage());
        CustomerProfile profile = CustomerProfile.builder("c1").build();

        assertEquals(
                "awareness",
                classifier.classify(profile, SupportedInstants.FIRST).stage().id());
        assertEquals(
                "awareness",
                classifier
                        .classify(profile, SupportedInstants.END.minusNanos(1))
                        .stage()
                        .id());
    }
}
