package dev.lifecycle.core;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiPredicate;

/**
 * A fact about a customer at an instant that a {@link TransitionRule} waits for, such as "at least two orders" or "no
 * purchase for 180 days".
 *
 * <p>The static factories cover the facts the lifecycle sources describe; they return values with equality, a
 * {@linkplain #description() description} and {@linkplain #evidence(CustomerProfile, Instant) evidence} that names
 * the facts that made them true. Teams plug in conditions of their own by implementing this interface (a lambda will
 * do) or, better, with {@link #custom(String, BiPredicate)}, which gives the condition a name for explanations and
 * error messages. Implementations must be thread-safe and should not throw; a condition that throws fails the
 * classification with a message naming its rule.
 */
@FunctionalInterface
public interface Condition {

    /**
     * Tells whether the condition holds for the profile at the instant.
     *
     * @param profile the customer's facts
     * @param asOf the instant of the classification
     * @return true if the condition holds
     */
    boolean test(CustomerProfile profile, Instant asOf);

    /**
     * Describes the condition for people, as in {@code "at least 2 orders"}.
     *
     * @return the description
     */
    default String description() {
        return "custom condition";
    }

    /**
     * Names the facts of the profile that make the condition hold, as in {@code "orderCount 2 >= 2"}; called only
     * when {@link #test(CustomerProfile, Instant)} returned true.
     *
     * @param profile the customer's facts
     * @param asOf the instant of the classification
     * @return the evidence
     */
    default String evidence(CustomerProfile profile, Instant asOf) {
        return description() + " holds";
    }

    /**
     * Returns the event types whose events the condition's truth depends on, or empty when that is unknown.
     *
     * <p>Every built-in condition knows: an order count reads {@link EventType#PURCHASE}, net spend reads purchases
     * and refunds, "no activity for" reads every type, and {@code and}, {@code or} and {@code not} read what their
     * parts read (unknown when any part's answer is unknown). Custom conditions, lambdas included, answer empty
     * unless they override this method; callers must then assume the condition may read any type. {@link
     * LifecycleTemplate#measuredStages(Set)} uses the answer to tell which stages an input's events decide.
     *
     * @return the event types read, or empty when unknown
     */
    default Optional<Set<EventType>> eventTypesRead() {
        return Optional.empty();
    }

    /**
     * Returns a condition that holds when this one and {@code other} both hold.
     *
     * @param other the other condition
     * @return the conjunction
     * @throws NullPointerException if {@code other} is null
     */
    default Condition and(Condition other) {
        return allOf(this, requireNonNull(other, "other"));
    }

    /**
     * Returns a condition that holds when this one or {@code other} holds.
     *
     * @param other the other condition
     * @return the disjunction
     * @throws NullPointerException if {@code other} is null
     */
    default Condition or(Condition other) {
        return anyOf(this, requireNonNull(other, "other"));
    }

    /**
     * Returns a condition that holds when this one does not.
     *
     * @return the negation
     */
    default Condition negate() {
        return not(this);
    }

    /**
     * Holds when the customer has placed at least {@code n} orders.
     *
     * @param n zero or more
     * @return the condition
     * @throws IllegalArgumentException if {@code n} is negative
     */
    static Condition ordersAtLeast(long n) {
        return new Conditions.CountAtLeast(ConditionKind.ORDERS_AT_LEAST, EventType.PURCHASE, n);
    }

    /**
     * Holds once the customer has placed a first order; the same as {@code ordersAtLeast(1)}.
     *
     * @return the condition
     */
    static Condition firstPurchase() {
        return ordersAtLeast(1);
    }

    /**
     * Holds once the customer has placed a second order, the step from first-time to repeat customer; the same as
     * {@code ordersAtLeast(2)}.
     *
     * @return the condition
     */
    static Condition secondPurchase() {
        return ordersAtLeast(2);
    }

    /**
     * Holds when the customer has made at least {@code n} referrals.
     *
     * @param n zero or more
     * @return the condition
     * @throws IllegalArgumentException if {@code n} is negative
     */
    static Condition referralsAtLeast(long n) {
        return new Conditions.CountAtLeast(ConditionKind.REFERRALS_AT_LEAST, EventType.REFERRAL, n);
    }

    /**
     * Holds when the customer's engagement (product views plus cart additions plus sign-ups) is at least {@code n}.
     *
     * @param n zero or more
     * @return the condition
     * @throws IllegalArgumentException if {@code n} is negative
     */
    static Condition engaged(long n) {
        return new Conditions.EngagedAtLeast(n);
    }

