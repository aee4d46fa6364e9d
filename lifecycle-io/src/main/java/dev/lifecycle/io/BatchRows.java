package dev.lifecycle.io;

import static dev.lifecycle.io.AsciiValues.NOT_READ;
import static dev.lifecycle.io.AsciiValues.stripEnd;
import static dev.lifecycle.io.AsciiValues.stripStart;
import static dev.lifecycle.io.EventMapping.quote;

import dev.lifecycle.core.CustomerEvent;
import dev.lifecycle.core.EventBatch;
import dev.lifecycle.core.EventType;
import dev.lifecycle.core.Money;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongConsumer;
import org.jspecify.annotations.Nullable;

/**
 * The rows of one source read into an {@link EventBatch}: the batch side of {@link EventFileReader#readBatch}.
 *
 * <p>A CSV record or CDNOW line goes first through {@link #csv} or {@link #cdnow}, which read its fields from its bytes:
 * no {@code String} per field, a customer met before found by its bytes ({@link EventBatch.Builder#customer(byte[], int, int)}), the type matched
 * against the mapping's names as bytes, the amount and the timestamp read by {@link AsciiValues}. These byte paths only
 * ever accept a row, and only one whose every value they read exactly as the text path would; any row they are not
 * sure of (a byte outside ASCII, a doubled quote, a field count off, a value in a rarer form or breaking a rule) they
 * leave to the caller, who reads it by the text path of {@link EventFileReader#read(java.io.InputStream, String)} and
 * hands the result to {@link #add(long, RowResult)}. So the rejections and their messages are those of the text path
 * by construction. Not thread-safe.
 */
final class BatchRows extends Tally {
    private static final Currency USD = Currency.getInstance("USD");

    private final EventBatch.Builder builder;
    /** Whether the events keep their ids: only ids from a mapped event-id column are kept. */
    private final boolean keepIds;
    /** Whether a row met one of the batch's bounds, which depend on the rows before it: see {@link #join}. */
    private boolean boundMet;

    /** The day of the last timestamp read. */
    private final AsciiValues.LastDay lastDay = new AsciiValues.LastDay();

    /** The most rows {@link #stage} keeps before it adds them. */
    private static final int STAGED = 64;

    private int staged;
    private int stagedBytes;
    private final byte[] stagedIds = new byte[STAGED * 32];
    private final int[] stagedFrom = new int[STAGED];
    private final int[] stagedLength = new int[STAGED];
    private final int[] stagedCodes = new int[STAGED];
    private final EventType[] stagedTypes = new EventType[STAGED];
    private final long[] stagedSeconds = new long[STAGED];
    private final int[] stagedNanos = new int[STAGED];
    private final long[] stagedUnits = new long[STAGED];
    private final @Nullable Currency[] stagedCurrencies = new Currency[STAGED];
    private final long[] stagedLines = new long[STAGED];

    // CSV: the bound mapping
    private final int width;
    private final int customerAt;
    private final int timestampAt;
    private final int typeAt;
    private final int amountAt;
    private final int currencyAt;
    private final int eventIdAt;
    private final byte delimiter;
    private final @Nullable EventMapping mapping;
    private final @Nullable EventType constantType;
    private final @Nullable Currency defaultCurrency;
    private final long offsetSeconds;
    /** The texts of a type column, lower-case ASCII, by their length, and their types. */
    private final byte[][][] typeKeys;
    /** The same texts in upper-case ASCII. */
    private final byte[][][] typeKeysUpper;

    private final EventType[][] typeValues;
    private final int[] starts;
    private final int[] ends;
    /** The currencies met in a currency column: the three upper-case letters packed in an int, and the currency. */
    private int[] currencyKeys = new int[0];

    private Currency[] currencyValues = new Currency[0];

    // CDNOW: one purchase per customer and day, kept until the end since later rows add to it
    private int dayCount;
    private int[] dayCustomers = new int[0];
    private long[] dayStarts = new long[0];
    private long[] dayCents = new long[0];
    private long[] dayKeys = new long[0];
    private int[] daySlots = new int[0];

