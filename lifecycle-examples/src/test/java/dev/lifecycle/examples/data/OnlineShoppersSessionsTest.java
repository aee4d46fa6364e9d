package dev.lifecycle.examples.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lifecycle.core.CustomerEvent;
import dev.lifecycle.core.EventType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

final class OnlineShoppersSessionsTest {

    @Test
    void read_bundledData_gives12330SessionsAnd1908Purchases() {
        OnlineShoppersSessions sessions = OnlineShoppersSessions.read();

        assertEquals(12_330, sessions.sessions());
        assertEquals(1_908, sessions.purchases());
        assertEquals(14, sessions.sessionsWithoutPageCounts());
        Map<EventType, Long> byType =
                sessions.events().stream().collect(Collectors.groupingBy(CustomerEvent::type, Collectors.counting()));
        assertEquals(12_330, byType.get(EventType.SITE_VISIT));
        assertEquals(1_908, byType.get(EventType.PURCHASE));
        assertEquals(
                12_330,
                sessions.events().stream()
                        .map(CustomerEvent::customerId)
                        .distinct()
                        .count());
    }

    @Test
    void read_bundledData_purchasesMatchAnIndependentCountOfTheRevenueColumn() throws IOException {
        String raw;
        try (InputStream in = Objects.requireNonNull(OnlineShoppersSessionsTest.class.getResourceAsStream(
                "/data/online-shoppers/online_shoppers_intention.csv"))) {
            raw = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
        String[] lines = raw.split("\r\n");
        long purchases = 0;
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].endsWith(",TRUE")) {
                purchases++;
            }
        }

        assertEquals(12_330, lines.length - 1);
        assertEquals(purchases, OnlineShoppersSessions.read().purchases());
    }

    @Test
    void read_firstSession_visitsAtFirstOfItsMonthPlusRowSecondsAndViewsAtMostThreeProducts() {
        List<CustomerEvent> events = OnlineShoppersSessions.read().events();

        // row 1: ProductRelated 1, Month Feb, Revenue FALSE
        CustomerEvent visit = events.get(0);
        assertEquals("session-1", visit.customerId());
        assertEquals("session-1-visit", visit.eventId());
        assertEquals(EventType.SITE_VISIT, visit.type());
        assertEquals(Instant.parse("2017-02-01T00:00:01Z"), visit.timestamp());
        assertEquals(EventType.PRODUCT_VIEW, events.get(1).type());
        assertEquals("session-2", events.get(2).customerId());
        Map<String, Long> viewsPerSession = events.stream()
                .filter(event -> event.type() == EventType.PRODUCT_VIEW)
                .collect(Collectors.groupingBy(CustomerEvent::customerId, Collectors.counting()));
        assertTrue(
                viewsPerSession.values().stream().allMatch(views -> views <= OnlineShoppersSessions.MAX_PRODUCT_VIEWS));
        Map<String, CustomerEvent> byId =
                events.stream().collect(Collectors.toMap(CustomerEvent::eventId, Function.identity()));
        assertEquals(events.size(), byId.size());
    }
}