    /**
     * Holds when the customer has at least {@code n} events of the given type.
     *
     * @param type the event type; for {@link EventType#CUSTOM}, custom events of any name
     * @param n zero or more
     * @return the condition
     * @throws NullPointerException if {@code type} is null
     * @throws IllegalArgumentException if {@code n} is negative
     */
    static Condition eventCountAtLeast(EventType type, long n) {
        return new Conditions.CountAtLeast(ConditionKind.EVENT_COUNT_AT_LEAST, type, n);
    }

    /**
     * Holds when the customer has at least {@code n} custom events with the given type name.
     *
     * @param customType the custom type name
     * @param n zero or more
     * @return the condition
     * @throws NullPointerException if {@code customType} is null
     * @throws IllegalArgumentException if the name is not a valid id or {@code n} is negative
     */
    static Condition customEventCountAtLeast(String customType, long n) {
        return new Conditions.CustomEventCountAtLeast(customType, n);
    }

    /**
     * Holds when the customer has ordered before and the last order lies more than {@code duration} before
     * {@code asOf}: an order exactly {@code duration} ago does not yet count as lapsed.
     *
     * @param duration a positive duration
     * @return the condition
     * @throws NullPointerException if {@code duration} is null
     * @throws IllegalArgumentException if {@code duration} is zero or negative
     */
    static Condition noPurchaseFor(Duration duration) {
        return new Conditions.NoPurchaseFor(duration);
    }

    /**
     * Holds when the customer's last activity of any kind lies more than {@code duration} before {@code asOf}.
     *
     * @param duration a positive duration
     * @return the condition
     * @throws NullPointerException if {@code duration} is null
     * @throws IllegalArgumentException if {@code duration} is zero or negative
     */
    static Condition inactiveFor(Duration duration) {
        return new Conditions.InactiveFor(duration);
    }

    /**
     * Holds when the latest event of the given type lies within {@code window} before {@code asOf}, both ends
     * included.
     *
     * @param type the event type
     * @param window a positive duration
     * @return the condition
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code window} is zero or negative
     */
    static Condition eventWithin(EventType type, Duration window) {
        return new Conditions.EventWithin(type, window);
    }

    /**
     * Holds when the customer's first order (the last order when the first is unknown) lies at least
     * {@code duration} before {@code asOf}.
     *
     * @param duration a positive duration
     * @return the condition
     * @throws NullPointerException if {@code duration} is null
     * @throws IllegalArgumentException if {@code duration} is zero or negative
     */
    static Condition firstPurchaseAtLeastAgo(Duration duration) {
        return new Conditions.FirstPurchaseAtLeastAgo(duration);
    }

    /**
     * Holds when the customer's net spend (orders less refunds) is at least {@code amount}. A profile whose amounts
     * are in another currency fails the classification rather than being compared.
     *
     * @param amount a positive amount
     * @return the condition
     * @throws NullPointerException if {@code amount} is null
     * @throws IllegalArgumentException if {@code amount} is zero or negative
     */
    static Condition spentAtLeast(Money amount) {
        return new Conditions.SpentAtLeast(amount);
    }

    /**
     * Holds when the customer's net spend within the trailing {@code window} (orders less refunds whose instants lie
     * in {@code [asOf - window, asOf]}) is at least {@code amount}, as in "spent at least 1,000 in the last 365 days".
     * Reads {@link CustomerProfile#payments()}. A profile whose amounts are in another currency fails the
     * classification rather than being compared.
     *
     * @param amount a positive amount
     * @param window a positive duration
     * @return the condition
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code amount} or {@code window} is zero or negative
     */
    static Condition spentAtLeast(Money amount, Duration window) {
        return new Conditions.SpentWithin(amount, window);
    }

    /**
     * Holds when the customer's latest NPS answer is at least {@code score} (9 picks out promoters).
     *
     * @param score 0 to 10
     * @return the condition
     * @throws IllegalArgumentException if {@code score} is outside 0..10
     */
    static Condition npsAtLeast(int score) {
        return new Conditions.NpsAtLeast(score);
    }

    /**
     * Holds when the customer's latest NPS answer is at most {@code score} (6 picks out detractors).
     *
     * @param score 0 to 10
     * @return the condition
     * @throws IllegalArgumentException if {@code score} is outside 0..10
     */
    static Condition npsAtMost(int score) {
        return new Conditions.NpsAtMost(score);
    }

