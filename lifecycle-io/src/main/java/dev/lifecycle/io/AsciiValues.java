package dev.lifecycle.io;

import dev.lifecycle.core.SupportedInstants;
import java.time.Instant;
import java.time.ZoneId;
import java.time.zone.ZoneRules;

/**
 * Reads the common forms of a row's values straight from ASCII bytes, for {@link EventFileReader}'s batch reading: an
 * amount in minor units, an instant in epoch nanoseconds, a customer id's stripped bounds. Each method either gives the
 * value exactly as the text path ({@link EventMapping}, {@link dev.lifecycle.core.Money}) would, or says {@link
 * #NOT_READ}: it never rejects and never rounds, so whatever it does not read is left to the text path, which gives the
 * value or the rejection with its message. Stateless, but for the {@link LastDay} a reader passes to {@link
 * #epochNanos}.
 */
final class AsciiValues {
    /** What a method returns for a value it does not read: the text path decides. */
    static final long NOT_READ = Long.MIN_VALUE;

    /**
     * The most digits of minor units the byte path reads: those before the point plus the currency's decimal places,
     * so that the amount stays below 10<sup>18</sup> minor units and its arithmetic within a {@code long}; larger
     * amounts take the text path.
     */
    private static final int MAX_MINOR_DIGITS = 18;

