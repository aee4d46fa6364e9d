package dev.lifecycle.metrics.report;

import static java.util.Objects.requireNonNull;

import dev.lifecycle.metrics.internal.Checks;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A section of a {@link LifecycleReport} that another module or the application fills: a heading, paragraphs, named
 * figures, bar charts ({@link ReportChart}), flow charts ({@link ReportFlow}) and heatmaps ({@link ReportHeatmap}). The
 * predictions of {@code lifecycle-predict} (the fitted model, the
 * P(alive) distribution, predicted against actual purchases) reach the report this way. Instances are immutable and
 * thread-safe.
 */
public final class ReportSection {
    /** The form of a section id: it becomes the HTML id, so lower-case letters, digits and '-'. */
    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9-]{0,63}");
    /** The ids of the report's own sections. */
    static final Set<String> RESERVED_IDS =
            Set.of("key-figures", "funnel", "period-rates", "distribution", "cohorts", "nps");

    private final String id;
    private final String heading;
    private final List<String> paragraphs;
    private final Map<String, String> figures;
    private final List<ReportChart> charts;
    private final List<ReportFlow> flows;
    private final List<ReportHeatmap> heatmaps;

    private ReportSection(Builder b) {
        this.id = b.id;
        this.heading = b.heading;
        this.paragraphs = List.copyOf(b.paragraphs);
        this.figures = Collections.unmodifiableMap(new LinkedHashMap<>(b.figures));
        this.charts = List.copyOf(b.charts);
        this.flows = List.copyOf(b.flows);
        this.heatmaps = List.copyOf(b.heatmaps);
    }

    /**
     * Returns a builder for a section.
     *
     * @param id the section's HTML id: a lower-case letter, then up to 63 lower-case letters, digits or '-'; not one
     *     of the report's own sections' ids
     * @param heading the heading, not blank
     * @return the builder
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the id breaks its rule or the heading is blank
     */
    public static Builder builder(String id, String heading) {
        requireNonNull(id, "id");
        requireNonNull(heading, "heading");
        if (!ID.matcher(id).matches() || RESERVED_IDS.contains(id)) {
            throw new IllegalArgumentException("section id must be a lower-case letter then up to 63 lower-case"
                    + " letters, digits or '-', and not one of " + RESERVED_IDS + ", but was '" + id + "'");
        }
        return new Builder(id, Checks.nonBlank(heading, "heading"));
    }

    /** {@return the section's HTML id} */
    public String id() {
        return id;
    }

    /** {@return the heading} */
    public String heading() {
        return heading;
    }

    /** {@return the paragraphs, in order} */
    public List<String> paragraphs() {
        return paragraphs;
    }

    /** {@return the figures by name, in the order added} */
    public Map<String, String> figures() {
        return figures;
    }

    /** {@return the charts, in order} */
    public List<ReportChart> charts() {
        return charts;
    }

    /** {@return the flow charts, in order, shown after the charts, each followed by its matrix} */
    public List<ReportFlow> flows() {
        return flows;
    }

    /** {@return the heatmaps, in order, shown after the charts and the flow charts} */
    public List<ReportHeatmap> heatmaps() {
        return heatmaps;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof ReportSection other
                && id.equals(other.id)
                && heading.equals(other.heading)
                && paragraphs.equals(other.paragraphs)
                && figures.equals(other.figures)
                && charts.equals(other.charts)
                && flows.equals(other.flows)
                && heatmaps.equals(other.heatmaps);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, heading, paragraphs, figures, charts, flows, heatmaps);
    }

    @Override
    public String toString() {
        return "ReportSection{" + id + ", " + heading + ", figures=" + figures.keySet() + ", " + charts.size()
                + " charts, " + flows.size() + " flows, " + heatmaps.size() + " heatmaps}";
    }

    /** Collects a section's parts in order. Not thread-safe. */
    public static final class Builder {
        private final String id;
        private final String heading;
        private final List<String> paragraphs = new ArrayList<>();
        private final Map<String, String> figures = new LinkedHashMap<>();
        private final List<ReportChart> charts = new ArrayList<>();
        private final List<ReportFlow> flows = new ArrayList<>();
        private final List<ReportHeatmap> heatmaps = new ArrayList<>();

        private Builder(String id, String heading) {
            this.id = id;
            this.heading = heading;
        }

        /**
         * Adds a paragraph of text.
         *
         * @param text the text, not blank
         * @return this builder
         * @throws NullPointerException if {@code text} is null
         * @throws IllegalArgumentException if {@code text} is blank
         */
        public Builder paragraph(String text) {
            paragraphs.add(Checks.nonBlank(requireNonNull(text, "text"), "paragraph"));
            return this;
        }

        /**
         * Adds a named figure, shown as given.
         *
         * @param name the name, not blank, unique in the section
         * @param text the figure, already formatted
         * @return this builder
         * @throws NullPointerException if an argument is null
         * @throws IllegalArgumentException if {@code name} is blank or was added before
         */
        public Builder figure(String name, String text) {
            requireNonNull(name, "name");
            requireNonNull(text, "text");
            Checks.nonBlank(name, "figure name");
            if (figures.putIfAbsent(name, text) != null) {
                throw new IllegalArgumentException("figure name must be unique but '" + name + "' is repeated");
            }
            return this;
        }

        /**
         * Adds a chart.
         *
         * @param chart the chart
         * @return this builder
         * @throws NullPointerException if {@code chart} is null
         */
        public Builder chart(ReportChart chart) {
            charts.add(requireNonNull(chart, "chart"));
            return this;
        }

        /**
         * Adds a flow chart.
         *
         * @param flow the flow chart
         * @return this builder
         * @throws NullPointerException if {@code flow} is null
         */
        public Builder flow(ReportFlow flow) {
            flows.add(requireNonNull(flow, "flow"));
            return this;
        }

        /**
         * Adds a heatmap.
         *
         * @param heatmap the heatmap
         * @return this builder
         * @throws NullPointerException if {@code heatmap} is null
         */
        public Builder heatmap(ReportHeatmap heatmap) {
            heatmaps.add(requireNonNull(heatmap, "heatmap"));
            return this;
        }

        /** {@return the section} */
        public ReportSection build() {
            return new ReportSection(this);
        }
    }
}
