package dev.lifecycle.core;

import static dev.lifecycle.core.Generators.between;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * Both forms of {@link WaitingEvents} behave as a sorted set of events keyed by customer and event id: an event whose
 * key waits is refused, events are released in {@link WaitingEvents#ORDER} while they lie before the watermark, and a
 * released key may wait again.
 */
final class WaitingEventsProperties {
    private static final Instant BASE = Instant.parse("2024-03-01T00:00:00Z");

    /** One call: add an event (of few customers, ids and instants, so keys and instants repeat), or poll. */
    private record Call(boolean add, String customer, String id, int second, boolean takeBack, int watermark) {}

    @Test
    void ties_behaveAsASortedSetOfKeys() {
        qt().withExamples(400).forAll(calls()).checkAssert(calls -> check(WaitingEvents.forLateness(0), calls));
    }

    /**
     * As {@link #ties_behaveAsASortedSetOfKeys()} with more events waiting at once than the list holds (1,024), so that
     * they move to a queue and back.
     */
    @Test
    void ties_manyWaiting_behaveAsASortedSetOfKeys() {
        qt().withExamples(20)
                .forAll(calls(1600, 400, 5))
                .checkAssert(calls -> check(WaitingEvents.forLateness(0), calls));
    }

    @Test
    void queue_behavesAsASortedSetOfKeys() {
        qt().withExamples(400).forAll(calls()).checkAssert(calls -> check(WaitingEvents.forLateness(1), calls));
    }

    private static void check(WaitingEvents waiting, List<Call> calls) {
        TreeSet<CustomerEvent> model = new TreeSet<>(WaitingEvents.ORDER);
        for (Call call : calls) {
            if (call.add()) {
                CustomerEvent event = CustomerEvent.builder(
                                call.customer(), EventType.SITE_VISIT, BASE.plusSeconds(call.second()))
                        .eventId(call.id())
                        .build();
                boolean waits = model.stream()
                        .anyMatch(e -> e.customerId().equals(call.customer())
                                && e.eventId().equals(call.id()));
                assertEquals(!waits, waiting.add(event), () -> "add " + event);
                if (!waits) {
                    if (call.takeBack()) {
                        waiting.removeAdded(event);
                    } else {
                        model.add(event);
                    }
                }
            } else {
                long watermark = TrackerTime.toNanos(BASE.plusSeconds(call.watermark()));
                CustomerEvent expected =
                        model.isEmpty() || TrackerTime.toNanos(model.first().timestamp()) >= watermark
                                ? null
                                : model.pollFirst();
                assertEquals(expected, waiting.pollBefore(watermark), "poll");
            }
            assertEquals(model.size(), waiting.size(), "size");
            assertEquals(List.copyOf(model), waiting.inOrder(), "in order");
        }
    }

    /**
     * Up to 300 calls, two thirds adds: 1 to 40 customers, 1 to 60 ids, 1 to 5 instants (so that ties are common), a
     * twentieth of the adds taken back.
     */
    private static Gen<List<Call>> calls() {
        return calls(300, 40, 33);
    }

    /**
     * Up to {@code most} calls of up to {@code customerCount} customers, about {@code pollPercent} percent of them
     * polls, otherwise as {@link #calls()}.
     */
    private static Gen<List<Call>> calls(int most, int customerCount, int pollPercent) {
        return in -> {
            int customers = between(in, 1, customerCount);
            int ids = between(in, 1, 60);
            int instants = between(in, 1, 5);
            int n = between(in, 0, most);
            List<Call> calls = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                calls.add(new Call(
                        between(in, 1, 100) > pollPercent,
                        "c" + between(in, 1, customers),
                        "e" + between(in, 1, ids),
                        between(in, 0, instants - 1),
                        between(in, 1, 20) == 1,
                        between(in, 0, instants)));
            }
            return calls;
        };
    }
}
