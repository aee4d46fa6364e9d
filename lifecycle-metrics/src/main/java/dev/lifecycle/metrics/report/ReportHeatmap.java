package dev.lifecycle.metrics.report;

import static java.util.Objects.requireNonNull;

import dev.lifecycle.metrics.internal.Checks;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A table of counts of a {@link ReportSection} shaded as a heatmap, each cell by its share of its row: a migration
 * matrix, where a row is where customers were and each cell where they went. Counts are whole and not negative; each
 * cell can also print its share of its row ({@link #withRowShares(boolean)}). Instances are immutable and thread-safe.
 */
public final class ReportHeatmap {
    /** The most rows or columns a heatmap may have. */
    public static final int MAX_LABELS = 100;

    private final String title;
    private final String corner;
    private final List<String> rows;
    private final List<String> columns;
    private final List<List<Long>> counts;
    private final boolean rowShares;

    private ReportHeatmap(
            String title,
            String corner,
            List<String> rows,
            List<String> columns,
            List<List<Long>> counts,
            boolean rowShares) {
        this.title = title;
        this.corner = corner;
        this.rows = rows;
        this.columns = columns;
        this.counts = counts;
        this.rowShares = rowShares;
    }

    /**
     * Returns a heatmap whose cells print their counts only.
     *
     * @param title what the table shows, not blank
     * @param corner the header of the row labels' column, such as {@code "from \ to"}, not blank
     * @param rows the rows' labels, 1 to {@link #MAX_LABELS}, not blank
     * @param columns the columns' labels, 1 to {@link #MAX_LABELS}, not blank
     * @param counts for each row, one count per column
     * @return the heatmap
     * @throws NullPointerException if an argument or an element is null
     * @throws IllegalArgumentException if a count of labels is outside its range, a label is blank, a row has not one
     *     count per column, or a count is negative
     */
    public static ReportHeatmap of(
            String title, String corner, List<String> rows, List<String> columns, List<List<Long>> counts) {
        requireNonNull(title, "title");
        requireNonNull(corner, "corner");
        requireNonNull(counts, "counts");
        Checks.nonBlank(title, "heatmap title");
        Checks.nonBlank(corner, "heatmap corner");
        List<String> rowLabels = labels(rows, "rows");
        List<String> columnLabels = labels(columns, "columns");
        if (counts.size() != rowLabels.size()) {
            throw new IllegalArgumentException("heatmap '" + title + "' needs one row of counts per row label ("
                    + rowLabels.size() + ") but has " + counts.size());
        }
        List<List<Long>> copy = new ArrayList<>();
        for (int i = 0; i < counts.size(); i++) {
            List<Long> row = List.copyOf(requireNonNull(counts.get(i), "counts[" + i + "]"));
            if (row.size() != columnLabels.size()) {
                throw new IllegalArgumentException("heatmap '" + title + "' row '" + rowLabels.get(i)
                        + "' needs one count per column (" + columnLabels.size() + ") but has " + row.size());
            }
            for (long count : row) {
                if (count < 0) {
                    throw new IllegalArgumentException("heatmap '" + title + "' row '" + rowLabels.get(i)
                            + "': counts must not be negative but was " + count);
                }
            }
            copy.add(row);
        }
        return new ReportHeatmap(title, corner, rowLabels, columnLabels, List.copyOf(copy), false);
    }

    private static List<String> labels(List<String> labels, String what) {
        List<String> copy = List.copyOf(requireNonNull(labels, what));
        if (copy.isEmpty() || copy.size() > MAX_LABELS) {
            throw new IllegalArgumentException(what + " must number 1 to " + MAX_LABELS + " but were " + copy.size());
        }
        for (String label : copy) {
            Checks.nonBlank(label, what + " label");
        }
        return copy;
    }

    /** {@return what the table shows} */
    public String title() {
        return title;
    }

    /** {@return the header of the row labels' column} */
    public String corner() {
        return corner;
    }

    /** {@return the rows' labels} */
    public List<String> rows() {
        return rows;
    }

    /** {@return the columns' labels} */
    public List<String> columns() {
        return columns;
    }

    /** {@return for each row, one count per column} */
    public List<List<Long>> counts() {
        return counts;
    }

    /** {@return whether each cell prints its share of its row under its count} */
    public boolean rowSharesShown() {
        return rowShares;
    }

    /**
     * Returns this heatmap with each cell's share of its row printed under its count, or not.
     *
     * @param shown whether the shares are printed; a row without counts prints {@code n/a}
     * @return the heatmap, otherwise the same
     */
    public ReportHeatmap withRowShares(boolean shown) {
        return new ReportHeatmap(title, corner, rows, columns, counts, shown);
    }

    /** {@return a row's total, which its cells are shaded against} */
    long rowTotal(int row) {
        long total = 0;
        for (long count : counts.get(row)) {
            total = Math.addExact(total, count);
        }
        return total;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof ReportHeatmap other
                && title.equals(other.title)
                && corner.equals(other.corner)
                && rows.equals(other.rows)
                && columns.equals(other.columns)
                && counts.equals(other.counts)
                && rowShares == other.rowShares;
    }

    @Override
    public int hashCode() {
        return Objects.hash(title, corner, rows, columns, counts, rowShares);
    }

    @Override
    public String toString() {
        return "ReportHeatmap{" + title + ", " + rows.size() + " x " + columns.size() + "}";
    }
}
