package dev.lifecycle.io;

import dev.lifecycle.core.EventBatch;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The customer codes of one batch being read, looked up by the bytes of the id: a hash of the bytes leads to the
 * builder's code, the bytes compared with the ones kept, so that a customer met before costs no {@code String}. A new
 * id is made a {@code String} once and numbered by {@link EventBatch.Builder#customer(String)}, the one place that
 * numbers customers. The table is the reader's, dropped when the batch is built. Not thread-safe.
 *
 * <p>Each slot of the table is two adjacent longs: the hash and the code, and the id's length with its first seven
 * bytes; an id of up to seven bytes is found in one cache line, a longer one compares the rest with the bytes kept.
 */
final class CustomerCodes {
    /** Beyond this many bytes of ids the table stops keeping new ones; their rows look the id up as text. */
    private static final int MAX_KEPT_BYTES = 1 << 30;

    private static final int INLINE_BYTES = 7;

    private final EventBatch.Builder builder;
    /**
     * Per slot {@code s}: at {@code 2s} the hash in the upper half and the code plus one in the lower (0: empty), at
     * {@code 2s + 1} the id's length (at most 255 counted) in the top byte and its first seven bytes below.
     */
    private long[] table;

    private int mask;
    private int used;
    /** The ids' bytes after their first seven, one after another; code {@code c}'s start at {@code starts[c]}. */
    private byte[] kept = new byte[1 << 12];

    private int keptLength;
    private int[] starts = new int[256];
    /** The ids' lengths by code, for telling apart ids of 255 bytes or more that the table's length byte does not. */
    private int[] lengths = new int[256];
    /** The ids by code. */
    private String[] ids = new String[256];

    CustomerCodes(EventBatch.Builder builder) {
        this.builder = builder;
        this.table = new long[2 * 1024];
        this.mask = 1023;
    }

    /**
     * Returns the code of the customer whose id is the ASCII bytes {@code from} to {@code to}, numbering it if it is
     * new.
     */
    int code(byte[] b, int from, int to) {
        int length = to - from;
        int hash = hash(b, from, to);
        long head = head(b, from, length);
        long[] t = table;
        int slot = hash & mask;
        while (true) {
            long entry = t[2 * slot];
            if (entry == 0) {
                break;
            }
            if ((int) (entry >>> 32) == hash && t[2 * slot + 1] == head) {
                int code = (int) entry - 1;
                if (length <= INLINE_BYTES
                        || ((length < 255 || lengths[code] == length) && sameTail(code, b, from + INLINE_BYTES, to))) {
                    return code;
                }
            }
            slot = (slot + 1) & mask;
        }
        String id = new String(b, from, length, StandardCharsets.ISO_8859_1);
        int code = code(id);
        int tail = Math.max(0, length - INLINE_BYTES);
        if (keptLength + tail <= MAX_KEPT_BYTES) {
            if (keptLength + tail > kept.length) {
                kept = Arrays.copyOf(
                        kept, (int) Math.min(MAX_KEPT_BYTES, Math.max(keptLength + tail, 2L * kept.length)));
            }
            System.arraycopy(b, from + Math.min(length, INLINE_BYTES), kept, keptLength, tail);
            starts[code] = keptLength;
            lengths[code] = length;
            keptLength += tail;
            t[2 * slot] = ((long) hash << 32) | (code + 1L);
            t[2 * slot + 1] = head;
            if (++used * 2 > mask + 1) {
                rehash();
            }
        }
        return code;
    }

    /** Returns the code of a customer id met as text, numbering it if it is new. */
    int code(String id) {
        int code = builder.customer(id);
        if (code >= ids.length) {
            int n = Math.max(code + 1, 2 * ids.length);
            ids = Arrays.copyOf(ids, n);
            starts = Arrays.copyOf(starts, n);
            lengths = Arrays.copyOf(lengths, n);
        }
        if (ids[code] == null) {
            ids[code] = id;
        }
        return code;
    }

    /** {@return the id of a code handed out} */
    String id(int code) {
        return ids[code];
    }

    private boolean sameTail(int code, byte[] b, int from, int to) {
        int start = starts[code];
        byte[] k = kept;
        for (int i = from; i < to; i++) {
            if (k[start++] != b[i]) {
                return false;
            }
        }
        return true;
    }

    private void rehash() {
        int n = 2 * (mask + 1);
        long[] next = new long[2 * n];
        int nextMask = n - 1;
        for (int s = 0; s <= mask; s++) {
            long entry = table[2 * s];
            if (entry != 0) {
                int slot = (int) (entry >>> 32) & nextMask;
                while (next[2 * slot] != 0) {
                    slot = (slot + 1) & nextMask;
                }
                next[2 * slot] = entry;
                next[2 * slot + 1] = table[2 * s + 1];
            }
        }
        table = next;
        mask = nextMask;
    }

    /** The id's length (up to 255) in the top byte and its first seven bytes below: equal for equal ids. */
    private static long head(byte[] b, int from, int length) {
        long head = (long) Math.min(length, 255) << 56;
        int inline = Math.min(length, INLINE_BYTES);
        for (int i = 0; i < inline; i++) {
            head |= (b[from + i] & 0xFFL) << (8 * i);
        }
        return head;
    }

    private static int hash(byte[] b, int from, int to) {
        int h = 0;
        for (int i = from; i < to; i++) {
            h = 31 * h + b[i];
        }
        // spread the bits so that ids differing in their last bytes land apart
        h *= 0x9E3779B1;
        return h ^ (h >>> 15);
    }
}
