package dev.lifecycle.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lifecycle.core.CustomerEvent;
import dev.lifecycle.core.CustomerProfile;
import dev.lifecycle.core.EventType;
import dev.lifecycle.core.LifecycleClassifier;
import dev.lifecycle.core.Templates;
import dev.lifecycle.io.EventFile;
import dev.lifecycle.io.EventFileReader;
import dev.lifecycle.metrics.cohort.CohortPeriod;
import dev.lifecycle.metrics.cohort.CohortRetention;
import dev.lifecycle.metrics.funnel.EventFunnel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class FromEventLogTest {

    /** The expected lines come from the object path: events read one by one, a profile per customer. */
    @Test
    void run_printsWhatTheObjectPathGives(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("events.csv");
        Files.writeString(csv, FromEventLog.SAMPLE, StandardCharsets.UTF_8);
        EventFile file = EventFileReader.create().read(csv);
        LifecycleClassifier classifier = LifecycleClassifier.of(Templates.fiveStage());
        Instant asOf = Instant.parse("2026-06-01T00:00:00Z");
        Map<String, List<CustomerEvent>> byCustomer = new LinkedHashMap<>();
        file.events()
                .forEach(e -> byCustomer
                        .computeIfAbsent(e.customerId(), id -> new ArrayList<>())
                        .add(e));
        List<CustomerProfile> profiles = new ArrayList<>();
        byCustomer.forEach((id, events) -> profiles.add(CustomerProfile.fromEvents(id, events)));

        List<String> expected = new ArrayList<>();
        expected.add(file.rowsUsed() + " of " + file.rowsRead() + " rows used");
        file.rejections().forEach(r -> expected.add("line " + r.line() + ": " + r.reason()));
        classifier.classifyAll(profiles, asOf).counts().forEach((stage, count) -> expected.add(stage + ": " + count));
        for (CustomerProfile profile : profiles) {
            expected.add(profile.customerId() + " is in "
                    + classifier.classify(profile, asOf).stage().name());
        }
        EventFunnel.builder(Duration.ofDays(30))
                .stepOfType("viewed", EventType.PRODUCT_VIEW)
                .stepOfType("bought", EventType.PURCHASE)
                .build()
                .evaluate(file.events())
                .steps()
                .forEach(step -> expected.add(step.name() + ": " + step.count()));
        List<CustomerEvent> purchases = file.events().stream()
                .filter(e -> e.type() == EventType.PURCHASE)
                .toList();
        CohortRetention.of(purchases, CohortPeriod.MONTH, asOf)
                .toTable(CohortRetention.Measure.BOUNDED_RETENTION)
                .lines()
                .forEach(expected::add);

        assertEquals(expected, ReadmeSnippets.output(out -> FromEventLog.run(out, csv)));
        assertEquals(1, file.rejections().size(), "the sample shows one bad line");
    }

    @Test
    void readme_showsTheCompiledExample() throws IOException {
        ReadmeSnippets.assertReadmeShows("src/main/java/dev/lifecycle/examples/FromEventLog.java", "from-event-log");
    }
}
