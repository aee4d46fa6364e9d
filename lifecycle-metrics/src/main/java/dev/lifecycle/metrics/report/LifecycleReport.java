package dev.lifecycle.metrics.report;

import static java.util.Objects.requireNonNull;

import dev.lifecycle.core.StageDistribution;
import dev.lifecycle.metrics.cohort.CohortRetention;
import dev.lifecycle.metrics.funnel.Funnel;
import dev.lifecycle.metrics.funnel.FunnelStep;
import dev.lifecycle.metrics.internal.Checks;
import dev.lifecycle.metrics.nps.NetPromoterScore;
import dev.lifecycle.metrics.rate.PeriodRates;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A lifecycle report: a stage distribution and a funnel, optionally cohort retention, a Net Promoter Score and key
 * figures, rendered as one self-contained HTML5 document.
 *
 * <p>Build one with {@link #builder()} and render it with {@link #toHtml()} or {@link #writeTo(Path)}. The document
 * needs no external resource and no script: styles are inline and the charts are inline SVG, each with its figures
 * beside it. Rates appear as percentages with one decimal, undefined rates as {@code n/a}. All text is escaped, and
 * the markup is well-formed XML (every element closed), so it can be parsed as XHTML. The same report always renders
 * to the same bytes. Instances are immutable and thread-safe.
 */
public final class LifecycleReport {
    private static final String DEFAULT_TITLE = "Lifecycle report";

    private final String title;
    private final Instant asOf;
    private final StageDistribution distribution;
    private final Funnel funnel;
    private final @Nullable CohortRetention cohortRetention;
    private final List<PeriodRates> periodRates;
    private final @Nullable NetPromoterScore nps;
    private final Map<String, String> keyFigures;
    private final List<ReportSection> sections;

    private LifecycleReport(Builder b, StageDistribution distribution, Funnel funnel) {
        this.title = b.title == null ? DEFAULT_TITLE : b.title;
        this.asOf = b.asOf == null ? distribution.asOf() : b.asOf;
        this.distribution = distribution;
        this.funnel = funnel;
        this.cohortRetention = b.cohortRetention;
        this.periodRates = List.copyOf(b.periodRates);
        this.nps = b.nps;
        this.keyFigures = Collections.unmodifiableMap(new LinkedHashMap<>(b.keyFigures));
        this.sections = List.copyOf(b.sections.values());
    }

    /** {@return a new builder for a report} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return the title, {@code "Lifecycle report"} unless set} */
    public String title() {
        return title;
    }

    /** {@return the instant the report describes, the distribution's unless set} */
    public Instant asOf() {
        return asOf;
    }

    /** {@return the number of customers in each stage} */
    public StageDistribution distribution() {
        return distribution;
    }

    /** {@return the funnel along the main path} */
    public Funnel funnel() {
        return funnel;
    }

    /** {@return the cohort retention table, if the report has one} */
    public Optional<CohortRetention> cohortRetention() {
        return Optional.ofNullable(cohortRetention);
    }

    /** {@return the churn and retention rows of the report's periods, oldest first; empty when it has none} */
    public List<PeriodRates> periodRates() {
        return periodRates;
    }

    /** {@return the Net Promoter Score, if the report has one} */
    public Optional<NetPromoterScore> nps() {
        return Optional.ofNullable(nps);
    }

    /** {@return the extra key figures, name to text, in the order they were added} */
    public Map<String, String> keyFigures() {
        return keyFigures;
    }

    /** {@return the sections added by other modules or the application, in the order they were added} */
    public List<ReportSection> sections() {
        return sections;
    }

    /**
     * Renders the report as one HTML5 document: a header, the key figures, the funnel, the stage distribution, the
     * cohort retention heatmap, the Net Promoter Score and the added {@linkplain #sections() sections}, each section
     * present only when the report has its data.
     *
     * <p>Each measured funnel step is one {@code <rect class="funnel-bar" data-step="...">} whose width is proportional
     * to the step's count; a step that is {@linkplain FunnelStep#measured() not measured} has no bar but a {@code
     * <text class="value not-measured" data-step="...">}, its table row says "not measured", and a note above the
     * chart names such steps. A measured step after one that is not measured shows no conversion from the previous step
     * and no drop-off ({@code n/a}). Each stage is one {@code <rect class="stage-bar" data-stage="...">}. Each present
     * cohort cell is a {@code <td class="cohort-cell">} coloured by bounded retention, incomplete cells also carry
     * class {@code incomplete} and a {@code *}; cells not yet observable are blank {@code <td
     * class="cohort-blank">}. Cohort rows are labelled by their first period, a month as {@code yyyy-MM} and a week by
     * its Monday. The heatmap is compact: 19 monthly columns fit a page 1200 pixels wide; a wider table scrolls inside
     * its own frame, never the page. An added section is a {@code <section id="...">} with its paragraphs, its figures
     * as a list and each chart as an SVG whose bars are {@code <rect class="chart-bar series-N" data-label="..."
     * data-series="..." data-value="...">} (N counts the series from 0), followed by a table of the same figures. Each
     * flow chart of a section is an SVG of class {@code flow-chart}: a {@code <rect class="flow-node flow-N"
     * data-side="from|to" data-label="..." data-count="...">} per label with customers on each side, as tall as its
     * customers, and a {@code <path class="flow-band flow-N" data-from="..." data-to="..." data-count="...">} per cell
     * with customers, as thick as its count (N is the label's colour); then its matrix as a heatmap whose cells print
     * their share of their row.
     *
     * @return the document, lines separated by {@code \n}
     */
    public String toHtml() {
        return ReportHtml.render(this);
    }

    /**
     * Writes {@link #toHtml()} to a file in UTF-8, replacing the file if it exists.
     *
     * @param path the file to write
     * @throws NullPointerException if {@code path} is null
     * @throws IOException if the file cannot be written
     */
    public void writeTo(Path path) throws IOException {
        requireNonNull(path, "path");
        Files.writeString(path, toHtml(), StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof LifecycleReport other
                && title.equals(other.title)
                && asOf.equals(other.asOf)
                && distribution.equals(other.distribution)
                && funnel.equals(other.funnel)
                && Objects.equals(cohortRetention, other.cohortRetention)
                && periodRates.equals(other.periodRates)
                && Objects.equals(nps, other.nps)
                && keyFigures.equals(other.keyFigures)
                && sections.equals(other.sections);
    }

    @Override
    public int hashCode() {
        return Objects.hash(title, asOf, distribution, funnel, cohortRetention, periodRates, nps, keyFigures, sections);
    }

    @Override
    public String toString() {
        return "LifecycleReport{title=" + title + ", asOf=" + asOf + ", template=" + distribution.templateName()
                + ", funnel=" + funnel + (cohortRetention == null ? "" : ", cohorts=" + cohortRetention.cohorts())
                + (nps == null ? "" : ", nps=" + nps) + ", keyFigures=" + keyFigures.keySet()
                + (sections.isEmpty()
                        ? ""
                        : ", sections="
                                + sections.stream().map(ReportSection::id).toList()) + "}";
    }

    /**
     * Collects the parts of a report; the distribution and the funnel are required. Not thread-safe.
     *
     * <p>Setting a part again replaces it; key figures keep the order they were added in.
     */
    public static final class Builder {
        private @Nullable String title;
        private @Nullable Instant asOf;
        private @Nullable StageDistribution distribution;
        private @Nullable Funnel funnel;
        private @Nullable CohortRetention cohortRetention;
        private final List<PeriodRates> periodRates = new ArrayList<>();
        private @Nullable NetPromoterScore nps;
        private final Map<String, String> keyFigures = new LinkedHashMap<>();
        private final Map<String, ReportSection> sections = new LinkedHashMap<>();

        private Builder() {}

        /**
         * Sets the title; {@code "Lifecycle report"} unless set.
         *
         * @param title the title, not blank
         * @return this builder
         * @throws NullPointerException if {@code title} is null
         * @throws IllegalArgumentException if {@code title} is blank
         */
        public Builder title(String title) {
            requireNonNull(title, "title");
            this.title = Checks.nonBlank(title, "title");
            return this;
        }

        /**
         * Sets the instant the report describes; the distribution's {@link StageDistribution#asOf()} unless set.
         *
         * @param asOf the instant
         * @return this builder
         * @throws NullPointerException if {@code asOf} is null
         */
        public Builder asOf(Instant asOf) {
            this.asOf = requireNonNull(asOf, "asOf");
            return this;
        }

        /**
         * Sets the stage distribution; required.
         *
         * @param distribution the number of customers in each stage
         * @return this builder
         * @throws NullPointerException if {@code distribution} is null
         */
        public Builder distribution(StageDistribution distribution) {
            this.distribution = requireNonNull(distribution, "distribution");
            return this;
        }

        /**
         * Sets the funnel; required. {@link Funnel#fromDistribution(StageDistribution)} gives the main-path funnel.
         *
         * @param funnel the funnel
         * @return this builder
         * @throws NullPointerException if {@code funnel} is null
         */
        public Builder funnel(Funnel funnel) {
            this.funnel = requireNonNull(funnel, "funnel");
            return this;
        }

        /**
         * Sets the cohort retention table; without one the report has no cohort section.
         *
         * @param cohortRetention the table
         * @return this builder
         * @throws NullPointerException if {@code cohortRetention} is null
         */
        public Builder cohortRetention(CohortRetention cohortRetention) {
            this.cohortRetention = requireNonNull(cohortRetention, "cohortRetention");
            return this;
        }

        /**
         * Adds churn and retention rows, one per period, shown oldest first as a table; without any the report has no
         * such section.
         *
         * @param periods the rows, for example from {@link PeriodRates#quarterly}
         * @return this builder
         * @throws NullPointerException if {@code periods} or an element is null
         * @throws IllegalArgumentException if two rows cover overlapping periods
         */
        public Builder periodRates(List<PeriodRates> periods) {
            requireNonNull(periods, "periods");
            List<PeriodRates> all = new ArrayList<>(periodRates);
            for (int i = 0; i < periods.size(); i++) {
                all.add(requireNonNull(periods.get(i), "periods[" + i + "]"));
            }
            all.sort(Comparator.comparing(PeriodRates::start));
            for (int i = 1; i < all.size(); i++) {
                if (all.get(i).start().isBefore(all.get(i - 1).end())) {
                    throw new IllegalArgumentException(
                            "periods must not overlap, but " + all.get(i - 1).start()
                                    + " to " + all.get(i - 1).end() + " overlaps "
                                    + all.get(i).start() + " to "
                                    + all.get(i).end());
                }
            }
            periodRates.clear();
            periodRates.addAll(all);
            return this;
        }

        /**
         * Sets the Net Promoter Score; without one the report has no NPS section.
         *
         * @param nps the score
         * @return this builder
         * @throws NullPointerException if {@code nps} is null
         */
        public Builder nps(NetPromoterScore nps) {
            this.nps = requireNonNull(nps, "nps");
            return this;
        }

        /**
         * Adds a key figure, shown as given near the top of the report.
         *
         * @param name the figure's name, not blank, unique in the report
         * @param text the figure, already formatted
         * @return this builder
         * @throws NullPointerException if an argument is null
         * @throws IllegalArgumentException if {@code name} is blank or was added before
         */
        public Builder keyFigure(String name, String text) {
            requireNonNull(name, "name");
            requireNonNull(text, "text");
            Checks.nonBlank(name, "key figure name");
            if (keyFigures.containsKey(name)) {
                throw new IllegalArgumentException("key figure name must be unique but '" + name + "' is repeated");
            }
            keyFigures.put(name, text);
            return this;
        }

        /**
         * Adds a section, shown after the report's own sections in the order added.
         *
         * @param section the section
         * @return this builder
         * @throws NullPointerException if {@code section} is null
         * @throws IllegalArgumentException if a section with the same id was added before
         */
        public Builder section(ReportSection section) {
            requireNonNull(section, "section");
            if (sections.putIfAbsent(section.id(), section) != null) {
                throw new IllegalArgumentException("section id must be unique but '" + section.id() + "' is repeated");
            }
            return this;
        }

        /**
         * Builds the report.
         *
         * @return the report
         * @throws IllegalStateException if the distribution or the funnel was not set
         */
        public LifecycleReport build() {
            StageDistribution d = distribution;
            if (d == null) {
                throw new IllegalStateException("a report needs a stage distribution but none was set");
            }
            Funnel f = funnel;
            if (f == null) {
                throw new IllegalStateException("a report needs a funnel but none was set");
            }
            return new LifecycleReport(this, d, f);
        }
    }
}
