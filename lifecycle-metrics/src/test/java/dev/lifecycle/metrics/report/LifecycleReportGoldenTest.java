package dev.lifecycle.metrics.report;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lifecycle.core.CustomerEvent;
import dev.lifecycle.core.CustomerProfile;
import dev.lifecycle.core.EventType;
import dev.lifecycle.core.LifecycleClassifier;
import dev.lifecycle.core.StageDistribution;
import dev.lifecycle.core.Templates;
import dev.lifecycle.metrics.cohort.CohortPeriod;
import dev.lifecycle.metrics.cohort.CohortRetention;
import dev.lifecycle.metrics.funnel.Funnel;
import dev.lifecycle.metrics.nps.NetPromoterScore;
import dev.lifecycle.metrics.rate.PeriodRates;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Pins the exact bytes of the HTML that fixed reports render to, so that moving the renderer around cannot change a
 * single character: the hashes were taken from the renderer as it was before it left {@link LifecycleReport}. Each
 * report exercises a different set of sections (all of them; the bare minimum; an empty funnel, weekly cohorts and an
 * empty NPS).
 */
final class LifecycleReportGoldenTest {
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    private static CustomerProfile profile(String id, EventType... types) {
        List<CustomerEvent> events = new ArrayList<>();
        for (int i = 0; i < types.length; i++) {
            events.add(CustomerEvent.of(id, types[i], T0.plus(Duration.ofHours(i))));
        }
        return CustomerProfile.fromEvents(id, events);
    }

    private static StageDistribution distribution() {
        List<CustomerProfile> profiles = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            profiles.add(profile("idle-" + i));
        }
        profiles.add(profile("engaged", EventType.PRODUCT_VIEW, EventType.CART_ADD));
        profiles.add(profile("buyer", EventType.PURCHASE));
        profiles.add(profile("advocate", EventType.PURCHASE, EventType.PURCHASE, EventType.REFERRAL));
        profiles.add(profile("repeat", EventType.PURCHASE, EventType.PURCHASE, EventType.PURCHASE));
        return LifecycleClassifier.of(Templates.fiveStage()).classifyAll(profiles, T0.plus(Duration.ofDays(1)));
    }

    private static CustomerEvent buy(String customer, String instant) {
        return CustomerEvent.of(customer, EventType.PURCHASE, Instant.parse(instant));
    }

    private static LifecycleReport.Builder minimal() {
        StageDistribution distribution = distribution();
        return LifecycleReport.builder().distribution(distribution).funnel(Funnel.fromDistribution(distribution));
    }

    private static String sha256(String html) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(html.getBytes(UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("every JVM has SHA-256", e);
        }
    }

    private static void assertHtml(String expectedSha256, int expectedLength, LifecycleReport report) {
        String html = report.toHtml();
        assertEquals(expectedLength, html.length(), html);
        assertEquals(expectedSha256, sha256(html), html);
    }

    @Test
    void toHtml_everySection_sameBytesAsBeforeTheSplit() {
        List<CustomerEvent> events = List.of(
                buy("a", "2025-01-10T10:00:00Z"),
                buy("a", "2025-08-20T10:00:00Z"),
                buy("b", "2025-03-05T10:00:00Z"),
                buy("c", "2025-05-15T10:00:00Z"));
        List<PeriodRates> quarters = PeriodRates.quarterly(
                Templates.fiveStage(),
                events,
                Instant.parse("2025-01-10T10:00:00Z"),
                Instant.parse("2026-01-01T00:00:00Z"));
        CohortRetention cohorts = CohortRetention.of(
                List.of(
                        buy("a", "2026-01-05T10:00:00Z"),
                        buy("a", "2026-02-10T10:00:00Z"),
                        buy("b", "2026-01-20T10:00:00Z"),
                        buy("c", "2026-02-03T10:00:00Z"),
                        buy("c", "2026-03-03T10:00:00Z")),
                CohortPeriod.MONTH,
                Instant.parse("2026-03-20T00:00:00Z"));
        Funnel funnel = Funnel.builder()
                .unmeasuredStep("awareness", 100)
                .step("conversion", 100)
                .step("retention", 40)
                .unmeasuredStep("advocacy", 0)
                .build();
        LifecycleReport report = minimal()
                .title("Q1 & <beyond> \"quoted\" 'single' \u0001")
                .asOf(Instant.parse("2026-03-31T23:59:59Z"))
                .funnel(funnel)
                .periodRates(quarters)
                .cohortRetention(cohorts)
                .nps(NetPromoterScore.ofCounts(50, 30, 20))
                .keyFigure("Revenue", "USD 1,234.50")
                .keyFigure("Churn <rate>", "4.2% & falling")
                .build();

        assertHtml("efc2eac0810bd8df50a8e3f8827ccb3d5549699385fbe8008c2b5bcc34c8dc5f", 10133, report);
    }

    @Test
    void toHtml_minimalReport_sameBytesAsBeforeTheSplit() {
        assertHtml(
                "dec319b3438ead107c1743dd147d4a0ce7dff64a48fec435ee82e549066c1311",
                6426,
                minimal().build());
    }

    @Test
    void toHtml_emptyFunnelWeeklyCohortsEmptyNps_sameBytesAsBeforeTheSplit() {
        CohortRetention weekly = CohortRetention.of(
                List.of(
                        buy("a", "2026-01-07T10:00:00Z"),
                        buy("a", "2026-01-14T10:00:00Z"),
                        buy("b", "2026-01-21T10:00:00Z")),
                CohortPeriod.WEEK,
                Instant.parse("2026-01-26T00:00:00Z"));
        LifecycleReport report = minimal()
                .funnel(Funnel.builder().step("visit", 0).step("buy", 0).build())
                .cohortRetention(weekly)
                .nps(NetPromoterScore.ofCounts(0, 0, 0))
                .build();

        assertHtml("4b31deedb42dd956c1aee8fea3fb888bc0564ef5d017e69807a761ec1ebbaf8e", 6481, report);
    }
}
