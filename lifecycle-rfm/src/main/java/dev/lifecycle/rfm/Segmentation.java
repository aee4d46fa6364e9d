package dev.lifecycle.rfm;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Every customer of a table scored on a scale and placed in a segment of a map: the per-customer scores and segments,
 * and the segment table (customers, orders and revenue per segment).
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class Segmentation {
    private final RfmValues values;
    private final RfmScale scale;
    private final SegmentMap map;
    /** Each row's scores as one cell of the scale's cube: {@code ((R - 1) n + F - 1) n + M - 1}. */
    private final short[] cell;
    /**
     * Each cell's index into the map's names, looked up once, so a row's segment is an array read: at most {@link
     * SegmentMap#MAX_SEGMENTS}, so it fits a byte.
     */
    private final byte[] segmentOfCell;

    private volatile @Nullable Map<String, Integer> rows;

    private Segmentation(RfmValues values, RfmScale scale, SegmentMap map) {
        this.values = values;
        this.scale = scale;
        this.map = map;
        int n = values.size();
        int scores = scale.scores();
        this.segmentOfCell = new byte[scores * scores * scores];
        for (int c = 0; c < segmentOfCell.length; c++) {
            segmentOfCell[c] = (byte) map.indexOf(score(c, scores));
        }
        this.cell = new short[n];
        // recency, then frequency, then monetary, each as one column: see the cell's order above
        for (Dimension dimension : Dimension.values()) {
            scale.scoreInto(dimension, values, cell);
        }
    }

    /** The scores of a cell of the cube of a scale with {@code scores} scores. */
    private static RfmScore score(int cell, int scores) {
        return new RfmScore(cell / (scores * scores) + 1, cell / scores % scores + 1, cell % scores + 1);
    }

    /**
     * Scores every customer of a table and places each in a segment.
     *
     * @param values the customers
     * @param scale the scale that scores them (fitted to them or not)
     * @param map the segments
     * @return the segmentation
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the map names scores above the scale's
     */
    public static Segmentation of(RfmValues values, RfmScale scale, SegmentMap map) {
        Objects.requireNonNull(values, "values");
        Objects.requireNonNull(scale, "scale");
        Objects.requireNonNull(map, "map");
        if (map.maxScore() > scale.scores()) {
            throw new IllegalArgumentException("segment map " + map.name() + " names scores up to " + map.maxScore()
                    + " but the scale has " + scale.scores());
        }
        return new Segmentation(values, scale, map);
    }

    /** {@return the customers' values} */
    public RfmValues values() {
        return values;
    }

    /** {@return the scale} */
    public RfmScale scale() {
        return scale;
    }

    /** {@return the segment map} */
    public SegmentMap map() {
        return map;
    }

    /** {@return the number of customers} */
    public int size() {
        return cell.length;
    }

    /**
     * Returns a row's scores.
     *
     * @param row a row of the table
     * @return its scores
     * @throws IndexOutOfBoundsException if {@code row} is not a row
     */
    public RfmScore score(int row) {
        return score(cell[Objects.checkIndex(row, cell.length)], scale.scores());
    }

    /**
     * Returns a row's segment as an index of the map's {@link SegmentMap#names()}.
     *
     * @param row a row of the table
     * @return the index
     * @throws IndexOutOfBoundsException if {@code row} is not a row
     */
    public int segmentIndex(int row) {
        return segmentOfCell[cell[Objects.checkIndex(row, cell.length)]];
    }

    /**
     * Names a row's segment.
     *
     * @param row a row of the table
     * @return the segment's name
     * @throws IndexOutOfBoundsException if {@code row} is not a row
     */
    public String segment(int row) {
        return map.nameAt(segmentIndex(row));
    }

    /**
     * Finds a customer's segment.
     *
     * @param customerId a customer id
     * @return the segment's name, empty when the customer is not in the table
     */
    public Optional<String> segmentOf(String customerId) {
        Map<String, Integer> index = rows;
        if (index == null) {
            index = new HashMap<>();
            for (int row = 0; row < values.size(); row++) {
                index.put(values.customerId(row), row);
            }
            rows = index;
        }
        Integer row = index.get(Objects.requireNonNull(customerId, "customerId"));
        return row == null ? Optional.empty() : Optional.of(segment(row));
    }

    /**
     * Returns the segment table: one summary per name of the map, in its order with {@link SegmentMap#others()} last,
     * empty segments included.
     *
     * @return the summaries
     */
    public List<SegmentSummary> summaries() {
        int names = map.segments().size() + 1;
        long[] customers = new long[names];
        long[] orders = new long[names];
        long[] revenue = new long[names];
        BigInteger[] carried = new BigInteger[names];
        for (int row = 0; row < cell.length; row++) {
            int s = segmentOfCell[cell[row]];
            customers[s]++;
            orders[s] += values.orders(row);
            long minor = values.revenueMinorUnits(row);
            if (revenue[s] > Long.MAX_VALUE - minor) {
                carried[s] = (carried[s] == null ? BigInteger.ZERO : carried[s]).add(BigInteger.valueOf(revenue[s]));
                revenue[s] = 0;
            }
            revenue[s] += minor;
        }
        List<SegmentSummary> summaries = new ArrayList<>();
        for (int s = 0; s < names; s++) {
            BigInteger total = BigInteger.valueOf(revenue[s]);
            if (carried[s] != null) {
                total = total.add(carried[s]);
            }
            summaries.add(
                    new SegmentSummary(map.nameAt(s), customers[s], orders[s], new BigDecimal(total, values.digits())));
        }
        return List.copyOf(summaries);
    }

    @Override
    public String toString() {
        return "Segmentation[" + cell.length + " customers, " + map.name() + ", " + scale + "]";
    }
}
