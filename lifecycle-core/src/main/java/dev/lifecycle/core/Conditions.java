package dev.lifecycle.core;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.Sets;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/** The built-in conditions: records, so templates built from them compare by value. */
final class Conditions {
    private static final int PRODUCT_VIEW = EventType.PRODUCT_VIEW.ordinal();
    private static final int CART_ADD = EventType.CART_ADD.ordinal();
    private static final int SIGN_UP = EventType.SIGN_UP.ordinal();
    private static final int LOYALTY = EventType.LOYALTY_ENROLMENT.ordinal();

    private Conditions() {}

    /**
     * Rejects null arguments of {@code test} and {@code evidence}: the classifier never passes null, but a caller who
     * tests a condition directly must not get an answer for a missing profile or instant.
     */
    static void checkArguments(CustomerProfile profile, Instant asOf) {
        requireNonNull(profile, "profile");
        requireNonNull(asOf, "asOf");
    }

    /**
     * Returns {@code base + duration + extraNanos} in epoch nanoseconds if that lies after {@code afterNanos}, else
     * {@link Long#MAX_VALUE}; also {@link Long#MAX_VALUE} when there is no base or the sum leaves the tracker's range.
     */
    static long changeAfter(@Nullable Instant base, Duration duration, long extraNanos, long afterNanos) {
        if (base == null) {
            return Long.MAX_VALUE;
        }
        long at;
        try {
            at = Math.addExact(Math.addExact(TrackerTime.toNanos(base), duration.toNanos()), extraNanos);
        } catch (ArithmeticException | IllegalArgumentException outOfRange) {
            return Long.MAX_VALUE;
        }
        return at > afterNanos ? at : Long.MAX_VALUE;
    }

    private static long nextChangeOfAny(List<Condition> conditions, CustomerProfile profile, long afterNanos) {
        long next = Long.MAX_VALUE;
        for (Condition condition : conditions) {
            if (condition instanceof TimeSensitive timed) {
                next = Math.min(next, timed.nextChangeAfter(profile, afterNanos));
            }
        }
        return next;
    }

    /** Rejects null arguments of {@code mark}, which an empty range of rows would not touch. */
    static void checkMark(ProfileTable table, int[] masks) {
        requireNonNull(table, "table");
        requireNonNull(masks, "masks");
    }

    /** Marks the rows whose count in the column (null: all zero) is at least {@code n}. */
    private static void markCountAtLeast(long @Nullable [] counts, long n, int from, int to, int[] masks, int bit) {
        if (counts == null) {
            if (n <= 0) {
                for (int row = from; row < to; row++) {
                    masks[row - from] |= bit;
                }
            }
            return;
        }
        // Without a branch per row, which the processor would mispredict on mixed data: counts and n are not
        // negative, so n - 1 - count is negative (its sign bit set) exactly when count >= n.
        for (int row = from; row < to; row++) {
            masks[row - from] |= bit & (int) ((n - 1 - counts[row]) >> 63);
        }
    }

    /** Returns asOf minus the duration, or null where that leaves the range of {@link Instant}. */
    static @Nullable Instant minus(long asOfSecond, int asOfNano, Duration duration) {
        try {
            return Instant.ofEpochSecond(asOfSecond, asOfNano).minus(duration);
        } catch (java.time.DateTimeException | ArithmeticException outOfRange) {
            return null;
        }
    }

    /** Copies the arguments of {@code allOf} and {@code anyOf}, naming a null element by its index. */
    static List<Condition> elements(Condition[] conditions) {
        requireNonNull(conditions, "conditions");
        for (int i = 0; i < conditions.length; i++) {
            requireNonNull(conditions[i], "conditions[" + i + "]");
        }
        return List.of(conditions);
    }

    /** Whether every condition can read table columns. */
    static boolean readColumns(List<Condition> conditions) {
        for (Condition condition : conditions) {
            if (!(condition instanceof ColumnCondition column) || !column.readsColumns()) {
                return false;
            }
        }
        return true;
    }

    /** The union of the event types the conditions read; unknown when any condition's answer is unknown. */
    private static Optional<Set<EventType>> eventTypesReadByAll(List<Condition> conditions) {
        EnumSet<EventType> union = EnumSet.noneOf(EventType.class);
        for (Condition condition : conditions) {
            Optional<Set<EventType>> read = condition.eventTypesRead();
            if (read.isEmpty()) {
                return Optional.empty();
            }
            union.addAll(read.get());
        }
        return Optional.of(Sets.immutableEnumSet(union));
    }