    private static final long[] POWERS = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000};
    private static final long FIRST_NANOS = SupportedInstants.FIRST.getEpochSecond() * 1_000_000_000L;
    private static final long END_NANOS = SupportedInstants.END.getEpochSecond() * 1_000_000_000L;

    private AsciiValues() {}

    /** Tells whether a byte is white space as {@link String#strip()} sees it (ASCII only: the caller checked). */
    static boolean isSpace(byte b) {
        return b == ' ' || (b >= 9 && b <= 13) || (b >= 0x1C && b <= 0x1F);
    }

    /** {@return the first index from {@code from} whose byte is not white space, or {@code to}} */
    static int stripStart(byte[] b, int from, int to) {
        while (from < to && isSpace(b[from])) {
            from++;
        }
        return from;
    }

    /** {@return the index after the last byte before {@code to} that is not white space, or {@code from}} */
    static int stripEnd(byte[] b, int from, int to) {
        while (to > from && isSpace(b[to - 1])) {
            to--;
        }
        return to;
    }

    /**
     * Reads a plain decimal amount ({@code 19.99}, {@code 7}, {@code .5}, {@code 5.}) in minor units of a currency
     * with {@code places} decimal places, as {@code Money.of} reads it: more decimal places than the currency has are
     * fine only when the extra ones are zeros. Signs, exponents, more than {@value #MAX_MINOR_DIGITS} digits before the
     * point and the currency's places together, text over {@value dev.lifecycle.core.Money#MAX_TEXT_LENGTH} characters and too many places are not read.
     *
     * @param b the bytes, stripped of white space
     * @param from the first byte
     * @param to the end
     * @param places the currency's decimal places, 0 to 8
     * @return the amount in minor units, or {@link #NOT_READ}
     */
    static long minorUnits(byte[] b, int from, int to, int places) {
        if (to - from > dev.lifecycle.core.Money.MAX_TEXT_LENGTH || places < 0 || places >= POWERS.length) {
            return NOT_READ;
        }
        int i = from;
        long whole = 0;
        int digits = 0;
        boolean any = false;
        while (i < to) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) {
                break;
            }
            if (whole != 0 || d != 0) {
                digits++;
            }
            whole = whole * 10 + d;
            any = true;
            i++;
            if (digits + places > MAX_MINOR_DIGITS) {
                return NOT_READ;
            }
        }
        long fraction = 0;
        int fractionDigits = 0;
        if (i < to && b[i] == '.') {
            i++;
            while (i < to) {
                int d = b[i] - '0';
                if (d < 0 || d > 9) {
                    return NOT_READ;
                }
                any = true;
                if (fractionDigits < places) {
                    fraction = fraction * 10 + d;
                    fractionDigits++;
                } else if (d != 0) {
                    // a place the currency does not have: the text path rejects it with its message
                    return NOT_READ;
                }
                i++;
            }
        }
        if (i != to || !any) {
            return NOT_READ;
        }
        return whole * POWERS[places] + fraction * POWERS[places - fractionDigits];
    }

    /**
     * Reads the common ISO-8601 forms of a timestamp as the mapping does ({@link EventMapping#parseInstant}): a day
     * {@code yyyy-MM-dd}, a local date-time {@code yyyy-MM-dd[T ]HH:mm[:ss[.f]]} (one to nine digits of fraction), both
     * in a zone of fixed offset, and {@code yyyy-MM-ddTHH:mm:ss[.f]Z}; the instant must be {@linkplain
     * SupportedInstants supported}. Other forms (offsets, zones with daylight saving, a leap second, hour 24) are not
     * read.
     *
     * @param b the bytes, stripped of white space
     * @param from the first byte
     * @param to the end
     * @param offsetSeconds the fixed offset of the zone of local times, in seconds, or {@link #NOT_READ} when the zone
     *     has no fixed offset
     * @return the instant in nanoseconds since the epoch, or {@link #NOT_READ}
     */
    static long epochNanos(byte[] b, int from, int to, long offsetSeconds, LastDay last) {
        int n = to - from;
        if (n < 10) {
            return NOT_READ;
        }
        long head = ByteWords.word(b, from);
        int dayBytes = (b[from + 8] & 0xFF) | (b[from + 9] & 0xFF) << 8;
        long epochDay;
        if (head == last.head && dayBytes == last.dayBytes) {
            epochDay = last.epochDay;
        } else {
            if (b[from + 4] != '-' || b[from + 7] != '-') {
                return NOT_READ;
            }
            int year = digits(b, from, 4);
            int month = twoDigits(b, from + 5);
            int day = twoDigits(b, from + 8);
            if (year < 1677 || year > 2262 || month < 1 || month > 12 || day < 1 || day > lengthOfMonth(year, month)) {
                return NOT_READ;
            }
            epochDay = epochDay(year, month, day);
            last.head = head;
            last.dayBytes = dayBytes;
            last.epochDay = epochDay;
        }
        long seconds;
        int nano = 0;
        boolean utc = false;
        if (n == 10) {
            seconds = epochDay * 86_400;
        } else {
            byte t = b[from + 10];
            if ((t != 'T' && t != ' ') || n < 16 || b[from + 13] != ':') {
                return NOT_READ;
            }
            int hour = twoDigits(b, from + 11);
            int minute = twoDigits(b, from + 14);
            int second = 0;
            int i = from + 16;
            if (i < to && b[i] == ':') {
                if (i + 3 > to) {
                    return NOT_READ;
                }
                second = twoDigits(b, i + 1);
                i += 3;
                if (i < to && b[i] == '.') {
                    int start = ++i;
                    while (i < to && i - start < 9 && b[i] >= '0' && b[i] <= '9') {
                        nano = nano * 10 + (b[i] - '0');
                        i++;
                    }
                    int fractionDigits = i - start;
                    if (fractionDigits == 0) {
                        return NOT_READ;
                    }
                    nano *= (int) POWERS[9 - fractionDigits];
                }
            }
            if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
                return NOT_READ;
            }
            if (i == to - 1 && b[i] == 'Z' && t == 'T' && i >= from + 19) {
                utc = true;
            } else if (i != to) {
                return NOT_READ;
            }
            seconds = epochDay * 86_400 + hour * 3_600L + minute * 60L + second;
        }
        if (!utc) {
            if (offsetSeconds == NOT_READ) {
                return NOT_READ;
            }
            seconds -= offsetSeconds;
        }
        long nanos = seconds * 1_000_000_000L + nano;
        if (seconds < -9_223_372_036L || seconds > 9_223_372_035L || nanos < FIRST_NANOS || nanos >= END_NANOS) {
            return NOT_READ;
        }
        return nanos;
    }

    /**
     * {@return the offset of a zone of fixed offset in seconds, as {@link #epochNanos} takes it, or {@link #NOT_READ}
     * for a zone whose offset changes (daylight saving): its local times are the text path's}
     */
    static long offsetSeconds(ZoneId zone) {
        ZoneRules rules = zone.getRules();
        return rules.isFixedOffset() ? rules.getOffset(Instant.EPOCH).getTotalSeconds() : NOT_READ;
    }

    /** {@return the value of {@code count} ASCII digits at {@code at}, or -1 if one is not a digit} */
    static int digits(byte[] b, int at, int count) {
        int value = 0;
        for (int i = at; i < at + count; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            value = value * 10 + d;
        }
        return value;
    }

    /** {@return the value of the two ASCII digits at {@code at}, or -1 if one is not a digit} */
    static int twoDigits(byte[] b, int at) {
        int high = b[at] - '0';
        int low = b[at + 1] - '0';
        if (high < 0 || high > 9 || low < 0 || low > 9) {
            return -1;
        }
        return high * 10 + low;
    }

    /**
     * The date of the last timestamp {@link #epochNanos} read, by its first ten bytes, and its epoch day: the rows of
     * a log in time order share their day, which is then read once. Each reader keeps its own; not thread-safe.
     */
    static final class LastDay {
        /** The first eight bytes of the text, as {@link ByteWords#word} gives them. */
        long head;
        /** Its ninth and tenth bytes; -1 before the first date is read, which no two bytes are. */
        int dayBytes = -1;

        long epochDay;
    }

    /** {@return the number of days of a month of the proleptic Gregorian calendar} */
    static int lengthOfMonth(int year, int month) {
        return switch (month) {
            case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /** {@return the days since 1970-01-01 of a valid date, as {@link java.time.LocalDate#toEpochDay()} computes it} */
    static long epochDay(int year, int month, int day) {
        long y = year;
        long m = month;
        long total = 365 * y;
        if (y >= 0) {
            total += (y + 3) / 4 - (y + 99) / 100 + (y + 399) / 400;
        } else {
            total -= y / -4 - y / -100 + y / -400;
        }
        total += (367 * m - 362) / 12;
        total += day - 1;
        if (m > 2) {
            total--;
            if (!(year % 4 == 0 && (year % 100 != 0 || year % 400 == 0))) {
                total--;
            }
        }
        return total - 719_528;
    }
}
