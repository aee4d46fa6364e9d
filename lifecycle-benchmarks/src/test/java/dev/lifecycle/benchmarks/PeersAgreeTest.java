package dev.lifecycle.benchmarks;

import static java.util.Objects.requireNonNull;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lifecycle.core.CustomerEvent;
import dev.lifecycle.core.CustomerProfile;
import dev.lifecycle.core.CustomerStages;
import dev.lifecycle.core.EventBatch;
import dev.lifecycle.core.EventType;
import dev.lifecycle.core.LifecycleClassifier;
import dev.lifecycle.core.LifecycleTracker;
import dev.lifecycle.core.Templates;
import dev.lifecycle.io.EventBatchFile;
import dev.lifecycle.io.EventFileReader;
import dev.lifecycle.metrics.funnel.Funnel;
import dev.lifecycle.metrics.nps.NetPromoterScore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The peers compute what the library computes, customer by customer, on the synthetic log and on edge cases. */
final class PeersAgreeTest {
    private static final int CUSTOMERS = 20_000;
    private static final int CSV_CUSTOMERS = 5_000;
    private static final Instant AS_OF = SyntheticLog.AS_OF;
    private static final LifecycleClassifier CLASSIFIER = LifecycleClassifier.of(Templates.fiveStage());

    private static SyntheticLog log;
    private static List<CustomerProfile> profiles;
    private static EventBatch batch;
    private static DuckDbPeer duck;

