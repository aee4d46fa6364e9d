package dev.lifecycle.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lifecycle.core.CustomerEvent;
import dev.lifecycle.core.EventType;
import dev.lifecycle.examples.data.BundledData;
import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

final class LifecycleFlowsTest {
    private static final Pattern MONTH = Pattern.compile(
            "(\\d{4}-\\d{2})-01: (\\d+) active = (\\d+) new \\+ (\\d+) returning \\((\\d+) growing, (\\d+) shrinking\\)"
                    + " \\+ (\\d+) resurrecting; (\\d+) dormant");

    /** Customers with a purchase in a month, counted here from the events. */
    private static Set<String> buyers(List<CustomerEvent> events, String month) {
        Set<String> buyers = new HashSet<>();
        for (CustomerEvent event : events) {
            if (event.type() == EventType.PURCHASE
                    && LocalDate.ofInstant(event.timestamp(), ZoneOffset.UTC)
                            .toString()
                            .startsWith(month)) {
                buyers.add(event.customerId());
            }
        }
        return buyers;
    }

    @Test
    void run_monthsAgreeWithTheEvents_andTheFlowAddsUp() throws IOException {
        List<String> lines = ReadmeSnippets.output(LifecycleFlows::run);
        List<CustomerEvent> events = BundledData.bundledCdnow().events();
        assertEquals(6, lines.size(), lines::toString);
        for (String line : lines.subList(0, 3)) {
            Matcher m = MONTH.matcher(line);
            assertTrue(m.matches(), line);
            Set<String> now = buyers(events, m.group(1));
            Set<String> before = buyers(
                    events,
                    LocalDate.parse(m.group(1) + "-01")
                            .minusMonths(1)
                            .toString()
                            .substring(0, 7));
            Set<String> both = new HashSet<>(now);
            both.retainAll(before);
            assertEquals(now.size(), Long.parseLong(m.group(2)), line);
            assertEquals(
                    0, Long.parseLong(m.group(3)), "every CDNOW customer's first order is in 1997's first quarter");
            assertEquals(both.size(), Long.parseLong(m.group(4)), line);
            assertEquals(now.size() - both.size(), Long.parseLong(m.group(7)), line);
            assertEquals(before.size() - both.size(), Long.parseLong(m.group(8)), line);
        }
        assertTrue(lines.get(3).startsWith("retention ("), lines.get(3));
        assertTrue(lines.get(4).startsWith("lapsed ("), lines.get(4));
        assertTrue(lines.get(5).endsWith(" customers kept their stage"), lines.get(5));
        ReadmeSnippets.assertReadmeShowsOutput(lines);
    }

    @Test
    void readme_lifecycleFlowsBlock_isTheCompiledExample() throws IOException {
        ReadmeSnippets.assertPageShows(
                ReadmeSnippets.README, "src/main/java/dev/lifecycle/examples/LifecycleFlows.java", "lifecycle-flows");
    }
}
