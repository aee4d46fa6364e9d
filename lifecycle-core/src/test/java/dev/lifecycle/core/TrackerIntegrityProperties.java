package dev.lifecycle.core;

import static dev.lifecycle.core.TrackerGenerators.byCustomer;
import static dev.lifecycle.core.TrackerGenerators.displaced;
import static dev.lifecycle.core.TrackerGenerators.inApplyOrder;
import static dev.lifecycle.core.TrackerGenerators.play;
import static dev.lifecycle.core.TrackerGenerators.withAdvances;
import static java.util.Objects.requireNonNull;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;

import dev.lifecycle.core.TrackerGenerators.Advance;
import dev.lifecycle.core.TrackerGenerators.Deliver;
import dev.lifecycle.core.TrackerGenerators.Op;
import dev.lifecycle.core.TrackerGenerators.Outcomes;
import dev.lifecycle.core.TrackerGenerators.Scenario;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Properties of {@link LifecycleTracker} under input that calls back into it: listeners that feed follow-up events lose
 * nothing and see transitions in the order they happened, and {@code distributionAt} equals stateless classification
 * at every instant it accepts.
 */
final class TrackerIntegrityProperties {
    private static final List<EventType> FOLLOW_UPS =
            List.of(EventType.EMAIL_OPEN, EventType.PURCHASE, EventType.REFERRAL, EventType.SITE_VISIT);
    private static final int MAX_FOLLOW_UPS = 25;

    /**
     * A listener that answers about half the transitions with a follow-up event of the same customer (an email open, a
     * purchase, a referral or a visit, 0 to 3 days after the transition), accepted from inside the callback: at the
     * end every customer's profile equals folding every event that was accepted, outer or follow-up, their stage
     * equals classifying that profile, each customer's delivered transitions are exactly their history's moves in
     * order, and every event is accounted for.
     */
    @Test
    void listener_feedsFollowUpEvents_profilesEqualFoldingEveryAcceptedEvent() {
        qt().withExamples(300)
                .forAll(TrackerGenerators.scenarios(Generators.builtInTemplates()))
                .checkAssert(TrackerIntegrityProperties::checkFollowUps);
    }

    private static void checkFollowUps(Scenario s) {
        Random random = new Random(s.seed());
        List<CustomerEvent> accepted = new ArrayList<>();
        List<StageTransition> delivered = new ArrayList<>();
        AtomicReference<LifecycleTracker> self = new AtomicReference<>();
        int[] followUps = {0};
        LifecycleTracker tracker = LifecycleTracker.builder(s.template())
                .allowedLateness(s.lateness())
                .listener(t -> {
                    delivered.add(t);
                    if (followUps[0] < MAX_FOLLOW_UPS && random.nextBoolean()) {
                        int n = followUps[0]++;
                        CustomerEvent followUp = CustomerEvent.builder(
                                        t.customerId(),
                                        FOLLOW_UPS.get(random.nextInt(FOLLOW_UPS.size())),
                                        t.at().plusSeconds(random.nextInt(3 * 86_400)))
                                .eventId("follow-up-" + n)
                                .build();
                        if (requireNonNull(self.get(), "set before the first event")
                                        .accept(followUp)
                                == EventOutcome.ACCEPTED) {
                            accepted.add(followUp);
                        }
                    }
                })
                .build();
        self.set(tracker);

        List<CustomerEvent> sorted = inApplyOrder(s.events());
        for (Op op : withAdvances(displaced(sorted, s.lateness(), random, 10), random, 2)) {
            if (op instanceof Deliver d) {
                if (tracker.accept(d.event()) == EventOutcome.ACCEPTED) {
                    accepted.add(d.event());
                }
            } else {
                // Follow-ups may have moved the tracker past the plan's advance.
                Instant to = ((Advance) op).instant();
                tracker.advanceTo(tracker.time().filter(to::isBefore).orElse(to));
            }
        }
        Instant end = Generators.BASE.plus(Duration.ofDays(1500));
        tracker.advanceTo(end);

        LifecycleClassifier classifier = LifecycleClassifier.of(s.template());
        Map<String, List<CustomerEvent>> groups = byCustomer(accepted);
        assertEquals(groups.keySet(), tracker.customerIds());
        groups.forEach((id, events) -> {
            CustomerProfile folded = CustomerProfile.fromEvents(id, events);
            assertEquals(folded, tracker.profile(id).orElseThrow(), () -> "profile of '" + id + "'");
            assertEquals(
                    classifier.classify(folded, end).stage(),
                    tracker.history(id).orElseThrow().currentStage(),
                    () -> "stage of '" + id + "'");
            List<String> moves = new ArrayList<>();
            for (StageTransition t : delivered) {
                if (t.customerId().equals(id)) {
                    moves.add(t.toStageId() + "@" + t.at());
                }
            }
            List<StageVisit> visits = tracker.history(id).orElseThrow().visits();
            List<String> recorded = new ArrayList<>();
            for (StageVisit visit : visits.subList(1, visits.size())) {
                recorded.add(visit.stage().id() + "@" + visit.enteredAt());
            }
            assertEquals(recorded, moves, () -> "transitions delivered for '" + id + "'");
        });
        TrackerStats stats = tracker.stats();
        assertEquals(accepted.size(), stats.applied(), stats::toString);
        assertEquals(0, stats.pending(), stats::toString);
        assertEquals(delivered.size(), stats.transitions(), stats::toString);
    }

