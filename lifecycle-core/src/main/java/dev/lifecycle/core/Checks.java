package dev.lifecycle.core;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

/** Argument checks shared by the values of this package; messages name the argument, the rule and the value. */
final class Checks {

    private Checks() {}

    /** Checks an identifier of a stage, rule or template: a letter or digit, then letters, digits, '_', '.', '-'. */
    static String id(String value, String what) {
        requireNonNull(value, what);
        if (!isId(value)) {
            throw new IllegalArgumentException(what + " must start with a letter or digit and contain only letters,"
                    + " digits, '_', '.' and '-' but was '" + value + "'");
        }
        return value;
    }

    /** Tells whether {@code value} is a valid identifier, as {@link #id(String, String)} checks it. */
    static boolean isId(String value) {
        // a loop, not a regular expression: every fired rule of every classification checks three ids
        if (value.isEmpty() || !isAsciiLetterOrDigit(value.charAt(0))) {
            return false;
        }
        for (int i = 1; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!isAsciiLetterOrDigit(c) && c != '_' && c != '.' && c != '-') {
                return false;
            }
        }
        return true;
    }

    private static boolean isAsciiLetterOrDigit(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    }

    /** Checks free text that must say something. */
    static String text(String value, String what) {
        requireNonNull(value, what);
        if (value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank but was '" + value + "'");
        }
        return value;
    }

    static long nonNegative(long value, String what) {
        if (value < 0) {
            throw new IllegalArgumentException(what + " must not be negative but was " + value);
        }
        return value;
    }

    /**
     * Adds two counts, saturating at {@link Long#MAX_VALUE} (and {@link Long#MIN_VALUE}) instead of wrapping. A count
     * that large already meets every threshold a condition can hold (thresholds are longs too), so a saturated count
     * gives every condition the same answer as the exact one would.
     */
    static long saturatedAdd(long a, long b) {
        long sum = a + b;
        // Overflow exactly when both operands have the same sign and the sum's sign differs.
        if (((a ^ sum) & (b ^ sum)) < 0) {
            return a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        return sum;
    }

    static Duration positive(Duration value, String what) {
        requireNonNull(value, what);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(what + " must be positive but was " + value);
        }
        return value;
    }

    static int npsScore(int score, String what) {
        if (score < 0 || score > 10) {
            throw new IllegalArgumentException(what + " must be between 0 and 10 but was " + score);
        }
        return score;
    }

    static double finite(double value, String what) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(what + " must be a finite number but was " + value);
        }
        return value;
    }

    /**
     * Compares the time elapsed from {@code from} to {@code to} with {@code duration}, without allocating: negative,
     * zero or positive as the elapsed time is shorter than, equal to or longer than the duration.
     */
    static int compareElapsed(Instant from, Instant to, Duration duration) {
        long nanos = (long) to.getNano() - from.getNano();
        long seconds = to.getEpochSecond() - from.getEpochSecond() + Math.floorDiv(nanos, 1_000_000_000L);
        int bySeconds = Long.compare(seconds, duration.getSeconds());
        return bySeconds != 0 ? bySeconds : Long.compare(Math.floorMod(nanos, 1_000_000_000L), duration.getNano());
    }

    /** As {@link #compareElapsed(Instant, Instant, Duration)}, with the instants as epoch seconds and nanoseconds. */
    static int compareElapsed(long fromSecond, int fromNano, long toSecond, int toNano, Duration duration) {
        long nanos = (long) toNano - fromNano;
        long seconds = toSecond - fromSecond + Math.floorDiv(nanos, 1_000_000_000L);
        int bySeconds = Long.compare(seconds, duration.getSeconds());
        return bySeconds != 0 ? bySeconds : Long.compare(Math.floorMod(nanos, 1_000_000_000L), duration.getNano());
    }

    /**
     * Renders a duration for people: "30 days", "1 day 12 hours", "242 days 3 hours 5 minutes 7.25 seconds"; parts
     * that are zero are left out.
     */
    static String humanDuration(Duration duration) {
        if (duration.isZero()) {
            return "0 seconds";
        }
        Duration d = duration.abs();
        StringBuilder text = new StringBuilder(duration.isNegative() ? "minus " : "");
        part(text, d.toDays(), "day");
        part(text, d.toHoursPart(), "hour");
        part(text, d.toMinutesPart(), "minute");
        if (d.toNanosPart() != 0) {
            BigDecimal seconds = BigDecimal.valueOf(d.toSecondsPart())
                    .add(BigDecimal.valueOf(d.toNanosPart(), 9))
                    .stripTrailingZeros();
            text.append(text.isEmpty() || text.toString().equals("minus ") ? "" : " ")
                    .append(seconds.toPlainString())
                    .append(" seconds");
        } else {
            part(text, d.toSecondsPart(), "second");
        }
        return text.toString();
    }

    private static void part(StringBuilder text, long amount, String unit) {
        if (amount != 0) {
            if (!text.isEmpty() && !text.toString().equals("minus ")) {
                text.append(' ');
            }
            text.append(amount).append(' ').append(unit).append(amount == 1 ? "" : "s");
        }
    }
}
