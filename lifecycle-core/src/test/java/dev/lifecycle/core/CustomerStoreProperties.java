package dev.lifecycle.core;

import static dev.lifecycle.core.Generators.between;
import static dev.lifecycle.core.Generators.chance;
import static dev.lifecycle.core.Generators.pick;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.quicktheories.QuickTheory.qt;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;

/** The tracker's packed customer store gives back exactly what it was given, and behaves as a map by id. */
final class CustomerStoreProperties {
    private static final List<String> IDS = List.of("c-1", "c-2", "kunde-ä", "顧客-7", "c-1 ", "a", "customer-0001");
    private static final long SECOND = 1_000_000_000L;

    @Test
    void unpacked_equalsPacked_forAnyProfileAndHistory() {
        qt().forAll(trackedCustomers()).checkAssert(customer -> {
            CustomerStore store = new CustomerStore();
            store.put(customer);
            assertSame(customer, store.get(customer.profile.customerId()));
        });
    }

    @Test
    void store_behavesLikeAMapById() {
        qt().forAll(putSequences()).checkAssert(puts -> {
            CustomerStore store = new CustomerStore();
            Map<String, TrackedCustomer> model = new HashMap<>();
            for (TrackedCustomer customer : puts) {
                store.put(customer);
                model.put(customer.profile.customerId(), customer);
            }
            assertEquals(model.size(), store.size());
            assertEquals(model.keySet(), new HashSet<>(store.ids()));
            for (Map.Entry<String, TrackedCustomer> entry : model.entrySet()) {
                assertSame(entry.getValue(), store.get(entry.getKey()));
            }
            assertNull(store.get("never-put"));
            List<String> seen = new ArrayList<>();
            store.forEachStages((current, highest) -> seen.add(current + "/" + highest));
            assertEquals(model.size(), seen.size());
        });
    }

    @Test
    void manyCustomers_surviveTheTableGrowing() {
        CustomerStore store = new CustomerStore();
        int count = 50_000;
        for (int i = 0; i < count; i++) {
            store.put(tracked(
                    CustomerProfile.builder("customer-" + i).siteVisits(i % 7).build(), i % 5, 100L * i));
        }
        assertEquals(count, store.size());
        for (int i = 0; i < count; i += 997) {
            TrackedCustomer back = store.get("customer-" + i);
            assertNotNull(back, "customer-" + i);
            assertEquals(i % 7, back.profile.siteVisits());
            assertEquals(i % 5, back.current);
        }
    }

    @Test
    void extremeValues_roundTrip() {
        Currency yen = Currency.getInstance("JPY");
        Currency dinar = Currency.getInstance("BHD");
        Instant early = SupportedInstants.FIRST.plusNanos(1);
        Instant late = SupportedInstants.END.minusNanos(1);
        ProfileFacts facts = new ProfileFacts("x-€-\u0000");
        // every instant a profile gets from its builder or a fold is supported (the builder checks first seen and last
        // activity too), and the record keeps instants as the tracker's epoch nanoseconds
        facts.firstSeen = early;
        facts.lastActivity = late;
        facts.firstOrderAt = early;
        facts.counts = new long[] {Long.MAX_VALUE, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1L << 40};
        facts.lastAt = new Instant[] {
            late,
            early,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            Instant.ofEpochSecond(-5, 999_999_999)
        };
        facts.totalSpend = new Money(new BigDecimal("999999999999999999"), yen);
        facts.refunded = new Money(new BigDecimal("-0.001"), dinar);
        facts.payments = ImmutableList.of(
                new CustomerProfile.Payment(early, new Money(new BigDecimal("-999999999999999999"), yen)),
                new CustomerProfile.Payment(late, new Money(new BigDecimal("576460752303423488"), yen)),
                new CustomerProfile.Payment(late, new Money(new BigDecimal("999999999999999999.999"), dinar)));
        facts.lastNpsScore = 10;
        facts.loyaltyEnrolledAt = Instant.EPOCH;
        facts.customCounts = ImmutableMap.of("webinar", Long.MAX_VALUE, "", 0L);
        facts.attributes = ImmutableMap.of("nan", Double.NaN, "minus-zero", -0.0, "max", Double.MAX_VALUE);
        CustomerProfile profile = facts.toProfile();
        long[] entered = {TrackerTime.toNanos(early), TrackerTime.toNanos(early), TrackerTime.toNanos(late)};
        int[] stageAndRule = {
            PackedStages.stay(3, PackedStages.NO_RULE),
            PackedStages.stay(70, PackedStages.MAX_RULE),
            PackedStages.stay(0, 1)
        };
        TrackedCustomer customer =
                new TrackedCustomer(profile, 0, 70, TrackerTime.toNanos(late), entered, stageAndRule);
        CustomerStore store = new CustomerStore();
        store.put(customer);
        assertSame(customer, store.get(profile.customerId()));
    }

