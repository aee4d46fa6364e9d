package dev.lifecycle.benchmarks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lifecycle.core.CustomerEvent;
import dev.lifecycle.core.EventType;
import dev.lifecycle.core.LifecycleClassifier;
import dev.lifecycle.core.Money;
import dev.lifecycle.core.Templates;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Workload 5's two sides count the same stages as the library's classification, on the log and at the rules' edges. */
final class PerCustomerBenchmarkTest {
    private static final Instant AS_OF = SyntheticLog.AS_OF;

    private static PerCustomerBenchmark.Customers load(List<CustomerEvent> events) {
        PerCustomerBenchmark.Customers customers = new PerCustomerBenchmark.Customers();
        customers.load(events);
        return customers;
    }

    @Test
    void bothSides_syntheticLog_equalTheLibrarysDistribution() {
        SyntheticLog log = SyntheticLog.generate(20_000, SyntheticLog.DEFAULT_SEED);
        PerCustomerBenchmark.Customers customers = load(log.events());
        String expected = Canonical.counts(LifecycleClassifier.of(Templates.fiveStage())
                .classifyAll(log.profiles(), AS_OF)
                .counts());

        assertEquals(20_000, customers.ids.length);
        assertEquals(expected, customers.answer(PerCustomerBenchmark.libraryCounts(customers)));
        assertEquals(expected, customers.answer(PerCustomerBenchmark.minimalCounts(customers)));
    }

    @Test
    void bothSides_edgesOfTheRules_sameStagePerCustomer() {
        List<CustomerEvent> events = new ArrayList<>();
        int[] id = {0};
        // one customer per case, as (type, instant) pairs
        Object[][][] cases = {
            {},
            {{EventType.SITE_VISIT, AS_OF.minusSeconds(60)}},
            {{EventType.PRODUCT_VIEW, AS_OF.minusSeconds(60)}},
            {{EventType.SIGN_UP, AS_OF.minusSeconds(60)}, {EventType.REFERRAL, AS_OF.minusSeconds(30)}},
            {{EventType.PURCHASE, AS_OF.minus(Duration.ofDays(180))}},
            {{EventType.PURCHASE, AS_OF.minus(Duration.ofDays(180)).minusNanos(1)}},
            {{EventType.PURCHASE, AS_OF.minus(Duration.ofDays(300))}, {EventType.PURCHASE, AS_OF}},
            {
                {EventType.PURCHASE, AS_OF.minus(Duration.ofDays(10))},
                {EventType.PURCHASE, AS_OF.minus(Duration.ofDays(5))},
                {EventType.REFERRAL, AS_OF.minus(Duration.ofDays(1))}
            },
            {
                {EventType.PURCHASE, AS_OF.minus(Duration.ofDays(400))},
                {EventType.PURCHASE, AS_OF.minus(Duration.ofDays(200))},
                {EventType.REFERRAL, AS_OF.minus(Duration.ofDays(1))}
            },
            {{EventType.REFUND, AS_OF.minus(Duration.ofDays(3))}, {EventType.PURCHASE, AS_OF.minus(Duration.ofDays(4))}}
        };
        for (Object[][] customer : cases) {
            String customerId = "c" + id[0]++;
            if (customer.length == 0) {
                events.add(CustomerEvent.builder(customerId, EventType.SITE_VISIT, AS_OF.minus(Duration.ofDays(900)))
                        .eventId(customerId + "-only")
                        .build());
            }
            for (int i = 0; i < customer.length; i++) {
                EventType type = (EventType) customer[i][0];
                CustomerEvent.Builder event = CustomerEvent.builder(customerId, type, (Instant) customer[i][1])
                        .eventId(customerId + "-" + i);
                if (type == EventType.PURCHASE || type == EventType.REFUND) {
                    event.amount(Money.of("12.50", "USD"));
                }
                events.add(event.build());
            }
        }
        PerCustomerBenchmark.Customers all = load(events);

        for (int c = 0; c < all.ids.length; c++) {
            PerCustomerBenchmark.Customers one = load(all.events.get(c));
            long[] library = PerCustomerBenchmark.libraryCounts(one);
            assertArrayEquals(library, PerCustomerBenchmark.minimalCounts(one), all.ids[c]);
            assertEquals(1, java.util.Arrays.stream(library).sum());
        }
        assertEquals(
                "awareness=2,consideration=2,conversion=2,retention=1,advocacy=1,lapsed=2",
                all.answer(PerCustomerBenchmark.minimalCounts(all)));
    }
}
