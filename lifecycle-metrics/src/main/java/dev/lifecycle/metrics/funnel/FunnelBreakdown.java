package dev.lifecycle.metrics.funnel;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * An event funnel split into groups by a property: one {@link FunnelAnalysis} per value. The {@code limit} values with
 * the most customers who entered (excluded ones too; ties by value) keep their own group, largest first; the rest are
 * merged into one group named {@link #OTHER}, last. A missing value (null) is the group {@link #NO_VALUE}. The groups
 * together hold every customer who entered, once. Instances are immutable and thread-safe.
 */
public final class FunnelBreakdown {
    /** The name of the group that merges the values beyond the limit. */
    public static final String OTHER = "(other)";

    /** The name of the group of customers whose property has no value. */
    public static final String NO_VALUE = "(none)";

    /** Which event of a customer's chain gives the property of an event breakdown. */
    public enum Touch {
        /** The entry event: first-touch attribution. */
        FIRST,
        /** The event of the furthest step the customer's chain reached: last-touch attribution. */
        LAST
    }

    /**
     * One group of a breakdown.
     *
     * @param value the property's value, {@link #NO_VALUE} or {@link #OTHER}
     * @param analysis the funnel of the group's customers
     */
    public record Group(String value, FunnelAnalysis analysis) {
        /**
         * Validates the group.
         *
         * @param value the property's value
         * @param analysis the funnel of the group's customers
         * @throws NullPointerException if an argument is null
         */
        public Group {
            requireNonNull(value, "value");
            requireNonNull(analysis, "analysis");
        }
    }

    private final List<Group> groups;

    private FunnelBreakdown(List<Group> groups) {
        this.groups = groups;
    }

    /** Checks a breakdown's limit. */
    static void checkLimit(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be 1 or more but was " + limit);
        }
    }

    /** The breakdown of the analyses by value, the values beyond {@code limit} merged. */
    static FunnelBreakdown of(
            Map<String, FunnelAnalysis> byValue, int limit, Function<List<FunnelAnalysis>, FunnelAnalysis> merge) {
        List<Map.Entry<String, FunnelAnalysis>> ranked = new ArrayList<>(byValue.entrySet());
        ranked.sort(Comparator.comparing(
                        (Map.Entry<String, FunnelAnalysis> e) -> e.getValue().customerCount())
                .reversed()
                .thenComparing(Map.Entry::getKey));
        List<Group> groups = new ArrayList<>();
        List<FunnelAnalysis> rest = new ArrayList<>();
        for (Map.Entry<String, FunnelAnalysis> entry : ranked) {
            if (groups.size() < limit) {
                groups.add(new Group(entry.getKey(), entry.getValue()));
            } else {
                rest.add(entry.getValue());
            }
        }
        if (!rest.isEmpty()) {
            groups.add(new Group(OTHER, merge.apply(rest)));
        }
        return new FunnelBreakdown(List.copyOf(groups));
    }

    /** {@return the groups, largest first, {@link #OTHER} last when there is one} */
    public List<Group> groups() {
        return groups;
    }

    /**
     * Returns a group's analysis.
     *
     * @param value a value, {@link #NO_VALUE} or {@link #OTHER}
     * @return its analysis, or empty when no group has that value
     * @throws NullPointerException if {@code value} is null
     */
    public Optional<FunnelAnalysis> group(String value) {
        requireNonNull(value, "value");
        return groups.stream()
                .filter(g -> g.value().equals(value))
                .map(Group::analysis)
                .findFirst();
    }

    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        for (Group group : groups) {
            parts.add(group.value() + "="
                    + group.analysis().funnel().steps().stream()
                            .map(FunnelStep::count)
                            .toList());
        }
        StringBuilder text = new StringBuilder("FunnelBreakdown{").append(String.join(", ", parts));
        return text.append('}').toString();
    }
}
