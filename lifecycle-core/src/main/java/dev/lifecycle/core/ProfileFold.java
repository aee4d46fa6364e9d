package dev.lifecycle.core;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.Currency;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The one fold from a customer event to profile facts. {@link #fold(CustomerEvent, Sink)} counts the event towards
 * its type and hands it to the update of every {@link CustomerProfile.Fact} whose event types include the event's
 * type, as that table describes (a test holds the two together). Where the facts are kept is up to the {@link Sink}: a
 * profile folded in order ({@link CustomerProfile#plus(CustomerEvent)}), an {@link Accumulation} in any order, or a
 * row of a {@link ProfileTable}. The "latest event wins" order of events is {@link Stamp}.
 *
 * <p>The fold is one switch over the event type rather than a call per fact: a profile from a million events spends
 * most of its time here, and a call per fact through the fact table cost a quarter more in the benchmark's
 * accumulator path (see docs/benchmarks.md).
 */
final class ProfileFold {
    /** The order instants of an accumulation without orders. */
    private static final long[] NO_ORDERS = new long[0];

    /** The payments of an accumulation without payments. */
    private static final CustomerProfile.Payment[] NO_PAYMENTS = new CustomerProfile.Payment[0];

    private ProfileFold() {}

    /** Folds one event into the sink: its type's count, activity, then the facts its type sets. */
    static void fold(CustomerEvent event, Sink sink) {
        EventType type = event.type();
        Instant at = event.timestamp();
        sink.counted(type, at);
        sink.activity(at);
        switch (type) {
            case PURCHASE -> {
                sink.order(at);
                Money amount = event.amountOrNull();
                if (amount != null) {
                    sink.spend(event, amount, new CustomerProfile.Payment(at, amount));
                }
            }
            case REFUND -> {
                Money amount = event.amountOrNull();
                if (amount != null) {
                    sink.refund(
                            event,
                            amount,
                            new CustomerProfile.Payment(
                                    at, Money.zero(amount.currency()).minus(amount)));
                }
            }
            case NPS_ANSWER -> sink.nps(event);
            case LOYALTY_ENROLMENT -> sink.loyalty(at);
            case CUSTOM -> sink.custom(requireNonNull(event.customTypeOrNull(), "customType"));
            default -> {
                // the type's count and latest instant, kept above, are the whole fact
            }
        }
        if (!event.attributes().isEmpty()) {
            sink.attributes(event);
        }
    }

    /** Returns the earlier of two instants; null stands for none. */
    static @Nullable Instant min(@Nullable Instant a, @Nullable Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isBefore(b) ? a : b;
    }

    /** Returns the later of two instants; null stands for none. */
    static @Nullable Instant max(@Nullable Instant a, @Nullable Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isAfter(b) ? a : b;
    }

    /**
     * Where a fold keeps the facts. Each method is one fact's update; the fold calls them, the sink decides how "first"
     * and "latest" are kept (an in-order sink may overwrite, an any-order sink compares {@link Stamp}s).
     */
    interface Sink {
        /** Every event: one more event of its type, and the type's latest instant. */
        void counted(EventType type, Instant at);

        /** Every event: first seen and last activity. */
        void activity(Instant at);

        /** A purchase, with or without an amount: the first order and the order's instant. */
        void order(Instant at);

        /** A purchase with an amount: total spend and the payment (positive). */
        void spend(CustomerEvent event, Money amount, CustomerProfile.Payment payment);

        /** A refund with an amount: the refunded amount and the payment (negative). */
        void refund(CustomerEvent event, Money amount, CustomerProfile.Payment payment);

        /** An NPS answer: the latest score. */
        void nps(CustomerEvent event);

        /** A loyalty enrolment: the first enrolment. */
        void loyalty(Instant at);

        /** A custom event: its name's count. */
        void custom(String customType);

        /** An event with attributes: the latest value of each. */
        void attributes(CustomerEvent event);
    }

    /**
     * When a value was set and by which event: a later instant wins, a tie goes to the greater event id. An event of an
     * {@link EventBatch} may have no id: it loses a tie to one with an id, and of two without, the one compared as the
     * newer ({@code this}, the later row, as a batch is folded in row order) wins.
     */
    record Stamp(Instant at, @Nullable String eventId) {
        static Stamp of(CustomerEvent event) {
            return new Stamp(event.timestamp(), event.eventId());
        }

        boolean isLaterThan(Stamp other) {
            return isLater(at, eventId, other.at, other.eventId);
        }

        /** Whether a value set at {@code at} by event {@code eventId} wins over one set at {@code otherAt}. */
        static boolean isLater(Instant at, @Nullable String eventId, Instant otherAt, @Nullable String otherId) {
            int byTime = at.compareTo(otherAt);
            if (byTime != 0) {
                return byTime > 0;
            }
            if (eventId == null || otherId == null) {
                return otherId == null;
            }
            return eventId.compareTo(otherId) > 0;
        }
    }

    /** A value with the {@link Stamp} of the event that set it. */
    record Stamped<T>(T value, Stamp stamp) {
        static <T> Stamped<T> later(@Nullable Stamped<T> a, Stamped<T> b) {
            return a == null || b.stamp.isLaterThan(a.stamp) ? b : a;
        }
    }

    /**
     * Keeps the facts in a {@link ProfileFacts} carrier: the updates that do not depend on the order of the events.
     * Subclasses say how payments, NPS answers, custom counts and attributes are kept.
     */
    abstract static class FactsSink implements Sink {
        final ProfileFacts f;

        FactsSink(ProfileFacts facts) {
            this.f = facts;
        }

        @Override
        public final void counted(EventType type, Instant at) {
            int i = type.ordinal();
            f.counts[i] = Checks.saturatedAdd(f.counts[i], 1);
            f.lastAt[i] = max(f.lastAt[i], at);
        }

        @Override
        public void activity(Instant at) {
            f.firstSeen = min(f.firstSeen, at);
            f.lastActivity = max(f.lastActivity, at);
        }

        @Override
        public final void order(Instant at) {
            f.firstOrderAt = min(f.firstOrderAt, at);
            addOrder(TrackerTime.toNanosOfSupported(at));
        }

        @Override
        public final void spend(CustomerEvent event, Money amount, CustomerProfile.Payment payment) {
            addSpend(event, amount);
            addPayment(payment);
        }

        @Override
        public final void refund(CustomerEvent event, Money amount, CustomerProfile.Payment payment) {
            addRefund(event, amount);
            addPayment(payment);
        }

        /** Adds an order's amount to the total spend. */
        abstract void addSpend(CustomerEvent event, Money amount);

        /** Adds a refund's amount to the refunded amount. */
        abstract void addRefund(CustomerEvent event, Money amount);

        @Override
        public final void loyalty(Instant at) {
            f.loyaltyEnrolledAt = min(f.loyaltyEnrolledAt, at);
        }

        abstract void addPayment(CustomerProfile.Payment payment);

        /** Keeps an order's instant, in epoch nanoseconds. */
        abstract void addOrder(long nanos);
    }

    /**
     * Keeps the facts of a profile folded in event order ({@link CustomerProfile#plus(CustomerEvent)}): the event is
     * the latest, so it wins every latest fact, and the collections stay immutable.
     */
    static final class InOrder extends FactsSink {
        InOrder(ProfileFacts facts) {
            super(facts);
        }

        @Override
        void addSpend(CustomerEvent event, Money amount) {
            f.totalSpend = CustomerProfile.sumSameCurrency(f.totalSpend, amount, event, f.customerId);
        }

        @Override
        void addRefund(CustomerEvent event, Money amount) {
            f.refunded = CustomerProfile.sumSameCurrency(f.refunded, amount, event, f.customerId);
        }

        @Override
        void addPayment(CustomerProfile.Payment payment) {
            // Appended in amortised constant time, so that a long history does not make each event cost more.
            f.payments = PaymentLog.append(f.payments, payment);
        }

        @Override
        void addOrder(long nanos) {
            // Appended in amortised constant time, as the payments are.
            f.orders = f.orders.plus(nanos);
        }

        @Override
        public void nps(CustomerEvent event) {
            f.lastNpsScore = event.npsScoreOrMinusOne();
        }

        @Override
        public void custom(String customType) {
            Map<String, Long> custom = new HashMap<>(f.customCounts);
            custom.merge(customType, 1L, Checks::saturatedAdd);
            f.customCounts = CustomerProfile.sortedCopy(custom);
        }

        @Override
        public void attributes(CustomerEvent event) {
            Map<String, Double> merged = new HashMap<>(f.attributes);
            merged.putAll(event.attributes());
            f.attributes = CustomerProfile.sortedCopy(merged);
        }
    }

    /**
     * Keeps the facts of events folded in any order and in parts that merge: what {@link CustomerProfile.Accumulator}
     * holds. The latest NPS answer and attribute values carry the {@link Stamp} of their event. Not thread-safe.
     */
    static final class Accumulation extends FactsSink {
        /** The latest NPS answer's score, -1 for none, and the instant and id of its event (kept, not allocated). */
        private int npsScore = -1;

        private @Nullable Instant npsAt;
        private @Nullable String npsEventId;

        /** The sums of the order and refund amounts; null until the first amount of each. */
        private @Nullable Total spend;

        private @Nullable Total refunds;
        /** Attribute values by name; null until the first event with attributes. */
        private @Nullable Map<String, Stamped<Double>> attributes;

        /** Custom counts by name; null until the first custom event, as most customers have none. */
        private @Nullable Map<String, Long> customCounts;

        /**
         * The order instants, the first {@link #orderSize}: appended as they come, put in time order by {@link
         * #toFacts()}, whose profiles see a prefix of the array ({@link #ordersHandedOut}).
         */
        private long[] orderNanos = NO_ORDERS;

        private int orderSize;
        /** Whether a profile sees a prefix of {@link #orderNanos}, which must then not be reordered in place. */
        private boolean ordersHandedOut;
        /** Whether the order instants came in time order, as they do from a log in time order: no sort needed. */
        private boolean ordersInOrder = true;

        /**
         * The payments, the first {@link #paymentSize}: kept as the order instants are ({@link #orderNanos}), put in
         * the profile's order by {@link #toFacts()}, whose profiles see a prefix of the array.
         */
        private CustomerProfile.Payment[] payments = NO_PAYMENTS;

        private int paymentSize;
        /** Whether a profile sees a prefix of {@link #payments}, which must then not be reordered in place. */
        private boolean paymentsHandedOut;
        /** Whether the payments came in the profile's order: no sort needed. */
        private boolean paymentsInOrder = true;

        Accumulation(String customerId) {
            super(new ProfileFacts(customerId));
        }

        /**
         * Keeps first seen only: the last activity of events is the latest of the types' latest instants ({@link
         * #counted}), which {@link ProfileFacts#toCheckedProfile()} fills in when it is not set, so it is left unset.
         */
        @Override
        public void activity(Instant at) {
            f.firstSeen = min(f.firstSeen, at);
        }

        @Override
        void addSpend(CustomerEvent event, Money amount) {
            spend = Total.plus(spend, amount, event, f.customerId);
        }

        @Override
        void addRefund(CustomerEvent event, Money amount) {
            refunds = Total.plus(refunds, amount, event, f.customerId);
        }

        @Override
        void addPayment(CustomerProfile.Payment payment) {
            if (paymentSize == payments.length) {
                payments = Arrays.copyOf(payments, Math.max(4, 2 * paymentSize));
                paymentsHandedOut = false;
            }
            // past every prefix handed out, so the profiles that see one are unchanged
            paymentsInOrder &=
                    paymentSize == 0 || CustomerProfile.comparePayments(payments[paymentSize - 1], payment) <= 0;
            payments[paymentSize++] = payment;
        }

        @Override
        void addOrder(long nanos) {
            if (orderSize == orderNanos.length) {
                orderNanos = Arrays.copyOf(orderNanos, Math.max(4, 2 * orderSize));
                ordersHandedOut = false;
            }
            // past every prefix handed out, so the profiles that see one are unchanged
            ordersInOrder &= orderSize == 0 || orderNanos[orderSize - 1] <= nanos;
            orderNanos[orderSize++] = nanos;
        }

        @Override
        public void nps(CustomerEvent event) {
            nps(event.npsScoreOrMinusOne(), event.timestamp(), event.eventId());
        }

        /** Keeps an NPS answer when it is later than the one kept ({@link Stamp}'s order). */
        private void nps(int score, Instant at, @Nullable String eventId) {
            Instant keptAt = npsAt;
            if (keptAt == null || Stamp.isLater(at, eventId, keptAt, npsEventId)) {
                npsScore = score;
                npsAt = at;
                npsEventId = eventId;
            }
        }

        @Override
        public void custom(String customType) {
            customCounts().merge(customType, 1L, Checks::saturatedAdd);
        }

        @Override
        public void attributes(CustomerEvent event) {
            Stamp stamp = Stamp.of(event);
            Map<String, Stamped<Double>> values = attributes();
            for (Map.Entry<String, Double> attribute : event.attributes().entrySet()) {
                values.merge(attribute.getKey(), new Stamped<>(attribute.getValue(), stamp), Stamped::later);
            }
        }

        private Map<String, Long> customCounts() {
            Map<String, Long> map = customCounts;
            if (map == null) {
                map = new HashMap<>();
                customCounts = map;
            }
            return map;
        }

        private Map<String, Stamped<Double>> attributes() {
            Map<String, Stamped<Double>> map = attributes;
            if (map == null) {
                map = new HashMap<>();
                attributes = map;
            }
            return map;
        }

        /** Adds everything {@code other} holds, which must be of the same customer; {@code other} is unchanged. */
        void merge(Accumulation other) {
            ProfileFacts o = other.f;
            f.firstSeen = min(f.firstSeen, o.firstSeen);
            // last activity is left unset, as activity(at) leaves it
            f.firstOrderAt = min(f.firstOrderAt, o.firstOrderAt);
            for (int i = 0; i < f.counts.length; i++) {
                f.counts[i] = Checks.saturatedAdd(f.counts[i], o.counts[i]);
                f.lastAt[i] = max(f.lastAt[i], o.lastAt[i]);
            }
            if (other.spend != null) {
                spend = Total.plus(spend, other.spend.toMoney(), null, f.customerId);
            }
            if (other.refunds != null) {
                refunds = Total.plus(refunds, other.refunds.toMoney(), null, f.customerId);
            }
            // read once: other may be this accumulation, whose size grows as it is copied
            int otherPayments = other.paymentSize;
            CustomerProfile.Payment[] otherPaymentArray = other.payments;
            for (int i = 0; i < otherPayments; i++) {
                addPayment(otherPaymentArray[i]);
            }
            // read once: other may be this accumulation, whose size grows as it is copied
            int otherSize = other.orderSize;
            long[] otherNanos = other.orderNanos;
            for (int i = 0; i < otherSize; i++) {
                addOrder(otherNanos[i]);
            }
            Instant otherNpsAt = other.npsAt;
            if (otherNpsAt != null) {
                nps(other.npsScore, otherNpsAt, other.npsEventId);
            }
            f.loyaltyEnrolledAt = min(f.loyaltyEnrolledAt, o.loyaltyEnrolledAt);
            if (other.customCounts != null) {
                Map.copyOf(other.customCounts)
                        .forEach((name, count) -> customCounts().merge(name, count, Checks::saturatedAdd));
            }
            if (other.attributes != null) {
                Map.copyOf(other.attributes)
                        .forEach((name, value) -> attributes().merge(name, value, Stamped::later));
            }
        }

        /**
         * Returns the facts folded so far for {@link ProfileFacts#toCheckedProfile()}, which copies the maps into the
         * profile's own; the arrays of counts and instants are copied here, so that this accumulation can go on
         * folding, and the order instants and payments handed over as prefixes that later appends do not change.
         */
        ProfileFacts toFacts() {
            return completed(f.copy());
        }

        /**
         * Returns the facts folded, as {@link #toFacts()} does, without copying them: for a fold that ends here
         * ({@link CustomerProfile#fromEvents}), whose accumulation must not be used afterwards.
         */
        ProfileFacts toLastFacts() {
            return completed(f);
        }

        /** Completes a carrier of the facts with what this accumulation keeps outside it. */
        private ProfileFacts completed(ProfileFacts facts) {
            if (!ordersInOrder) {
                if (ordersHandedOut) {
                    orderNanos = orderNanos.clone();
                }
                Arrays.sort(orderNanos, 0, orderSize);
                ordersInOrder = true;
            }
            // handed over without a copy: appends go past the prefix the profile sees
            facts.orders = OrderTimes.view(orderNanos, orderSize);
            ordersHandedOut = orderSize > 0;
            if (!paymentsInOrder) {
                if (paymentsHandedOut) {
                    payments = payments.clone();
                }
                Arrays.sort(payments, 0, paymentSize, CustomerProfile::comparePayments);
                paymentsInOrder = true;
            }
            // a view in the profile's order, which the checked profile keeps as it is
            facts.payments = PaymentLog.view(payments, paymentSize);
            paymentsHandedOut = paymentSize > 0;
            facts.totalSpend = spend == null ? null : spend.toMoney();
            facts.refunded = refunds == null ? null : refunds.toMoney();
            facts.lastNpsScore = npsScore;
            if (customCounts != null) {
                facts.customCounts = customCounts;
            }
            if (attributes != null) {
                Map<String, Double> values = new HashMap<>();
                attributes.forEach((name, value) -> values.put(name, value.value()));
                facts.attributes = values;
            }
            return facts;
        }
    }

    /**
     * A running sum of the non-negative amounts of one customer in one currency (the order amounts, or the refunds):
     * a {@link BigDecimal} addition per amount, made a {@link Money} once when read, rather than a checked {@link
     * Money} per amount. The same currency check and the same failure as {@link CustomerProfile#sumSameCurrency} and
     * {@link Money#plus(Money)}, at the same amount. Not thread-safe.
     */
    static final class Total {
        /** The bound of {@link Money}: amounts below 10^{@value Money#MAX_INTEGER_DIGITS}. */
        private static final BigDecimal LIMIT = BigDecimal.TEN.pow(Money.MAX_INTEGER_DIGITS);

        private final Currency currency;
        private BigDecimal sum;
        /** The sum as a {@link Money}, null until read after an addition: the first amount as it came. */
        private @Nullable Money money;

        private Total(Money first) {
            this.currency = first.currency();
            this.sum = first.amount();
            this.money = first;
        }

        /**
         * Adds a non-negative amount to a total, which must be in the same currency; returns the total, a new one for
         * the first amount.
         *
         * @throws IllegalArgumentException if the currencies differ or the sum has more than {@value
         *     Money#MAX_INTEGER_DIGITS} integer digits; the message names the amount, the event and the customer
         */
        static Total plus(@Nullable Total total, Money amount, @Nullable CustomerEvent event, String customerId) {
            if (total == null) {
                return new Total(amount);
            }
            if (!total.currency.equals(amount.currency())) {
                CustomerProfile.checkSameCurrency(total.toMoney(), amount, event, customerId);
            }
            BigDecimal next = total.sum.add(amount.amount());
            if (next.compareTo(LIMIT) >= 0) {
                // Money's own failure, the same message as a sum kept in Money
                total.toMoney().plus(amount);
            }
            total.sum = next;
            total.money = null;
            return total;
        }

        /** {@return the sum as a {@link Money}} */
        Money toMoney() {
            Money m = money;
            if (m == null) {
                m = new Money(sum, currency);
                money = m;
            }
            return m;
        }
    }
}
