package dev.lifecycle.core;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The tracker's customers, one packed byte array each, in an open-addressing hash table keyed by customer id.
 *
 * <p>A tracked customer is a profile, two stage indexes, an evaluation instant and a short history; as objects that is
 * several hundred bytes (arrays of sixteen counts and instants, boxed instants and amounts, a map entry). Packed, the
 * same state takes about a hundred bytes: the id's UTF-8 bytes, then variable-length integers, instants as offsets in
 * whole days or seconds from the customer's first stay, amounts as unscaled integers and currencies as indexes into
 * one shared table. Reading a customer unpacks it into a {@link TrackedCustomer}; writing packs it again. The
 * packing is exact: an unpacked profile equals the one packed.
 *
 * <p>A customer whose packed record outgrows {@value #MAX_PACKED_BYTES} bytes (a long history: hundreds of payments
 * or stays) is kept unpacked instead, as the tracker's own object, because packing and unpacking cost as much as the
 * record is long and would make every event of that customer cost more than the one before. Unpacked customers take
 * more memory per payment, but their events cost the same whatever the history's length; they are the few customers
 * with long histories, so the many short ones keep the packed form.
 *
 * <p>Not thread-safe: the tracker uses it under its lock.
 */
final class CustomerStore {
    private static final EventType[] TYPES = EventType.values();
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final int FIRST_SEEN = 1;
    private static final int LAST_ACTIVITY = 1 << 1;
    private static final int FIRST_ORDER = 1 << 2;
    private static final int TOTAL_SPEND = 1 << 3;
    private static final int REFUNDED = 1 << 4;
    private static final int LOYALTY = 1 << 5;
    private static final int EXTRAS = 1 << 6;

    /** Records packed beyond this length are kept unpacked; see the class doc. */
    static final int MAX_PACKED_BYTES = 1024;

    /** Each slot is empty, a packed record ({@code byte[]}) or an {@link Unpacked} customer. */
    private @Nullable Object[] table = new Object[16];

    private int size;
    private final List<Currency> currencies = new ArrayList<>();
    private final Map<Currency, Integer> currencyIndex = new HashMap<>();
    private final PackedBytes.Writer writer = new PackedBytes.Writer(256);

    int size() {
        return size;
    }

    /**
     * Returns the customer, or null if the store does not hold them. A packed customer is unpacked into a new object;
     * an unpacked one is returned as stored, so a caller that changes it must {@link #put} it back (the tracker always
     * does) and a caller that only reads must not change it.
     */
    @Nullable
    TrackedCustomer get(String customerId) {
        byte[] key = customerId.getBytes(StandardCharsets.UTF_8);
        Object entry = table[find(key, hash(key, 0, key.length))];
        if (entry instanceof Unpacked unpacked) {
            return unpacked.customer;
        }
        return entry == null ? null : unpack((byte[]) entry, customerId);
    }

    /** Stores the customer, replacing what the store held for the same id. */
    void put(TrackedCustomer customer) {
        byte[] key = customer.profile.customerId.getBytes(StandardCharsets.UTF_8);
        int slot = find(key, hash(key, 0, key.length));
        Object entry = table[slot];
        if (entry instanceof Unpacked) {
            // Once long, a history only grows: packing it again would cost as much as it is long.
            table[slot] = new Unpacked(key, customer);
            return;
        }
        table[slot] = stored(customer);
        if (entry == null && ++size * 4 > table.length * 3) {
            grow();
        }
    }

    /** The customer packed, or kept unpacked when the record is longer than {@value #MAX_PACKED_BYTES} bytes. */
    private Object stored(TrackedCustomer customer) {
        byte[] record = pack(customer);
        if (record.length <= MAX_PACKED_BYTES) {
            return record;
        }
        int start = idStart(record);
        return new Unpacked(Arrays.copyOfRange(record, start, start + idLength(record)), customer);
    }

