package dev.lifecycle.core;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The tracker's customers, one packed byte array each, in an open-addressing hash table keyed by customer id.
 *
 * <p>A tracked customer is a profile, two stage indexes, an evaluation instant and a short history; as objects that is
 * several hundred bytes (arrays of sixteen counts and instants, boxed instants and amounts, a map entry). Packed, the
 * same state takes about a hundred bytes: the id's UTF-8 bytes, then variable-length integers, instants as offsets in
 * whole days or seconds from the customer's first stay, amounts as unscaled integers and currencies as indexes into
 * one table shared by the store's records ({@link CustomerRecords} defines the record). Reading a customer unpacks it
 * into a {@link TrackedCustomer}; writing packs it again. The packing is exact: an unpacked profile equals the one
 * packed.
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
    /** Records packed beyond this length are kept unpacked; see the class doc. */
    static final int MAX_PACKED_BYTES = 1024;

    /** Each slot is empty, a packed record ({@code byte[]}) or an {@link Unpacked} customer. */
    private @Nullable Object[] table = new Object[16];

    private int size;
    private final CustomerRecords.Currencies currencies = new CustomerRecords.Currencies();
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
        Object entry = table[find(customerId)];
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
        int start = CustomerRecords.idStart(record);
        return new Unpacked(Arrays.copyOfRange(record, start, start + CustomerRecords.idLength(record)), customer);
    }

    // ---- the fast path: records read into a FactRow and written back, no objects

    /** {@link #readRow} found no customer of the id. */
    static final int ABSENT = 0;
    /** {@link #readRow} read the customer's record into the row. */
    static final int RECORD = 1;
    /** {@link #readRow} found the customer kept unpacked: use {@link #get} and {@link #put}. */
    static final int UNPACKED = 2;

    /** The slot of the last {@link #readRow}, where {@link #writeRow} writes. */
    private int rowSlot = -1;

    /** {@return the table the records' currency numbers refer to} */
    CustomerRecords.Currencies currencies() {
        return currencies;
    }

    /**
     * Finds a customer for the fast path and reads their packed record into {@code row}. Returns {@link #RECORD},
     * {@link #ABSENT} or {@link #UNPACKED}; after {@link #RECORD} or {@link #ABSENT}, {@link #writeRow} stores the row
     * as the customer, provided the store was not changed in between.
     */
    int readRow(String customerId, FactRow row) {
        int slot = find(customerId);
        rowSlot = slot;
        Object entry = table[slot];
        if (entry == null) {
            return ABSENT;
        }
        if (entry instanceof Unpacked) {
            return UNPACKED;
        }
        row.read((byte[]) entry, customerId, currencies);
        return RECORD;
    }

    /** Stores the row as the customer {@link #readRow} looked up last. */
    void writeRow(FactRow row) {
        int slot = rowSlot;
        Object entry = table[slot];
        table[slot] = stored(row);
        if (entry == null && ++size * 4 > table.length * 3) {
            grow();
        }
    }

    /**
     * The row packed, or unpacked when the record is longer than {@value #MAX_PACKED_BYTES} bytes; the record read
     * itself, its fixed facts written again, when the row keeps its shape.
     */
    private Object stored(FactRow row) {
        // the record read, which this store holds, takes the new facts in place when it can
        byte[] record = row.written(true);
        if (record.length <= MAX_PACKED_BYTES) {
            return record;
        }
        int start = CustomerRecords.idStart(record);
        return new Unpacked(
                Arrays.copyOfRange(record, start, start + CustomerRecords.idLength(record)),
                unpack(record, row.customerId));
    }

    /**
     * Lets {@code update} change every customer kept unpacked and, when {@code row} is null, every customer held as a
     * record, unpacked for it and packed again; otherwise {@code rowUpdate} changes those, read into {@code row} and
     * written back without objects.
     */
    void updateAll(@Nullable FactRow row, @Nullable Consumer<FactRow> rowUpdate, Consumer<TrackedCustomer> update) {
        @Nullable Object[] slots = table;
        for (int i = 0; i < slots.length; i++) {
            Object entry = slots[i];
            if (entry instanceof Unpacked unpacked) {
                update.accept(unpacked.customer);
            } else if (entry != null && row != null && rowUpdate != null) {
                row.read((byte[]) entry, null, currencies);
                try {
                    rowUpdate.accept(row);
                } finally {
                    slots[i] = stored(row);
                }
            } else if (entry != null) {
                TrackedCustomer customer = unpack((byte[]) entry, null);
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
                CustomerRecords.stages((byte[]) entry, action);
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
                ids.add(CustomerRecords.id((byte[]) entry));
            }
        }
        return ids;
    }

    /**
     * A customer kept as the tracker's object, with the UTF-8 bytes of their id for the table. A class, not a record:
     * slots are matched by comparing the key arrays' contents, never by an equals that would compare array identity.
     */
    private static final class Unpacked {
        final byte[] key;
        final TrackedCustomer customer;

        Unpacked(byte[] key, TrackedCustomer customer) {
            this.key = key;
            this.customer = customer;
        }
    }

    /** Receives a customer's current and furthest stage index. */
    @FunctionalInterface
    interface StagePair {
        void accept(int current, int highest);
    }

    // ---- the table

    /**
     * The slot of an id given as text: of the customer, or the free slot for them. An ASCII id (its UTF-8 bytes are its
     * characters) is hashed and compared as it is, with no array made for its bytes; any other is encoded first.
     */
    private int find(String id) {
        int n = id.length();
        int h = 0;
        for (int i = 0; i < n; i++) {
            char c = id.charAt(i);
            if (c >= 0x80) {
                byte[] key = id.getBytes(StandardCharsets.UTF_8);
                return find(key, hash(key, 0, key.length));
            }
            h = 31 * h + (byte) c;
        }
        int mask = table.length - 1;
        int slot = mix(h) & mask;
        while (true) {
            Object entry = table[slot];
            if (entry == null || sameAsciiId(entry, id)) {
                return slot;
            }
            slot = (slot + 1) & mask;
        }
    }

    private static boolean sameAsciiId(Object entry, String id) {
        byte[] bytes;
        int start;
        int length;
        if (entry instanceof Unpacked unpacked) {
            bytes = unpacked.key;
            start = 0;
            length = bytes.length;
        } else {
            bytes = (byte[]) entry;
            start = CustomerRecords.idStart(bytes);
            length = CustomerRecords.idLength(bytes);
        }
        if (length != id.length()) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (bytes[start + i] != (byte) id.charAt(i)) {
                return false;
            }
        }
        return true;
    }

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
        int start = CustomerRecords.idStart(record);
        return hash(record, start, start + CustomerRecords.idLength(record));
    }

    private static boolean sameId(Object entry, byte[] key) {
        if (entry instanceof Unpacked unpacked) {
            return Arrays.equals(unpacked.key, key);
        }
        byte[] record = (byte[]) entry;
        int start = CustomerRecords.idStart(record);
        return CustomerRecords.idLength(record) == key.length
                && Arrays.equals(record, start, start + key.length, key, 0, key.length);
    }

    private static int hash(byte[] bytes, int from, int to) {
        int h = 0;
        for (int i = from; i < to; i++) {
            h = 31 * h + bytes[i];
        }
        return mix(h);
    }

    /** MurmurHash3's finaliser, so that ids differing in their last characters spread over the whole table. */
    private static int mix(int hash) {
        int h = hash;
        h ^= h >>> 16;
        h *= 0x85EBCA6B;
        h ^= h >>> 13;
        h *= 0xC2B2AE35;
        return h ^ (h >>> 16);
    }

    // ---- packing: the record's layout is CustomerRecords'

    private byte[] pack(TrackedCustomer c) {
        PackedBytes.Writer out = writer;
        out.reset();
        CustomerRecords.pack(c, out, currencies);
        return out.toArray();
    }

    private TrackedCustomer unpack(byte[] record, @Nullable String knownId) {
        return CustomerRecords.unpack(new PackedBytes.Reader(record, 0), knownId, currencies);
    }
}
