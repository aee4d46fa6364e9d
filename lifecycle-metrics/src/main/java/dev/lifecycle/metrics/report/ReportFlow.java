package dev.lifecycle.metrics.report;

import static java.util.Objects.requireNonNull;

import dev.lifecycle.core.MoveMatrix;
import dev.lifecycle.metrics.internal.Checks;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A flow chart of a {@link ReportSection}: how many customers went from each label at one instant to each label at a
 * later one (a {@link MoveMatrix}, such as the stage flow or RFM's segment migration), drawn Sankey-style, then the
 * same counts as a {@link ReportHeatmap} whose cells print their share of their row.
 *
 * <p>In the chart the rows' labels are a column of nodes on the left, under {@link #fromHeading()}, and the columns'
 * labels one on the right, under {@link #toHeading()}; each node is as tall as its customers, all to one scale, and
 * each cell with customers is a band from its row's node to its column's node, as thick as its count. Labels without
 * customers on a side have no node there (they keep their row or column in the matrix). Instances are immutable and
 * thread-safe.
 */
public final class ReportFlow {
    private final String fromHeading;
    private final String toHeading;
    private final ReportHeatmap matrix;

    private ReportFlow(String fromHeading, String toHeading, ReportHeatmap matrix) {
        this.fromHeading = fromHeading;
        this.toHeading = toHeading;
        this.matrix = matrix;
    }

    /**
     * Returns the flow chart of a move matrix.
     *
     * @param title what the chart shows, not blank
     * @param fromHeading the heading of the left column, the earlier instant, such as {@code "1997-06-30"}; not blank
     * @param toHeading the heading of the right column, the later instant; not blank
     * @param flow the customers by label on each side: rows on the left, columns on the right
     * @return the chart
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if a text is blank, or the matrix has more than {@link ReportHeatmap#MAX_LABELS}
     *     rows or columns
     */
    public static ReportFlow of(String title, String fromHeading, String toHeading, MoveMatrix flow) {
        requireNonNull(title, "title");
        requireNonNull(fromHeading, "fromHeading");
        requireNonNull(toHeading, "toHeading");
        requireNonNull(flow, "flow");
        Checks.nonBlank(fromHeading, "flow fromHeading");
        Checks.nonBlank(toHeading, "flow toHeading");
        List<List<Long>> counts = new ArrayList<>();
        for (int row = 0; row < flow.rows().size(); row++) {
            List<Long> cells = new ArrayList<>();
            for (int column = 0; column < flow.columns().size(); column++) {
                cells.add(flow.count(row, column));
            }
            counts.add(cells);
        }
        ReportHeatmap matrix = ReportHeatmap.of(
                        title, fromHeading + " \\ " + toHeading, flow.rows(), flow.columns(), counts)
                .withRowShares(true);
        return new ReportFlow(fromHeading, toHeading, matrix);
    }

    /** {@return what the chart shows} */
    public String title() {
        return matrix.title();
    }

    /** {@return the heading of the left column} */
    public String fromHeading() {
        return fromHeading;
    }

    /** {@return the heading of the right column} */
    public String toHeading() {
        return toHeading;
    }

    /** {@return the counts as the heatmap shown under the chart, titled as the chart, with row shares} */
    public ReportHeatmap matrix() {
        return matrix;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof ReportFlow other
                && fromHeading.equals(other.fromHeading)
                && toHeading.equals(other.toHeading)
                && matrix.equals(other.matrix);
    }

    @Override
    public int hashCode() {
        return Objects.hash(fromHeading, toHeading, matrix);
    }

    @Override
    public String toString() {
        return "ReportFlow{" + title() + ", " + fromHeading + " to " + toHeading + ", "
                + matrix.rows().size() + " x " + matrix.columns().size() + "}";
    }
}
