package dev.lifecycle.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lifecycle.core.CustomerProfile;
import dev.lifecycle.core.ProfileTable;
import dev.lifecycle.rfm.RfmValues;
import dev.lifecycle.rfm.SegmentSummary;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Workload 9 at a small scale: both timed forms give one segment table, and the fork's check fails on a wrong one. */
final class RfmBenchmarkTest {
    private static final List<CustomerProfile> PROFILES =
            SyntheticLog.generate(20_000, 9).profiles();

    @Test
    void fromProfilesAndFromValues_sameTable_passingTheCheck() {
        RfmBenchmark.Customers data = new RfmBenchmark.Customers();
        data.table = ProfileTable.of(PROFILES);
        data.values = RfmValues.fromProfiles(data.table, RfmBenchmark.AS_OF, ZoneOffset.UTC);
        List<SegmentSummary> fromProfiles = new RfmBenchmark().fromProfiles(data);
        assertEquals(fromProfiles, new RfmBenchmark().fromValues(data));
        RfmBenchmark.check(data.table, fromProfiles);
        assertTrue(fromProfiles.stream().mapToLong(SegmentSummary::customers).sum() > 0);
    }

    @Test
    void check_aCustomerMissing_fails() {
        ProfileTable table = ProfileTable.of(PROFILES);
        List<SegmentSummary> summaries = new ArrayList<>(
                RfmBenchmark.segmentTable(RfmValues.fromProfiles(table, RfmBenchmark.AS_OF, ZoneOffset.UTC)));
        SegmentSummary first = summaries.get(0);
        summaries.set(0, new SegmentSummary(first.segment(), first.customers() + 1, first.orders(), first.revenue()));
        assertThrows(IllegalStateException.class, () -> RfmBenchmark.check(table, summaries));
    }
}
