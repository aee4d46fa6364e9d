package dev.lifecycle.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lifecycle.core.CustomerEvent;
import dev.lifecycle.core.CustomerProfile;
import dev.lifecycle.core.LifecycleClassifier;
import dev.lifecycle.core.Templates;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The peers compute what the library computes, customer by customer, on the synthetic log and on edge cases. */
final class PeersAgreeTest {
    private static final int CUSTOMERS = 20_000;
    private static final Instant AS_OF = SyntheticLog.AS_OF;
    private static final LifecycleClassifier CLASSIFIER = LifecycleClassifier.of(Templates.fiveStage());

    private static SyntheticLog log;
    private static List<CustomerProfile> profiles;
    private static DuckDbPeer duck;

    @BeforeAll
    static void setUp() {
        log = SyntheticLog.generate(CUSTOMERS, SyntheticLog.DEFAULT_SEED);
        profiles = log.profiles();
        duck = DuckDbPeer.open();
    }

    @AfterAll
    static void tearDown() {
        duck.close();
    }

    private static Map<String, String> libraryStages(List<CustomerProfile> of) {
        Map<String, String> stages = new LinkedHashMap<>();
        for (CustomerProfile p : of) {
            stages.put(p.customerId(), CLASSIFIER.classify(p, AS_OF).stage().id());
        }
        return stages;
    }

    /** Profiles at the edges of the rules: the lapse boundary to the nanosecond, orders after asOf, no facts. */
    private static List<CustomerProfile> edgeCases() {
        Duration lapse = Templates.DEFAULT_LAPSE_PERIOD;
        List<CustomerProfile> edges = new ArrayList<>();
        edges.add(CustomerProfile.builder("nothing").build());
        edges.add(CustomerProfile.builder("signed-up").signUps(1).build());
        edges.add(CustomerProfile.builder("cart").cartAdds(2).build());
        edges.add(CustomerProfile.builder("visits-only").siteVisits(5).build());
        edges.add(CustomerProfile.builder("referral-no-order").referralCount(3).build());
        Instant[] lastOrders = {
            AS_OF.minus(lapse),
            AS_OF.minus(lapse).minusSeconds(1),
            AS_OF.minus(lapse).plusSeconds(1),
            AS_OF.minus(lapse).minusMillis(1),
            AS_OF,
            AS_OF.plusSeconds(86_400),
            AS_OF.minus(Duration.ofDays(400))
        };
        int i = 0;
        for (Instant last : lastOrders) {
            for (long orders = 1; orders <= 3; orders++) {
                for (long referrals = 0; referrals <= 1; referrals++) {
                    CustomerProfile.Builder b = CustomerProfile.builder("edge-" + i++)
                            .orderCount(orders)
                            .lastOrderAt(last)
                            .referralCount(referrals);
                    if (orders == 1) {
                        b.firstOrderAt(last);
                    }
                    edges.add(b.build());
                }
            }
        }
        return edges;
    }

    @Test
    void generate_sameSeed_sameEvents() {
        SyntheticLog again = SyntheticLog.generate(CUSTOMERS, SyntheticLog.DEFAULT_SEED);
        assertEquals(log.eventCount(), again.eventCount());
        assertEquals(log.events(), again.events());
    }

    @Test
    void generate_otherSeed_otherEvents() {
        SyntheticLog other = SyntheticLog.generate(CUSTOMERS, SyntheticLog.DEFAULT_SEED + 1);
        assertNotEquals(log.events(), other.events());
    }

    @Test
    void generate_everyEventBeforeAsOfAndEveryFiveStageStagePopulated() {
        for (CustomerEvent event : log.events()) {
            assertTrue(event.timestamp().isBefore(AS_OF), event::toString);
        }
        CLASSIFIER
                .classifyAll(profiles, AS_OF)
                .counts()
                .forEach((stage, count) -> assertTrue(count > CUSTOMERS / 50, stage + " has only " + count));
    }

    @Test
    void profiles_equalFoldingAllEventsPerCustomer() {
        List<CustomerEvent> events = log.events();
        Map<String, List<CustomerEvent>> byCustomer = new LinkedHashMap<>();
        for (CustomerEvent e : events) {
            byCustomer.computeIfAbsent(e.customerId(), id -> new ArrayList<>()).add(e);
        }
        assertEquals(CUSTOMERS, byCustomer.size());
        for (CustomerProfile p : profiles.subList(0, 2_000)) {
            assertEquals(CustomerProfile.fromEvents(p.customerId(), byCustomer.get(p.customerId())), p);
        }
    }

    @Test
    void duckDb_profiles_sameStagePerCustomer() {
        duck.loadProfiles(profiles);
        assertEquals(libraryStages(profiles), duck.stagesOfProfiles(AS_OF));
        assertEquals(
                CLASSIFIER.classifyAll(profiles, AS_OF).counts(),
                StageCounts.of(Templates.fiveStage(), duck.stageCountsOfProfiles(AS_OF)));
    }

    @Test
    void duckDb_edgeCases_sameStagePerCustomer() {
        List<CustomerProfile> edges = edgeCases();
        duck.loadProfiles(edges);
        Map<String, String> library = libraryStages(edges);
        assertTrue(library.containsValue("lapsed") && library.containsValue("advocacy"), library::toString);
        assertEquals(library, duck.stagesOfProfiles(AS_OF));
    }

    @Test
    void duckDb_events_sameDistributionAsFoldingAndClassifying() {
        duck.loadEvents(log);
        assertEquals(
                CLASSIFIER.classifyAll(profiles, AS_OF).counts(),
                StageCounts.of(Templates.fiveStage(), duck.stageCountsOfEvents(AS_OF)));
    }

    @Test
    void easyRules_sameStagePerCustomer() {
        EasyRulesPeer easy = new EasyRulesPeer(AS_OF);
        List<CustomerProfile> all = new ArrayList<>(profiles);
        all.addAll(edgeCases());
        Map<String, String> peer = new LinkedHashMap<>();
        for (CustomerProfile p : all) {
            peer.put(p.customerId(), easy.classify(p));
        }
        assertEquals(libraryStages(all), peer);
        assertEquals(CLASSIFIER.classifyAll(profiles, AS_OF).counts(), easy.stageCounts(profiles));
    }

    @Test
    void parallelClassifier_sameCountsAsOneThread() {
        try (ParallelClassifier two = new ParallelClassifier(CLASSIFIER, 2)) {
            assertEquals(CLASSIFIER.classifyAll(profiles, AS_OF).counts(), two.stageCounts(profiles, AS_OF));
        }
    }

    @Test
    void cdnowShape_matchesTheBundledFile() {
        CdnowShape shape = CdnowShape.bundled();
        // The provenance note of the bundled file: 69,659 purchases of 23,570 customers.
        assertEquals(23_570, shape.ordersPerCustomer().length);
        assertEquals(69_659, java.util.Arrays.stream(shape.ordersPerCustomer()).sum());
        assertEquals(69_659, shape.amountCents().length);
        assertEquals(69_659 - 23_570, shape.gapDays().length);
    }
}
