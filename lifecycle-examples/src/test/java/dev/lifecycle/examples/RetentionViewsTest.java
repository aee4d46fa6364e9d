package dev.lifecycle.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lifecycle.core.CustomerEvent;
import dev.lifecycle.examples.data.BundledData;
import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The retention options example: its bounded and previous-bracket retention checked against sets of customers taken
 * here from the orders, and the README shows the compiled snippet and its output.
 */
final class RetentionViewsTest {
    private static final int[][] BRACKETS = {{0, 0}, {1, 2}, {3, 5}, {6, 11}, {12, 17}};

    @Test
    void run_bracketsAgreeWithTheOrders() throws IOException {
        List<String> lines = ReadmeSnippets.output(RetentionViews::run);
        // each customer's cohort month and the months (offsets from it) with an order
        Map<String, LocalDate> cohort = new HashMap<>();
        Map<String, TreeSet<Long>> active = new HashMap<>();
        List<CustomerEvent> orders = BundledData.bundledCdnow().events();
        for (CustomerEvent order : orders) {
            LocalDate month =
                    LocalDate.ofInstant(order.timestamp(), ZoneOffset.UTC).withDayOfMonth(1);
            cohort.merge(order.customerId(), month, (a, b) -> a.isBefore(b) ? a : b);
        }
        for (CustomerEvent order : orders) {
            LocalDate month =
                    LocalDate.ofInstant(order.timestamp(), ZoneOffset.UTC).withDayOfMonth(1);
            active.computeIfAbsent(order.customerId(), id -> new TreeSet<>())
                    .add(ChronoUnit.MONTHS.between(cohort.get(order.customerId()), month));
        }
        Map<LocalDate, long[]> inBracket = new TreeMap<>();
        Map<LocalDate, long[]> inBoth = new TreeMap<>();
        Map<LocalDate, Long> sizes = new TreeMap<>();
        for (Map.Entry<String, LocalDate> entry : cohort.entrySet()) {
            sizes.merge(entry.getValue(), 1L, Long::sum);
            long[] counts = inBracket.computeIfAbsent(entry.getValue(), c -> new long[BRACKETS.length]);
            long[] both = inBoth.computeIfAbsent(entry.getValue(), c -> new long[BRACKETS.length]);
            TreeSet<Long> months = java.util.Objects.requireNonNull(active.get(entry.getKey()));
            for (int b = 0; b < BRACKETS.length; b++) {
                boolean now = !months.subSet((long) BRACKETS[b][0], true, (long) BRACKETS[b][1], true)
                        .isEmpty();
                counts[b] += now ? 1 : 0;
                boolean before = b > 0
                        && !months.subSet((long) BRACKETS[b - 1][0], true, (long) BRACKETS[b - 1][1], true)
                                .isEmpty();
                both[b] += now && before ? 1 : 0;
            }
        }
        int row = 1;
        for (Map.Entry<LocalDate, Long> entry : sizes.entrySet()) {
            String[] bounded = lines.get(row).trim().split("\\s+");
            String[] previous = lines.get(row + 5).trim().split("\\s+");
            assertEquals(entry.getKey().toString().substring(0, 7), bounded[0]);
            assertEquals(entry.getValue(), Long.parseLong(bounded[1]));
            long[] counts = java.util.Objects.requireNonNull(inBracket.get(entry.getKey()));
            long[] both = java.util.Objects.requireNonNull(inBoth.get(entry.getKey()));
            for (int b = 0; b < BRACKETS.length; b++) {
                assertEquals(percent(counts[b], entry.getValue()), bounded[2 + b].replace("*", ""), lines.get(row));
                String expected = b == 0 ? "n/a" : percent(both[b], counts[b - 1]);
                assertEquals(expected, previous[2 + b].replace("*", ""), lines.get(row + 5));
            }
            row++;
        }
        assertEquals(15, lines.size(), lines::toString);
        ReadmeSnippets.assertReadmeShowsOutput(lines);
    }

    private static String percent(long part, long whole) {
        return String.format(Locale.ROOT, "%.1f%%", 100.0 * part / whole);
    }

    @Test
    void readme_retentionViewsBlock_isTheCompiledExample() throws IOException {
        ReadmeSnippets.assertPageShows(
                ReadmeSnippets.README, "src/main/java/dev/lifecycle/examples/RetentionViews.java", "retention-views");
    }
}
