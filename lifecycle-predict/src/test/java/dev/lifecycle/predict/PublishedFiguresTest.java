package dev.lifecycle.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The figures Fader, Hardie and Lee published for the CDNOW sample (39-week calibration, 2,357 customers), to the
 * precision they were published with.
 *
 * <p>Two summaries of the same customers are fitted: the published file, whose recency and age are rounded to 0.01
 * week and mean values to the cent, and the summary this library computes from the sample's transactions (which
 * reproduces the file to its rounding, see {@code CustomerSummariesTest}). The rounding moves the Pareto/NBD beta by
 * 0.0011 and the Gamma-Gamma gamma by 0.008; from the transactions every figure is the published one to its last digit.
 */
final class PublishedFiguresTest {
    private static final CustomerSummaries FILE = Cdnow.publishedSummaries();
    private static final CustomerSummaries TRANSACTIONS =
            CustomerSummaries.fromEvents(Cdnow.sampleEvents(), Cdnow.CALIBRATION);

    @Test
    void bgNbd_cdnowFile_reproducesCountingYourCustomersTheEasyWay() {
        ModelFit<BgNbd> fit = BgNbd.fit(FILE);
        BgNbd model = fit.model();
        assertTrue(fit.converged(), fit.toString());
        assertEquals(0.243, model.r(), 0.0005);
        assertEquals(4.414, model.alpha(), 0.0005);
        assertEquals(0.793, model.a(), 0.0005);
        assertEquals(2.426, model.b(), 0.0005);
        assertEquals(-9582.4, fit.logLikelihood(), 0.05);
        assertEquals(2357, fit.customers());
        // the customer with x 2, t_x 30.43, T 38.86: expected purchases in the next 39 weeks
        assertEquals(1.226, model.conditionalExpectedPurchases(39, 2, 30.43, 38.86), 0.0005);
        assertEquals("BG/NBD r=0.243 alpha=4.414 a=0.793 b=2.426", model.describe());
        assertEquals(4, fit.standardErrors().size(), fit.toString());
    }

    @Test
    void bgNbd_cdnowTransactions_reproducesCountingYourCustomersTheEasyWay() {
        ModelFit<BgNbd> fit = BgNbd.fit(TRANSACTIONS);
        assertTrue(fit.converged(), fit.toString());
        assertEquals("BG/NBD r=0.243 alpha=4.414 a=0.793 b=2.426", fit.model().describe());
        assertEquals(-9582.4, fit.logLikelihood(), 0.05);
    }

    @Test
    void paretoNbd_cdnowTransactions_reproducesPublishedFit() {
        ModelFit<ParetoNbd> fit = ParetoNbd.fit(TRANSACTIONS);
        ParetoNbd model = fit.model();
        assertTrue(fit.converged(), fit.toString());
        assertEquals(0.553, model.r(), 0.0005);
        assertEquals(10.578, model.alpha(), 0.0005);
        assertEquals(0.606, model.s(), 0.0005);
        assertEquals(11.669, model.beta(), 0.0005);
        assertEquals(-9595.0, fit.logLikelihood(), 0.05);
    }

    @Test
    void paretoNbd_cdnowFile_withinTheFilesRounding() {
        ParetoNbd model = ParetoNbd.fit(FILE).model();
        assertEquals(0.553, model.r(), 0.0005);
        assertEquals(10.578, model.alpha(), 0.0005);
        assertEquals(0.606, model.s(), 0.0005);
        assertEquals(11.669, model.beta(), 0.0015);
    }

    @Test
    void gammaGamma_cdnowTransactions_reproducesRfmAndClv() {
        ModelFit<GammaGamma> fit = GammaGamma.fit(TRANSACTIONS);
        GammaGamma model = fit.model();
        assertTrue(fit.converged(), fit.toString());
        assertEquals(946, fit.customers());
        assertEquals(6.25, model.p(), 0.005);
        assertEquals(3.74, model.q(), 0.005);
        assertEquals(15.44, model.gamma(), 0.005);
    }

    @Test
    void gammaGamma_cdnowFile_withinTheFilesRounding() {
        ModelFit<GammaGamma> fit = GammaGamma.fit(FILE);
        assertEquals(946, fit.customers());
        assertEquals(6.25, fit.model().p(), 0.005);
        assertEquals(3.74, fit.model().q(), 0.01);
        assertEquals(15.44, fit.model().gamma(), 0.01);
    }
}
