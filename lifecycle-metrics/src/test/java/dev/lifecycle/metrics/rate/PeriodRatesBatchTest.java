package dev.lifecycle.metrics.rate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lifecycle.core.CustomerEvent;
import dev.lifecycle.core.EventBatch;
import dev.lifecycle.core.LifecycleTemplate;
import dev.lifecycle.core.Templates;
import dev.lifecycle.metrics.RandomLogs;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The rates of a batch equal the rates of the events it was built from. */
final class PeriodRatesBatchTest {
    private static final Instant T0 = RandomLogs.BASE;

    @Test
    void computeBatch_randomLogs_equalsTheEventsTheBatchHolds() {
        Random random = new Random(11);
        for (int i = 0; i < 200; i++) {
            List<CustomerEvent> events = RandomLogs.events(random, false);
            LifecycleTemplate template = Templates.fiveStage(Duration.ofDays(1 + random.nextInt(60)));
            Instant start = T0.plus(Duration.ofDays(random.nextInt(60)));
            Instant end = start.plus(Duration.ofMinutes(1 + random.nextInt(90 * 24 * 60)));

            PeriodRates expected = PeriodRates.compute(template, events, start, end);
            PeriodRates actual = PeriodRates.compute(template, EventBatch.of(events), start, end);

            assertEquals(expected.toString(), actual.toString());
            assertEquals(expected.churnRate(), actual.churnRate());
            assertEquals(expected.retentionRate(), actual.retentionRate());
            assertEquals(expected.conversionRate(), actual.conversionRate());
            assertEquals(expected.emailOpenRate(), actual.emailOpenRate());
            assertEquals(expected.clickThroughRate(), actual.clickThroughRate());
            assertEquals(expected.clickToOpenRate(), actual.clickToOpenRate());
            assertEquals(expected.purchaseFrequency(), actual.purchaseFrequency());
            assertEquals(expected.averageOrderValue(), actual.averageOrderValue());
            assertEquals(expected.newCustomersNotActiveAtEnd(), actual.newCustomersNotActiveAtEnd());
        }
    }

    @Test
    void computeBatch_endNotAfterStart_refusedAsForEvents() {
        EventBatch batch = EventBatch.builder().build();
        LifecycleTemplate template = Templates.fiveStage(Duration.ofDays(30));

        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> PeriodRates.compute(template, batch, T0, T0));

        assertEquals("end must be after start " + T0 + " but was " + T0, e.getMessage());
    }
}
