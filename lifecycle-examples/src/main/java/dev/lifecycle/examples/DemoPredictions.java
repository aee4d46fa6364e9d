package dev.lifecycle.examples;

import dev.lifecycle.core.EventBatch;
import dev.lifecycle.metrics.report.ReportChart;
import dev.lifecycle.metrics.report.ReportSection;
import dev.lifecycle.predict.BgNbd;
import dev.lifecycle.predict.CustomerSummaries;
import dev.lifecycle.predict.Holdout;
import dev.lifecycle.predict.ModelFit;
import dev.lifecycle.predict.Predictions;
import dev.lifecycle.predict.SummaryOptions;
import dev.lifecycle.predict.Validation;
import java.io.PrintStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The demo's predictions: BG/NBD fitted in weeks to every customer's purchases up to {@code asOf}, the distribution
 * of P(alive) at {@code asOf}, and a check of the model on data it has not seen: fitted to the first half of the
 * span, its predicted repeat purchases in the second half against the actual ones. An input the summaries refuse
 * (purchases in two currencies, more than their limits) or without purchases has no predictions, and the reason is
 * printed instead.
 */
final class DemoPredictions {
    /** P(alive) is shown in ten brackets of 0.1, the last one including 1. */
    static final int BRACKETS = 10;
    /** The most points of the tracking chart. */
    static final int MAX_TRACKING_POINTS = 50;
    /** A span shorter than this has no holdout check: a week on each side says nothing. */
    static final int MIN_SPAN_DAYS = 28;

    private final @Nullable String notMeasured;
    private final @Nullable ModelFit<BgNbd> fit;
    private final LocalDate through;
    private final long[] alive;
    /** Customers without a repeat purchase: BG/NBD lets a customer drop out only at a repeat purchase. */
    private final long noRepeat;

    private final @Nullable Validation validation;
    private final @Nullable String validationNotMeasured;
    private final Instant first;

    private DemoPredictions(
            @Nullable String notMeasured,
            @Nullable ModelFit<BgNbd> fit,
            LocalDate through,
            long[] alive,
            long noRepeat,
            @Nullable Validation validation,
            @Nullable String validationNotMeasured,
            Instant first) {
        this.first = first;
        this.notMeasured = notMeasured;
        this.fit = fit;
        this.through = through;
        this.alive = alive;
        this.noRepeat = noRepeat;
        this.validation = validation;
        this.validationNotMeasured = validationNotMeasured;
    }

    /**
     * Fits and checks the model.
     *
     * @param upToAsOf the events before {@code asOf}
     * @param first the first event's instant
     * @param asOf the instant of the figures
     * @return the predictions, or the reason there are none
     */
    static DemoPredictions of(EventBatch upToAsOf, Instant first, Instant asOf) {
        LocalDate through = LocalDate.ofInstant(asOf.minusNanos(1), ZoneOffset.UTC);
        SummaryOptions weeks = SummaryOptions.through(through).inUnits(ChronoUnit.WEEKS);
        CustomerSummaries summaries;
        try {
            summaries = CustomerSummaries.fromBatch(upToAsOf, weeks);
        } catch (IllegalArgumentException e) {
            return notMeasured(through, first, "predictions not measured: " + e.getMessage());
        }
        if (summaries.size() == 0) {
            return notMeasured(through, first, "predictions not measured: no customer has a purchase before asOf");
        }
        ModelFit<BgNbd> fit = BgNbd.fit(summaries);
        long[] brackets = new long[BRACKETS];
        for (double p : Predictions.of(fit.model(), summaries).probabilityAlive()) {
            brackets[Math.min(BRACKETS - 1, (int) (p * BRACKETS))]++;
        }
        long noRepeat = 0;
        for (int row = 0; row < summaries.size(); row++) {
            noRepeat += summaries.frequency(row) == 0 ? 1 : 0;
        }
        LocalDate firstDay = LocalDate.ofInstant(first, ZoneOffset.UTC);
        long span = ChronoUnit.DAYS.between(firstDay, through);
        if (span < MIN_SPAN_DAYS) {
            return new DemoPredictions(
                    null,
                    fit,
                    through,
                    brackets,
                    noRepeat,
                    null,
                    "holdout check not measured: the purchases span " + span + " days, fewer than " + MIN_SPAN_DAYS,
                    first);
        }
        LocalDate calibrationEnd = firstDay.plusDays(span / 2);
        Holdout holdout = Holdout.fromBatch(
                upToAsOf, SummaryOptions.through(calibrationEnd).inUnits(ChronoUnit.WEEKS), through);
        Validation validation = Validation.of(BgNbd.fit(holdout.calibration()).model(), holdout);
        return new DemoPredictions(null, fit, through, brackets, noRepeat, validation, null, first);
    }