    /** Unpacks every customer, lets {@code update} change them, and stores them again. */
    void updateAll(Consumer<TrackedCustomer> update) {
        @Nullable Object[] slots = table;
        for (int i = 0; i < slots.length; i++) {
            Object entry = slots[i];
            if (entry instanceof Unpacked unpacked) {
                update.accept(unpacked.customer);
            } else if (entry != null) {
                byte[] record = (byte[]) entry;
                TrackedCustomer customer = unpack(record, null);
                try {
                    update.accept(customer);
                } finally {
                    slots[i] = stored(customer);
                }
            }
        }
    }

    /** Passes every customer in turn, for reading only: the action must not change them. */
    void forEach(Consumer<TrackedCustomer> action) {
        for (Object entry : table) {
            if (entry instanceof Unpacked unpacked) {
                action.accept(unpacked.customer);
            } else if (entry != null) {
                action.accept(unpack((byte[]) entry, null));
            }
        }
    }

    /** Passes each customer's current and furthest stage index, without unpacking the rest. */
    void forEachStages(StagePair action) {
        for (Object entry : table) {
            if (entry instanceof Unpacked unpacked) {
                action.accept(unpacked.customer.current, unpacked.customer.highest);
            } else if (entry != null) {
                byte[] record = (byte[]) entry;
                PackedBytes.Reader in = new PackedBytes.Reader(record, idStart(record) + idLength(record));
                int current = in.unsignedInt();
                int highest = in.unsignedInt();
                action.accept(current, highest);
            }
        }
    }

    /** Returns every customer's id. */
    List<String> ids() {
        List<String> ids = new ArrayList<>(size);
        for (Object entry : table) {
            if (entry instanceof Unpacked unpacked) {
                ids.add(unpacked.customer.profile.customerId);
            } else if (entry != null) {
                byte[] record = (byte[]) entry;
                ids.add(new String(record, idStart(record), idLength(record), StandardCharsets.UTF_8));
            }
        }
        return ids;
    }

    /** A customer kept as the tracker's object, with the UTF-8 bytes of their id for the table. */
    private record Unpacked(byte[] key, TrackedCustomer customer) {}

    /** Receives a customer's current and furthest stage index. */
    @FunctionalInterface
    interface StagePair {
        void accept(int current, int highest);
    }

    // ---- the table

    private int find(byte[] key, int hash) {
        int mask = table.length - 1;
        int slot = hash & mask;
        while (true) {
            Object entry = table[slot];
            if (entry == null || sameId(entry, key)) {
                return slot;
            }
            slot = (slot + 1) & mask;
        }
    }

    private void grow() {
        @Nullable Object[] old = table;
        table = new Object[old.length * 2];
        int mask = table.length - 1;
        for (Object entry : old) {
            if (entry != null) {
                int slot = hashOf(entry) & mask;
                while (table[slot] != null) {
                    slot = (slot + 1) & mask;
                }
                table[slot] = entry;
            }
        }
    }

    private static int hashOf(Object entry) {
        if (entry instanceof Unpacked unpacked) {
            return hash(unpacked.key, 0, unpacked.key.length);
        }
        byte[] record = (byte[]) entry;
        int start = idStart(record);
        return hash(record, start, start + idLength(record));
    }

    private static boolean sameId(Object entry, byte[] key) {
        if (entry instanceof Unpacked unpacked) {
            return Arrays.equals(unpacked.key, key);
        }
        byte[] record = (byte[]) entry;
        int start = idStart(record);
        return idLength(record) == key.length && Arrays.equals(record, start, start + key.length, key, 0, key.length);
    }

    private static int hash(byte[] bytes, int from, int to) {
        int h = 0;
        for (int i = from; i < to; i++) {
            h = 31 * h + bytes[i];
        }
        // MurmurHash3's finaliser, so that ids differing in their last characters spread over the whole table.
        h ^= h >>> 16;
        h *= 0x85EBCA6B;
        h ^= h >>> 13;
        h *= 0xC2B2AE35;
        return h ^ (h >>> 16);
    }

    /** The id's length comes first, as an unsigned variable-length integer. */
    private static int idLength(byte[] record) {
        return (int) new PackedBytes.Reader(record, 0).unsigned();
    }

