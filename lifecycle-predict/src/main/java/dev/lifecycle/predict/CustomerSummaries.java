package dev.lifecycle.predict;

import dev.lifecycle.core.CustomerEvent;
import dev.lifecycle.core.CustomerProfile;
import dev.lifecycle.core.EventBatch;
import dev.lifecycle.core.EventType;
import dev.lifecycle.core.Money;
import dev.lifecycle.core.ProfileTable;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Currency;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The summary the purchase and spend models read, one row per customer: the frequency {@code x} (repeat purchase
 * occasions), the recency {@code t_x} (from the first occasion to the last), the age {@code T} (from the first occasion
 * to the end of the calibration period) and the mean value of the repeat occasions.
 *
 * <p><b>Occasions.</b> As in the literature (Fader, Hardie and Lee 2005), a customer's purchases of one calendar day are
 * one occasion, whose value is the sum of their amounts (a purchase without an amount adds nothing). The first occasion
 * makes the customer; {@code x} counts the occasions after it, and the mean repeat value is the mean of their values (0
 * when {@code x} is 0). Recency and age are whole days divided by the {@linkplain SummaryOptions#unit() unit}'s days:
 * for the 39-week CDNOW calibration ending 1997-09-30, a customer who first bought on 1997-01-01 has {@code T} = 272 / 7
 * = 38.857 weeks. Customers without a purchase on or before the last day are not in the table; purchases after it are
 * left out. Refunds do not change a summary.
 *
 * <p>Built from event objects, from a columnar {@link EventBatch} or from a {@link ProfileTable}, with the same rows in
 * each case (one fold serves the three), or row by row with a {@link Builder} for summaries computed elsewhere.
 *
 * <p><b>Limits.</b> Frequencies are at most {@link #MAX_FREQUENCY}, recencies and ages at most {@link #MAX_AGE} units,
 * mean values at most {@link #MAX_VALUE}; the amounts of one table are in one currency.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class CustomerSummaries {
    /** The largest frequency: the models' series and gamma functions run on {@code x} plus a parameter. */
    public static final int MAX_FREQUENCY = 100_000;
    /** The largest recency or age, in units. */
    public static final double MAX_AGE = 1e6;
    /** The largest mean repeat value. */
    public static final double MAX_VALUE = 1e15;

    private final SummaryOptions options;
    private final @Nullable Currency currency;
    private final String[] ids;
    private final int[] frequency;
    private final double[] recency;
    private final double[] age;
    private final double[] value;
    /** The rows grouped into their distinct triples, made by the first call that needs them. */
    private volatile @Nullable Triples triples;
    /** Held while the grouping is made, so that it is made once. */
    private final Object grouping = new Object();

    private CustomerSummaries(Builder builder) {
        this.options = builder.options;
        this.currency = builder.currency;
        int n = builder.size;
        this.ids = Arrays.copyOf(builder.ids, n);
        this.frequency = Arrays.copyOf(builder.frequency, n);
        this.recency = Arrays.copyOf(builder.recency, n);
        this.age = Arrays.copyOf(builder.age, n);
        this.value = Arrays.copyOf(builder.value, n);
    }

    /**
     * Returns a builder of summaries computed elsewhere (a file of {@code x, t_x, T} rows, for example).
     *
     * @param options the calibration period and unit the rows are measured in
     * @return an empty builder
     * @throws NullPointerException if {@code options} is null
     */
    public static Builder builder(SummaryOptions options) {
        return new Builder(Objects.requireNonNull(options, "options"));
    }

    /**
     * Summarises the purchases among events, in any order.
     *
     * @param events the events; only purchases are read
     * @param options the calibration period, unit and zone
     * @return one row per customer with a purchase on or before the last day, in order of their first event
     * @throws NullPointerException if an argument or event is null
     * @throws IllegalArgumentException if amounts are in more than one currency, a day's amounts of one customer
     *     overflow, or a customer's frequency exceeds {@link #MAX_FREQUENCY}
     */
    public static CustomerSummaries fromEvents(Iterable<CustomerEvent> events, SummaryOptions options) {
        return foldEvents(events, builder(options)).build();
    }

    static Builder foldEvents(Iterable<CustomerEvent> events, Builder builder) {
        Objects.requireNonNull(events, "events");
        DayClock clock = new DayClock(builder.options.zone());
        Map<String, Occasions> byCustomer = new LinkedHashMap<>();
        for (CustomerEvent event : events) {
            if (event.type() != EventType.PURCHASE) {
                continue;
            }
            Instant at = event.timestamp();
            Optional<Money> amount = event.amount();
            long minor = 0;
            if (amount.isPresent()) {
                builder.currency(amount.get().currency(), event.customerId());
                minor = amount.get().minorUnits();
            }
            byCustomer
                    .computeIfAbsent(event.customerId(), id -> new Occasions())
                    .add(clock.day(at.getEpochSecond()), minor);
        }
        byCustomer.forEach(builder::fold);
        return builder;
    }

    /**
     * Summarises the purchases of a columnar event batch.
     *
     * @param batch the events; only purchases are read
     * @param options the calibration period, unit and zone
     * @return one row per customer with a purchase on or before the last day, in the order of the batch's customer codes
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException as {@link #fromEvents(Iterable, SummaryOptions)} says
     */
    public static CustomerSummaries fromBatch(EventBatch batch, SummaryOptions options) {
        return foldBatch(batch, builder(options)).build();
    }

    static Builder foldBatch(EventBatch batch, Builder builder) {
        Objects.requireNonNull(batch, "batch");
        DayClock clock = new DayClock(builder.options.zone());
        int customers = batch.customerCount();
        int[] counts = new int[customers + 1];
        for (int row = 0; row < batch.size(); row++) {
            if (batch.type(row) == EventType.PURCHASE) {
                counts[batch.customer(row) + 1]++;
            }
        }
        for (int c = 0; c < customers; c++) {
            counts[c + 1] += counts[c];
        }
        int total = counts[customers];
        int[] days = new int[total];
        long[] minors = new long[total];
        int[] next = Arrays.copyOf(counts, customers);
        for (int row = 0; row < batch.size(); row++) {
            if (batch.type(row) != EventType.PURCHASE) {
                continue;
            }
            int customer = batch.customer(row);
            int at = next[customer]++;
            days[at] = clock.day(batch.epochSecond(row));
            long minor = batch.amountMinorUnits(row);
            if (minor != EventBatch.NO_AMOUNT) {
                builder.currency(Objects.requireNonNull(batch.currency(row)), batch.customerId(customer));
                minors[at] = minor;
            }
        }
        Occasions occasions = new Occasions();
        for (int c = 0; c < customers; c++) {
            if (counts[c] < counts[c + 1]) {
                occasions.reset(days, minors, counts[c], counts[c + 1]);
                builder.fold(batch.customerId(c), occasions);
            }
        }
        return builder;
    }

    /**
     * Summarises the orders of a profile table: each row's {@linkplain CustomerProfile#orderTimes() order times} are
     * its purchases, its positive {@linkplain CustomerProfile#payments() payments} their amounts.
     *
     * @param profiles the profiles
     * @param options the calibration period, unit and zone
     * @return one row per profile with an order on or before the last day, in the table's order
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException as {@link #fromEvents(Iterable, SummaryOptions)} says
     */
    public static CustomerSummaries fromProfiles(ProfileTable profiles, SummaryOptions options) {
        return foldProfiles(profiles, builder(options)).build();
    }

    static Builder foldProfiles(ProfileTable profiles, Builder builder) {
        Objects.requireNonNull(profiles, "profiles");
        for (int row = 0; row < profiles.size(); row++) {
            foldProfile(profiles.profile(row), builder);
        }
        return builder;
    }

    /** Folds one profile: its order times are its purchases, its positive payments their amounts. */
    private static Builder foldProfile(CustomerProfile profile, Builder builder) {
        DayClock clock = new DayClock(builder.options.zone());
        Occasions occasions = new Occasions();
        for (Instant at : profile.orderTimes()) {
            occasions.add(clock.day(at.getEpochSecond()), 0);
        }
        for (CustomerProfile.Payment payment : profile.payments()) {
            if (!payment.amount().isNegative()) {
                builder.currency(payment.amount().currency(), profile.customerId());
                occasions.add(
                        clock.day(payment.at().getEpochSecond()),
                        payment.amount().minorUnits());
            }
        }
        builder.fold(profile.customerId(), occasions);
        return builder;
    }

    /**
     * One profile's summary at the end of a calibration period, through the same fold as {@link #fromProfiles}; empty
     * when the profile has no order on or before the period's last day.
     */
    static java.util.Optional<CustomerSummary> summarize(CustomerProfile profile, SummaryOptions options) {
        CustomerSummaries one = foldProfile(profile, builder(options)).build();
        return one.size() == 0 ? java.util.Optional.empty() : java.util.Optional.of(one.summary(0));
    }

    /** {@return the calibration period and unit the rows are measured in} */
    public SummaryOptions options() {
        return options;
    }

    /** {@return the currency of the mean repeat values, empty when no purchase carried an amount} */
    public Optional<Currency> currency() {
        return Optional.ofNullable(currency);
    }

    /** {@return the number of customers} */
    public int size() {
        return ids.length;
    }

    /**
     * Returns a row's customer id.
     *
     * @param row a row, from 0 to {@link #size()} - 1
     * @return the customer id
     * @throws IndexOutOfBoundsException if {@code row} is not a row
     */
    public String customerId(int row) {
        return ids[Objects.checkIndex(row, ids.length)];
    }

    /**
     * Returns a row's frequency {@code x}: its repeat purchase occasions.
     *
     * @param row a row
     * @return the frequency
     * @throws IndexOutOfBoundsException if {@code row} is not a row
     */
    public int frequency(int row) {
        return frequency[Objects.checkIndex(row, ids.length)];
    }

    /**
     * Returns a row's recency {@code t_x}: units from the first occasion to the last.
     *
     * @param row a row
     * @return the recency
     * @throws IndexOutOfBoundsException if {@code row} is not a row
     */
    public double recency(int row) {
        return recency[Objects.checkIndex(row, ids.length)];
    }

    /**
     * Returns a row's age {@code T}: units from the first occasion to the last day of the calibration period.
     *
     * @param row a row
     * @return the age
     * @throws IndexOutOfBoundsException if {@code row} is not a row
     */
    public double age(int row) {
        return age[Objects.checkIndex(row, ids.length)];
    }

    /**
     * Returns the mean value of a row's repeat occasions, in units of {@link #currency()}; 0 without repeat occasions.
     *
     * @param row a row
     * @return the mean repeat value
     * @throws IndexOutOfBoundsException if {@code row} is not a row
     */
    public double meanRepeatValue(int row) {
        return value[Objects.checkIndex(row, ids.length)];
    }

    /**
     * Returns one row as a value.
     *
     * @param row a row
     * @return the row's summary
     * @throws IndexOutOfBoundsException if {@code row} is not a row
     */
    public CustomerSummary summary(int row) {
        Objects.checkIndex(row, ids.length);
        return new CustomerSummary(ids[row], frequency[row], recency[row], age[row], value[row]);
    }

    /** {@return the rows as values, in table order} */
    public List<CustomerSummary> summaries() {
        CustomerSummary[] rows = new CustomerSummary[ids.length];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = summary(i);
        }
        return List.of(rows);
    }

    /**
     * Returns the rows grouped into their distinct (x, t_x, T) triples, what the purchase models are fitted on and
     * predictions are computed over. The grouping (one hashing pass over the rows) is made once, by the first call,
     * and kept: the table is immutable, so every later fit, likelihood and prediction on it reuses it, and threads
     * calling first at once wait for the one grouping.
     */
    Triples triples() {
        Triples grouped = triples;
        if (grouped == null) {
            synchronized (grouping) {
                grouped = triples;
                if (grouped == null) {
                    grouped = Triples.of(frequency, recency, age);
                    triples = grouped;
                }
            }
        }
        return grouped;
    }

    int[] frequencies() {
        return frequency;
    }

    double[] recencies() {
        return recency;
    }

    double[] ages() {
        return age;
    }

    double[] meanRepeatValues() {
        return value;
    }

    @Override
    public String toString() {
        return "CustomerSummaries[" + ids.length + " customers through " + options.through() + " in "
                + options.unit().toString().toLowerCase(java.util.Locale.ROOT) + "]";
    }

    /** A calendar day in a zone from an epoch second, with the offset looked up once for a fixed-offset zone. */
    private static final class DayClock {
        private final ZoneId zone;
        private final boolean fixed;
        private final long offsetSeconds;

        DayClock(ZoneId zone) {
            this.zone = zone;
            this.fixed = zone.getRules().isFixedOffset();
            this.offsetSeconds =
                    fixed ? zone.getRules().getOffset(Instant.EPOCH).getTotalSeconds() : 0;
        }

        int day(long epochSecond) {
            long local = fixed
                    ? epochSecond + offsetSeconds
                    : epochSecond
                            + zone.getRules()
                                    .getOffset(Instant.ofEpochSecond(epochSecond))
                                    .getTotalSeconds();
            // supported instants (years 1678 to 2261) are days well inside an int
            return Math.toIntExact(Math.floorDiv(local, 86_400L));
        }
    }

    /** One customer's purchases as (day, minor units) pairs in any order: the input of the one summary fold. */
    static final class Occasions {
        private int[] days = new int[4];
        private long[] minors = new long[4];
        private int size;

        void add(int day, long minor) {
            if (size == days.length) {
                days = Arrays.copyOf(days, size * 2);
                minors = Arrays.copyOf(minors, size * 2);
            }
            days[size] = day;
            minors[size] = minor;
            size++;
        }

        void clear() {
            size = 0;
        }

        void reset(int[] allDays, long[] allMinors, int from, int to) {
            size = 0;
            for (int i = from; i < to; i++) {
                add(allDays[i], allMinors[i]);
            }
        }
    }

    /**
     * A builder of summaries: rows added directly, or folded from purchases. Not thread-safe.
     */
    public static final class Builder {
        private final SummaryOptions options;
        private final int throughDay;
        private final double daysPerUnit;
        private final Set<String> seen = new HashSet<>();
        private @Nullable Currency currency;
        /** The holdout period's tally, when the fold also counts what happens after calibration. */
        private final Holdout.@Nullable Tally tally;

        private String[] ids = new String[16];
        private int[] frequency = new int[16];
        private double[] recency = new double[16];
        private double[] age = new double[16];
        private double[] value = new double[16];
        private int size;

        private Builder(SummaryOptions options) {
            this(options, null);
        }

        Builder(SummaryOptions options, Holdout.@Nullable Tally tally) {
            this.tally = tally;
            this.options = options;
            this.throughDay = Math.toIntExact(options.through().toEpochDay());
            this.daysPerUnit = options.daysPerUnit();
        }

        /**
         * Adds a customer's summary.
         *
         * @param customerId the customer, not blank and not already added
         * @param frequency repeat purchase occasions, from 0 to {@link #MAX_FREQUENCY}
         * @param recency units from the first occasion to the last: 0 when {@code frequency} is 0, otherwise from 0 to
         *     {@code age}
         * @param age units from the first occasion to the end of calibration, from 0 to {@link #MAX_AGE}
         * @param meanRepeatValue the mean value of the repeat occasions: 0 when {@code frequency} is 0, otherwise from 0
         *     to {@link #MAX_VALUE}
         * @return this builder
         * @throws NullPointerException if {@code customerId} is null
         * @throws IllegalArgumentException if a value breaks its rule, naming the customer, the value and the rule
         */
        public Builder add(String customerId, int frequency, double recency, double age, double meanRepeatValue) {
            Objects.requireNonNull(customerId, "customerId");
            Checks.summary(customerId, frequency, recency, age, meanRepeatValue);
            if (!seen.add(customerId)) {
                throw new IllegalArgumentException("customer '" + customerId + "': added twice");
            }
            if (size == ids.length) {
                int capacity = size * 2;
                ids = Arrays.copyOf(ids, capacity);
                this.frequency = Arrays.copyOf(this.frequency, capacity);
                this.recency = Arrays.copyOf(this.recency, capacity);
                this.age = Arrays.copyOf(this.age, capacity);
                this.value = Arrays.copyOf(this.value, capacity);
            }
            ids[size] = customerId;
            this.frequency[size] = frequency;
            this.recency[size] = recency;
            this.age[size] = age;
            this.value[size] = meanRepeatValue;
            size++;
            return this;
        }

        /**
         * Sets the currency of the mean repeat values, for rows added directly.
         *
         * @param currency the currency
         * @return this builder
         * @throws NullPointerException if {@code currency} is null
         * @throws IllegalArgumentException if the builder already holds amounts in another currency
         */
        public Builder currency(Currency currency) {
            currency(Objects.requireNonNull(currency, "currency"), null);
            return this;
        }

        /** {@return the summaries added} */
        public CustomerSummaries build() {
            return new CustomerSummaries(this);
        }

        void currency(Currency paid, @Nullable String customerId) {
            if (currency == null) {
                currency = paid;
            } else if (!currency.equals(paid)) {
                throw new IllegalArgumentException("summaries hold amounts in one currency, "
                        + currency.getCurrencyCode() + ", but "
                        + (customerId == null ? "the builder was given " : "customer '" + customerId + "' paid in ")
                        + paid.getCurrencyCode());
            }
        }

        /** The one fold from a customer's purchases to a row: occasions are days, the first makes the customer. */
        void fold(String customerId, Occasions occasions) {
            int n = occasions.size;
            int[] days = occasions.days;
            long[] minors = occasions.minors;
            // sort the pairs by day: day offsets from the customer's earliest day in the high bits, the index below
            int first = Integer.MAX_VALUE;
            for (int i = 0; i < n; i++) {
                first = Math.min(first, days[i]);
            }
            if (n == 0 || first > throughDay) {
                return;
            }
            long[] keys = new long[n];
            for (int i = 0; i < n; i++) {
                keys[i] = ((long) (days[i] - first) << 32) | i;
            }
            Arrays.sort(keys);
            int repeat = 0;
            int last = first;
            long repeatMinor = 0;
            int previous = Integer.MIN_VALUE;
            int later = 0;
            Holdout.Tally holdout = tally;
            for (long key : keys) {
                int i = (int) key;
                int day = days[i];
                boolean occasion = day != previous && previous != Integer.MIN_VALUE;
                previous = day;
                if (day > throughDay) {
                    // after calibration: only a holdout tally counts it, up to the holdout's last day
                    if (holdout == null || day > holdout.lastDay) {
                        break;
                    }
                    if (occasion) {
                        later++;
                        holdout.repeat(day);
                    }
                    continue;
                }
                if (occasion) {
                    repeat++;
                    if (holdout != null) {
                        holdout.repeat(day);
                    }
                }
                last = day;
                if (day != first) {
                    try {
                        repeatMinor = Math.addExact(repeatMinor, minors[i]);
                    } catch (ArithmeticException overflow) {
                        throw new IllegalArgumentException(
                                "customer '" + customerId + "': the amounts of the repeat purchases exceed "
                                        + Long.MAX_VALUE + " minor units",
                                overflow);
                    }
                }
            }
            if (repeat > MAX_FREQUENCY) {
                throw new IllegalArgumentException("customer '" + customerId + "': frequency must be at most "
                        + MAX_FREQUENCY + " but was " + repeat);
            }
            double mean = 0;
            if (repeat > 0 && currency != null) {
                BigDecimal total = BigDecimal.valueOf(repeatMinor, Math.max(0, currency.getDefaultFractionDigits()));
                mean = total.divide(BigDecimal.valueOf(repeat), MathContext.DECIMAL64)
                        .doubleValue();
            }
            add(customerId, repeat, (last - first) / daysPerUnit, (throughDay - first) / daysPerUnit, mean);
            if (holdout != null) {
                holdout.customer(first, later);
            }
        }
    }
}
