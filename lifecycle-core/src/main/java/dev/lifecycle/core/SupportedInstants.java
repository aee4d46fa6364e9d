package dev.lifecycle.core;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * The instants this library works with: from {@link #FIRST} (1678-01-01T00:00:00Z, inclusive) to {@link #END}
 * (2262-01-01T00:00:00Z, exclusive).
 *
 * <p>Every instant the library accepts (event timestamps, the instants of a profile, the {@code asOf} of a
 * classification, the instants a tracker advances to) must lie in this range; anything else is refused at the
 * boundary with {@link #check(Instant, String)}. The range is what epoch nanoseconds in a {@code long} can hold, with
 * room to spare, so the tracker stores every supported instant exactly; it is far wider than any shop's history, and
 * it keeps arithmetic on instants and durations from overflowing. This class has no instances; its members are
 * thread-safe.
 */
public final class SupportedInstants {
    /** The first supported instant, 1678-01-01T00:00:00Z. */
    public static final Instant FIRST = Instant.parse("1678-01-01T00:00:00Z");

    /** The first instant after the supported ones, 2262-01-01T00:00:00Z. */
    public static final Instant END = Instant.parse("2262-01-01T00:00:00Z");

    private static final long FIRST_SECOND = FIRST.getEpochSecond();
    private static final long END_SECOND = END.getEpochSecond();

    private SupportedInstants() {}

    /**
     * Tells whether an instant lies in the supported range: not before {@link #FIRST} and before {@link #END}.
     *
     * @param instant the instant
     * @return true if the library accepts it
     * @throws NullPointerException if {@code instant} is null
     */
    public static boolean isSupported(Instant instant) {
        requireNonNull(instant, "instant");
        // both bounds are whole seconds, so the epoch second alone decides
        long second = instant.getEpochSecond();
        return second >= FIRST_SECOND && second < END_SECOND;
    }

    /**
     * Returns the instant if it lies in the supported range, and refuses it otherwise.
     *
     * @param instant the instant
     * @param what what the instant is, for the message, such as {@code "timestamp"} or {@code "asOf"}
     * @return {@code instant}
     * @throws NullPointerException if an argument is null; the message is {@code what}
     * @throws IllegalArgumentException if the instant is before {@link #FIRST} or not before {@link #END}
     */
    public static Instant check(Instant instant, String what) {
        requireNonNull(what, "what");
        requireNonNull(instant, what);
        if (!isSupported(instant)) {
            throw new IllegalArgumentException(what + " must lie between " + FIRST + " (inclusive) and " + END
                    + " (exclusive) but was " + instant);
        }
        return instant;
    }
}
