package dev.lifecycle.core;

import java.util.Arrays;

/**
 * Customer ids numbered 0, 1, 2, ... in the order they are first seen: the one map from an id to its number, behind a
 * {@link ProfileTable}'s rows and an {@link EventBatch}'s customer codes. An id is looked up as a {@code String} or, as
 * a reader of a file has it, as Latin-1 bytes (ISO-8859-1, of which ASCII is part): the same id either way, and a byte
 * id met before costs no {@code String}. Not thread-safe.
 *
 * <p>Open addressing over one array of two longs per slot, so that a lookup usually touches one cache line: the id's
 * hash ({@link String#hashCode()}, which bytes give as well) with its number, and its "head", its length with its
 * first seven characters. An id of up to seven Latin-1 characters is found by its head alone; a longer one is compared
 * with the id kept by its number. The ids themselves are kept by number,
 * in the order they came.
 */
final class CustomerIndex {
    private static final int INLINE = 7;
    /** Set in the head of an id with a character beyond Latin-1, which no id of bytes can equal. */
    private static final long WIDE = 1L << 63;

    /** Per slot {@code s}: at {@code 2s} the hash in the upper half and the number plus one (0: empty), then the head. */
    private long[] slots;

    private int mask;
    private String[] ids;
    private int size;
    /** The sum of the slots read ahead by {@link #numbersOrAdd}: kept so that the compiler keeps the reads. */
    @SuppressWarnings("unused")
    private long touched;

    private int[] hashes = new int[0];

    CustomerIndex(int expected) {
        int count = Integer.highestOneBit(Math.max(16, Math.min(1 << 28, 2 * Math.max(expected, 1))) - 1) << 1;
        this.slots = new long[2 * count];
        this.mask = count - 1;
        this.ids = new String[Math.max(16, Math.min(expected, 1 << 26))];
    }

    /** {@return the number of ids indexed} */
    int size() {
        return size;
    }

    /** {@return the id of a number handed out} */
    String id(int number) {
        return ids[number];
    }

    /** {@return the ids, by number} */
    String[] ids() {
        return Arrays.copyOf(ids, size);
    }

    /**
     * Returns the number of an id, or {@code -(n + 1)} for an id not seen before, which is indexed as number {@code n}
     * (the count before it).
     */
    int numberOrAdd(String id) {
        int hash = id.hashCode();
        long head = head(id);
        int slot = slotOf(id, hash, head);
        long entry = slots[2 * slot];
        return entry == 0 ? -(add(slot, id, hash, head) + 1) : (int) entry - 1;
    }

    /** {@return the number of an id, -1 if it has none} */
    int numberOf(String id) {
        long entry = slots[2 * slotOf(id, id.hashCode(), head(id))];
        return entry == 0 ? -1 : (int) entry - 1;
    }

    /** Returns the slot that holds the id, or the empty slot where it would go. */
    @SuppressWarnings("ReferenceEquality") // identity is a fast path only: equals decides when the objects differ
    private int slotOf(String id, int hash, long head) {
        long[] t = slots;
        int slot = slot(hash);
        while (true) {
            long entry = t[2 * slot];
            if (entry == 0) {
                return slot;
            }
            if ((int) (entry >>> 32) == hash && t[2 * slot + 1] == head) {
                String key = ids[(int) entry - 1];
                // the same String object is the common case: a reader that keeps one id object per customer
                if (key == id || ((head & WIDE) == 0 && id.length() <= INLINE) || key.equals(id)) {
                    return slot;
                }
            }
            slot = (slot + 1) & mask;
        }
    }

    /**
     * Returns the number of the id whose Latin-1 bytes are {@code b[from]} to {@code b[to - 1]}, or {@code -(n + 1)}
     * for an id not seen before, which is made a {@code String} and indexed as number {@code n}.
     */
    int numberOrAdd(byte[] b, int from, int to) {
        return numberOrAdd(b, from, to, hash(b, from, to));
    }

    /**
     * Looks up {@code count} ids of Latin-1 bytes at once, as {@link #numberOrAdd(byte[], int, int)} one after the
     * other would (a new one is numbered in the order of {@code i}): id {@code i} is {@code b[starts[i]]} to {@code
     * b[starts[i] + lengths[i] - 1]}. The slots of all the ids are read first, in a loop of independent loads, so that
     * the cache misses of a table larger than the cache overlap instead of following one another.
     *
     * @param numbers where the results go, each as {@link #numberOrAdd(byte[], int, int)} returns it
     */
    void numbersOrAdd(byte[] b, int[] starts, int[] lengths, int count, int[] numbers) {
        if (hashes.length < count) {
            hashes = new int[count];
        }
        int[] h = hashes;
        for (int i = 0; i < count; i++) {
            h[i] = hash(b, starts[i], starts[i] + lengths[i]);
        }
        long[] t = slots;
        int m = mask;
        long sum = 0;
        for (int i = 0; i < count; i++) {
            sum += t[2 * (mix(h[i]) & m)];
        }
        touched = sum;
        for (int i = 0; i < count; i++) {
            numbers[i] = numberOrAdd(b, starts[i], starts[i] + lengths[i], h[i]);
        }
    }