    @BeforeAll
    static void setUp() {
        log = SyntheticLog.generate(CUSTOMERS, SyntheticLog.DEFAULT_SEED);
        profiles = log.profiles();
        batch = log.batchInTimeOrder();
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

    /** The library's stage of each profile, keyed by its index in the list (the code DuckDB's profiles table holds). */
    private static Map<Integer, String> libraryStagesByIndex(List<CustomerProfile> of) {
        Map<Integer, String> stages = new HashMap<>();
        for (int i = 0; i < of.size(); i++) {
            stages.put(i, CLASSIFIER.classify(of.get(i), AS_OF).stage().id());
        }
        return stages;
    }

    /**
     * Profiles at the edges of the rules: the lapse boundary to the nanosecond, orders at and just before asOf, no
     * facts. (Orders after asOf are refused by the classifier: a classification uses only facts up to asOf.)
     */
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
            AS_OF.minusSeconds(86_400),
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
            List<CustomerEvent> own = requireNonNull(byCustomer.get(p.customerId()), "a profile's customer has events");
            assertEquals(CustomerProfile.fromEvents(p.customerId(), own), p);
        }
    }

    @Test
    void duckDb_profiles_sameStagePerCustomer() {
        duck.loadProfiles(profiles);
        assertEquals(libraryStagesByIndex(profiles), duck.stagesOfProfiles(AS_OF));
        assertEquals(
                CLASSIFIER.classifyAll(profiles, AS_OF).counts(),
                StageCounts.of(Templates.fiveStage(), duck.stageCountsOfProfiles(AS_OF)));
    }

    @Test
    void duckDb_edgeCases_sameStagePerCustomer() {
        List<CustomerProfile> edges = edgeCases();
        duck.loadProfiles(edges);
        Map<Integer, String> library = libraryStagesByIndex(edges);
        assertTrue(library.containsValue("lapsed") && library.containsValue("advocacy"), library::toString);
        assertEquals(library, duck.stagesOfProfiles(AS_OF));
    }

    @Test
    void duckDb_events_sameStagePerCustomerAsTheBatch() {
        duck.loadEvents(batch);
        CustomerStages stages = CLASSIFIER.classifyEach(batch, AS_OF);
        Map<Integer, String> library = new HashMap<>();
        for (int code = 0; code < stages.size(); code++) {
            library.put(code, stages.stage(code).id());
        }
        assertEquals(library, duck.stagesOfEvents(AS_OF));
        assertEquals(
                CLASSIFIER.classifyAll(profiles, AS_OF).counts(),
                StageCounts.of(Templates.fiveStage(), duck.stageCountsOfEvents(AS_OF)));
    }

    @Test
    void batchInTimeOrder_sameEventsAsTheEventObjects() {
        List<CustomerEvent> ordered = log.eventsInTimeOrder();
        assertEquals(ordered.size(), batch.size());
        assertEquals(CUSTOMERS, batch.customerCount());
        for (int row = 0; row < batch.size(); row++) {
            CustomerEvent event = ordered.get(row);
            int r = row;
            assertEquals(event.customerId(), batch.customerId(batch.customer(row)), () -> "row " + r);
            assertEquals(event.type(), batch.type(row), () -> "row " + r);
            assertEquals(event.timestamp(), batch.timestamp(row), () -> "row " + r);
            assertEquals(event.amount(), Optional.ofNullable(batch.amountOrNull(row)), () -> "row " + r);
            assertEquals(event.npsScore().orElse(-1), batch.npsScore(row), () -> "row " + r);
        }
    }

    @Test
    void batch_oneAndTwoThreads_sameCountsAsClassifyingTheProfiles() {
        Map<String, Long> expected = CLASSIFIER.classifyAll(profiles, AS_OF).counts();
        assertEquals(expected, CLASSIFIER.classifyAll(batch, AS_OF).counts());
        assertEquals(expected, CLASSIFIER.classifyAllParallel(batch, AS_OF).counts());
    }

    @Test
    void csv_libraryAndDuckDb_sameStagePerCustomerAsTheProfiles(@TempDir Path directory) throws IOException {
        // A smaller log than the others': the file is read four times.
        SyntheticLog small = SyntheticLog.generate(CSV_CUSTOMERS, SyntheticLog.DEFAULT_SEED);
        List<CustomerProfile> smallProfiles = small.profiles();
        Path file = directory.resolve("events.csv");
        BenchConfig.writeCsvOnce(file, () -> small);
        long npsAnswers = small.countsByType()[EventType.NPS_ANSWER.ordinal()];
        assertTrue(npsAnswers > 0);
        long rows;
        try (Stream<String> lines = Files.lines(file)) {
            rows = lines.count() - 1;
        }
        assertEquals(small.eventCount() - npsAnswers, rows);
        assertEquals(rows, duck.csvRowCount(file));
        Map<String, String> expected = libraryStages(smallProfiles);
        assertEquals(expected, duck.stagesOfCsv(file, AS_OF));

        EventBatchFile read = EventFileReader.create().readBatch(file);
        assertEquals(List.of(), read.rejections());
        assertEquals(rows, read.rowsRead());
        assertEquals(rows, read.batch().size());
        CustomerStages stages = CLASSIFIER.classifyEach(read.batch(), AS_OF);
        Map<String, String> fromFile = new HashMap<>();
        for (int code = 0; code < stages.size(); code++) {
            fromFile.put(stages.customerId(code), stages.stage(code).id());
        }
        assertEquals(expected, fromFile);
        assertEquals(
                CLASSIFIER.classifyAll(smallProfiles, AS_OF).counts(),
                CLASSIFIER.classifyAllParallel(read.batch(), AS_OF).counts());
        assertEquals(
                CLASSIFIER.classifyAll(smallProfiles, AS_OF).counts(),
                StageCounts.of(Templates.fiveStage(), duck.stageCountsOfCsv(file, AS_OF)));
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
    void eventsPipeline_oneAndTwoThreads_sameCountsAsClassifyingTheProfiles() {
        List<CustomerEvent> events = log.eventsInTimeOrder();
        Map<String, Long> expected = CLASSIFIER.classifyAll(profiles, AS_OF).counts();
        assertEquals(
                expected, EventsPipeline.distribution(CLASSIFIER, events, AS_OF).counts());
        try (EventsPipeline two = new EventsPipeline(CLASSIFIER)) {
            assertEquals(expected, two.distributionOnTwoThreads(events, AS_OF).counts());
        }
    }

    @Test
    void eventsInTimeOrder_sortedByTimestamp_sameEventsAsGrouped() {
        List<CustomerEvent> ordered = log.eventsInTimeOrder();
        for (int i = 1; i < ordered.size(); i++) {
            assertTrue(!ordered.get(i).timestamp().isBefore(ordered.get(i - 1).timestamp()), "event " + i);
        }
        assertEquals(new HashSet<>(log.events()), new HashSet<>(ordered));
    }

    @Test
    void tracker_replayingTheLog_sameDistributionAsClassifying() {
        LifecycleTracker tracker =
                LifecycleTracker.builder(Templates.fiveStage()).build();
        for (CustomerEvent event : log.eventsInTimeOrder()) {
            tracker.accept(event);
        }
        tracker.advanceTo(AS_OF);
        assertEquals(
                CLASSIFIER.classifyAll(profiles, AS_OF).counts(),
                tracker.distribution().counts());
    }

    @Test
    void duckDb_metrics_sameAsLibrary() {
        duck.loadEvents(batch);
        List<CustomerEvent> events = log.eventsInTimeOrder();
        Funnel funnel = MetricsBenchmark.funnel(events);
        assertTrue(funnel.steps().get(3).count() > 0, funnel::toString);
        assertEquals(Canonical.funnel(funnel), Canonical.funnel(duck.funnelCounts(MetricsBenchmark.WINDOW)));
        NetPromoterScore nps = MetricsBenchmark.nps(events);
        long[] counts = duck.npsCounts();
        assertTrue(nps.promoterCount() > 0 && nps.passiveCount() > 0 && nps.detractorCount() > 0, nps::toString);
        assertEquals(Canonical.nps(nps), Canonical.nps(counts[0], counts[1], counts[2]));
        List<String> cohorts = Canonical.cohortLines(MetricsBenchmark.cohorts(events));
        assertTrue(cohorts.size() > 100, () -> cohorts.size() + " cells");
        assertEquals(cohorts, duck.cohortLines(AS_OF));
    }

    @Test
    void duckDb_savedAndCopiedEvents_sameAnswers(@TempDir Path directory) {
        Path file = directory.resolve("events.duckdb");
        duck.loadEvents(batch);
        duck.saveEvents(file);
        try (DuckDbPeer copy = DuckDbPeer.open(1)) {
            copy.loadEventsCached(file, () -> {
                throw new AssertionError("the cache exists; the log is not needed");
            });
            assertEquals(duck.stagesOfEvents(AS_OF), copy.stagesOfEvents(AS_OF));
            assertEquals(duck.cohortLines(AS_OF), copy.cohortLines(AS_OF));
            assertEquals(
                    Canonical.funnel(duck.funnelCounts(MetricsBenchmark.WINDOW)),
                    Canonical.funnel(copy.funnelCounts(MetricsBenchmark.WINDOW)));
        }
    }

    @Test
    void collector_twoThreads_sameCountsAsOneThread() {
        assertEquals(
                CLASSIFIER.classifyAll(profiles, AS_OF),
                profiles.parallelStream().collect(CLASSIFIER.toDistribution(AS_OF)));
    }

    @Test
    void cdnowShape_matchesTheBundledFile() {
        CdnowShape shape = CdnowShape.bundled();
        // The provenance note of the bundled file: 69,659 purchases of 23,570 customers.
        assertEquals(23_570, shape.ordersPerCustomer().length);
        assertEquals(69_659, Arrays.stream(shape.ordersPerCustomer()).sum());
        assertEquals(69_659, shape.amountCents().length);
        assertEquals(69_659 - 23_570, shape.gapDays().length);
    }
}
