package dev.lifecycle.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which main-path stages an input measures, on the built-in templates and on templates with custom conditions. */
final class MeasuredStagesTest {
    private static final Set<EventType> PURCHASES = EnumSet.of(EventType.PURCHASE);
    private static final Set<EventType> VISITS_VIEWS_PURCHASES =
            EnumSet.of(EventType.SITE_VISIT, EventType.PRODUCT_VIEW, EventType.PURCHASE);
    private static final Set<EventType> EVERYTHING = EnumSet.allOf(EventType.class);

    private static List<String> measured(LifecycleTemplate template, Set<EventType> types) {
        return List.copyOf(template.measuredStages(types));
    }

    @Test
    void measuredStages_fiveStage_purchasesOnly_conversionAndRetention() {
        // every purchase moves a customer out of awareness; no view, referral or NPS answer decides the others
        assertEquals(List.of("conversion", "retention"), measured(Templates.fiveStage(), PURCHASES));
    }

    @Test
    void measuredStages_fiveStage_visitsViewsPurchases_allButAdvocacy() {
        assertEquals(
                List.of("awareness", "consideration", "conversion", "retention"),
                measured(Templates.fiveStage(), VISITS_VIEWS_PURCHASES));
    }

    @Test
    void measuredStages_fiveStage_everything_allStages() {
        assertEquals(
                List.of("awareness", "consideration", "conversion", "retention", "advocacy"),
                measured(Templates.fiveStage(), EVERYTHING));
    }

    @Test
    void measuredStages_buyerLifecycle_purchasesOnly_acquireDevelopRetention() {
        // develop follows from the first order's age: purchases decide it
        assertEquals(List.of("acquire", "develop", "retention"), measured(Templates.buyerLifecycle(), PURCHASES));
    }

    @Test
    void measuredStages_buyerLifecycle_visitsViewsPurchases_allButAdvocacy() {
        assertEquals(
                List.of("reach", "acquire", "develop", "retention"),
                measured(Templates.buyerLifecycle(), VISITS_VIEWS_PURCHASES));
    }

    @Test
    void measuredStages_buyerLifecycle_everything_allStages() {
        assertEquals(
                List.of("reach", "acquire", "develop", "retention", "advocacy"),
                measured(Templates.buyerLifecycle(), EVERYTHING));
    }

    @Test
    void measuredStages_trackingCategories_purchasesOnly_customerAndRetained() {
        assertEquals(List.of("customer", "retained"), measured(Templates.trackingCategories(), PURCHASES));
    }

    @Test
    void measuredStages_trackingCategories_visitsViewsPurchases_allButAdvocate() {
        assertEquals(
                List.of("lead", "customer", "retained"),
                measured(Templates.trackingCategories(), VISITS_VIEWS_PURCHASES));
    }

    @Test
    void measuredStages_trackingCategories_everything_allStages() {
        assertEquals(
                List.of("lead", "customer", "retained", "advocate"),
                measured(Templates.trackingCategories(), EVERYTHING));
    }

    @Test
    void measuredStages_referralsOnly_advocacyButNotTheStagesPurchasesDecide() {
        // referrals keep customers in awareness (no rule leaving it reads them) and lead into advocacy
        assertEquals(List.of("awareness", "advocacy"), measured(Templates.fiveStage(), EnumSet.of(EventType.REFERRAL)));
    }

    @Test
    void measuredStages_noEvents_noStage() {
        assertEquals(List.of(), measured(Templates.fiveStage(), EnumSet.noneOf(EventType.class)));
    }

    @Test
    void measuredStages_customConditionIntoAStage_thatStageCountsAsMeasured() {
        LifecycleTemplate template = Templates.fiveStage().toBuilder()
                .replaceRule(
                        "referral",
                        Templates.fiveStage()
                                .rule("referral")
                                .orElseThrow()
                                .withCondition(Condition.custom("promoter", (profile, asOf) -> false)))
                .build();

        assertEquals(List.of("conversion", "retention", "advocacy"), measured(template, PURCHASES));
    }

    @Test
    void measuredStages_customConditionLeavingTheEntryStage_entryStageCountsAsMeasured() {
        LifecycleTemplate template = Templates.fiveStage().toBuilder()
                .replaceRule(
                        "engaged",
                        Templates.fiveStage()
                                .rule("engaged")
                                .orElseThrow()
                                .withCondition(Condition.engaged(1).or((profile, asOf) -> profile.siteVisits() > 2)))
                .build();

        assertEquals(List.of("awareness", "consideration", "conversion", "retention"), measured(template, PURCHASES));
    }

    @Test
    void measuredStages_resultIsInMainPathOrderAndHoldsNoSideStage() {
        Set<String> measured = Templates.fiveStage().measuredStages(EVERYTHING);

        assertEquals(Templates.fiveStage().mainPath().stream().map(Stage::id).toList(), List.copyOf(measured));
    }

    @Test
    @SuppressWarnings("NullAway") // the test passes null on purpose
    void measuredStages_null_rejected() {
        NullPointerException e = assertThrows(
                NullPointerException.class, () -> Templates.fiveStage().measuredStages(null));
        assertEquals("eventTypes", e.getMessage());

        Set<EventType> withNull = new HashSet<>(Arrays.asList(EventType.PURCHASE, null));
        NullPointerException element = assertThrows(
                NullPointerException.class, () -> Templates.fiveStage().measuredStages(withNull));
        assertEquals("eventTypes holds null", element.getMessage());
    }
}