    /**
     * Whether the classifier may build the condition's evidence when a classification's path is first read instead of
     * inside {@code classify}: true when, asked after its test held for a profile and an instant, the evidence cannot
     * throw and depends only on the profile and the instant. That holds for the built-in conditions, except {@code
     * custom} (whose evidence is its name, so building it at once costs nothing), and for {@code allOf}, {@code anyOf}
     * and {@code not} of such conditions, except an {@code anyOf} with a part whose test may throw (a spend threshold
     * in another currency than the profile's): its evidence tests the parts its own test skipped. Any other
     * implementation of {@link Condition} is the application's, whose evidence may throw, and must throw inside {@code
     * classify} as a {@link ClassificationException} naming the rule.
     */
    static boolean hasLazyEvidence(Condition condition) {
        if (condition instanceof Combination combination) {
            boolean any = combination.kind() == ConditionKind.ANY_OF;
            for (Condition part : combination.conditions()) {
                if (!hasLazyEvidence(part) || (any && !testCannotThrow(part))) {
                    return false;
                }
            }
            return true;
        }
        if (condition instanceof Not not) {
            // its evidence is the part's description, which a built-in part gives without failing
            return hasLazyEvidence(not.condition());
        }
        return condition instanceof CountAtLeast
                || condition instanceof EngagedAtLeast
                || condition instanceof CustomEventCountAtLeast
                || condition instanceof ElapsedCondition
                || condition instanceof SpentAtLeast
                || condition instanceof SpentWithin
                || condition instanceof NpsBound
                || condition instanceof LoyaltyMember
                || condition instanceof AttributeCompare
                || condition instanceof OrdersWithin;
    }

    /**
     * Whether the test of a condition with {@linkplain #hasLazyEvidence lazy evidence} cannot throw: a spend threshold
     * throws for a profile in another currency.
     */
    private static boolean testCannotThrow(Condition condition) {
        if (condition instanceof Combination combination) {
            for (Condition part : combination.conditions()) {
                if (!testCannotThrow(part)) {
                    return false;
                }
            }
            return true;
        }
        if (condition instanceof Not not) {
            return testCannotThrow(not.condition());
        }
        return !(condition instanceof SpentAtLeast) && !(condition instanceof SpentWithin);
    }