    private static void assertSame(TrackedCustomer expected, @Nullable TrackedCustomer actual) {
        assertNotNull(actual, expected.profile.customerId());
        assertEquals(expected.profile, actual.profile);
        assertEquals(expected.current, actual.current);
        assertEquals(expected.highest, actual.highest);
        assertEquals(expected.evaluatedAt, actual.evaluatedAt);
        assertEquals(expected.visits, actual.visits);
        assertArrayEquals(
                java.util.Arrays.copyOf(expected.entered, expected.visits),
                java.util.Arrays.copyOf(actual.entered, actual.visits));
        assertArrayEquals(
                java.util.Arrays.copyOf(expected.stageAndRule, expected.visits),
                java.util.Arrays.copyOf(actual.stageAndRule, actual.visits));
    }

    private static TrackedCustomer tracked(CustomerProfile profile, int stage, long at) {
        return new TrackedCustomer(
                profile, stage, stage, at, new long[] {at}, new int[] {PackedStages.stay(stage, PackedStages.NO_RULE)});
    }

    private static Gen<List<TrackedCustomer>> putSequences() {
        Gen<TrackedCustomer> customers = trackedCustomers();
        return in -> {
            int size = between(in, 0, 40);
            List<TrackedCustomer> puts = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                puts.add(customers.generate(in));
            }
            return puts;
        };
    }

    /** Customers with any profile and a history of 1 to 6 stays at whole days, whole seconds or any nanosecond. */
    private static Gen<TrackedCustomer> trackedCustomers() {
        return in -> {
            String id = chance(in, 20) ? "c-" + between(in, 0, 100_000) : pick(in, IDS);
            CustomerProfile profile = Generators.profiles(id).generate(in);
            int visits = between(in, 1, 6);
            long[] entered = new long[visits];
            int[] stageAndRule = new int[visits];
            long at = start(in);
            for (int v = 0; v < visits; v++) {
                at += step(in);
                entered[v] = at;
                int stage = between(in, 0, 9);
                int rule = v == 0 ? PackedStages.NO_RULE : between(in, 0, 20);
                stageAndRule[v] = PackedStages.stay(stage, rule);
            }
            int current = PackedStages.stage(stageAndRule[visits - 1]);
            long evaluatedAt = at + step(in);
            return new TrackedCustomer(profile, current, between(in, 0, 9), evaluatedAt, entered, stageAndRule);
        };
    }

    private static long start(RandomnessSource in) {
        long day = 86_400 * SECOND;
        return switch (between(in, 0, 2)) {
            case 0 -> between(in, -20_000, 20_000) * day;
            case 1 -> between(in, -2_000_000, 2_000_000) * 1_000L * SECOND;
            default -> between(in, -2_000_000, 2_000_000) * 1_000L * SECOND + between(in, 1, 999_999_999);
        };
    }

    private static long step(RandomnessSource in) {
        return switch (between(in, 0, 3)) {
            case 0 -> 0;
            case 1 -> between(in, 0, 400) * 86_400L * SECOND;
            case 2 -> between(in, 0, 10_000_000) * SECOND;
            default -> between(in, 0, Integer.MAX_VALUE);
        };
    }
}
