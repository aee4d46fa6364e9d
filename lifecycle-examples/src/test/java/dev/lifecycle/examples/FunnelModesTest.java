package dev.lifecycle.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lifecycle.core.CustomerEvent;
import dev.lifecycle.core.EventType;
import dev.lifecycle.examples.data.OnlineShoppersSessions;
import java.io.IOException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The funnel modes example: every count it prints checked against counts taken here from the events directly, and the
 * README shows the compiled snippet and its output.
 */
final class FunnelModesTest {
    private static final Pattern MONTH = Pattern.compile(
            "(\\d{4}-\\d{2}): (\\d+) of (\\d+) bought (\\(([+-]\\d+\\.\\d) points on the month before, p = [0-9.e-]+\\)"
                    + "|\\(not testable\\))");

    /** What each session did, read from its events. */
    private record Session(String id, boolean viewed, boolean bought, String month) {}

    private static Map<String, Session> sessions(OnlineShoppersSessions data) {
        Map<String, List<CustomerEvent>> byId = new LinkedHashMap<>();
        for (CustomerEvent event : data.events()) {
            byId.computeIfAbsent(event.customerId(), id -> new ArrayList<>()).add(event);
        }
        Map<String, Session> sessions = new LinkedHashMap<>();
        byId.forEach((id, events) -> sessions.put(
                id,
                new Session(
                        id,
                        events.stream().anyMatch(e -> e.type() == EventType.PRODUCT_VIEW),
                        events.stream().anyMatch(e -> e.type() == EventType.PURCHASE),
                        LocalDate.ofInstant(events.get(0).timestamp(), ZoneOffset.UTC)
                                .toString()
                                .substring(0, 7))));
        return sessions;
    }

    @Test
    void run_everyCountAgreesWithTheEvents() throws IOException {
        List<String> lines = ReadmeSnippets.output(FunnelModes::run);
        OnlineShoppersSessions data = OnlineShoppersSessions.read();
        Map<String, Session> sessions = sessions(data);
        long all = sessions.size();
        long buyers = sessions.values().stream().filter(Session::bought).count();
        long viewers = sessions.values().stream().filter(Session::viewed).count();
        long both =
                sessions.values().stream().filter(s -> s.bought() && s.viewed()).count();
        long either =
                sessions.values().stream().filter(s -> s.bought() || s.viewed()).count();
        // every session's purchase comes after its visit and views, so these are the funnels' counts
        assertEquals("ordered:   " + all + " -> " + buyers, lines.get(0));
        assertEquals("strict:    " + all + " -> " + (buyers - both), lines.get(1));
        assertEquals(
                "optional:  " + all + " -> " + buyers + ", " + both + " of the buyers through a product view",
                lines.get(2));
        assertEquals(
                "excluding: " + (all - viewers) + " -> " + (buyers - both) + ", " + viewers + " excluded",
                lines.get(3));
        assertEquals("unordered: " + either + " -> " + both, lines.get(4));

        Map<String, long[]> byType = new TreeMap<>();
        for (Session session : sessions.values()) {
            long[] counts = byType.computeIfAbsent(data.visitorType(session.id()), t -> new long[2]);
            counts[0]++;
            counts[1] += session.bought() ? 1 : 0;
        }
        List<Map.Entry<String, long[]>> ranked = new ArrayList<>(byType.entrySet());
        ranked.sort(Comparator.comparing((Map.Entry<String, long[]> e) -> -e.getValue()[0]));
        assertEquals(3, ranked.size());
        for (int i = 0; i < 3; i++) {
            long[] counts = ranked.get(i).getValue();
            String name = i < 2 ? ranked.get(i).getKey() : "(other)";
            assertEquals(name + ": " + counts[0] + " -> " + counts[1], lines.get(5 + i));
        }

        Map<String, long[]> byMonth = new TreeMap<>();
        for (Session session : sessions.values()) {
            long[] counts = byMonth.computeIfAbsent(session.month(), m -> new long[2]);
            counts[0]++;
            counts[1] += session.bought() ? 1 : 0;
        }
        int at = 8;
        for (String line = lines.get(at); !line.contains("left without buying"); line = lines.get(++at)) {
            Matcher m = MONTH.matcher(line);
            assertTrue(m.matches(), line);
            long[] counts = byMonth.getOrDefault(m.group(1), new long[2]);
            String before = LocalDate.parse(m.group(1) + "-01")
                    .minusMonths(1)
                    .toString()
                    .substring(0, 7);
            long[] previous = byMonth.getOrDefault(before, new long[2]);
            assertEquals(counts[1], Long.parseLong(m.group(2)), line);
            assertEquals(counts[0], Long.parseLong(m.group(3)), line);
            if (counts[0] > 0 && previous[0] > 0) {
                double points = 100.0 * counts[1] / counts[0] - 100.0 * previous[1] / previous[0];
                assertEquals(String.format(Locale.ROOT, "%+.1f", points), m.group(5), line);
            } else {
                assertTrue(m.group(4).startsWith("(not testable"), line);
            }
        }
        LocalDate first = LocalDate.parse(byMonth.keySet().iterator().next() + "-01");
        LocalDate last = LocalDate.parse(((TreeMap<String, long[]>) byMonth).lastKey() + "-01");
        assertEquals(
                java.time.temporal.ChronoUnit.MONTHS.between(first, last),
                at - 8,
                "one line per month after the first, empty months included");
        TreeSet<String> left = new TreeSet<>();
        sessions.values().stream().filter(s -> !s.bought()).forEach(s -> left.add(s.id()));
        assertEquals(
                left.size() + " sessions left without buying, first " + new ArrayList<>(left).subList(0, 3),
                lines.get(at));

        List<List<CustomerEvent>> orders =
                new ArrayList<>(OrderChains.ordersByCustomer().values());
        long customers = orders.size();
        assertEquals(
                "from the first order: " + customers + " -> " + reached(orders, 2, false) + " -> "
                        + reached(orders, 3, false),
                lines.get(at + 1));
        assertEquals(
                "from any order:       " + customers + " -> " + reached(orders, 2, true) + " -> "
                        + reached(orders, 3, true),
                lines.get(at + 2));
        assertTrue(
                lines.get(at + 3).matches("days to the second order: median \\d+, p75 \\d+, p90 \\d+"),
                lines.get(at + 3));
        assertEquals(at + 4, lines.size(), lines::toString);
        ReadmeSnippets.assertReadmeShowsOutput(lines);
    }

    /** Customers with {@code steps} orders 30 days apart at most, within 548 days, from the first or any order. */
    private static long reached(List<List<CustomerEvent>> orders, int steps, boolean anyEntry) {
        return orders.stream()
                .filter(o -> OrderChains.reaches(o, steps, Duration.ofDays(30), Duration.ofDays(548), anyEntry))
                .count();
    }

    @Test
    void readme_funnelModesBlock_isTheCompiledExample() throws IOException {
        ReadmeSnippets.assertPageShows(
                ReadmeSnippets.README, "src/main/java/dev/lifecycle/examples/FunnelModes.java", "funnel-modes");
    }
}
