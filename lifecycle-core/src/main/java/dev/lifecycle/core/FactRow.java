package dev.lifecycle.core;

import java.time.Instant;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * A customer's packed record ({@link CustomerRecords}) read into primitives: the stages, the instant of the last
 * evaluation and every fact of the profile that has a fixed width, with the positions of the lists (stays, orders,
 * payments) and of the named extras in the record, which are copied as they are. It is the tracker's fast path: an
 * event is folded in ({@link ProfileFold}, the one fold, with this as its sink), the rules are followed on the facts
 * ({@link #load} into a table row the column conditions read), and the record is written again with the new stays,
 * order and payment appended; nothing is made an object. The record written is byte for byte the one the object path
 * writes for the same customer (a property test holds the two together).
 *
 * <p>What a row cannot hold sets {@link #unsupported}: an amount or total beyond a {@code long} of minor units, a custom
 * event type or attributes (named facts, kept as maps). The caller then takes the object path for that event.
 *
 * <p>One row is reused for many records: {@link #read} resets it. Not thread-safe.
 */
final class FactRow extends StepSubject implements ProfileFold.Sink {
    /** The number of event types. */
    static final int TYPES = EventType.values().length;
    /** No instant, in the fields of instants (epoch nanoseconds). */
    static final long NONE = Long.MIN_VALUE;

    static final int FIRST_SEEN = 1;
    static final int LAST_ACTIVITY = 1 << 1;
    static final int FIRST_ORDER = 1 << 2;
    static final int TOTAL_SPEND = 1 << 3;
    static final int REFUNDED = 1 << 4;
    static final int LOYALTY = 1 << 5;
    static final int EXTRAS = 1 << 6;
    /**
     * The record's instants are 64-bit epoch nanoseconds, its counts and totals 64 bits; else 32-bit seconds, 16-bit
     * counts and 32-bit totals.
     */
    static final int WIDE = 1 << 7;
    /** The total spend is too large for its slot (see {@link #isBig}): its unscaled value follows the fixed facts. */
    static final int BIG_SPEND = 1 << 8;
    /** The refunded amount is too large for its slot: its unscaled value follows the fixed facts. */
    static final int BIG_REFUND = 1 << 9;
    /** The largest offset in seconds from the base of an instant of a record that is not {@link #WIDE}. */
    private static final long NARROW_SECONDS = 0xFFFF_FFFFL;
    /** {@link #NARROW_SECONDS} in nanoseconds. */
    private static final long NARROW_SPAN = NARROW_SECONDS * 1_000_000_000L;
    /** The largest count of a record that is not {@link #WIDE}. */
    private static final long NARROW_COUNT = 0xFFFF;
    /** The shape of a row not read from a record: never the shape of one. */
    private static final long NO_SHAPE = -1;

    static {
        if (TYPES > Short.SIZE) {
            throw new ExceptionInInitializerError("a record's masks of event types hold " + Short.SIZE + " types");
        }
    }

    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    /** The first bit of {@link #dirty} for latest instants per type; the counts take the bits below it. */
    private static final int DIRTY_LAST = 16;

    private static final long DIRTY_FIRST_SEEN = 1L << 32;
    private static final long DIRTY_LAST_ACTIVITY = 1L << 33;
    private static final long DIRTY_FIRST_ORDER = 1L << 34;
    private static final long DIRTY_LOYALTY = 1L << 35;
    /** The offset in a header of the current stage, of the NPS score and of the instant of the last evaluation. */
    private static final int CURRENT_OFFSET = 2;

    private static final int NPS_OFFSET = 10;
    private static final int EVALUATED_AT_OFFSET = 19;
    private static final int NEW_STAYS = 8;

    // ---- what the record holds

    /** The record read, whose id, lists and extras are copied when the row is written. */
    byte[] source = new byte[0];

    String customerId = "";
    /** The end of the id (its length and bytes) in {@link #source}. */
    int idEnd;

    /** The epoch second of the first stay, from which the record's instants are written. */
    long base;

    long firstSeen;
    long lastActivity;
    long firstOrder;
    long loyalty;
    final long[] counts = new long[TYPES];
    final long[] lastAt = new long[TYPES];
    int lastNps;
    /** The currency number of the total spend, -1 without one; the total in minor units. */
    int spendCurrency;

    long spend;
    /** The currency number of the refunded amount, -1 without one; the amount in minor units. */
    int refundCurrency;

    long refund;
    /** A total beyond a long as read (the row is then unsupported), else null. */
    java.math.@Nullable BigInteger bigSpend;

    java.math.@Nullable BigInteger bigRefund;
    int visits;
    int staysFrom;
    int staysTo;
    int orders;
    int ordersFrom;
    int ordersTo;
    int payments;
    int paymentsFrom;
    int paymentsTo;
    /** The last order instant of the list, {@link #NONE} without orders. */
    long lastOrderAt;
    /** The last payment of the list: its instant ({@link #NONE} without payments), currency number and amount. */
    long lastPaymentAt;

    int lastPaymentCurrency;
    long lastPaymentUnscaled;
    /** Whether the last payment's amount is beyond a long (its minor units then unknown here). */
    boolean lastPaymentBig;
    /** Whether the record has extras (custom counts, attributes), at {@link #extrasFrom} to the end. */
    boolean extras;

    int extrasFrom;
    /** The flags and masks of the record read ({@link #shape}), {@link #NO_SHAPE} for a row {@linkplain #start started}. */
    long shapeRead;
    /**
     * The facts the fold changed since the record was read: {@code 1 << t} for the count of type {@code t}, {@code 1
     * << (DIRTY_LAST + t)} for its latest instant, and the {@code DIRTY_} bits of the other instants; the stages, the
     * instant of the last evaluation and the NPS score are always written.
     */
    private long dirty;
    /** The positions in the record read of the fixed facts that may change (valid where the header has them). */
    private final int[] countAt = new int[TYPES];

    private final int[] lastAtAt = new int[TYPES];
    private int firstSeenAt;
    private int lastActivityAt;
    private int firstOrderAt;
    private int loyaltyAt;
    /** Whether the lists' positions and last entries are known: see {@link #locateLists}. */
    private boolean located;

    // ---- what a step appends

    long[] newStayAt = new long[NEW_STAYS];
    int[] newStay = new int[NEW_STAYS];
    int newStays;
    long newOrder;
    long newPaymentAt;
    int newPaymentCurrency;
    long newPaymentUnscaled;

    /** Set when the record or the event folded needs what a row cannot hold: see the class doc. */
    boolean unsupported;
    /** The last amount {@link #canFold} found small, and its minor units. */
    private @Nullable Money checkedAmount;

    private long checkedUnscaled;

    // ---- reused for every record, so that reading and writing one allocates only the record written

    private final PackedBytes.Reader reader = new PackedBytes.Reader(new byte[0], 0);
    /** Made on the first {@link #written}: rows that only pack or unpack a customer need neither. */
    private PackedBytes.@Nullable Writer scratch;

    private PackedBytes.@Nullable Writer inPlace;

    private CustomerRecords.@Nullable Currencies currencies;

    /**
     * Reads the record's fixed facts; its lists are found only when an event needs them ({@link #locateLists}). A
     * total written as a large number makes the row {@link #unsupported}; the rest is read all the same.
     */
    void read(byte[] record, @Nullable String knownId, CustomerRecords.Currencies table) {
        source = record;
        currencies = table;
        unsupported = false;
        newStays = 0;
        newOrder = NONE;
        newPaymentAt = NONE;
        this.table = null;
        PackedBytes.Reader in = reader;
        in.over(record, 0);
        if (knownId != null) {
            in.skip(in.unsignedInt());
            customerId = knownId;
        } else {
            customerId = in.string();
        }
        idEnd = in.position();
        readHeader(in);
        staysFrom = in.position();
        located = false;
        dirty = 0;
    }

    /**
     * Finds the lists of the record read (stays, orders, payments) and their last entries, once: what appending to
     * them and ordering a new payment need.
     */
    void locateLists() {
        if (located) {
            return;
        }
        located = true;
        PackedBytes.Reader in = reader;
        in.over(source, staysFrom);
        for (int v = 0; v < visits; v++) {
            in.unsigned();
            in.unsigned();
            skipTime(in);
        }
        staysTo = in.position();
        orders = in.unsignedInt();
        ordersFrom = in.position();
        lastOrderAt = NONE;
        for (int i = 0; i < orders; i++) {
            lastOrderAt = in.nanos(base);
        }
        ordersTo = in.position();
        payments = in.unsignedInt();
        paymentsFrom = in.position();
        lastPaymentAt = NONE;
        for (int i = 0; i < payments; i++) {
            lastPaymentAt = in.nanos(base);
            lastPaymentCurrency = in.unsignedInt();
            long tagged = in.unsigned();
            lastPaymentBig = (tagged & 1) != 0;
            if (lastPaymentBig) {
                in.skip(in.bigLength(tagged));
            } else {
                lastPaymentUnscaled = small(tagged);
            }
        }
        paymentsTo = in.position();
        extrasFrom = in.position();
    }

    /**
     * Starts a row for a customer seen for the first time at {@code at}: in stage {@code entry}, which is their first
     * stay, with no facts yet, as {@link TrackedCustomer} starts one.
     */
    void start(String id, int entry, long at, CustomerRecords.Currencies table) {
        PackedBytes.Writer idBytes = new PackedBytes.Writer(id.length() + 8);
        idBytes.string(id);
        source = idBytes.toArray();
        idEnd = source.length;
        customerId = id;
        currencies = table;
        unsupported = false;
        current = entry;
        highest = entry;
        base = Math.floorDiv(at, NANOS_PER_SECOND);
        evaluatedAt = at;
        firstSeen = NONE;
        lastActivity = NONE;
        firstOrder = NONE;
        loyalty = NONE;
        Arrays.fill(counts, 0);
        Arrays.fill(lastAt, NONE);
        lastNps = -1;
        spendCurrency = -1;
        refundCurrency = -1;
        bigSpend = null;
        bigRefund = null;
        extras = false;
        visits = 0;
        orders = 0;
        payments = 0;
        lastPaymentAt = NONE;
        lastOrderAt = NONE;
        staysFrom = idEnd;
        staysTo = idEnd;
        ordersFrom = idEnd;
        ordersTo = idEnd;
        paymentsFrom = idEnd;
        paymentsTo = idEnd;
        extrasFrom = idEnd;
        newStays = 0;
        newOrder = NONE;
        newPaymentAt = NONE;
        table = null;
        shapeRead = NO_SHAPE;
        located = true;
        dirty = 0;
        enter(entry, PackedStages.NO_RULE, at);
    }

    /**
     * Reads the record's header, which {@link #writeHeader} writes: the one definition of its layout. First the fixed
     * facts, each at a position the flags and masks before it give, so that they can be written again in place:
     *
     * <pre>
     * FLAGS:16 CURRENT:16 HIGHEST:16 COUNT_MASK:16 LAST_MASK:16 NPS+1:8 BASE_SECOND:64 EVALUATED_AT:64
     *    [FIRST_SEEN:T] [LAST_ACTIVITY:T] [FIRST_ORDER:T] [LOYALTY:T] ([COUNT:C] [LAST:T])*
     *    [SPEND_CURRENCY:16 SPEND:A] [REFUND_CURRENCY:16 REFUNDED:A]
     * </pre>
     *
     * <p>little-endian, with instants ({@code T}) as 32-bit whole seconds after the base second, counts ({@code C}) as
     * 16 bits and totals in minor units ({@code A}) as 32 bits, or, when one of them does not fit ({@link #WIDE}), as
     * 64-bit epoch nanoseconds, 64-bit counts and 64-bit totals; one count and latest instant per event type whose
     * bit is set in the masks. The instant of the last evaluation is always 64-bit epoch nanoseconds: an advance or a
     * timer brings a customer to any instant (a lapse falls a nanosecond after a whole second), which would otherwise
     * make the whole record wide. Then the variable part: a total
     * too large for its slot ({@link #BIG_SPEND}, {@link #BIG_REFUND}) as a large unscaled number, and the number of
     * stays.
     */
    void readHeader(PackedBytes.Reader in) {
        int flags = in.fixed16();
        current = in.fixed16();
        highest = in.fixed16();
        int countMask = in.fixed16();
        int lastMask = in.fixed16();
        shapeRead = shape(flags, countMask, lastMask);
        lastNps = in.fixed8() - 1;
        base = in.fixedSecond();
        boolean wide = (flags & WIDE) != 0;
        // an advance or a timer brings a customer to any instant, such as a lapse a nanosecond after a whole second
        evaluatedAt = in.fixedNanos(true, base);
        firstSeenAt = in.position();
        firstSeen = (flags & FIRST_SEEN) != 0 ? in.fixedNanos(wide, base) : NONE;
        lastActivityAt = in.position();
        lastActivity = (flags & LAST_ACTIVITY) != 0 ? in.fixedNanos(wide, base) : NONE;
        firstOrderAt = in.position();
        firstOrder = (flags & FIRST_ORDER) != 0 ? in.fixedNanos(wide, base) : NONE;
        loyaltyAt = in.position();
        loyalty = (flags & LOYALTY) != 0 ? in.fixedNanos(wide, base) : NONE;
        for (int t = 0; t < TYPES; t++) {
            countAt[t] = in.position();
            counts[t] = (countMask & (1 << t)) == 0 ? 0 : wide ? in.fixed64() : in.fixed16();
            lastAtAt[t] = in.position();
            lastAt[t] = (lastMask & (1 << t)) != 0 ? in.fixedNanos(wide, base) : NONE;
        }
        spendCurrency = -1;
        refundCurrency = -1;
        bigSpend = null;
        bigRefund = null;
        if ((flags & TOTAL_SPEND) != 0) {
            spendCurrency = in.fixed16();
            spend = wide ? in.fixed64() : (int) in.fixed32();
        }
        if ((flags & REFUNDED) != 0) {
            refundCurrency = in.fixed16();
            refund = wide ? in.fixed64() : (int) in.fixed32();
        }
        extras = (flags & EXTRAS) != 0;
        if ((flags & BIG_SPEND) != 0) {
            bigSpend = big(in);
        }
        if ((flags & BIG_REFUND) != 0) {
            bigRefund = big(in);
        }
        visits = in.count(CustomerRecords.STAY_BYTES);
    }

    /** Passes the current and furthest stage index of a record's header at {@code headerStart}, read in place. */
    static void stages(byte[] record, int headerStart, CustomerStore.StagePair action) {
        PackedBytes.Reader in = new PackedBytes.Reader(record, headerStart);
        in.fixed16();
        int current = in.fixed16();
        action.accept(current, in.fixed16());
    }

    /** The flags and masks of a header as one value: two headers of the same shape have the same length. */
    private static long shape(int flags, int countMask, int lastMask) {
        return (long) flags << 32 | (long) countMask << 16 | lastMask;
    }

    /** Reads a total too large for its slot; a row holding one is unsupported. */
    private java.math.BigInteger big(PackedBytes.Reader in) {
        unsupported = true;
        return in.unscaled(0).unscaledValue();
    }

    /** The value of a small tagged unscaled amount. */
    private static long small(long tagged) {
        long zigzag = tagged >>> 1;
        return (zigzag >>> 1) ^ -(zigzag & 1);
    }

    private static void skipTime(PackedBytes.Reader in) {
        long tagged = in.unsigned();
        if (PackedBytes.Reader.tag(tagged) == PackedBytes.WITH_NANOS) {
            in.unsigned();
        }
    }

    /** Writes the header {@link #readHeader} reads, with the number of stays. */
    void writeHeader(PackedBytes.Writer out, int stays) {
        writeHeader(out, stays, shapeNow());
    }

    /** As {@link #writeHeader(PackedBytes.Writer, int)}, with the shape of the row's facts already known. */
    private void writeHeader(PackedBytes.Writer out, int stays, long shape) {
        writeFixed(out, shape);
        int flags = (int) (shape >>> 32);
        boolean bigSpent = (flags & BIG_SPEND) != 0;
        boolean bigRefunded = (flags & BIG_REFUND) != 0;
        if (bigSpent) {
            out.unscaled(new java.math.BigDecimal(java.util.Objects.requireNonNull(bigSpend)));
        }
        if (bigRefunded) {
            out.unscaled(new java.math.BigDecimal(java.util.Objects.requireNonNull(bigRefund)));
        }
        out.unsigned(stays);
    }

    /** Whether a total is too large for its slot: {@link PackedBytes#SMALL_UNSCALED_BITS} bits or more. */
    private static boolean isBig(java.math.@Nullable BigInteger total) {
        return total != null && total.bitLength() >= PackedBytes.SMALL_UNSCALED_BITS;
    }

    /** A total in minor units of its slot: the small total, or a large number given that is not large. */
    private static long slot(long small, java.math.@Nullable BigInteger given) {
        return given == null ? small : isBig(given) ? 0 : given.longValueExact();
    }

    /** The shape ({@link #shape}) of the header the row's facts make now. */
    private long shapeNow() {
        return shapeNow(isBig(bigSpend), isBig(bigRefund));
    }

    /**
     * The shape ({@link #shape}) of the header the row's facts make: its flags, {@link #WIDE} when an instant or a
     * count does not fit the narrow layout (see {@link #readHeader}), and its masks.
     */
    private long shapeNow(boolean bigSpent, boolean bigRefunded) {
        long from = base * NANOS_PER_SECOND;
        long to = narrowEnd(from);
        boolean wide = !narrow(firstSeen, from, to)
                || !narrow(lastActivity, from, to)
                || !narrow(firstOrder, from, to)
                || !narrow(loyalty, from, to);
        if (spendCurrency >= 0) {
            wide |= !narrowTotal(slot(spend, bigSpend));
        }
        if (refundCurrency >= 0) {
            wide |= !narrowTotal(slot(refund, bigRefund));
        }
        int countMask = 0;
        int lastMask = 0;
        for (int t = 0; t < TYPES; t++) {
            long count = counts[t];
            if (count != 0) {
                countMask |= 1 << t;
                wide |= count > NARROW_COUNT;
            }
            long last = lastAt[t];
            if (last != NONE) {
                lastMask |= 1 << t;
                wide |= !narrow(last, from, to);
            }
        }
        int flags = (firstSeen != NONE ? FIRST_SEEN : 0)
                | (lastActivity != NONE ? LAST_ACTIVITY : 0)
                | (firstOrder != NONE ? FIRST_ORDER : 0)
                | (spendCurrency >= 0 ? TOTAL_SPEND : 0)
                | (refundCurrency >= 0 ? REFUNDED : 0)
                | (loyalty != NONE ? LOYALTY : 0)
                | (extras ? EXTRAS : 0)
                | (wide ? WIDE : 0)
                | (bigSpent ? BIG_SPEND : 0)
                | (bigRefunded ? BIG_REFUND : 0);
        return shape(flags, countMask, lastMask);
    }

    /** The last instant of the narrow layout, {@link #NARROW_SECONDS} after {@code from} (the base's nanoseconds). */
    private static long narrowEnd(long from) {
        return from > Long.MAX_VALUE - NARROW_SPAN ? Long.MAX_VALUE : from + NARROW_SPAN;
    }

    /**
     * Whether an instant, or {@link #NONE}, is whole seconds from {@code from} (the base second's nanoseconds) up to
     * {@code to}, the base plus {@link #NARROW_SECONDS} seconds.
     */
    private static boolean narrow(long at, long from, long to) {
        return at == NONE || (at >= from && at <= to && at % NANOS_PER_SECOND == 0);
    }

    /** Writes the fixed facts of a header of the shape given. */
    private void writeFixed(PackedBytes.Writer out, long shape) {
        int flags = (int) (shape >>> 32);
        boolean wide = (flags & WIDE) != 0;
        out.fixed16(flags);
        out.fixed16(current);
        out.fixed16(highest);
        out.fixed16((int) (shape >>> 16) & 0xFFFF);
        out.fixed16((int) shape & 0xFFFF);
        out.fixed8(lastNps + 1);
        out.fixed64(base);
        fixedInstant(out, evaluatedAt, true);
        if (firstSeen != NONE) {
            fixedInstant(out, firstSeen, wide);
        }
        if (lastActivity != NONE) {
            fixedInstant(out, lastActivity, wide);
        }
        if (firstOrder != NONE) {
            fixedInstant(out, firstOrder, wide);
        }
        if (loyalty != NONE) {
            fixedInstant(out, loyalty, wide);
        }
        for (int t = 0; t < TYPES; t++) {
            if (counts[t] != 0) {
                if (wide) {
                    out.fixed64(counts[t]);
                } else {
                    out.fixed16((int) counts[t]);
                }
            }
            if (lastAt[t] != NONE) {
                fixedInstant(out, lastAt[t], wide);
            }
        }
        if (spendCurrency >= 0) {
            out.fixed16(spendCurrency);
            total(out, slot(spend, bigSpend), wide);
        }
        if (refundCurrency >= 0) {
            out.fixed16(refundCurrency);
            total(out, slot(refund, bigRefund), wide);
        }
    }

    private static void total(PackedBytes.Writer out, long minorUnits, boolean wide) {
        if (wide) {
            out.fixed64(minorUnits);
        } else {
            out.fixed32(minorUnits);
        }
    }

    /** Whether a total in minor units fits the narrow layout's 32 bits. */
    private static boolean narrowTotal(long minorUnits) {
        return minorUnits == (int) minorUnits;
    }

    private void fixedInstant(PackedBytes.Writer out, long at, boolean wide) {
        if (wide) {
            out.fixed64(at);
        } else {
            out.fixed32(Math.floorDiv(at, NANOS_PER_SECOND) - base);
        }
    }

    /**
     * The record of the row's facts and what the step appended. When the header keeps the shape of the record read and
     * nothing is appended, only the fixed facts change and they are written over the record read itself ({@code
     * overSource}, for a store that owns it) or over a copy of it; otherwise the record is written anew.
     */
    byte[] written(boolean overSource) {
        if (changesInPlace()) {
            byte[] target = overSource ? source : source.clone();
            writeChanged(target);
            return target;
        }
        long shape = shapeNow();
        if (shape == shapeRead && keepsLayout()) {
            byte[] target = overSource ? source : source.clone();
            PackedBytes.Writer out = inPlaceWriter();
            out.over(target, idEnd);
            writeFixed(out, shape);
            return target;
        }
        PackedBytes.Writer out = scratch;
        if (out == null) {
            out = new PackedBytes.Writer(256);
            scratch = out;
        }
        out.reset();
        write(out, shape);
        return out.toArray();
    }

    /**
     * Whether the record read is narrow and the step appended nothing and changed only facts the header already holds,
     * to values that are narrow too: then the header keeps its shape ({@link #shapeNow} would give the shape read), and
     * {@link #writeChanged} writes the changed facts alone. A wide header (rare: instants with fractions of a second,
     * counts beyond 16 bits) is written whole, since a fact that changes may make it narrow.
     */
    private boolean changesInPlace() {
        if (!keepsLayout()) {
            return false;
        }
        int flags = (int) (shapeRead >>> 32);
        if ((flags & (WIDE | BIG_SPEND | BIG_REFUND)) != 0) {
            return false;
        }
        long from = base * NANOS_PER_SECOND;
        long to = narrowEnd(from);
        int countMask = (int) (shapeRead >>> 16) & 0xFFFF;
        int lastMask = (int) shapeRead & 0xFFFF;
        long changed = dirty;
        for (long bits = changed & 0xFFFF; bits != 0; bits &= bits - 1) {
            int t = Long.numberOfTrailingZeros(bits);
            if ((countMask & (1 << t)) == 0 || counts[t] > NARROW_COUNT) {
                return false;
            }
        }
        for (long bits = (changed >>> DIRTY_LAST) & 0xFFFF; bits != 0; bits &= bits - 1) {
            int t = Long.numberOfTrailingZeros(bits);
            if ((lastMask & (1 << t)) == 0 || !narrow(lastAt[t], from, to)) {
                return false;
            }
        }
        return keeps(changed, DIRTY_FIRST_SEEN, flags, FIRST_SEEN, firstSeen, from, to)
                && keeps(changed, DIRTY_LAST_ACTIVITY, flags, LAST_ACTIVITY, lastActivity, from, to)
                && keeps(changed, DIRTY_FIRST_ORDER, flags, FIRST_ORDER, firstOrder, from, to)
                && keeps(changed, DIRTY_LOYALTY, flags, LOYALTY, loyalty, from, to);
    }

    /**
     * Whether the row was read from a record and the step appended to none of its lists (no stay, order or payment)
     * and has no total too large for its slot: the record's layout stays, and only its fixed facts may change.
     */
    private boolean keepsLayout() {
        return appendsToNoList() && bigSpend == null && bigRefund == null;
    }

    /** Whether the row was read from a record and the step appended no stay, order or payment to its lists. */
    private boolean appendsToNoList() {
        return shapeRead != NO_SHAPE && newStays == 0 && newOrder == NONE && newPaymentAt == NONE;
    }

    /** Whether an instant that may have changed keeps the shape: unchanged, or held by the header and still narrow. */
    private static boolean keeps(long changed, long bit, int flags, int flag, long at, long from, long to) {
        return (changed & bit) == 0 || ((flags & flag) != 0 && narrow(at, from, to));
    }

    /**
     * Writes over {@code target}, the record read or a copy of it, the stages, the NPS score, the instant of the last
     * evaluation and the facts the fold changed, at their positions in the narrow header read ({@link #changesInPlace}).
     */
    private void writeChanged(byte[] target) {
        PackedBytes.Writer out = inPlaceWriter();
        out.over(target, idEnd + CURRENT_OFFSET);
        out.fixed16(current);
        out.fixed16(highest);
        out.over(target, idEnd + NPS_OFFSET);
        out.fixed8(lastNps + 1);
        out.over(target, idEnd + EVALUATED_AT_OFFSET);
        out.fixed64(evaluatedAt);
        long changed = dirty;
        for (long bits = changed & 0xFFFF; bits != 0; bits &= bits - 1) {
            int t = Long.numberOfTrailingZeros(bits);
            out.over(target, countAt[t]);
            out.fixed16((int) counts[t]);
        }
        for (long bits = (changed >>> DIRTY_LAST) & 0xFFFF; bits != 0; bits &= bits - 1) {
            int t = Long.numberOfTrailingZeros(bits);
            writeNarrow(out, target, lastAtAt[t], lastAt[t]);
        }
        if ((changed & DIRTY_FIRST_SEEN) != 0) {
            writeNarrow(out, target, firstSeenAt, firstSeen);
        }
        if ((changed & DIRTY_LAST_ACTIVITY) != 0) {
            writeNarrow(out, target, lastActivityAt, lastActivity);
        }
        if ((changed & DIRTY_FIRST_ORDER) != 0) {
            writeNarrow(out, target, firstOrderAt, firstOrder);
        }
        if ((changed & DIRTY_LOYALTY) != 0) {
            writeNarrow(out, target, loyaltyAt, loyalty);
        }
    }

    private PackedBytes.Writer inPlaceWriter() {
        PackedBytes.Writer out = inPlace;
        if (out == null) {
            out = new PackedBytes.Writer(new byte[0], 0);
            inPlace = out;
        }
        return out;
    }

    private void writeNarrow(PackedBytes.Writer out, byte[] target, int position, long at) {
        out.over(target, position);
        fixedInstant(out, at, false);
    }

    /** Writes one stay of the list of stays. */
    static void writeStay(PackedBytes.Writer out, int stage, int rule, long entered, long base) {
        out.unsigned(stage);
        out.unsigned(rule + 1L);
        out.nanos(entered, base);
    }

    /** Writes one payment of the list of payments: its instant, currency number and amount in minor units. */
    static void writePayment(PackedBytes.Writer out, long at, int currency, long unscaled, long base) {
        out.nanos(at, base);
        out.unsigned(currency);
        out.unscaled(unscaled);
    }

    /**
     * Writes the record, its header of the shape given: the id, header and lists copied from the record read, with
     * what the step appended.
     */
    private void write(PackedBytes.Writer out, long shape) {
        out.bytes(source, 0, idEnd);
        writeHeader(out, visits + newStays, shape);
        if (appendsToNoList()) {
            out.bytes(source, staysFrom, source.length);
            return;
        }
        locateLists();
        out.bytes(source, staysFrom, staysTo);
        for (int i = 0; i < newStays; i++) {
            writeStay(out, PackedStages.stage(newStay[i]), PackedStages.rule(newStay[i]), newStayAt[i], base);
        }
        out.unsigned(orders + (newOrder != NONE ? 1L : 0L));
        out.bytes(source, ordersFrom, ordersTo);
        if (newOrder != NONE) {
            out.nanos(newOrder, base);
        }
        out.unsigned(payments + (newPaymentAt != NONE ? 1L : 0L));
        out.bytes(source, paymentsFrom, paymentsTo);
        if (newPaymentAt != NONE) {
            writePayment(out, newPaymentAt, newPaymentCurrency, newPaymentUnscaled, base);
        }
        out.bytes(source, extrasFrom, source.length);
    }

    // ---- the step, in place

    /** The one-row table the column conditions read this row's facts from; see {@link #attach}. */
    private @Nullable ProfileTable table;

    /**
     * Makes the row's facts those a one-row table's column conditions read: fills row 0 of {@code columns} (the
     * columns of {@code table}) with what {@code needs} names. Call after the facts change (a fold).
     */
    void attach(ProfileColumns columns, ProfileTable onColumns, FactNeeds needs) {
        columns.ids[0] = customerId;
        load(columns, needs);
        this.table = onColumns;
    }

    private ProfileTable table0() {
        return java.util.Objects.requireNonNull(table, "attach the row to a table first");
    }

    @Override
    String customerId() {
        return customerId;
    }

    @Override
    long nextChangeAfter(LifecycleClassifier classifier, long afterNanos) {
        return classifier.nextChangeAfter(current, table0(), 0, afterNanos);
    }

    @Override
    long walk(LifecycleClassifier classifier, Instant asOf, LifecycleClassifier.StepSink sink) {
        return classifier.walk(current, table0(), 0, asOf, sink);
    }

    /** Records a stay the walk entered: the history's new entry, and the current stage. */
    @Override
    void enter(int stage, int rule, long at) {
        if (newStays == newStay.length) {
            newStay = Arrays.copyOf(newStay, newStays * 2);
            newStayAt = Arrays.copyOf(newStayAt, newStays * 2);
        }
        newStay[newStays] = PackedStages.stay(stage, rule);
        newStayAt[newStays] = at;
        newStays++;
        current = stage;
    }

    /**
     * Fills row 0 of a one-row table with the facts a template's column conditions read ({@code needs}), so that they
     * test this customer. The table's columns are those of {@link ProfileColumns#ProfileColumns(int, FactNeeds)} for
     * the same needs.
     */
    private void load(ProfileColumns row, FactNeeds needs) {
        for (int t = 0; t < TYPES; t++) {
            long[] count = row.counts[t];
            if (count != null) {
                count[0] = counts[t];
            }
            long[] seconds = row.lastSecond[t];
            if (seconds != null) {
                set(seconds, row.lastNano[t], lastAt[t]);
            }
        }
        if (needs.lastActivity) {
            set(row.lastActivitySecond, row.lastActivityNano, lastActivity);
        }
        if (needs.firstOrder) {
            set(row.firstOrderSecond, row.firstOrderNano, firstOrder);
        }
        row.lastNps[0] = (byte) lastNps;
    }

    private static void set(long[] seconds, int[] nanos, long at) {
        if (at == NONE) {
            seconds[0] = ProfileTable.NONE;
            nanos[0] = 0;
        } else {
            seconds[0] = Math.floorDiv(at, NANOS_PER_SECOND);
            nanos[0] = (int) Math.floorMod(at, NANOS_PER_SECOND);
        }
    }

    /**
     * Checks that the fold can take the event, as {@link CustomerProfile#checkCanAdd} does: an amount in the currency
     * of the customer's earlier amounts (the spend's, or the refunds' without spend).
     *
     * @throws IllegalArgumentException with the profile's message if it cannot
     */
    void checkCanAdd(CustomerEvent event) {
        Money amount = event.amountOrNull();
        if (amount != null && (event.type() == EventType.PURCHASE || event.type() == EventType.REFUND)) {
            int earlier = spendCurrency >= 0 ? spendCurrency : refundCurrency;
            CustomerProfile.checkSameCurrency(
                    earlier < 0 ? null : currencyTable().at(earlier), amount, event, customerId);
        }
    }

    /**
     * Whether the event can be folded into this row without making it {@link #unsupported}: no custom type, no
     * attributes, and an amount whose sum with the total of its kind stays within a long in the total's own currency.
     * Asked before anything changes, so that an event the row cannot take goes the object path whole.
     */
    boolean canFold(CustomerEvent event) {
        if (unsupported
                || event.customTypeOrNull() != null
                || !event.attributes().isEmpty()) {
            return false;
        }
        Money amount = event.amountOrNull();
        EventType type = event.type();
        if (type == EventType.PURCHASE || type == EventType.REFUND) {
            locateLists();
        }
        if (type == EventType.PURCHASE
                && lastOrderAt != NONE
                && TrackerTime.toNanosOfSupported(event.timestamp()) < lastOrderAt) {
            // an order before the last one would not be appended at the end
            return false;
        }
        if (amount == null || (type != EventType.PURCHASE && type != EventType.REFUND)) {
            return true;
        }
        java.math.BigInteger value = amount.amount().unscaledValue();
        if (value.bitLength() >= PackedBytes.SMALL_UNSCALED_BITS) {
            return false;
        }
        checkedAmount = amount;
        checkedUnscaled = value.longValue();
        boolean purchase = type == EventType.PURCHASE;
        if (!appendsLast(
                event, purchase ? amount : Money.zero(amount.currency()).minus(amount))) {
            return false;
        }
        int currency = purchase ? spendCurrency : refundCurrency;
        if (currency < 0) {
            return true;
        }
        return currency == currencyTable().numberOf(amount.currency())
                && fits(
                        purchase ? spend : refund,
                        value.longValue(),
                        amount.amount().scale());
    }

    /**
     * Whether the event's payment sorts after the record's last in the profile's order of payments (time, then
     * amount, then currency), so that appending keeps the order; only a tie in time can sort before, and such a tie
     * is compared by the profile's own rule.
     */
    private boolean appendsLast(CustomerEvent event, Money paid) {
        long at = TrackerTime.toNanosOfSupported(event.timestamp());
        if (lastPaymentAt == NONE || at != lastPaymentAt) {
            return lastPaymentAt == NONE || at > lastPaymentAt;
        }
        if (lastPaymentBig) {
            return false;
        }
        Money last = CustomerRecords.money(lastPaymentCurrency, null, lastPaymentUnscaled, currencyTable());
        return CustomerProfile.comparePayments(
                        new CustomerProfile.Payment(TrackerTime.toInstant(lastPaymentAt), last),
                        new CustomerProfile.Payment(event.timestamp(), paid))
                <= 0;
    }

    /** Whether a total plus an amount stays a small unscaled number below the bound of {@link Money}. */
    private static boolean fits(long total, long unscaled, int scale) {
        long sum = total + unscaled;
        boolean overflow = ((total ^ sum) & (unscaled ^ sum)) < 0;
        return !overflow && sum < 1L << (PackedBytes.SMALL_UNSCALED_BITS - 1) && Money.isBelowLimit(sum, scale);
    }

    private CustomerRecords.Currencies currencyTable() {
        return java.util.Objects.requireNonNull(currencies, "read a record first");
    }

    // ---- the fold's sink: the rules of ProfileFold.InOrder on primitives

    @Override
    public void counted(EventType type, Instant at) {
        int t = type.ordinal();
        counts[t] = Checks.saturatedAdd(counts[t], 1);
        lastAt[t] = Math.max(lastAt[t], TrackerTime.toNanosOfSupported(at));
        dirty |= 1L << t | 1L << (DIRTY_LAST + t);
    }

    @Override
    public void activity(Instant at) {
        long nanos = TrackerTime.toNanosOfSupported(at);
        firstSeen = firstSeen == NONE ? nanos : Math.min(firstSeen, nanos);
        lastActivity = Math.max(lastActivity, nanos);
        dirty |= DIRTY_FIRST_SEEN | DIRTY_LAST_ACTIVITY;
    }

    @Override
    public void order(Instant at) {
        long nanos = TrackerTime.toNanosOfSupported(at);
        firstOrder = firstOrder == NONE ? nanos : Math.min(firstOrder, nanos);
        newOrder = nanos;
        dirty |= DIRTY_FIRST_ORDER;
    }

    @Override
    public void spend(CustomerEvent event, Money amount, CustomerProfile.Payment payment) {
        add(false, amount, payment);
    }

    @Override
    public void refund(CustomerEvent event, Money amount, CustomerProfile.Payment payment) {
        add(true, amount, payment);
    }

    /** Adds an amount to the total spend or the refunded amount, and its payment (negative for a refund). */
    private void add(boolean refunded, Money amount, CustomerProfile.Payment payment) {
        long unscaled = unscaled(amount);
        if (unsupported) {
            return;
        }
        int currency = currencyTable().numberOf(amount.currency());
        int kept = refunded ? refundCurrency : spendCurrency;
        long total = kept < 0 ? unscaled : sum(refunded ? refund : spend, unscaled, amount);
        if (refunded) {
            refundCurrency = currency;
            refund = total;
        } else {
            spendCurrency = currency;
            spend = total;
        }
        payment(payment, currency, refunded ? -unscaled : unscaled);
    }

    private void payment(CustomerProfile.Payment payment, int currency, long unscaled) {
        newPaymentAt = TrackerTime.toNanosOfSupported(payment.at());
        newPaymentCurrency = currency;
        newPaymentUnscaled = unscaled;
    }

    /** An amount's minor units; one beyond a long's range makes the row unsupported. */
    @SuppressWarnings("ReferenceEquality") // the very object canFold checked, not an equal amount
    private long unscaled(Money amount) {
        if (amount == checkedAmount) {
            // the amount canFold checked (amounts are immutable): its minor units without a second BigInteger
            return checkedUnscaled;
        }
        java.math.BigInteger value = amount.amount().unscaledValue();
        if (value.bitLength() >= PackedBytes.SMALL_UNSCALED_BITS) {
            unsupported = true;
            return 0;
        }
        return value.longValue();
    }

    /**
     * A total plus an amount in minor units; a sum {@link #canFold} would have refused makes the row unsupported, and
     * the object path gives the total or the failure.
     */
    private long sum(long total, long unscaled, Money amount) {
        if (!fits(total, unscaled, amount.amount().scale())) {
            unsupported = true;
            return total;
        }
        return total + unscaled;
    }

    @Override
    public void nps(CustomerEvent event) {
        lastNps = event.npsScoreOrMinusOne();
    }

    @Override
    public void loyalty(Instant at) {
        long nanos = TrackerTime.toNanosOfSupported(at);
        loyalty = loyalty == NONE ? nanos : Math.min(loyalty, nanos);
        dirty |= DIRTY_LOYALTY;
    }

    @Override
    public void custom(String customType) {
        unsupported = true;
    }

    @Override
    public void attributes(CustomerEvent event) {
        unsupported = true;
    }
}