    /** Rows of a CDNOW file. */
    BatchRows(LongConsumer progress) {
        super(EventFile.Format.CDNOW, List.of(), null, progress);
        this.builder = EventBatch.builder();
        this.keepIds = false;
        this.width = 4;
        this.customerAt = -1;
        this.timestampAt = -1;
        this.typeAt = -1;
        this.amountAt = -1;
        this.currencyAt = -1;
        this.eventIdAt = -1;
        this.delimiter = ' ';
        this.mapping = null;
        this.constantType = EventType.PURCHASE;
        this.defaultCurrency = USD;
        this.offsetSeconds = 0;
        this.typeKeys = new byte[0][][];
        this.typeKeysUpper = new byte[0][][];
        this.typeValues = new EventType[0][];
        this.starts = new int[0];
        this.ends = new int[0];
        this.dayKeys = new long[1024];
        this.daySlots = new int[1024];
        Arrays.fill(daySlots, -1);
    }

    /**
     * Rows of a CSV file or a result set read through a mapping bound to its header, about {@code expectedRows} of
     * them (the batch's columns start at that size) of about {@code expectedCustomers} customers (the table of their
     * ids starts at that size).
     */
    BatchRows(
            EventFile.Format format,
            EventMapping mapping,
            EventMapping.Bound bound,
            char delimiter,
            LongConsumer progress,
            int expectedRows,
            int expectedCustomers) {
        super(format, bound.ignored(), mapping.columns().get("event id"), progress);
        this.builder = new EventBatch.Builder(expectedRows, expectedCustomers);
        this.keepIds = eventIdColumn != null;
        this.width = bound.width();
        this.customerAt = bound.columnOf(0);
        this.timestampAt = bound.columnOf(1);
        this.typeAt = bound.columnOf(2);
        this.amountAt = bound.columnOf(3);
        this.currencyAt = bound.columnOf(4);
        this.eventIdAt = bound.columnOf(5);
        this.delimiter = (byte) delimiter;
        this.mapping = mapping;
        this.constantType = mapping.constantType();
        this.defaultCurrency = mapping.defaultCurrency();
        this.offsetSeconds = AsciiValues.offsetSeconds(mapping.zone());
        int longest = 0;
        for (String name : mapping.rowTypeNames().keySet()) {
            longest = Math.max(longest, name.length());
        }
        this.typeKeys = new byte[longest + 1][0][];
        this.typeKeysUpper = new byte[longest + 1][0][];
        this.typeValues = new EventType[longest + 1][0];
        for (Map.Entry<String, EventType> name : mapping.rowTypeNames().entrySet()) {
            String key = name.getKey();
            if (key.chars().allMatch(c -> c < 0x80)) {
                int length = key.length();
                typeKeys[length] = Arrays.copyOf(typeKeys[length], typeKeys[length].length + 1);
                typeValues[length] = Arrays.copyOf(typeValues[length], typeValues[length].length + 1);
                typeKeys[length][typeKeys[length].length - 1] = key.getBytes(StandardCharsets.US_ASCII);
                typeKeysUpper[length] = Arrays.copyOf(typeKeysUpper[length], typeKeysUpper[length].length + 1);
                typeKeysUpper[length][typeKeysUpper[length].length - 1] =
                        key.toUpperCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
                typeValues[length][typeValues[length].length - 1] = name.getValue();
            }
        }
        this.starts = new int[width];
        this.ends = new int[width];
    }

    /**
     * Reads a CSV record from its bytes when it is a plain row whose values are all in the common forms, and adds its
     * event or, when its event id repeats an earlier row's, its rejection.
     *
     * @param r the record's bytes, without its line end
     * @param n the number of bytes
     * @param line the record's first line
     * @return false if the record was left alone, for the text path
     */
    boolean csv(byte[] r, int n, long line) {
        if (readCsv(r, n, line)) {
            return true;
        }
        // the text path's row comes after the rows staged before it
        flush();
        return false;
    }

