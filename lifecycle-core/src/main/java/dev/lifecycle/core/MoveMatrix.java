package dev.lifecycle.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import org.jspecify.annotations.Nullable;

/**
 * How many customers moved from each label at one instant to each label at another: the stage flow of two
 * classifications ({@link #between(CustomerStages, CustomerStages)}), or the migration between any two labellings of
 * customers by id (RFM segments use it), read to see whether campaigns move people on.
 *
 * <p>Rows are the earlier side's labels, then {@link #NONE} for customers only the later side has (new customers);
 * columns are the later side's labels, then {@link #NONE} for customers only the earlier side has. Customers are
 * matched by id, and each side holds a customer at most once. So each row but the last sums to its label's customers
 * on the earlier side, each column but the last to its label's customers on the later side, and the total is the
 * customers of either side: nobody is lost.
 *
 * <p>A {@link StageFlow} also counts a tracker's moves in a matrix of this shape (rows the stage left, columns the stage
 * entered, the {@link #NONE} row for customers first seen): the labels, cells, totals and shares read the same, but a
 * cell counts moves, so a customer who moved several times is in several cells, and {@link #stayed()} is 0.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class MoveMatrix {
    /** The row and column of customers one of the two sides does not have. */
    public static final String NONE = "(none)";

    private final List<String> rows;
    private final List<String> columns;
    private final long[][] counts;

    /** One side: customers by row, each with the index of its label. */
    public interface Side {
        /** {@return the number of rows} */
        int size();

        /**
         * Returns a row's customer.
         *
         * @param row a row, from 0 to {@code size() - 1}
         * @return the customer id
         */
        String customerId(int row);

        /**
         * Returns a row's label.
         *
         * @param row a row, from 0 to {@code size() - 1}
         * @return the index of its label among the side's labels
         */
        int label(int row);
    }

    private MoveMatrix(List<String> rows, List<String> columns, long[][] counts) {
        this.rows = rows;
        this.columns = columns;
        this.counts = counts;
    }

    /**
     * Counts the moves between two labellings of customers.
     *
     * @param fromLabels the earlier side's labels
     * @param from the earlier side
     * @param toLabels the later side's labels
     * @param to the later side
     * @return the matrix
     * @throws NullPointerException if an argument, a label or an id is null
     * @throws IllegalArgumentException naming the customer when a side holds a customer twice, or naming the row when a
     *     label index is not one of the side's labels
     */
    public static MoveMatrix between(List<String> fromLabels, Side from, List<String> toLabels, Side to) {
        List<String> rows = withNone(fromLabels);
        List<String> columns = withNone(toLabels);
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        long[][] counts = new long[rows.size()][columns.size()];
        Map<String, Integer> later = index(to, "later");
        Map<String, Integer> earlier = index(from, "earlier");
        for (int row = 0; row < from.size(); row++) {
            Integer other = later.get(from.customerId(row));
            counts[label(from, row, fromLabels, "earlier")][
                    other == null ? columns.size() - 1 : label(to, other, toLabels, "later")]++;
        }
        for (int row = 0; row < to.size(); row++) {
            if (!earlier.containsKey(to.customerId(row))) {
                counts[rows.size() - 1][label(to, row, toLabels, "later")]++;
            }
        }
        return new MoveMatrix(rows, columns, counts);
    }

    /**
     * Takes counts already made over one set of labels on both sides, such as a tracker's moves.
     *
     * @param labels the labels of the rows and the columns, without {@link #NONE}
     * @param counts the cells, {@code labels.size() + 1} rows of as many columns, the last row and column {@link
     *     #NONE}'s; copied
     * @return the matrix
     * @throws IllegalArgumentException if the counts are not square over the labels and {@link #NONE}, or a count is
     *     negative
     */
    static MoveMatrix counted(List<String> labels, long[][] counts) {
        List<String> all = withNone(labels);
        long[][] copy = new long[all.size()][];
        if (counts.length != all.size()) {
            throw new IllegalArgumentException(
                    "counts must have " + all.size() + " rows for labels " + all + " but had " + counts.length);
        }
        for (int row = 0; row < copy.length; row++) {
            copy[row] = counts[row].clone();
            if (copy[row].length != all.size() || Arrays.stream(copy[row]).anyMatch(count -> count < 0)) {
                throw new IllegalArgumentException("row " + row + " of the counts must hold " + all.size()
                        + " counts, none negative, but was " + Arrays.toString(copy[row]));
            }
        }
        return new MoveMatrix(all, all, copy);
    }

    /**
     * The stage flow: how many customers moved from each stage of one classification to each stage of another, by
     * stage id in each template's order. Each classification is of the events up to its instant, so a customer first
     * seen after the earlier one is in the {@link #NONE} row.
     *
     * @param from every customer's stage at the earlier instant
     * @param to every customer's stage at the later instant
     * @return the matrix, rows and columns by stage id
     * @throws NullPointerException if an argument is null
     */
    public static MoveMatrix between(CustomerStages from, CustomerStages to) {
        List<String> earlier = stageIds(from);
        List<String> later = stageIds(to);
        return between(earlier, side(from, earlier), later, side(to, later));
    }

    private static List<String> stageIds(CustomerStages stages) {
        return List.copyOf(stages.distribution().counts().keySet());
    }

    /** A classification as a side whose labels are its template's stage ids, in order. */
    private static Side side(CustomerStages stages, List<String> ids) {
        Map<String, Integer> labelOf = new HashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            labelOf.put(ids.get(i), i);
        }
        return new Side() {
            @Override
            public int size() {
                return stages.size();
            }

            @Override
            public String customerId(int row) {
                return stages.customerId(row);
            }

            @Override
            public int label(int row) {
                return Objects.requireNonNull(labelOf.get(stages.stage(row).id()), "every stage is in the template");
            }
        };
    }

    private static List<String> withNone(List<String> labels) {
        List<String> all = new ArrayList<>(labels);
        all.add(NONE);
        return List.copyOf(all);
    }

    private static Map<String, Integer> index(Side side, String which) {
        Map<String, Integer> rows = new HashMap<>();
        for (int row = 0; row < side.size(); row++) {
            String id = Objects.requireNonNull(side.customerId(row), "customer id");
            Integer before = rows.put(id, row);
            if (before != null) {
                throw new IllegalArgumentException("customer " + id + " is on rows " + before + " and " + row
                        + " of the " + which + " side: each side holds a customer once");
            }
        }
        return rows;
    }

    private static int label(Side side, int row, List<String> labels, String which) {
        int label = side.label(row);
        if (label < 0 || label >= labels.size()) {
            throw new IllegalArgumentException("row " + row + " of the " + which + " side has label " + label
                    + " but the side has " + labels.size() + " labels");
        }
        return label;
    }

    /** {@return the earlier side's labels, then {@link #NONE}} */
    public List<String> rows() {
        return rows;
    }

    /** {@return the later side's labels, then {@link #NONE}} */
    public List<String> columns() {
        return columns;
    }

    /**
     * Returns how many customers moved from one label to another.
     *
     * @param fromLabel a label of {@link #rows()}
     * @param toLabel a label of {@link #columns()}
     * @return the customers with {@code fromLabel} on the earlier side and {@code toLabel} on the later
     * @throws IllegalArgumentException naming the label when it is not a row or column
     */
    public long count(String fromLabel, String toLabel) {
        int row = rows.indexOf(fromLabel);
        int column = columns.indexOf(toLabel);
        if (row < 0 || column < 0) {
            throw new IllegalArgumentException("no label \"" + (row < 0 ? fromLabel : toLabel) + "\" among the "
                    + (row < 0 ? "rows " + rows : "columns " + columns));
        }
        return counts[row][column];
    }

    /**
     * Returns a cell's count.
     *
     * @param row an index of {@link #rows()}
     * @param column an index of {@link #columns()}
     * @return the count
     * @throws IndexOutOfBoundsException if an index is out of range
     */
    public long count(int row, int column) {
        return counts[Objects.checkIndex(row, rows.size())][Objects.checkIndex(column, columns.size())];
    }

    /**
     * Returns a row's customers: for a label row, its customers on the earlier side.
     *
     * @param row an index of {@link #rows()}
     * @return the sum of the row
     * @throws IndexOutOfBoundsException if the index is out of range
     */
    public long rowTotal(int row) {
        long total = 0;
        for (long count : counts[Objects.checkIndex(row, rows.size())]) {
            total += count;
        }
        return total;
    }

    /**
     * Returns a column's customers: for a label column, its customers on the later side.
     *
     * @param column an index of {@link #columns()}
     * @return the sum of the column
     * @throws IndexOutOfBoundsException if the index is out of range
     */
    public long columnTotal(int column) {
        Objects.checkIndex(column, columns.size());
        long total = 0;
        for (long[] row : counts) {
            total += row[column];
        }
        return total;
    }

    /**
     * Returns the share of a row's customers in a column: of those with the row's label before, the part with the
     * column's label after.
     *
     * @param row an index of {@link #rows()}
     * @param column an index of {@link #columns()}
     * @return the share, empty when the row has no customers
     * @throws IndexOutOfBoundsException if an index is out of range
     */
    public OptionalDouble rowShare(int row, int column) {
        long total = rowTotal(row);
        return total == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) count(row, column) / total);
    }

    /** {@return the customers who kept their label (rows and columns of equal labels, not {@link #NONE})} */
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
        return o instanceof MoveMatrix other
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
        StringBuilder text = new StringBuilder("MoveMatrix[");
        for (int row = 0; row < rows.size(); row++) {
            text.append(row == 0 ? "" : "; ").append(rows.get(row)).append(": ").append(Arrays.toString(counts[row]));
        }
        return text.append(" over ").append(columns).append(']').toString();
    }
}
