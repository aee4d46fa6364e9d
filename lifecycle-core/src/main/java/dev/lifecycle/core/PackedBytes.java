package dev.lifecycle.core;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

/**
 * Variable-length byte encoding for the tracker's per-customer records: unsigned LEB128 integers, zig-zag for signed
 * values, and instants as a tagged offset from a base second, so that the common values (small counts, whole days,
 * whole seconds) take one to four bytes.
 */
final class PackedBytes {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final long SECONDS_PER_DAY = 86_400L;
    private static final int WHOLE_DAYS = 0;
    private static final int WHOLE_SECONDS = 1;
    private static final int WITH_NANOS = 2;

    private PackedBytes() {}

    /** Appends to a growable array. */
    static final class Writer {
        private byte[] buffer;
        private int size;

        Writer(int capacity) {
            this.buffer = new byte[Math.max(capacity, 16)];
        }

        void reset() {
            size = 0;
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

        void string(String text) {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            unsigned(bytes.length);
            bytes(bytes);
        }

        /** Writes a decimal's unscaled value; the scale is the reader's to know. */
        void unscaled(BigDecimal amount) {
            BigInteger unscaled = amount.unscaledValue();
            if (unscaled.bitLength() < 62) {
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

    /** Reads what a {@link Writer} wrote, from a position in an array. */
    static final class Reader {
        private final byte[] buffer;
        private int position;

        Reader(byte[] buffer, int position) {
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

        long signed() {
            long zigzag = unsigned();
            return (zigzag >>> 1) ^ -(zigzag & 1);
        }

        /** Reads an instant as epoch nanoseconds of the tracker's range. */
        long nanos(long baseSecond) {
            long tagged = unsigned();
            int tag = (int) (tagged & 3);
            long zigzag = tagged >>> 2;
            long delta = (zigzag >>> 1) ^ -(zigzag & 1);
            return switch (tag) {
                case WHOLE_DAYS -> (baseSecond + delta * SECONDS_PER_DAY) * NANOS_PER_SECOND;
                case WHOLE_SECONDS -> (baseSecond + delta) * NANOS_PER_SECOND;
                default -> (baseSecond + delta) * NANOS_PER_SECOND + unsigned();
            };
        }

        Instant instant(long baseSecond) {
            long tagged = unsigned();
            int tag = (int) (tagged & 3);
            long zigzag = tagged >>> 2;
            long delta = (zigzag >>> 1) ^ -(zigzag & 1);
            return switch (tag) {
                case WHOLE_DAYS -> Instant.ofEpochSecond(baseSecond + delta * SECONDS_PER_DAY);
                case WHOLE_SECONDS -> Instant.ofEpochSecond(baseSecond + delta);
                default -> Instant.ofEpochSecond(baseSecond + delta, unsigned());
            };
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
            int length = Math.toIntExact(tagged >>> 1);
            BigInteger unscaled = new BigInteger(buffer, position, length);
            position += length;
            return new BigDecimal(unscaled, scale);
        }

        double doubleBits() {
            long bits = 0;
            for (int i = 0; i < 8; i++) {
                bits = (bits << 8) | (buffer[position++] & 0xFF);
            }
            return Double.longBitsToDouble(bits);
        }
    }
}
