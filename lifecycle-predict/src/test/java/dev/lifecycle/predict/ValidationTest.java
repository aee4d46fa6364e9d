package dev.lifecycle.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lifecycle.core.CustomerEvent;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

final class ValidationTest {
    private static final LocalDate HOLDOUT_END = LocalDate.of(1998, 6, 30);
    private static final List<CustomerEvent> EVENTS = Cdnow.sampleEvents();

    @Test
    void holdout_cdnow_countsEachCustomersLaterPurchaseDays() {
        Holdout holdout = Holdout.fromEvents(EVENTS, Cdnow.CALIBRATION, HOLDOUT_END);
        // counted here independently: distinct purchase days after 1997-09-30 per customer
        Map<String, Set<LocalDate>> later = new HashMap<>();
        for (CustomerEvent event : EVENTS) {
            LocalDate day = LocalDate.ofInstant(event.timestamp(), ZoneOffset.UTC);
            if (day.isAfter(Cdnow.CALIBRATION.through())) {
                later.computeIfAbsent(event.customerId(), id -> new HashSet<>()).add(day);
            }
        }
        CustomerSummaries calibration = holdout.calibration();
        assertEquals(CustomerSummaries.fromEvents(EVENTS, Cdnow.CALIBRATION).summaries(), calibration.summaries());
        long total = 0;
        for (int row = 0; row < calibration.size(); row++) {
            int expected =
                    later.getOrDefault(calibration.customerId(row), Set.of()).size();
            assertEquals(expected, holdout.holdoutPurchases(row), calibration.customerId(row));
            total += expected;
        }
        assertEquals(39, holdout.length(), 1e-12);
        assertTrue(total > 1000, "holdout purchases " + total);
        assertEquals(LocalDate.of(1997, 1, 1), holdout.firstPurchase(0));
    }

    @Test
    void validation_cdnowBgNbd_groupsDecilesAndTrackingReconcile() {
        Holdout holdout = Holdout.fromEvents(EVENTS, Cdnow.CALIBRATION, HOLDOUT_END);
        BgNbd model = BgNbd.fit(holdout.calibration()).model();
        Validation validation = Validation.of(model, holdout);
        int n = holdout.calibration().size();

        List<Validation.FrequencyGroup> groups = validation.byFrequency();
        assertEquals(8, groups.size());
        assertEquals("7+", groups.get(7).label());
        assertEquals(
                n,
                groups.stream().mapToLong(Validation.FrequencyGroup::customers).sum());
        double actualFromGroups =
                groups.stream().mapToDouble(g -> g.actual() * g.customers()).sum();
        assertEquals((double) validation.actualPurchases(), actualFromGroups, 1e-6);

        List<Validation.Decile> deciles = validation.deciles();
        assertEquals(10, deciles.size());
        assertEquals(n, deciles.stream().mapToLong(Validation.Decile::customers).sum());
        for (int d = 1; d < 10; d++) {
            assertTrue(deciles.get(d).predicted() <= deciles.get(d - 1).predicted());
        }
        double predictedFromDeciles =
                deciles.stream().mapToDouble(d -> d.predicted() * d.customers()).sum();
        assertEquals(validation.predictedPurchases(), predictedFromDeciles, 1e-6);

        List<Validation.TrackingPoint> weeks = validation.tracking(1);
        Validation.TrackingPoint last = weeks.get(weeks.size() - 1);
        long calibrationRepeats = 0;
        for (int row = 0; row < n; row++) {
            calibrationRepeats += holdout.calibration().frequency(row);
        }
        assertEquals(calibrationRepeats + validation.actualPurchases(), last.actualCumulative());
        assertEquals(
                last.actualCumulative(),
                weeks.stream()
                        .mapToLong(Validation.TrackingPoint::actualIncremental)
                        .sum());
        assertTrue(weeks.get(0).time() == 1 && !weeks.get(0).inHoldout() && last.inHoldout());
        // the model tracks the cohort's repeat purchases within a few percent over all 78 weeks (the paper's figure 1)
        assertEquals(1, last.predictedCumulative() / last.actualCumulative(), 0.05, last.toString());
        assertTrue(validation.meanAbsoluteError() > 0
                && validation.rootMeanSquaredError() >= validation.meanAbsoluteError());
    }

    @Test
    void errors_twoCustomers_handWorked() {
        // a: one purchase on 09-26; b: 09-16, 09-23, then 10-05, twice on 10-10, and 1998-01-01 after the holdout
        List<CustomerEvent> events = List.of(
                purchase("a", "1997-09-26"),
                purchase("b", "1997-09-16"),
                purchase("b", "1997-09-23"),
                purchase("b", "1997-10-05"),
                purchase("b", "1997-10-10"),
                purchase("b", "1997-10-10"),
                purchase("b", "1998-01-01"));
        Holdout holdout = Holdout.fromEvents(events, Cdnow.CALIBRATION, LocalDate.of(1997, 12, 9));
        assertEquals(10, holdout.length(), 1e-12);
        assertEquals(0, holdout.holdoutPurchases(0));
        assertEquals(2, holdout.holdoutPurchases(1));
        BgNbd model = BgNbd.of(1, 1, 1.5, 1.5);
        double pa = model.conditionalExpectedPurchases(10, 0, 0, 4 / 7.0);
        double pb = model.conditionalExpectedPurchases(10, 1, 1, 2);
        Validation validation = Validation.of(model, holdout);
        assertEquals((Math.abs(pa) + Math.abs(pb - 2)) / 2, validation.meanAbsoluteError(), 1e-15);
        assertEquals(Math.sqrt((pa * pa + (pb - 2) * (pb - 2)) / 2), validation.rootMeanSquaredError(), 1e-15);
        assertEquals(2, validation.actualPurchases());
        assertEquals(pa + pb, validation.predictedPurchases(), 1e-15);
    }

    private static CustomerEvent purchase(String customer, String day) {
        return CustomerEvent.of(
                customer,
                dev.lifecycle.core.EventType.PURCHASE,
                LocalDate.parse(day).atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    @Test
    void holdout_endingBeforeCalibration_refused() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> Holdout.fromEvents(EVENTS, Cdnow.CALIBRATION, LocalDate.of(1997, 9, 30)));
        assertEquals(
                "holdout must end after the calibration's last day 1997-09-30 but ended on 1997-09-30", e.getMessage());
    }
}
