package dev.lifecycle.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every customer's stage from a batch: by code and by id, and the customers it does not have refused by name. */
final class CustomerStagesTest {
    @Test
    void stageOf_byIdAndByCode_andUnknownsRefused() {
        Instant asOf = Instant.parse("2025-01-10T00:00:00Z");
        EventBatch batch = EventBatch.of(List.of(
                CustomerEvent.of("visitor", EventType.SITE_VISIT, Instant.parse("2025-01-01T00:00:00Z")),
                CustomerEvent.of("buyer", EventType.PURCHASE, Instant.parse("2025-01-02T00:00:00Z")),
                CustomerEvent.of("buyer", EventType.PURCHASE, Instant.parse("2025-01-03T00:00:00Z"))));
        CustomerStages stages = LifecycleClassifier.of(Templates.fiveStage()).classifyEach(batch, asOf);
        assertEquals(2, stages.size());
        assertEquals("awareness", stages.stageOf("visitor").id());
        assertEquals("retention", stages.stageOf("buyer").id());
        for (int code = 0; code < stages.size(); code++) {
            assertEquals(stages.stageOf(stages.customerId(code)), stages.stage(code));
        }
        assertEquals(
                "customer 'nobody' has no event in the batch",
                assertThrows(IllegalArgumentException.class, () -> stages.stageOf("nobody"))
                        .getMessage());
        assertEquals(
                "customer code 2 is not one of the 2 customers",
                assertThrows(IndexOutOfBoundsException.class, () -> stages.stage(2))
                        .getMessage());
        assertEquals(
                "customer code -1 is not one of the 2 customers",
                assertThrows(IndexOutOfBoundsException.class, () -> stages.stage(-1))
                        .getMessage());
        assertEquals("CustomerStages{customers=2, distribution=" + stages.distribution() + "}", stages.toString());
    }
}
