package dev.lifecycle.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A profile's order instants: kept in time order whatever order a builder gets them in, and a list like any other. */
final class OrderTimesTest {
    private static final Instant T1 = Instant.parse("2025-01-01T00:00:00Z");
    private static final Instant T2 = Instant.parse("2025-01-02T00:00:00Z");
    private static final Instant T3 = Instant.parse("2025-01-03T00:00:00Z");

    /** A consistent profile whose orders were given to its builder in this order. */
    private static CustomerProfile ordered(String id, Instant... instants) {
        CustomerProfile.Builder builder = CustomerProfile.builder(id).orderCount(instants.length);
        Instant first = instants[0];
        Instant last = instants[0];
        for (Instant at : instants) {
            builder.orderAt(at);
            first = at.isBefore(first) ? at : first;
            last = at.isAfter(last) ? at : last;
        }
        return builder.firstOrderAt(first).lastOrderAt(last).build();
    }

    @Test
    void builderGivenInstantsOutOfOrder_keepsThemInTimeOrder() {
        CustomerProfile profile = ordered("c", T2, T3, T1, T2);
        assertEquals(List.of(T1, T2, T2, T3), profile.orderTimes());
        assertEquals(List.of(T1, T2, T2, T3).hashCode(), profile.orderTimes().hashCode());
        assertEquals(3, profile.ordersWithin(java.time.Duration.ofDays(1), T3));
    }

    @Test
    void equalsAndIndex_asAList() {
        List<Instant> one = ordered("a", T1, T2).orderTimes();
        List<Instant> same = ordered("b", T1, T2).orderTimes();
        List<Instant> other = ordered("c", T1, T3).orderTimes();
        assertEquals(one, same);
        assertEquals(same, one);
        assertNotEquals(one, other);
        assertEquals(one, List.of(T1, T2));
        assertEquals(List.of(T1, T2), one);
        assertNotEquals(one, List.of(T1));
        assertEquals(
                "index must be between 0 and 1 but was 2",
                assertThrows(IndexOutOfBoundsException.class, () -> one.get(2)).getMessage());
        assertEquals(
                "index must be between 0 and 1 but was -1",
                assertThrows(IndexOutOfBoundsException.class, () -> one.get(-1)).getMessage());
    }
}