    /**
     * A tenth of the amounts switched to euros, so that some customers hold amounts in two currencies, delivered
     * displaced within the lateness with redeliveries and advances: after every call the counts reconcile ({@code
     * received = applied + duplicates + late + rejected + pending}, checked by {@link TrackerStats}) and received
     * counts every delivery; at the end every rejection was reported, and each customer's profile equals folding their
     * accepted events in apply order, an amount in another currency than the first applied amount left out.
     */
    @Test
    void accept_eventsInAnotherCurrencyAmongOthers_rejectedAloneAndCountsReconcile() {
        qt().withExamples(500)
                .forAll(TrackerGenerators.scenarios(Generators.builtInTemplates()))
                .checkAssert(TrackerIntegrityProperties::checkRejections);
    }

    private static void checkRejections(Scenario s) {
        Random random = new Random(s.seed());
        List<CustomerEvent> events = new ArrayList<>();
        for (CustomerEvent event : s.events()) {
            Money amount = event.amountOrNull();
            if (amount != null && random.nextInt(10) == 0) {
                events.add(event.withAmount(Money.of(amount.amount().toPlainString(), "EUR")));
            } else {
                events.add(event);
            }
        }
        List<String> reported = new ArrayList<>();
        LifecycleTracker tracker = LifecycleTracker.builder(s.template())
                .allowedLateness(s.lateness())
                .onRejected((event, reason) -> reported.add(event.eventId()))
                .build();
        List<CustomerEvent> accepted = new ArrayList<>();
        long deliveries = 0;
        for (Op op : withAdvances(displaced(inApplyOrder(events), s.lateness(), random, 10), random, 2)) {
            if (op instanceof Deliver d) {
                deliveries++;
                if (tracker.accept(d.event()) == EventOutcome.ACCEPTED) {
                    accepted.add(d.event());
                }
            } else {
                tracker.advanceTo(((Advance) op).instant());
            }
            assertEquals(deliveries, tracker.stats().received());
        }
        tracker.advanceTo(Generators.BASE.plus(Duration.ofDays(1500)));

        TrackerStats stats = tracker.stats();
        assertEquals(reported.size(), stats.rejected(), stats::toString);
        long applied = 0;
        for (Map.Entry<String, List<CustomerEvent>> group : byCustomer(accepted).entrySet()) {
            List<CustomerEvent> applicable = new ArrayList<>();
            Currency currency = null;
            for (CustomerEvent event : group.getValue()) {
                Money amount = event.amountOrNull();
                if (amount != null && currency != null && !currency.equals(amount.currency())) {
                    continue;
                }
                if (amount != null) {
                    currency = amount.currency();
                }
                applicable.add(event);
            }
            applied += applicable.size();
            assertEquals(
                    CustomerProfile.fromEvents(group.getKey(), applicable),
                    tracker.profile(group.getKey()).orElseThrow(),
                    () -> "profile of '" + group.getKey() + "'");
        }
        assertEquals(applied, stats.applied(), stats::toString);
        assertEquals(0, stats.pending(), stats::toString);
    }

    /**
     * Events delivered within the lateness with advances in between, then {@code distributionAt} at instants from
     * before the first event to the tracker's time: the stage counts equal {@code classifyAll} of the profiles folded
     * from the events up to that instant, customers first seen later left out.
     */
    @Test
    void distributionAt_anyAcceptedInstant_equalsClassifyingTheEventsUpToThen() {
        qt().withExamples(500)
                .forAll(TrackerGenerators.scenarios(Generators.builtInTemplates()))
                .checkAssert(TrackerIntegrityProperties::checkDistributionAt);
    }

    private static void checkDistributionAt(Scenario s) {
        Random random = new Random(s.seed());
        LifecycleTracker tracker = LifecycleTracker.builder(s.template())
                .allowedLateness(s.lateness())
                .build();
        List<CustomerEvent> sorted = inApplyOrder(s.events());
        Outcomes outcomes = play(tracker, withAdvances(displaced(sorted, s.lateness(), random, 0), random, 2));
        if (tracker.time().isEmpty()) {
            return;
        }
        Instant time = tracker.time().orElseThrow();
        LifecycleClassifier classifier = LifecycleClassifier.of(s.template());
        long span = Duration.between(Generators.BASE.minus(Duration.ofDays(20)), time)
                .toSeconds();
        for (int i = 0; i < 5; i++) {
            Instant asOf = i == 0 ? time : time.minusSeconds((long) (random.nextDouble() * span));
            List<CustomerEvent> upTo = new ArrayList<>();
            for (CustomerEvent event : outcomes.acceptedEvents()) {
                if (!event.timestamp().isAfter(asOf)) {
                    upTo.add(event);
                }
            }
            List<CustomerProfile> profiles = new ArrayList<>();
            byCustomer(upTo).forEach((id, events) -> profiles.add(CustomerProfile.fromEvents(id, events)));
            assertEquals(
                    classifier.classifyAll(profiles, asOf).counts(),
                    tracker.distributionAt(asOf).counts(),
                    () -> "distributionAt(" + asOf + ") with the tracker at " + time);
        }
    }
}
