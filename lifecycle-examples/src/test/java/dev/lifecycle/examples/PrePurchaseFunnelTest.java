package dev.lifecycle.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.junit.jupiter.api.Test;

final class PrePurchaseFunnelTest {

    /** Counts taken straight from the CSV, by column name, without the example's reader or the metrics module. */
    private record RawCounts(long sessions, long withProductPages, long purchasesAfterProductPages, long purchases) {}

    private static RawCounts countRaw() throws IOException {
        String raw;
        try (InputStream in = Objects.requireNonNull(PrePurchaseFunnelTest.class.getResourceAsStream(
                "/data/online-shoppers/online_shoppers_intention.csv"))) {
            raw = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
        List<String> lines = raw.lines().toList();
        List<String> header = Arrays.asList(lines.get(0).split(","));
        int productRelated = header.indexOf("ProductRelated");
        int revenue = header.indexOf("Revenue");
        long sessions = 0;
        long withProductPages = 0;
        long purchasesAfterProductPages = 0;
        long purchases = 0;
        for (String line : lines.subList(1, lines.size())) {
            String[] fields = line.split(",", -1);
            sessions++;
            // an empty page count (14 sessions) means no product page, like 0
            boolean viewed = !fields[productRelated].isEmpty() && Integer.parseInt(fields[productRelated]) > 0;
            boolean bought = fields[revenue].equals("TRUE");
            withProductPages += viewed ? 1 : 0;
            purchases += bought ? 1 : 0;
            purchasesAfterProductPages += viewed && bought ? 1 : 0;
        }
        return new RawCounts(sessions, withProductPages, purchasesAfterProductPages, purchases);
    }

    private static String percent(long numerator, long denominator) {
        return BigDecimal.valueOf(100 * numerator)
                .divide(BigDecimal.valueOf(denominator), 1, RoundingMode.HALF_UP)
                .toPlainString();
    }

    @Test
    void rawCsv_countsAreTheDocumentedOnes() throws IOException {
        RawCounts raw = countRaw();

        // PROVENANCE.md: 12,330 sessions, 1,908 with Revenue TRUE
        assertEquals(12_330, raw.sessions());
        assertEquals(1_908, raw.purchases());
    }

    @Test
    void run_bundledSessions_countsMatchAnIndependentCountOfTheCsv() throws IOException {
        RawCounts raw = countRaw();
        long visits = raw.sessions();
        long views = raw.withProductPages();
        long buys = raw.purchasesAfterProductPages();

        assertEquals(
                List.of(
                        "step          sessions  from previous  from top  drop-off",
                        String.format(Locale.ROOT, "visit        %9d  %12s%%  %7s%%  %8d", visits, "100.0", "100.0", 0),
                        String.format(
                                Locale.ROOT,
                                "product view %9d  %12s%%  %7s%%  %8d",
                                views,
                                percent(views, visits),
                                percent(views, visits),
                                visits - views),
                        String.format(
                                Locale.ROOT,
                                "purchase     %9d  %12s%%  %7s%%  %8d",
                                buys,
                                percent(buys, views),
                                percent(buys, visits),
                                views - buys),
                        // views lose far more (to no purchase) than visits lose (to no product view)
                        "biggest drop-off: before purchase, " + percent(views - buys, views) + "% of the previous step",
                        visits + " sessions; " + raw.purchases() + " ended in a purchase, "
                                + (raw.purchases() - buys)
                                + " of them without a product view, which the ordered steps do not count"),
                ReadmeSnippets.output(PrePurchaseFunnel::run));
    }

    @Test
    void metricsGuide_funnelOutput_isWhatTheExamplePrints() throws IOException {
        ReadmeSnippets.assertPageShowsOutput(
                ReadmeSnippets.docsPage("metrics-guide.md"), ReadmeSnippets.output(PrePurchaseFunnel::run));
    }

    @Test
    void metricsGuide_funnelBlock_isTheCompiledExample() throws IOException {
        ReadmeSnippets.assertPageShows(
                ReadmeSnippets.docsPage("metrics-guide.md"),
                "src/main/java/dev/lifecycle/examples/PrePurchaseFunnel.java",
                "pre-purchase-funnel");
    }
}
