package dev.lifecycle.core;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

/**
 * Byte encoding for the tracker's per-customer records: unsigned LEB128 integers, zig-zag for signed values, and
 * instants as a tagged offset from a base second, so that the common values (small counts, whole days, whole seconds)
 * take one to four bytes; and fixed-width little-endian integers of 1, 2, 4 and 8 bytes, for the facts a record keeps
 * at fixed positions so that they can be read and written again in place.
 */
final class PackedBytes {
    private static final java.lang.invoke.VarHandle SHORTS =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(short[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
    private static final java.lang.invoke.VarHandle INTS =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(int[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
    private static final java.lang.invoke.VarHandle LONGS =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final long SECONDS_PER_DAY = 86_400L;
    private static final int WHOLE_DAYS = 0;
    private static final int WHOLE_SECONDS = 1;
    static final int WITH_NANOS = 2;
    /** Unscaled amounts of fewer bits than this (sign excluded, as {@link BigInteger#bitLength()} counts) are small. */
    static final int SMALL_UNSCALED_BITS = 62;

    private PackedBytes() {}

    /** Appends to a growable array. */
    static final class Writer {
        private byte[] buffer;
        private int size;

        Writer(int capacity) {
            this.buffer = new byte[Math.max(capacity, 16)];
        }

        /**
         * A writer over an existing array from {@code position}, which overwrites its bytes in place: for a record whose
         * fixed facts are written again at the same positions.
         */
        Writer(byte[] target, int position) {
            this.buffer = target;
            this.size = position;
        }

        /** Writes the low 8 bits. */
        void fixed8(int value) {
            ensure(1);
            buffer[size++] = (byte) value;
        }

        /** Writes the low 16 bits. */
        void fixed16(int value) {
            ensure(2);
            SHORTS.set(buffer, size, (short) value);
            size += 2;
        }

        /** Writes the low 32 bits. */
        void fixed32(long value) {
            ensure(4);
            INTS.set(buffer, size, (int) value);
            size += 4;
        }

        void fixed64(long value) {
            ensure(8);
            LONGS.set(buffer, size, value);
            size += 8;
        }

        void reset() {
            size = 0;
        }

        /** Makes this a writer over an existing array from {@code position}, as {@link #Writer(byte[], int)}. */
        void over(byte[] target, int position) {
            buffer = target;
            size = position;
        }

        int size() {
            return size;
        }

        byte[] toArray() {
            return Arrays.copyOf(buffer, size);
        }

        void bytes(byte[] bytes) {
            ensure(bytes.length);
            System.arraycopy(bytes, 0, buffer, size, bytes.length);
            size += bytes.length;
        }

        void unsigned(long value) {
            if ((value & ~0x7FL) == 0 && size < buffer.length) {
                // most numbers of a record (stages, small counts, flags) take one byte
                buffer[size++] = (byte) value;
                return;
            }
            ensure(10);
            long v = value;
            while ((v & ~0x7FL) != 0) {
                buffer[size++] = (byte) ((v & 0x7F) | 0x80);
                v >>>= 7;
            }
            buffer[size++] = (byte) v;
        }

        void signed(long value) {
            unsigned((value << 1) ^ (value >> 63));
        }

        /** Writes an epoch second, the base of the instants after it; {@link Reader#second()} reads it. */
        void second(long second) {
            signed(second);
        }

        /** Writes an instant given as epoch second and nanosecond, relative to {@code baseSecond}. */
        void time(long second, int nano, long baseSecond) {
            long delta = second - baseSecond;
            long zigzag = (delta << 1) ^ (delta >> 63);
            if (nano != 0) {
                unsigned(zigzag << 2 | WITH_NANOS);
                unsigned(nano);
            } else if (delta % SECONDS_PER_DAY == 0) {
                long days = delta / SECONDS_PER_DAY;
                unsigned(((days << 1) ^ (days >> 63)) << 2 | WHOLE_DAYS);
            } else {
                unsigned(zigzag << 2 | WHOLE_SECONDS);
            }
        }

        void instant(Instant at, long baseSecond) {
            time(at.getEpochSecond(), at.getNano(), baseSecond);
        }

        /** Writes tracker nanoseconds (see {@link TrackerTime}) relative to {@code baseSecond}. */
        void nanos(long nanos, long baseSecond) {
            time(Math.floorDiv(nanos, NANOS_PER_SECOND), (int) Math.floorMod(nanos, NANOS_PER_SECOND), baseSecond);
        }

        /** Appends {@code bytes[from..to)}. */
        void bytes(byte[] bytes, int from, int to) {
            int length = to - from;
            ensure(length);
            System.arraycopy(bytes, from, buffer, size, length);
            size += length;
        }

        void string(String text) {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            unsigned(bytes.length);
            bytes(bytes);
        }

        /** Writes an unscaled value as {@link #unscaled(BigDecimal)} writes a decimal with it. */
        void unscaled(long value) {
            if (64 - Long.numberOfLeadingZeros(value ^ (value >> 63)) < SMALL_UNSCALED_BITS) {
                unsigned(((value << 1) ^ (value >> 63)) << 1);
            } else {
                unscaled(BigDecimal.valueOf(value));
            }
        }

        /** Writes a decimal's unscaled value; the scale is the reader's to know. */
        void unscaled(BigDecimal amount) {
            BigInteger unscaled = amount.unscaledValue();
            if (unscaled.bitLength() < SMALL_UNSCALED_BITS) {
                long value = unscaled.longValueExact();
                unsigned(((value << 1) ^ (value >> 63)) << 1);
            } else {
                byte[] bytes = unscaled.toByteArray();
                unsigned((long) bytes.length << 1 | 1);
                bytes(bytes);
            }
        }

        void doubleBits(double value) {
            long bits = Double.doubleToRawLongBits(value);
            ensure(8);
            for (int shift = 56; shift >= 0; shift -= 8) {
                buffer[size++] = (byte) (bits >>> shift);
            }
        }

        private void ensure(int more) {
            if (size + more > buffer.length) {
                buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + more));
            }
        }
    }

    /**
     * Reads what a {@link Writer} wrote, from a position in an array. It trusts the bytes: they are the tracker's own
     * records, and its hot path pays for no checks. Bytes from outside are read with a {@link Checked} reader.
     */
    static class Reader {
        byte[] buffer;
        int position;

        Reader(byte[] buffer, int position) {
            this.buffer = buffer;
            this.position = position;
        }

        /** Makes this a reader of another array from {@code position}, so that one reader serves many records. */
        void over(byte[] buffer, int position) {
            this.buffer = buffer;
            this.position = position;
        }

        int position() {
            return position;
        }

        void skip(int bytes) {
            position += bytes;
        }

        long unsigned() {
            long value = 0;
            int shift = 0;
            while (true) {
                byte b = buffer[position++];
                value |= (long) (b & 0x7F) << shift;
                if (b >= 0) {
                    return value;
                }
                shift += 7;
            }
        }

        int unsignedInt() {
            return Math.toIntExact(unsigned());
        }

        /** Reads 8 bits, unsigned. */
        int fixed8() {
            return buffer[position++] & 0xFF;
        }

        /** Reads 16 bits, unsigned. */
        int fixed16() {
            int value = (short) SHORTS.get(buffer, position) & 0xFFFF;
            position += 2;
            return value;
        }

        /** Reads 32 bits, unsigned. */
        long fixed32() {
            long value = (int) INTS.get(buffer, position) & 0xFFFF_FFFFL;
            position += 4;
            return value;
        }

        long fixed64() {
            long value = (long) LONGS.get(buffer, position);
            position += 8;
            return value;
        }

        /** Reads an epoch second written as 64 bits: the base of the instants after it. */
        long fixedSecond() {
            return fixed64();
        }

        /**
         * Reads an instant written at a fixed width: as 32 bits of whole seconds after {@code baseSecond} ({@code
         * wide} false), or as 64 bits of epoch nanoseconds of the tracker's range; returns epoch nanoseconds.
         */
        long fixedNanos(boolean wide, long baseSecond) {
            return wide ? fixed64() : (baseSecond + fixed32()) * NANOS_PER_SECOND;
        }

        /**
         * Reads the number of items that follow, each taking at least {@code minBytesEach} bytes; a {@link Checked}
         * reader refuses a count the remaining bytes cannot hold, before anything of that size is allocated.
         */
        int count(int minBytesEach) {
            return unsignedInt();
        }

        long signed() {
            long zigzag = unsigned();
            return (zigzag >>> 1) ^ -(zigzag & 1);
        }

        /** Reads an epoch second written with {@link Writer#signed(long)}, the base of the instants after it. */
        long second() {
            return signed();
        }

        /** Reads an instant as epoch nanoseconds of the tracker's range. */
        long nanos(long baseSecond) {
            long tagged = unsigned();
            long second = second(tagged, baseSecond);
            return second * NANOS_PER_SECOND + (tag(tagged) == WITH_NANOS ? unsigned() : 0);
        }

        Instant instant(long baseSecond) {
            long tagged = unsigned();
            long second = second(tagged, baseSecond);
            return tag(tagged) == WITH_NANOS
                    ? Instant.ofEpochSecond(second, unsigned())
                    : Instant.ofEpochSecond(second);
        }

        String string() {
            int length = unsignedInt();
            String text = new String(buffer, position, length, StandardCharsets.UTF_8);
            position += length;
            return text;
        }

        BigDecimal unscaled(int scale) {
            long tagged = unsigned();
            if ((tagged & 1) == 0) {
                long zigzag = tagged >>> 1;
                return BigDecimal.valueOf((zigzag >>> 1) ^ -(zigzag & 1), scale);
            }
            int length = bigLength(tagged);
            BigInteger unscaled = new BigInteger(buffer, position, length);
            position += length;
            return new BigDecimal(unscaled, scale);
        }

        /** The byte length of a large unscaled value from its tagged length. */
        int bigLength(long tagged) {
            return Math.toIntExact(tagged >>> 1);
        }

        double doubleBits() {
            long bits = 0;
            for (int i = 0; i < 8; i++) {
                bits = (bits << 8) | (buffer[position++] & 0xFF);
            }
            return Double.longBitsToDouble(bits);
        }

        static int tag(long tagged) {
            return (int) (tagged & 3);
        }

        /** The signed offset of a tagged instant: days or seconds, as its tag says. */
        static long delta(long tagged) {
            long zigzag = tagged >>> 2;
            return (zigzag >>> 1) ^ -(zigzag & 1);
        }

        /** The epoch second of a tagged instant. */
        static long second(long tagged, long baseSecond) {
            long delta = delta(tagged);
            return tag(tagged) == WHOLE_DAYS ? baseSecond + delta * SECONDS_PER_DAY : baseSecond + delta;
        }
    }

    /**
     * Reads bytes from outside (a stored state) up to a limit, checking every value before it is used: a value running
     * past the limit, a number longer than ten bytes or beyond an {@code int} where one is expected, a count the
     * remaining bytes cannot hold, an instant outside the {@linkplain SupportedInstants supported years} or a tag no
     * writer writes are refused with an {@link IllegalArgumentException} naming the byte position. So reading never
     * fails any other way, and never allocates more than the bytes could describe.
     */
    static final class Checked extends Reader {
        private static final long FIRST_SECOND = SupportedInstants.FIRST.getEpochSecond();
        private static final long END_SECOND = SupportedInstants.END.getEpochSecond();
        private static final long SPAN_SECONDS = END_SECOND - FIRST_SECOND;
        private static final int MAX_UNSIGNED_BYTES = 10;

        private final int limit;
        private final String what;

        /**
         * Reads {@code buffer} from {@code position} up to {@code limit} (exclusive); {@code what} names the bytes in
         * messages, such as {@code "customer state"}.
         */
        Checked(byte[] buffer, int position, int limit, String what) {
            super(buffer, position);
            this.limit = limit;
            this.what = what;
        }

        /** {@return the number of bytes left before the limit} */
        int remaining() {
            return limit - position;
        }

        /** {@return an exception for a problem at the current position} */
        IllegalArgumentException error(String problem) {
            return new IllegalArgumentException("malformed " + what + " at byte " + position + ": " + problem);
        }

        private void need(long bytes, String value) {
            if (bytes > remaining()) {
                throw error(value + " needs " + bytes + " bytes but only " + remaining() + " remain; the bytes are"
                        + " truncated");
            }
        }

        @Override
        void skip(int bytes) {
            need(bytes, "a skip");
            super.skip(bytes);
        }

        @Override
        long unsigned() {
            long value = 0;
            int start = position;
            for (int i = 0; i < MAX_UNSIGNED_BYTES; i++) {
                if (position >= limit) {
                    position = start;
                    throw error("a number runs past the end; the bytes are truncated");
                }
                byte b = buffer[position++];
                value |= (long) (b & 0x7F) << (7 * i);
                if (b >= 0) {
                    return value;
                }
            }
            position = start;
            throw error("a number is longer than " + MAX_UNSIGNED_BYTES + " bytes");
        }

        @Override
        int unsignedInt() {
            int start = position;
            long value = unsigned();
            if (value < 0 || value > Integer.MAX_VALUE) {
                position = start;
                throw error(
                        "expected a number up to " + Integer.MAX_VALUE + " but found " + Long.toUnsignedString(value));
            }
            return (int) value;
        }

        @Override
        int count(int minBytesEach) {
            int start = position;
            int count = unsignedInt();
            if (count > remaining() / minBytesEach) {
                position = start;
                throw error("a count of " + count + " items of at least " + minBytesEach + " bytes each is more than"
                        + " the remaining " + remaining() + " bytes could hold");
            }
            return count;
        }

        @Override
        long second() {
            int start = position;
            return supported(signed(), start);
        }

        /**
         * Returns an epoch second read from {@code start}, refused (the position back at {@code start}) if it is
         * outside the supported instants.
         */
        private long supported(long second, int start) {
            if (second < FIRST_SECOND || second >= END_SECOND) {
                position = start;
                throw error("epoch second " + second + " is outside the supported instants, " + SupportedInstants.FIRST
                        + " (inclusive) to " + SupportedInstants.END + " (exclusive)");
            }
            return second;
        }

        @Override
        long nanos(long baseSecond) {
            return TrackerTime.toNanosOfSupported(instant(baseSecond));
        }

        /** The base is a supported second (read by {@link #second()} or from an instant read before). */
        @Override
        Instant instant(long baseSecond) {
            int start = position;
            long tagged = unsigned();
            int tag = tag(tagged);
            long delta = delta(tagged);
            long unit = tag == WHOLE_DAYS ? SECONDS_PER_DAY : 1;
            // bounded first, so that the arithmetic below cannot overflow
            if (tag > WITH_NANOS || Math.abs(delta) > SPAN_SECONDS / unit) {
                position = start;
                throw error(
                        tag > WITH_NANOS
                                ? "an instant has the unknown tag " + tag
                                : "an instant lies " + delta + (unit == 1 ? " seconds" : " days")
                                        + " from its base, beyond the" + " supported instants");
            }
            long second = second(tagged, baseSecond);
            long nano = tag == WITH_NANOS ? unsigned() : 0;
            if (second < FIRST_SECOND || second >= END_SECOND || nano < 0 || nano >= NANOS_PER_SECOND) {
                position = start;
                throw error("epoch second " + second + " and nanosecond " + Long.toUnsignedString(nano) + " are not an"
                        + " instant between " + SupportedInstants.FIRST + " (inclusive) and " + SupportedInstants.END
                        + " (exclusive)");
            }
            return Instant.ofEpochSecond(second, nano);
        }

        @Override
        String string() {
            int length = count(1);
            String text = new String(buffer, position, length, StandardCharsets.UTF_8);
            position += length;
            return text;
        }

        @Override
        int bigLength(long tagged) {
            long length = tagged >>> 1;
            if (length < 1 || length > remaining()) {
                throw error("a large amount claims " + length + " bytes but " + remaining() + " remain");
            }
            return (int) length;
        }

        @Override
        double doubleBits() {
            need(Double.BYTES, "a floating-point number");
            return super.doubleBits();
        }

        @Override
        int fixed8() {
            need(1, "a byte");
            return super.fixed8();
        }

        @Override
        int fixed16() {
            need(2, "a 16-bit number");
            return super.fixed16();
        }

        @Override
        long fixed32() {
            need(4, "a 32-bit number");
            return super.fixed32();
        }

        @Override
        long fixed64() {
            need(8, "a 64-bit number");
            return super.fixed64();
        }

        @Override
        long fixedSecond() {
            int start = position;
            return supported(fixed64(), start);
        }

        /** The base is a supported second (read by {@link #fixedSecond()}). */
        @Override
        long fixedNanos(boolean wide, long baseSecond) {
            int start = position;
            long second;
            long nanos;
            if (wide) {
                nanos = fixed64();
                second = Math.floorDiv(nanos, NANOS_PER_SECOND);
            } else {
                // a supported base plus 32 bits cannot overflow
                second = baseSecond + fixed32();
                nanos = 0;
            }
            supported(second, start);
            return wide ? nanos : second * NANOS_PER_SECOND;
        }
    }
}
