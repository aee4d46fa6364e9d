package dev.lifecycle.rfm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How many customers moved from each segment at one instant to each segment at another: the migration matrix
 * marketers read to see whether campaigns work.
 *
 * <p>Rows are the earlier segmentation's names (its map's segments, then others), then {@link #NONE} for customers
 * only the later one has (new customers); columns are the later segmentation's names, then {@link #NONE} for customers
 * only the earlier one has. Customers are matched by id. So each row but the last sums to its segment's customers in
 * the earlier table, each column but the last to its segment's customers in the later one, and the total is the
 * customers of either.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class SegmentMigration {
    /** The row and column of customers one of the two tables does not have. */
    public static final String NONE = "(none)";

    private final List<String> rows;
    private final List<String> columns;
    private final long[][] counts;

    private SegmentMigration(List<String> rows, List<String> columns, long[][] counts) {
        this.rows = rows;
        this.columns = columns;
        this.counts = counts;
    }

    /**
     * Counts the moves between two segmentations of the same customers at two instants (or under two scales).
     *
     * @param from the earlier segmentation
     * @param to the later one
     * @return the matrix
     * @throws NullPointerException if an argument is null
     */
    public static SegmentMigration between(Segmentation from, Segmentation to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        List<String> rows = with(from.map().names());
        List<String> columns = with(to.map().names());
        long[][] counts = new long[rows.size()][columns.size()];
        Map<String, Integer> later = new HashMap<>();
        for (int row = 0; row < to.size(); row++) {
            later.put(to.values().customerId(row), row);
        }
        boolean[] matched = new boolean[to.size()];
        for (int row = 0; row < from.size(); row++) {
            Integer other = later.get(from.values().customerId(row));
            int column = columns.size() - 1;
            if (other != null) {
                matched[other] = true;
                column = to.segmentIndex(other);
            }
            counts[from.segmentIndex(row)][column]++;
        }
        for (int row = 0; row < to.size(); row++) {
            if (!matched[row]) {
                counts[rows.size() - 1][to.segmentIndex(row)]++;
            }
        }
        return new SegmentMigration(rows, columns, counts);
    }

    private static List<String> with(List<String> names) {
        List<String> all = new ArrayList<>(names);
        all.add(NONE);
        return List.copyOf(all);
    }

    /** {@return the earlier segments' names, then {@link #NONE}} */
    public List<String> rows() {
        return rows;
    }

    /** {@return the later segments' names, then {@link #NONE}} */
    public List<String> columns() {
        return columns;
    }

    /**
     * Returns how many customers moved from one segment to another.
     *
     * @param fromSegment a name of {@link #rows()}
     * @param toSegment a name of {@link #columns()}
     * @return the customers in {@code fromSegment} at the earlier instant and in {@code toSegment} at the later
     * @throws IllegalArgumentException naming the segment when it is not a row or column
     */
    public long count(String fromSegment, String toSegment) {
        int row = rows.indexOf(fromSegment);
        int column = columns.indexOf(toSegment);
        if (row < 0 || column < 0) {
            throw new IllegalArgumentException("no segment \"" + (row < 0 ? fromSegment : toSegment) + "\" among the "
                    + (row < 0 ? "rows " + rows : "columns " + columns));
        }
        return counts[row][column];
    }

    /**
     * Returns the counts.
     *
     * @param row an index of {@link #rows()}
     * @param column an index of {@link #columns()}
     * @return the count
     * @throws IndexOutOfBoundsException if an index is out of range
     */
    public long count(int row, int column) {
        return counts[Objects.checkIndex(row, rows.size())][Objects.checkIndex(column, columns.size())];
    }

    /** {@return the customers who stayed in the same named segment (rows and columns of equal names, not NONE)} */
    public long stayed() {
        long stayed = 0;
        for (int row = 0; row < rows.size() - 1; row++) {
            int column = columns.indexOf(rows.get(row));
            if (column >= 0 && column < columns.size() - 1) {
                stayed += counts[row][column];
            }
        }
        return stayed;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof SegmentMigration other
                && rows.equals(other.rows)
                && columns.equals(other.columns)
                && Arrays.deepEquals(counts, other.counts);
    }

    @Override
    public int hashCode() {
        return Objects.hash(rows, columns, Arrays.deepHashCode(counts));
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("SegmentMigration[");
        for (int row = 0; row < rows.size(); row++) {
            text.append(row == 0 ? "" : "; ").append(rows.get(row)).append(": ").append(Arrays.toString(counts[row]));
        }
        return text.append(" over ").append(columns).append(']').toString();
    }
}
