package dev.lifecycle.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Orders within a trailing window, "at least 3 orders in the last 90 days", in every path a profile takes. */
final class OrdersWithinTest {
    private static final Instant AS_OF = Instant.parse("2026-06-01T00:00:00Z");
    private static final Duration WINDOW = Duration.ofDays(90);
    private static final Condition ACTIVE = Condition.ordersWithin(3, WINDOW);

    private static CustomerEvent order(String customerId, String id, Instant at) {
        return CustomerEvent.builder(customerId, EventType.PURCHASE, at)
                .eventId(id)
                .build();
    }

    private static CustomerEvent paid(String customerId, String id, Instant at, String amount) {
        return CustomerEvent.builder(customerId, EventType.PURCHASE, at)
                .eventId(id)
                .amount(Money.of(amount, "USD"))
                .build();
    }

    private static CustomerEvent refund(String customerId, String id, Instant at) {
        return CustomerEvent.builder(customerId, EventType.REFUND, at)
                .eventId(id)
                .amount(Money.of("5.00", "USD"))
                .build();
    }

    /** The events folded one at a time in the tracker's order, as {@link CustomerProfile#plus} takes them. */
    private static CustomerProfile inOrder(String customerId, List<CustomerEvent> events) {
        List<CustomerEvent> sorted = new ArrayList<>(events);
        sorted.sort(Comparator.comparing(CustomerEvent::timestamp).thenComparing(CustomerEvent::eventId));
        CustomerProfile profile = CustomerProfile.builder(customerId).build();
        for (CustomerEvent event : sorted) {
            profile = profile.plus(event);
        }
        return profile;
    }

    /** The "active repeat customer" template: a side stage for customers with 3 orders in 90 days. */
    private static LifecycleTemplate activeTemplate(Condition active) {
        return Templates.fiveStage().toBuilder()
                .addStage(Stage.builder("active").sideStage(true).build())
                .addRule(TransitionRule.builder("active")
                        .from("retention")
                        .to("active")
                        .when(active)
                        .priority(99)
                        .build())
                .addRule(TransitionRule.builder("active-ends")
                        .from("active")
                        .to("retention")
                        .when(Condition.not(active))
                        .build())
                .build();
    }

    // ---- profiles: the accumulator and the fold in order

    @Test
    void test_ordersInsideAndOutsideTheWindow_bothEndsIncludedAmountOrNot() {
        List<CustomerEvent> events = List.of(
                paid("c1", "o1", AS_OF.minus(WINDOW).minusNanos(1), "900.00"),
                order("c1", "o2", AS_OF.minus(WINDOW)),
                order("c1", "o3", AS_OF.minus(Duration.ofDays(10))),
                refund("c1", "r1", AS_OF.minus(Duration.ofDays(5))),
                paid("c1", "o4", AS_OF, "10.00"),
                order("c1", "o5", AS_OF.plusSeconds(1)));
        CustomerProfile accumulated = CustomerProfile.fromEvents("c1", events);
        CustomerProfile folded = inOrder("c1", events);

        for (CustomerProfile profile : List.of(accumulated, folded)) {
            assertEquals(3, profile.ordersWithin(WINDOW, AS_OF));
            assertTrue(ACTIVE.test(profile, AS_OF));
            assertEquals(
                    "orders 3 within 90 days before asOf 2026-06-01T00:00:00Z >= 3", ACTIVE.evidence(profile, AS_OF));
            assertFalse(ACTIVE.test(profile, AS_OF.plusNanos(1)), "o2 leaves the window a nanosecond later");
            assertEquals(3, profile.ordersWithin(WINDOW, AS_OF.minusNanos(1)), "o1 but not yet o4");
            assertEquals(5, profile.ordersWithin(WINDOW.multipliedBy(2), AS_OF.plusSeconds(1)));
            assertEquals(0, profile.ordersWithin(Duration.ZERO, AS_OF.minusNanos(1)));
            assertEquals(1, profile.ordersWithin(Duration.ZERO, AS_OF));
        }
        assertEquals(accumulated, folded);
        assertEquals(
                List.of(
                        AS_OF.minus(WINDOW).minusNanos(1),
                        AS_OF.minus(WINDOW),
                        AS_OF.minus(Duration.ofDays(10)),
                        AS_OF,
                        AS_OF.plusSeconds(1)),
                accumulated.orderTimes());
    }

