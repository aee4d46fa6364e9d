package dev.lifecycle.core;

import static java.util.Objects.requireNonNull;

import com.google.common.base.MoreObjects;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import com.google.common.collect.Sets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.RandomAccess;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * An immutable snapshot of the facts about one customer that lifecycle rules read: when they were first and last seen,
 * their orders and spend, referrals, engagement, their latest NPS answer, loyalty membership and custom attributes.
 *
 * <p>Build a profile from what a shop or CRM already knows with {@link #builder(String)}, or fold it from the
 * customer's events with {@link #fromEvents(String, Iterable)} or an {@link Accumulator}. Folding is independent of
 * the order of the events (ties between events at the same instant are broken by event id), so accumulators over parts
 * of a customer's events can be {@linkplain Accumulator#merge(Accumulator) merged}. Instances are immutable and
 * thread-safe.
 */
public final class CustomerProfile {
    private static final EventType[] TYPES = EventType.values();
    private static final int PURCHASE = EventType.PURCHASE.ordinal();
    private static final int NPS = EventType.NPS_ANSWER.ordinal();
    private static final int LOYALTY = EventType.LOYALTY_ENROLMENT.ordinal();
    private static final int CUSTOM = EventType.CUSTOM.ordinal();
    /** {@link #latestFactAt}'s value for a profile without a dated fact: an instance of its own, compared by identity. */
    private static final Instant NO_FACT = Instant.ofEpochSecond(Instant.MIN.getEpochSecond());

    final String customerId;
    final @Nullable Instant firstSeen;
    final @Nullable Instant lastActivity;
    final @Nullable Instant firstOrderAt;
    final long[] counts;
    final @Nullable Instant[] lastAt;
    final @Nullable Money totalSpend;
    final @Nullable Money refunded;
    /** In time order, ties by amount, then currency; immutable (an {@link ImmutableList} or a {@link PaymentLog}). */
    final List<Payment> payments;
    /** The instants of the orders the profile holds, in time order; see {@link #orderTimes()}. */
    final OrderTimes orders;

    final int lastNpsScore;
    final @Nullable Instant loyaltyEnrolledAt;
    final ImmutableMap<String, Long> customCounts;
    final ImmutableMap<String, Double> attributes;

    /**
     * The instant of the latest dated fact ({@link #latestFactAt()}), {@link #NO_FACT} for none; null until known. Set
     * by the constructor when the carrier's checks found the types' latest instant, else on first need: a cache of an
     * immutable value that every thread computes alike, so a race only computes it twice.
     */
    private @Nullable Instant latestFactAt;

    /** Takes the facts of the carrier as they are; see {@link ProfileFacts#toProfile()}. */
    CustomerProfile(ProfileFacts f) {
        this.customerId = f.customerId;
        this.firstSeen = f.firstSeen;
        this.lastActivity = f.lastActivity;
        this.firstOrderAt = f.firstOrderAt;
        this.counts = f.counts;
        this.lastAt = f.lastAt;
        this.totalSpend = f.totalSpend;
        this.refunded = f.refunded;
        this.payments = f.payments;
        this.orders = f.orders;
        this.lastNpsScore = f.lastNpsScore;
        this.loyaltyEnrolledAt = f.loyaltyEnrolledAt;
        // most profiles have neither: the empty map without copyOf's type checks
        this.customCounts = f.customCounts.isEmpty() ? ImmutableMap.of() : ImmutableMap.copyOf(f.customCounts);
        this.attributes = f.attributes.isEmpty() ? ImmutableMap.of() : ImmutableMap.copyOf(f.attributes);
        if (f.typesScanned) {
            this.latestFactAt = latestFactGiven(f.latestOfTypes);
        }
    }

    /** Returns the earliest instant among the facts, firstSeen and lastActivity aside. */
    private @Nullable Instant earliestFact() {
        return ProfileFacts.earliestFact(firstOrderAt, orders, loyaltyEnrolledAt, ProfileFacts.earliestOf(lastAt));
    }

    /** Returns the latest instant among the facts, firstSeen and lastActivity aside. */
    private @Nullable Instant latestFact() {
        return ProfileFacts.latestFact(lastAt);
    }

    /**
     * Returns the instant of the profile's latest dated fact (last activity, any event type's latest instant, the
     * first order, loyalty enrolment, a payment), or null when it has none; allocates nothing.
     */
    @Nullable
    @SuppressWarnings("ReferenceEquality") // NO_FACT is a sentinel object, recognised by identity
    Instant latestFactAt() {
        Instant known = latestFactAt;
        if (known == null) {
            known = latestFactGiven(latestFact());
            latestFactAt = known;
        }
        return known == NO_FACT ? null : known;
    }

    /** Returns the latest dated fact given the latest of the types' instants, {@link #NO_FACT} for none. */
    private Instant latestFactGiven(@Nullable Instant latestOfTypes) {
        Instant latest = ProfileFold.max(
                ProfileFold.max(latestOfTypes, ProfileFold.max(lastActivity, firstSeen)),
                ProfileFold.max(firstOrderAt, loyaltyEnrolledAt));
        if (!payments.isEmpty()) {
            latest = ProfileFold.max(latest, payments.get(payments.size() - 1).at());
        }
        return latest == null ? NO_FACT : latest;
    }

    /**
     * Refuses a classification at {@code asOf} of a profile with a fact dated after it. The rule of the library: a
     * classification at {@code asOf} uses only facts dated at or before {@code asOf}, and a snapshot cannot be
     * unfolded to leave the later facts out.
     */
    void checkNoFactAfter(Instant asOf) {
        Instant latest = latestFactAt();
        if (latest != null && latest.isAfter(asOf)) {
            throw new IllegalArgumentException("customer '" + customerId + "' has a fact dated after asOf " + asOf
                    + ": " + factAt(latest) + " " + latest + "; a classification at asOf uses only facts dated at or"
                    + " before asOf, so classify at or after the latest fact, or fold only the events up to asOf");
        }
    }

    /**
     * Names a fact dated at {@code at}, the most specific one when several share the instant: an event type's latest
     * instant (in the types' order), then the last payment, loyalty enrolment, the first order, last activity and first
     * seen.
     */
    private String factAt(Instant at) {
        for (EventType type : TYPES) {
            if (at.equals(lastAt[type.ordinal()])) {
                return type == EventType.PURCHASE ? "lastOrderAt" : "lastEventAt(" + type + ")";
            }
        }
        if (!payments.isEmpty() && at.equals(payments.get(payments.size() - 1).at())) {
            return "payment " + payments.get(payments.size() - 1).amount();
        }
        if (at.equals(loyaltyEnrolledAt)) {
            return "loyaltyEnrolledAt";
        }
        if (at.equals(firstOrderAt)) {
            return "firstOrderAt";
        }
        return at.equals(lastActivity) ? "lastActivity" : "firstSeen";
    }

    /**
     * Returns a builder for a profile of the given customer, with no facts yet.
     *
     * @param customerId the customer's id, not blank
     * @return a new builder
     * @throws NullPointerException if {@code customerId} is null
     * @throws IllegalArgumentException if {@code customerId} is blank
     */
    public static Builder builder(String customerId) {
        return new Builder(new ProfileFacts(Checks.text(customerId, "customerId")).mutableCopy());
    }

    /**
     * Folds the given events of one customer into a profile. Every event counts, so de-duplicate redelivered events
     * first (the tracker does).
     *
     * @param customerId the customer's id, not blank
     * @param events the customer's events, in any order
     * @return the profile
     * @throws NullPointerException if an argument or an event is null
     * @throws IllegalArgumentException if {@code customerId} is blank, an event belongs to another customer, or the
     *     amounts of the events are in different currencies
     */
    public static CustomerProfile fromEvents(String customerId, Iterable<CustomerEvent> events) {
        requireNonNull(events, "events");
        requireNonNull(customerId, "customerId");
        Accumulator accumulator;
        if (events instanceof List<CustomerEvent> list && events instanceof RandomAccess) {
            accumulator = new Accumulator(checkedId(customerId, list.isEmpty() ? null : list.get(0)));
            // by index: a customer's events are few, and an iterator per customer is most of a short loop's garbage
            for (int i = 0; i < list.size(); i++) {
                accumulator.add(list.get(i));
            }
        } else {
            accumulator = accumulator(customerId);
            for (CustomerEvent event : events) {
                accumulator.add(event);
            }
        }
        // the accumulator is dropped here, so its facts become the profile's without a copy
        return accumulator.facts.toLastFacts().toCheckedProfile();
    }

    /**
     * Checks a customer's id as {@link #accumulator(String)} does, unless it is the very string of the first event's
     * customer, which that event's own check found not blank: reading the text of the id would be a cache miss per
     * customer in a loop over many. Whether the events are all of this customer, the fold checks.
     */
    @SuppressWarnings("ReferenceEquality")
    private static String checkedId(String customerId, @Nullable CustomerEvent first) {
        return first != null && first.customerId() == customerId ? customerId : Checks.text(customerId, "customerId");
    }

    /**
     * Returns an empty accumulator that folds the events of one customer.
     *
     * @param customerId the customer's id, not blank
     * @return a new accumulator
     * @throws NullPointerException if {@code customerId} is null
     * @throws IllegalArgumentException if {@code customerId} is blank
     */
    public static Accumulator accumulator(String customerId) {
        return new Accumulator(Checks.text(customerId, "customerId"));
    }

    /**
     * Returns a builder that starts from this profile's facts. First seen and last activity are carried over as
     * explicit values only where they differ from the earliest and the latest fact, so that they keep following the
     * facts when an edit adds an earlier or a later one.
     *
     * @return a new builder; {@code toBuilder().build()} equals this profile
     */
    public Builder toBuilder() {
        ProfileFacts facts = ProfileFacts.of(this).mutableCopy();
        facts.firstSeen = Objects.equals(firstSeen, earliestFact()) ? null : firstSeen;
        facts.lastActivity = Objects.equals(lastActivity, latestFact()) ? null : lastActivity;
        Builder b = new Builder(facts);
        return b;
    }

    /**
     * Returns this profile with one more event of the same customer, which must not come before any event the profile
     * holds (in timestamp order, ties by event id), as the tracker applies them: the event wins every "latest" fact it
     * sets. Gives the same profile as folding all the events with an {@link Accumulator}, without building one.
     */
    CustomerProfile plus(CustomerEvent event) {
        checkCanAdd(event);
        ProfileFacts facts = ProfileFacts.of(this);
        ProfileFold.fold(event, new ProfileFold.InOrder(facts));
        return facts.toProfile();
    }

    /**
     * Checks that {@link #plus(CustomerEvent)} can fold the event in: spend and refunds share one currency, so an
     * amount is checked against the spend and the refunds, not only against earlier amounts of its own kind.
     *
     * @throws IllegalArgumentException if the event's amount is in another currency than the profile's amounts
     */
    void checkCanAdd(CustomerEvent event) {
        Money amount = event.amountOrNull();
        if (amount != null && (event.type() == EventType.PURCHASE || event.type() == EventType.REFUND)) {
            checkSameCurrency(totalSpend != null ? totalSpend : refunded, amount, event, customerId);
        }
    }

    /**
     * Adds an amount to a customer's running total, which must be in the same currency; the message of the failure
     * names the amount, the event when there is one, and the customer.
     */
    static Money sumSameCurrency(
            @Nullable Money total, Money amount, @Nullable CustomerEvent event, String customerId) {
        if (total == null) {
            return amount;
        }
        checkSameCurrency(total, amount, event, customerId);
        return total.plus(amount);
    }

    /** Checks that an amount is in the currency of the customer's earlier amounts, if there are any. */
    static void checkSameCurrency(
            @Nullable Money earlier, Money amount, @Nullable CustomerEvent event, String customerId) {
        checkSameCurrency(earlier == null ? null : earlier.currency(), amount, event, customerId);
    }

    /** Checks that an amount is in the currency of the customer's earlier amounts, given as their currency. */
    static void checkSameCurrency(
            @Nullable Currency earlier, Money amount, @Nullable CustomerEvent event, String customerId) {
        if (earlier != null && !earlier.equals(amount.currency())) {
            throw new IllegalArgumentException("amount " + amount
                    + (event == null ? "" : " of event '" + event.eventId() + "'") + " of customer '" + customerId
                    + "' is in another currency than the earlier amounts (" + earlier + ")");
        }
    }

    /** {@return the customer's id} */
    public String customerId() {
        return customerId;
    }

    /** {@return when the customer was first seen: the earliest fact of the profile unless set explicitly} */
    public Optional<Instant> firstSeen() {
        return Optional.ofNullable(firstSeen);
    }

    /** {@return the customer's last activity: the latest event of any type unless set explicitly} */
    public Optional<Instant> lastActivity() {
        return Optional.ofNullable(lastActivity);
    }

    /** {@return the number of orders (purchase events); refunds do not reduce it} */
    public long orderCount() {
        return counts[PURCHASE];
    }

    /** {@return when the first order was placed, if known} */
    public Optional<Instant> firstOrderAt() {
        return Optional.ofNullable(firstOrderAt);
    }

    /** {@return when the last order was placed; present whenever {@link #orderCount()} is positive} */
    public Optional<Instant> lastOrderAt() {
        return Optional.ofNullable(lastAt[PURCHASE]);
    }

    /**
     * Returns the instants of the customer's orders that the profile holds, oldest first: what orders within a window
     * are counted from. A profile folded from events ({@link #fromEvents(String, Iterable)}, an {@link Accumulator}, a
     * {@link ProfileTable} row, a tracker) holds one for every order, amount or not. A profile built from aggregates
     * holds those given to {@link Builder#orderAt(Instant)}, none by default, so its {@link #orderCount()} may be
     * larger: the order instants may be only the recent orders a shop keeps.
     *
     * @return the order instants in time order, an immutable list
     */
    public List<Instant> orderTimes() {
        return orders;
    }

    /**
     * Counts the orders whose instants lie within the trailing {@code window}, in {@code [asOf - window, asOf]}, both
     * ends included: of the instants {@link #orderTimes()} holds, found by binary search.
     *
     * @param window zero or more
     * @param asOf the end of the window
     * @return the number of orders in the window, zero or more
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code window} is negative
     */
    public long ordersWithin(Duration window, Instant asOf) {
        requireNonNull(window, "window");
        requireNonNull(asOf, "asOf");
        if (window.isNegative()) {
            throw new IllegalArgumentException("window must not be negative but was " + window);
        }
        return orders.countWithin(OrderTimes.windowStart(asOf, window), OrderTimes.windowEnd(asOf));
    }

    /** {@return the sum of the order amounts, if any order carried an amount} */
    public Optional<Money> totalSpend() {
        return Optional.ofNullable(totalSpend);
    }

    /** {@return the sum of the refunded amounts, if any refund carried an amount} */
    public Optional<Money> refundedAmount() {
        return Optional.ofNullable(refunded);
    }

    /**
     * Returns the amounts of the customer's orders (positive) and refunds (negative) with their instants, oldest first,
     * as far as they carried an amount: what spend within a window is computed from.
     *
     * @return the payments in time order (ties by amount)
     */
    public List<Payment> payments() {
        return payments;
    }

    /** {@return total spend less refunds (may be negative), if either is known} */
    public Optional<Money> netSpend() {
        return Optional.ofNullable(netSpendOrNull());
    }

    @Nullable
    Money netSpendOrNull() {
        if (totalSpend == null) {
            return refunded == null ? null : Money.zero(refunded.currency()).minus(refunded);
        }
        return refunded == null ? totalSpend : totalSpend.minus(refunded);
    }

    /** {@return the number of referrals the customer made} */
    public long referralCount() {
        return counts[EventType.REFERRAL.ordinal()];
    }

    /** {@return the number of product views} */
    public long productViews() {
        return counts[EventType.PRODUCT_VIEW.ordinal()];
    }

    /** {@return the number of cart additions} */
    public long cartAdds() {
        return counts[EventType.CART_ADD.ordinal()];
    }

    /** {@return the number of sign-ups} */
    public long signUps() {
        return counts[EventType.SIGN_UP.ordinal()];
    }

    /** {@return the number of site visits} */
    public long siteVisits() {
        return counts[EventType.SITE_VISIT.ordinal()];
    }

    /**
     * Returns the engagement count: product views plus cart additions plus sign-ups. The sum saturates at {@link
     * Long#MAX_VALUE} rather than wrap, which gives every engagement threshold the same answer as the exact sum.
     *
     * @return the engagement count, zero or more
     */
    public long engagementCount() {
        return engagement(productViews(), cartAdds(), signUps());
    }

    /** The engagement count of the given counts, saturated: the one definition the profile and the table use. */
    static long engagement(long productViews, long cartAdds, long signUps) {
        return Checks.saturatedAdd(Checks.saturatedAdd(productViews, cartAdds), signUps);
    }

    /**
     * Returns the number of events of a type; for {@link EventType#CUSTOM}, of all custom types together.
     *
     * @param type the event type
     * @return the count, zero or more
     * @throws NullPointerException if {@code type} is null
     */
    public long eventCount(EventType type) {
        return counts[requireNonNull(type, "type").ordinal()];
    }

    /**
     * Returns when the latest event of a type happened, if the profile knows.
     *
     * @param type the event type
     * @return the instant of the latest event of that type
     * @throws NullPointerException if {@code type} is null
     */
    public Optional<Instant> lastEventAt(EventType type) {
        return Optional.ofNullable(lastAt[requireNonNull(type, "type").ordinal()]);
    }

    /**
     * Returns the number of custom events with the given type name.
     *
     * @param customType the custom type name
     * @return the count, zero when none
     * @throws NullPointerException if {@code customType} is null
     */
    public long customEventCount(String customType) {
        return customCounts.getOrDefault(requireNonNull(customType, "customType"), 0L);
    }

    /** {@return the counts of custom events by type name, in name order} */
    public Map<String, Long> customEventCounts() {
        return customCounts;
    }

    /** {@return the score of the customer's latest NPS answer, if any} */
    public OptionalInt lastNpsScore() {
        return lastNpsScore < 0 ? OptionalInt.empty() : OptionalInt.of(lastNpsScore);
    }

    /** {@return whether the customer has joined the loyalty programme} */
    public boolean isLoyaltyMember() {
        return counts[LOYALTY] > 0;
    }

    /** {@return when the customer first joined the loyalty programme, if known} */
    public Optional<Instant> loyaltyEnrolledAt() {
        return Optional.ofNullable(loyaltyEnrolledAt);
    }

    /**
     * Returns a numeric custom attribute.
     *
     * @param name the attribute name
     * @return its value, empty when the profile does not have it
     * @throws NullPointerException if {@code name} is null
     */
    public OptionalDouble attribute(String name) {
        Double value = attributes.get(requireNonNull(name, "name"));
        return value == null ? OptionalDouble.empty() : OptionalDouble.of(value);
    }

    /** {@return all numeric custom attributes, in name order} */
    public Map<String, Double> attributes() {
        return attributes;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof CustomerProfile other
                && customerId.equals(other.customerId)
                && Objects.equals(firstSeen, other.firstSeen)
                && Objects.equals(lastActivity, other.lastActivity)
                && Objects.equals(firstOrderAt, other.firstOrderAt)
                && Arrays.equals(counts, other.counts)
                && Arrays.equals(lastAt, other.lastAt)
                && Objects.equals(totalSpend, other.totalSpend)
                && Objects.equals(refunded, other.refunded)
                && payments.equals(other.payments)
                && orders.equals(other.orders)
                && lastNpsScore == other.lastNpsScore
                && Objects.equals(loyaltyEnrolledAt, other.loyaltyEnrolledAt)
                && customCounts.equals(other.customCounts)
                && attributes.equals(other.attributes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                customerId,
                firstSeen,
                lastActivity,
                firstOrderAt,
                Arrays.hashCode(counts),
                Arrays.hashCode(lastAt),
                totalSpend,
                refunded,
                payments,
                orders,
                lastNpsScore,
                loyaltyEnrolledAt,
                customCounts,
                attributes);
    }

    @Override
    public String toString() {
        MoreObjects.ToStringHelper helper = MoreObjects.toStringHelper("CustomerProfile")
                .omitNullValues()
                .add("customerId", customerId)
                .add("firstSeen", firstSeen)
                .add("lastActivity", lastActivity)
                .add("firstOrderAt", firstOrderAt)
                .add("totalSpend", totalSpend)
                .add("refunded", refunded)
                .add("payments", payments.isEmpty() ? null : payments)
                .add("orderTimes", orders.isEmpty() ? null : orders)
                .add("lastNpsScore", lastNpsScore < 0 ? null : lastNpsScore)
                .add("loyaltyEnrolledAt", loyaltyEnrolledAt);
        for (EventType type : TYPES) {
            int i = type.ordinal();
            if (counts[i] > 0) {
                helper.add(type.name(), counts[i] + (lastAt[i] == null ? "" : " (last " + lastAt[i] + ")"));
            }
        }
        return helper.add("customCounts", customCounts.isEmpty() ? null : customCounts)
                .add("attributes", attributes.isEmpty() ? null : attributes)
                .toString();
    }

    private static ImmutableList<Payment> sorted(List<Payment> payments) {
        if (payments.isEmpty()) {
            return ImmutableList.of();
        }
        for (int i = 1; i < payments.size(); i++) {
            if (comparePayments(payments.get(i - 1), payments.get(i)) > 0) {
                List<Payment> copy = new ArrayList<>(payments);
                copy.sort(CustomerProfile::comparePayments);
                return ImmutableList.copyOf(copy);
            }
        }
        return ImmutableList.copyOf(payments);
    }

    /**
     * Returns the payments as a profile holds them, immutable, in time order, ties by amount, then by currency code: a
     * {@link PaymentLog} (always in that order) as it is, any other list as an ordered copy.
     */
    static List<Payment> sortedPayments(List<Payment> payments) {
        return payments instanceof PaymentLog ? payments : sorted(payments);
    }

    /** Payments in time order, ties by amount, then by currency code. */
    static int comparePayments(Payment a, Payment b) {
        int byTime = a.at().compareTo(b.at());
        if (byTime != 0) {
            return byTime;
        }
        int byAmount = a.amount().amount().compareTo(b.amount().amount());
        return byAmount != 0
                ? byAmount
                : a.amount()
                        .currency()
                        .getCurrencyCode()
                        .compareTo(b.amount().currency().getCurrencyCode());
    }

    /** Returns the map as a profile holds it: immutable, in name order. */
    static <V> ImmutableMap<String, V> sortedCopy(Map<String, V> map) {
        return map.isEmpty() ? ImmutableMap.of() : ImmutableMap.copyOf(new TreeMap<>(map));
    }

    /**
     * An order amount (positive) or a refund (negative) at an instant.
     *
     * @param at when the money moved
     * @param amount the amount; negative for a refund
     */
    public record Payment(Instant at, Money amount) {
        /**
         * Checks the components.
         *
         * @param at when the money moved
         * @param amount the amount
         * @throws NullPointerException if a component is null
         * @throws IllegalArgumentException if {@code at} is not a {@linkplain SupportedInstants supported instant}
         */
        public Payment {
            SupportedInstants.check(at, "at");
            requireNonNull(amount, "amount");
        }
    }

    /**
     * Builds a {@link CustomerProfile} from facts a shop or CRM already knows. Setters check their own argument;
     * {@link #build()} checks that the facts agree with each other. Not thread-safe.
     */
    public static final class Builder {
        /** The facts set so far, in mutable collections; {@link #build()} checks a copy. */
        private final ProfileFacts f;
        /**
         * The order instants given since the last build, in the order given: {@link #build()} sorts them into the
         * facts at once, so that instants out of time order do not each copy those before them.
         */
        private long[] addedOrders = new long[0];

        private int addedOrderCount;
        /**
         * Whether a custom count changed since the last build, which then sums them once: summing them at every
         * change would cost each name as many steps as there are names.
         */
        private boolean customCountsChanged;

        private Builder(ProfileFacts facts) {
            this.f = facts;
        }

        /**
         * Sets when the customer was first seen; by default the earliest fact of the profile.
         *
         * @param firstSeen the instant, not after any other fact
         * @return this builder
         * @throws NullPointerException if {@code firstSeen} is null
         * @throws IllegalArgumentException if {@code firstSeen} is not a {@linkplain SupportedInstants supported
         *     instant}
         */
        public Builder firstSeen(Instant firstSeen) {
            f.firstSeen = SupportedInstants.check(firstSeen, "firstSeen");
            return this;
        }

        /**
         * Sets the customer's last activity; by default the latest event of any type.
         *
         * @param lastActivity the instant, not before any event of the profile
         * @return this builder
         * @throws NullPointerException if {@code lastActivity} is null
         * @throws IllegalArgumentException if {@code lastActivity} is not a {@linkplain SupportedInstants supported
         *     instant}
         */
        public Builder lastActivity(Instant lastActivity) {
            f.lastActivity = SupportedInstants.check(lastActivity, "lastActivity");
            return this;
        }

        /**
         * Sets the number of orders; a positive count needs {@link #lastOrderAt(Instant)}.
         *
         * @param orderCount zero or more
         * @return this builder
         * @throws IllegalArgumentException if {@code orderCount} is negative
         */
        public Builder orderCount(long orderCount) {
            f.counts[PURCHASE] = Checks.nonNegative(orderCount, "orderCount");
            return this;
        }

        /**
         * Sets when the first order was placed.
         *
         * @param firstOrderAt the instant, not after the last order
         * @return this builder
         * @throws NullPointerException if {@code firstOrderAt} is null
         * @throws IllegalArgumentException if {@code firstOrderAt} is not a {@linkplain SupportedInstants supported
         *     instant}
         */
        public Builder firstOrderAt(Instant firstOrderAt) {
            f.firstOrderAt = SupportedInstants.check(firstOrderAt, "firstOrderAt");
            return this;
        }

        /**
         * Sets when the last order was placed.
         *
         * @param lastOrderAt the instant
         * @return this builder
         * @throws NullPointerException if {@code lastOrderAt} is null
         * @throws IllegalArgumentException if {@code lastOrderAt} is not a {@linkplain SupportedInstants supported
         *     instant}
         */
        public Builder lastOrderAt(Instant lastOrderAt) {
            f.lastAt[PURCHASE] = SupportedInstants.check(lastOrderAt, "lastOrderAt");
            return this;
        }

        /**
         * Sets the sum of the order amounts.
         *
         * @param totalSpend zero or more
         * @return this builder
         * @throws NullPointerException if {@code totalSpend} is null
         * @throws IllegalArgumentException if {@code totalSpend} is negative
         */
        public Builder totalSpend(Money totalSpend) {
            f.totalSpend = nonNegative(totalSpend, "totalSpend");
            return this;
        }

        /**
         * Sets the sum of the refunded amounts; a positive amount needs a refund count.
         *
         * @param refundedAmount zero or more
         * @return this builder
         * @throws NullPointerException if {@code refundedAmount} is null
         * @throws IllegalArgumentException if {@code refundedAmount} is negative
         */
        public Builder refundedAmount(Money refundedAmount) {
            f.refunded = nonNegative(refundedAmount, "refundedAmount");
            return this;
        }

        /**
         * Records the amount of an order (positive) or a refund (negative) at an instant, for conditions on spend
         * within a window. Independent of {@link #totalSpend(Money)}, which may hold spend from before the history
         * the shop keeps.
         *
         * @param at when the money moved
         * @param amount the amount; negative for a refund
         * @return this builder
         * @throws NullPointerException if an argument is null
         * @throws IllegalArgumentException if {@code at} is not a {@linkplain SupportedInstants supported instant}
         */
        public Builder payment(Instant at, Money amount) {
            f.payments.add(new Payment(at, amount));
            return this;
        }

        /**
         * Records the instant of an order, for conditions on orders within a window ({@link
         * Condition#ordersWithin(int, Duration)}), in any order. Independent of {@link #orderCount(long)}, which may
         * count orders from before the history the shop keeps: a profile may hold the instants of some of its orders
         * but not of more orders than it counts, none before {@link #firstOrderAt(Instant)} or after {@link
         * #lastOrderAt(Instant)}, and when it holds one for every order, the first and the last are those instants.
         *
         * @param at when the order was placed
         * @return this builder
         * @throws NullPointerException if {@code at} is null
         * @throws IllegalArgumentException if {@code at} is not a {@linkplain SupportedInstants supported instant}
         */
        public Builder orderAt(Instant at) {
            long nanos = TrackerTime.toNanos(SupportedInstants.check(at, "at"));
            if (addedOrderCount == addedOrders.length) {
                addedOrders = Arrays.copyOf(addedOrders, Math.max(8, 2 * addedOrderCount));
            }
            addedOrders[addedOrderCount++] = nanos;
            return this;
        }

        /**
         * Sets the number of referrals the customer made.
         *
         * @param referralCount zero or more
         * @return this builder
         * @throws IllegalArgumentException if {@code referralCount} is negative
         */
        public Builder referralCount(long referralCount) {
            return eventCount(EventType.REFERRAL, referralCount);
        }

        /**
         * Sets the number of product views.
         *
         * @param productViews zero or more
         * @return this builder
         * @throws IllegalArgumentException if {@code productViews} is negative
         */
        public Builder productViews(long productViews) {
            return eventCount(EventType.PRODUCT_VIEW, productViews);
        }

        /**
         * Sets the number of cart additions.
         *
         * @param cartAdds zero or more
         * @return this builder
         * @throws IllegalArgumentException if {@code cartAdds} is negative
         */
        public Builder cartAdds(long cartAdds) {
            return eventCount(EventType.CART_ADD, cartAdds);
        }

        /**
         * Sets the number of sign-ups.
         *
         * @param signUps zero or more
         * @return this builder
         * @throws IllegalArgumentException if {@code signUps} is negative
         */
        public Builder signUps(long signUps) {
            return eventCount(EventType.SIGN_UP, signUps);
        }

        /**
         * Sets the number of site visits.
         *
         * @param siteVisits zero or more
         * @return this builder
         * @throws IllegalArgumentException if {@code siteVisits} is negative
         */
        public Builder siteVisits(long siteVisits) {
            return eventCount(EventType.SITE_VISIT, siteVisits);
        }

        /**
         * Sets the number of events of a type; {@link EventType#PURCHASE} is the order count.
         *
         * @param type any type but {@link EventType#CUSTOM} (use {@link #customEventCount(String, long)})
         * @param count zero or more
         * @return this builder
         * @throws NullPointerException if {@code type} is null
         * @throws IllegalArgumentException if {@code type} is CUSTOM or {@code count} is negative
         */
        public Builder eventCount(EventType type, long count) {
            requireNonNull(type, "type");
            if (type == EventType.CUSTOM) {
                throw new IllegalArgumentException("eventCount(CUSTOM) is the sum of the custom counts; set"
                        + " customEventCount(name, count) instead");
            }
            f.counts[type.ordinal()] = Checks.nonNegative(count, "count of " + type);
            return this;
        }

        /**
         * Sets when the latest event of a type happened; the type's count must be positive on build.
         *
         * @param type the event type
         * @param at the instant
         * @return this builder
         * @throws NullPointerException if an argument is null
         * @throws IllegalArgumentException if {@code at} is not a {@linkplain SupportedInstants supported instant}
         */
        public Builder lastEventAt(EventType type, Instant at) {
            f.lastAt[requireNonNull(type, "type").ordinal()] = SupportedInstants.check(at, "at");
            return this;
        }

        @Nullable
        Instant lastEventAtOrNull(EventType type) {
            return f.lastAt[type.ordinal()];
        }

        /**
         * Sets the customer's latest NPS answer; counts at least one answer and records its instant.
         *
         * @param score the answer, 0 to 10
         * @param answeredAt when it was given
         * @return this builder
         * @throws NullPointerException if {@code answeredAt} is null
         * @throws IllegalArgumentException if {@code score} is outside 0..10 or {@code answeredAt} is not a {@linkplain
         *     SupportedInstants supported instant}
         */
        public Builder lastNpsScore(int score, Instant answeredAt) {
            SupportedInstants.check(answeredAt, "answeredAt");
            f.lastNpsScore = Checks.npsScore(score, "score");
            f.counts[NPS] = Math.max(1, f.counts[NPS]);
            f.lastAt[NPS] = answeredAt;
            return this;
        }

        /**
         * Records that the customer joined the loyalty programme at the given instant.
         *
         * @param enrolledAt when they joined
         * @return this builder
         * @throws NullPointerException if {@code enrolledAt} is null
         * @throws IllegalArgumentException if {@code enrolledAt} is not a {@linkplain SupportedInstants supported
         *     instant}
         */
        public Builder loyaltyEnrolledAt(Instant enrolledAt) {
            f.loyaltyEnrolledAt = SupportedInstants.check(enrolledAt, "enrolledAt");
            f.counts[LOYALTY] = Math.max(1, f.counts[LOYALTY]);
            if (f.lastAt[LOYALTY] == null) {
                f.lastAt[LOYALTY] = enrolledAt;
            }
            return this;
        }

        /**
         * Sets the number of custom events with a type name.
         *
         * @param customType the type name
         * @param count zero or more; zero removes the name
         * @return this builder
         * @throws NullPointerException if {@code customType} is null
         * @throws IllegalArgumentException if the name is not a valid id or {@code count} is negative
         */
        public Builder customEventCount(String customType, long count) {
            Checks.id(customType, "customType");
            Checks.nonNegative(count, "count of custom type '" + customType + "'");
            if (count == 0) {
                f.customCounts.remove(customType);
            } else {
                f.customCounts.put(customType, count);
            }
            customCountsChanged = true;
            return this;
        }

        /**
         * Sets a numeric custom attribute.
         *
         * @param name the attribute name
         * @param value a finite number
         * @return this builder
         * @throws NullPointerException if {@code name} is null
         * @throws IllegalArgumentException if the name is not a valid id or the value is not finite
         */
        public Builder attribute(String name, double value) {
            f.attributes.put(Checks.id(name, "attribute name"), Checks.finite(value, "attribute '" + name + "'"));
            return this;
        }

        /**
         * Returns the profile.
         *
         * @return a new profile
         * @throws IllegalArgumentException if the facts disagree: a positive order count without a last order, a
         *     first order after the last, more order instants than orders or one outside the first and last order, an
         *     instant set for a type whose count is 0, spend without orders, amounts in different currencies, or a
         *     first-seen or last-activity instant that contradicts another fact
         */
        public CustomerProfile build() {
            if (addedOrderCount > 0) {
                int held = f.orders.size();
                long[] orders = new long[held + addedOrderCount];
                for (int i = 0; i < held; i++) {
                    orders[i] = f.orders.nanosAt(i);
                }
                System.arraycopy(addedOrders, 0, orders, held, addedOrderCount);
                Arrays.sort(orders);
                f.orders = OrderTimes.view(orders, orders.length);
                addedOrderCount = 0;
            }
            if (customCountsChanged) {
                f.counts[CUSTOM] = f.customCounts.values().stream().reduce(0L, Checks::saturatedAdd);
                customCountsChanged = false;
            }
            return f.mutableCopy().toCheckedProfile();
        }

        private static Money nonNegative(Money money, String what) {
            requireNonNull(money, what);
            if (money.isNegative()) {
                throw new IllegalArgumentException(what + " must not be negative but was " + money);
            }
            return money;
        }
    }

    /**
     * The facts of a profile and the event types whose events set each of them: the description that {@link
     * ProfileFold#fold} follows for every path that folds, and that conditions use to say which events they read
     * ({@link Condition#eventTypesRead()}). Besides these, every event counts towards its own type's {@link
     * CustomerProfile#eventCount(EventType)} and {@link CustomerProfile#lastEventAt(EventType)} (see {@link
     * Fact#ofType(EventType)}). A test folds one event of each type and checks that exactly these facts change.
     */
    enum Fact {
        /** {@code firstSeen()}, {@code lastActivity()}: every event is activity. */
        ACTIVITY(EnumSet.allOf(EventType.class)),
        /**
         * {@code orderCount()}, {@code firstOrderAt()}, {@code lastOrderAt()}, {@code orderTimes()} (and so {@code
         * ordersWithin(window, asOf)}): every purchase is an order, with or without an amount.
         */
        ORDERS(EnumSet.of(EventType.PURCHASE)),
        /** {@code totalSpend()}, {@code refundedAmount()}, {@code netSpend()}, {@code payments()}. */
        SPEND(EnumSet.of(EventType.PURCHASE, EventType.REFUND)),
        /** {@code engagementCount()}: the sum of these types' counts, which every event keeps for its type. */
        ENGAGEMENT(EnumSet.of(EventType.PRODUCT_VIEW, EventType.CART_ADD, EventType.SIGN_UP)),
        /** {@code lastNpsScore()}. */
        NPS(EnumSet.of(EventType.NPS_ANSWER)),
        /** {@code isLoyaltyMember()}, {@code loyaltyEnrolledAt()}. */
        LOYALTY(EnumSet.of(EventType.LOYALTY_ENROLMENT)),
        /** {@code customEventCount(name)}: custom events of any name, which a set of types does not tell apart. */
        CUSTOM_COUNTS(EnumSet.of(EventType.CUSTOM)),
        /** {@code attributes()}: an event of any type may carry attributes. */
        ATTRIBUTES(EnumSet.allOf(EventType.class));

        private final ImmutableSet<EventType> eventTypes;

        Fact(EnumSet<EventType> eventTypes) {
            this.eventTypes = Sets.immutableEnumSet(eventTypes);
        }

        /** {@return the event types whose events set this fact} */
        Set<EventType> eventTypes() {
            return eventTypes;
        }

        /** {@return the types that set {@code eventCount(type)} and {@code lastEventAt(type)}: the type itself} */
        static Set<EventType> ofType(EventType type) {
            return Sets.immutableEnumSet(type);
        }
    }

    /**
     * Folds the events of one customer into a profile, in any order and in parts that can be merged. Not
     * thread-safe: use one accumulator per thread and {@link #merge(Accumulator)} them.
     */
    public static final class Accumulator {
        private final String customerId;
        private final ProfileFold.Accumulation facts;

        private Accumulator(String customerId) {
            this.customerId = customerId;
            this.facts = new ProfileFold.Accumulation(customerId);
        }

        /** {@return the id of the customer whose events this accumulator folds} */
        public String customerId() {
            return customerId;
        }

        /**
         * Adds one event.
         *
         * @param event an event of this accumulator's customer
         * @return this accumulator
         * @throws NullPointerException if {@code event} is null
         * @throws IllegalArgumentException if the event belongs to another customer or its amount is in another
         *     currency than earlier amounts
         */
        public Accumulator add(CustomerEvent event) {
            requireNonNull(event, "event");
            if (!event.customerId().equals(customerId)) {
                throw new IllegalArgumentException("event '" + event.eventId() + "' belongs to customer '"
                        + event.customerId() + "' but this accumulator folds customer '" + customerId + "'");
            }
            ProfileFold.fold(event, facts);
            return this;
        }

        /**
         * Adds everything another accumulator of the same customer has folded; {@code other} is left unchanged.
         *
         * @param other an accumulator of the same customer
         * @return this accumulator
         * @throws NullPointerException if {@code other} is null
         * @throws IllegalArgumentException if {@code other} folds another customer or its amounts are in another
         *     currency
         */
        public Accumulator merge(Accumulator other) {
            requireNonNull(other, "other");
            if (!other.customerId.equals(customerId)) {
                throw new IllegalArgumentException("cannot merge the accumulator of customer '" + other.customerId
                        + "' into the accumulator of customer '" + customerId + "'");
            }
            facts.merge(other.facts);
            return this;
        }

        /**
         * Returns the profile of the events folded so far.
         *
         * @return a new profile
         */
        public CustomerProfile toProfile() {
            return facts.toFacts().toCheckedProfile();
        }
    }
}
