package dev.lifecycle.core;

import static dev.lifecycle.core.Generators.between;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.longs;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * The record's fixed-width header ({@link FactRow#readHeader}) in both of its layouts: narrow (32-bit seconds after the
 * base, 16-bit counts, 32-bit totals) and wide (64 bits each, for instants with a fraction of a second, instants more
 * than 136 years after the first stay, counts beyond 16 bits and totals beyond 32 bits of minor units). The fast path writes a record in place when its
 * shape stays and anew when it does not; either way the record equals the one packed from the customer's objects,
 * and the customer it holds equals the profile folded from the events independently.
 */
final class RecordLayoutProperties {
    private static final String ID = "customer-7";
    private static final Instant FAR_PAST = Instant.parse("1700-01-01T00:00:00Z");
    private static final Instant FAR_FUTURE = Instant.parse("2250-01-01T00:00:00Z");

    /**
     * One customer's events at instants of one of three kinds: whole seconds within two years (the narrow layout),
     * with fractions of a second, or spread over the supported years; in apply order.
     */
    private static Gen<List<CustomerEvent>> histories() {
        return in -> {
            int kind = between(in, 0, 2);
            int count = between(in, 1, 12);
            List<CustomerEvent> events = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                Instant at = switch (kind) {
                    case 0 -> Generators.instant(in);
                    case 1 -> Generators.instant(in).plusNanos((long) between(in, 0, 2) * between(in, 1, 999_999_999));
                    default -> FAR_PAST.plusSeconds((long) between(in, 0, Integer.MAX_VALUE) * between(in, 0, 8));
                };
                events.add(Generators.event(in, ID, "e" + i, at));
            }
            return TrackerGenerators.inApplyOrder(events);
        };
    }

    @Test
    void step_anyInstants_recordsEqualThePackedCustomer() {
        qt().withExamples(600)
                .forAll(histories(), Generators.builtInTemplates())
                .checkAssert((events, template) -> {
                    LifecycleStep step = LifecycleStep.of(template);
                    CustomerEvent last = events.get(events.size() - 1);
                    Instant asOf = last.timestamp().isAfter(FAR_FUTURE) ? last.timestamp() : FAR_FUTURE;
                    LifecycleStepProperties.Replay replay = LifecycleStepProperties.replay(step, events, asOf);
                    List<CustomerEvent> applied = new ArrayList<>();
                    for (LifecycleStepProperties.Call call : replay.calls()) {
                        CustomerEvent event = call.event();
                        if (event != null) {
                            applied.add(event);
                        }
                        CustomerState state = call.result().state();
                        assertArrayEquals(
                                CustomerState.of(step, state.customer()).record(),
                                state.record(),
                                () -> "the record after " + applied.size() + " of " + events);
                        assertEquals(CustomerProfile.fromEvents(ID, applied), state.profile(), "the profile");
                    }
                    CustomerState end = replay.state();
                    assertEquals(
                            LifecycleClassifier.of(template)
                                    .classify(CustomerProfile.fromEvents(ID, events), asOf)
                                    .stage(),
                            end.stage(),
                            "the stage");
                });
    }

    /**
     * Counts beyond 16 bits (a restored customer's) take the wide layout, and an event of the type adds one to them on
     * the fast path.
     */
    @Test
    void hugeCounts_areKeptWhole() {
        qt().withExamples(200)
                .forAll(
                        longs().between(1L << 16, Long.MAX_VALUE - 1),
                        arbitrary()
                                .pick(List.of(
                                        EventType.SITE_VISIT,
                                        EventType.PRODUCT_VIEW,
                                        EventType.CART_ADD,
                                        EventType.SIGN_UP,
                                        EventType.REFERRAL)),
                        histories())
                .checkAssert((count, type, events) -> {
                    LifecycleStep step = LifecycleStep.of(Templates.fiveStage());
                    CustomerEvent first = events.get(0);
                    CustomerProfile restored = CustomerProfile.builder(ID)
                            .eventCount(type, count)
                            .lastEventAt(type, first.timestamp())
                            .build();
                    CustomerState state = CustomerState.of(
                            step,
                            new TrackedCustomer(
                                    restored,
                                    LifecycleClassifier.of(step.template()).entryIndex(),
                                    TrackerTime.toNanos(first.timestamp())));
                    assertTrue(
                            (state.record()[CustomerRecords.idStart(state.record()) + ID.length()] & FactRow.WIDE) != 0,
                            "a count beyond 16 bits takes the wide layout");
                    CustomerEvent more = CustomerEvent.builder(ID, type, first.timestamp())
                            .eventId("more")
                            .build();
                    CustomerState after = step.apply(state, more).state();
                    assertEquals(count + 1, after.profile().eventCount(type), "the count plus one");
                    assertArrayEquals(CustomerState.of(step, after.customer()).record(), after.record());
                });
    }

    /**
     * Totals beyond 32 bits of minor units take the wide layout; purchases and refunds add to them on the fast path
     * as the profile's fold does.
     */
    @Test
    void largeTotals_areKeptWhole() {
        qt().withExamples(300)
                .forAll(
                        longs().between(1L << 31, 1L << 40),
                        longs().between(0, 1L << 33),
                        longs().between(0, 1L << 33),
                        histories())
                .checkAssert((first, second, refunded, events) -> {
                    LifecycleStep step = LifecycleStep.of(Templates.fiveStage());
                    Instant at = events.get(0).timestamp();
                    List<CustomerEvent> all = List.of(
                            CustomerEvent.builder(ID, EventType.PURCHASE, at)
                                    .eventId("p1")
                                    .amount(Money.ofMinorUnits(first, Generators.USD))
                                    .build(),
                            CustomerEvent.builder(ID, EventType.PURCHASE, at.plusSeconds(60))
                                    .eventId("p2")
                                    .amount(Money.ofMinorUnits(second, Generators.USD))
                                    .build(),
                            CustomerEvent.builder(ID, EventType.REFUND, at.plusSeconds(120))
                                    .eventId("r1")
                                    .amount(Money.ofMinorUnits(refunded, Generators.USD))
                                    .build());
                    LifecycleStepProperties.Replay replay =
                            LifecycleStepProperties.replay(step, all, at.plusSeconds(180));
                    CustomerState end = replay.state();
                    assertEquals(CustomerProfile.fromEvents(ID, all), end.profile(), "the profile");
                    assertArrayEquals(CustomerState.of(step, end.customer()).record(), end.record());
                    assertTrue(
                            (end.record()[CustomerRecords.idStart(end.record()) + ID.length()] & FactRow.WIDE) != 0,
                            "a total beyond 32 bits takes the wide layout");
                });
    }
}