    @Test
    void accumulator_partsMerged_holdEveryOrderInTimeOrder() {
        CustomerProfile.Accumulator late = CustomerProfile.accumulator("c1")
                .add(order("c1", "o3", AS_OF))
                .add(order("c1", "o1", AS_OF.minus(WINDOW)));
        CustomerProfile.Accumulator early =
                CustomerProfile.accumulator("c1").add(order("c1", "o2", AS_OF.minus(WINDOW)));

        CustomerProfile merged = early.merge(late).merge(late).toProfile();

        assertEquals(5, merged.orderCount());
        assertEquals(
                List.of(AS_OF.minus(WINDOW), AS_OF.minus(WINDOW), AS_OF.minus(WINDOW), AS_OF, AS_OF),
                merged.orderTimes());
        assertEquals(List.of(AS_OF.minus(WINDOW), AS_OF), late.toProfile().orderTimes(), "merged from, unchanged");
    }

    @Test
    void accumulator_foldsOnAfterAProfile_theProfileKeepsItsOrders() {
        CustomerProfile.Accumulator accumulator = CustomerProfile.accumulator("c1")
                .add(order("c1", "o2", AS_OF.minus(Duration.ofDays(2))))
                .add(order("c1", "o3", AS_OF));
        CustomerProfile before = accumulator.toProfile();
        // within the array the profile sees a prefix of: sorting it must not reorder that prefix
        CustomerProfile between = accumulator
                .add(order("c1", "o1", AS_OF.minus(Duration.ofDays(20))))
                .toProfile();

        for (int i = 0; i < 10; i++) {
            // earlier instants, which the next profile sorts before the others
            accumulator.add(order("c1", "o1-" + i, AS_OF.minus(Duration.ofDays(30 + i))));
        }
        CustomerProfile after = accumulator.toProfile();
        accumulator.add(order("c1", "o0", AS_OF.minus(WINDOW)));

        assertEquals(List.of(AS_OF.minus(Duration.ofDays(2)), AS_OF), before.orderTimes());
        assertEquals(
                List.of(AS_OF.minus(Duration.ofDays(20)), AS_OF.minus(Duration.ofDays(2)), AS_OF),
                between.orderTimes());
        assertEquals(13, after.orderTimes().size());
        assertEquals(AS_OF.minus(Duration.ofDays(39)), after.orderTimes().get(0));
        assertEquals(14, accumulator.toProfile().orderTimes().size());
        assertEquals(AS_OF.minus(WINDOW), accumulator.toProfile().orderTimes().get(0));
        assertEquals(13, after.orderTimes().size(), "unchanged by the later fold");
        assertEquals(AS_OF.minus(Duration.ofDays(39)), after.orderTimes().get(0));
        assertEquals(List.of(AS_OF.minus(Duration.ofDays(2)), AS_OF), before.orderTimes());
    }

    @Test
    void plus_branchesOfOneProfile_keepTheirOwnOrders() {
        CustomerProfile base = inOrder("c1", List.of(order("c1", "o1", AS_OF.minus(WINDOW))));
        CustomerProfile left = base.plus(order("c1", "o2", AS_OF.minus(Duration.ofDays(2))));
        CustomerProfile right = base.plus(order("c1", "o3", AS_OF.minus(Duration.ofDays(1))));
        CustomerProfile leftAgain = left.plus(order("c1", "o4", AS_OF));

        assertEquals(List.of(AS_OF.minus(WINDOW)), base.orderTimes());
        assertEquals(List.of(AS_OF.minus(WINDOW), AS_OF.minus(Duration.ofDays(2))), left.orderTimes());
        assertEquals(List.of(AS_OF.minus(WINDOW), AS_OF.minus(Duration.ofDays(1))), right.orderTimes());
        assertEquals(List.of(AS_OF.minus(WINDOW), AS_OF.minus(Duration.ofDays(2)), AS_OF), leftAgain.orderTimes());
    }