    private boolean readCsv(byte[] r, int n, long line) {
        int any = 0;
        int field = 0;
        int i = 0;
        byte d = delimiter;
        while (true) {
            if (field == width) {
                return false;
            }
            int start;
            int end;
            if (i < n && r[i] == '"') {
                start = i + 1;
                int close = start;
                while (close < n && r[close] != '"') {
                    if (r[close] == '\n' || r[close] == '\r') {
                        return false;
                    }
                    any |= r[close];
                    close++;
                }
                if (close == n || (close + 1 < n && r[close + 1] != d)) {
                    return false;
                }
                end = close;
                i = close + 1;
            } else {
                start = i;
                i = plainFieldEnd(r, i, n);
                if (i < 0) {
                    return false;
                }
                end = i;
            }
            starts[field] = start;
            ends[field] = end;
            field++;
            if (i >= n) {
                break;
            }
            i++;
        }
        if (field != width || any < 0) {
            // a wrong field count is the text path's rejection, a byte outside ASCII its decoding
            return false;
        }
        int cs = stripStart(r, starts[customerAt], ends[customerAt]);
        int ce = stripEnd(r, cs, ends[customerAt]);
        if (cs == ce) {
            return false;
        }
        int ts = stripStart(r, starts[timestampAt], ends[timestampAt]);
        int te = stripEnd(r, ts, ends[timestampAt]);
        long nanos = AsciiValues.epochNanos(r, ts, te, offsetSeconds, lastDay);
        long second;
        int nano;
        if (nanos != NOT_READ) {
            second = Math.floorDiv(nanos, 1_000_000_000L);
            nano = (int) Math.floorMod(nanos, 1_000_000_000L);
        } else {
            // a rarer form: the mapping's own text path, whose failure is the text path's rejection
            Instant at;
            try {
                at = requireMapping().instant(new String(r, ts, te - ts, StandardCharsets.ISO_8859_1));
            } catch (IllegalArgumentException e) {
                return false;
            }
            second = at.getEpochSecond();
            nano = at.getNano();
        }
        EventType type = constantType;
        if (type == null) {
            // stripped from both ends: a field of blanks only is empty, not of negative length
            int ys = stripStart(r, starts[typeAt], ends[typeAt]);
            type = type(r, ys, stripEnd(r, ys, ends[typeAt]));
            if (type == null) {
                return false;
            }
        }
        String id = null;
        if (keepIds) {
            int is = stripStart(r, starts[eventIdAt], ends[eventIdAt]);
            int ie = stripEnd(r, is, ends[eventIdAt]);
            if (is == ie) {
                return false;
            }
            id = new String(r, is, ie - is, StandardCharsets.ISO_8859_1);
        }
        long units = EventBatch.NO_AMOUNT;
        Currency currency = null;
        if (amountAt >= 0) {
            int as = stripStart(r, starts[amountAt], ends[amountAt]);
            int ae = stripEnd(r, as, ends[amountAt]);
            if (as < ae) {
                if (type != EventType.PURCHASE && type != EventType.REFUND) {
                    return false;
                }
                int ks = defaultCurrency != null ? 0 : stripStart(r, starts[currencyAt], ends[currencyAt]);
                currency =
                        defaultCurrency != null ? defaultCurrency : currency(r, ks, stripEnd(r, ks, ends[currencyAt]));
                if (currency == null) {
                    return false;
                }
                units = AsciiValues.minorUnits(r, as, ae, Math.max(currency.getDefaultFractionDigits(), 0));
                if (units == NOT_READ) {
                    return false;
                }
            }
        }
        if (id == null) {
            stage(r, cs, ce, type, second, nano, units, currency, line);
            return true;
        }
        if (claim(line, id)) {
            addRow(builder.customer(r, cs, ce), type, second, nano, units, currency, line, id);
        }
        return true;
    }

    /**
     * Keeps a row read from its bytes until {@link #STAGED} rows are staged, then adds them all ({@link #flush}): their
     * customers are looked up together ({@link EventBatch.Builder#customers}), which overlaps the cache misses of a large table.
     * An id that does not fit the staging bytes is looked up at once, after the rows staged before it.
     */
    private void stage(
            byte[] r,
            int from,
            int to,
            EventType type,
            long second,
            int nano,
            long units,
            @Nullable Currency currency,
            long line) {
        int length = to - from;
        if (stagedBytes + length > stagedIds.length) {
            flush();
            if (length > stagedIds.length) {
                addRow(builder.customer(r, from, to), type, second, nano, units, currency, line, null);
                return;
            }
        }
        int i = staged;
        System.arraycopy(r, from, stagedIds, stagedBytes, length);
        stagedFrom[i] = stagedBytes;
        stagedLength[i] = length;
        stagedBytes += length;
        stagedTypes[i] = type;
        stagedSeconds[i] = second;
        stagedNanos[i] = nano;
        stagedUnits[i] = units;
        stagedCurrencies[i] = currency;
        stagedLines[i] = line;
        staged = i + 1;
        if (staged == STAGED) {
            flush();
        }
    }