    private static DemoPredictions notMeasured(LocalDate through, Instant first, String reason) {
        return new DemoPredictions(reason, null, through, new long[BRACKETS], 0, null, null, first);
    }

    private static String bracket(int i) {
        return String.format(Locale.ROOT, "%.1f-%.1f", i / (double) BRACKETS, (i + 1) / (double) BRACKETS);
    }

    private static long total(long[] counts) {
        long total = 0;
        for (long count : counts) {
            total += count;
        }
        return total;
    }

    private String modelLine(ModelFit<BgNbd> fit) {
        return String.format(
                Locale.ROOT,
                "%s, fitted in weeks to %d customers' purchases through %s (%s, log-likelihood %.1f)",
                fit.model().describe(),
                fit.customers(),
                through,
                fit.converged()
                        ? "converged"
                        : "not converged: " + fit.problem().orElse("no reason given"),
                fit.logLikelihood());
    }

    private String noRepeatLine() {
        return noRepeat + " customers without a repeat purchase have P(alive) 1: BG/NBD lets a customer drop out only"
                + " right after a repeat purchase";
    }

    private static String checkLine(Validation v) {
        return String.format(
                Locale.ROOT,
                "fitted through %s, %d customers; repeat purchases %s to %s predicted %.1f, actual %d;"
                        + " per customer MAE %.3f, RMSE %.3f",
                v.holdout().calibration().options().through(),
                v.customers(),
                v.holdout().calibration().options().through().plusDays(1),
                v.holdout().lastDay(),
                v.predictedPurchases(),
                v.actualPurchases(),
                v.meanAbsoluteError(),
                v.rootMeanSquaredError());
    }

    void print(PrintStream out) {
        ModelFit<BgNbd> f = fit;
        if (f == null) {
            out.println(notMeasured);
            return;
        }
        out.println("purchase model " + modelLine(f));
        long total = total(alive);
        out.println("  P(alive) at asOf   customers");
        for (int i = 0; i < BRACKETS; i++) {
            out.printf(
                    Locale.ROOT,
                    "  %-17s %10d  %5.1f%%%n",
                    bracket(i),
                    alive[i],
                    total == 0 ? 0.0 : 100.0 * alive[i] / total);
        }
        out.println("  " + noRepeatLine());
        Validation v = validation;
        out.println("  " + (v == null ? validationNotMeasured : "holdout check: " + checkLine(v)));
    }