    /**
     * Reads the slots of {@code count} ids, in a loop of independent loads, so that looking them up one by one after
     * this finds their slots in the cache: the cache misses of a table larger than the cache overlap.
     */
    void prefetch(String[] ids, int count) {
        long[] t = slots;
        int m = mask;
        long sum = 0;
        for (int i = 0; i < count; i++) {
            sum += t[2 * (mix(ids[i].hashCode()) & m)];
        }
        touched = sum;
    }

    private int numberOrAdd(byte[] b, int from, int to, int hash) {
        int length = to - from;
        long head = head(b, from, length);
        long[] t = slots;
        int slot = slot(hash);
        while (true) {
            long entry = t[2 * slot];
            if (entry == 0) {
                String id = new String(b, from, length, java.nio.charset.StandardCharsets.ISO_8859_1);
                return -(add(slot, id, hash, head) + 1);
            }
            if ((int) (entry >>> 32) == hash && t[2 * slot + 1] == head) {
                int number = (int) entry - 1;
                if (length <= INLINE || sameChars(ids[number], b, from)) {
                    return number;
                }
            }
            slot = (slot + 1) & mask;
        }
    }

    /** Whether the characters of an id of the bytes' length after its first seven are the bytes from the eighth. */
    private static boolean sameChars(String id, byte[] b, int from) {
        int length = id.length();
        for (int i = INLINE; i < length; i++) {
            if (id.charAt(i) != (char) (b[from + i] & 0xFF)) {
                return false;
            }
        }
        return true;
    }

    private int add(int slot, String id, int hash, long head) {
        int number = size++;
        if (number == ids.length) {
            ids = Arrays.copyOf(ids, Math.max(16, 2 * number));
        }
        ids[number] = id;
        slots[2 * slot] = ((long) hash << 32) | (number + 1L);
        slots[2 * slot + 1] = head;
        if (size * 2 > mask + 1) {
            rehash();
        }
        return number;
    }

    private int slot(int hash) {
        return mix(hash) & mask;
    }

    private void rehash() {
        int count = 2 * (mask + 1);
        long[] next = new long[2 * count];
        int nextMask = count - 1;
        for (int s = 0; s <= mask; s++) {
            long entry = slots[2 * s];
            if (entry != 0) {
                int slot = mix((int) (entry >>> 32)) & nextMask;
                while (next[2 * slot] != 0) {
                    slot = (slot + 1) & nextMask;
                }
                next[2 * slot] = entry;
                next[2 * slot + 1] = slots[2 * s + 1];
            }
        }
        slots = next;
        mask = nextMask;
    }

    /**
     * The head of an id: its first seven characters' low bytes in bits 0 to 55, its length (up to 127) in bits 56 to
     * 62, and {@link #WIDE} if one of those seven characters is beyond Latin-1. Equal ids have equal heads, and an id
     * of up to seven Latin-1 characters equals another exactly when their heads are equal.
     */
    private static long head(String id) {
        int length = id.length();
        long head = (long) Math.min(length, 127) << 56;
        int inline = Math.min(length, INLINE);
        for (int i = 0; i < inline; i++) {
            char c = id.charAt(i);
            if (c > 0xFF) {
                head |= WIDE;
            }
            head |= (c & 0xFFL) << (8 * i);
        }
        return head;
    }

    private static long head(byte[] b, int from, int length) {
        long head = (long) Math.min(length, 127) << 56;
        int inline = Math.min(length, INLINE);
        for (int i = 0; i < inline; i++) {
            head |= (b[from + i] & 0xFFL) << (8 * i);
        }
        return head;
    }

    /** {@return the hash {@link String#hashCode()} gives the id of these Latin-1 bytes} */
    private static int hash(byte[] b, int from, int to) {
        int h = 0;
        for (int i = from; i < to; i++) {
            h = 31 * h + (b[i] & 0xFF);
        }
        return h;
    }

    private static int mix(int hash) {
        int h = hash * 0x9E3779B9;
        return h ^ (h >>> 15);
    }

    @Override
    public String toString() {
        return "CustomerIndex{size=" + size + ", slots=" + (mask + 1) + "}";
    }
}