    /** Adds the staged rows, in order: looks their customers up together, then adds each row's event. */
    void flush() {
        int n = staged;
        if (n == 0) {
            return;
        }
        staged = 0;
        stagedBytes = 0;
        builder.customers(stagedIds, stagedFrom, stagedLength, n, stagedCodes);
        for (int i = 0; i < n; i++) {
            addRow(
                    stagedCodes[i],
                    stagedTypes[i],
                    stagedSeconds[i],
                    stagedNanos[i],
                    stagedUnits[i],
                    stagedCurrencies[i],
                    stagedLines[i],
                    null);
            stagedCurrencies[i] = null;
        }
    }

    /** Adds a row's event (with its kept event id), or its rejection when it meets one of the batch's bounds. */
    private void addRow(
            int code,
            EventType type,
            long second,
            int nano,
            long units,
            @Nullable Currency currency,
            long line,
            @Nullable String id) {
        try {
            append(code, type, second, nano, units, currency);
            if (id != null) {
                builder.eventId(id);
            }
        } catch (IllegalArgumentException e) {
            // the batch's own bound, such as its number of currencies
            boundMet = true;
            reject(line, e);
            return;
        }
        counted();
    }

    /**
     * Returns the end of an unquoted field starting at {@code i}: the index of the next delimiter, or {@code n}; -1 if
     * a quote or a byte outside ASCII comes first (the text path's). Eight bytes at a time where it can.
     */
    private int plainFieldEnd(byte[] r, int i, int n) {
        long delimiters = ByteWords.spread(delimiter);
        while (i + 8 <= n) {
            long word = ByteWords.word(r, i);
            long hits = ByteWords.zeroByte(word ^ delimiters)
                    | ByteWords.zeroByte(word ^ ByteWords.QUOTES)
                    | (word & ByteWords.HIGH_BITS);
            if (hits != 0) {
                i += Long.numberOfTrailingZeros(hits) >>> 3;
                return r[i] == delimiter ? i : -1;
            }
            i += 8;
        }
        while (i < n) {
            byte b = r[i];
            if (b == delimiter) {
                return i;
            }
            if (b == '"' || b < 0) {
                return -1;
            }
            i++;
        }
        return n;
    }

    /**
     * Reads a CDNOW line from its bytes when it is four plain fields whose values are in the common forms, and merges
     * its purchase into its customer's day.
     *
     * @return false if the line was left alone, for the text path
     */
    boolean cdnow(byte[] r, int n, long line) {
        int f0 = -1;
        int e0 = -1;
        int f1 = -1;
        int e1 = -1;
        int f2 = -1;
        int e2 = -1;
        int f3 = -1;
        int e3 = -1;
        int field = 0;
        int i = 0;
        while (i < n) {
            byte b = r[i];
            if (b < 0 || (b < 0x20 && b != '\t' && b != 0x0B && b != '\f')) {
                return false;
            }
            if (b == ' ' || b < 0x20) {
                i++;
                continue;
            }
            int start = i;
            while (i < n && r[i] > ' ') {
                i++;
            }
            if (i < n && r[i] < 0) {
                return false;
            }
            switch (field++) {
                case 0 -> {
                    f0 = start;
                    e0 = i;
                }
                case 1 -> {
                    f1 = start;
                    e1 = i;
                }
                case 2 -> {
                    f2 = start;
                    e2 = i;
                }
                case 3 -> {
                    f3 = start;
                    e3 = i;
                }
                default -> {
                    return false;
                }
            }
        }
        if (field != 4) {
            return false;
        }
        if (e1 - f1 != 8) {
            return false;
        }
        int year = AsciiValues.digits(r, f1, 4);
        int month = AsciiValues.twoDigits(r, f1 + 4);
        int day = AsciiValues.twoDigits(r, f1 + 6);
        if (year < 1678
                || year > 2261
                || month < 1
                || month > 12
                || day < 1
                || day > AsciiValues.lengthOfMonth(year, month)) {
            return false;
        }
        if (e2 - f2 > 18) {
            return false;
        }
        for (int k = f2; k < e2; k++) {
            if (r[k] < '0' || r[k] > '9') {
                return false;
            }
        }
        long cents = AsciiValues.minorUnits(r, f3, e3, 2);
        if (cents == NOT_READ) {
            return false;
        }
        int code = builder.customer(r, f0, e0);
        try {
            mergeDay(code, AsciiValues.epochDay(year, month, day), cents);
        } catch (IllegalArgumentException e) {
            boundMet = true;
            reject(line, e);
            return true;
        }
        counted();
        return true;
    }

