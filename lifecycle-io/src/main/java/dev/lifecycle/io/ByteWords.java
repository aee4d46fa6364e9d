package dev.lifecycle.io;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Eight bytes at a time: the word constants and the zero-byte test that the readers' scans for line ends, quotes and
 * delimiters share (the one place of this arithmetic).
 */
final class ByteWords {
    /** Eight line feeds. */
    static final long LFS = 0x0A0A_0A0A_0A0A_0A0AL;
    /** Eight carriage returns. */
    static final long CRS = 0x0D0D_0D0D_0D0D_0D0DL;
    /** Eight double quotes. */
    static final long QUOTES = 0x2222_2222_2222_2222L;
    /** The high bit of each byte: set where a byte is not ASCII. */
    static final long HIGH_BITS = 0x8080_8080_8080_8080L;

    private static final long ONES = 0x0101_0101_0101_0101L;
    private static final VarHandle WORDS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private ByteWords() {}

    /** {@return the eight bytes from {@code at}, the first in the lowest byte} */
    static long word(byte[] bytes, int at) {
        return (long) WORDS.get(bytes, at);
    }

    /** {@return a word of eight copies of the byte} */
    static long spread(byte b) {
        return (b & 0xFFL) * ONES;
    }

    /**
     * Returns a word whose high bit is set in the lowest byte that is zero (bits above it may be set too): nonzero
     * exactly when some byte is zero, and its lowest set bit marks the first.
     */
    static long zeroByte(long word) {
        return (word - ONES) & ~word & HIGH_BITS;
    }
}
