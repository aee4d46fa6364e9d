package dev.lifecycle.examples;

import dev.lifecycle.core.ConditionRegistry;
import dev.lifecycle.core.CustomerEvent;
import dev.lifecycle.core.LifecycleClassifier;
import dev.lifecycle.core.LifecycleTemplate;
import dev.lifecycle.core.ProfileTable;
import dev.lifecycle.examples.data.BundledData;
import dev.lifecycle.predict.BgNbd;
import dev.lifecycle.predict.CustomerSummaries;
import dev.lifecycle.predict.PredictiveConditions;
import dev.lifecycle.predict.SummaryOptions;
import dev.lifecycle.templates.TemplateFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;

/**
 * The at-risk template of docs/predict.md as a YAML file ({@code templates/five-stage-at-risk.yaml}), its predictive
 * condition supplied by name at load time. Run it with {@code java -cp lifecycle-examples/target/lifecycle-demo.jar
 * dev.lifecycle.examples.AtRiskTemplateFile}.
 */
public final class AtRiskTemplateFile {
    static final String FILE = "/templates/five-stage-at-risk.yaml";

    private AtRiskTemplateFile() {}

    /**
     * Runs the example and prints to standard output.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        run(System.out);
    }

    static void run(PrintStream out) {
        List<CustomerEvent> events = BundledData.bundledCdnow().events();
        Instant asOf = Instant.parse("1998-07-01T00:00:00Z");
        SummaryOptions weeks = SummaryOptions.through(LocalDate.of(1998, 6, 30)).inUnits(ChronoUnit.WEEKS);
        BgNbd model = BgNbd.fit(CustomerSummaries.fromEvents(events, weeks)).model();
        ProfileTable customers = ProfileTable.fromEvents(events);
        String yaml = resource(FILE);
        // at-risk-file:begin
        ConditionRegistry registry = ConditionRegistry.builder()
                .register("p-alive-below-0.3", PredictiveConditions.probabilityAliveBelow(model, 0.3, ChronoUnit.WEEKS))
                .build();
        LifecycleTemplate template =
                TemplateFiles.read(yaml, TemplateFiles.Format.YAML, "five-stage-at-risk.yaml", registry);
        LifecycleClassifier classifier = LifecycleClassifier.of(template);
        out.println(template.name() + ": "
                + classifier.classifyAll(customers.profiles(), asOf).counts());
        // at-risk-file:end
    }

    static String resource(String name) {
        try (InputStream in = Objects.requireNonNull(AtRiskTemplateFile.class.getResourceAsStream(name), name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