    @Override
    void merge(CustomerEvent event) {
        Money amount = event.amount().orElse(null);
        long units = EventBatch.NO_AMOUNT;
        if (amount != null) {
            try {
                units = amount.minorUnits();
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException(
                        "amount " + amount + " has more minor units than an event batch keeps (a long, about 9.2 *"
                                + " 10^18): read this source with read, not readBatch",
                        e);
            }
        }
        try {
            if (format == EventFile.Format.CDNOW) {
                mergeDay(
                        builder.customer(event.customerId()),
                        Math.floorDiv(event.timestamp().getEpochSecond(), 86_400),
                        units);
            } else if (keepIds) {
                builder.customer(event.customerId());
                builder.add(event);
            } else {
                Instant at = event.timestamp();
                append(
                        builder.customer(event.customerId()),
                        event.type(),
                        at.getEpochSecond(),
                        at.getNano(),
                        units,
                        amount == null ? null : amount.currency());
            }
        } catch (IllegalArgumentException e) {
            // the batch's own bound, such as its number of currencies or a CDNOW day's total
            boundMet = true;
            throw e;
        }
    }

    /**
     * Joins the rows of the next part of the same file, read on its own by another {@code BatchRows} of the same
     * header, to the rows of the parts before it, which this object holds: the result is what reading both parts in
     * one go gives. Its customers are numbered after this one's, in the order of their first row; for CDNOW its
     * customers' days are merged into the days of the parts before (a customer's rows of one day may straddle the
     * parts); a row whose event id a part before used is rejected (see {@link Tally#joinTally}). When a part met one
     * of the batch's bounds (its currencies, a CDNOW day's total), what it decided might differ from reading in one
     * go, and the join is refused.
     *
     * @param later the next part, whose lines are numbered in the whole file; not usable after
     * @return false if the parts cannot be joined exactly: the caller reads the file in one go instead
     */
    boolean join(BatchRows later) {
        flush();
        later.flush();
        if (boundMet || later.boundMet) {
            return false;
        }
        int[] dropped = joinTally(later);
        if (dropped == null) {
            return false;
        }
        try {
            if (format == EventFile.Format.CDNOW) {
                int[] codes = new int[later.builder.customerCount()];
                Arrays.fill(codes, -1);
                for (int d = 0; d < later.dayCount; d++) {
                    int local = later.dayCustomers[d];
                    int code = codes[local];
                    if (code < 0) {
                        code = builder.customer(later.builder.customerId(local));
                        codes[local] = code;
                    }
                    mergeDay(code, later.dayStarts[d] / 86_400, later.dayCents[d]);
                }
            } else {
                EventBatch part = later.builder.build();
                int from = 0;
                for (int row : dropped) {
                    builder.addAll(part, from, row);
                    from = row + 1;
                }
                builder.addAll(part, from, part.size());
            }
        } catch (IllegalArgumentException e) {
            // a bound met only by the parts together: the row that meets it is known only reading in one go
            return false;
        }
        return true;
    }

    /** Adds an event without an id through the builder's primitive methods. */
    private void append(int code, EventType type, long second, int nano, long units, @Nullable Currency currency) {
        if (currency == null) {
            builder.add(code, type, second, nano);
        } else if (type == EventType.PURCHASE) {
            builder.purchase(code, second, nano, units, currency);
        } else {
            builder.refund(code, second, nano, units, currency);
        }
    }

