package dev.lifecycle.core;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The one definition of a customer's packed record, which both the tracker's {@link CustomerStore} and a {@link
 * CustomerState}'s bytes ({@link CustomerStateCodec}) hold: the id's UTF-8 bytes, then variable-length integers ({@link
 * PackedBytes}), instants as offsets in whole days or seconds from the customer's first stay, amounts as unscaled
 * integers and currencies as indexes into a {@link Currencies} table that the record's owner keeps (one per store, one
 * per state).
 *
 * <pre>
 * ID CURRENT HIGHEST VISITS BASE_SECOND (STAGE RULE+1 ENTERED)* EVALUATED_AT PROFILE
 * </pre>
 *
 * <p>The id comes first and the stage indexes right after it, so that the store finds and compares ids and counts
 * stages without unpacking the rest. The packing is exact: an unpacked profile equals the one packed. Unpacking trusts
 * its reader: a {@link PackedBytes.Checked} reader bounds every value and count of bytes from outside, while the
 * store's own records are read without checks.
 */
final class CustomerRecords {
    private static final EventType[] TYPES = EventType.values();
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final int FIRST_SEEN = 1;
    private static final int LAST_ACTIVITY = 1 << 1;
    private static final int FIRST_ORDER = 1 << 2;
    private static final int TOTAL_SPEND = 1 << 3;
    private static final int REFUNDED = 1 << 4;
    private static final int LOYALTY = 1 << 5;
    private static final int EXTRAS = 1 << 6;

    /** The fewest bytes a stay takes: stage, rule and instant. */
    private static final int STAY_BYTES = 3;
    /** The fewest bytes a payment takes: instant, currency index and amount. */
    private static final int PAYMENT_BYTES = 3;
    /** The fewest bytes a custom event count takes: the name's length (an empty name) and the count. */
    private static final int CUSTOM_BYTES = 2;
    /** The fewest bytes an attribute takes: the name's length and the value's eight bytes. */
    private static final int ATTRIBUTE_BYTES = 9;

    private CustomerRecords() {}

    /**
     * The currencies of a store's or a state's records, each numbered once in the order first met; records hold their
     * numbers. Not thread-safe.
     */
    static final class Currencies {
        private final List<Currency> list = new ArrayList<>();
        private final Map<Currency, Integer> numbers = new HashMap<>();

        /** {@return the currency's number, numbering it if it is new} */
        int numberOf(Currency currency) {
            Integer number = numbers.get(currency);
            if (number == null) {
                number = list.size();
                list.add(currency);
                numbers.put(currency, number);
            }
            return number;
        }

        /**
         * Returns the currency of a number.
         *
         * @throws IllegalArgumentException if no currency has the number
         */
        Currency at(int number) {
            if (number >= list.size()) {
                throw new IllegalArgumentException(
                        "currency number " + number + " is not in the table of " + list.size() + " currencies");
            }
            return list.get(number);
        }

        /** {@return the currencies in number order} */
        List<Currency> all() {
            return list;
        }
    }

    // ---- the id and the stages, read in place

    /** {@return the length of the record's id in bytes} */
    static int idLength(byte[] record) {
        return (int) new PackedBytes.Reader(record, 0).unsigned();
    }

    /** {@return the position of the record's id} */
    static int idStart(byte[] record) {
        int i = 0;
        while (record[i] < 0) {
            i++;
        }
        return i + 1;
    }

    /** {@return the record's id} */
    static String id(byte[] record) {
        return new String(record, idStart(record), idLength(record), StandardCharsets.UTF_8);
    }

    /** Passes the record's current and furthest stage index. */
    static void stages(byte[] record, CustomerStore.StagePair action) {
        PackedBytes.Reader in = new PackedBytes.Reader(record, idStart(record) + idLength(record));
        int current = in.unsignedInt();
        int highest = in.unsignedInt();
        action.accept(current, highest);
    }

    // ---- packing

