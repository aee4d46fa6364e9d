package dev.lifecycle.benchmarks;

import dev.lifecycle.core.CustomerEvent;
import dev.lifecycle.core.CustomerProfile;
import dev.lifecycle.core.EventType;
import dev.lifecycle.core.LifecycleClassifier;
import dev.lifecycle.core.Money;
import dev.lifecycle.core.Templates;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.IntFunction;

/**
 * The long history of workload 3: a deterministic log of {@code n} events in time order over the {@value #YEARS} years
 * before {@link SyntheticLog#AS_OF}, in sessions as a shopper makes them: a site visit, one to three product views, in
 * 40% of sessions a cart addition, and in three quarters of those a purchase with an amount drawn from CDNOW's order
 * amounts; 2% of sessions end with a referral, and the history opens with a sign-up. The session structure is drawn
 * first and cut at {@code n} events; the events then take {@code n} uniformly drawn seconds of the span in sorted
 * order, so a session's events keep their order and the history is in time order.
 *
 * <p>The same events serve two logs that differ only in their customer ids: {@link #oneCustomer()}, every event of one
 * customer, and {@link #oneEventEach()}, every event a customer of its own. Immutable.
 */
final class OneCustomerLog {
    /** The events of the benchmarked history. */
    static final int EVENTS = 100_000;

    /** The span of the history, in years of 365 days before {@link SyntheticLog#AS_OF}. */
    static final int YEARS = 3;

    /** The customer of {@link #oneCustomer()}. */
    static final String CUSTOMER = "one";

    private static final EventType[] TYPES = EventType.values();

    private final byte[] type;
    private final long[] epochSecond;
    /** Amount in cents for purchases, -1 for other events. */
    private final int[] amountCents;

    private OneCustomerLog(byte[] type, long[] epochSecond, int[] amountCents) {
        this.type = type;
        this.epochSecond = epochSecond;
        this.amountCents = amountCents;
    }

    /**
     * Generates a history of {@code events} events from a seed.
     *
     * @param events how many events, at least 1
     * @param seed the seed; the same seed and count give the same events
     * @return the history
     * @throws IllegalArgumentException if {@code events} is less than 1
     */
    static OneCustomerLog generate(int events, long seed) {
        if (events < 1) {
            throw new IllegalArgumentException("events must be at least 1 but was " + events);
        }
        SplittableRandom random = new SplittableRandom(seed);
        int[] amounts = CdnowShape.bundled().amountCents();
        byte[] type = new byte[events];
        int[] amountCents = new int[events];
        Arrays.fill(amountCents, -1);
        int n = 0;
        type[n++] = (byte) EventType.SIGN_UP.ordinal();
        while (n < events) {
            type[n++] = (byte) EventType.SITE_VISIT.ordinal();
            int views = 1 + random.nextInt(3);
            for (int v = 0; v < views && n < events; v++) {
                type[n++] = (byte) EventType.PRODUCT_VIEW.ordinal();
            }
            if (n < events && random.nextInt(100) < 40) {
                type[n++] = (byte) EventType.CART_ADD.ordinal();
                if (n < events && random.nextInt(4) < 3) {
                    amountCents[n] = amounts[random.nextInt(amounts.length)];
                    type[n++] = (byte) EventType.PURCHASE.ordinal();
                }
            }
            if (n < events && random.nextInt(100) < 2) {
                type[n++] = (byte) EventType.REFERRAL.ordinal();
            }
        }
        long end = SyntheticLog.AS_OF.getEpochSecond();
        long span = Duration.ofDays(365L * YEARS).toSeconds();
        long[] epochSecond = new long[events];
        for (int i = 0; i < events; i++) {
            epochSecond[i] = end - span + random.nextLong(span);
        }
        Arrays.sort(epochSecond);
        return new OneCustomerLog(type, epochSecond, amountCents);
    }

    /** {@return every event as an event of customer {@value #CUSTOMER}, in time order} */
    List<CustomerEvent> oneCustomer() {
        return events(i -> CUSTOMER);
    }

    /** {@return every event as the one event of its own customer ({@code "c" + i} for event i), in time order} */
    List<CustomerEvent> oneEventEach() {
        return events(SyntheticLog::customerId);
    }

    /** Builds the events in time order, event {@code i} with id {@code "e" + i} and the given customer. */
    private List<CustomerEvent> events(IntFunction<String> customerOf) {
        List<CustomerEvent> events = new ArrayList<>(type.length);
        for (int i = 0; i < type.length; i++) {
            EventType t = TYPES[type[i]];
            CustomerEvent.Builder event = CustomerEvent.builder(
                            customerOf.apply(i), t, Instant.ofEpochSecond(epochSecond[i]))
                    .eventId("e" + i);
            if (t == EventType.PURCHASE) {
                event.amount(new Money(BigDecimal.valueOf(amountCents[i], 2), SyntheticLog.USD));
            }
            events.add(event.build());
        }
        return List.copyOf(events);
    }

    /**
     * Returns the library's five-stage answer for a log: each customer's events folded with {@code fromEvents} and the
     * profiles classified at {@link SyntheticLog#AS_OF}, written as {@link Canonical#counts}.
     *
     * @param events the log
     * @return the customers per stage
     */
    static String expectedCounts(List<CustomerEvent> events) {
        Map<String, List<CustomerEvent>> byCustomer = new LinkedHashMap<>();
        for (CustomerEvent event : events) {
            byCustomer
                    .computeIfAbsent(event.customerId(), id -> new ArrayList<>())
                    .add(event);
        }
        List<CustomerProfile> profiles = new ArrayList<>(byCustomer.size());
        byCustomer.forEach((id, own) -> profiles.add(CustomerProfile.fromEvents(id, own)));
        return Canonical.counts(LifecycleClassifier.of(Templates.fiveStage())
                .classifyAll(profiles, SyntheticLog.AS_OF)
                .counts());
    }
}
