package dev.lifecycle.core;

import static dev.lifecycle.core.Generators.between;
import static dev.lifecycle.core.Generators.chance;
import static dev.lifecycle.core.Generators.pick;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.quicktheories.core.RandomnessSource;

/**
 * The one generator of built-in conditions for the property tests: it draws a {@link ConditionKind} from the table
 * of kinds and builds a condition of it, so a kind added to the table without a case here does not compile (the
 * switch over the kinds has no default). How the parameters are drawn is up to the caller ({@link Parameters}).
 */
final class ConditionGenerators {
    private static final List<ConditionKind> LEAVES = Arrays.stream(ConditionKind.values())
            .filter(kind -> kind.nesting() == ConditionKind.Nesting.NONE)
            .toList();
    private static final List<ConditionKind> ALL = List.of(ConditionKind.values());
    private static final List<EventType> TYPES = List.of(EventType.values());
    private static final List<Condition.Comparison> COMPARISONS = List.of(Condition.Comparison.values());

    private ConditionGenerators() {}

    /** How the parameters of generated conditions are drawn. */
    interface Parameters {
        long count(RandomnessSource in);

        Duration duration(RandomnessSource in);

        Money amount(RandomnessSource in);

        double attributeValue(RandomnessSource in);

        /** A custom condition that the tests' registry holds by its name. */
        Condition custom(RandomnessSource in);
    }

    /**
     * Parameters that conditions on generated profiles can meet: small counts, durations within the generated years,
     * amounts in US dollars, the custom condition "visited twice".
     */
    static final Parameters ORDINARY = new Parameters() {
        @Override
        public long count(RandomnessSource in) {
            return between(in, 0, 4);
        }

        @Override
        public Duration duration(RandomnessSource in) {
            return chance(in, 80)
                    ? Duration.ofDays(between(in, 1, 400))
                    : Duration.ofSeconds(between(in, 1, 10_000_000));
        }

        @Override
        public Money amount(RandomnessSource in) {
            return Generators.usd(in, 1, 100_000);
        }

        @Override
        public double attributeValue(RandomnessSource in) {
            return between(in, -20, 20) / 2.0;
        }

        @Override
        public Condition custom(RandomnessSource in) {
            return Condition.custom("visited twice", Generators.VISITED_TWICE);
        }
    };

    /** A random built-in condition of any kind; combinators nest up to {@code depth} levels. */
    static Condition condition(RandomnessSource in, int depth) {
        return condition(in, depth, ORDINARY);
    }

    /** A random built-in condition of any kind drawn with {@code p}; combinators nest up to {@code depth} levels. */
    static Condition condition(RandomnessSource in, int depth, Parameters p) {
        ConditionKind kind = pick(in, depth > 0 ? ALL : LEAVES);
        return switch (kind) {
            case ORDERS_AT_LEAST ->
                switch (between(in, 0, 2)) {
                    case 0 -> Condition.firstPurchase();
                    case 1 -> Condition.secondPurchase();
                    default -> Condition.ordersAtLeast(p.count(in));
                };
            case REFERRALS_AT_LEAST -> Condition.referralsAtLeast(p.count(in));
            case ENGAGED -> Condition.engaged(p.count(in));
            case EVENT_COUNT_AT_LEAST -> Condition.eventCountAtLeast(pick(in, TYPES), p.count(in));
            case CUSTOM_EVENT_COUNT_AT_LEAST ->
                Condition.customEventCountAtLeast(pick(in, Generators.CUSTOM_TYPES), p.count(in));
            case NO_PURCHASE_FOR -> Condition.noPurchaseFor(p.duration(in));
            case INACTIVE_FOR -> Condition.inactiveFor(p.duration(in));
            case EVENT_WITHIN -> Condition.eventWithin(pick(in, TYPES), p.duration(in));
            case FIRST_PURCHASE_AT_LEAST_AGO -> Condition.firstPurchaseAtLeastAgo(p.duration(in));
            case SPENT_AT_LEAST ->
                chance(in, 50)
                        ? Condition.spentAtLeast(p.amount(in))
                        : Condition.spentAtLeast(p.amount(in), p.duration(in));
            // the count of an int parameter: a drawn count past the int range becomes the largest int
            case ORDERS_WITHIN ->
                Condition.ordersWithin((int) Math.min(p.count(in), Integer.MAX_VALUE), p.duration(in));
            case NPS_AT_LEAST -> Condition.npsAtLeast(between(in, 0, 10));
            case NPS_AT_MOST -> Condition.npsAtMost(between(in, 0, 10));
            case LOYALTY_MEMBER -> Condition.loyaltyMember();
            case ATTRIBUTE ->
                Condition.attribute(pick(in, Generators.ATTRIBUTES), pick(in, COMPARISONS), p.attributeValue(in));
            case CUSTOM -> p.custom(in);
            case ALL_OF ->
                chance(in, 50)
                        ? Condition.allOf(children(in, depth - 1, p))
                        : condition(in, depth - 1, p).and(condition(in, depth - 1, p));
            case ANY_OF ->
                chance(in, 50)
                        ? Condition.anyOf(children(in, depth - 1, p))
                        : condition(in, depth - 1, p).or(condition(in, depth - 1, p));
            case NOT ->
                chance(in, 50)
                        ? Condition.not(condition(in, depth - 1, p))
                        : condition(in, depth - 1, p).negate();
        };
    }

    private static Condition[] children(RandomnessSource in, int depth, Parameters p) {
        Condition[] children = new Condition[between(in, 1, 3)];
        for (int i = 0; i < children.length; i++) {
            children[i] = condition(in, depth, p);
        }
        return children;
    }
}