    /** Appends the customer's record to {@code out}, numbering its currencies in {@code currencies}. */
    static void pack(TrackedCustomer c, PackedBytes.Writer out, Currencies currencies) {
        out.string(c.profile.customerId);
        out.unsigned(c.current);
        out.unsigned(c.highest);
        out.unsigned(c.visits);
        long base = Math.floorDiv(c.entered[0], NANOS_PER_SECOND);
        out.second(base);
        long previous = base;
        for (int v = 0; v < c.visits; v++) {
            out.unsigned(c.stageOf(v));
            out.unsigned(c.ruleOf(v) + 1L);
            out.nanos(c.entered[v], previous);
            previous = Math.floorDiv(c.entered[v], NANOS_PER_SECOND);
        }
        out.nanos(c.evaluatedAt, previous);
        packProfile(c.profile, base, out, currencies);
    }

    /**
     * Reads a record from {@code in}: the id, or when {@code knownId} is given (the caller has just compared it), that
     * id without decoding it again.
     *
     * @throws IllegalArgumentException if a {@link PackedBytes.Checked} reader finds the bytes malformed, a stage or
     *     rule index does not fit a stay, a currency number is not in {@code currencies}, or a name repeats
     */
    static TrackedCustomer unpack(PackedBytes.Reader in, @Nullable String knownId, Currencies currencies) {
        String id;
        if (knownId != null) {
            in.skip(in.unsignedInt());
            id = knownId;
        } else {
            id = in.string();
        }
        int current = in.unsignedInt();
        int highest = in.unsignedInt();
        int visits = in.count(STAY_BYTES);
        long base = in.second();
        long[] entered = new long[visits];
        int[] stageAndRule = new int[visits];
        long previous = base;
        for (int v = 0; v < visits; v++) {
            int stage = in.unsignedInt();
            int rule = in.unsignedInt() - 1;
            stageAndRule[v] = PackedStages.stay(stage, rule);
            entered[v] = in.nanos(previous);
            previous = Math.floorDiv(entered[v], NANOS_PER_SECOND);
        }
        long evaluatedAt = in.nanos(previous);
        CustomerProfile profile = unpackProfile(id, base, in, currencies);
        return new TrackedCustomer(profile, current, highest, evaluatedAt, entered, stageAndRule);
    }

    private static void packProfile(CustomerProfile p, long base, PackedBytes.Writer out, Currencies currencies) {
        boolean extras = !p.customCounts.isEmpty() || !p.attributes.isEmpty();
        int flags = (p.firstSeen != null ? FIRST_SEEN : 0)
                | (p.lastActivity != null ? LAST_ACTIVITY : 0)
                | (p.firstOrderAt != null ? FIRST_ORDER : 0)
                | (p.totalSpend != null ? TOTAL_SPEND : 0)
                | (p.refunded != null ? REFUNDED : 0)
                | (p.loyaltyEnrolledAt != null ? LOYALTY : 0)
                | (extras ? EXTRAS : 0);
        out.unsigned(flags);
        long latestBase = p.lastActivity != null ? p.lastActivity.getEpochSecond() : base;
        if (p.firstSeen != null) {
            out.instant(p.firstSeen, base);
        }
        if (p.lastActivity != null) {
            out.instant(p.lastActivity, base);
        }
        if (p.firstOrderAt != null) {
            out.instant(p.firstOrderAt, base);
        }
        int countMask = 0;
        int lastAtMask = 0;
        for (int i = 0; i < TYPES.length; i++) {
            countMask |= p.counts[i] != 0 ? 1 << i : 0;
            lastAtMask |= p.lastAt[i] != null ? 1 << i : 0;
        }
        out.unsigned(countMask);
        out.unsigned(countMask ^ lastAtMask);
        for (int i = 0; i < TYPES.length; i++) {
            if (p.counts[i] != 0) {
                out.unsigned(p.counts[i]);
            }
            Instant last = p.lastAt[i];
            if (last != null) {
                out.instant(last, latestBase);
            }
        }
        if (p.totalSpend != null) {
            money(p.totalSpend, out, currencies);
        }
        if (p.refunded != null) {
            money(p.refunded, out, currencies);
        }
        out.unsigned(p.payments.size());
        long previous = base;
        for (CustomerProfile.Payment payment : p.payments) {
            out.instant(payment.at(), previous);
            previous = payment.at().getEpochSecond();
            money(payment.amount(), out, currencies);
        }
        // the order instants, each from the one before: in time order, so a few bytes each
        int orderCount = p.orders.size();
        out.unsigned(orderCount);
        previous = base;
        for (int i = 0; i < orderCount; i++) {
            long at = p.orders.nanosAt(i);
            out.nanos(at, previous);
            previous = Math.floorDiv(at, NANOS_PER_SECOND);
        }
        out.unsigned(p.lastNpsScore + 1L);
        if (p.loyaltyEnrolledAt != null) {
            out.instant(p.loyaltyEnrolledAt, base);
        }
        if (extras) {
            out.unsigned(p.customCounts.size());
            for (Map.Entry<String, Long> custom : p.customCounts.entrySet()) {
                out.string(custom.getKey());
                out.unsigned(custom.getValue());
            }
            out.unsigned(p.attributes.size());
            for (Map.Entry<String, Double> attribute : p.attributes.entrySet()) {
                out.string(attribute.getKey());
                out.doubleBits(attribute.getValue());
            }
        }
    }

