package dev.lifecycle.benchmarks;

import dev.lifecycle.core.ProfileTable;
import dev.lifecycle.rfm.RfmScale;
import dev.lifecycle.rfm.RfmValues;
import dev.lifecycle.rfm.SegmentMap;
import dev.lifecycle.rfm.SegmentSummary;
import dev.lifecycle.rfm.Segmentation;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Workload 9: RFM segments of every customer of workload 1's profile table (one million by default), on one thread:
 * the quintiles fitted by rank (a selection of a few positions per dimension), every customer scored and placed in the
 * ten-segment map, and the segment table summed, from values already folded; and the same with the values folded from
 * the table first. Classifying the same table (workload 1's {@code libraryTableOneThread}) is what the first is judged
 * against: both start from their data folded.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class RfmBenchmark {
    static final Instant AS_OF = ClassifyBenchmark.AS_OF;

    /** Workload 1's profiles as a table, and their values at {@link #AS_OF}, built once. */
    @State(Scope.Benchmark)
    public static class Customers {
        ProfileTable table = ProfileTable.of(List.of());
        RfmValues values = RfmValues.builder(AS_OF, ZoneOffset.UTC).build();

        /** Folds the profiles, and checks that the segment table counts every customer with an order. */
        @Setup(Level.Trial)
        public void setUp() {
            table = ProfileTable.of(BenchConfig.log().profiles());
            values = RfmValues.fromProfiles(table, AS_OF, ZoneOffset.UTC);
            check(table, segmentTable(values));
        }
    }

    /** Fails unless the segment table holds every customer of the table with an order by {@link #AS_OF}, once. */
    static void check(ProfileTable table, List<SegmentSummary> summaries) {
        long buyers = 0;
        long orders = 0;
        for (int row = 0; row < table.size(); row++) {
            long count = table.profile(row).orderCount();
            buyers += count > 0 ? 1 : 0;
            orders += count;
        }
        long customers = summaries.stream().mapToLong(SegmentSummary::customers).sum();
        long summed = summaries.stream().mapToLong(SegmentSummary::orders).sum();
        if (customers != buyers || summed != orders) {
            throw new IllegalStateException("the segment table has " + customers + " customers and " + summed
                    + " orders, the table " + buyers + " customers with " + orders + " orders");
        }
    }

    /** Fits the quintiles, segments every customer and sums the segment table. */
    static List<SegmentSummary> segmentTable(RfmValues values) {
        return Segmentation.of(values, RfmScale.quintiles(values), SegmentMap.tenSegments())
                .summaries();
    }

    /**
     * From the profile table, as classification starts: {@code RfmValues.fromProfiles}, the quintiles, the segments
     * and the segment table.
     *
     * @param data the customers
     * @return the segment table
     */
    @Benchmark
    public List<SegmentSummary> fromProfiles(Customers data) {
        return segmentTable(RfmValues.fromProfiles(data.table, AS_OF, ZoneOffset.UTC));
    }

    /**
     * From values already folded: the quintiles (a selection per dimension), the segments and the segment table.
     *
     * @param data the customers
     * @return the segment table
     */
    @Benchmark
    public List<SegmentSummary> fromValues(Customers data) {
        return segmentTable(data.values);
    }
}
