package dev.lifecycle.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.quicktheories.QuickTheory.qt;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * An event batch keeps every event exactly, and everything computed from it equals the same computation over the
 * events as objects: the table it folds into, and the classifier's distribution and stages for any template.
 */
final class EventBatchProperties {

    @Test
    void events_roundTripExactly() {
        qt().forAll(TrackerGenerators.manyCustomers()).checkAssert(events -> {
            EventBatch batch = EventBatch.of(events);

            assertEquals(events.size(), batch.size());
            assertEquals(events, batch.events());
            assertEquals(
                    events.stream().map(CustomerEvent::customerId).distinct().count(), batch.customerCount());
        });
    }

    @Test
    void fromEvents_ofABatch_equalsFromEventsOfTheObjects() {
        qt().forAll(TrackerGenerators.manyCustomers(), Generators.asOfs()).checkAssert((events, seed) -> {
            List<CustomerEvent> shuffled = new ArrayList<>(events);
            Collections.shuffle(shuffled, new Random(seed.getEpochSecond()));

            ProfileTable expected = ProfileTable.fromEvents(shuffled);
            ProfileTable actual = ProfileTable.fromEvents(EventBatch.of(shuffled));

            assertEquals(expected.profiles(), actual.profiles());
        });
    }

    @Test
    void classification_ofABatch_equalsClassifyingTheProfiles_forAnyTemplate() {
        Gen<LifecycleTemplate> templates = Generators.builtInTemplates().mix(Generators.templates());
        qt().withExamples(400)
                .forAll(templates, TrackerGenerators.manyCustomers(), Generators.asOfs())
                .checkAssert((template, events, asOf) -> {
                    LifecycleClassifier classifier = LifecycleClassifier.of(template);
                    ProfileTable table = ProfileTable.fromEvents(events);
                    StageDistribution expected = classifier.classifyAll(table.profiles(), asOf);
                    EventBatch batch = EventBatch.of(events);

                    assertEquals(expected, classifier.classifyAll(batch, asOf));
                    assertEquals(expected, classifier.classifyAllParallel(batch, asOf));
                    CustomerStages stages = classifier.classifyEach(batch, asOf);
                    assertEquals(expected, stages.distribution());
                    for (int code = 0; code < batch.customerCount(); code++) {
                        Classification one = classifier.classify(table.profile(code), asOf);
                        assertEquals(one.customerId(), stages.customerId(code));
                        assertEquals(one.stage(), stages.stage(code));
                        assertEquals(one.highestMainStage(), stages.highestMainStage(code));
                    }
                });
    }

    @Test
    void classifyEach_onAnyNumberOfThreads_givesEveryCustomerTheSameStage() {
        Random random = new Random(7);
        Instant base = Instant.parse("2025-01-01T00:00:00Z");
        List<CustomerEvent> events = new ArrayList<>();
        // 5,000 customers: several ranges of 1,024
        for (int i = 0; i < 20_000; i++) {
            events.add(CustomerEvent.of(
                    "c" + random.nextInt(5_000),
                    random.nextBoolean() ? EventType.PURCHASE : EventType.SITE_VISIT,
                    base.plusSeconds(3600L * random.nextInt(24 * 400))));
        }
        EventBatch batch = EventBatch.of(events);
        Instant asOf = base.plus(Duration.ofDays(400));
        LifecycleClassifier classifier = LifecycleClassifier.of(Templates.fiveStage(Duration.ofDays(60)));
        CustomerStages expected = classifier.classifyEach(batch, asOf);

        for (int threads : new int[] {1, 2, 3, 8}) {
            CustomerStages stages = classifier.classifyEach(batch, asOf, threads);
            assertEquals(expected.distribution(), stages.distribution());
            for (int code = 0; code < batch.customerCount(); code++) {
                assertEquals(expected.stage(code), stages.stage(code));
                assertEquals(expected.highestMainStage(code), stages.highestMainStage(code));
            }
        }
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> classifier.classifyEach(batch, asOf, 0));
        assertEquals("threads must be 1 or more but was 0", e.getMessage());
    }

    @Test
    void upTo_keepsExactlyTheEventsAtOrBeforeTheInstant_withTheirCustomersInOrder() {
        qt().forAll(TrackerGenerators.manyCustomers(), Generators.asOfs()).checkAssert((events, seed) -> {
            if (events.isEmpty()) {
                return;
            }
            // an instant inside the generated history, often exactly at an event
            Instant cut = events.get((int) (Math.abs(seed.getEpochSecond()) % events.size()))
                    .timestamp();
            List<CustomerEvent> kept =
                    events.stream().filter(e -> !e.timestamp().isAfter(cut)).toList();

            EventBatch batch = EventBatch.of(events).upTo(cut);

            assertEquals(kept, batch.events());
            assertEquals(EventBatch.of(kept).customerCount(), batch.customerCount());
            assertEquals(
                    ProfileTable.fromEvents(kept).profiles(),
                    ProfileTable.fromEvents(batch).profiles());
        });
    }

    @Test
    void classification_splitOverManyParts_countsEveryCustomerOnce() {
        EventBatch.Builder builder = new EventBatch.Builder(0);
        Instant base = Instant.parse("2024-01-01T00:00:00Z");
        List<CustomerEvent> events = new ArrayList<>();
        Random random = new Random(7);
        for (int i = 0; i < 60_000; i++) {
            String id = "c" + random.nextInt(20_000);
            EventType type = EventType.values()[random.nextInt(9)];
            Instant at = base.plusSeconds(random.nextInt(300 * 86_400)).plusNanos(random.nextInt(3) * 500_000_000L);
            events.add(CustomerEvent.of(id, type, at));
            builder.add(builder.customer(id), type, at.getEpochSecond(), at.getNano());
        }
        EventBatch batch = builder.build();
        Instant asOf = base.plusSeconds(400 * 86_400L);
        for (LifecycleTemplate template :
                List.of(Templates.fiveStage(), Templates.buyerLifecycle(), Templates.trackingCategories())) {
            LifecycleClassifier classifier = LifecycleClassifier.of(template);
            StageDistribution expected = classifier.classifyAll(ProfileTable.fromEvents(events), asOf);

            assertEquals(expected, classifier.classifyAllParallel(batch, asOf));
            assertEquals(expected, classifier.classifyAll(batch, asOf));
            assertEquals(batch.customerCount(), expected.total(), "every customer counted once");
        }
    }

    @Test
    void anEventAfterAsOf_isRefused_namingTheCustomer_asForATable() {
        qt().forAll(TrackerGenerators.manyCustomers())
                .assuming(events -> !events.isEmpty())
                .checkAssert(events -> {
                    Instant latest = events.stream()
                            .map(CustomerEvent::timestamp)
                            .max(Instant::compareTo)
                            .orElseThrow();
                    Instant asOf = latest.minusNanos(1);
                    LifecycleClassifier classifier = LifecycleClassifier.of(Templates.fiveStage());
                    String expected = assertThrows(
                                    IllegalArgumentException.class,
                                    () -> classifier.classifyAll(ProfileTable.fromEvents(events), asOf))
                            .getMessage();

                    EventBatch batch = EventBatch.of(events);
                    assertEquals(
                            expected,
                            assertThrows(IllegalArgumentException.class, () -> classifier.classifyAll(batch, asOf))
                                    .getMessage());
                    assertEquals(
                            expected,
                            assertThrows(IllegalArgumentException.class, () -> classifier.classifyEach(batch, asOf))
                                    .getMessage());
                });
    }
}
