package dev.lifecycle.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * Each built-in condition declares the columns it reads ({@link ColumnCondition#needs(FactNeeds)}): a table folded
 * from a batch with only those columns answers the condition exactly as the full table does, for every row.
 */
final class FactNeedsProperties {

    @Test
    void aTableOfOnlyTheNeededColumns_answersEveryConditionAsTheFullTable() {
        Gen<Condition> conditions = in -> ConditionGenerators.condition(in, 2);
        // about one generated condition in ten reads columns: enough attempts that 600 of them are always found (the
        // default, ten per example, gave up on some seeds after finding about 560)
        qt().withExamples(600)
                .withGenerateAttempts(60_000)
                .forAll(conditions, TrackerGenerators.manyCustomers(), Generators.asOfs())
                .assuming((condition, events, asOf) ->
                        condition instanceof ColumnCondition column && column.readsColumns())
                .checkAssert((condition, events, asOf) -> {
                    ColumnCondition column = (ColumnCondition) condition;
                    FactNeeds needs = new FactNeeds();
                    column.needs(needs);
                    EventBatch batch = EventBatch.of(events);
                    ProfileTable full = ProfileTable.fromEvents(batch);
                    int customers = batch.customerCount();
                    // two ranges of customers, as two threads fold them
                    int middle = customers / 2;
                    ProfileTable low = ProfileTable.forClassification(batch, 0, middle, needs);
                    ProfileTable high = ProfileTable.forClassification(batch, middle, customers, needs);
                    long second = asOf.getEpochSecond();
                    int nano = asOf.getNano();
                    for (int code = 0; code < customers; code++) {
                        ProfileTable part = code < middle ? low : high;
                        int row = code < middle ? code : code - middle;
                        assertEquals(
                                column.test(full, code, second, nano),
                                column.test(part, row, second, nano),
                                () -> condition + " needs " + needs);
                    }
                });
    }

    @Test
    void theFiveStageTemplate_needsOnlyItsCountsAndTheLastOrder() {
        FactNeeds needs = new FactNeeds();
        for (TransitionRule rule : Templates.fiveStage().rules()) {
            ((ColumnCondition) rule.condition()).needs(needs);
        }
        FactNeeds expected = new FactNeeds();
        for (EventType type : List.of(
                EventType.PURCHASE,
                EventType.REFERRAL,
                EventType.PRODUCT_VIEW,
                EventType.CART_ADD,
                EventType.SIGN_UP)) {
            expected.count(type);
        }
        expected.last(EventType.PURCHASE);
        assertEquals(expected.toString(), needs.toString());
    }
}
