package dev.lifecycle.core;

import org.jspecify.annotations.Nullable;

/**
 * Customer ids numbered 0, 1, 2, ... in the order they are first seen: the one map from an id to its number, behind a
 * {@link ProfileTable}'s rows and an {@link EventBatch}'s customer codes. Open addressing over three arrays (id, hash,
 * number), so that a lookup is one hash and usually one probe, with no object per entry. Not thread-safe.
 */
final class CustomerIndex {
    private @Nullable String[] keys;
    private int[] hashes;
    private int[] numbers;
    private int size;

    CustomerIndex(int expected) {
        int slots = Integer.highestOneBit(Math.max(16, expected * 2) - 1) << 1;
        this.keys = new String[slots];
        this.hashes = new int[slots];
        this.numbers = new int[slots];
    }

    /** {@return the number of ids indexed} */
    int size() {
        return size;
    }

    /**
     * Returns the number of an id, or {@code -(n + 1)} for an id not seen before, which is indexed as number {@code n}
     * (the count before it).
     */
    int numberOrAdd(String id) {
        int hash = id.hashCode();
        int slot = slotOf(id, hash);
        if (keys[slot] != null) {
            return numbers[slot];
        }
        int number = size++;
        keys[slot] = id;
        hashes[slot] = hash;
        numbers[slot] = number;
        if (size * 2 > numbers.length) {
            rehash();
        }
        return -(number + 1);
    }

    /** {@return the number of an id, -1 if it has none} */
    int numberOf(String id) {
        int slot = slotOf(id, id.hashCode());
        return keys[slot] == null ? -1 : numbers[slot];
    }

    /** Returns the slot that holds the id, or the empty slot where it would go. */
    private int slotOf(String id, int hash) {
        int mask = numbers.length - 1;
        int slot = mix(hash) & mask;
        while (true) {
            String key = keys[slot];
            // The same String object is the common case: a reader that keeps one id object per customer.
            if (key == null || key == id || (hashes[slot] == hash && key.equals(id))) {
                return slot;
            }
            slot = (slot + 1) & mask;
        }
    }

    private void rehash() {
        @Nullable String[] oldKeys = keys;
        int[] oldHashes = hashes;
        int[] oldNumbers = numbers;
        int slots = oldKeys.length * 2;
        keys = new String[slots];
        hashes = new int[slots];
        numbers = new int[slots];
        int mask = slots - 1;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != null) {
                int slot = mix(oldHashes[i]) & mask;
                while (keys[slot] != null) {
                    slot = (slot + 1) & mask;
                }
                keys[slot] = oldKeys[i];
                hashes[slot] = oldHashes[i];
                numbers[slot] = oldNumbers[i];
            }
        }
    }

    private static int mix(int hash) {
        int h = hash * 0x9E3779B9;
        return h ^ (h >>> 15);
    }

    @Override
    public String toString() {
        return "CustomerIndex{size=" + size + ", slots=" + numbers.length + "}";
    }
}