    private static String plural(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /**
     * At least {@code n} events of one type. Three kinds share it: {@code orders-at-least} and
     * {@code referrals-at-least} speak of their type's events in their own words, {@code event-count-at-least} names
     * the type.
     */
    record CountAtLeast(ConditionKind kind, EventType type, long n)
            implements Condition, ColumnCondition, DataCondition {
        CountAtLeast {
            requireNonNull(kind, "kind");
            requireNonNull(type, "type");
            Checks.nonNegative(
                    n,
                    switch (kind) {
                        case ORDERS_AT_LEAST -> "order count";
                        case REFERRALS_AT_LEAST -> "referral count";
                        default -> "count of " + type;
                    });
        }

        @Override
        public ConditionSpec toSpec() {
            return kind == ConditionKind.EVENT_COUNT_AT_LEAST
                    ? kind.spec(type.name(), String.valueOf(n))
                    : kind.spec(String.valueOf(n));
        }

        @Override
        public Optional<Set<EventType>> eventTypesRead() {
            return Optional.of(CustomerProfile.Fact.ofType(type));
        }

        @Override
        public void needs(FactNeeds needs) {
            needs.count(type);
        }

        @Override
        public boolean test(ProfileTable table, int row, long asOfSecond, int asOfNano) {
            return table.count(type.ordinal(), row) >= n;
        }

        @Override
        public void mark(ProfileTable table, int from, int to, long asOfSecond, int asOfNano, int[] masks, int bit) {
            checkMark(table, masks);
            markCountAtLeast(table.counts[type.ordinal()], n, from, to, masks, bit);
        }

        @Override
        public boolean test(CustomerProfile profile, Instant asOf) {
            checkArguments(profile, asOf);
            return profile.counts[type.ordinal()] >= n;
        }

        @Override
        public String description() {
            return switch (kind) {
                case ORDERS_AT_LEAST -> "at least " + plural(n, "order");
                case REFERRALS_AT_LEAST -> "at least " + plural(n, "referral");
                default -> "at least " + n + " " + type + " events";
            };
        }

        @Override
        public String evidence(CustomerProfile profile, Instant asOf) {
            checkArguments(profile, asOf);
            String count = switch (kind) {
                case ORDERS_AT_LEAST -> "orderCount ";
                case REFERRALS_AT_LEAST -> "referralCount ";
                default -> type + " count ";
            };
            return count + profile.counts[type.ordinal()] + " >= " + n;
        }
    }

    record EngagedAtLeast(long n) implements Condition, DataCondition, ColumnCondition {
        EngagedAtLeast {
            Checks.nonNegative(n, "engagement count");
        }

        @Override
        public ConditionSpec toSpec() {
            return ConditionKind.ENGAGED.spec(String.valueOf(n));
        }

        @Override
        public Optional<Set<EventType>> eventTypesRead() {
            return Optional.of(CustomerProfile.Fact.ENGAGEMENT.eventTypes());
        }

        @Override
        public void needs(FactNeeds needs) {
            CustomerProfile.Fact.ENGAGEMENT.eventTypes().forEach(needs::count);
        }

        @Override
        public boolean test(ProfileTable table, int row, long asOfSecond, int asOfNano) {
            return CustomerProfile.engagement(
                            table.count(PRODUCT_VIEW, row), table.count(CART_ADD, row), table.count(SIGN_UP, row))
                    >= n;
        }

        @Override
        public void mark(ProfileTable table, int from, int to, long asOfSecond, int asOfNano, int[] masks, int bit) {
            checkMark(table, masks);
            long[] views = table.counts[PRODUCT_VIEW];
            long[] carts = table.counts[CART_ADD];
            long[] signUps = table.counts[SIGN_UP];
            for (int row = from; row < to; row++) {
                long engagement = CustomerProfile.engagement(
                        views == null ? 0 : views[row],
                        carts == null ? 0 : carts[row],
                        signUps == null ? 0 : signUps[row]);
                masks[row - from] |= engagement >= n ? bit : 0;
            }
        }

        @Override
        public boolean test(CustomerProfile profile, Instant asOf) {
            checkArguments(profile, asOf);
            return profile.engagementCount() >= n;
        }

        @Override
        public String description() {
            return "at least " + plural(n, "engagement") + " (product views, cart adds, sign-ups)";
        }

        @Override
        public String evidence(CustomerProfile profile, Instant asOf) {
            checkArguments(profile, asOf);
            return "engagement " + profile.engagementCount() + " (productViews " + profile.productViews()
                    + " + cartAdds " + profile.cartAdds() + " + signUps " + profile.signUps() + ") >= " + n;
        }
    }

    record CustomEventCountAtLeast(String customType, long n) implements Condition, DataCondition {
        CustomEventCountAtLeast {
            Checks.id(customType, "customType");
            Checks.nonNegative(n, "count of custom type '" + customType + "'");
        }

        @Override
        public ConditionSpec toSpec() {
            return ConditionKind.CUSTOM_EVENT_COUNT_AT_LEAST.spec(customType, String.valueOf(n));
        }

        @Override
        public Optional<Set<EventType>> eventTypesRead() {
            return Optional.of(CustomerProfile.Fact.CUSTOM_COUNTS.eventTypes());
        }

        @Override
        public boolean test(CustomerProfile profile, Instant asOf) {
            checkArguments(profile, asOf);
            return profile.customEventCount(customType) >= n;
        }

        @Override
        public String description() {
            return "at least " + n + " '" + customType + "' events";
        }

        @Override
        public String evidence(CustomerProfile profile, Instant asOf) {
            checkArguments(profile, asOf);
            return "'" + customType + "' count " + profile.customEventCount(customType) + " >= " + n;
        }
    }

    record NoPurchaseFor(Duration duration) implements ElapsedCondition {
        NoPurchaseFor {
            Checks.positive(duration, "duration");
        }

        @Override
        public ConditionSpec toSpec() {
            return ConditionKind.NO_PURCHASE_FOR.spec(ConditionKind.iso(duration));
        }

        @Override
        public DatedFact fact() {
            return DatedFact.LAST_ORDER;
        }

        @Override
        public Elapsed elapsed() {
            return Elapsed.MORE_THAN;
        }

        @Override
        public String description() {
            return "no purchase for more than " + Checks.humanDuration(duration);
        }
    }

    record InactiveFor(Duration duration) implements ElapsedCondition {
        InactiveFor {
            Checks.positive(duration, "duration");
        }

        @Override
        public ConditionSpec toSpec() {
            return ConditionKind.INACTIVE_FOR.spec(ConditionKind.iso(duration));
        }

        @Override
        public DatedFact fact() {
            return DatedFact.LAST_ACTIVITY;
        }

        @Override
        public Elapsed elapsed() {
            return Elapsed.MORE_THAN;
        }

        @Override
        public String description() {
            return "no activity for more than " + Checks.humanDuration(duration);
        }
    }

    record EventWithin(EventType type, Duration window) implements ElapsedCondition {
        EventWithin {
            requireNonNull(type, "type");
            Checks.positive(window, "window");
        }

        @Override
        public ConditionSpec toSpec() {
            return ConditionKind.EVENT_WITHIN.spec(type.name(), ConditionKind.iso(window));
        }

        @Override
        public DatedFact fact() {
            return DatedFact.latest(type);
        }

        /** {@return the window} */
        @Override
        public Duration duration() {
            return window;
        }

        @Override
        public Elapsed elapsed() {
            return Elapsed.WITHIN;
        }

        @Override
        public String description() {
            return "a " + type + " event within the last " + Checks.humanDuration(window);
        }
    }

    record FirstPurchaseAtLeastAgo(Duration duration) implements ElapsedCondition {
        FirstPurchaseAtLeastAgo {
            Checks.positive(duration, "duration");
        }

        @Override
        public ConditionSpec toSpec() {
            return ConditionKind.FIRST_PURCHASE_AT_LEAST_AGO.spec(ConditionKind.iso(duration));
        }

        @Override
        public DatedFact fact() {
            return DatedFact.FIRST_ORDER;
        }

        @Override
        public Elapsed elapsed() {
            return Elapsed.AT_LEAST;
        }

        @Override
        public String description() {
            return "first order at least " + Checks.humanDuration(duration) + " ago";
        }
    }

    record SpentAtLeast(Money amount) implements Condition, DataCondition {
        SpentAtLeast {
            requireNonNull(amount, "amount");
            if (amount.amount().signum() <= 0) {
                throw new IllegalArgumentException("amount must be positive but was " + amount);
            }
        }

        @Override
        public ConditionSpec toSpec() {
            return ConditionKind.SPENT_AT_LEAST.spec(
                    amount.amount().toPlainString(), amount.currency().getCurrencyCode());
        }

        @Override
        public Optional<Set<EventType>> eventTypesRead() {
            return Optional.of(CustomerProfile.Fact.SPEND.eventTypes());
        }

        @Override
        public boolean test(CustomerProfile profile, Instant asOf) {
            checkArguments(profile, asOf);
            Money net = profile.netSpendOrNull();
            return net != null && net.compareTo(amount) >= 0;
        }

        @Override
        public String description() {
            return "net spend at least " + amount;
        }

        @Override
        public String evidence(CustomerProfile profile, Instant asOf) {
            checkArguments(profile, asOf);
            return "net spend " + profile.netSpendOrNull() + " >= " + amount;
        }
    }

    record SpentWithin(Money amount, Duration window) implements Condition, DataCondition, TimeSensitive {
        SpentWithin {
            requireNonNull(amount, "amount");
            Checks.positive(window, "window");
            if (amount.amount().signum() <= 0) {
                throw new IllegalArgumentException("amount must be positive but was " + amount);
            }
        }

        @Override
        public ConditionSpec toSpec() {
            return ConditionKind.SPENT_AT_LEAST.spec(
                    amount.amount().toPlainString(), amount.currency().getCurrencyCode(), ConditionKind.iso(window));
        }

        @Override
        public Optional<Set<EventType>> eventTypesRead() {
            return Optional.of(CustomerProfile.Fact.SPEND.eventTypes());
        }

        /**
         * The net spend within the window, in the threshold's currency. Payments are in time order, so the window's
         * first and last payments are found by binary search: the cost grows with the payments inside the window, not
         * with the customer's whole history (which a tracker folds one event at a time).
         */
        private Money spent(CustomerProfile profile, Instant asOf) {
            List<CustomerProfile.Payment> payments = profile.payments;
            int from = firstPayment(payments, p -> Checks.compareElapsed(p.at(), asOf, window) <= 0);
            int to = firstPayment(payments, p -> p.at().isAfter(asOf));
            // summed as decimals and made Money once: the window may hold many payments, each Money checks its bounds
            BigDecimal total = BigDecimal.ZERO;
            for (int i = from; i < to; i++) {
                Money paid = payments.get(i).amount();
                if (!paid.currency().equals(amount.currency())) {
                    Money.zero(amount.currency()).plus(paid); // throws the currencies' mismatch message
                }
                total = total.add(paid.amount());
            }
            return new Money(total, amount.currency());
        }

        /**
         * The next instant after {@code afterNanos} at which a payment enters the window (its own instant) or leaves it
         * (one nanosecond after its instant plus the window); both sequences grow with the payments' order.
         */
        @Override
        public long nextChangeAfter(CustomerProfile profile, long afterNanos) {
            requireNonNull(profile, "profile");
            List<CustomerProfile.Payment> payments = profile.payments;
            int entering = firstPayment(payments, p -> TrackerTime.toNanos(p.at()) > afterNanos);
            long next = entering < payments.size()
                    ? changeAfter(payments.get(entering).at(), Duration.ZERO, 0, afterNanos)
                    : Long.MAX_VALUE;
            long windowNanos;
            try {
                windowNanos = Math.addExact(window.toNanos(), 1);
            } catch (ArithmeticException longerThanTheTrackerStores) {
                return next;
            }
            // a leaving instant past the range of a long is later than any afterNanos, and never reached
            int leaving = firstPayment(payments, p -> {
                long at = TrackerTime.toNanos(p.at());
                return at > Long.MAX_VALUE - windowNanos || at + windowNanos > afterNanos;
            });
            if (leaving < payments.size()) {
                next = Math.min(next, changeAfter(payments.get(leaving).at(), window, 1, afterNanos));
            }
            return next;
        }

        /** The index of the first payment for which {@code after} holds; it must hold for every later payment. */
        private static int firstPayment(
                List<CustomerProfile.Payment> payments, Predicate<CustomerProfile.Payment> after) {
            int low = 0;
            int high = payments.size();
            while (low < high) {
                int middle = (low + high) >>> 1;
                if (after.test(payments.get(middle))) {
                    high = middle;
                } else {
                    low = middle + 1;
                }
            }
            return low;
        }

        @Override
        public boolean test(CustomerProfile profile, Instant asOf) {
            checkArguments(profile, asOf);
            return spent(profile, asOf).compareTo(amount) >= 0;
        }

        @Override
        public String description() {
            return "net spend at least " + amount + " within the last " + Checks.humanDuration(window);
        }

        @Override
        public String evidence(CustomerProfile profile, Instant asOf) {
            checkArguments(profile, asOf);
            return "net spend " + spent(profile, asOf) + " within " + Checks.humanDuration(window) + " before asOf "
                    + asOf + " >= " + amount;
        }
    }

    /**
     * The latest NPS answer compared with a score: at least the score, or at most the score (a profile without an
     * answer, -1, is never at most).
     */
    interface NpsBound extends Condition, DataCondition, ColumnCondition {
        /** {@return the score the latest answer is compared with} */
        int score();

        /** {@return whether the answer must be at most the score rather than at least} */
        boolean atMost();

        private boolean holds(int lastNpsScore) {
            return atMost() ? lastNpsScore >= 0 && lastNpsScore <= score() : lastNpsScore >= score();
        }

        @Override
        default ConditionSpec toSpec() {
            return (atMost() ? ConditionKind.NPS_AT_MOST : ConditionKind.NPS_AT_LEAST).spec(String.valueOf(score()));
        }

        @Override
        default Optional<Set<EventType>> eventTypesRead() {
            return Optional.of(CustomerProfile.Fact.NPS.eventTypes());
        }

        @Override
        default void needs(FactNeeds needs) {
            needs.nps();
        }

        @Override
        default boolean test(ProfileTable table, int row, long asOfSecond, int asOfNano) {
            return holds(table.lastNps[row]);
        }

        @Override
        default boolean test(CustomerProfile profile, Instant asOf) {
            checkArguments(profile, asOf);
            return holds(profile.lastNpsScore);
        }

        @Override
        default String description() {
            return "latest NPS answer " + (atMost() ? "at most " : "at least ") + score();
        }

        @Override
        default String evidence(CustomerProfile profile, Instant asOf) {
            checkArguments(profile, asOf);
            return "lastNpsScore " + profile.lastNpsScore + (atMost() ? " <= " : " >= ") + score();
        }
    }

    record NpsAtLeast(int score) implements NpsBound {
        NpsAtLeast {
            Checks.npsScore(score, "score");
        }

        @Override
        public boolean atMost() {
            return false;
        }
    }

    record NpsAtMost(int score) implements NpsBound {
        NpsAtMost {
            Checks.npsScore(score, "score");
        }

        @Override
        public boolean atMost() {
            return true;
        }
    }

    enum LoyaltyMember implements Condition, DataCondition, ColumnCondition {
        INSTANCE;

        @Override
        public ConditionSpec toSpec() {
            return ConditionKind.LOYALTY_MEMBER.spec();
        }

        @Override
        public Optional<Set<EventType>> eventTypesRead() {
            return Optional.of(CustomerProfile.Fact.LOYALTY.eventTypes());
        }

        @Override
        public void needs(FactNeeds needs) {
            needs.count(EventType.LOYALTY_ENROLMENT);
        }

        @Override
        public boolean test(ProfileTable table, int row, long asOfSecond, int asOfNano) {
            return table.count(LOYALTY, row) > 0;
        }

        @Override
        public boolean test(CustomerProfile profile, Instant asOf) {
            checkArguments(profile, asOf);
            return profile.isLoyaltyMember();
        }

        @Override
        public String description() {
            return "loyalty programme member";
        }

        @Override
        public String evidence(CustomerProfile profile, Instant asOf) {
            checkArguments(profile, asOf);
            return "loyalty member"
                    + profile.loyaltyEnrolledAt().map(at -> " since " + at).orElse("");
        }
    }

    record AttributeCompare(String name, Condition.Comparison comparison, double value)
            implements Condition, DataCondition {
        AttributeCompare {
            requireNonNull(name, "attribute name");
            requireNonNull(comparison, "comparison");
            Checks.id(name, "attribute name");
            Checks.finite(value, "value");
        }

        @Override
        public ConditionSpec toSpec() {
            return ConditionKind.ATTRIBUTE.spec(name, comparison.name(), String.valueOf(value));
        }

        @Override
        public Optional<Set<EventType>> eventTypesRead() {
            return Optional.of(CustomerProfile.Fact.ATTRIBUTES.eventTypes());
        }

        @Override
        public boolean test(CustomerProfile profile, Instant asOf) {
            checkArguments(profile, asOf);
            Double actual = profile.attributes.get(name);
            return actual != null && comparison.test(actual, value);
        }

        @Override
        public String description() {
            return "attribute '" + name + "' " + comparison.symbol() + " " + value;
        }

        @Override
        public String evidence(CustomerProfile profile, Instant asOf) {
            checkArguments(profile, asOf);
            return "attribute '" + name + "' " + profile.attributes.get(name) + " " + comparison.symbol() + " " + value;
        }
    }

    record Custom(String name, BiPredicate<CustomerProfile, Instant> predicate) implements Condition, DataCondition {
        Custom {
            requireNonNull(name, "name");
            requireNonNull(predicate, "predicate");
            Checks.text(name, "name");
        }

        @Override
        public ConditionSpec toSpec() {
            return ConditionKind.CUSTOM.spec(name);
        }

        @Override
        public boolean test(CustomerProfile profile, Instant asOf) {
            checkArguments(profile, asOf);
            return predicate.test(profile, asOf);
        }

        @Override
        public String description() {
            return name;
        }

        @Override
        public String evidence(CustomerProfile profile, Instant asOf) {
            checkArguments(profile, asOf);
            return name;
        }
    }

    /** All of the conditions ({@code all-of}) or any of them ({@code any-of}). */
    record Combination(ConditionKind kind, List<Condition> conditions)
            implements Condition, TimeSensitive, ColumnCondition, DataCondition {
        Combination {
            requireNonNull(kind, "kind");
            conditions = List.copyOf(conditions);
            if (conditions.isEmpty()) {
                throw new IllegalArgumentException(
                        (all(kind) ? "allOf" : "anyOf") + " needs at least one condition but got none");
            }
        }

        private static boolean all(ConditionKind kind) {
            return kind == ConditionKind.ALL_OF;
        }

        @Override
        public ConditionSpec toSpec() {
            return kind.spec(conditions);
        }

        @Override
        public Optional<Set<EventType>> eventTypesRead() {
            return eventTypesReadByAll(conditions);
        }

        @Override
        public boolean readsColumns() {
            return Conditions.readColumns(conditions);
        }

        @Override
        public void needs(FactNeeds needs) {
            for (Condition condition : conditions) {
                ((ColumnCondition) condition).needs(needs);
            }
        }

        /** All of: false at the first part that fails. Any of: true at the first part that holds. */
        @Override
        public boolean test(ProfileTable table, int row, long asOfSecond, int asOfNano) {
            boolean all = all(kind);
            for (Condition condition : conditions) {
                if (((ColumnCondition) condition).test(table, row, asOfSecond, asOfNano) != all) {
                    return !all;
                }
            }
            return all;
        }

        @Override
        public long nextChangeAfter(CustomerProfile profile, long afterNanos) {
            requireNonNull(profile, "profile");
            return nextChangeOfAny(conditions, profile, afterNanos);
        }

        @Override
        public long nextChangeAfter(ProfileTable table, int row, long afterNanos) {
            long next = Long.MAX_VALUE;
            for (Condition condition : conditions) {
                next = Math.min(next, ((ColumnCondition) condition).nextChangeAfter(table, row, afterNanos));
            }
            return next;
        }

        @Override
        public boolean test(CustomerProfile profile, Instant asOf) {
            checkArguments(profile, asOf);
            boolean all = all(kind);
            for (Condition condition : conditions) {
                if (condition.test(profile, asOf) != all) {
                    return !all;
                }
            }
            return all;
        }

        @Override
        public String description() {
            return conditions.stream()
                    .map(Condition::description)
                    .collect(Collectors.joining(all(kind) ? " and " : " or ", "(", ")"));
        }

        /** All of: the evidence of every part. Any of: the evidence of the parts that hold. */
        @Override
        public String evidence(CustomerProfile profile, Instant asOf) {
            checkArguments(profile, asOf);
            boolean all = all(kind);
            return conditions.stream()
                    .filter(c -> all || c.test(profile, asOf))
                    .map(c -> c.evidence(profile, asOf))
                    .collect(Collectors.joining(all ? " and " : " or "));
        }
    }

    record Not(Condition condition) implements Condition, DataCondition, TimeSensitive, ColumnCondition {
        Not {
            requireNonNull(condition, "condition");
        }

        @Override
        public ConditionSpec toSpec() {
            return ConditionKind.NOT.spec(List.of(condition));
        }

        @Override
        public Optional<Set<EventType>> eventTypesRead() {
            return condition.eventTypesRead();
        }

        @Override
        public boolean readsColumns() {
            return Conditions.readColumns(List.of(condition));
        }

        @Override
        public void needs(FactNeeds needs) {
            ((ColumnCondition) condition).needs(needs);
        }

        @Override
        public boolean test(ProfileTable table, int row, long asOfSecond, int asOfNano) {
            return !((ColumnCondition) condition).test(table, row, asOfSecond, asOfNano);
        }

        @Override
        public long nextChangeAfter(CustomerProfile profile, long afterNanos) {
            requireNonNull(profile, "profile");
            return condition instanceof TimeSensitive timed
                    ? timed.nextChangeAfter(profile, afterNanos)
                    : Long.MAX_VALUE;
        }

        @Override
        public long nextChangeAfter(ProfileTable table, int row, long afterNanos) {
            return ((ColumnCondition) condition).nextChangeAfter(table, row, afterNanos);
        }

        @Override
        public boolean test(CustomerProfile profile, Instant asOf) {
            checkArguments(profile, asOf);
            return !condition.test(profile, asOf);
        }

        @Override
        public String description() {
            return "not " + condition.description();
        }

        @Override
        public String evidence(CustomerProfile profile, Instant asOf) {
            checkArguments(profile, asOf);
            return "not " + condition.description();
        }
    }

    /**
     * At least {@code n} orders whose instants lie in {@code [asOf - window, asOf]}, as {@link EventWithin}'s window:
     * counted from the order instants a profile holds ({@link CustomerProfile#orderTimes()}) or a table row keeps,
     * both in time order, with one binary search for the first order in the window.
     */
    record OrdersWithin(int n, Duration window) implements Condition, DataCondition, TimeSensitive, ColumnCondition {
        OrdersWithin {
            Checks.nonNegative(n, "order count");
            Checks.positive(window, "window");
        }

        @Override
        public ConditionSpec toSpec() {
            return ConditionKind.ORDERS_WITHIN.spec(String.valueOf(n), ConditionKind.iso(window));
        }

        @Override
        public Optional<Set<EventType>> eventTypesRead() {
            return Optional.of(CustomerProfile.Fact.ORDERS.eventTypes());
        }

        @Override
        public void needs(FactNeeds needs) {
            needs.orders();
        }

        @Override
        public boolean test(ProfileTable table, int row, long asOfSecond, int asOfNano) {
            long[] orders = table.orderNanos;
            if (orders == null) {
                return n == 0;
            }
            Instant asOf = Instant.ofEpochSecond(asOfSecond, asOfNano);
            return OrderTimes.atLeastWithin(
                    orders,
                    table.ordersFrom(row),
                    table.ordersTo(row),
                    n,
                    OrderTimes.windowStart(asOf, window),
                    OrderTimes.windowEnd(asOf));
        }

        @Override
        public void mark(ProfileTable table, int from, int to, long asOfSecond, int asOfNano, int[] masks, int bit) {
            checkMark(table, masks);
            if (n == 0) {
                for (int row = from; row < to; row++) {
                    masks[row - from] |= bit;
                }
                return;
            }
            long[] orders = table.orderNanos;
            int[] ends = table.orderEnd;
            if (orders == null || ends == null) {
                return;
            }
            Instant asOf = Instant.ofEpochSecond(asOfSecond, asOfNano);
            long start = OrderTimes.windowStart(asOf, window);
            long end = OrderTimes.windowEnd(asOf);
            int first = table.ordersFrom(from);
            for (int row = from; row < to; row++) {
                int last = ends[row];
                // most rows have fewer orders than n: no search for them
                if (last - first >= n && OrderTimes.atLeastWithin(orders, first, last, n, start, end)) {
                    masks[row - from] |= bit;
                }
                first = last;
            }
        }

        /**
         * The next instant after {@code afterNanos} at which an order enters the window (its own instant) or leaves it
         * (one nanosecond after its instant plus the window); never, when fewer than {@code n} orders are held or
         * {@code n} is 0.
         */
        @Override
        public long nextChangeAfter(CustomerProfile profile, long afterNanos) {
            requireNonNull(profile, "profile");
            return nextChangeAfter(profile.orders, afterNanos);
        }

        @Override
        public long nextChangeAfter(ProfileTable table, int row, long afterNanos) {
            long[] orders = table.orderNanos;
            if (orders == null) {
                return Long.MAX_VALUE;
            }
            int from = table.ordersFrom(row);
            int to = table.ordersTo(row);
            return nextChangeAfter(
                    OrderTimes.view(java.util.Arrays.copyOfRange(orders, from, to), to - from), afterNanos);
        }

        private long nextChangeAfter(OrderTimes orders, long afterNanos) {
            if (n == 0 || orders.size() < n) {
                return Long.MAX_VALUE;
            }
            int entering = orders.firstAfter(afterNanos);
            long next = entering < orders.size() ? orders.nanosAt(entering) : Long.MAX_VALUE;
            long windowNanos;
            try {
                windowNanos = Math.addExact(window.toNanos(), 1);
            } catch (ArithmeticException longerThanTheTrackerStores) {
                return next;
            }
            // an order leaves once its instant plus the window lies before the instant: after afterNanos - windowNanos
            int leaving = orders.firstAfter(TrackerTime.minusSaturated(afterNanos, windowNanos));
            if (leaving < orders.size()) {
                long at = orders.nanosAt(leaving);
                if (at <= Long.MAX_VALUE - windowNanos) {
                    next = Math.min(next, at + windowNanos);
                }
            }
            return next;
        }

        @Override
        public boolean test(CustomerProfile profile, Instant asOf) {
            checkArguments(profile, asOf);
            return profile.orders.atLeastWithin(n, OrderTimes.windowStart(asOf, window), OrderTimes.windowEnd(asOf));
        }

        @Override
        public String description() {
            return "at least " + plural(n, "order") + " within the last " + Checks.humanDuration(window);
        }

        @Override
        public String evidence(CustomerProfile profile, Instant asOf) {
            checkArguments(profile, asOf);
            return "orders " + profile.ordersWithin(window, asOf) + " within " + Checks.humanDuration(window)
                    + " before asOf " + asOf + " >= " + n;
        }
    }
}