    /**
     * Holds when the customer has joined the loyalty programme.
     *
     * @return the condition
     */
    static Condition loyaltyMember() {
        return Conditions.LoyaltyMember.INSTANCE;
    }

    /**
     * Holds when the customer has the numeric attribute {@code name} and it compares to {@code value} as asked.
     *
     * @param name the attribute name
     * @param comparison how the attribute compares to the value
     * @param value a finite number
     * @return the condition
     * @throws NullPointerException if {@code name} or {@code comparison} is null
     * @throws IllegalArgumentException if {@code name} is not a valid id or {@code value} is not finite
     */
    static Condition attribute(String name, Comparison comparison, double value) {
        return new Conditions.AttributeCompare(name, comparison, value);
    }

    /**
     * Returns a named condition of the application's own. The name appears in explanations and error messages.
     *
     * @param name a short description, not blank
     * @param predicate the test; must be thread-safe
     * @return the condition
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code name} is blank
     */
    static Condition custom(String name, BiPredicate<CustomerProfile, Instant> predicate) {
        return new Conditions.Custom(name, predicate);
    }

    /**
     * Holds when every one of the conditions holds.
     *
     * @param conditions at least one condition
     * @return the conjunction
     * @throws NullPointerException if the array or an element is null; the message names it ({@code "conditions"},
     *     {@code "conditions[2]"})
     * @throws IllegalArgumentException if no condition is given
     */
    static Condition allOf(Condition... conditions) {
        return new Conditions.Combination(ConditionKind.ALL_OF, Conditions.elements(conditions));
    }

    /**
     * Holds when at least one of the conditions holds.
     *
     * @param conditions at least one condition
     * @return the disjunction
     * @throws NullPointerException if the array or an element is null; the message names it ({@code "conditions"},
     *     {@code "conditions[2]"})
     * @throws IllegalArgumentException if no condition is given
     */
    static Condition anyOf(Condition... conditions) {
        return new Conditions.Combination(ConditionKind.ANY_OF, Conditions.elements(conditions));
    }

    /**
     * Holds when {@code condition} does not.
     *
     * @param condition the condition to negate
     * @return the negation
     * @throws NullPointerException if {@code condition} is null
     */
    static Condition not(Condition condition) {
        return new Conditions.Not(condition);
    }

    /**
     * Holds when at least {@code n} of the customer's orders lie within the trailing {@code window} (their instants in
     * {@code [asOf - window, asOf]}, both ends included, as in {@link #eventWithin(EventType, Duration)}): the "active
     * repeat customer" test, as in "at least 3 orders in the last 90 days". Every purchase is an order, with or without
     * an amount. Reads {@link CustomerProfile#orderTimes()}: a profile folded from events holds every order's instant;
     * one built from aggregates holds those given to {@link CustomerProfile.Builder#orderAt(Instant)}, none by default.
     *
     * @param n zero or more
     * @param window a positive duration
     * @return the condition
     * @throws NullPointerException if {@code window} is null
     * @throws IllegalArgumentException if {@code n} is negative or {@code window} is zero or negative
     */
    static Condition ordersWithin(int n, Duration window) {
        return new Conditions.OrdersWithin(n, window);
    }

    /** How a numeric attribute compares to a value in {@link #attribute(String, Comparison, double)}. */
    enum Comparison {
        /** The attribute is greater than or equal to the value. */
        AT_LEAST(">="),
        /** The attribute is less than or equal to the value. */
        AT_MOST("<="),
        /** The attribute is greater than the value. */
        ABOVE(">"),
        /** The attribute is less than the value. */
        BELOW("<"),
        /** The attribute equals the value. */
        EQUAL_TO("=");

        private final String symbol;

        Comparison(String symbol) {
            this.symbol = symbol;
        }

        /**
         * Returns the comparison's symbol, such as {@code ">="}.
         *
         * @return the symbol
         */
        public String symbol() {
            return symbol;
        }

        /**
         * Tells whether {@code left} compares to {@code right} this way.
         *
         * @param left the attribute's value
         * @param right the value compared with
         * @return the result of the comparison
         */
        public boolean test(double left, double right) {
            return switch (this) {
                case AT_LEAST -> left >= right;
                case AT_MOST -> left <= right;
                case ABOVE -> left > right;
                case BELOW -> left < right;
                case EQUAL_TO -> left == right;
            };
        }
    }
}
