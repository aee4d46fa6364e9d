package dev.lifecycle.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A move matrix loses nobody: rows sum to the earlier side's label counts, columns to the later side's, the total is
 * the customers of either side; every cell is a direct count; and the stage flow of two classifications is such a
 * matrix of stages.
 */
final class MoveMatrixProperties {
    /** A side as arrays: ids and label indexes. */
    private record Labelled(List<String> ids, List<Integer> labelList) implements MoveMatrix.Side {
        Labelled(List<String> ids, int[] labels) {
            this(ids, java.util.Arrays.stream(labels).boxed().toList());
        }

        int[] labels() {
            return labelList.stream().mapToInt(Integer::intValue).toArray();
        }

        @Override
        public int size() {
            return ids.size();
        }

        @Override
        public String customerId(int row) {
            return ids.get(row);
        }

        @Override
        public int label(int row) {
            return labelList.get(row);
        }
    }

    private static Labelled side(Random random, int labels) {
        List<String> ids = new ArrayList<>();
        for (int c = 0; c < 30; c++) {
            if (random.nextInt(3) > 0) {
                ids.add("c" + c);
            }
        }
        java.util.Collections.shuffle(ids, random);
        int[] label = new int[ids.size()];
        for (int i = 0; i < label.length; i++) {
            label[i] = random.nextInt(labels);
        }
        return new Labelled(ids, label);
    }

    @Test
    void everyCellIsADirectCount_andRowsAndColumnsSumToEachSide() {
        qt().withFixedSeed(2002L).withExamples(500).forAll(longs().all()).checkAssert(seed -> {
            Random random = new Random(seed);
            List<String> fromLabels = List.of("a", "b", "c").subList(0, 1 + random.nextInt(3));
            List<String> toLabels = List.of("b", "a", "d", "e").subList(0, 1 + random.nextInt(4));
            Labelled from = side(random, fromLabels.size());
            Labelled to = side(random, toLabels.size());
            MoveMatrix m = MoveMatrix.between(fromLabels, from, toLabels, to);
            int none = m.rows().size() - 1;
            int noneColumn = m.columns().size() - 1;
            for (int r = 0; r <= none; r++) {
                for (int c = 0; c <= noneColumn; c++) {
                    long direct = 0;
                    Set<String> ids = new HashSet<>(from.ids());
                    ids.addAll(to.ids());
                    for (String id : ids) {
                        int i = from.ids().indexOf(id);
                        int j = to.ids().indexOf(id);
                        int row = i < 0 ? none : from.labels()[i];
                        int column = j < 0 ? noneColumn : to.labels()[j];
                        direct += row == r && column == c ? 1 : 0;
                    }
                    assertEquals(direct, m.count(r, c), "cell " + r + ", " + c);
                }
            }
            long total = 0;
            for (int r = 0; r < none; r++) {
                int label = r;
                long side = java.util.Arrays.stream(from.labels())
                        .filter(l -> l == label)
                        .count();
                assertEquals(side, m.rowTotal(r));
                total += m.rowTotal(r);
                if (side > 0) {
                    double shares = 0;
                    for (int c = 0; c <= noneColumn; c++) {
                        shares += m.rowShare(r, c).orElseThrow();
                    }
                    assertEquals(1, shares, 1e-12);
                } else {
                    assertTrue(m.rowShare(r, 0).isEmpty());
                }
            }
            for (int c = 0; c < noneColumn; c++) {
                long column = 0;
                for (int r = 0; r <= none; r++) {
                    column += m.count(r, c);
                }
                int label = c;
                assertEquals(
                        java.util.Arrays.stream(to.labels())
                                .filter(l -> l == label)
                                .count(),
                        column);
            }
            Set<String> either = new HashSet<>(from.ids());
            either.addAll(to.ids());
            assertEquals(either.size(), total + m.rowTotal(none));
            assertEquals(0, m.count(none, noneColumn));
        });
    }

    /**
     * The stage flow of a log's customers at a cut inside it and at its end: each row sums to the earlier
     * distribution's stage count, each column to the later one's, and the customers first seen after the cut are the
     * {@code (none)} row.
     */
    @Test
    void stageFlow_ofTwoClassifications_rowsAndColumnsAreTheDistributions() {
        qt().withExamples(100).forAll(TrackerGenerators.manyCustomers()).checkAssert(events -> {
            if (events.isEmpty()) {
                return;
            }
            Instant cut = events.get(events.size() / 2).timestamp();
            EventBatch.Builder early = EventBatch.builder();
            EventBatch.Builder all = EventBatch.builder();
            for (CustomerEvent event : events) {
                all.add(event);
                if (!event.timestamp().isAfter(cut)) {
                    early.add(event);
                }
            }
            LifecycleClassifier classifier = LifecycleClassifier.of(Templates.fiveStage());
            Instant end = events.stream()
                    .map(CustomerEvent::timestamp)
                    .max(Instant::compareTo)
                    .orElseThrow();
            CustomerStages before = classifier.classifyEach(early.build(), cut);
            CustomerStages after = classifier.classifyEach(all.build(), end.plus(Duration.ofDays(1)));
            MoveMatrix flow = MoveMatrix.between(before, after);
            List<String> stages = List.copyOf(before.distribution().counts().keySet());
            assertEquals(stages, flow.rows().subList(0, stages.size()));
            for (int r = 0; r < stages.size(); r++) {
                assertEquals(before.distribution().count(stages.get(r)), flow.rowTotal(r), stages.get(r));
                long column = 0;
                for (int i = 0; i < flow.rows().size(); i++) {
                    column += flow.count(i, r);
                }
                assertEquals(after.distribution().count(stages.get(r)), column, stages.get(r));
            }
            assertEquals(after.size() - before.size(), flow.rowTotal(stages.size()), "first seen after the cut");
        });
    }

    @Test
    void aCustomerTwiceOnASide_orALabelOutOfRange_isRefused() {
        Labelled twice = new Labelled(List.of("a", "b", "a"), new int[] {0, 0, 1});
        Labelled once = new Labelled(List.of("a"), new int[] {0});
        assertEquals(
                "customer a is on rows 0 and 2 of the later side: each side holds a customer once",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> MoveMatrix.between(List.of("x", "y"), once, List.of("x", "y"), twice))
                        .getMessage());
        assertEquals(
                "row 0 of the earlier side has label 1 but the side has 1 labels",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> MoveMatrix.between(
                                        List.of("x"), new Labelled(List.of("a"), new int[] {1}), List.of("x"), once))
                        .getMessage());
        assertEquals(
                "no label \"z\" among the rows [x, (none)]",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> MoveMatrix.between(List.of("x"), once, List.of("x"), once)
                                        .count("z", "x"))
                        .getMessage());
    }
}