    /** {@return the figures for the demo's JSON; {@code "notMeasured"} with the reason when there are none} */
    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        ModelFit<BgNbd> f = fit;
        if (f == null) {
            json.put("notMeasured", notMeasured);
            return json;
        }
        json.put("model", f.model().name());
        json.put("unit", "WEEKS");
        json.put("through", through.toString());
        json.put("parameters", f.model().parameters());
        json.put("converged", f.converged());
        json.put("logLikelihood", f.logLikelihood());
        json.put("customers", f.customers());
        Map<String, Long> brackets = new LinkedHashMap<>();
        for (int i = 0; i < BRACKETS; i++) {
            brackets.put(bracket(i), alive[i]);
        }
        json.put("probabilityAlive", brackets);
        json.put("customersWithoutRepeatPurchase", noRepeat);
        Validation v = validation;
        if (v == null) {
            json.put("holdoutNotMeasured", validationNotMeasured);
        } else {
            Map<String, Object> check = new LinkedHashMap<>();
            check.put(
                    "calibrationThrough",
                    v.holdout().calibration().options().through().toString());
            check.put("holdoutThrough", v.holdout().lastDay().toString());
            check.put("customers", v.customers());
            check.put("predicted", v.predictedPurchases());
            check.put("actual", v.actualPurchases());
            check.put("meanAbsoluteError", v.meanAbsoluteError());
            check.put("rootMeanSquaredError", v.rootMeanSquaredError());
            json.put("holdout", check);
        }
        return json;
    }

    /** {@return a chart of predicted against actual figures, one pair per label} */
    private static ReportChart predictedAgainstActual(
            String title, List<String> labels, List<double[]> pairs, int decimals) {
        List<List<Double>> values = new ArrayList<>();
        for (double[] pair : pairs) {
            values.add(List.of(pair[0], pair[1]));
        }
        return ReportChart.of(title, List.of("predicted", "actual"), labels, values, decimals);
    }

    /** {@return the report's section: the model, the P(alive) brackets and the holdout check as charts} */
    ReportSection section() {
        ReportSection.Builder section = ReportSection.builder("predictions", "Predicted purchases");
        ModelFit<BgNbd> f = fit;
        if (f == null) {
            return section.paragraph(String.valueOf(notMeasured)).build();
        }
        section.paragraph("The BG/NBD model (Fader, Hardie and Lee 2005) fitted to every customer's repeat purchases: "
                        + "P(alive) is the probability that a customer has not dropped out, given how often and how "
                        + "recently they bought.")
                .figure("model", modelLine(f));
        List<String> labels = new ArrayList<>();
        List<List<Double>> counts = new ArrayList<>();
        for (int i = 0; i < BRACKETS; i++) {
            labels.add(bracket(i));
            counts.add(List.of((double) alive[i]));
        }
        section.chart(ReportChart.of("Customers by P(alive) at asOf", List.of("customers"), labels, counts, 0))
                .paragraph(noRepeatLine() + ".");
        Validation v = validation;
        if (v == null) {
            return section.paragraph(String.valueOf(validationNotMeasured)).build();
        }
        section.figure("holdout check", checkLine(v));
        List<String> groups = new ArrayList<>();
        List<double[]> byFrequency = new ArrayList<>();
        for (Validation.FrequencyGroup group : v.byFrequency()) {
            groups.add(group.label() + " (" + group.customers() + ")");
            byFrequency.add(new double[] {group.predicted(), group.actual()});
        }
        section.chart(predictedAgainstActual(
                "Mean repeat purchases in the holdout by repeat purchases in calibration (customers)",
                groups,
                byFrequency,
                2));
        List<String> deciles = new ArrayList<>();
        List<double[]> byDecile = new ArrayList<>();
        for (Validation.Decile decile : v.deciles()) {
            deciles.add("decile " + decile.decile() + " (" + decile.customers() + ")");
            byDecile.add(new double[] {decile.predicted(), decile.actual()});
        }
        section.chart(predictedAgainstActual(
                "Mean repeat purchases in the holdout by decile of predicted purchases (customers)",
                deciles,
                byDecile,
                2));
        List<String> periods = new ArrayList<>();
        List<double[]> cumulative = new ArrayList<>();
        // every four weeks, or fewer points over a long span
        double span = v.holdout().lastDay().toEpochDay()
                - LocalDate.ofInstant(first, ZoneOffset.UTC).toEpochDay();
        double period = Math.max(4, Math.ceil(span / 7 / MAX_TRACKING_POINTS));
        for (Validation.TrackingPoint point : v.tracking(period)) {
            periods.add(String.format(Locale.ROOT, "week %.0f%s", point.time(), point.inHoldout() ? " (holdout)" : ""));
            cumulative.add(new double[] {point.predictedCumulative(), point.actualCumulative()});
        }
        if (!periods.isEmpty() && periods.size() <= ReportChart.MAX_LABELS) {
            section.chart(predictedAgainstActual(
                    String.format(Locale.ROOT, "Cumulative repeat purchases every %.0f weeks", period),
                    periods,
                    cumulative,
                    0));
        }
        return section.build();
    }
}
