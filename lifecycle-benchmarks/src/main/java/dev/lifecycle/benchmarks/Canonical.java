package dev.lifecycle.benchmarks;

import dev.lifecycle.metrics.cohort.CohortCell;
import dev.lifecycle.metrics.cohort.CohortRetention;
import dev.lifecycle.metrics.funnel.Funnel;
import dev.lifecycle.metrics.funnel.FunnelStep;
import dev.lifecycle.metrics.nps.NetPromoterScore;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The answers of the workloads written as text, so the library's and a peer's answers compare as strings and travel
 * to the benchmark JVMs as system properties.
 */
final class Canonical {
    private Canonical() {}

    static String counts(Map<String, Long> counts) {
        StringBuilder out = new StringBuilder();
        counts.forEach((key, value) -> {
            if (out.length() > 0) {
                out.append(',');
            }
            out.append(key).append('=').append(value);
        });
        return out.toString();
    }

    static String funnel(Funnel funnel) {
        List<FunnelStep> steps = funnel.steps();
        long[] counts = new long[steps.size()];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = steps.get(i).count();
        }
        return funnel(counts);
    }

    static String funnel(long[] counts) {
        StringBuilder out = new StringBuilder("funnel");
        for (long count : counts) {
            out.append(' ').append(count);
        }
        return out.toString();
    }

    static String nps(NetPromoterScore nps) {
        return nps(nps.promoterCount(), nps.passiveCount(), nps.detractorCount());
    }

    static String nps(long promoters, long passives, long detractors) {
        return "promoters=" + promoters + ",passives=" + passives + ",detractors=" + detractors;
    }

    /** One cohort cell: cohort start, offset, cohort size, active, retained (active then or later), revenue. */
    static String cohortLine(String cohort, long offset, long size, long active, long retained, BigDecimal revenue) {
        return String.format(
                Locale.ROOT,
                "%s k=%03d size=%d active=%d retained=%d revenue=%s",
                cohort,
                offset,
                size,
                active,
                retained,
                revenue.toPlainString());
    }

    /** The cells of the table with at least one active customer, sorted; every purchase carries an amount. */
    static List<String> cohortLines(CohortRetention table) {
        List<String> lines = new ArrayList<>();
        for (LocalDate cohort : table.cohorts()) {
            long periods = table.periodCount(cohort);
            for (long k = 0; k < periods; k++) {
                CohortCell cell = table.cell(cohort, k).orElseThrow();
                if (cell.activeCustomers() > 0) {
                    lines.add(cohortLine(
                            cohort.toString(),
                            k,
                            cell.cohortSize(),
                            cell.activeCustomers(),
                            cell.retainedCustomers(),
                            cell.revenue().orElseThrow().amount()));
                }
            }
        }
        Collections.sort(lines);
        return lines;
    }

    /** A digest of many lines, short enough for a system property. */
    static String digest(List<String> lines) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String line : lines) {
                sha.update(line.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) '\n');
            }
            return lines.size() + " cells, sha-256 " + HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