    private static CustomerProfile unpackProfile(
            String customerId, long base, PackedBytes.Reader in, Currencies currencies) {
        int flags = in.unsignedInt();
        ProfileFacts f = new ProfileFacts(customerId);
        f.firstSeen = (flags & FIRST_SEEN) != 0 ? in.instant(base) : null;
        f.lastActivity = (flags & LAST_ACTIVITY) != 0 ? in.instant(base) : null;
        f.firstOrderAt = (flags & FIRST_ORDER) != 0 ? in.instant(base) : null;
        long latestBase = f.lastActivity != null ? f.lastActivity.getEpochSecond() : base;
        int countMask = in.unsignedInt();
        int lastAtMask = countMask ^ in.unsignedInt();
        for (int i = 0; i < TYPES.length; i++) {
            if ((countMask & (1 << i)) != 0) {
                f.counts[i] = in.unsigned();
            }
            if ((lastAtMask & (1 << i)) != 0) {
                f.lastAt[i] = in.instant(latestBase);
            }
        }
        f.totalSpend = (flags & TOTAL_SPEND) != 0 ? money(in, currencies) : null;
        f.refunded = (flags & REFUNDED) != 0 ? money(in, currencies) : null;
        int paymentCount = in.count(PAYMENT_BYTES);
        if (paymentCount > 0) {
            ImmutableList.Builder<CustomerProfile.Payment> list = ImmutableList.builderWithExpectedSize(paymentCount);
            long previous = base;
            for (int i = 0; i < paymentCount; i++) {
                Instant at = in.instant(previous);
                previous = at.getEpochSecond();
                list.add(new CustomerProfile.Payment(at, money(in, currencies)));
            }
            f.payments = list.build();
        }
        int orderCount = in.count(1);
        if (orderCount > 0) {
            long[] orders = new long[orderCount];
            long previous = base;
            for (int i = 0; i < orderCount; i++) {
                orders[i] = in.nanos(previous);
                previous = Math.floorDiv(orders[i], NANOS_PER_SECOND);
            }
            f.orders = OrderTimes.view(orders, orderCount);
        }
        f.lastNpsScore = in.unsignedInt() - 1;
        f.loyaltyEnrolledAt = (flags & LOYALTY) != 0 ? in.instant(base) : null;
        if ((flags & EXTRAS) != 0) {
            int customSize = in.count(CUSTOM_BYTES);
            ImmutableMap.Builder<String, Long> custom = ImmutableMap.builderWithExpectedSize(customSize);
            for (int i = 0; i < customSize; i++) {
                custom.put(in.string(), in.unsigned());
            }
            f.customCounts = custom.buildOrThrow();
            int attributeSize = in.count(ATTRIBUTE_BYTES);
            ImmutableMap.Builder<String, Double> named = ImmutableMap.builderWithExpectedSize(attributeSize);
            for (int i = 0; i < attributeSize; i++) {
                named.put(in.string(), in.doubleBits());
            }
            f.attributes = named.buildOrThrow();
        }
        return f.toProfile();
    }

    private static void money(Money money, PackedBytes.Writer out, Currencies currencies) {
        out.unsigned(currencies.numberOf(money.currency()));
        out.unscaled(money.amount());
    }

    private static Money money(PackedBytes.Reader in, Currencies currencies) {
        Currency currency = currencies.at(in.unsignedInt());
        BigDecimal amount = in.unscaled(Math.max(currency.getDefaultFractionDigits(), 0));
        return new Money(amount, currency);
    }
}
