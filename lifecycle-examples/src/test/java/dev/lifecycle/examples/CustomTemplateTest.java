package dev.lifecycle.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lifecycle.core.Classification;
import dev.lifecycle.core.ConditionRegistry;
import dev.lifecycle.core.CustomerProfile;
import dev.lifecycle.core.LifecycleClassifier;
import dev.lifecycle.core.Stage;
import dev.lifecycle.templates.TemplateFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class CustomTemplateTest {
    private static final Instant AS_OF = Instant.parse("2026-06-01T00:00:00Z");

    @Test
    void myShop_stages_reachSplitAndVipAdded() {
        assertEquals(
                List.of("awareness", "interest", "acquire", "develop", "retention", "advocacy", "lapsed", "vip"),
                CustomTemplate.myShop().stages().stream().map(Stage::id).toList());
    }

    @Test
    void myShop_equalsTheTemplatesPageYamlFile() throws IOException {
        // The my-shop.yaml of docs/templates.md (checked in lifecycle-templates) describes the same template as data.
        Path yaml = Path.of("..", "lifecycle-templates", "src", "test", "resources", "examples", "my-shop.yaml");

        assertEquals(TemplateFiles.read(yaml, ConditionRegistry.empty()), CustomTemplate.myShop());
    }

    @Test
    void classify_exampleCustomers_stagesFollowTheRules() {
        // Derived from the rules: awareness-to-interest on 1 engagement (priority 31, above first-purchase's 30);
        // nurture after 30 days (20); second-purchase (30); vip on 1,000 USD within 365 days (50) outranks referral
        // (30); nobody's last order is more than 180 days old, so nobody lapses.
        Map<String, List<String>> expected = new LinkedHashMap<>();
        expected.put("ann", List.of("awareness", "awareness")); // no engagement, no order
        expected.put("ben", List.of("interest", "interest")); // 4 product views
        expected.put("cat", List.of("acquire", "acquire")); // first order 10 days ago: not yet nurtured
        expected.put("dan", List.of("retention", "retention")); // 550 USD within the year
        expected.put("eve", List.of("vip", "retention")); // 1,050 USD within the year beats the referral
        expected.put("fay", List.of("advocacy", "advocacy")); // 900 of 1,100 USD more than a year ago

        LifecycleClassifier classifier = LifecycleClassifier.of(CustomTemplate.myShop());
        Map<String, List<String>> actual = new LinkedHashMap<>();
        for (CustomerProfile customer : CustomTemplate.customers(AS_OF)) {
            Classification now = classifier.classify(customer, AS_OF);
            actual.put(
                    customer.customerId(),
                    List.of(now.stage().id(), now.highestMainStage().id()));
        }

        assertEquals(expected, actual);
    }

    @Test
    void run_exampleCustomers_printsStageAndFiredRules() {
        assertEquals(
                List.of(
                        "ann: awareness (furthest main stage awareness)",
                        "ben: interest (furthest main stage interest)",
                        "  awareness -> interest by awareness-to-interest:"
                                + " engagement 4 (productViews 4 + cartAdds 0 + signUps 0) >= 1",
                        "cat: acquire (furthest main stage acquire)",
                        "  awareness -> interest by awareness-to-interest:"
                                + " engagement 2 (productViews 2 + cartAdds 0 + signUps 0) >= 1",
                        "  interest -> acquire by first-purchase: orderCount 1 >= 1",
                        "dan: retention (furthest main stage retention)",
                        "  awareness -> acquire by first-purchase: orderCount 2 >= 1",
                        "  acquire -> retention by second-purchase: orderCount 2 >= 2",
                        "eve: vip (furthest main stage retention)",
                        "  awareness -> acquire by first-purchase: orderCount 2 >= 1",
                        "  acquire -> retention by second-purchase: orderCount 2 >= 2",
                        "  retention -> vip by vip: net spend 1050.00 USD within 365 days before asOf"
                                + " 2026-06-01T00:00:00Z >= 1000.00 USD",
                        "fay: advocacy (furthest main stage advocacy)",
                        "  awareness -> acquire by first-purchase: orderCount 2 >= 1",
                        "  acquire -> retention by second-purchase: orderCount 2 >= 2",
                        "  retention -> advocacy by referral: referralCount 1 >= 1"),
                ReadmeSnippets.output(CustomTemplate::run));
    }

    @Test
    void templatesPage_customTemplateOutput_isWhatTheExamplePrints() throws IOException {
        ReadmeSnippets.assertPageShowsOutput(
                ReadmeSnippets.docsPage("templates.md"), ReadmeSnippets.output(CustomTemplate::run));
    }

    @Test
    void templatesPage_customTemplateBlocks_areTheCompiledExample() throws IOException {
        Path page = ReadmeSnippets.docsPage("templates.md");
        ReadmeSnippets.assertPageShows(
                page, "src/main/java/dev/lifecycle/examples/CustomTemplate.java", "custom-template");
        ReadmeSnippets.assertPageShows(
                page, "src/main/java/dev/lifecycle/examples/CustomTemplate.java", "custom-template-use");
    }
}