    private static int idStart(byte[] record) {
        int i = 0;
        while (record[i] < 0) {
            i++;
        }
        return i + 1;
    }

    // ---- packing

    private byte[] pack(TrackedCustomer c) {
        PackedBytes.Writer out = writer;
        out.reset();
        out.string(c.profile.customerId);
        out.unsigned(c.current);
        out.unsigned(c.highest);
        out.unsigned(c.visits);
        long base = Math.floorDiv(c.entered[0], NANOS_PER_SECOND);
        out.signed(base);
        long previous = base;
        for (int v = 0; v < c.visits; v++) {
            out.unsigned(c.stageOf(v));
            out.unsigned(c.ruleOf(v) + 1L);
            out.nanos(c.entered[v], previous);
            previous = Math.floorDiv(c.entered[v], NANOS_PER_SECOND);
        }
        out.nanos(c.evaluatedAt, previous);
        packProfile(c.profile, base, out);
        return out.toArray();
    }

    private TrackedCustomer unpack(byte[] record, @Nullable String knownId) {
        PackedBytes.Reader in = new PackedBytes.Reader(record, 0);
        String id;
        if (knownId != null) {
            in.skip(in.unsignedInt());
            id = knownId;
        } else {
            id = in.string();
        }
        int current = in.unsignedInt();
        int highest = in.unsignedInt();
        int visits = in.unsignedInt();
        long base = in.signed();
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
        CustomerProfile profile = unpackProfile(id, base, in);
        return new TrackedCustomer(profile, current, highest, evaluatedAt, entered, stageAndRule);
    }

    private void packProfile(CustomerProfile p, long base, PackedBytes.Writer out) {
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
            money(p.totalSpend, out);
        }
        if (p.refunded != null) {
            money(p.refunded, out);
        }
        out.unsigned(p.payments.size());
        long previous = base;
        for (CustomerProfile.Payment payment : p.payments) {
            out.instant(payment.at(), previous);
            previous = payment.at().getEpochSecond();
            money(payment.amount(), out);
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

    private CustomerProfile unpackProfile(String customerId, long base, PackedBytes.Reader in) {
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
        f.totalSpend = (flags & TOTAL_SPEND) != 0 ? money(in) : null;
        f.refunded = (flags & REFUNDED) != 0 ? money(in) : null;
        int paymentCount = in.unsignedInt();
        if (paymentCount > 0) {
            ImmutableList.Builder<CustomerProfile.Payment> list = ImmutableList.builderWithExpectedSize(paymentCount);
            long previous = base;
            for (int i = 0; i < paymentCount; i++) {
                Instant at = in.instant(previous);
                previous = at.getEpochSecond();
                list.add(new CustomerProfile.Payment(at, money(in)));
            }
            f.payments = list.build();
        }
        int orderCount = in.unsignedInt();
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
            int customSize = in.unsignedInt();
            ImmutableMap.Builder<String, Long> custom = ImmutableMap.builderWithExpectedSize(customSize);
            for (int i = 0; i < customSize; i++) {
                custom.put(in.string(), in.unsigned());
            }
            f.customCounts = custom.buildOrThrow();
            int attributeSize = in.unsignedInt();
            ImmutableMap.Builder<String, Double> named = ImmutableMap.builderWithExpectedSize(attributeSize);
            for (int i = 0; i < attributeSize; i++) {
                named.put(in.string(), in.doubleBits());
            }
            f.attributes = named.buildOrThrow();
        }
        return f.toProfile();
    }

    private void money(Money money, PackedBytes.Writer out) {
        Integer index = currencyIndex.get(money.currency());
        if (index == null) {
            index = currencies.size();
            currencies.add(money.currency());
            currencyIndex.put(money.currency(), index);
        }
        out.unsigned(index);
        out.unscaled(money.amount());
    }

    private Money money(PackedBytes.Reader in) {
        Currency currency = currencies.get(in.unsignedInt());
        BigDecimal amount = in.unscaled(Math.max(currency.getDefaultFractionDigits(), 0));
        return new Money(amount, currency);
    }
}
