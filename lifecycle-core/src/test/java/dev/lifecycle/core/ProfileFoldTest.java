package dev.lifecycle.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one fold: which sink updates each event type reaches, the latest-wins order, and the paths that share it. */
final class ProfileFoldTest {
    private static final String ID = "c1";
    private static final Instant T0 = Instant.parse("2025-03-01T09:00:00Z");

    private static CustomerEvent event(EventType type, String eventId, Instant at) {
        CustomerEvent.Builder event = CustomerEvent.builder(ID, type, at).eventId(eventId);
        switch (type) {
            case PURCHASE, REFUND -> event.amount(Money.of("10.00", "EUR"));
            case NPS_ANSWER -> event.npsScore(7);
            case CUSTOM -> event.customType("webinar");
            default -> {
                // nothing more to carry
            }
        }
        return event.build();
    }

    @Test
    void fold_eachEventType_reachesTheUpdatesWrittenOutHere() {
        for (EventType type : EventType.values()) {
            List<String> expected = new ArrayList<>(List.of("counted " + type, "activity"));
            switch (type) {
                case PURCHASE -> expected.addAll(List.of("order", "spend 10.00 EUR"));
                case REFUND -> expected.add("refund -10.00 EUR");
                case NPS_ANSWER -> expected.add("nps");
                case LOYALTY_ENROLMENT -> expected.add("loyalty");
                case CUSTOM -> expected.add("custom webinar");
                default -> {
                    // the count is the whole fact
                }
            }
            Recorder recorder = new Recorder();
            ProfileFold.fold(event(type, "e1", T0), recorder);
            assertEquals(expected, recorder.calls, "updates of a " + type + " event");
        }
    }

    @Test
    void fold_eventWithAttributes_reachesTheAttributeUpdate() {
        Recorder recorder = new Recorder();
        ProfileFold.fold(
                CustomerEvent.builder(ID, EventType.SITE_VISIT, T0)
                        .attribute("tier", 2)
                        .build(),
                recorder);
        assertEquals(List.of("counted SITE_VISIT", "activity", "attributes"), recorder.calls);
    }

    @Test
    void stamp_laterInstant_winsWhateverTheIds() {
        ProfileFold.Stamp early = new ProfileFold.Stamp(T0, "z");
        ProfileFold.Stamp late = new ProfileFold.Stamp(T0.plusNanos(1), "a");
        assertEquals(true, late.isLaterThan(early));
        assertEquals(false, early.isLaterThan(late));
    }

    @Test
    void stamped_sameInstant_greaterEventIdWinsInEitherOrder() {
        ProfileFold.Stamped<Integer> a = new ProfileFold.Stamped<>(1, new ProfileFold.Stamp(T0, "a"));
        ProfileFold.Stamped<Integer> b = new ProfileFold.Stamped<>(2, new ProfileFold.Stamp(T0, "b"));
        assertSame(b, ProfileFold.Stamped.later(a, b));
        assertSame(b, ProfileFold.Stamped.later(b, a));
        assertSame(a, ProfileFold.Stamped.later(null, a));
    }

    @Test
    void foldPaths_npsTieAtOneInstant_allKeepTheGreaterEventId() {
        CustomerEvent first = CustomerEvent.builder(ID, EventType.NPS_ANSWER, T0)
                .eventId("b")
                .npsScore(3)
                .build();
        CustomerEvent second = CustomerEvent.builder(ID, EventType.NPS_ANSWER, T0)
                .eventId("a")
                .npsScore(9)
                .build();
        CustomerProfile accumulated = CustomerProfile.fromEvents(ID, List.of(second, first));
        CustomerProfile inOrder =
                CustomerProfile.builder(ID).build().plus(second).plus(first);
        CustomerProfile tableRow =
                ProfileTable.fromEvents(List.of(first, second)).profile(0);
        assertEquals(3, accumulated.lastNpsScore().getAsInt());
        assertEquals(accumulated, inOrder);
        assertEquals(accumulated, tableRow);
    }

    @Test
    void toCheckedProfile_factsThatDisagree_rejectedWithTheRule() {
        ProfileFacts facts = new ProfileFacts(ID);
        facts.counts[EventType.PURCHASE.ordinal()] = 2;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, facts::toCheckedProfile);
        assertEquals(
                "orderCount of customer 'c1' is 2 but lastOrderAt is not set; rules such as lapse read it",
                e.getMessage());
    }

    /** A sink that writes down which updates the fold asked for, in order. */
    private static final class Recorder implements ProfileFold.Sink {
        final List<String> calls = new ArrayList<>();

        @Override
        public void counted(EventType type, Instant at) {
            calls.add("counted " + type);
        }

        @Override
        public void activity(Instant at) {
            calls.add("activity");
        }

        @Override
        public void order(Instant at) {
            calls.add("order");
        }

        @Override
        public void spend(CustomerEvent event, Money amount, CustomerProfile.Payment payment) {
            calls.add("spend " + payment.amount());
        }

        @Override
        public void refund(CustomerEvent event, Money amount, CustomerProfile.Payment payment) {
            calls.add("refund " + payment.amount());
        }

        @Override
        public void nps(CustomerEvent event) {
            calls.add("nps");
        }

        @Override
        public void loyalty(Instant at) {
            calls.add("loyalty");
        }

        @Override
        public void custom(String customType) {
            calls.add("custom " + customType);
        }

        @Override
        public void attributes(CustomerEvent event) {
            calls.add("attributes");
        }
    }
}
