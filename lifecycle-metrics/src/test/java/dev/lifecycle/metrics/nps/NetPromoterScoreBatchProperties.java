package dev.lifecycle.metrics.nps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.lifecycle.core.CustomerEvent;
import dev.lifecycle.core.EventBatch;
import dev.lifecycle.core.EventType;
import dev.lifecycle.metrics.RandomLogs;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The NPS of a batch, on 1 to 5 threads, equals the collector over the scores of the batch's answers as objects. */
final class NetPromoterScoreBatchProperties {
    private static final Instant T0 = RandomLogs.BASE;

    @Test
    void ofBatch_randomLogs_equalsCollectorOverAnswers() {
        qt().withFixedSeed(909L).withExamples(1000).forAll(longs().all()).checkAssert(seed -> {
            EventBatch batch = RandomLogs.batch(new Random(seed), true);
            NetPromoterScore expected = objectPath(batch.events());
            for (int threads = 1; threads <= 5; threads++) {
                assertEquals(expected, NetPromoterScore.of(batch, threads), batch::toString);
            }
            assertEquals(expected, NetPromoterScore.of(batch));
        });
    }

    @Test
    void ofBatch_noAnswers_isEmpty() {
        EventBatch batch = EventBatch.of(List.of(CustomerEvent.of("c", EventType.SITE_VISIT, T0)));

        assertTrue(NetPromoterScore.of(batch, 2).isEmpty());
        assertTrue(NetPromoterScore.of(EventBatch.builder().build()).isEmpty());
    }

    @Test
    void ofBatch_oneCustomerAnswersTwice_bothAnswersCount() {
        EventBatch.Builder builder = EventBatch.builder();
        int c = builder.customer("c");
        builder.npsAnswer(c, T0.getEpochSecond(), 0, 10).npsAnswer(c, T0.getEpochSecond(), 0, 3);
        builder.npsAnswer(c, T0.getEpochSecond() + 1, 0, 7);

        NetPromoterScore nps = NetPromoterScore.of(builder.build(), 4);

        assertEquals(NetPromoterScore.ofCounts(1, 1, 1), nps);
    }

    @Test
    void ofBatch_threadsBelowOne_isRefused() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> NetPromoterScore.of(EventBatch.builder().build(), -1));

        assertEquals("threads must be 1 or more but was -1", e.getMessage());
    }

    private static NetPromoterScore objectPath(List<CustomerEvent> events) {
        return events.stream()
                .filter(e -> e.type() == EventType.NPS_ANSWER)
                .map(e -> e.npsScore().orElseThrow())
                .collect(NetPromoterScore.toNps());
    }
}
