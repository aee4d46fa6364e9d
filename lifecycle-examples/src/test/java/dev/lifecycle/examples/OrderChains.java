package dev.lifecycle.examples;

import dev.lifecycle.core.CustomerEvent;
import dev.lifecycle.examples.data.BundledData;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Repeat-order chains of the bundled CDNOW customers, found by trying every chain: the independent count the tests of
 * the repeat-order funnels compare with.
 */
final class OrderChains {
    private OrderChains() {}

    /** Each CDNOW customer's orders, in time order (ties in file order), by customer id in file order. */
    static Map<String, List<CustomerEvent>> ordersByCustomer() {
        Map<String, List<CustomerEvent>> byCustomer = new LinkedHashMap<>();
        for (CustomerEvent event : BundledData.bundledCdnow().events()) {
            byCustomer
                    .computeIfAbsent(event.customerId(), id -> new ArrayList<>())
                    .add(event);
        }
        byCustomer
                .values()
                .forEach(orders -> orders.sort((a, b) -> a.timestamp().compareTo(b.timestamp())));
        return byCustomer;
    }

    /**
     * Tells whether {@code steps} orders, the first at {@code entry} (or at any order when {@code anyEntry}), each at
     * most {@code gap} after the one before and all within {@code window} of the first, exist.
     */
    static boolean reaches(List<CustomerEvent> orders, int steps, Duration gap, Duration window, boolean anyEntry) {
        for (int entry = 0; entry < (anyEntry ? orders.size() : Math.min(1, orders.size())); entry++) {
            if (extend(orders, entry, entry, 1, steps, gap, window)) {
                return true;
            }
        }
        return false;
    }

    private static boolean extend(
            List<CustomerEvent> orders, int entry, int last, int done, int steps, Duration gap, Duration window) {
        if (done == steps) {
            return true;
        }
        for (int next = last + 1; next < orders.size(); next++) {
            Instant at = orders.get(next).timestamp();
            if (Duration.between(orders.get(last).timestamp(), at).compareTo(gap) <= 0
                    && Duration.between(orders.get(entry).timestamp(), at).compareTo(window) <= 0
                    && extend(orders, entry, next, done + 1, steps, gap, window)) {
                return true;
            }
        }
        return false;
    }
}
