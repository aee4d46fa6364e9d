package dev.lifecycle.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lifecycle.core.CustomerEvent;
import dev.lifecycle.core.EventType;
import dev.lifecycle.examples.data.BundledData;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

final class RfmSegmentsTest {
    @Test
    void run_segmentTableAddsUpToThePurchasesCountedFromTheEvents() throws IOException {
        List<String> lines = ReadmeSnippets.output(RfmSegments::run);
        // counted here from the events: the customers, orders and revenue up to the end of 1998's first quarter
        Instant q1 = Instant.parse("1998-04-01T00:00:00Z");
        Set<String> customers = new HashSet<>();
        long orders = 0;
        BigDecimal revenue = BigDecimal.ZERO;
        for (CustomerEvent event : BundledData.bundledCdnow().events()) {
            if (event.type() == EventType.PURCHASE && !event.timestamp().isAfter(q1)) {
                customers.add(event.customerId());
                orders++;
                revenue = revenue.add(event.amount().orElseThrow().amount());
            }
        }
        assertTrue(lines.get(0).startsWith("R breakpoints "), lines.get(0));
        List<String> table = lines.subList(1, 12);
        long tableCustomers = 0;
        long tableOrders = 0;
        BigDecimal tableRevenue = BigDecimal.ZERO;
        for (String row : table) {
            String[] cells = row.substring(20).trim().split("\\s+");
            tableCustomers += Long.parseLong(cells[0]);
            tableOrders += Long.parseLong(cells[2]);
            tableRevenue = tableRevenue.add(new BigDecimal(cells[4]));
        }
        assertEquals(customers.size(), tableCustomers);
        assertEquals(orders, tableOrders);
        assertEquals(0, revenue.compareTo(tableRevenue), revenue + " against " + tableRevenue);
        assertTrue(lines.get(12).startsWith("Champions who were still Champions: "), lines.get(12));
        assertTrue(lines.get(13).endsWith(" customers to win back at the end of Q2"), lines.get(13));
        assertTrue(lines.get(14).contains(": RFM segment Can't Lose Them of RFM ten segments: R"), lines.get(14));
        ReadmeSnippets.assertReadmeShowsOutput(lines);
    }

    @Test
    void readme_rfmSegmentsBlock_isTheCompiledExample() throws IOException {
        ReadmeSnippets.assertPageShows(
                ReadmeSnippets.README, "src/main/java/dev/lifecycle/examples/RfmSegments.java", "rfm-segments");
    }
}
