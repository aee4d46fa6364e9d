package dev.lifecycle.rfm;

import dev.lifecycle.core.CustomerEvent;
import dev.lifecycle.core.CustomerProfile;
import dev.lifecycle.core.EventBatch;
import dev.lifecycle.core.EventType;
import dev.lifecycle.core.Money;
import dev.lifecycle.core.ProfileTable;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Currency;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Each customer's recency, frequency and monetary value at an instant, one row per customer: what RFM scores are
 * computed from.
 *
 * <ul>
 *   <li><b>Recency</b>: whole days from the date of the customer's last order to the date of the instant, both dates
 *       in the table's zone (an order on the instant's own day is 0 days back).
 *   <li><b>Frequency</b>: the number of orders (purchase events), each counted once whatever its amount.
 *   <li><b>Revenue</b>: the sum of the orders' amounts (an order without an amount adds nothing; refunds do not
 *       reduce it), exact in minor units; the {@linkplain Monetary monetary value} scored is this total or its mean
 *       per order.
 * </ul>
 *
 * <p>Only orders at or before the instant count; customers without one are not in the table. Built from event
 * objects, from a columnar {@link EventBatch} or from a {@link ProfileTable}, with the same rows in each case (one
 * fold, {@link Builder#order}, serves the three), or row by row with {@link Builder#add} for values computed elsewhere.
 *
 * <p><b>Limits.</b> A customer's revenue is at most {@link #MAX_REVENUE_MINOR_UNITS} minor units and orders at most
 * {@link #MAX_ORDERS}, so that the monetary values are the doubles nearest their exact values; the amounts of one
 * table are in one currency.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class RfmValues {
    /** The largest revenue of one customer in minor units: 2^53, below which every whole number is a double. */
    public static final long MAX_REVENUE_MINOR_UNITS = 1L << 53;
    /** The largest number of orders of one customer: 2^32, so that a mean's divisor is an exact double. */
    public static final long MAX_ORDERS = 1L << 32;

    /** A row's last order instant while none was folded (its last order was given as a day). */
    private static final long NO_INSTANT = Long.MIN_VALUE;

    private final Instant asOf;
    private final ZoneId zone;
    private final @Nullable Currency currency;
    private final String[] ids;
    private final long[] recencyDays;
    private final long[] orders;
    private final long[] revenue;

    private RfmValues(Builder builder) {
        this.asOf = builder.asOf;
        this.zone = builder.zone;
        this.currency = builder.currency;
        int n = builder.size;
        this.ids = Arrays.copyOf(builder.ids, n);
        this.recencyDays = new long[n];
        for (int row = 0; row < n; row++) {
            long second = builder.lastSecond[row];
            long day =
                    second == NO_INSTANT ? builder.lastDay[row] : Math.max(builder.lastDay[row], builder.day(second));
            recencyDays[row] = builder.asOfDay - day;
        }
        this.orders = Arrays.copyOf(builder.orders, n);
        this.revenue = Arrays.copyOf(builder.revenue, n);
    }

    /**
     * Returns an empty builder of the values at an instant.
     *
     * @param asOf the instant; orders after it are left out
     * @param zone the zone whose calendar days recency counts
     * @return the builder
     * @throws NullPointerException if an argument is null
     */
    public static Builder builder(Instant asOf, ZoneId zone) {
        return new Builder(asOf, zone);
    }

    /**
     * Folds the purchases among events, in any order.
     *
     * @param events the events; only purchases are read
     * @param asOf the instant; purchases after it are left out
     * @param zone the zone whose calendar days recency counts
     * @return one row per customer with an order at or before {@code asOf}, in order of their first such order
     * @throws NullPointerException if an argument or event is null
     * @throws IllegalArgumentException if amounts are in more than one currency or a customer's revenue exceeds {@link
     *     #MAX_REVENUE_MINOR_UNITS}, naming the customer
     */
    public static RfmValues fromEvents(Iterable<CustomerEvent> events, Instant asOf, ZoneId zone) {
        Objects.requireNonNull(events, "events");
        Builder builder = builder(asOf, zone);
        for (CustomerEvent event : events) {
            if (event.type() == EventType.PURCHASE) {
                builder.order(
                        event.customerId(), event.timestamp(), event.amount().orElse(null));
            }
        }
        return builder.build();
    }

    /**
     * Folds the purchases of a columnar event batch.
     *
     * @param batch the events; only purchases are read
     * @param asOf the instant; purchases after it are left out
     * @param zone the zone whose calendar days recency counts
     * @return one row per customer with an order at or before {@code asOf}, in order of their first such order
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException as {@link #fromEvents} says
     */
    public static RfmValues fromBatch(EventBatch batch, Instant asOf, ZoneId zone) {
        Objects.requireNonNull(batch, "batch");
        Builder builder = builder(asOf, zone);
        for (int row = 0; row < batch.size(); row++) {
            if (batch.type(row) == EventType.PURCHASE) {
                builder.order(batch.customerId(batch.customer(row)), batch.timestamp(row), batch.amountOrNull(row));
            }
        }
        return builder.build();
    }

    /**
     * Folds the orders of a profile table: a row's {@linkplain CustomerProfile#orderTimes() order times} are its
     * orders, its positive {@linkplain CustomerProfile#payments() payments} their amounts. A profile built from
     * aggregates that holds fewer order instants than its {@linkplain CustomerProfile#orderCount() order count} is
     * read from its aggregates (order count, last order, total spend), which is exact when its last order is at or
     * before {@code asOf}.
     *
     * @param profiles the profiles
     * @param asOf the instant; orders after it are left out
     * @param zone the zone whose calendar days recency counts
     * @return one row per profile with an order at or before {@code asOf}, in the table's order
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException as {@link #fromEvents} says, or for a profile built from aggregates whose last
     *     order is after {@code asOf} (its orders before {@code asOf} are not known)
     */
    public static RfmValues fromProfiles(ProfileTable profiles, Instant asOf, ZoneId zone) {
        Objects.requireNonNull(profiles, "profiles");
        Builder builder = builder(asOf, zone);
        // a table whose rows are distinct customers needs no look-up of ids: each row is appended as it is
        boolean distinct = profiles.customersDistinct();
        for (int row = 0; row < profiles.size(); row++) {
            Optional<Instant> last = profiles.lastOrderAt(row);
            if (last.isPresent() && !last.get().isAfter(asOf)) {
                // the common case, read from the table's columns without making the row's profile
                builder.aggregates(
                        profiles.customerId(row),
                        last.get(),
                        profiles.orderCount(row),
                        profiles.totalSpend(row).orElse(null),
                        distinct);
            } else if (last.isPresent()) {
                builder.profile(profiles.profile(row), distinct);
            }
        }
        return builder.build();
    }

    /** {@return the instant the values are taken at} */
    public Instant asOf() {
        return asOf;
    }

    /** {@return the zone whose calendar days recency counts} */
    public ZoneId zone() {
        return zone;
    }

    /** {@return the currency of the amounts, if any order carried one} */
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
     * @param row a row
     * @return the customer id
     * @throws IndexOutOfBoundsException if {@code row} is not a row
     */
    public String customerId(int row) {
        return ids[Objects.checkIndex(row, ids.length)];
    }

    /**
     * Returns a row's recency.
     *
     * @param row a row
     * @return whole days from the last order's date to the date of {@link #asOf()}, zero or more
     * @throws IndexOutOfBoundsException if {@code row} is not a row
     */
    public long recencyDays(int row) {
        return recencyDays[Objects.checkIndex(row, ids.length)];
    }

    /**
     * Returns a row's frequency.
     *
     * @param row a row
     * @return the number of orders, one or more
     * @throws IndexOutOfBoundsException if {@code row} is not a row
     */
    public long orders(int row) {
        return orders[Objects.checkIndex(row, ids.length)];
    }

    /**
     * Returns a row's revenue.
     *
     * @param row a row
     * @return the sum of the orders' amounts in minor units of {@link #currency()}, zero or more
     * @throws IndexOutOfBoundsException if {@code row} is not a row
     */
    public long revenueMinorUnits(int row) {
        return revenue[Objects.checkIndex(row, ids.length)];
    }

    /**
     * Returns a row's revenue in units of the currency, exactly.
     *
     * @param row a row
     * @return the revenue, with the currency's digits
     * @throws IndexOutOfBoundsException if {@code row} is not a row
     */
    public BigDecimal revenue(int row) {
        return BigDecimal.valueOf(revenueMinorUnits(row), digits());
    }

    /**
     * Returns the value a dimension scores for a row: recency days, orders, or the revenue in units of the currency
     * (its total, or its mean per order, as a double).
     *
     * @param dimension the dimension
     * @param monetary what the monetary dimension measures
     * @param row a row
     * @return the value
     * @throws NullPointerException if an argument is null
     * @throws IndexOutOfBoundsException if {@code row} is not a row
     */
    public double value(Dimension dimension, Monetary monetary, int row) {
        Objects.checkIndex(row, ids.length);
        return value(dimension, Objects.requireNonNull(monetary, "monetary"), digits(), row);
    }

    /** A row's value of a dimension, given the table's {@link #digits()}; the row is not checked. */
    double value(Dimension dimension, Monetary monetary, int digits, int row) {
        return switch (dimension) {
            case RECENCY -> recencyDays[row];
            case FREQUENCY -> orders[row];
            case MONETARY -> monetary.value(revenue[row], orders[row], digits);
        };
    }

    /**
     * A dimension's sort keys, one per row: non-negative longs that order as its values do (days, orders, revenue in
     * minor units, or the bits of the mean). The table's own column where there is one, which the caller must not
     * write.
     */
    long[] keys(Dimension dimension, Monetary monetary) {
        return switch (dimension) {
            case RECENCY -> recencyDays;
            case FREQUENCY -> orders;
            case MONETARY -> {
                if (monetary == Monetary.TOTAL) {
                    yield revenue;
                }
                long[] keys = new long[ids.length];
                int digits = digits();
                for (int row = 0; row < keys.length; row++) {
                    // a mean is zero or more, whose bits order as it does
                    keys[row] = Double.doubleToLongBits(monetary.value(revenue[row], orders[row], digits));
                }
                yield keys;
            }
        };
    }

    /** The value a sort key of {@link #keys} stands for: the value of every row with that key. */
    double valueOfKey(Dimension dimension, Monetary monetary, long key) {
        return switch (dimension) {
            case RECENCY, FREQUENCY -> key;
            case MONETARY ->
                monetary == Monetary.TOTAL ? monetary.value(key, 1, digits()) : Double.longBitsToDouble(key);
        };
    }

    /** {@return the currency's fraction digits, 0 when no order carried an amount} */
    int digits() {
        return currency == null ? 0 : Math.max(0, currency.getDefaultFractionDigits());
    }

    @Override
    public String toString() {
        return "RfmValues[" + ids.length + " customers as of " + asOf + " in " + zone + "]";
    }

    /**
     * Builds a table of values, order by order or row by row. Not thread-safe.
     */
    public static final class Builder {
        private final Instant asOf;
        private final ZoneId zone;
        private final long asOfDay;
        /** The zone's offset in seconds when it never changes, so a day is one division; else {@link #VARYING}. */
        private final long fixedOffsetSeconds;

        private @Nullable Currency currency;
        /** The rows, in the order their customers first came: per row, as the table's columns. */
        private String[] ids = new String[16];
        /** The latest order's epoch second ({@link #NO_INSTANT} until one is folded): its day is taken at build. */
        private long[] lastSecond = new long[16];
        /** The last order's day when it was given as a day or read from aggregates, else {@code Long.MIN_VALUE}. */
        private long[] lastDay = new long[16];

        private long[] orders = new long[16];
        private long[] revenue = new long[16];
        private int size;
        /**
         * Customer id to row, for the rows that orders, profiles and {@link #add} bring, which may name a customer
         * again; {@link #fromProfiles} over a table of distinct customers appends its rows without it.
         */
        private final Map<String, Integer> rows = new HashMap<>();

        private static final long VARYING = Long.MIN_VALUE;

        private Builder(Instant asOf, ZoneId zone) {
            this.asOf = Objects.requireNonNull(asOf, "asOf");
            this.zone = Objects.requireNonNull(zone, "zone");
            this.asOfDay = LocalDate.ofInstant(asOf, zone).toEpochDay();
            this.fixedOffsetSeconds = zone.getRules().isFixedOffset()
                    ? zone.getRules().getOffset(asOf).getTotalSeconds()
                    : VARYING;
        }

        /**
         * Folds one order: the fold every source goes through. An order after {@link RfmValues#asOf()} is left out.
         *
         * @param customerId the customer
         * @param at when the order was placed
         * @param amount its amount, or null when it carried none
         * @return this builder
         * @throws NullPointerException if {@code customerId} or {@code at} is null
         * @throws IllegalArgumentException if the amount's currency differs from the table's, or the customer's
         *     revenue would exceed {@link #MAX_REVENUE_MINOR_UNITS}
         */
        public Builder order(String customerId, Instant at, @Nullable Money amount) {
            Objects.requireNonNull(customerId, "customerId");
            if (Objects.requireNonNull(at, "at").isAfter(asOf)) {
                return this;
            }
            long minor = 0;
            if (amount != null) {
                currency(amount.currency(), customerId);
                minor = amount.minorUnits();
            }
            Integer known = rows.get(customerId);
            int row;
            if (known == null) {
                row = append(customerId, Long.MIN_VALUE, 0, 0);
                rows.put(customerId, row);
            } else {
                row = known;
            }
            // the day is taken once, at build, from the latest second (instants of one second share their day)
            lastSecond[row] = Math.max(lastSecond[row], at.getEpochSecond());
            orders[row] = orders(customerId, orders[row] + 1);
            revenue[row] = revenue(customerId, revenue[row], minor);
            return this;
        }

        /**
         * Adds one profile's orders at or before {@link RfmValues#asOf()}, as {@link #fromProfiles} says.
         *
         * @param profile the profile
         * @return this builder
         * @throws NullPointerException if {@code profile} is null
         * @throws IllegalArgumentException as {@link #fromProfiles} says, or if the customer is already in the table
         */
        public Builder profile(CustomerProfile profile) {
            return profile(profile, false);
        }

        /** {@link #profile(CustomerProfile)}, appended without a look-up when the rows are known to be distinct. */
        private Builder profile(CustomerProfile profile, boolean distinct) {
            String id = profile.customerId();
            Optional<Instant> last = profile.lastOrderAt();
            if (last.isEmpty()) {
                return this;
            }
            if (!last.get().isAfter(asOf)) {
                return aggregates(
                        id,
                        last.get(),
                        profile.orderCount(),
                        profile.totalSpend().orElse(null),
                        distinct);
            }
            if (profile.orderTimes().size() < profile.orderCount()) {
                throw new IllegalArgumentException("customer " + id + " has a last order at " + last.get()
                        + ", after " + asOf + ", and holds "
                        + profile.orderTimes().size() + " of its "
                        + profile.orderCount()
                        + " order instants: its orders up to that instant are not known");
            }
            long count = 0;
            long latest = NO_INSTANT;
            for (Instant at : profile.orderTimes()) {
                if (!at.isAfter(asOf)) {
                    count++;
                    latest = Math.max(latest, at.getEpochSecond());
                }
            }
            if (count == 0) {
                return this;
            }
            long minor = 0;
            for (CustomerProfile.Payment payment : profile.payments()) {
                Money amount = payment.amount();
                if (!amount.isNegative() && !payment.at().isAfter(asOf)) {
                    currency(amount.currency(), id);
                    minor = revenue(id, minor, amount.minorUnits());
                }
            }
            return add(id, day(latest), count, minor, distinct);
        }

        /** A customer whose every order is at or before asOf: its aggregates are the fold's answer. */
        private Builder aggregates(String id, Instant last, long orders, @Nullable Money total, boolean distinct) {
            long minor = 0;
            if (total != null) {
                currency(total.currency(), id);
                minor = total.minorUnits();
            }
            return add(id, day(last.getEpochSecond()), orders, minor, distinct);
        }

        /** The day, in the zone, of an epoch second. */
        private long day(long epochSecond) {
            return fixedOffsetSeconds != VARYING
                    ? Math.floorDiv(epochSecond + fixedOffsetSeconds, 86_400L)
                    : LocalDate.ofInstant(Instant.ofEpochSecond(epochSecond), zone)
                            .toEpochDay();
        }

        /**
         * Adds a customer's values computed elsewhere.
         *
         * @param customerId the customer, not already in the table
         * @param recencyDays whole days since the last order, zero or more
         * @param orders the number of orders, from 1 to {@link #MAX_ORDERS}
         * @param revenueMinorUnits the revenue in minor units of the table's {@linkplain #currency(Currency)
         *     currency}, from 0 to {@link #MAX_REVENUE_MINOR_UNITS}
         * @return this builder
         * @throws NullPointerException if {@code customerId} is null
         * @throws IllegalArgumentException naming the value and the rule when a value is out of range, or the
         *     customer is already in the table
         */
        public Builder add(String customerId, long recencyDays, long orders, long revenueMinorUnits) {
            Objects.requireNonNull(customerId, "customerId");
            if (recencyDays < 0 || recencyDays > asOfDay - LocalDate.MIN.toEpochDay()) {
                throw new IllegalArgumentException("recency of customer " + customerId
                        + " must be zero or more days back from " + asOf + " but was " + recencyDays);
            }
            return add(customerId, asOfDay - recencyDays, orders, revenueMinorUnits, false);
        }

        /** Adds a customer by the day of its last order; without a look-up when the rows are known distinct. */
        private Builder add(String customerId, long day, long orders, long revenueMinorUnits, boolean distinct) {
            long checkedOrders = orders(customerId, orders);
            long checkedRevenue = revenue(customerId, 0, revenueMinorUnits);
            if (!distinct && rows.putIfAbsent(customerId, size) != null) {
                throw new IllegalArgumentException("customer " + customerId + " is already in the table");
            }
            append(customerId, day, checkedOrders, checkedRevenue);
            return this;
        }

        /** Appends a row and returns it. */
        private int append(String customerId, long day, long orders, long revenueMinorUnits) {
            if (size == ids.length) {
                int capacity = size * 2;
                ids = Arrays.copyOf(ids, capacity);
                lastSecond = Arrays.copyOf(lastSecond, capacity);
                lastDay = Arrays.copyOf(lastDay, capacity);
                this.orders = Arrays.copyOf(this.orders, capacity);
                revenue = Arrays.copyOf(revenue, capacity);
            }
            ids[size] = customerId;
            lastSecond[size] = NO_INSTANT;
            lastDay[size] = day;
            this.orders[size] = orders;
            revenue[size] = revenueMinorUnits;
            return size++;
        }

        /**
         * Sets the currency of the amounts added with {@link #add}; orders folded with an amount set it too.
         *
         * @param currency the currency
         * @return this builder
         * @throws NullPointerException if {@code currency} is null
         * @throws IllegalArgumentException if another currency was set
         */
        public Builder currency(Currency currency) {
            return currency(Objects.requireNonNull(currency, "currency"), null);
        }

        private Builder currency(Currency of, @Nullable String customerId) {
            if (currency == null) {
                currency = of;
            } else if (!currency.equals(of)) {
                throw new IllegalArgumentException("amounts must be in one currency, " + currency + ", but "
                        + (customerId == null ? "" : "customer " + customerId + " has an amount in ") + of);
            }
            return this;
        }

        private static long orders(String customerId, long orders) {
            if (orders < 1 || orders > MAX_ORDERS) {
                throw new IllegalArgumentException("orders of customer " + customerId + " must be from 1 to "
                        + MAX_ORDERS + " but were " + orders);
            }
            return orders;
        }

        private static long revenue(String customerId, long sum, long minor) {
            if (minor < 0 || minor > MAX_REVENUE_MINOR_UNITS - sum) {
                throw new IllegalArgumentException("revenue of customer " + customerId + " must be from 0 to "
                        + MAX_REVENUE_MINOR_UNITS + " minor units but " + sum + " + " + minor + " is not");
            }
            return sum + minor;
        }

        /** {@return the table, rows in the order their customers first came} */
        public RfmValues build() {
            return new RfmValues(this);
        }
    }
}
