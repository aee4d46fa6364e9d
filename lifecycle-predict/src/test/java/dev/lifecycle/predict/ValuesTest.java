package dev.lifecycle.predict;

import com.google.common.testing.EqualsTester;
import com.google.common.testing.NullPointerTester;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The models are values; every public method refuses a null it was not documented to take. */
final class ValuesTest {
    @Test
    void models_equalByModelAndParameters() {
        new EqualsTester()
                .addEqualityGroup(BgNbd.of(0.243, 4.414, 0.793, 2.426), BgNbd.of(0.243, 4.414, 0.793, 2.426))
                .addEqualityGroup(MbgNbd.of(0.243, 4.414, 0.793, 2.426))
                .addEqualityGroup(BgNbd.of(0.243, 4.414, 0.793, 2.5))
                .addEqualityGroup(ParetoNbd.of(0.243, 4.414, 0.793, 2.426))
                .addEqualityGroup(GammaGamma.of(6.25, 3.74, 15.44))
                .testEquals();
    }

    @Test
    void publicMethods_nullArguments_refused() {
        NullPointerTester tester = new NullPointerTester()
                .setDefault(SummaryOptions.class, SummaryOptions.through(LocalDate.EPOCH))
                .setDefault(PurchaseModel.class, BgNbd.of(1, 1, 1, 1))
                .setDefault(GammaGamma.class, GammaGamma.of(1, 2, 3))
                .setDefault(FitOptions.class, FitOptions.defaults())
                .setDefault(java.time.ZoneId.class, java.time.ZoneOffset.UTC)
                .setDefault(java.time.temporal.ChronoUnit.class, java.time.temporal.ChronoUnit.WEEKS)
                .setDefault(CustomerSummaries.class, Cdnow.publishedSummaries())
                .setDefault(dev.lifecycle.core.EventBatch.class, dev.lifecycle.core.EventBatch.of(List.of()))
                .setDefault(dev.lifecycle.core.ProfileTable.class, dev.lifecycle.core.ProfileTable.of(List.of()))
                .setDefault(
                        Holdout.class,
                        Holdout.fromEvents(
                                List.of(), SummaryOptions.through(LocalDate.EPOCH), LocalDate.EPOCH.plusDays(1)));
        for (Class<?> type : List.of(
                CustomerSummaries.class,
                BgNbd.class,
                MbgNbd.class,
                ParetoNbd.class,
                GammaGamma.class,
                Predictions.class,
                Holdout.class,
                Validation.class,
                Simulation.class,
                SummaryOptions.class,
                FitOptions.class,
                PredictiveConditions.class)) {
            tester.testAllPublicStaticMethods(type);
        }
        tester.testAllPublicInstanceMethods(Cdnow.publishedSummaries());
        tester.testAllPublicInstanceMethods(BgNbd.of(1, 1, 1, 1));
        tester.testAllPublicInstanceMethods(Predictions.of(BgNbd.of(1, 1, 1, 1), Cdnow.publishedSummaries()));
        tester.testAllPublicInstanceMethods(Simulation.of(BgNbd.of(1, 1, 1, 1)).customers(3));
        tester.testAllPublicInstanceMethods(FitOptions.defaults());
        tester.testAllPublicInstanceMethods(SummaryOptions.through(LocalDate.EPOCH));
    }
}
