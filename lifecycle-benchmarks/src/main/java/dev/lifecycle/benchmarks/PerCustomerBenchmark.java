package dev.lifecycle.benchmarks;

import dev.lifecycle.core.CustomerEvent;
import dev.lifecycle.core.CustomerProfile;
import dev.lifecycle.core.LifecycleClassifier;
import dev.lifecycle.core.LifecycleTemplate;
import dev.lifecycle.core.Stage;
import dev.lifecycle.core.Templates;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Workload 5: the per-customer call a shop platform makes per request, {@code CustomerProfile.fromEvents(id, events)}
 * then {@code classifier.classify(profile, asOf).stage()}, for every customer of the log in turn, against a minimal
 * hand-written loop that folds only the four facts the five-stage rules read and applies the rules as an if-chain.
 * Both run on one thread over the same per-customer event lists and count the stages into an array; the goal is the
 * library at most 1.5 times the minimal loop's time.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class PerCustomerBenchmark {
    static final String KEY = "w5";
    static final Instant AS_OF = SyntheticLog.AS_OF;
    /** An order strictly before this instant lies more than the five-stage lapse period (180 days) before asOf. */
    static final Instant LAPSED_BEFORE = AS_OF.minus(Duration.ofDays(180));

    /** Every customer's events, grouped by customer, with the classifier and the stages' positions. */
    @State(Scope.Benchmark)
    public static class Customers {
        LifecycleClassifier classifier = LifecycleClassifier.of(Templates.fiveStage());
        Stage[] stages = classifier.template().stages().toArray(Stage[]::new);
        String[] ids = new String[0];
        List<List<CustomerEvent>> events = List.of();
        int awareness;
        int consideration;
        int conversion;
        int retention;
        int advocacy;
        int lapsed;

        /** Groups the configured log's events by customer, then checks both answers against the library's. */
        @Setup(Level.Trial)
        public void setUp() {
            load(BenchConfig.log().events());
            BenchConfig.checkExpected(KEY, "the library per customer", answer(libraryCounts(this)));
            BenchConfig.checkExpected(KEY, "the minimal loop", answer(minimalCounts(this)));
        }

        /** Takes the events, grouped by customer (each customer's events together), one list per customer. */
        void load(List<CustomerEvent> all) {
            List<String> idList = new ArrayList<>();
            List<List<CustomerEvent>> grouped = new ArrayList<>();
            int start = 0;
            for (int i = 1; i <= all.size(); i++) {
                if (i == all.size()
                        || !all.get(i).customerId().equals(all.get(start).customerId())) {
                    idList.add(all.get(start).customerId());
                    grouped.add(List.copyOf(all.subList(start, i)));
                    start = i;
                }
            }
            ids = idList.toArray(String[]::new);
            events = List.copyOf(grouped);
            awareness = position("awareness");
            consideration = position("consideration");
            conversion = position("conversion");
            retention = position("retention");
            advocacy = position("advocacy");
            lapsed = position("lapsed");
        }

        private int position(String stageId) {
            for (int i = 0; i < stages.length; i++) {
                if (stages[i].id().equals(stageId)) {
                    return i;
                }
            }
            throw new IllegalStateException("the five-stage template has no stage '" + stageId + "'");
        }

        /** The counts as the suite writes the library's distribution. */
        String answer(long[] counts) {
            LifecycleTemplate template = classifier.template();
            Map<String, Long> byId = new LinkedHashMap<>();
            for (int i = 0; i < stages.length; i++) {
                byId.put(stages[i].id(), counts[i]);
            }
            return Canonical.counts(StageCounts.of(template, byId));
        }
    }

    /**
     * The library: per customer, {@code CustomerProfile.fromEvents(id, events)} then {@code classifier.classify(profile,
     * asOf).stage()}, counted by the stage's position in the template.
     */
    @SuppressWarnings("ReferenceEquality") // the classifier answers with the template's own Stage objects
    static long[] libraryCounts(Customers data) {
        Stage[] stages = data.stages;
        long[] counts = new long[stages.length];
        List<List<CustomerEvent>> events = data.events;
        for (int c = 0; c < data.ids.length; c++) {
            CustomerProfile profile = CustomerProfile.fromEvents(data.ids[c], events.get(c));
            Stage stage = data.classifier.classify(profile, AS_OF).stage();
            int i = 0;
            while (stages[i] != stage) {
                i++;
            }
            counts[i]++;
        }
        return counts;
    }

    /**
     * The minimal reference: per customer, one loop over the events that keeps the order count, the last order's
     * instant, the referral count and the engagement count (product views, cart adds and sign-ups), then the five-stage
     * rules as an if-chain, the {@code CASE} of workload 1.
     */
    static long[] minimalCounts(Customers data) {
        long[] counts = new long[data.stages.length];
        List<List<CustomerEvent>> events = data.events;
        for (int c = 0; c < data.ids.length; c++) {
            long orders = 0;
            long referrals = 0;
            long engagement = 0;
            @Nullable Instant lastOrder = null;
            for (CustomerEvent event : events.get(c)) {
                switch (event.type()) {
                    case PURCHASE -> {
                        orders++;
                        Instant at = event.timestamp();
                        if (lastOrder == null || at.isAfter(lastOrder)) {
                            lastOrder = at;
                        }
                    }
                    case REFERRAL -> referrals++;
                    case PRODUCT_VIEW, CART_ADD, SIGN_UP -> engagement++;
                    default -> {
                        // the five-stage rules read no other type
                    }
                }
            }
            int stage;
            if (orders == 0 || lastOrder == null) {
                stage = engagement >= 1 ? data.consideration : data.awareness;
            } else if (lastOrder.isBefore(LAPSED_BEFORE)) {
                stage = data.lapsed;
            } else if (orders >= 2 && referrals >= 1) {
                stage = data.advocacy;
            } else if (orders >= 2) {
                stage = data.retention;
            } else {
                stage = data.conversion;
            }
            counts[stage]++;
        }
        return counts;
    }

    /**
     * The library, one thread: {@code fromEvents} then {@code classify(...).stage()} per customer.
     *
     * @param data the customers' events
     * @return the customers per stage, in template order
     */
    @Benchmark
    public long[] library(Customers data) {
        return libraryCounts(data);
    }

    /**
     * The minimal hand-written fold and if-chain, one thread.
     *
     * @param data the customers' events
     * @return the customers per stage, in template order
     */
    @Benchmark
    public long[] minimal(Customers data) {
        return minimalCounts(data);
    }
}
