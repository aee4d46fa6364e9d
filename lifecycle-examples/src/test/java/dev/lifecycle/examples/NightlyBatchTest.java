package dev.lifecycle.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lifecycle.core.Classification;
import dev.lifecycle.core.CustomerEvent;
import dev.lifecycle.core.CustomerProfile;
import dev.lifecycle.core.LifecycleClassifier;
import dev.lifecycle.core.StageDistribution;
import dev.lifecycle.core.Templates;
import dev.lifecycle.examples.data.BundledData;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class NightlyBatchTest {

    /** The expected counts come from the classifier over one profile per customer, folded without a table. */
    @Test
    void run_printsTheSameCountsAsClassifyingEachCustomersProfile() {
        List<CustomerEvent> events = BundledData.bundledCdnow().events();
        Map<String, CustomerProfile.Accumulator> byCustomer = new LinkedHashMap<>();
        for (CustomerEvent event : events) {
            byCustomer
                    .computeIfAbsent(event.customerId(), CustomerProfile::accumulator)
                    .add(event);
        }
        List<CustomerProfile> profiles = new ArrayList<>();
        byCustomer.values().forEach(accumulator -> profiles.add(accumulator.toProfile()));
        LifecycleClassifier classifier = LifecycleClassifier.of(Templates.fiveStage());
        Instant asOf = Instant.parse("1998-07-01T00:00:00Z");
        StageDistribution expected = classifier.classifyAll(profiles, asOf);
        List<String> lines = new ArrayList<>();
        lines.add(profiles.size() + " customers from " + events.size() + " events");
        expected.counts().forEach((stage, count) -> lines.add(stage + ": " + count));
        CustomerProfile first = profiles.get(0);
        Classification firstClassification = classifier.classify(first, asOf);
        lines.add(first.customerId() + " is in " + firstClassification.stage().name() + ", "
                + firstClassification.path().size() + " rules fired");

        assertEquals(lines, ReadmeSnippets.output(NightlyBatch::run));
        assertEquals(23_570, profiles.size());
    }

    @Test
    void classificationPage_nightlyBatchBlock_isTheCompiledExample() throws IOException {
        ReadmeSnippets.assertPageShows(
                ReadmeSnippets.docsPage("classification.md"),
                "src/main/java/dev/lifecycle/examples/NightlyBatch.java",
                "nightly-batch");
    }
}
