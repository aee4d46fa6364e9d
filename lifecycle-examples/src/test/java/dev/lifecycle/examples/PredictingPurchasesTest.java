package dev.lifecycle.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lifecycle.core.CustomerEvent;
import dev.lifecycle.core.EventType;
import dev.lifecycle.examples.data.BundledData;
import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

final class PredictingPurchasesTest {
    @Test
    void run_fitsChecksAndScoresTheBundledCustomers() throws IOException {
        List<String> lines = ReadmeSnippets.output(PredictingPurchases::run);
        // the holdout's actual purchases, counted here from the events: purchase days after calibration, up to its end,
        // of customers who first bought by 1997-09-30 (CDNOW's whole cohort did, in its first quarter)
        Map<String, Set<LocalDate>> later = new HashMap<>();
        for (CustomerEvent event : BundledData.bundledCdnow().events()) {
            LocalDate day = LocalDate.ofInstant(event.timestamp(), ZoneOffset.UTC);
            if (event.type() == EventType.PURCHASE && day.isAfter(LocalDate.of(1997, 9, 30))) {
                later.computeIfAbsent(event.customerId(), id -> new HashSet<>()).add(day);
            }
        }
        long actual = later.values().stream().mapToLong(Set::size).sum();
        assertTrue(lines.get(0).startsWith("BG/NBD r="), lines.get(0));
        assertTrue(lines.get(0).contains(", converged, log-likelihood "), lines.get(0));
        assertEquals(
                List.of("  se(r)", "  se(alpha)", "  se(a)", "  se(b)"),
                lines.subList(1, 5).stream()
                        .map(line -> line.substring(0, line.indexOf(')') + 1))
                        .toList());
        String holdout = lines.get(5);
        assertTrue(holdout.contains(" predicted, " + actual + " made; mean absolute error "), holdout);
        assertTrue(lines.get(6).endsWith(" of 23570 customers have P(alive) below 0.3"), lines.get(6));
        assertTrue(lines.get(7).startsWith("most valuable: customer "), lines.get(7));
        ReadmeSnippets.assertReadmeShowsOutput(lines);
    }

    @Test
    void readme_predictingPurchasesBlock_isTheCompiledExample() throws IOException {
        ReadmeSnippets.assertPageShows(
                ReadmeSnippets.README,
                "src/main/java/dev/lifecycle/examples/PredictingPurchases.java",
                "predicting-purchases");
    }
}
