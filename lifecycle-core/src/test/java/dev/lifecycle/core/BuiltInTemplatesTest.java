package dev.lifecycle.core;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The tables of the built-in templates on docs/templates.md, as tests, plus the templates' shape and metadata. */
final class BuiltInTemplatesTest {
    private static final Instant AS_OF = Instant.parse("2026-06-01T00:00:00Z");
    private static final String ID = "c1";

    /** One table row of docs/templates.md: a description of the customer, how to build them, and the expected stages. */
    private record Row(String description, Supplier<CustomerProfile> profile, String stage, String reached) {
        String pageLine() {
            return "| " + description + " | " + stage + " | " + reached + " |";
        }

        @Override
        public String toString() {
            return description;
        }
    }

    private static Instant daysBefore(long days) {
        return AS_OF.minus(Duration.ofDays(days));
    }

    private static CustomerProfile.Builder known() {
        return CustomerProfile.builder(ID).firstSeen(daysBefore(30));
    }

    /** N orders, the last {@code lastOrderAt}; for two or more, the first 60 days earlier. */
    private static CustomerProfile.Builder orders(long n, Instant lastOrderAt) {
        CustomerProfile.Builder b = CustomerProfile.builder(ID).orderCount(n).lastOrderAt(lastOrderAt);
        if (n >= 2) {
            b.firstOrderAt(lastOrderAt.minus(Duration.ofDays(60)));
        }
        return b;
    }

    private static CustomerProfile orders(long n, long lastOrderDaysBefore) {
        return orders(n, daysBefore(lastOrderDaysBefore)).build();
    }

    private static CustomerProfile orders(long n, long lastOrderDaysBefore, long referrals) {
        return orders(n, daysBefore(lastOrderDaysBefore))
                .referralCount(referrals)
                .build();
    }

    private static final Instant EXACTLY_180_DAYS = daysBefore(180);
    private static final Instant OVER_180_DAYS = daysBefore(180).minusSeconds(1);

    static List<Row> fiveStageRows() {
        return List.of(
                new Row("known customer, no engagement, no order", () -> known().build(), "awareness", "awareness"),
                new Row(
                        "3 product views, no order",
                        () -> known().productViews(3).build(),
                        "consideration",
                        "consideration"),
                new Row("1 order, 10 days before asOf", () -> orders(1, 10), "conversion", "conversion"),
                new Row("2 orders, the last 10 days before asOf", () -> orders(2, 10), "retention", "retention"),
                new Row(
                        "2 orders, the last 10 days before asOf, 1 referral",
                        () -> orders(2, 10, 1),
                        "advocacy",
                        "advocacy"),
                new Row("2 orders, the last 200 days before asOf", () -> orders(2, 200), "lapsed", "retention"),
                new Row(
                        "2 orders, the last 200 days before asOf, 1 referral",
                        () -> orders(2, 200, 1),
                        "lapsed",
                        "advocacy"),
                new Row(
                        "1 order, exactly 180 days before asOf",
                        () -> orders(1, EXACTLY_180_DAYS).build(),
                        "conversion",
                        "conversion"),
                new Row(
                        "1 order, 180 days and 1 second before asOf",
                        () -> orders(1, OVER_180_DAYS).build(),
                        "lapsed",
                        "conversion"));
    }

    static List<Row> buyerLifecycleRows() {
        return List.of(
                new Row(
                        "known customer, 2 site visits, no order",
                        () -> known().siteVisits(2).build(),
                        "reach",
                        "reach"),
                new Row("1 order, 10 days before asOf", () -> orders(1, 10), "acquire", "acquire"),
                new Row("1 order, 40 days before asOf", () -> orders(1, 40), "develop", "develop"),
                new Row("2 orders, the last 10 days before asOf", () -> orders(2, 10), "retention", "retention"),
                new Row(
                        "2 orders, the last 10 days before asOf, 1 referral",
                        () -> orders(2, 10, 1),
                        "advocacy",
                        "advocacy"),
                new Row(
                        "1 order, exactly 180 days before asOf",
                        () -> orders(1, EXACTLY_180_DAYS).build(),
                        "develop",
                        "develop"),
                new Row(
                        "1 order, 180 days and 1 second before asOf",
                        () -> orders(1, OVER_180_DAYS).build(),
                        "lapsed",
                        "develop"));
    }

    static List<Row> trackingCategoriesRows() {
        return List.of(
                new Row(
                        "known customer, 5 product views, no order",
                        () -> known().productViews(5).build(),
                        "lead",
                        "lead"),
                new Row("1 order, 10 days before asOf", () -> orders(1, 10), "customer", "customer"),
                new Row("2 orders, the last 10 days before asOf", () -> orders(2, 10), "retained", "retained"),
                new Row("1 order, 10 days before asOf, 1 referral", () -> orders(1, 10, 1), "advocate", "advocate"),
                new Row(
                        "2 orders, the last 10 days before asOf, 1 referral",
                        () -> orders(2, 10, 1),
                        "advocate",
                        "advocate"),
                new Row(
                        "3 orders, the last 200 days before asOf, 1 referral",
                        () -> orders(3, 200, 1),
                        "lapsed",
                        "advocate"));
    }

