package dev.lifecycle.examples;

import dev.lifecycle.core.ConditionRegistry;
import dev.lifecycle.core.CustomerEvent;
import dev.lifecycle.core.LifecycleClassifier;
import dev.lifecycle.core.LifecycleTemplate;
import dev.lifecycle.core.ProfileTable;
import dev.lifecycle.core.TemplateSpec;
import dev.lifecycle.core.TransitionRule;
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
import java.util.Map;
import java.util.Objects;

/**
 * The at-risk template of docs/predict.md as a YAML file ({@code templates/five-stage-at-risk.yaml}) whose predictive
 * condition names a fitted model the program supplies at load time; then the same template written with the model's
 * parameters in the file, and read back without a supplied model. Run it with {@code java -cp lifecycle-examples/target/lifecycle-demo.jar
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
                .registerTypes(PredictiveConditions.conditionTypes(Map.of("cdnow-weekly", model), Map.of()))
                .build();
        LifecycleTemplate template =
                TemplateFiles.read(yaml, TemplateFiles.Format.YAML, "five-stage-at-risk.yaml", registry);
        LifecycleClassifier classifier = LifecycleClassifier.of(template);
        out.println(template.name() + ": "
                + classifier.classifyAll(customers.profiles(), asOf).counts());
        // at-risk-file:end

        // at-risk-frozen:begin
        // the same rule with the model itself, not its name: the file then carries the fitted parameters
        TransitionRule rule = template.rule("at-risk").orElseThrow().toBuilder()
                .when(PredictiveConditions.probabilityAliveBelow(model, 0.3, ChronoUnit.WEEKS))
                .build();
        LifecycleTemplate frozen =
                template.toBuilder().replaceRule("at-risk", rule).build();
        String written = TemplateFiles.write(TemplateSpec.of(frozen), TemplateFiles.Format.YAML);
        ConditionRegistry modelsInFile = ConditionRegistry.builder()
                .registerTypes(PredictiveConditions.conditionTypes())
                .build();
        LifecycleTemplate readBack =
                TemplateFiles.read(written, TemplateFiles.Format.YAML, "frozen.yaml", modelsInFile);
        out.println(readBack.equals(frozen) + " " + readBack.name() + ": "
                + LifecycleClassifier.of(readBack)
                        .classifyAll(customers.profiles(), asOf)
                        .counts());
        // at-risk-frozen:end
        // the at-risk rule's condition as the written file has it
        List<String> lines = written.lines().toList();
        int type = lines.indexOf(lines.stream()
                .filter(l -> l.endsWith("type: p-alive-below"))
                .findFirst()
                .orElseThrow());
        int end = type;
        while (!lines.get(end).strip().startsWith("threshold:")) {
            end++;
        }
        lines.subList(type - 1, end + 1).forEach(out::println);
    }

    static String resource(String name) {
        try (InputStream in = Objects.requireNonNull(AtRiskTemplateFile.class.getResourceAsStream(name), name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