    @Test
    void builtProfile_withoutOrderInstants_hasNoOrdersInAnyWindow() {
        CustomerProfile aggregates =
                CustomerProfile.builder("c1").orderCount(5).lastOrderAt(AS_OF).build();

        assertEquals(List.of(), aggregates.orderTimes());
        assertEquals(0, aggregates.ordersWithin(WINDOW, AS_OF));
        assertFalse(ACTIVE.test(aggregates, AS_OF));
        assertFalse(Condition.ordersWithin(1, WINDOW).test(aggregates, AS_OF));
        assertTrue(Condition.ordersWithin(0, WINDOW).test(aggregates, AS_OF));
    }

    @Test
    void builtProfile_recentOrderInstants_countedInAnyOrder() {
        CustomerProfile recent = CustomerProfile.builder("c1")
                .orderCount(40)
                .firstOrderAt(AS_OF.minus(Duration.ofDays(2_000)))
                .lastOrderAt(AS_OF)
                .orderAt(AS_OF)
                .orderAt(AS_OF.minus(Duration.ofDays(100)))
                .orderAt(AS_OF.minus(Duration.ofDays(30)))
                .orderAt(AS_OF.minus(Duration.ofDays(60)))
                .build();

        assertEquals(
                List.of(
                        AS_OF.minus(Duration.ofDays(100)),
                        AS_OF.minus(Duration.ofDays(60)),
                        AS_OF.minus(Duration.ofDays(30)),
                        AS_OF),
                recent.orderTimes());
        assertTrue(ACTIVE.test(recent, AS_OF));
        assertEquals(recent, recent.toBuilder().build());
        assertEquals(recent.hashCode(), recent.toBuilder().build().hashCode());
        assertTrue(recent.toString().contains("orderTimes=[2026-02-21T00:00:00Z, "), recent.toString());
    }

    @Test
    void builtProfile_orderInstantBeforeEveryOtherFact_isWhenTheCustomerWasFirstSeen() {
        Instant early = AS_OF.minus(Duration.ofDays(50));
        CustomerProfile profile = CustomerProfile.builder("c1")
                .orderCount(2)
                .lastOrderAt(AS_OF)
                .orderAt(early)
                .build();

        assertEquals(early, profile.firstSeen().orElseThrow());
        assertEquals(profile, profile.toBuilder().build());
        assertThrows(
                IllegalArgumentException.class,
                () -> profile.toBuilder().firstSeen(early.plusNanos(1)).build());
    }