    static Stream<Arguments> allRows() {
        List<Arguments> all = new ArrayList<>();
        fiveStageRows().forEach(r -> all.add(Arguments.of("fiveStage", Templates.fiveStage(), r)));
        buyerLifecycleRows().forEach(r -> all.add(Arguments.of("buyerLifecycle", Templates.buyerLifecycle(), r)));
        trackingCategoriesRows()
                .forEach(r -> all.add(Arguments.of("trackingCategories", Templates.trackingCategories(), r)));
        return all.stream();
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("allRows")
    void classify_readmeRow_givesListedStageAndReached(String factory, LifecycleTemplate template, Row row) {
        Classification c =
                LifecycleClassifier.of(template).classify(row.profile().get(), AS_OF);

        assertAll(
                () -> assertEquals(row.stage(), c.stage().id(), () -> "stage of '" + row + "': " + c),
                () -> assertEquals(row.reached(), c.highestMainStage().id(), () -> "reached of '" + row + "': " + c));
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("allRows")
    void templatesPage_row_isListedVerbatim(String factory, LifecycleTemplate template, Row row) throws IOException {
        List<String> lines = DocPages.read(DocPages.TEMPLATES).lines().toList();

        assertTrue(
                lines.stream().map(String::strip).anyMatch(row.pageLine()::equals),
                () -> DocPages.TEMPLATES + " has no line '" + row.pageLine() + "' (table of Templates." + factory
                        + "())");
    }

    // The five-stage rows again, folded from events instead of built from facts.

    private static CustomerEvent event(EventType type, Instant at) {
        return CustomerEvent.of(ID, type, at);
    }

    private static List<CustomerEvent> purchases(Instant... at) {
        return Stream.of(at).map(t -> event(EventType.PURCHASE, t)).toList();
    }

    private static List<CustomerEvent> plus(List<CustomerEvent> events, CustomerEvent... more) {
        List<CustomerEvent> all = new ArrayList<>(events);
        all.addAll(List.of(more));
        return all;
    }

    static Stream<Arguments> fiveStageEventRows() {
        Function<Long, List<CustomerEvent>> twoOrders =
                lastDays -> purchases(daysBefore(lastDays + 60), daysBefore(lastDays));
        Function<Long, CustomerEvent> referral = days -> event(EventType.REFERRAL, daysBefore(days));
        return Stream.of(
                Arguments.of(
                        "known customer, no engagement, no order",
                        List.of(event(EventType.SITE_VISIT, daysBefore(30))),
                        "awareness",
                        "awareness"),
                Arguments.of(
                        "3 product views, no order",
                        List.of(
                                event(EventType.PRODUCT_VIEW, daysBefore(30)),
                                event(EventType.PRODUCT_VIEW, daysBefore(20)),
                                event(EventType.PRODUCT_VIEW, daysBefore(10))),
                        "consideration",
                        "consideration"),
                Arguments.of("1 order, 10 days before asOf", purchases(daysBefore(10)), "conversion", "conversion"),
                Arguments.of("2 orders, the last 10 days before asOf", twoOrders.apply(10L), "retention", "retention"),
                Arguments.of(
                        "2 orders, the last 10 days before asOf, 1 referral",
                        plus(twoOrders.apply(10L), referral.apply(5L)),
                        "advocacy",
                        "advocacy"),
                Arguments.of("2 orders, the last 200 days before asOf", twoOrders.apply(200L), "lapsed", "retention"),
                Arguments.of(
                        "2 orders, the last 200 days before asOf, 1 referral",
                        plus(twoOrders.apply(200L), referral.apply(230L)),
                        "lapsed",
                        "advocacy"),
                Arguments.of(
                        "1 order, exactly 180 days before asOf",
                        purchases(EXACTLY_180_DAYS),
                        "conversion",
                        "conversion"),
                Arguments.of(
                        "1 order, 180 days and 1 second before asOf",
                        purchases(OVER_180_DAYS),
                        "lapsed",
                        "conversion"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fiveStageEventRows")
    void classify_fiveStageRowFromEvents_givesSameStages(
            String description, List<CustomerEvent> events, String stage, String reached) {
        CustomerProfile profile = CustomerProfile.fromEvents(ID, events);

        Classification c = LifecycleClassifier.of(Templates.fiveStage()).classify(profile, AS_OF);

        assertEquals(stage, c.stage().id(), c::toString);
        assertEquals(reached, c.highestMainStage().id(), c::toString);
    }

    @Test
    void fiveStageEventRows_matchTheFactRows() {
        List<String> fromEvents = fiveStageEventRows()
                .map(a -> a.get()[0] + " | " + a.get()[2] + " | " + a.get()[3])
                .toList();
        List<String> fromFacts = fiveStageRows().stream()
                .map(r -> r.description() + " | " + r.stage() + " | " + r.reached())
                .toList();

        assertEquals(fromFacts, fromEvents);
    }

    @Test
    void fiveStage_ninetyDayLapsePeriod_lapsesHundredDayOldOrder() {
        CustomerProfile profile = orders(1, 100);

        Classification custom =
                LifecycleClassifier.of(Templates.fiveStage(Duration.ofDays(90))).classify(profile, AS_OF);
        Classification standard = LifecycleClassifier.of(Templates.fiveStage()).classify(profile, AS_OF);

        assertEquals("lapsed", custom.stage().id());
        assertEquals("conversion", custom.highestMainStage().id());
        assertEquals("conversion", standard.stage().id());
    }

    @Test
    void fiveStage_ninetyDayLapsePeriod_keepsNinetyDayOldOrder() {
        Classification c =
                LifecycleClassifier.of(Templates.fiveStage(Duration.ofDays(90))).classify(orders(1, 90), AS_OF);

        assertEquals("conversion", c.stage().id());
    }

    @Test
    void fiveStage_zeroLapsePeriod_rejected() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> Templates.fiveStage(Duration.ZERO));

        assertEquals("lapsePeriod must be positive but was PT0S", e.getMessage());
    }

    @Test
    void buyerLifecycle_negativeLapsePeriod_rejected() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> Templates.buyerLifecycle(Duration.ofDays(-1)));

        assertEquals("lapsePeriod must be positive but was PT-24H", e.getMessage());
    }

    @Test
    @SuppressWarnings("NullAway") // the test passes null on purpose
    void trackingCategories_nullLapsePeriod_rejected() {
        NullPointerException e = assertThrows(NullPointerException.class, () -> Templates.trackingCategories(null));

        assertEquals("lapsePeriod", e.getMessage());
    }

    static Stream<Arguments> templatesWithStageIds() {
        return Stream.of(
                Arguments.of(
                        Templates.fiveStage(),
                        "five-stage",
                        List.of("awareness", "consideration", "conversion", "retention", "advocacy")),
                Arguments.of(
                        Templates.buyerLifecycle(),
                        "buyer-lifecycle",
                        List.of("reach", "acquire", "develop", "retention", "advocacy")),
                Arguments.of(
                        Templates.trackingCategories(),
                        "tracking-categories",
                        List.of("lead", "customer", "retained", "advocate")));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("templatesWithStageIds")
    void builtInTemplate_stages_mainPathInOrderAndLapsedAsOnlySideStage(
            LifecycleTemplate template, String name, List<String> mainPath) {
        List<String> all = new ArrayList<>(mainPath);
        all.add("lapsed");

        assertEquals(name, template.name());
        assertEquals(all, template.stages().stream().map(Stage::id).toList());
        assertEquals(mainPath, template.mainPath().stream().map(Stage::id).toList());
        assertEquals(
                List.of("lapsed"), template.sideStages().stream().map(Stage::id).toList());
        assertTrue(template.stage("lapsed").orElseThrow().isSideStage());
        assertEquals(
                List.of("lapsed"),
                template.churnStages().stream().map(Stage::id).toList());
        assertEquals(mainPath.get(0), template.entryStage().id());
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("templatesWithStageIds")
    void builtInTemplate_everyStage_hasMetadata(LifecycleTemplate template, String name, List<String> mainPath) {
        for (Stage stage : template.stages()) {
            String where = name + "/" + stage.id();
            assertAll(
                    where,
                    () -> assertFalse(stage.name().isBlank(), "name"),
                    () -> assertFalse(stage.name().equals(stage.id()), "name is more than the id"),
                    () -> assertFalse(stage.description().isBlank(), "description"),
                    () -> assertFalse(stage.channels().isEmpty(), "channels"),
                    () -> assertFalse(stage.touchpoints().isEmpty(), "touchpoints"),
                    () -> assertFalse(stage.metrics().isEmpty(), "metrics"),
                    () -> assertFalse(stage.strategy().isBlank(), "strategy"));
        }
    }

    @Test
    void builtInTemplates_defaultFactories_equalExplicitDefaultLapsePeriod() {
        assertEquals(Templates.fiveStage(Templates.DEFAULT_LAPSE_PERIOD), Templates.fiveStage());
        assertEquals(Templates.buyerLifecycle(Templates.DEFAULT_LAPSE_PERIOD), Templates.buyerLifecycle());
        assertEquals(Templates.trackingCategories(Templates.DEFAULT_LAPSE_PERIOD), Templates.trackingCategories());
        assertFalse(Templates.fiveStage(Duration.ofDays(90)).equals(Templates.fiveStage()));
    }
}