    /** Adds a CDNOW purchase to the one of its customer and day, or starts that day's purchase. */
    private void mergeDay(int code, long epochDay, long cents) {
        long key = ((long) code << 32) | (epochDay & 0xFFFF_FFFFL);
        int mask = daySlots.length - 1;
        int slot = Long.hashCode(key * 0x9E3779B97F4A7C15L) & mask;
        while (daySlots[slot] >= 0) {
            if (dayKeys[slot] == key) {
                int at = daySlots[slot];
                long total;
                try {
                    total = Math.addExact(dayCents[at], cents);
                } catch (ArithmeticException e) {
                    throw new IllegalArgumentException(
                            "dollar_value: the day's total of customer " + quote(builder.customerId(code))
                                    + " would break"
                                    + " the bound: its cents would not fit an event batch (a long, about 9.2 * 10^18)",
                            e);
                }
                dayCents[at] = total;
                return;
            }
            slot = (slot + 1) & mask;
        }
        if (dayCount == dayCustomers.length) {
            int n = Math.max(1024, 2 * dayCount);
            dayCustomers = Arrays.copyOf(dayCustomers, n);
            dayStarts = Arrays.copyOf(dayStarts, n);
            dayCents = Arrays.copyOf(dayCents, n);
        }
        dayCustomers[dayCount] = code;
        dayStarts[dayCount] = epochDay * 86_400;
        dayCents[dayCount] = cents;
        daySlots[slot] = dayCount;
        dayKeys[slot] = key;
        dayCount++;
        if (dayCount * 2 > daySlots.length) {
            rehashDays();
        }
    }

    private void rehashDays() {
        int n = daySlots.length * 2;
        long[] keys = new long[n];
        int[] slots = new int[n];
        Arrays.fill(slots, -1);
        for (int i = 0; i < daySlots.length; i++) {
            if (daySlots[i] >= 0) {
                int slot = Long.hashCode(dayKeys[i] * 0x9E3779B97F4A7C15L) & (n - 1);
                while (slots[slot] >= 0) {
                    slot = (slot + 1) & (n - 1);
                }
                slots[slot] = daySlots[i];
                keys[slot] = dayKeys[i];
            }
        }
        daySlots = slots;
        dayKeys = keys;
    }

    /** {@return the batch and the reconciliation of the rows; this object cannot be used after} */
    EventBatchFile toBatchFile() {
        flush();
        for (int i = 0; i < dayCount; i++) {
            builder.purchase(dayCustomers[i], dayStarts[i], 0, dayCents[i], USD);
        }
        return new EventBatchFile(builder.build(), rowsRead, rowsUsed(), rejections, format, ignored);
    }

    /** The type of a type column's text, matched as ASCII in any case; null if it is not one of the names. */
    private @Nullable EventType type(byte[] r, int from, int to) {
        int length = to - from;
        if (length >= typeKeys.length) {
            return null;
        }
        byte[][] keys = typeKeys[length];
        EventType[] values = typeValues[length];
        // the common form first, the name in upper case, byte for byte: a name that differs mostly differs at once
        byte[][] upper = typeKeysUpper[length];
        for (int k = 0; k < keys.length; k++) {
            byte[] key = upper[k];
            int j = 0;
            while (j < length && r[from + j] == key[j]) {
                j++;
            }
            if (j == length) {
                return values[k];
            }
        }
        outer:
        for (int k = 0; k < keys.length; k++) {
            byte[] key = keys[k];
            for (int j = 0; j < length; j++) {
                byte b = r[from + j];
                if (b >= 'A' && b <= 'Z') {
                    b = (byte) (b + 32);
                }
                if (b != key[j]) {
                    continue outer;
                }
            }
            return values[k];
        }
        return null;
    }

    /** The currency of a currency column's text, three ASCII letters in any case; null if it is not one. */
    private @Nullable Currency currency(byte[] r, int from, int to) {
        if (to - from != 3) {
            return null;
        }
        int key = 0;
        for (int j = from; j < to; j++) {
            int b = r[j];
            if (b >= 'a' && b <= 'z') {
                b -= 32;
            }
            if (b < 'A' || b > 'Z') {
                return null;
            }
            key = (key << 8) | b;
        }
        for (int k = 0; k < currencyKeys.length; k++) {
            if (currencyKeys[k] == key) {
                return currencyValues[k];
            }
        }
        Currency currency;
        try {
            currency =
                    Currency.getInstance(new String(r, from, 3, StandardCharsets.ISO_8859_1).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (currencyKeys.length < EventBatch.MAX_CURRENCIES) {
            currencyKeys = Arrays.copyOf(currencyKeys, currencyKeys.length + 1);
            currencyValues = Arrays.copyOf(currencyValues, currencyValues.length + 1);
            currencyKeys[currencyKeys.length - 1] = key;
            currencyValues[currencyValues.length - 1] = currency;
        }
        return currency;
    }

    private EventMapping requireMapping() {
        EventMapping m = mapping;
        if (m == null) {
            throw new IllegalStateException("a CDNOW file has no mapping");
        }
        return m;
    }
}
