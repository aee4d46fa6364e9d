package dev.lifecycle.core;

import static java.util.Objects.requireNonNull;

import com.google.common.base.MoreObjects;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.Sets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
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
    private static final int REFUND = EventType.REFUND.ordinal();
    private static final int NPS = EventType.NPS_ANSWER.ordinal();
    private static final int LOYALTY = EventType.LOYALTY_ENROLMENT.ordinal();
    private static final int CUSTOM = EventType.CUSTOM.ordinal();

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

    final int lastNpsScore;
    final @Nullable Instant loyaltyEnrolledAt;
    final ImmutableMap<String, Long> customCounts;
    final ImmutableMap<String, Double> attributes;

    private CustomerProfile(Builder b) {
        this.customerId = b.customerId;
        this.counts = b.counts.clone();
        this.lastAt = b.lastAt.clone();
        this.firstOrderAt = b.firstOrderAt;
        this.totalSpend = b.totalSpend;
        this.refunded = b.refunded;
        this.payments = sorted(b.payments);
        this.lastNpsScore = b.lastNpsScore;
        this.loyaltyEnrolledAt = b.loyaltyEnrolledAt;
        this.customCounts = sortedCopy(b.customCounts);
        this.attributes = sortedCopy(b.attributes);
        Instant earliest = earliestFact();
        Instant latest = latestFact();
        if (b.firstSeen != null && earliest != null && b.firstSeen.isAfter(earliest)) {
            throw new IllegalArgumentException("firstSeen " + b.firstSeen + " of customer '" + customerId
                    + "' is after another fact of the profile, at " + earliest);
        }
        if (b.lastActivity != null && latest != null && b.lastActivity.isBefore(latest)) {
            throw new IllegalArgumentException("lastActivity " + b.lastActivity + " of customer '" + customerId
                    + "' is before the last event of the profile, at " + latest);
        }
        this.firstSeen = b.firstSeen != null ? b.firstSeen : min(earliest, b.lastActivity);
        this.lastActivity = b.lastActivity != null ? b.lastActivity : max(latest, b.firstSeen);
        if (firstSeen != null && lastActivity != null && firstSeen.isAfter(lastActivity)) {
            throw new IllegalArgumentException("firstSeen " + firstSeen + " of customer '" + customerId
                    + "' is after its lastActivity " + lastActivity);
        }
        checkConsistent();
    }

    /** Takes the fields of a profile that was valid when it was stored, without checking them again. */
    CustomerProfile(
            String customerId,
            @Nullable Instant firstSeen,
            @Nullable Instant lastActivity,
            @Nullable Instant firstOrderAt,
            long[] counts,
            @Nullable Instant[] lastAt,
            @Nullable Money totalSpend,
            @Nullable Money refunded,
            List<Payment> payments,
            int lastNpsScore,
            @Nullable Instant loyaltyEnrolledAt,
            ImmutableMap<String, Long> customCounts,
            ImmutableMap<String, Double> attributes) {
        this.customerId = customerId;
        this.firstSeen = firstSeen;
        this.lastActivity = lastActivity;
        this.firstOrderAt = firstOrderAt;
        this.counts = counts;
        this.lastAt = lastAt;
        this.totalSpend = totalSpend;
        this.refunded = refunded;
        this.payments = payments;
        this.lastNpsScore = lastNpsScore;
        this.loyaltyEnrolledAt = loyaltyEnrolledAt;
        this.customCounts = customCounts;
        this.attributes = attributes;
    }

    /** Returns the earliest instant among the facts, firstSeen and lastActivity aside. */
    private @Nullable Instant earliestFact() {
        Instant earliest = min(firstOrderAt, loyaltyEnrolledAt);
        for (Instant at : lastAt) {
            earliest = min(earliest, at);
        }
        return earliest;
    }

    /** Returns the latest instant among the facts, firstSeen and lastActivity aside. */
    private @Nullable Instant latestFact() {
        Instant latest = null;
        for (Instant at : lastAt) {
            latest = max(latest, at);
        }
        return latest;
    }

    /**
     * Returns the instant of the profile's latest dated fact (last activity, any event type's latest instant, the
     * first order, loyalty enrolment, a payment), or null when it has none; allocates nothing.
     */
    @Nullable
    Instant latestFactAt() {
        Instant latest = max(max(latestFact(), max(lastActivity, firstSeen)), max(firstOrderAt, loyaltyEnrolledAt));
        return payments.isEmpty()
                ? latest
                : max(latest, payments.get(payments.size() - 1).at());
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

    private void checkConsistent() {
        for (EventType type : TYPES) {
            int i = type.ordinal();
            if (lastAt[i] != null && counts[i] == 0) {
                throw new IllegalArgumentException("lastEventAt(" + type + ") of customer '" + customerId + "' is "
                        + lastAt[i] + " but its count is 0");
            }
        }
        if (counts[PURCHASE] > 0 && lastAt[PURCHASE] == null) {
            throw new IllegalArgumentException("orderCount of customer '" + customerId + "' is " + counts[PURCHASE]
                    + " but lastOrderAt is not set; rules such as lapse read it");
        }
        if (firstOrderAt != null && counts[PURCHASE] == 0) {
            throw new IllegalArgumentException(
                    "firstOrderAt of customer '" + customerId + "' is " + firstOrderAt + " but orderCount is 0");
        }
        Instant lastOrder = lastAt[PURCHASE];
        if (firstOrderAt != null && lastOrder != null && firstOrderAt.isAfter(lastOrder)) {
            throw new IllegalArgumentException("firstOrderAt " + firstOrderAt + " of customer '" + customerId
                    + "' is after its lastOrderAt " + lastOrder);
        }
        if (counts[PURCHASE] == 1 && firstOrderAt != null && !firstOrderAt.equals(lastOrder)) {
            throw new IllegalArgumentException("customer '" + customerId + "' has 1 order but firstOrderAt "
                    + firstOrderAt + " differs from lastOrderAt " + lastOrder);
        }
        if (totalSpend != null && totalSpend.amount().signum() > 0 && counts[PURCHASE] == 0) {
            throw new IllegalArgumentException(
                    "totalSpend of customer '" + customerId + "' is " + totalSpend + " but orderCount is 0");
        }
        if (refunded != null && refunded.amount().signum() > 0 && counts[REFUND] == 0) {
            throw new IllegalArgumentException(
                    "refundedAmount of customer '" + customerId + "' is " + refunded + " but refund count is 0");
        }
        if (totalSpend != null && refunded != null && !totalSpend.currency().equals(refunded.currency())) {
            throw new IllegalArgumentException("totalSpend " + totalSpend + " and refundedAmount " + refunded
                    + " of customer '" + customerId + "' are in different currencies");
        }
        for (Payment payment : payments) {
            Money reference = totalSpend != null ? totalSpend : refunded;
            if (reference != null
                    && !reference.currency().equals(payment.amount().currency())) {
                throw new IllegalArgumentException("payment " + payment + " of customer '" + customerId
                        + "' is in another currency than its spend (" + reference.currency() + ")");
            }
        }
        if (lastNpsScore >= 0 && counts[NPS] == 0) {
            throw new IllegalArgumentException(
                    "lastNpsScore of customer '" + customerId + "' is " + lastNpsScore + " but NPS answer count is 0");
        }
        if (loyaltyEnrolledAt != null && counts[LOYALTY] == 0) {
            throw new IllegalArgumentException("loyaltyEnrolledAt of customer '" + customerId + "' is "
                    + loyaltyEnrolledAt + " but loyalty enrolment count is 0");
        }
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
        return new Builder(Checks.text(customerId, "customerId"));
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
        Accumulator accumulator = accumulator(customerId);
        for (CustomerEvent event : events) {
            accumulator.add(event);
        }
        return accumulator.toProfile();
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
        Builder b = new Builder(customerId);
        b.firstSeen = Objects.equals(firstSeen, earliestFact()) ? null : firstSeen;
        b.lastActivity = Objects.equals(lastActivity, latestFact()) ? null : lastActivity;
        b.firstOrderAt = firstOrderAt;
        System.arraycopy(counts, 0, b.counts, 0, counts.length);
        System.arraycopy(lastAt, 0, b.lastAt, 0, lastAt.length);
        b.totalSpend = totalSpend;
        b.refunded = refunded;
        b.payments.addAll(payments);
        b.lastNpsScore = lastNpsScore;
        b.loyaltyEnrolledAt = loyaltyEnrolledAt;
        b.customCounts.putAll(customCounts);
        b.attributes.putAll(attributes);
        return b;
    }

    /**
     * Returns this profile with one more event of the same customer, which must not come before any event the profile
     * holds (in timestamp order, ties by event id), as the tracker applies them: the event wins every "latest" fact it
     * sets. Gives the same profile as folding all the events with an {@link Accumulator}, without building one.
     */
    CustomerProfile plus(CustomerEvent event) {
        return new CustomerProfile(this, event);
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

    private CustomerProfile(CustomerProfile p, CustomerEvent event) {
        Instant at = event.timestamp();
        int i = event.type().ordinal();
        this.customerId = p.customerId;
        this.firstSeen = min(p.firstSeen, at);
        this.lastActivity = max(p.lastActivity, at);
        this.counts = p.counts.clone();
        this.lastAt = p.lastAt.clone();
        counts[i] = Checks.saturatedAdd(counts[i], 1);
        lastAt[i] = max(lastAt[i], at);
        Money amount = event.amountOrNull();
        boolean purchase = event.type() == EventType.PURCHASE;
        boolean refund = event.type() == EventType.REFUND;
        p.checkCanAdd(event);
        this.firstOrderAt = purchase ? min(p.firstOrderAt, at) : p.firstOrderAt;
        this.totalSpend = purchase && amount != null ? p.add(p.totalSpend, amount, event) : p.totalSpend;
        this.refunded = refund && amount != null ? p.add(p.refunded, amount, event) : p.refunded;
        if ((purchase || refund) && amount != null) {
            // Appended in amortised constant time, so that a long history does not make each event cost more.
            this.payments = PaymentLog.append(
                    p.payments,
                    new Payment(
                            at,
                            purchase ? amount : Money.zero(amount.currency()).minus(amount)));
        } else {
            this.payments = p.payments;
        }
        this.lastNpsScore = event.type() == EventType.NPS_ANSWER ? event.npsScoreOrMinusOne() : p.lastNpsScore;
        this.loyaltyEnrolledAt =
                event.type() == EventType.LOYALTY_ENROLMENT ? min(p.loyaltyEnrolledAt, at) : p.loyaltyEnrolledAt;
        String customType = event.customTypeOrNull();
        if (customType == null) {
            this.customCounts = p.customCounts;
        } else {
            TreeMap<String, Long> custom = new TreeMap<>(p.customCounts);
            custom.merge(customType, 1L, Checks::saturatedAdd);
            this.customCounts = ImmutableMap.copyOf(custom);
        }
        if (event.attributes().isEmpty()) {
            this.attributes = p.attributes;
        } else {
            TreeMap<String, Double> merged = new TreeMap<>(p.attributes);
            merged.putAll(event.attributes());
            this.attributes = ImmutableMap.copyOf(merged);
        }
    }

    private Money add(@Nullable Money total, Money amount, CustomerEvent event) {
        return sumSameCurrency(total, amount, event, customerId);
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
        if (earlier != null && !earlier.currency().equals(amount.currency())) {
            throw new IllegalArgumentException("amount " + amount
                    + (event == null ? "" : " of event '" + event.eventId() + "'") + " of customer '" + customerId
                    + "' is in another currency than the earlier amounts (" + earlier.currency() + ")");
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

    private static @Nullable Instant min(@Nullable Instant a, @Nullable Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isBefore(b) ? a : b;
    }

    private static @Nullable Instant max(@Nullable Instant a, @Nullable Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isAfter(b) ? a : b;
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

    /** Returns the payments as a profile holds them: in time order, ties by amount, then by currency code. */
    static ImmutableList<Payment> sortedPayments(List<Payment> payments) {
        return sorted(payments);
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

    private static <V> ImmutableMap<String, V> sortedCopy(Map<String, V> map) {
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
        private final String customerId;
        private @Nullable Instant firstSeen;
        private @Nullable Instant lastActivity;
        private @Nullable Instant firstOrderAt;
        private final long[] counts = new long[TYPES.length];
        private final @Nullable Instant[] lastAt = new Instant[TYPES.length];
        private @Nullable Money totalSpend;
        private @Nullable Money refunded;
        private final List<Payment> payments = new ArrayList<>();
        private int lastNpsScore = -1;
        private @Nullable Instant loyaltyEnrolledAt;
        private final Map<String, Long> customCounts = new HashMap<>();
        private final Map<String, Double> attributes = new HashMap<>();

        private Builder(String customerId) {
            this.customerId = customerId;
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
            this.firstSeen = SupportedInstants.check(firstSeen, "firstSeen");
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
            this.lastActivity = SupportedInstants.check(lastActivity, "lastActivity");
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
            counts[PURCHASE] = Checks.nonNegative(orderCount, "orderCount");
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
            this.firstOrderAt = SupportedInstants.check(firstOrderAt, "firstOrderAt");
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
            lastAt[PURCHASE] = SupportedInstants.check(lastOrderAt, "lastOrderAt");
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
            this.totalSpend = nonNegative(totalSpend, "totalSpend");
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
            this.refunded = nonNegative(refundedAmount, "refundedAmount");
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
            payments.add(new Payment(at, amount));
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
            counts[type.ordinal()] = Checks.nonNegative(count, "count of " + type);
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
            lastAt[requireNonNull(type, "type").ordinal()] = SupportedInstants.check(at, "at");
            return this;
        }

        @Nullable
        Instant lastEventAtOrNull(EventType type) {
            return lastAt[type.ordinal()];
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
            this.lastNpsScore = Checks.npsScore(score, "score");
            counts[NPS] = Math.max(1, counts[NPS]);
            lastAt[NPS] = answeredAt;
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
            this.loyaltyEnrolledAt = SupportedInstants.check(enrolledAt, "enrolledAt");
            counts[LOYALTY] = Math.max(1, counts[LOYALTY]);
            if (lastAt[LOYALTY] == null) {
                lastAt[LOYALTY] = enrolledAt;
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
                customCounts.remove(customType);
            } else {
                customCounts.put(customType, count);
            }
            counts[CUSTOM] = customCounts.values().stream().reduce(0L, Checks::saturatedAdd);
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
            attributes.put(Checks.id(name, "attribute name"), Checks.finite(value, "attribute '" + name + "'"));
            return this;
        }

        /**
         * Returns the profile.
         *
         * @return a new profile
         * @throws IllegalArgumentException if the facts disagree: a positive order count without a last order, a
         *     first order after the last, an instant set for a type whose count is 0, spend without orders, amounts
         *     in different currencies, or a first-seen or last-activity instant that contradicts another fact
         */
        public CustomerProfile build() {
            return new CustomerProfile(this);
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
     * The facts of a profile and the event types the fold sets each of them from: the map from events to facts that
     * {@link Accumulator#add(CustomerEvent)} and {@link CustomerProfile#plus(CustomerEvent)} implement, written down
     * once so that conditions can say which events they read ({@link Condition#eventTypesRead()}). Besides these,
     * every event counts towards its own type's {@link CustomerProfile#eventCount(EventType)} and {@link
     * CustomerProfile#lastEventAt(EventType)} (see {@link Fact#ofType(EventType)}). A test folds one event of each
     * type and checks that exactly these facts change.
     */
    enum Fact {
        /** {@code orderCount()}, {@code firstOrderAt()}, {@code lastOrderAt()}. */
        ORDERS(EnumSet.of(EventType.PURCHASE)),
        /** {@code totalSpend()}, {@code refundedAmount()}, {@code netSpend()}, {@code payments()}. */
        SPEND(EnumSet.of(EventType.PURCHASE, EventType.REFUND)),
        /** {@code engagementCount()}: the sum of these types' counts. */
        ENGAGEMENT(EnumSet.of(EventType.PRODUCT_VIEW, EventType.CART_ADD, EventType.SIGN_UP)),
        /** {@code lastNpsScore()}. */
        NPS(EnumSet.of(EventType.NPS_ANSWER)),
        /** {@code isLoyaltyMember()}, {@code loyaltyEnrolledAt()}. */
        LOYALTY(EnumSet.of(EventType.LOYALTY_ENROLMENT)),
        /** {@code customEventCount(name)}: custom events of any name, which a set of types does not tell apart. */
        CUSTOM_COUNTS(EnumSet.of(EventType.CUSTOM)),
        /** {@code firstSeen()}, {@code lastActivity()}: every event is activity. */
        ACTIVITY(EnumSet.allOf(EventType.class)),
        /** {@code attributes()}: an event of any type may carry attributes. */
        ATTRIBUTES(EnumSet.allOf(EventType.class));

        private final Set<EventType> eventTypes;

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
        private @Nullable Instant firstSeen;
        private @Nullable Instant lastActivity;
        private @Nullable Instant firstOrderAt;
        private final long[] counts = new long[TYPES.length];
        private final @Nullable Instant[] lastAt = new Instant[TYPES.length];
        private @Nullable Money totalSpend;
        private @Nullable Money refunded;
        private final List<Payment> payments = new ArrayList<>();
        private @Nullable Stamped<Integer> lastNps;
        private @Nullable Instant loyaltyEnrolledAt;
        private @Nullable Map<String, Long> customCounts;
        private @Nullable Map<String, Stamped<Double>> attributes;

        private Accumulator(String customerId) {
            this.customerId = customerId;
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
            Instant at = event.timestamp();
            int i = event.type().ordinal();
            firstSeen = min(firstSeen, at);
            lastActivity = max(lastActivity, at);
            counts[i] = Checks.saturatedAdd(counts[i], 1);
            lastAt[i] = max(lastAt[i], at);
            Money amount = event.amountOrNull();
            switch (event.type()) {
                case PURCHASE -> {
                    firstOrderAt = min(firstOrderAt, at);
                    if (amount != null) {
                        totalSpend = sum(totalSpend, amount, event);
                        payments.add(new Payment(at, amount));
                    }
                }
                case REFUND -> {
                    if (amount != null) {
                        refunded = sum(refunded, amount, event);
                        payments.add(
                                new Payment(at, Money.zero(amount.currency()).minus(amount)));
                    }
                }
                case NPS_ANSWER ->
                    lastNps = later(lastNps, new Stamped<>(event.npsScoreOrMinusOne(), at, event.eventId()));
                case LOYALTY_ENROLMENT -> loyaltyEnrolledAt = min(loyaltyEnrolledAt, at);
                case CUSTOM -> customCounts().merge(requireNonNull(event.customTypeOrNull()), 1L, Checks::saturatedAdd);
                default -> {
                    // counted above; no other fact to keep
                }
            }
            for (Map.Entry<String, Double> attribute : event.attributes().entrySet()) {
                attributes()
                        .merge(
                                attribute.getKey(),
                                new Stamped<>(attribute.getValue(), at, event.eventId()),
                                Accumulator::later);
            }
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
            firstSeen = min(firstSeen, other.firstSeen);
            lastActivity = max(lastActivity, other.lastActivity);
            firstOrderAt = min(firstOrderAt, other.firstOrderAt);
            for (int i = 0; i < counts.length; i++) {
                counts[i] = Checks.saturatedAdd(counts[i], other.counts[i]);
                lastAt[i] = max(lastAt[i], other.lastAt[i]);
            }
            if (other.totalSpend != null) {
                totalSpend = sum(totalSpend, other.totalSpend, null);
            }
            if (other.refunded != null) {
                refunded = sum(refunded, other.refunded, null);
            }
            payments.addAll(other.payments);
            if (other.lastNps != null) {
                lastNps = later(lastNps, other.lastNps);
            }
            loyaltyEnrolledAt = min(loyaltyEnrolledAt, other.loyaltyEnrolledAt);
            if (other.customCounts != null) {
                other.customCounts.forEach((name, count) -> customCounts().merge(name, count, Checks::saturatedAdd));
            }
            if (other.attributes != null) {
                other.attributes.forEach((name, value) -> attributes().merge(name, value, Accumulator::later));
            }
            return this;
        }

        /**
         * Returns the profile of the events folded so far.
         *
         * @return a new profile
         */
        public CustomerProfile toProfile() {
            Builder b = new Builder(customerId);
            b.firstSeen = firstSeen;
            b.lastActivity = lastActivity;
            b.firstOrderAt = firstOrderAt;
            System.arraycopy(counts, 0, b.counts, 0, counts.length);
            System.arraycopy(lastAt, 0, b.lastAt, 0, lastAt.length);
            b.totalSpend = totalSpend;
            b.refunded = refunded;
            b.payments.addAll(payments);
            b.lastNpsScore = lastNps == null ? -1 : lastNps.value();
            b.loyaltyEnrolledAt = loyaltyEnrolledAt;
            if (customCounts != null) {
                b.customCounts.putAll(customCounts);
            }
            if (attributes != null) {
                attributes.forEach((name, value) -> b.attributes.put(name, value.value()));
            }
            return b.build();
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

        private Money sum(@Nullable Money total, Money amount, @Nullable CustomerEvent event) {
            return sumSameCurrency(total, amount, event, customerId);
        }

        private static <T> Stamped<T> later(@Nullable Stamped<T> a, Stamped<T> b) {
            if (a == null) {
                return b;
            }
            int byTime = a.at().compareTo(b.at());
            if (byTime != 0) {
                return byTime > 0 ? a : b;
            }
            return a.eventId().compareTo(b.eventId()) >= 0 ? a : b;
        }

        /** A value with the instant and event that set it, so the latest one wins whatever the folding order. */
        private record Stamped<T>(T value, Instant at, String eventId) {}
    }
}
