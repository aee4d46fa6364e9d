package dev.lifecycle.rfm;

import dev.lifecycle.core.MoveMatrix;
import java.util.List;
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
    /** The row and column of customers one of the two tables does not have: {@link MoveMatrix#NONE}. */
    public static final String NONE = MoveMatrix.NONE;

    private final MoveMatrix matrix;

    private SegmentMigration(MoveMatrix matrix) {
        this.matrix = matrix;
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
        return new SegmentMigration(
                MoveMatrix.between(from.map().names(), side(from), to.map().names(), side(to)));
    }

    private static MoveMatrix.Side side(Segmentation segmentation) {
        return new MoveMatrix.Side() {
            @Override
            public int size() {
                return segmentation.size();
            }

            @Override
            public String customerId(int row) {
                return segmentation.values().customerId(row);
            }

            @Override
            public int label(int row) {
                return segmentation.segmentIndex(row);
            }
        };
    }

    /** {@return the moves as core's matrix of labels, with its row shares} */
    public MoveMatrix matrix() {
        return matrix;
    }

    /** {@return the earlier segments' names, then {@link #NONE}} */
    public List<String> rows() {
        return matrix.rows();
    }

    /** {@return the later segments' names, then {@link #NONE}} */
    public List<String> columns() {
        return matrix.columns();
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
        return matrix.count(fromSegment, toSegment);
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
        return matrix.count(row, column);
    }

    /** {@return the customers who stayed in the same named segment (rows and columns of equal names, not NONE)} */
    public long stayed() {
        return matrix.stayed();
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof SegmentMigration other && matrix.equals(other.matrix);
    }

    @Override
    public int hashCode() {
        return matrix.hashCode();
    }

    @Override
    public String toString() {
        return "SegmentMigration[" + matrix + "]";
    }
}