    @Test
    void build_orderInstantsThatDisagreeWithTheOrders_rejectedWithTheRule() {
        java.util.function.Supplier<CustomerProfile.Builder> twoOrders = () -> CustomerProfile.builder("c1")
                .orderCount(2)
                .firstOrderAt(AS_OF.minus(WINDOW))
                .lastOrderAt(AS_OF);

        assertEquals(
                "customer 'c1' has 3 order instants but orderCount is 2",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> twoOrders
                                        .get()
                                        .orderAt(AS_OF)
                                        .orderAt(AS_OF)
                                        .orderAt(AS_OF)
                                        .build())
                        .getMessage());
        assertEquals(
                "the first order instant 2026-03-02T23:59:59Z of customer 'c1' is before its firstOrderAt"
                        + " 2026-03-03T00:00:00Z",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> twoOrders
                                        .get()
                                        .orderAt(AS_OF.minus(WINDOW).minusSeconds(1))
                                        .build())
                        .getMessage());
        assertEquals(
                "the last order instant 2026-06-01T00:00:01Z of customer 'c1' is after its lastOrderAt"
                        + " 2026-06-01T00:00:00Z",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> twoOrders
                                        .get()
                                        .orderAt(AS_OF.plusSeconds(1))
                                        .build())
                        .getMessage());
        assertEquals(
                "the last order instant 2026-05-31T00:00:00Z of customer 'c1' differs from its lastOrderAt"
                        + " 2026-06-01T00:00:00Z (the profile has an instant for each of its 2 orders)",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> twoOrders
                                        .get()
                                        .orderAt(AS_OF.minus(WINDOW))
                                        .orderAt(AS_OF.minus(Duration.ofDays(1)))
                                        .build())
                        .getMessage());
        assertEquals(
                "the first order instant 2026-03-04T00:00:00Z of customer 'c1' differs from its firstOrderAt"
                        + " 2026-03-03T00:00:00Z (the profile has an instant for each of its 2 orders)",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> twoOrders
                                        .get()
                                        .orderAt(AS_OF.minus(WINDOW).plus(Duration.ofDays(1)))
                                        .orderAt(AS_OF)
                                        .build())
                        .getMessage());
        assertThrows(
                IllegalArgumentException.class,
                () -> CustomerProfile.builder("c1").orderAt(AS_OF).build(),
                "an order instant without orders");
        assertThrows(
                IllegalArgumentException.class,
                () -> CustomerProfile.builder("c1").orderAt(Instant.MAX));
    }

    @Test
    @SuppressWarnings("NullAway") // the test passes null on purpose
    void ordersWithin_negativeWindowOrBadArguments_rejected() {
        CustomerProfile profile = CustomerProfile.fromEvents("c1", List.of(order("c1", "o1", AS_OF)));

        assertThrows(IllegalArgumentException.class, () -> profile.ordersWithin(Duration.ofNanos(-1), AS_OF));
        assertEquals(
                "order count must not be negative but was -1",
                assertThrows(IllegalArgumentException.class, () -> Condition.ordersWithin(-1, WINDOW))
                        .getMessage());
        assertThrows(IllegalArgumentException.class, () -> Condition.ordersWithin(1, Duration.ZERO));
        assertThrows(NullPointerException.class, () -> Condition.ordersWithin(1, null));
    }

    @Test
    void ordersWithin_windowsPastTheSupportedInstants_countEverythingUpToAsOf() {
        CustomerProfile profile = CustomerProfile.fromEvents(
                "c1",
                List.of(
                        order("c1", "o1", SupportedInstants.FIRST),
                        order("c1", "o2", AS_OF),
                        order("c1", "o3", SupportedInstants.END.minusNanos(1))));

        assertEquals(2, profile.ordersWithin(Duration.ofDays(Long.MAX_VALUE / 86_400), AS_OF));
        assertEquals(
                2, profile.ordersWithin(Duration.ofDays(300 * 365), SupportedInstants.END.plus(Duration.ofDays(1))));
        assertEquals(0, profile.ordersWithin(Duration.ofDays(300 * 365), Instant.MAX));
        assertEquals(0, profile.ordersWithin(Duration.ofDays(1), Instant.MIN));
        assertTrue(Condition.ordersWithin(2, Duration.ofDays(Long.MAX_VALUE / 86_400))
                .test(profile, AS_OF));
    }

    // ---- the condition as data

    @Test
    void spec_roundTripsAsDataAndDescribesItself() {
        ConditionSpec spec = ConditionSpec.of(ACTIVE);

        assertEquals(new ConditionSpec("orders-within", Map.of("count", "3", "window", "P90D"), List.of()), spec);
        assertEquals(ACTIVE, spec.toCondition(ConditionRegistry.empty()));
        assertEquals("at least 3 orders within the last 90 days", ACTIVE.description());
        assertEquals(
                "at least 1 order within the last 1 day 12 hours",
                Condition.ordersWithin(1, Duration.ofHours(36)).description());
    }

    @Test
    void spec_countPastTheIntRange_reportedAtTheCount() {
        ConditionSpec spec =
                new ConditionSpec("orders-within", Map.of("count", "3000000000", "window", "P90D"), List.of());

        SpecException e = assertThrows(SpecException.class, () -> spec.toCondition(ConditionRegistry.empty()));

        assertEquals(
                List.of(new SpecException.Problem(
                        "condition.parameters.count", "must be at most 2147483647 but was 3000000000")),
                e.problems());
    }

    // ---- the table

    /** Customers with 0 to 6 orders over a year before {@link #AS_OF}, some at the window's edges, and visits. */
    private static List<CustomerEvent> manyCustomers() {
        Random random = new Random(42);
        List<CustomerEvent> events = new ArrayList<>();
        for (int c = 0; c < 300; c++) {
            String id = "c" + c;
            events.add(CustomerEvent.builder(id, EventType.SITE_VISIT, AS_OF.minus(Duration.ofDays(400)))
                    .eventId(id + "-v")
                    .build());
            int orders = random.nextInt(7);
            for (int o = 0; o < orders; o++) {
                Instant at = switch (random.nextInt(4)) {
                    case 0 -> AS_OF.minus(WINDOW);
                    case 1 -> AS_OF.minus(WINDOW).minusNanos(1);
                    default -> AS_OF.minus(Duration.ofSeconds(random.nextInt(365 * 86_400)));
                };
                events.add(o % 2 == 0 ? order(id, id + "-o" + o, at) : paid(id, id + "-o" + o, at, "10.00"));
            }
        }
        Collections.shuffle(events, random);
        return events;
    }

    @Test
    void table_fromEventsAndFromProfiles_classifyAsTheProfilesDo() {
        List<CustomerEvent> events = manyCustomers();
        ProfileTable folded = ProfileTable.fromEvents(events);
        List<CustomerProfile> profiles = new ArrayList<>();
        for (int row = 0; row < folded.size(); row++) {
            String id = folded.customerId(row);
            profiles.add(CustomerProfile.fromEvents(
                    id, events.stream().filter(e -> e.customerId().equals(id)).toList()));
        }
        ProfileTable built = ProfileTable.of(profiles);
        LifecycleClassifier classifier = LifecycleClassifier.of(activeTemplate(ACTIVE));

        assertEquals(profiles, folded.profiles());
        assertEquals(profiles, built.profiles());
        for (Instant asOf : List.of(AS_OF, AS_OF.plusNanos(1), AS_OF.plus(Duration.ofDays(30)))) {
            StageDistribution expected = classifier.classifyAll(profiles, asOf);
            assertTrue(expected.count("active") > 0, expected::toString);
            assertEquals(expected, classifier.classifyAll(folded, asOf));
            assertEquals(expected, classifier.classifyAll(built, asOf));
            assertEquals(expected, classifier.classifyAllParallel(folded, asOf));
            for (int n = 0; n <= 4; n++) {
                Condition condition = Condition.ordersWithin(n, WINDOW);
                ColumnCondition columns = (ColumnCondition) condition;
                int[] masks = new int[folded.size()];
                columns.mark(folded, 0, folded.size(), asOf.getEpochSecond(), asOf.getNano(), masks, 1);
                for (int row = 0; row < folded.size(); row++) {
                    boolean expectedHolds = condition.test(profiles.get(row), asOf);
                    assertEquals(expectedHolds, masks[row] == 1, "mark of row " + row);
                    assertEquals(
                            expectedHolds,
                            columns.test(folded, row, asOf.getEpochSecond(), asOf.getNano()),
                            "test of row " + row);
                }
            }
        }
    }

    @Test
    void table_withoutAnyOrder_holdsOnlyForZeroOrders() {
        ProfileTable table = ProfileTable.fromEvents(List.of(CustomerEvent.builder("c1", EventType.SITE_VISIT, AS_OF)
                .eventId("v1")
                .build()));
        int[] masks = new int[1];

        ((ColumnCondition) ACTIVE).mark(table, 0, 1, AS_OF.getEpochSecond(), AS_OF.getNano(), masks, 1);
        ((ColumnCondition) Condition.ordersWithin(0, WINDOW))
                .mark(table, 0, 1, AS_OF.getEpochSecond(), AS_OF.getNano(), masks, 2);

        assertEquals(2, masks[0]);
        assertFalse(((ColumnCondition) ACTIVE).test(table, 0, AS_OF.getEpochSecond(), AS_OF.getNano()));
        assertEquals(List.of(), table.profile(0).orderTimes());
    }

    // ---- the tracker: time-sensitive, stored and exported

    @Test
    void tracker_anOrderLeavesTheWindow_activeEndsExactlyThen() {
        List<StageTransition> seen = new ArrayList<>();
        LifecycleTracker tracker = LifecycleTracker.builder(activeTemplate(ACTIVE))
                .listener(seen::add)
                .build();
        Instant first = AS_OF.minus(Duration.ofDays(80));
        Instant second = AS_OF.minus(Duration.ofDays(40));
        Instant third = AS_OF.minus(Duration.ofDays(20));

        tracker.acceptAll(
                List.of(order("c1", "o1", first), paid("c1", "o2", second, "5.00"), order("c1", "o3", third)));
        tracker.advanceTo(AS_OF.plus(Duration.ofDays(365)));

        assertEquals(
                List.of(
                        new StageTransition("c1", "awareness", "conversion", first, "first-purchase"),
                        new StageTransition("c1", "conversion", "retention", second, "second-purchase"),
                        new StageTransition("c1", "retention", "active", third, "active"),
                        new StageTransition(
                                "c1", "active", "retention", first.plus(WINDOW).plusNanos(1), "active-ends"),
                        new StageTransition(
                                "c1",
                                "retention",
                                "lapsed",
                                third.plus(Duration.ofDays(180)).plusNanos(1),
                                "lapse")),
                seen);
    }

    @Test
    void nextChangeAfter_ordersEnterAndLeave_theNextOfThoseInstants() {
        Instant first = AS_OF.minus(Duration.ofDays(80));
        Instant second = AS_OF.minus(Duration.ofDays(40));
        CustomerProfile profile =
                CustomerProfile.fromEvents("c1", List.of(order("c1", "o1", first), order("c1", "o2", second)));
        TimeSensitive twice = (TimeSensitive) Condition.ordersWithin(2, WINDOW);

        assertEquals(nanos(first), twice.nextChangeAfter(profile, nanos(first) - 1), "the first enters");
        assertEquals(nanos(second), twice.nextChangeAfter(profile, nanos(first)), "the second enters");
        assertEquals(nanos(first.plus(WINDOW)) + 1, twice.nextChangeAfter(profile, nanos(second)), "the first leaves");
        assertEquals(
                nanos(second.plus(WINDOW)) + 1,
                twice.nextChangeAfter(profile, nanos(first.plus(WINDOW)) + 1),
                "the second leaves");
        assertEquals(Long.MAX_VALUE, twice.nextChangeAfter(profile, nanos(second.plus(WINDOW)) + 1));
        assertEquals(
                Long.MAX_VALUE,
                ((TimeSensitive) Condition.ordersWithin(3, WINDOW)).nextChangeAfter(profile, 0),
                "three orders are never within the window: nothing to wake up for");
        assertEquals(Long.MAX_VALUE, ((TimeSensitive) Condition.ordersWithin(0, WINDOW)).nextChangeAfter(profile, 0));
        assertEquals(
                nanos(second),
                ((TimeSensitive) Condition.ordersWithin(1, Duration.ofDays(Long.MAX_VALUE / 86_400)))
                        .nextChangeAfter(profile, nanos(first)),
                "a window longer than the tracker's range never lets an order leave");
    }

    private static long nanos(Instant at) {
        return TrackerTime.toNanos(at);
    }

    @Test
    void customerStore_packedProfile_keepsTheOrderInstants() {
        CustomerProfile profile = CustomerProfile.fromEvents(
                "c1",
                List.of(
                        order("c1", "o1", AS_OF.minus(WINDOW).plusNanos(7)),
                        order("c1", "o2", AS_OF.minus(WINDOW).plusNanos(7)),
                        paid("c1", "o3", AS_OF.minusSeconds(1), "3.00"),
                        order("c1", "o4", AS_OF)));
        CustomerStore store = new CustomerStore();

        store.put(new TrackedCustomer(profile, 0, nanos(AS_OF)));
        TrackedCustomer stored = store.get("c1");

        assertNotNull(stored, "c1");
        CustomerProfile back = stored.profile;
        assertEquals(profile, back);
        assertEquals(profile.orderTimes(), back.orderTimes());
        assertEquals(
                profile.plus(order("c1", "o5", AS_OF.plusSeconds(1))),
                back.plus(order("c1", "o5", AS_OF.plusSeconds(1))));
    }

    @Test
    void trackerState_exportedAndRestored_keepsTheOrderInstants() throws IOException {
        LifecycleTemplate template = activeTemplate(ACTIVE);
        LifecycleTracker tracker = LifecycleTracker.builder(template).build();
        tracker.acceptAll(List.of(
                order("c1", "o1", AS_OF.minus(Duration.ofDays(80))),
                paid("c1", "o2", AS_OF.minus(Duration.ofDays(40)), "5.00"),
                order("c1", "o3", AS_OF.minus(Duration.ofDays(20)))));
        tracker.advanceTo(AS_OF);
        StringBuilder text = new StringBuilder();
        tracker.exportState(text);

        LifecycleTracker restored = LifecycleTracker.builder(template).restore(new StringReader(text.toString()));

        assertTrue(
                text.toString().contains(" orders=" + nanos(AS_OF.minus(Duration.ofDays(80))) + ","), text::toString);
        assertEquals(tracker.profile("c1"), restored.profile("c1"));
        StringBuilder again = new StringBuilder();
        restored.exportState(again);
        assertEquals(text.toString(), again.toString());
        restored.advanceTo(AS_OF.plus(Duration.ofDays(20)));
        assertEquals(
                "retention", restored.history("c1").orElseThrow().currentStage().id(), "o1 left the window");
    }

    @Test
    void trackerState_version3_readWithoutOrderInstants_andContinues() throws IOException {
        String saved;
        try (var in = OrdersWithinTest.class.getResourceAsStream("tracker-state-v3.txt")) {
            saved = new String(java.util.Objects.requireNonNull(in, "fixture").readAllBytes(), StandardCharsets.UTF_8);
        }
        LifecycleTracker.Builder fiveStage =
                LifecycleTracker.builder(Templates.fiveStage()).allowedLateness(Duration.ofDays(1));

        LifecycleTracker restored = fiveStage.restore(new StringReader(saved));

        assertTrue(saved.startsWith("lifecycle-tracker-state 3\n"), saved);
        CustomerProfile c1 = restored.profile("c1").orElseThrow();
        assertEquals(3, c1.orderCount());
        assertEquals(List.of(), c1.orderTimes(), "a version 3 state has no order instants");
        assertEquals(
                "retention", restored.history("c1").orElseThrow().currentStage().id());

        Instant next = Instant.parse("2025-02-18T09:00:00Z");
        restored.accept(order("c1", "a5", next));
        restored.advanceTo(next.plus(Duration.ofDays(2)));
        CustomerProfile continued = restored.profile("c1").orElseThrow();
        assertEquals(4, continued.orderCount());
        assertEquals(List.of(next), continued.orderTimes(), "orders applied after the restore are held");
        StringBuilder text = new StringBuilder();
        restored.exportState(text);
        assertTrue(text.toString().startsWith("lifecycle-tracker-state 4\n"), text::toString);
        assertTrue(text.toString().contains(" orders=" + nanos(next) + "\n"), text::toString);
        LifecycleTracker again = fiveStage.restore(new StringReader(text.toString()));
        assertEquals(continued, again.profile("c1").orElseThrow());
    }

    @Test
    void trackerState_version3_refusedByATemplateThatCountsOrdersWithin() throws IOException {
        String saved;
        try (var in = OrdersWithinTest.class.getResourceAsStream("tracker-state-v3.txt")) {
            saved = new String(java.util.Objects.requireNonNull(in, "fixture").readAllBytes(), StandardCharsets.UTF_8);
        }
        // the same name as the five-stage template the state was exported from, one stage and two rules more
        LifecycleTemplate active = activeTemplate(ACTIVE);

        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> LifecycleTracker.builder(active).restore(new StringReader(saved)));

        assertTrue(
                String.valueOf(e.getMessage()).startsWith("tracker state line 2: template 'five-stage' has changed"),
                e::getMessage);
    }
}
