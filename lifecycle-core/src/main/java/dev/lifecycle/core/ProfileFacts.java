package dev.lifecycle.core;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The facts of one customer's profile as named fields: the one carrier in which profiles cross files (builder,
 * accumulator, the fold behind {@link CustomerProfile#plus(CustomerEvent)}, the table, the stores and codecs), so
 * that no fact is passed by position. A carrier is filled field by field and handed to {@link #toProfile()}, which
 * takes it as it is, or to {@link #toCheckedProfile()}, which orders and checks it first. Not thread-safe.
 */
final class ProfileFacts {
    private static final EventType[] TYPE_VALUES = EventType.values();
    private static final int TYPES = TYPE_VALUES.length;
    private static final int PURCHASE = EventType.PURCHASE.ordinal();
    private static final int REFUND = EventType.REFUND.ordinal();
    private static final int NPS = EventType.NPS_ANSWER.ordinal();
    private static final int LOYALTY = EventType.LOYALTY_ENROLMENT.ordinal();

    final String customerId;

    @Nullable
    Instant firstSeen;

    @Nullable
    Instant lastActivity;

    @Nullable
    Instant firstOrderAt;
    /** Counts by event type ordinal. */
    long[] counts = new long[TYPES];
    /** Latest instant by event type ordinal. */
    @Nullable
    Instant[] lastAt = new Instant[TYPES];

    @Nullable
    Money totalSpend;

    @Nullable
    Money refunded;
    /** For {@link #toProfile()}: immutable and in payment order; {@link #toCheckedProfile()} orders and copies. */
    List<CustomerProfile.Payment> payments = ImmutableList.of();
    /**
     * The instants of the orders the profile holds, in time order (immutable, so shared as it is): every order of a
     * folded profile, those given to a builder otherwise; never more than the order count.
     */
    OrderTimes orders = OrderTimes.EMPTY;
    /** The latest NPS score, -1 for none. */
    int lastNpsScore = -1;

    @Nullable
    Instant loyaltyEnrolledAt;
    /** For {@link #toProfile()}: an {@link ImmutableMap} in name order; {@link #toCheckedProfile()} copies. */
    Map<String, Long> customCounts = ImmutableMap.of();
    /** For {@link #toProfile()}: an {@link ImmutableMap} in name order; {@link #toCheckedProfile()} copies. */
    Map<String, Double> attributes = ImmutableMap.of();

    /**
     * Whether {@link #latestOfTypes} holds the latest of {@link #lastAt}: set by {@link #toCheckedProfile()}, whose
     * pass over the types finds it, so that the profile need not look again.
     */
    boolean typesScanned;

    /** The latest instant of {@link #lastAt} when {@link #typesScanned}, null for none. */
    @Nullable
    Instant latestOfTypes;

    ProfileFacts(String customerId) {
        this.customerId = customerId;
    }

    /** Returns a carrier of the profile's facts; arrays are copied, the immutable collections shared. */
    static ProfileFacts of(CustomerProfile p) {
        ProfileFacts f = new ProfileFacts(p.customerId);
        f.firstSeen = p.firstSeen;
        f.lastActivity = p.lastActivity;
        f.firstOrderAt = p.firstOrderAt;
        f.counts = p.counts.clone();
        f.lastAt = p.lastAt.clone();
        f.totalSpend = p.totalSpend;
        f.refunded = p.refunded;
        f.payments = p.payments;
        f.orders = p.orders;
        f.lastNpsScore = p.lastNpsScore;
        f.loyaltyEnrolledAt = p.loyaltyEnrolledAt;
        f.customCounts = p.customCounts;
        f.attributes = p.attributes;
        return f;
    }

    /** Returns a copy with its own arrays; the collections are shared. */
    ProfileFacts copy() {
        ProfileFacts f = new ProfileFacts(customerId);
        f.firstSeen = firstSeen;
        f.lastActivity = lastActivity;
        f.firstOrderAt = firstOrderAt;
        f.counts = counts.clone();
        f.lastAt = lastAt.clone();
        f.totalSpend = totalSpend;
        f.refunded = refunded;
        f.payments = payments;
        f.orders = orders;
        f.lastNpsScore = lastNpsScore;
        f.loyaltyEnrolledAt = loyaltyEnrolledAt;
        f.customCounts = customCounts;
        f.attributes = attributes;
        return f;
    }

    /**
     * Returns a copy with its own arrays and mutable collections (an {@link ArrayList} of payments, {@link HashMap}s of
     * names), for a builder to edit.
     */
    ProfileFacts mutableCopy() {
        ProfileFacts f = copy();
        f.payments = new ArrayList<>(payments);
        f.customCounts = new HashMap<>(customCounts);
        f.attributes = new HashMap<>(attributes);
        return f;
    }

    /**
     * Returns the profile of facts that were valid when they were made (stored, folded in order or read from a table),
     * without checking them again; the carrier must not be used afterwards.
     */
    CustomerProfile toProfile() {
        return new CustomerProfile(this);
    }

    /**
     * Returns the profile of these facts after ordering the payments and names, filling in first seen and last
     * activity from the other facts where they are not set, and checking that the facts agree.
     *
     * @throws IllegalArgumentException if the facts disagree
     */
    CustomerProfile toCheckedProfile() {
        payments = CustomerProfile.sortedPayments(payments);
        customCounts = CustomerProfile.sortedCopy(customCounts);
        attributes = CustomerProfile.sortedCopy(attributes);
        // one pass over the types: their earliest and latest instants, and the first with an instant but no count
        Instant earliestOfTypes = null;
        Instant latest = null;
        int uncounted = -1;
        for (int i = 0; i < TYPES; i++) {
            Instant at = lastAt[i];
            if (at != null) {
                earliestOfTypes = ProfileFold.min(earliestOfTypes, at);
                latest = ProfileFold.max(latest, at);
                if (uncounted < 0 && counts[i] == 0) {
                    uncounted = i;
                }
            }
        }
        Instant earliest = earliestFact(firstOrderAt, orders, loyaltyEnrolledAt, earliestOfTypes);
        if (firstSeen != null && earliest != null && firstSeen.isAfter(earliest)) {
            throw new IllegalArgumentException("firstSeen " + firstSeen + " of customer '" + customerId
                    + "' is after another fact of the profile, at " + earliest);
        }
        if (lastActivity != null && latest != null && lastActivity.isBefore(latest)) {
            throw new IllegalArgumentException("lastActivity " + lastActivity + " of customer '" + customerId
                    + "' is before the last event of the profile, at " + latest);
        }
        Instant seen = firstSeen != null ? firstSeen : ProfileFold.min(earliest, lastActivity);
        lastActivity = lastActivity != null ? lastActivity : ProfileFold.max(latest, firstSeen);
        firstSeen = seen;
        if (firstSeen != null && lastActivity != null && firstSeen.isAfter(lastActivity)) {
            throw new IllegalArgumentException("firstSeen " + firstSeen + " of customer '" + customerId
                    + "' is after its lastActivity " + lastActivity);
        }
        checkConsistent(uncounted);
        latestOfTypes = latest;
        typesScanned = true;
        return new CustomerProfile(this);
    }

    /**
     * Returns the earliest instant among the facts, firstSeen and lastActivity aside, given the earliest of the types'
     * latest instants ({@link #earliestOf}).
     */
    static @Nullable Instant earliestFact(
            @Nullable Instant firstOrderAt,
            OrderTimes orders,
            @Nullable Instant loyaltyEnrolledAt,
            @Nullable Instant earliestOfTypes) {
        Instant earliest = ProfileFold.min(firstOrderAt, loyaltyEnrolledAt);
        // compared as nanoseconds first: a folded profile's first order instant is its firstOrderAt
        if (!orders.isEmpty()
                && (firstOrderAt == null || orders.first() < TrackerTime.toNanosOfSupported(firstOrderAt))) {
            earliest = ProfileFold.min(earliest, orders.get(0));
        }
        return ProfileFold.min(earliest, earliestOfTypes);
    }

    /** Returns the earliest of the types' latest instants, null for none. */
    static @Nullable Instant earliestOf(@Nullable Instant[] lastAt) {
        Instant earliest = null;
        for (Instant at : lastAt) {
            earliest = ProfileFold.min(earliest, at);
        }
        return earliest;
    }

    /** Returns the latest instant among the facts, firstSeen and lastActivity aside. */
    static @Nullable Instant latestFact(@Nullable Instant[] lastAt) {
        Instant latest = null;
        for (Instant at : lastAt) {
            latest = ProfileFold.max(latest, at);
        }
        return latest;
    }

    /**
     * The order instants are some or all of the orders: no more than the order count, none before the first order or
     * after the last; all of them (as many as the order count) begin at the first order, when it is known, and end at
     * the last.
     */
    private void checkOrderTimes(@Nullable Instant lastOrder) {
        if (orders.isEmpty()) {
            return;
        }
        if (orders.size() > counts[PURCHASE]) {
            throw new IllegalArgumentException("customer '" + customerId + "' has " + orders.size()
                    + " order instants but orderCount is " + counts[PURCHASE]);
        }
        // as nanoseconds, which allocates nothing: every instant of a profile is supported
        long first = orders.first();
        long last = orders.last();
        boolean all = orders.size() == counts[PURCHASE];
        if (firstOrderAt != null) {
            long firstOrder = TrackerTime.toNanosOfSupported(firstOrderAt);
            if (all ? first != firstOrder : first < firstOrder) {
                throw new IllegalArgumentException("the first order instant " + orders.get(0) + " of customer '"
                        + customerId + "' " + (all ? "differs from" : "is before") + " its firstOrderAt "
                        + firstOrderAt + allGiven(all));
            }
        }
        // orderCount is positive here, so lastOrder is set (checked before)
        if (lastOrder != null) {
            long lastOrderNanos = TrackerTime.toNanosOfSupported(lastOrder);
            if (all ? last != lastOrderNanos : last > lastOrderNanos) {
                throw new IllegalArgumentException("the last order instant " + orders.get(orders.size() - 1)
                        + " of customer '" + customerId + "' " + (all ? "differs from" : "is after")
                        + " its lastOrderAt " + lastOrder + allGiven(all));
            }
        }
    }

    private String allGiven(boolean all) {
        return all ? " (the profile has an instant for each of its " + orders.size() + " orders)" : "";
    }

    /** Checks that the facts agree; {@code uncounted} is the first type with an instant but no count, or -1. */
    private void checkConsistent(int uncounted) {
        if (uncounted >= 0) {
            throw new IllegalArgumentException("lastEventAt(" + TYPE_VALUES[uncounted] + ") of customer '" + customerId
                    + "' is " + lastAt[uncounted] + " but its count is 0");
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
        checkOrderTimes(lastOrder);
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
        // by index, as in a fold of one customer nothing else iterates the (random access) payments
        for (int i = 0; i < payments.size(); i++) {
            CustomerProfile.Payment payment = payments.get(i);
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
}
