package dev.lifecycle.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lifecycle.core.CustomerEvent;
import java.io.IOException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The demo's repeat-order funnel in its JSON: overall, by the size of the first order and by its month, against
 * chains of orders found here by trying every chain of each CDNOW customer.
 */
final class DemoFunnelsTest {
    @Test
    void run_bundledCdnowJson_repeatOrderFunnelCountsEveryChain() throws IOException {
        DemoRun run = DemoRun.of("--json");
        assertEquals(0, run.status(), run.err()::toString);
        JsonNode funnel =
                new ObjectMapper().readTree(String.join("\n", run.out())).get("repeatOrderFunnel");

        Map<String, long[]> bySize = new TreeMap<>();
        Map<String, long[]> byMonth = new TreeMap<>();
        long[] all = new long[3];
        for (List<CustomerEvent> orders : OrderChains.ordersByCustomer().values()) {
            CustomerEvent first = orders.get(0);
            long[] size = bySize.computeIfAbsent(DemoFunnels.size(first), s -> new long[3]);
            String month = LocalDate.ofInstant(first.timestamp(), ZoneOffset.UTC)
                    .withDayOfMonth(1)
                    .toString();
            long[] inMonth = byMonth.computeIfAbsent(month, m -> new long[3]);
            for (int steps = 1; steps <= 3; steps++) {
                if (OrderChains.reaches(orders, steps, Duration.ofDays(90), Duration.ofDays(365), false)) {
                    all[steps - 1]++;
                    size[steps - 1]++;
                    inMonth[steps - 1]++;
                }
            }
        }
        assertEquals(List.of(all[0], all[1], all[2]), counts(funnel.get("counts")));
        assertEquals(bySize.keySet(), names(funnel.get("byFirstOrderSize")));
        bySize.forEach((size, counts) -> assertEquals(
                List.of(counts[0], counts[1], counts[2]),
                counts(funnel.get("byFirstOrderSize").get(size)),
                size));
        assertEquals(byMonth.keySet(), names(funnel.get("byMonthOfFirstOrder")));
        byMonth.forEach((month, counts) -> assertEquals(
                List.of(counts[0], counts[1], counts[2]),
                counts(funnel.get("byMonthOfFirstOrder").get(month)),
                month));
    }

    private static List<Long> counts(JsonNode array) {
        List<Long> counts = new ArrayList<>();
        array.forEach(n -> counts.add(n.asLong()));
        return counts;
    }

    private static java.util.Set<String> names(JsonNode object) {
        java.util.Set<String> names = new java.util.TreeSet<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
