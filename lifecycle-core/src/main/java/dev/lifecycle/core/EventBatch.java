package dev.lifecycle.core;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableMap;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An event log stored by column: the fast way from "here is our order and event log" to every customer's stage, the
 * funnel, NPS and cohorts.
 *
 * <p>Each event is a row of primitive columns: its customer as an int code (the ids are kept once, in a dictionary:
 * code {@code c} is {@link #customerId(int) customerId(c)}), its {@link EventType} as a byte, its instant as epoch
 * seconds and nanoseconds, and where present its amount in the currency's minor units, its NPS score, its custom type
 * (a dictionary code too), its event id and its attributes. A log of ten million events is a dozen arrays instead of
 * ten million objects, and the classifier ({@link LifecycleClassifier#classifyAll(EventBatch, Instant)}), {@link
 * ProfileTable#fromEvents(EventBatch)} and the metrics read it front to back.
 *
 * <p>Build a batch row by row with a {@link #builder()}, which numbers the customer ids as it meets them; readers of
 * files and result sets use its primitive methods and create no object per event. {@link #of(Iterable)} converts
 * event objects, and {@link #wrap} takes arrays a program already has without copying them.
 *
 * <p><b>Memory:</b> 13 bytes per event (customer code, type, epoch second), plus 4 bytes per event once any event has
 * a fraction of a second, 8 once any has an amount, 1 once amounts come in more than one currency, 1 once any event is
 * an NPS answer, 4 once any is a custom event, and a reference per event once any has an event id (the ids themselves
 * are the caller's strings); attributes take a map and 12 bytes per event that has them. A builder's arrays grow by
 * doubling, so while building they may hold up to twice that; {@link Builder#Builder(int) presize} them when the count
 * is known. Batches are immutable and thread-safe (a wrapped batch as long as the caller leaves the arrays alone).
 *
 * <p>Two answers of one customer at the same instant (NPS scores, attribute values) are resolved as for event
 * objects: the greater event id wins; an event without an id loses to one with an id, and of two without, the later
 * row wins.
 */
public final class EventBatch {
    /** The most events a batch holds: the length of a Java array. */
    public static final int MAX_EVENTS = Integer.MAX_VALUE - 8;

    /** The most currencies the amounts of one batch may use. */
    public static final int MAX_CURRENCIES = 256;

    /** Marks an event without an amount in {@link #wrap}'s amount column. */
    public static final long NO_AMOUNT = Long.MIN_VALUE;

    private static final EventType[] TYPES = EventType.values();
    private static final byte PURCHASE = (byte) EventType.PURCHASE.ordinal();
    private static final byte REFUND = (byte) EventType.REFUND.ordinal();
    private static final byte NPS_ANSWER = (byte) EventType.NPS_ANSWER.ordinal();
    private static final byte CUSTOM = (byte) EventType.CUSTOM.ordinal();

    final int size;
    final String[] customerIds;
    final int customerCount;
    final int[] customers;
    final byte[] types;
    final long[] seconds;
    /** Nanoseconds of the second; null when every event lies on a whole second. */
    final int @Nullable [] nanos;
    /** Amounts in minor units, {@link #NO_AMOUNT} for none; null when no event has one. */
    final long @Nullable [] amounts;
    /** The currencies of the amounts, by code; one entry when all amounts share a currency. */
    final Currency[] currencies;
    /** The currency code of each amount; null when all amounts are in {@code currencies[0]}. */
    final byte @Nullable [] currencyCodes;
    /** NPS scores, -1 for none; null when no event is an answer. */
    final byte @Nullable [] npsScores;
    /** Custom type codes into {@link #customTypeNames}, -1 for none; null when no event is a custom event. */
    final int @Nullable [] customTypes;

    final String[] customTypeNames;
    /** Event ids, null for an event without one; null when no event has one. */
    final @Nullable String @Nullable [] eventIds;
    /** The rows that carry attributes, ascending, and their attributes. */
    final int[] attributeRows;

    final List<ImmutableMap<String, Double>> attributeValues;
    /** The latest instant of any event, as epoch seconds ({@link ProfileTable#NONE} if empty) and nanoseconds. */
    final long latestSecond;

    final int latestNano;

    private EventBatch(Builder b) {
        this.size = b.size;
        this.customerIds = b.index.ids();
        this.customerCount = customerIds.length;
        this.customers = b.customers;
        this.types = b.types;
        this.seconds = b.seconds;
        this.nanos = b.nanos;
        this.amounts = b.amounts;
        this.currencies = b.currencies.toArray(new Currency[0]);
        this.currencyCodes = b.currencyCodes;
        this.npsScores = b.npsScores;
        this.customTypes = b.customTypes;
        this.customTypeNames = b.customTypeNames.toArray(new String[0]);
        this.eventIds = b.eventIds;
        this.attributeRows = Arrays.copyOf(b.attributeRows, b.attributeCount);
        this.attributeValues = List.copyOf(b.attributeValues);
        this.latestSecond = b.latestSecond;
        this.latestNano = b.latestNano;
    }

    /** {@return a builder for a batch of any size} */
    public static Builder builder() {
        return new Builder(1024);
    }

    /**
     * Returns a batch of the events, in iteration order, every detail kept (ids, amounts, scores, custom types,
     * attributes).
     *
     * @param events the events of any number of customers
     * @return the batch
     * @throws NullPointerException if {@code events} or an event is null
     * @throws IllegalArgumentException if there are more than {@link #MAX_EVENTS} events, the amounts use more than
     *     {@link #MAX_CURRENCIES} currencies, or an amount has more minor units than a {@code long} holds (above about
     *     9.2 * 10<sup>16</sup> USD)
     */
    public static EventBatch of(Iterable<CustomerEvent> events) {
        requireNonNull(events, "events");
        Builder builder = new Builder(events instanceof java.util.Collection<?> known ? known.size() : 1024);
        for (CustomerEvent event : events) {
            builder.add(requireNonNull(event, "event"));
        }
        return builder.build();
    }

    /**
     * Returns a batch over arrays a program already has, without copying them: events of types that need nothing but
     * a customer, a type and an instant (every type but {@link EventType#NPS_ANSWER} and {@link EventType#CUSTOM}),
     * whole seconds, purchases and refunds with or without an amount in one currency. The columns are checked once
     * here; the caller must not change them afterwards.
     *
     * @param customerIds the customer ids: code {@code c} in {@code customers} is {@code customerIds[c]}; distinct
     *     and not blank
     * @param customers each event's customer code, at least {@code size} entries
     * @param types each event's {@link EventType#ordinal()}, at least {@code size} entries
     * @param epochSeconds each event's instant in seconds since the epoch, at least {@code size} entries
     * @param amountMinorUnits each event's amount in minor units of {@code currency}, {@link #NO_AMOUNT} for none;
     *     null when no event has one
     * @param currency the currency of the amounts; null when there are none
     * @param size the number of events
     * @return the batch
     * @throws NullPointerException if a required argument or a customer id is null, or amounts come without a currency
     * @throws IllegalArgumentException if a column is shorter than {@code size}, an id is blank or repeated, or an
     *     event has a code outside the ids, a type outside {@link EventType} or one that needs more data, an instant
     *     that is not {@linkplain SupportedInstants supported}, or an amount that is negative, too large or on a type
     *     other than a purchase or a refund; the message names the event's row and the rule
     */
    public static EventBatch wrap(
            String[] customerIds,
            int[] customers,
            byte[] types,
            long[] epochSeconds,
            long @Nullable [] amountMinorUnits,
            @Nullable Currency currency,
            int size) {
        requireNonNull(customerIds, "customerIds");
        requireNonNull(customers, "customers");
        requireNonNull(types, "types");
        requireNonNull(epochSeconds, "epochSeconds");
        if (size < 0) {
            throw new IllegalArgumentException("size must not be negative but was " + size);
        }
        checkLength(customers.length, size, "customers");
        checkLength(types.length, size, "types");
        checkLength(epochSeconds.length, size, "epochSeconds");
        if (amountMinorUnits != null) {
            checkLength(amountMinorUnits.length, size, "amountMinorUnits");
            requireNonNull(currency, "currency of the amounts");
        }
        Builder b = new Builder(0, customerIds.length);
        for (String id : customerIds) {
            int code = b.index.numberOrAdd(Checks.text(requireNonNull(id, "customer id"), "customer id"));
            if (code >= 0) {
                throw new IllegalArgumentException("customerIds must be distinct but '" + id + "' is there twice");
            }
        }
        int codes = customerIds.length;
        for (int row = 0; row < size; row++) {
            int code = customers[row];
            if (code < 0 || code >= codes) {
                throw new IllegalArgumentException("event " + row + " has customer code " + code
                        + " but the codes must lie in 0.." + (codes - 1) + ", one per customer id");
            }
            int type = types[row];
            if (type < 0 || type >= TYPES.length || type == NPS_ANSWER || type == CUSTOM) {
                throw new IllegalArgumentException("event " + row + " has type " + type
                        + " but a wrapped batch takes the ordinal of an EventType other than NPS_ANSWER and CUSTOM"
                        + " (those need a score or a name: use a builder)");
            }
            b.noteInstant(row, epochSeconds[row], 0);
            if (amountMinorUnits != null && amountMinorUnits[row] != NO_AMOUNT) {
                checkAmount(row, (byte) type, amountMinorUnits[row], requireNonNull(currency));
            }
        }
        b.size = size;
        b.customers = customers;
        b.types = types;
        b.seconds = epochSeconds;
        if (amountMinorUnits != null) {
            b.amounts = amountMinorUnits;
            b.currencies.add(requireNonNull(currency));
        }
        return new EventBatch(b);
    }

    private static void checkLength(int length, int size, String column) {
        if (length < size) {
            throw new IllegalArgumentException(
                    column + " must have at least size (" + size + ") entries but has " + length);
        }
    }

    private static void checkAmount(int row, byte type, long minorUnits, Currency currency) {
        if (type != PURCHASE && type != REFUND) {
            throw new IllegalArgumentException("event " + row + " of type " + TYPES[type] + " has amount " + minorUnits
                    + " but only PURCHASE and REFUND events carry one");
        }
        if (minorUnits < 0) {
            throw new IllegalArgumentException(
                    "event " + row + " has amount " + minorUnits + " but amounts must not be negative");
        }
        if (!Money.isBelowLimit(minorUnits, Math.max(currency.getDefaultFractionDigits(), 0))) {
            throw new IllegalArgumentException("event " + row + " has amount " + minorUnits + " "
                    + currency.getCurrencyCode() + " but amounts must have at most " + Money.MAX_INTEGER_DIGITS
                    + " digits before the decimal point");
        }
    }

    /** {@return the number of events} */
    public int size() {
        return size;
    }

    /** {@return the number of distinct customers: their codes are 0 to {@code customerCount() - 1}} */
    public int customerCount() {
        return customerCount;
    }

    /**
     * Returns the id of a customer code.
     *
     * @param code a code from 0 to {@code customerCount() - 1}
     * @return the id
     * @throws IndexOutOfBoundsException if {@code code} is not a customer code of the batch
     */
    public String customerId(int code) {
        if (code < 0 || code >= customerCount) {
            throw new IndexOutOfBoundsException(
                    "customer code " + code + " is not one of the batch's " + customerCount + " customers");
        }
        return customerIds[code];
    }

    /**
     * Returns the customer code of an event.
     *
     * @param row an event's row, from 0 to {@code size() - 1}
     * @return the code
     * @throws IndexOutOfBoundsException if {@code row} is not a row of the batch
     */
    public int customer(int row) {
        return customers[checkRow(row)];
    }

    /**
     * Returns the type of an event.
     *
     * @param row an event's row
     * @return the type
     * @throws IndexOutOfBoundsException if {@code row} is not a row of the batch
     */
    public EventType type(int row) {
        return TYPES[types[checkRow(row)]];
    }

    /**
     * Returns the {@link EventType#ordinal()} of an event's type: the primitive form, for loops over many rows.
     *
     * @param row an event's row
     * @return the ordinal
     * @throws IndexOutOfBoundsException if {@code row} is not a row of the batch
     */
    public int typeOrdinal(int row) {
        return types[checkRow(row)];
    }

    /**
     * Returns the nanoseconds of the second of an event's instant.
     *
     * @param row an event's row
     * @return 0 to 999,999,999
     * @throws IndexOutOfBoundsException if {@code row} is not a row of the batch
     */
    public int nano(int row) {
        checkRow(row);
        return nanoAt(row);
    }

    /**
     * Returns the amount of a purchase or refund in minor units of {@link #currency(int)}, {@link #NO_AMOUNT} for an
     * event without one: the primitive form of {@link #amountOrNull(int)}.
     *
     * @param row an event's row
     * @return the amount in minor units, or {@link #NO_AMOUNT}
     * @throws IndexOutOfBoundsException if {@code row} is not a row of the batch
     */
    public long amountMinorUnits(int row) {
        checkRow(row);
        long[] column = amounts;
        return column == null ? NO_AMOUNT : column[row];
    }

    /**
     * Returns the currency of an event's amount, null for an event without one.
     *
     * @param row an event's row
     * @return the currency or null
     * @throws IndexOutOfBoundsException if {@code row} is not a row of the batch
     */
    public @Nullable Currency currency(int row) {
        checkRow(row);
        long[] column = amounts;
        return column == null || column[row] == NO_AMOUNT ? null : currencyAt(row);
    }

    /**
     * Returns the custom type name of a {@link EventType#CUSTOM} event, null for other events.
     *
     * @param row an event's row
     * @return the name or null
     * @throws IndexOutOfBoundsException if {@code row} is not a row of the batch
     */
    public @Nullable String customType(int row) {
        checkRow(row);
        return customTypeAt(row);
    }

    /**
     * Returns the event id of an event, null for an event added without one.
     *
     * @param row an event's row
     * @return the id or null
     * @throws IndexOutOfBoundsException if {@code row} is not a row of the batch
     */
    public @Nullable String eventId(int row) {
        checkRow(row);
        return eventIdAt(row);
    }

    /**
     * Returns the instant of an event.
     *
     * @param row an event's row
     * @return the instant
     * @throws IndexOutOfBoundsException if {@code row} is not a row of the batch
     */
    public Instant timestamp(int row) {
        checkRow(row);
        return Instant.ofEpochSecond(seconds[row], nanoAt(row));
    }

    /**
     * Returns the instant of an event in whole seconds since the epoch (rounded down).
     *
     * @param row an event's row
     * @return the epoch second
     * @throws IndexOutOfBoundsException if {@code row} is not a row of the batch
     */
    public long epochSecond(int row) {
        return seconds[checkRow(row)];
    }

    /**
     * Returns the amount of a purchase or refund, null for an event without one.
     *
     * @param row an event's row
     * @return the amount or null
     * @throws IndexOutOfBoundsException if {@code row} is not a row of the batch
     */
    public @Nullable Money amountOrNull(int row) {
        checkRow(row);
        long[] column = amounts;
        if (column == null || column[row] == NO_AMOUNT) {
            return null;
        }
        return Money.ofMinorUnits(column[row], currencyAt(row));
    }

    /**
     * Returns the NPS score of an answer, -1 for any other event.
     *
     * @param row an event's row
     * @return the score 0..10, or -1
     * @throws IndexOutOfBoundsException if {@code row} is not a row of the batch
     */
    public int npsScore(int row) {
        checkRow(row);
        return npsAt(row);
    }

    /**
     * Returns an event as an object, with everything the batch keeps of it; an event added without an id gets a
     * generated one, as {@link CustomerEvent#of} gives.
     *
     * @param row an event's row
     * @return the event
     * @throws IndexOutOfBoundsException if {@code row} is not a row of the batch
     */
    public CustomerEvent event(int row) {
        checkRow(row);
        EventType type = TYPES[types[row]];
        CustomerEvent.Builder builder = CustomerEvent.builder(
                customerIds[customers[row]], type, Instant.ofEpochSecond(seconds[row], nanoAt(row)));
        String id = eventIdAt(row);
        if (id != null) {
            builder.eventId(id);
        }
        Money amount = amountOrNull(row);
        if (amount != null) {
            builder.amount(amount);
        }
        if (type == EventType.NPS_ANSWER) {
            builder.npsScore(npsAt(row));
        }
        String custom = customTypeAt(row);
        if (custom != null) {
            builder.customType(custom);
        }
        attributesAt(row).forEach(builder::attribute);
        return builder.build();
    }

    /**
     * Returns the events at or before an instant, in the same order, with everything they carry; customers without such
     * an event are left out, and the others are numbered again in order of their first event kept. This batch itself
     * when no event lies after the instant. For classifying at {@code asOf} a log that runs on past it.
     *
     * @param asOf the instant
     * @return the batch of the events at or before {@code asOf}
     * @throws NullPointerException if {@code asOf} is null
     */
    public EventBatch upTo(Instant asOf) {
        requireNonNull(asOf, "asOf");
        long second = asOf.getEpochSecond();
        int nano = asOf.getNano();
        if (latestSecond < second || (latestSecond == second && latestNano <= nano)) {
            return this;
        }
        Builder b = new Builder(size);
        int[] newCode = new int[customerCount];
        Arrays.fill(newCode, -1);
        int attribute = 0;
        for (int row = 0; row < size; row++) {
            long s = seconds[row];
            int n = nanoAt(row);
            if (s > second || (s == second && n > nano)) {
                continue;
            }
            int old = customers[row];
            if (newCode[old] < 0) {
                newCode[old] = b.customer(customerIds[old]);
            }
            int code = newCode[old];
            byte type = types[row];
            long amount = amounts == null ? NO_AMOUNT : amounts[row];
            b.appendAny(
                    code,
                    type,
                    s,
                    n,
                    amount,
                    amount == NO_AMOUNT ? null : currencyAt(row),
                    npsAt(row),
                    customTypeAt(row));
            String id = eventIdAt(row);
            if (id != null) {
                b.eventId(b.size - 1, id);
            }
            while (attribute < attributeRows.length && attributeRows[attribute] < row) {
                attribute++;
            }
            if (attribute < attributeRows.length && attributeRows[attribute] == row) {
                b.attributes(b.size - 1, attributeValues.get(attribute));
            }
        }
        return b.build();
    }

    /** {@return the events as objects, each made when it is read} */
    public List<CustomerEvent> events() {
        return new java.util.AbstractList<>() {
            @Override
            public CustomerEvent get(int index) {
                return event(index);
            }

            @Override
            public int size() {
                return size;
            }
        };
    }

    @Override
    public String toString() {
        return "EventBatch{events=" + size + ", customers=" + customerCount + "}";
    }

    // ---- reading, for the folds and the metrics

    int nanoAt(int row) {
        int[] column = nanos;
        return column == null ? 0 : column[row];
    }

    Currency currencyAt(int row) {
        byte[] codes = currencyCodes;
        return currencies[codes == null ? 0 : codes[row] & 0xFF];
    }

    int npsAt(int row) {
        byte[] column = npsScores;
        return column == null ? -1 : column[row];
    }

    @Nullable
    String customTypeAt(int row) {
        int[] column = customTypes;
        return column == null || column[row] < 0 ? null : customTypeNames[column[row]];
    }

    @Nullable
    String eventIdAt(int row) {
        String[] column = eventIds;
        return column == null ? null : column[row];
    }

    Map<String, Double> attributesAt(int row) {
        int at = Arrays.binarySearch(attributeRows, row);
        return at < 0 ? ImmutableMap.of() : attributeValues.get(at);
    }

    /** The "latest wins" stamp of an event: its instant and id, ties among events without an id going to the row. */
    ProfileFold.Stamp stamp(int row) {
        return new ProfileFold.Stamp(Instant.ofEpochSecond(seconds[row], nanoAt(row)), eventIdAt(row));
    }

    private int checkRow(int row) {
        return java.util.Objects.checkIndex(row, size);
    }

    /**
     * Builds an {@link EventBatch} row by row, numbering customer ids as it meets them (the first customer is code 0).
     * The primitive methods ({@link #customer(String)}, {@link #add(int, EventType, long, int)}, {@link #purchase},
     * {@link #refund}, {@link #npsAnswer}) create no object per event; {@link #add(CustomerEvent)} takes an event
     * object with everything it carries. Every value is checked as it is added, with a message naming the row. Not
     * thread-safe; a builder builds one batch.
     */
    public static final class Builder {
        private final CustomerIndex index;
        private int size;
        private int[] customers;
        private byte[] types;
        private long[] seconds;
        private int @Nullable [] nanos;
        private long @Nullable [] amounts;
        private final List<Currency> currencies = new ArrayList<>(1);
        private byte @Nullable [] currencyCodes;
        private byte @Nullable [] npsScores;
        private int @Nullable [] customTypes;
        private final List<String> customTypeNames = new ArrayList<>();
        private final Map<String, Integer> customTypeCodes = new java.util.HashMap<>();
        private @Nullable String @Nullable [] eventIds;
        private int[] attributeRows = new int[0];

        private final List<ImmutableMap<String, Double>> attributeValues = new ArrayList<>();

        private int attributeCount;
        private long latestSecond = ProfileTable.NONE;
        private int latestNano;
        private boolean built;
        /** The part {@link #addAll(EventBatch, int, int)} appended last, and its codes in this builder (-1: none yet). */
        private @Nullable EventBatch partCodesOf;

        private int @Nullable [] partCodes;

        /** The rows of a part whose new customer ids {@link #addAll(EventBatch, int, int)} looks up together. */
        private static final int PREFETCH = 64;

        /**
         * Returns a builder whose columns start with room for the given number of events.
         *
         * @param expectedEvents the number of events expected, 0 or more; more may be added
         * @throws IllegalArgumentException if {@code expectedEvents} is negative or above {@link #MAX_EVENTS}
         */
        public Builder(int expectedEvents) {
            this(expectedEvents, expectedEvents / 8);
        }

        /**
         * Returns a builder whose columns start with room for the given number of events, and its table of customer
         * ids with room for the given number of customers: a table that grows moves every id at each doubling, so a
         * reader that knows about how many customers it will meet saves that.
         *
         * @param expectedEvents the number of events expected, 0 or more; more may be added
         * @param expectedCustomers the number of distinct customers expected, 0 or more; more may be added
         * @throws IllegalArgumentException if {@code expectedEvents} is negative or above {@link #MAX_EVENTS}, or
         *     {@code expectedCustomers} is negative
         */
        public Builder(int expectedEvents, int expectedCustomers) {
            if (expectedEvents < 0 || expectedEvents > MAX_EVENTS) {
                throw new IllegalArgumentException(
                        "expectedEvents must lie in 0.." + MAX_EVENTS + " but was " + expectedEvents);
            }
            if (expectedCustomers < 0) {
                throw new IllegalArgumentException(
                        "expectedCustomers must not be negative but was " + expectedCustomers);
            }
            int n = Math.max(expectedEvents, 16);
            this.index = new CustomerIndex(Math.max(16, expectedCustomers));
            this.customers = new int[n];
            this.types = new byte[n];
            this.seconds = new long[n];
        }

        /** {@return the number of events added so far} */
        public int size() {
            return size;
        }

        /** {@return the number of distinct customers added so far} */
        public int customerCount() {
            return index.size();
        }

        /**
         * Returns the id of a customer code this builder handed out.
         *
         * @param code a code from 0 to {@code customerCount() - 1}
         * @return the id
         * @throws IndexOutOfBoundsException if {@code code} is not a code handed out
         */
        public String customerId(int code) {
            return index.id(java.util.Objects.checkIndex(code, index.size()));
        }

        /**
         * Returns the code of a customer id, numbering it if it is new: the next code is the number of customers met
         * before it. A reader calls this once per distinct id it meets and keeps the code.
         *
         * @param customerId the id, not blank
         * @return the code
         * @throws NullPointerException if {@code customerId} is null
         * @throws IllegalArgumentException if {@code customerId} is blank
         */
        public int customer(String customerId) {
            // one probe of the index for a new id as for a known one; a blank id is refused before it is indexed
            int number = index.numberOrAdd(Checks.text(customerId, "customerId"));
            return number >= 0 ? number : -(number + 1);
        }

        /**
         * Returns the code of a customer id given as its Latin-1 (ISO-8859-1) bytes, of which ASCII is part, numbering
         * it if it is new, as {@link #customer(String)} does for the same id as text: the form in which a reader of a
         * file meets ids, and an id met before then costs no {@code String}.
         *
         * @param latin1 the bytes
         * @param from the id's first byte
         * @param to the index after its last byte
         * @return the code
         * @throws NullPointerException if {@code latin1} is null
         * @throws IndexOutOfBoundsException if {@code from} to {@code to} is not a range of the bytes
         * @throws IllegalArgumentException if the id is blank
         */
        public int customer(byte[] latin1, int from, int to) {
            requireNonNull(latin1, "latin1");
            java.util.Objects.checkFromToIndex(from, to, latin1.length);
            checkNotBlank(latin1, from, to);
            int number = index.numberOrAdd(latin1, from, to);
            return number >= 0 ? number : -(number + 1);
        }

        /**
         * Returns the codes of many customer ids given as Latin-1 bytes, as {@link #customer(byte[], int, int)} one
         * after the other does (new ids are numbered in order), but faster for a large table of ids: their places in
         * the table are read together, so that the memory waits overlap. Id {@code i} is the {@code lengths[i]} bytes
         * from {@code starts[i]}.
         *
         * @param latin1 the bytes of the ids
         * @param starts where each id starts
         * @param lengths each id's length
         * @param count the number of ids
         * @param codes where the codes go, at least {@code count} entries
         * @throws NullPointerException if an array is null
         * @throws IndexOutOfBoundsException if an array is shorter than {@code count} or an id is not a range of the
         *     bytes
         * @throws IllegalArgumentException if an id is blank; no id is numbered then
         */
        public void customers(byte[] latin1, int[] starts, int[] lengths, int count, int[] codes) {
            requireNonNull(latin1, "latin1");
            requireNonNull(starts, "starts");
            requireNonNull(lengths, "lengths");
            requireNonNull(codes, "codes");
            java.util.Objects.checkFromIndexSize(
                    0, count, Math.min(Math.min(starts.length, lengths.length), codes.length));
            for (int i = 0; i < count; i++) {
                java.util.Objects.checkFromIndexSize(starts[i], lengths[i], latin1.length);
                checkNotBlank(latin1, starts[i], starts[i] + lengths[i]);
            }
            index.numbersOrAdd(latin1, starts, lengths, count, codes);
            for (int i = 0; i < count; i++) {
                int number = codes[i];
                codes[i] = number >= 0 ? number : -(number + 1);
            }
        }

        /** Refuses an id of bytes that are all white space, as {@link String#isBlank()} tells. */
        private static void checkNotBlank(byte[] latin1, int from, int to) {
            for (int i = from; i < to; i++) {
                if (!Character.isWhitespace(latin1[i] & 0xFF)) {
                    return;
                }
            }
            Checks.text(
                    new String(latin1, from, to - from, java.nio.charset.StandardCharsets.ISO_8859_1), "customerId");
        }

        /**
         * Adds an event that carries nothing but its customer, type and instant.
         *
         * @param customer a code from {@link #customer(String)}
         * @param type the type; {@link EventType#NPS_ANSWER} needs {@link #npsAnswer} and {@link EventType#CUSTOM}
         *     {@link #custom}
         * @param epochSecond the instant's seconds since the epoch
         * @param nano the nanoseconds of the second, 0 to 999,999,999
         * @return this builder
         * @throws NullPointerException if {@code type} is null
         * @throws IllegalArgumentException if the code is not one handed out, the type needs more data, or the instant
         *     is not {@linkplain SupportedInstants supported}; the message names the row
         */
        public Builder add(int customer, EventType type, long epochSecond, int nano) {
            requireNonNull(type, "type");
            if (type == EventType.NPS_ANSWER || type == EventType.CUSTOM) {
                throw new IllegalArgumentException("event " + size + " has type " + type + ", which needs "
                        + (type == EventType.CUSTOM ? "a name: use custom" : "a score: use npsAnswer"));
            }
            append(customer, (byte) type.ordinal(), epochSecond, nano);
            return this;
        }

        /**
         * Adds a purchase with its amount.
         *
         * @param customer a code from {@link #customer(String)}
         * @param epochSecond the instant's seconds since the epoch
         * @param nano the nanoseconds of the second
         * @param minorUnits the amount in the currency's minor units (cents for USD), not negative
         * @param currency the currency
         * @return this builder
         * @throws NullPointerException if {@code currency} is null
         * @throws IllegalArgumentException as {@link #add(int, EventType, long, int)}, or if the amount is negative or
         *     10<sup>18</sup> major units or more, or the batch would use more than {@link #MAX_CURRENCIES} currencies
         */
        public Builder purchase(int customer, long epochSecond, int nano, long minorUnits, Currency currency) {
            return withAmount(customer, PURCHASE, epochSecond, nano, minorUnits, currency);
        }

        /**
         * Adds a refund with its amount (not negative: the amount returned).
         *
         * @param customer a code from {@link #customer(String)}
         * @param epochSecond the instant's seconds since the epoch
         * @param nano the nanoseconds of the second
         * @param minorUnits the amount in the currency's minor units, not negative
         * @param currency the currency
         * @return this builder
         * @throws NullPointerException if {@code currency} is null
         * @throws IllegalArgumentException as {@link #purchase}
         */
        public Builder refund(int customer, long epochSecond, int nano, long minorUnits, Currency currency) {
            return withAmount(customer, REFUND, epochSecond, nano, minorUnits, currency);
        }

        private Builder withAmount(
                int customer, byte type, long epochSecond, int nano, long minorUnits, Currency currency) {
            requireNonNull(currency, "currency");
            checkAmount(size, type, minorUnits, currency);
            int code = currencyCode(currency);
            int row = append(customer, type, epochSecond, nano);
            long[] column = amounts;
            if (column == null) {
                column = new long[customers.length];
                Arrays.fill(column, NO_AMOUNT);
                amounts = column;
            }
            column[row] = minorUnits;
            if (code != 0) {
                requireNonNull(currencyCodes)[row] = (byte) code;
            }
            return this;
        }

        private int currencyCode(Currency currency) {
            for (int i = 0; i < currencies.size(); i++) {
                if (currencies.get(i).equals(currency)) {
                    return i;
                }
            }
            if (currencies.size() == MAX_CURRENCIES) {
                throw new IllegalArgumentException("event " + size + " is in currency " + currency
                        + " but a batch holds amounts in at most " + MAX_CURRENCIES + " currencies");
            }
            currencies.add(currency);
            if (currencies.size() == 2) {
                currencyCodes = new byte[customers.length];
            }
            return currencies.size() - 1;
        }

        /**
         * Adds an NPS answer.
         *
         * @param customer a code from {@link #customer(String)}
         * @param epochSecond the instant's seconds since the epoch
         * @param nano the nanoseconds of the second
         * @param score the score, 0 to 10
         * @return this builder
         * @throws IllegalArgumentException as {@link #add(int, EventType, long, int)}, or if the score is outside 0..10
         */
        public Builder npsAnswer(int customer, long epochSecond, int nano, int score) {
            if (score < 0 || score > 10) {
                throw new IllegalArgumentException(
                        "event " + size + " has NPS score " + score + " but scores lie in 0..10");
            }
            int row = append(customer, NPS_ANSWER, epochSecond, nano);
            byte[] column = npsScores;
            if (column == null) {
                column = new byte[customers.length];
                Arrays.fill(column, (byte) -1);
                npsScores = column;
            }
            column[row] = (byte) score;
            return this;
        }

        /**
         * Adds a custom event of the application's own type.
         *
         * @param customer a code from {@link #customer(String)}
         * @param customType the type's name, not blank
         * @param epochSecond the instant's seconds since the epoch
         * @param nano the nanoseconds of the second
         * @return this builder
         * @throws NullPointerException if {@code customType} is null
         * @throws IllegalArgumentException as {@link #add(int, EventType, long, int)}, or if {@code customType} is blank
         */
        public Builder custom(int customer, String customType, long epochSecond, int nano) {
            requireNonNull(customType, "customType");
            Integer code = customTypeCodes.get(customType);
            if (code == null) {
                Checks.text(customType, "customType");
                code = customTypeNames.size();
                customTypeNames.add(customType);
                customTypeCodes.put(customType, code);
            }
            int row = append(customer, CUSTOM, epochSecond, nano);
            int[] column = customTypes;
            if (column == null) {
                column = new int[customers.length];
                Arrays.fill(column, -1);
                customTypes = column;
            }
            column[row] = code;
            return this;
        }

        /**
         * Adds an event object with everything it carries: id, amount, score, custom type and attributes.
         *
         * @param event the event
         * @return this builder
         * @throws NullPointerException if {@code event} is null
         * @throws IllegalArgumentException if the batch would hold more than {@link #MAX_EVENTS} events or use more
         *     than {@link #MAX_CURRENCIES} currencies, or the amount has more minor units than a {@code long} holds
         */
        public Builder add(CustomerEvent event) {
            requireNonNull(event, "event");
            int customer = customer(event.customerId());
            Instant at = event.timestamp();
            long second = at.getEpochSecond();
            int nano = at.getNano();
            Money amount = event.amountOrNull();
            long minorUnits = NO_AMOUNT;
            if (amount != null) {
                try {
                    minorUnits = amount.minorUnits();
                } catch (ArithmeticException e) {
                    throw new IllegalArgumentException(
                            "amount " + amount + " of event '" + event.eventId()
                                    + "' has more minor units than a batch keeps (a long)",
                            e);
                }
            }
            appendAny(
                    customer,
                    (byte) event.type().ordinal(),
                    second,
                    nano,
                    minorUnits,
                    amount == null ? null : amount.currency(),
                    event.npsScoreOrMinusOne(),
                    event.customTypeOrNull());
            int row = size - 1;
            eventId(row, event.eventId());
            if (!event.attributes().isEmpty()) {
                attributes(row, ImmutableMap.copyOf(event.attributes()));
            }
            return this;
        }

        /**
         * Sets the event id of the event added last: the primitive way to give an event added by {@link #add(int,
         * EventType, long, int)}, {@link #purchase} and their siblings its id, without an event object.
         *
         * @param eventId the id, not blank
         * @return this builder
         * @throws NullPointerException if {@code eventId} is null
         * @throws IllegalArgumentException if {@code eventId} is blank
         * @throws IllegalStateException if no event was added yet, or the builder has built its batch already
         */
        public Builder eventId(String eventId) {
            Checks.text(requireNonNull(eventId, "eventId"), "eventId");
            if (built) {
                throw new IllegalStateException("this builder has built its batch already; use a new one");
            }
            if (size == 0) {
                throw new IllegalStateException("eventId sets the id of the event added last, but none was added yet");
            }
            eventId(size - 1, eventId);
            return this;
        }

        /**
         * Appends all events of a batch with everything they carry, as {@link #addAll(EventBatch, int, int)} does for
         * all its rows.
         *
         * @param part the batch
         * @return this builder
         * @throws NullPointerException if {@code part} is null
         * @throws IllegalArgumentException as {@link #addAll(EventBatch, int, int)}
         * @throws IllegalStateException if the builder has built its batch already
         */
        public Builder addAll(EventBatch part) {
            requireNonNull(part, "part");
            return addAll(part, 0, part.size);
        }

        /**
         * Appends rows {@code fromRow} to {@code toRow - 1} of a batch, in order, with everything they carry (id,
         * amount and currency, score, custom type, attributes), column by column: the fast way to join batches read in
         * parts. A customer of these rows that is new to this builder is numbered at its first row among them, as
         * adding the rows one by one would number it; the part's customers without a row among them are not added.
         * The part's values were checked when it was built, so only what joining can break is checked: the number of
         * events and of currencies. Successive calls with the same part reuse its code map, so a part may be appended
         * in several ranges (leaving rows out) at the cost of one pass over its rows.
         *
         * @param part the batch
         * @param fromRow the first row appended
         * @param toRow the row after the last one appended
         * @return this builder
         * @throws NullPointerException if {@code part} is null
         * @throws IndexOutOfBoundsException if the rows are not a range of the part's rows
         * @throws IllegalArgumentException if this builder would hold more than {@link #MAX_EVENTS} events or amounts in
         *     more than {@link #MAX_CURRENCIES} currencies; the builder then holds the events added before the call
         * @throws IllegalStateException if the builder has built its batch already
         */
        public Builder addAll(EventBatch part, int fromRow, int toRow) {
            requireNonNull(part, "part");
            java.util.Objects.checkFromToIndex(fromRow, toRow, part.size);
            if (built) {
                throw new IllegalStateException("this builder has built its batch already; use a new one");
            }
            int count = toRow - fromRow;
            if (count == 0) {
                return this;
            }
            if ((long) size + count > MAX_EVENTS) {
                throw new IllegalArgumentException("a batch holds at most " + MAX_EVENTS + " events");
            }
            // the currencies first: the one bound that can fail, before any column changes
            int[] currencyMap = new int[part.currencies.length];
            long[] partAmounts = part.amounts;
            if (partAmounts != null) {
                boolean[] used = new boolean[part.currencies.length];
                for (int row = fromRow; row < toRow; row++) {
                    if (partAmounts[row] != NO_AMOUNT) {
                        used[part.currencyCodes == null ? 0 : part.currencyCodes[row] & 0xFF] = true;
                    }
                }
                int before = currencies.size();
                try {
                    for (int c = 0; c < used.length; c++) {
                        currencyMap[c] = used[c] ? currencyCode(part.currencies[c]) : 0;
                    }
                } catch (IllegalArgumentException e) {
                    currencies.subList(before, currencies.size()).clear();
                    throw e;
                }
            }
            int[] codes = partCodes == null || partCodesOf != part ? null : partCodes;
            if (codes == null) {
                codes = new int[part.customerCount];
                Arrays.fill(codes, -1);
                partCodes = codes;
                partCodesOf = part;
            }
            if (customers.length - size < count) {
                grow((long) size + count);
            }
            int at = size;
            int[] partCustomers = part.customers;
            String[] partIds = part.customerIds;
            String[] ahead = new String[PREFETCH];
            for (int block = fromRow; block < toRow; block += PREFETCH) {
                int end = Math.min(toRow, block + PREFETCH);
                // the ids of the block new to this builder are looked up in the index together, which overlaps the
                // cache misses of a large index; each is then numbered in the order of its first row
                int fresh = 0;
                for (int row = block; row < end; row++) {
                    int local = partCustomers[row];
                    if (codes[local] < 0) {
                        ahead[fresh++] = partIds[local];
                    }
                }
                if (fresh > 1) {
                    index.prefetch(ahead, fresh);
                }
                for (int row = block, to = at + (block - fromRow); row < end; row++, to++) {
                    int local = partCustomers[row];
                    int code = codes[local];
                    if (code < 0) {
                        code = customer(partIds[local]);
                        codes[local] = code;
                    }
                    customers[to] = code;
                }
            }
            System.arraycopy(part.types, fromRow, types, at, count);
            System.arraycopy(part.seconds, fromRow, seconds, at, count);
            if (part.nanos != null) {
                if (nanos == null) {
                    nanos = new int[customers.length];
                }
                System.arraycopy(part.nanos, fromRow, nanos, at, count);
            }
            if (partAmounts != null) {
                long[] column = amounts;
                if (column == null) {
                    column = new long[customers.length];
                    Arrays.fill(column, NO_AMOUNT);
                    amounts = column;
                }
                System.arraycopy(partAmounts, fromRow, column, at, count);
                byte[] partCurrencies = part.currencyCodes;
                for (int row = fromRow, to = at; row < toRow; row++, to++) {
                    if (partAmounts[row] != NO_AMOUNT) {
                        int code = currencyMap[partCurrencies == null ? 0 : partCurrencies[row] & 0xFF];
                        if (code != 0) {
                            requireNonNull(currencyCodes)[to] = (byte) code;
                        }
                    }
                }
            }
            if (part.npsScores != null) {
                byte[] column = npsScores;
                if (column == null) {
                    column = new byte[customers.length];
                    Arrays.fill(column, (byte) -1);
                    npsScores = column;
                }
                System.arraycopy(part.npsScores, fromRow, column, at, count);
            }
            if (part.customTypes != null) {
                int[] column = customTypes;
                if (column == null) {
                    column = new int[customers.length];
                    Arrays.fill(column, -1);
                    customTypes = column;
                }
                int[] nameCodes = new int[part.customTypeNames.length];
                for (int c = 0; c < nameCodes.length; c++) {
                    String name = part.customTypeNames[c];
                    Integer code = customTypeCodes.get(name);
                    if (code == null) {
                        code = customTypeNames.size();
                        customTypeNames.add(name);
                        customTypeCodes.put(name, code);
                    }
                    nameCodes[c] = code;
                }
                for (int row = fromRow, to = at; row < toRow; row++, to++) {
                    int code = part.customTypes[row];
                    column[to] = code < 0 ? -1 : nameCodes[code];
                }
            }
            if (part.eventIds != null) {
                String[] column = eventIds;
                if (column == null) {
                    column = new String[customers.length];
                    eventIds = column;
                }
                System.arraycopy(part.eventIds, fromRow, column, at, count);
            }
            for (int a = 0; a < part.attributeRows.length; a++) {
                int row = part.attributeRows[a];
                if (row >= fromRow && row < toRow) {
                    attributes(at + row - fromRow, part.attributeValues.get(a));
                }
            }
            if (count == part.size) {
                noteLatest(part.latestSecond, part.latestNano);
            } else {
                for (int row = fromRow; row < toRow; row++) {
                    noteLatest(part.seconds[row], part.nanoAt(row));
                }
            }
            size = at + count;
            return this;
        }

        private void noteLatest(long second, int nano) {
            if (second > latestSecond || (second == latestSecond && nano > latestNano)) {
                latestSecond = second;
                latestNano = nano;
            }
        }

        /**
         * Adds an event of any type with what it carries (an amount in minor units or {@link #NO_AMOUNT}, an NPS score
         * or -1, a custom type or null) through the method for its kind: the one dispatch of {@link
         * #add(CustomerEvent)} and {@link EventBatch#upTo(Instant)}.
         */
        private void appendAny(
                int customer,
                byte type,
                long second,
                int nano,
                long minorUnits,
                @Nullable Currency currency,
                int npsScore,
                @Nullable String customType) {
            if (minorUnits != NO_AMOUNT) {
                withAmount(customer, type, second, nano, minorUnits, requireNonNull(currency, "currency"));
            } else if (type == NPS_ANSWER) {
                npsAnswer(customer, second, nano, npsScore);
            } else if (type == CUSTOM) {
                custom(customer, requireNonNull(customType, "customType"), second, nano);
            } else {
                append(customer, type, second, nano);
            }
        }

        private void eventId(int row, String id) {
            String[] column = eventIds;
            if (column == null) {
                column = new String[customers.length];
                eventIds = column;
            }
            column[row] = id;
        }

        private void attributes(int row, ImmutableMap<String, Double> values) {
            if (attributeCount == attributeRows.length) {
                int capacity = Math.max(16, attributeCount * 2);
                attributeRows = Arrays.copyOf(attributeRows, capacity);
            }
            attributeRows[attributeCount++] = row;
            attributeValues.add(values);
        }

        /**
         * Returns the batch of the events added so far; the builder cannot be used after.
         *
         * @return the batch
         * @throws IllegalStateException if the builder has built its batch already
         */
        public EventBatch build() {
            if (built) {
                throw new IllegalStateException("this builder has built its batch already; use a new one");
            }
            built = true;
            return new EventBatch(this);
        }

        /** Appends the row's customer, type and instant, growing the columns, and returns the row. */
        private int append(int customer, byte type, long epochSecond, int nano) {
            if (built) {
                throw new IllegalStateException("this builder has built its batch already; use a new one");
            }
            if (customer < 0 || customer >= index.size()) {
                throw new IllegalArgumentException("event " + size + " has customer code " + customer
                        + " but the builder has handed out codes 0.." + (index.size() - 1));
            }
            int row = size;
            noteInstant(row, epochSecond, nano);
            if (row == customers.length) {
                grow(0);
            }
            customers[row] = customer;
            types[row] = type;
            seconds[row] = epochSecond;
            if (nano != 0) {
                int[] column = nanos;
                if (column == null) {
                    column = new int[customers.length];
                    nanos = column;
                }
                column[row] = nano;
            }
            size = row + 1;
            return row;
        }

        /** Checks an instant and keeps the latest. */
        private void noteInstant(int row, long epochSecond, int nano) {
            if (nano < 0
                    || nano > 999_999_999
                    || epochSecond < SupportedInstants.FIRST.getEpochSecond()
                    || epochSecond >= SupportedInstants.END.getEpochSecond()) {
                throw new IllegalArgumentException("event " + row + " has instant " + epochSecond + " s " + nano
                        + " ns since the epoch but instants must lie from " + SupportedInstants.FIRST + " to before "
                        + SupportedInstants.END + " with 0..999999999 ns");
            }
            noteLatest(epochSecond, nano);
        }

        /** Grows the columns to twice their length, or to {@code atLeast} events if that is more. */
        private void grow(long atLeast) {
            if (size >= MAX_EVENTS) {
                throw new IllegalArgumentException("a batch holds at most " + MAX_EVENTS + " events");
            }
            int n = (int) Math.min(MAX_EVENTS, Math.max(Math.max(16L, atLeast), 2L * customers.length));
            customers = Arrays.copyOf(customers, n);
            types = Arrays.copyOf(types, n);
            seconds = Arrays.copyOf(seconds, n);
            if (nanos != null) {
                nanos = Arrays.copyOf(nanos, n);
            }
            if (amounts != null) {
                int old = amounts.length;
                amounts = Arrays.copyOf(amounts, n);
                Arrays.fill(amounts, old, n, NO_AMOUNT);
            }
            if (currencyCodes != null) {
                currencyCodes = Arrays.copyOf(currencyCodes, n);
            }
            if (npsScores != null) {
                int old = npsScores.length;
                npsScores = Arrays.copyOf(npsScores, n);
                Arrays.fill(npsScores, old, n, (byte) -1);
            }
            if (customTypes != null) {
                int old = customTypes.length;
                customTypes = Arrays.copyOf(customTypes, n);
                Arrays.fill(customTypes, old, n, -1);
            }
            if (eventIds != null) {
                eventIds = Arrays.copyOf(eventIds, n);
            }
        }
    }
}
