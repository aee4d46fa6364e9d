package dev.lifecycle.core;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The one definition of a customer's packed record, which both the tracker's {@link CustomerStore} and a {@link
 * CustomerState}'s bytes ({@link CustomerStateCodec}) hold: the id's UTF-8 bytes, the header, then the lists in
 * variable-length integers ({@link PackedBytes}), instants as offsets in whole days or seconds from the customer's first
 * stay, amounts as unscaled integers and currencies as indexes into a {@link Currencies} table that the record's owner
 * keeps (one per store, one per state).
 *
 * <pre>
 * ID HEADER (STAGE RULE+1 ENTERED)* ORDERS (AT)* PAYMENTS (AT CURRENCY AMOUNT)* [EXTRAS]
 * </pre>
 *
 * <p>The header ({@link FactRow#readHeader}, {@link FactRow#writeHeader}: its one definition) holds the stages and
 * every fact of the profile that has a fixed width (counts, latest instants, totals) at fixed widths, ending with the
 * number of stays. So the tracker's fast path reads those facts into primitives, and an event that appends to no list
 * writes them again in place; an event that does copies the lists as they are and appends the entry. Both write the
 * same bytes as packing the customer's objects.
 *
 * <p>The id comes first and the stage indexes at the start of the header, so that the store finds and compares ids and
 * counts stages without unpacking the rest. The packing is exact: an unpacked profile equals the one packed. Unpacking
 * trusts its reader: a {@link PackedBytes.Checked} reader bounds every value and count of bytes from outside, while the
 * store's own records are read without checks.
 */
final class CustomerRecords {
    private static final EventType[] TYPES = EventType.values();
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    /** The fewest bytes a stay takes: stage, rule and instant. */
    static final int STAY_BYTES = 3;
    /** The fewest bytes a payment takes: instant, currency index and amount. */
    private static final int PAYMENT_BYTES = 3;
    /** The fewest bytes a custom event count takes: the name's length (an empty name) and the count. */
    private static final int CUSTOM_BYTES = 2;
    /** The fewest bytes an attribute takes: the name's length and the value's eight bytes. */
    private static final int ATTRIBUTE_BYTES = 9;

    private CustomerRecords() {}

    /**
     * The currencies of a store's or a state's records, each numbered once in the order first met; records hold their
     * numbers. Thread-safe: the table of every step's states ({@link #SHARED}) is used by many threads; looking a
     * number up takes no lock, numbering a new currency does.
     */
    static final class Currencies {
        /** The table of the records inside {@link CustomerState}s, shared by every step of this JVM. */
        static final Currencies SHARED = new Currencies();

        private final java.util.concurrent.ConcurrentHashMap<Currency, Integer> numbers =
                new java.util.concurrent.ConcurrentHashMap<>();
        /** The currencies by number; replaced whole when one is added, before its number is handed out. */
        private volatile Currency[] list = new Currency[0];

        /** {@return the currency's number, numbering it if it is new} */
        int numberOf(Currency currency) {
            Integer number = numbers.get(currency);
            if (number != null) {
                return number;
            }
            synchronized (this) {
                number = numbers.get(currency);
                if (number == null) {
                    Currency[] old = list;
                    Currency[] grown = java.util.Arrays.copyOf(old, old.length + 1);
                    grown[old.length] = currency;
                    list = grown;
                    number = old.length;
                    numbers.put(currency, number);
                }
                return number;
            }
        }

        /**
         * Returns the currency of a number.
         *
         * @throws IllegalArgumentException if no currency has the number
         */
        Currency at(int number) {
            Currency[] all = list;
            if (number < 0 || number >= all.length) {
                throw new IllegalArgumentException(
                        "currency number " + number + " is not in the table of " + all.length + " currencies");
            }
            return all[number];
        }

        /** {@return the currencies in number order} */
        List<Currency> all() {
            return List.of(list);
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

    /** Whether the record is of the customer with this id, compared without decoding the record's id when ASCII. */
    static boolean hasId(byte[] record, String id) {
        int start = idStart(record);
        int length = idLength(record);
        if (length == id.length()) {
            boolean ascii = true;
            for (int i = 0; i < length && ascii; i++) {
                char c = id.charAt(i);
                if (c >= 0x80) {
                    ascii = false;
                } else if (record[start + i] != (byte) c) {
                    return false;
                }
            }
            if (ascii) {
                return true;
            }
        }
        return id(record).equals(id);
    }

    /** {@return the record's id} */
    static String id(byte[] record) {
        return new String(record, idStart(record), idLength(record), StandardCharsets.UTF_8);
    }

    /** Passes the record's current and furthest stage index. */
    static void stages(byte[] record, CustomerStore.StagePair action) {
        FactRow.stages(record, idStart(record) + idLength(record), action);
    }

    // ---- packing

    /** Appends the customer's record to {@code out}, numbering its currencies in {@code currencies}. */
    static void pack(TrackedCustomer c, PackedBytes.Writer out, Currencies currencies) {
        CustomerProfile p = c.profile;
        FactRow row = new FactRow();
        out.string(p.customerId);
        long base = Math.floorDiv(c.entered[0], NANOS_PER_SECOND);
        row.current = c.current;
        row.highest = c.highest;
        row.base = base;
        row.evaluatedAt = c.evaluatedAt;
        row.firstSeen = nanosOrNone(p.firstSeen);
        row.lastActivity = nanosOrNone(p.lastActivity);
        row.firstOrder = nanosOrNone(p.firstOrderAt);
        row.loyalty = nanosOrNone(p.loyaltyEnrolledAt);
        for (int t = 0; t < TYPES.length; t++) {
            row.counts[t] = p.counts[t];
            row.lastAt[t] = nanosOrNone(p.lastAt[t]);
        }
        row.lastNps = p.lastNpsScore;
        row.spendCurrency = -1;
        row.refundCurrency = -1;
        if (p.totalSpend != null) {
            row.spendCurrency = currencies.numberOf(p.totalSpend.currency());
            row.bigSpend = p.totalSpend.amount().unscaledValue();
        }
        if (p.refunded != null) {
            row.refundCurrency = currencies.numberOf(p.refunded.currency());
            row.bigRefund = p.refunded.amount().unscaledValue();
        }
        row.extras = !p.customCounts.isEmpty() || !p.attributes.isEmpty();
        row.writeHeader(out, c.visits);
        for (int v = 0; v < c.visits; v++) {
            FactRow.writeStay(out, c.stageOf(v), c.ruleOf(v), c.entered[v], base);
        }
        int orderCount = p.orders.size();
        out.unsigned(orderCount);
        for (int i = 0; i < orderCount; i++) {
            out.nanos(p.orders.nanosAt(i), base);
        }
        out.unsigned(p.payments.size());
        for (CustomerProfile.Payment payment : p.payments) {
            out.instant(payment.at(), base);
            out.unsigned(currencies.numberOf(payment.amount().currency()));
            out.unscaled(payment.amount().amount());
        }
        if (row.extras) {
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

    private static long nanosOrNone(@Nullable Instant at) {
        return at == null ? FactRow.NONE : TrackerTime.toNanosOfSupported(at);
    }

    private static @Nullable Instant instantOrNull(long nanos) {
        return nanos == FactRow.NONE ? null : TrackerTime.toInstant(nanos);
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
        FactRow row = new FactRow();
        row.readHeader(in);
        long base = row.base;
        int visits = row.visits;
        long[] entered = new long[visits];
        int[] stageAndRule = new int[visits];
        for (int v = 0; v < visits; v++) {
            int stage = in.unsignedInt();
            int rule = in.unsignedInt() - 1;
            stageAndRule[v] = PackedStages.stay(stage, rule);
            entered[v] = in.nanos(base);
        }
        ProfileFacts f = new ProfileFacts(id);
        f.firstSeen = instantOrNull(row.firstSeen);
        f.lastActivity = instantOrNull(row.lastActivity);
        f.firstOrderAt = instantOrNull(row.firstOrder);
        f.loyaltyEnrolledAt = instantOrNull(row.loyalty);
        for (int t = 0; t < TYPES.length; t++) {
            f.counts[t] = row.counts[t];
            f.lastAt[t] = instantOrNull(row.lastAt[t]);
        }
        f.lastNpsScore = row.lastNps;
        f.totalSpend = row.spendCurrency < 0 ? null : money(row.spendCurrency, row.bigSpend, row.spend, currencies);
        f.refunded = row.refundCurrency < 0 ? null : money(row.refundCurrency, row.bigRefund, row.refund, currencies);
        int orderCount = in.count(1);
        if (orderCount > 0) {
            long[] orders = new long[orderCount];
            for (int i = 0; i < orderCount; i++) {
                orders[i] = in.nanos(base);
            }
            f.orders = OrderTimes.view(orders, orderCount);
        }
        int paymentCount = in.count(PAYMENT_BYTES);
        if (paymentCount > 0) {
            ImmutableList.Builder<CustomerProfile.Payment> list = ImmutableList.builderWithExpectedSize(paymentCount);
            for (int i = 0; i < paymentCount; i++) {
                Instant at = in.instant(base);
                Currency currency = currencies.at(in.unsignedInt());
                BigDecimal amount = in.unscaled(scale(currency));
                list.add(new CustomerProfile.Payment(at, new Money(amount, currency)));
            }
            f.payments = list.build();
        }
        if (row.extras) {
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
        return new TrackedCustomer(f.toProfile(), row.current, row.highest, row.evaluatedAt, entered, stageAndRule);
    }

    /** The amount of a currency number, in minor units given small or large, as a {@link Money}. */
    static Money money(int number, java.math.@Nullable BigInteger big, long small, Currencies currencies) {
        Currency currency = currencies.at(number);
        int scale = scale(currency);
        return new Money(big != null ? new BigDecimal(big, scale) : BigDecimal.valueOf(small, scale), currency);
    }

    private static int scale(Currency currency) {
        return Math.max(currency.getDefaultFractionDigits(), 0);
    }
}
