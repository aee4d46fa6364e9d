package dev.lifecycle.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

final class CustomerSummariesTest {
    @Test
    void fromEvents_cdnowSample_reproducesThePublishedSummary() {
        CustomerSummaries ours = CustomerSummaries.fromEvents(Cdnow.sampleEvents(), Cdnow.CALIBRATION);
        Map<String, String[]> published = new HashMap<>();
        for (String[] cells : Cdnow.csv("cdnow_customers_summary_with_transactions.csv")) {
            published.put(cells[0], cells);
        }
        assertEquals(2357, ours.size());
        for (int row = 0; row < ours.size(); row++) {
            String[] cells = Objects.requireNonNull(published.get(ours.customerId(row)));
            String id = ours.customerId(row);
            assertEquals(Integer.parseInt(cells[1]), ours.frequency(row), id);
            assertEquals(Double.parseDouble(cells[2]), ours.recency(row), 0.005 + 1e-9, id);
            assertEquals(Double.parseDouble(cells[3]), ours.age(row), 0.005 + 1e-9, id);
            assertEquals(Double.parseDouble(cells[4]), ours.meanRepeatValue(row), 0.005 + 1e-9, id);
        }
        assertEquals(
                List.of("USD"),
                ours.currency().stream().map(c -> c.getCurrencyCode()).toList());
    }

    @Test
    void triples_groupedOnceAndKept_countEveryRow() throws Exception {
        CustomerSummaries table = CustomerSummaries.fromEvents(Cdnow.sampleEvents(), Cdnow.CALIBRATION);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Triples>> first = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                first.add(pool.submit(table::triples));
            }
            Triples kept = table.triples();
            for (Future<Triples> grouping : first) {
                assertSame(kept, grouping.get());
            }
            assertSame(kept, table.triples());
            assertEquals(table.size(), kept.customers);
            assertEquals(table.size(), kept.rowTriple.length);
        } finally {
            pool.shutdownNow();
        }
    }
}
