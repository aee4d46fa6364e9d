package dev.lifecycle.core;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableMap;
import java.util.List;
import java.util.Map;

/**
 * The plain-data form of a {@link Condition}: a type name, its parameters as text, and nested conditions for the
 * combinators. Rules travel in this form to files, stream processors, reports and logs.
 *
 * <p>Types and parameters (durations in ISO-8601, such as {@code P180D}; event types by {@link EventType} name):
 *
 * <table>
 *   <caption>Condition types</caption>
 *   <tr><th>type</th><th>parameters</th><th>factory</th></tr>
 *   <tr><td>{@code orders-at-least}</td><td>{@code count}</td><td>{@link Condition#ordersAtLeast(long)}</td></tr>
 *   <tr><td>{@code referrals-at-least}</td><td>{@code count}</td><td>{@link Condition#referralsAtLeast(long)}</td></tr>
 *   <tr><td>{@code engaged}</td><td>{@code count}</td><td>{@link Condition#engaged(long)}</td></tr>
 *   <tr><td>{@code event-count-at-least}</td><td>{@code event}, {@code count}</td>
 *       <td>{@link Condition#eventCountAtLeast(EventType, long)}</td></tr>
 *   <tr><td>{@code custom-event-count-at-least}</td><td>{@code custom-type}, {@code count}</td>
 *       <td>{@link Condition#customEventCountAtLeast(String, long)}</td></tr>
 *   <tr><td>{@code no-purchase-for}</td><td>{@code duration}</td><td>{@link Condition#noPurchaseFor}</td></tr>
 *   <tr><td>{@code inactive-for}</td><td>{@code duration}</td><td>{@link Condition#inactiveFor}</td></tr>
 *   <tr><td>{@code event-within}</td><td>{@code event}, {@code window}</td><td>{@link Condition#eventWithin}</td></tr>
 *   <tr><td>{@code first-purchase-at-least-ago}</td><td>{@code duration}</td>
 *       <td>{@link Condition#firstPurchaseAtLeastAgo}</td></tr>
 *   <tr><td>{@code spent-at-least}</td><td>{@code amount}, {@code currency}, optional {@code window}</td>
 *       <td>{@link Condition#spentAtLeast(Money)}, {@link Condition#spentAtLeast(Money, java.time.Duration)}</td></tr>
 *   <tr><td>{@code orders-within}</td><td>{@code count}, {@code window}</td>
 *       <td>{@link Condition#ordersWithin(int, java.time.Duration)}</td></tr>
 *   <tr><td>{@code nps-at-least}</td><td>{@code score}</td><td>{@link Condition#npsAtLeast(int)}</td></tr>
 *   <tr><td>{@code nps-at-most}</td><td>{@code score}</td><td>{@link Condition#npsAtMost(int)}</td></tr>
 *   <tr><td>{@code loyalty-member}</td><td>none</td><td>{@link Condition#loyaltyMember()}</td></tr>
 *   <tr><td>{@code attribute}</td><td>{@code name}, {@code comparison}, {@code value}</td>
 *       <td>{@link Condition#attribute(String, Condition.Comparison, double)}</td></tr>
 *   <tr><td>{@code custom}</td><td>{@code name}</td><td>looked up in a {@link ConditionRegistry}</td></tr>
 *   <tr><td>{@code all-of}, {@code any-of}</td><td>nested conditions</td><td>{@link Condition#allOf}, {@link
 *       Condition#anyOf}</td></tr>
 *   <tr><td>{@code not}</td><td>one nested condition</td><td>{@link Condition#not(Condition)}</td></tr>
 * </table>
 *
 * <p>Other modules add types of their own ({@link ConditionType}, registered in a {@link ConditionRegistry}), such as
 * the predictive conditions of {@code lifecycle-predict}; their parameters are text too.
 *
 * @param type the condition type, such as {@code orders-at-least}
 * @param parameters the parameters by name, as text, in a stable order
 * @param conditions the nested conditions of {@code all-of}, {@code any-of} and {@code not}; empty for other types
 */
public record ConditionSpec(String type, Map<String, String> parameters, List<ConditionSpec> conditions) {

    /**
     * Copies the parameters and nested conditions; they are checked by {@link #toCondition(ConditionRegistry)}.
     *
     * @param type the condition type
     * @param parameters the parameters by name
     * @param conditions the nested conditions
     * @throws NullPointerException if an argument, a key, a value or a nested condition is null
     */
    public ConditionSpec {
        requireNonNull(type, "type");
        parameters = ImmutableMap.copyOf(requireNonNull(parameters, "parameters"));
        conditions = List.copyOf(requireNonNull(conditions, "conditions"));
    }

    /**
     * Returns the data form of a condition built by the factories of {@link Condition}, of a condition made with
     * {@link Condition#custom(String, java.util.function.BiPredicate)} (by its name, to be looked up in a registry), or
     * of any other {@link DataCondition}, such as those of a registered {@link ConditionType}.
     *
     * @param condition the condition
     * @return its data form
     * @throws NullPointerException if {@code condition} is null
     * @throws IllegalArgumentException if the condition is a plain lambda or class of the application's own, which has
     *     no data form; wrap it with {@link Condition#custom(String, java.util.function.BiPredicate)}
     */
    public static ConditionSpec of(Condition condition) {
        return ConditionSpecs.toSpec(requireNonNull(condition, "condition"));
    }

    /**
     * Builds the condition this data describes.
     *
     * @param registry where {@code custom} conditions are looked up by name and other types by type name
     * @return the condition
     * @throws NullPointerException if {@code registry} is null
     * @throws SpecException listing every problem found, each with its path inside this condition
     */
    public Condition toCondition(ConditionRegistry registry) {
        requireNonNull(registry, "registry");
        SpecProblems problems = new SpecProblems();
        Condition condition = ConditionSpecs.toCondition(this, registry, "condition", problems);
        problems.throwIfAny("condition");
        return requireNonNull(condition, "a condition is missing only after a problem was recorded");
    }
}
