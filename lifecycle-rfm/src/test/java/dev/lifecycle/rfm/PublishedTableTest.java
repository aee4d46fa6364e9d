package dev.lifecycle.rfm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lifecycle.core.CustomerEvent;
import dev.lifecycle.core.EventBatch;
import dev.lifecycle.core.ProfileTable;
import java.math.BigDecimal;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The segment table that the R package rfm's documentation publishes for its bundled orders (995 customers as of
 * 2006-12-31, quintiles, its ten segments), reproduced with {@link Binning#RFM_PACKAGE}; the figures are copied from
 * the shared data set's README, not computed here.
 */
final class PublishedTableTest {
    private static final List<CustomerEvent> EVENTS = RfmOrders.events();

    /** Segment, customers, orders, revenue, in the map's order; Others is empty. */
    private static final Object[][] PUBLISHED = {
        {"Champions", 35, 316, 31_646},
        {"Potential Loyalist", 342, 2_211, 204_856},
        {"Loyal Customers", 170, 799, 76_562},
        {"Promising", 9, 28, 4_249},
        {"New Customers", 104, 329, 28_837},
        {"Can't Lose Them", 47, 274, 32_446},
        {"At Risk", 28, 216, 22_227},
        {"Need Attention", 10, 57, 4_562},
        {"About To Sleep", 102, 283, 23_449},
        {"Lost", 148, 393, 35_324},
        {"Others", 0, 0, 0},
    };

    /** The same table by {@link Binning#RANKS}, from an independent computation (Python, the rule as stated). */
    private static final Object[][] BY_RANK = {
        {"Champions", 35, 316, 31_646},
        {"Potential Loyalist", 341, 2_204, 204_158},
        {"Loyal Customers", 172, 804, 76_712},
        {"Promising", 9, 28, 4_249},
        {"New Customers", 102, 321, 28_296},
        {"Can't Lose Them", 49, 288, 33_790},
        {"At Risk", 28, 216, 22_227},
        {"Need Attention", 10, 57, 4_562},
        {"About To Sleep", 101, 279, 23_194},
        {"Lost", 148, 393, 35_324},
        {"Others", 0, 0, 0},
    };

    private static List<String> table(RfmValues values) {
        return table(values, Binning.RFM_PACKAGE);
    }

    private static List<String> table(RfmValues values, Binning binning) {
        RfmScale scale = RfmScale.fit(values, binning, 5, Monetary.TOTAL);
        List<String> rows = new ArrayList<>();
        for (SegmentSummary s :
                Segmentation.of(values, scale, SegmentMap.tenSegments()).summaries()) {
            rows.add(s.segment() + " " + s.customers() + " " + s.orders() + " "
                    + s.revenue().stripTrailingZeros().toPlainString());
        }
        return rows;
    }

    private static List<String> published() {
        return rows(PUBLISHED);
    }

    private static List<String> rows(Object[][] table) {
        List<String> rows = new ArrayList<>();
        for (Object[] row : table) {
            rows.add(row[0] + " " + row[1] + " " + row[2] + " " + row[3]);
        }
        return rows;
    }

    @Test
    void rfmPackageBinning_fromEvents_reproducesThePublishedTable() {
        RfmValues values = RfmValues.fromEvents(EVENTS, RfmOrders.AS_OF, ZoneOffset.UTC);
        assertEquals(995, values.size());
        assertEquals(published(), table(values));
    }

    @Test
    void rfmPackageBinning_fromBatchAndProfiles_reproducesThePublishedTable() {
        assertEquals(published(), table(RfmValues.fromBatch(EventBatch.of(EVENTS), RfmOrders.AS_OF, ZoneOffset.UTC)));
        assertEquals(
                published(),
                table(RfmValues.fromProfiles(ProfileTable.fromEvents(EVENTS), RfmOrders.AS_OF, ZoneOffset.UTC)));
    }

    @Test
    void rfmPackageBinning_breakpoints_areRsQuantilesPlusOne() {
        // R's quantile(x, probs = seq(0, 1, length.out = 6)) without its ends, plus 1: the figures from an
        // independent computation (Python, type-7 quantiles of the same orders at positions 1 + 994 k / 5)
        RfmScale scale = RfmScale.fit(
                RfmValues.fromEvents(EVENTS, RfmOrders.AS_OF, ZoneOffset.UTC), Binning.RFM_PACKAGE, 5, Monetary.TOTAL);
        assertEquals(List.of(115.0, 181.0, 297.4, 482.0), rounded(scale.breakpoints(Dimension.RECENCY)));
        assertEquals(List.of(4.0, 5.0, 6.0, 8.0), rounded(scale.breakpoints(Dimension.FREQUENCY)));
        assertEquals(List.of(255.8, 382.0, 506.4, 666.0), rounded(scale.breakpoints(Dimension.MONETARY)));
    }

    private static List<Double> rounded(List<Double> values) {
        return values.stream()
                .map(v -> new BigDecimal(v)
                        .setScale(6, java.math.RoundingMode.HALF_EVEN)
                        .doubleValue())
                .toList();
    }

    @Test
    void ranks_sameOrders_differForFourteenCustomersScoresAndFiveSegments() {
        RfmValues values = RfmValues.fromEvents(EVENTS, RfmOrders.AS_OF, ZoneOffset.UTC);
        assertEquals(rows(BY_RANK), table(values, Binning.RANKS));
        RfmScale byRank = RfmScale.quintiles(values);
        RfmScale rPackage = RfmScale.fit(values, Binning.RFM_PACKAGE, 5, Monetary.TOTAL);
        SegmentMap ten = SegmentMap.tenSegments();
        int scores = 0;
        int segments = 0;
        for (int row = 0; row < values.size(); row++) {
            RfmScore a = byRank.score(values, row);
            RfmScore b = rPackage.score(values, row);
            scores += a.equals(b) ? 0 : 1;
            segments += ten.indexOf(a) == ten.indexOf(b) ? 0 : 1;
        }
        assertEquals(14, scores);
        assertEquals(5, segments);
    }
}
