package dev.lifecycle.metrics.report;

import static java.util.Objects.requireNonNull;

import dev.lifecycle.metrics.internal.Checks;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A bar chart of a {@link ReportSection}: one row per label, one bar per series in each row (a histogram has one
 * series; "predicted" against "actual" has two), drawn to one scale, with a table of the same figures beside it.
 * Values are finite and not negative; they are printed with a chosen number of decimals. Instances are immutable and
 * thread-safe.
 */
public final class ReportChart {
    /** The most rows a chart may have: more do not read as bars. */
    public static final int MAX_LABELS = 200;
    /** The most series a chart may have: each has its own colour. */
    public static final int MAX_SERIES = 4;
    /** The most decimals a figure may be printed with. */
    public static final int MAX_DECIMALS = 6;

    private final String title;
    private final List<String> series;
    private final List<String> labels;
    private final List<List<Double>> values;
    private final int decimals;

    private ReportChart(
            String title, List<String> series, List<String> labels, List<List<Double>> values, int decimals) {
        this.title = title;
        this.series = series;
        this.labels = labels;
        this.values = values;
        this.decimals = decimals;
    }

    /**
     * Returns a chart.
     *
     * @param title what the chart shows, not blank
     * @param series the names of the series, 1 to {@link #MAX_SERIES}, not blank
     * @param labels the rows' labels, 1 to {@link #MAX_LABELS}, not blank
     * @param values for each row, one value per series
     * @param decimals how many decimals the figures are printed with, 0 to {@link #MAX_DECIMALS}
     * @return the chart
     * @throws NullPointerException if an argument or an element is null
     * @throws IllegalArgumentException if a count is outside its range, a name blank, a row has not one value per
     *     series, or a value is negative or not finite
     */
    public static ReportChart of(
            String title, List<String> series, List<String> labels, List<List<Double>> values, int decimals) {
        requireNonNull(title, "title");
        requireNonNull(series, "series");
        requireNonNull(labels, "labels");
        requireNonNull(values, "values");
        Checks.nonBlank(title, "chart title");
        List<String> seriesCopy = names(series, "series", MAX_SERIES);
        List<String> labelsCopy = names(labels, "labels", MAX_LABELS);
        if (values.size() != labelsCopy.size()) {
            throw new IllegalArgumentException("chart '" + title + "' needs one row of values per label ("
                    + labelsCopy.size() + ") but has " + values.size());
        }
        List<List<Double>> rows = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            List<Double> row = List.copyOf(requireNonNull(values.get(i), "values[" + i + "]"));
            if (row.size() != seriesCopy.size()) {
                throw new IllegalArgumentException("chart '" + title + "' row '" + labelsCopy.get(i) + "' needs one"
                        + " value per series (" + seriesCopy.size() + ") but has " + row.size());
            }
            for (double value : row) {
                if (!(value >= 0 && value < Double.POSITIVE_INFINITY)) {
                    throw new IllegalArgumentException("chart '" + title + "' row '" + labelsCopy.get(i)
                            + "': values must be finite and not negative but was " + value);
                }
            }
            rows.add(row);
        }
        if (decimals < 0 || decimals > MAX_DECIMALS) {
            throw new IllegalArgumentException(
                    "decimals must be between 0 and " + MAX_DECIMALS + " but was " + decimals);
        }
        return new ReportChart(title, seriesCopy, labelsCopy, List.copyOf(rows), decimals);
    }

    private static List<String> names(List<String> names, String what, int max) {
        List<String> copy = List.copyOf(names);
        if (copy.isEmpty() || copy.size() > max) {
            throw new IllegalArgumentException(what + " must number 1 to " + max + " but were " + copy.size());
        }
        for (String name : copy) {
            Checks.nonBlank(name, what + " name");
        }
        return copy;
    }

    /** {@return what the chart shows} */
    public String title() {
        return title;
    }

    /** {@return the names of the series} */
    public List<String> series() {
        return series;
    }

    /** {@return the rows' labels} */
    public List<String> labels() {
        return labels;
    }

    /** {@return for each row, one value per series} */
    public List<List<Double>> values() {
        return values;
    }

    /** {@return how many decimals the figures are printed with} */
    public int decimals() {
        return decimals;
    }

    /** {@return the largest value, the scale's end; 0 when every value is} */
    double max() {
        double max = 0;
        for (List<Double> row : values) {
            for (double value : row) {
                max = Math.max(max, value);
            }
        }
        return max;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof ReportChart other
                && title.equals(other.title)
                && series.equals(other.series)
                && labels.equals(other.labels)
                && values.equals(other.values)
                && decimals == other.decimals;
    }

    @Override
    public int hashCode() {
        return Objects.hash(title, series, labels, values, decimals);
    }

    @Override
    public String toString() {
        return "ReportChart{" + title + ", series=" + series + ", " + labels.size() + " rows}";
    }
}
