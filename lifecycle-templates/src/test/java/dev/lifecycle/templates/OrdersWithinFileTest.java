package dev.lifecycle.templates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lifecycle.core.Condition;
import dev.lifecycle.core.ConditionRegistry;
import dev.lifecycle.core.CustomerEvent;
import dev.lifecycle.core.CustomerProfile;
import dev.lifecycle.core.EventType;
import dev.lifecycle.core.LifecycleClassifier;
import dev.lifecycle.core.LifecycleTemplate;
import dev.lifecycle.core.Money;
import dev.lifecycle.core.ProfileTable;
import dev.lifecycle.core.Stage;
import dev.lifecycle.core.StageDistribution;
import dev.lifecycle.core.Templates;
import dev.lifecycle.core.TransitionRule;
import dev.lifecycle.templates.TemplateFiles.Format;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code orders-within} in template files: the "active repeat customer" side stage, in YAML and in JSON. */
final class OrdersWithinFileTest {
    private static final Path YAML = Path.of("src/test/resources/examples/active-customers.yaml");
    private static final Path JSON = Path.of("src/test/resources/examples/active-customers.json");
    private static final Instant AS_OF = Instant.parse("2025-06-01T00:00:00Z");
    private static final Condition ACTIVE = Condition.ordersWithin(3, Duration.ofDays(90));

    private static LifecycleTemplate read(Path file) {
        try {
            return TemplateFiles.read(file, ConditionRegistry.empty());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static CustomerEvent order(String customerId, int daysAgo) {
        return CustomerEvent.builder(customerId, EventType.PURCHASE, AS_OF.minus(Duration.ofDays(daysAgo)))
                .eventId(customerId + "-" + daysAgo)
                .build();
    }

    private static CustomerEvent paid(String customerId, int daysAgo) {
        return CustomerEvent.builder(customerId, EventType.PURCHASE, AS_OF.minus(Duration.ofDays(daysAgo)))
                .eventId(customerId + "-paid-" + daysAgo)
                .amount(Money.of("20.00", "USD"))
                .build();
    }

    @Test
    void read_yamlAndJson_equalTheTemplateBuiltInCode() {
        LifecycleTemplate expected = Templates.fiveStage().toBuilder()
                .name("active-customers")
                .addStage(Stage.builder("active")
                        .name("Active")
                        .sideStage(true)
                        .description("At least 3 orders in the last 90 days.")
                        .build())
                .addRule(TransitionRule.builder("active")
                        .from("retention")
                        .to("active")
                        .when(ACTIVE)
                        .priority(50)
                        .build())
                .addRule(TransitionRule.builder("active-ends")
                        .from("active")
                        .to("retention")
                        .when(Condition.not(ACTIVE))
                        .build())
                .build();

        assertEquals(expected, read(YAML));
        assertEquals(expected, read(JSON));
    }

    @Test
    void classify_ordersInAndOutOfTheWindow_activeOnlyWithThreeWithin() {
        LifecycleClassifier classifier = LifecycleClassifier.of(read(YAML));
        List<List<CustomerEvent>> customers = List.of(
                List.of(order("a", 80), paid("a", 40), order("a", 5)),
                List.of(order("b", 91), paid("b", 40), order("b", 5)),
                List.of(order("c", 200), order("c", 150), paid("c", 89), order("c", 60), order("c", 1)),
                List.of(order("d", 30), order("d", 20)));
        List<String> expected = List.of("active", "retention", "active", "retention");
        List<CustomerProfile> profiles = new ArrayList<>();
        List<CustomerEvent> log = new ArrayList<>();
        for (int i = 0; i < customers.size(); i++) {
            List<CustomerEvent> events = customers.get(i);
            CustomerProfile profile = CustomerProfile.fromEvents(events.get(0).customerId(), events);
            profiles.add(profile);
            log.addAll(events);
            assertEquals(
                    expected.get(i), classifier.classify(profile, AS_OF).stage().id(), profile::toString);
        }
        StageDistribution distribution = classifier.classifyAll(profiles, AS_OF);

        assertEquals(2, distribution.count("active"));
        assertEquals(distribution, classifier.classifyAll(ProfileTable.fromEvents(log), AS_OF));
        assertEquals(distribution, LifecycleClassifier.of(read(JSON)).classifyAll(ProfileTable.of(profiles), AS_OF));
    }

    @Test
    void read_countOutOfRange_problemWithLineAndColumn() {
        String yaml = "name: t\nextends: five-stage\nedits:\n  - add-rule:\n      id: x\n      from: [retention]\n"
                + "      to: lapsed\n      when: {type: orders-within, count: 3000000000, window: P90D}\n";

        TemplateFileException e = assertThrows(
                TemplateFileException.class,
                () -> TemplateFiles.read(yaml, Format.YAML, "shop.yaml", ConditionRegistry.empty()));

        String message = String.valueOf(e.getMessage());
        assertTrue(message.contains("count: must be at most 2147483647 but was 3000000000"), message);
        assertTrue(message.contains("shop.yaml:8:"), message);
    }
}
