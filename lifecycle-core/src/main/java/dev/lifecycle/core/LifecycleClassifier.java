package dev.lifecycle.core;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;
import java.util.function.BiConsumer;
import java.util.stream.Collector;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts customers into the stages of a {@link LifecycleTemplate}: the call a shop platform makes per request or per
 * nightly batch.
 *
 * <p>Classification starts at the entry stage and repeatedly takes, among the rules that leave the current stage and
 * whose condition holds at {@code asOf}, the one with the highest priority (ties go to the rule listed first in the
 * template). It stops when no rule applies or the chosen rule would enter a stage the walk has already visited, so it
 * always ends, and it ends in a stage of the template. The result names the rules that fired and their evidence.
 *
 * <p>A classification at {@code asOf} uses only facts dated at or before {@code asOf}. A profile is a snapshot that
 * cannot be unfolded, so a profile (or a table row) with a fact dated after {@code asOf} (its last activity, last order,
 * any event type's latest instant, a payment, loyalty enrolment) is refused with an {@link IllegalArgumentException}
 * naming the customer, the fact, its instant and {@code asOf}; fold only the events up to {@code asOf} instead.
 *
 * <h2>Classifying many customers: which call to use</h2>
 *
 * <p>Every bulk call gives the same {@link StageDistribution} for the same customers at the same {@code asOf}, and all
 * count through one path; they differ in what they read and what else they give:
 *
 * <ul>
 *   <li>{@link #classifyAll(Iterable, Instant)}: profiles you already hold (a list, profiles folded with {@link
 *       CustomerProfile#fromEvents}), counted on the calling thread. The default for a nightly batch of snapshots.
 *   <li>{@link #classifyAll(Iterable, Instant, BiConsumer)}: the same pass, when each customer's stage is wanted too
 *       (an export, a CRM sync): every {@link Classification} is handed over as it is made and the distribution counts
 *       exactly those, in one pass and without holding them. Slower than the plain call, since it builds each path and
 *       its evidence.
 *   <li>{@link #classifyAll(ProfileTable, Instant)} and {@link #classifyAllParallel(ProfileTable, Instant)}: the fastest
 *       way to count millions of customers, from facts stored by column (a {@link ProfileTable}); the parallel one
 *       splits the rows over the common fork-join pool. Use these when only the counts are needed.
 *   <li>{@link #classifyAll(EventBatch, Instant)}, {@link #classifyAllParallel(EventBatch, Instant)} and {@link
 *       #classifyEach(EventBatch, Instant)}: straight from an event log stored by column (an {@link EventBatch}), the
 *       fastest way from raw events to the distribution or to every customer's stage. The events are folded per
 *       customer into only the facts the template's conditions read (every fact, through {@link ProfileTable#fromEvents(EventBatch)}, when a
 *       condition is a custom one), the parallel one with the customers split over the common fork-join pool so that
 *       each thread folds its own customers.
 *   <li>{@link #toDistribution(Instant)}: a {@code Collector}, for profiles that arrive as a {@code Stream} (also a
 *       parallel one), for example mapped from rows of a query.
 * </ul>
 *
 * <p>For one customer, {@link #classify(CustomerProfile, Instant)}; for customers whose events arrive over time, a
 * {@link LifecycleTracker} built on the same template.
 *
 * <p>A classifier is immutable, takes no locks and can be shared by any number of threads, provided the template's
 * conditions are thread-safe (the built-in ones are). It never reads the clock: every call takes its {@code asOf}.
 */
public final class LifecycleClassifier {
    private static final Logger LOG = LoggerFactory.getLogger(LifecycleClassifier.class);
    /** Rows per task of {@link #classifyAllParallel}. */
    private static final int PARALLEL_BLOCK = 1 << 14;
    /** Rows whose condition masks are computed together. */
    private static final int MASK_BLOCK = 1 << 11;

    private static final int MAX_MASK_CONDITIONS = 12;

    private final LifecycleTemplate template;
    private final Stage[] stages;
    private final int[] mainRank;
    private final int entry;
    private final CompiledRule[][] outgoing;
    private final CompiledRule[] rulesInOrder;
    /**
     * For tables: the template's distinct conditions, when all of them read columns and there are at most {@value
     * #MAX_MASK_CONDITIONS}; null otherwise. Which of them hold decides the whole walk, since a condition reads only the
     * profile and the instant, so {@link #outcomeByMask} holds the walk's result for every combination.
     */
    private final ColumnCondition @Nullable [] maskConditions;
    /** Per combination of {@link #maskConditions} that hold: the walk's outcome, packed as {@link #walk} packs it. */
    private final long @Nullable [] outcomeByMask;
    /** What a fold from an event batch computes for {@link #maskConditions}; null when those are null. */
    private final @Nullable FactNeeds batchNeeds;
    /** See {@link #rowNeeds()}. */
    private final @Nullable FactNeeds rowNeeds;

    private LifecycleClassifier(LifecycleTemplate template) {
        this.template = template;
        List<Stage> list = template.stages();
        this.stages = list.toArray(Stage[]::new);
        Map<String, Integer> index = new HashMap<>();
        this.mainRank = new int[stages.length];
        int rank = 0;
        for (int i = 0; i < stages.length; i++) {
            index.put(stages[i].id(), i);
            mainRank[i] = stages[i].isSideStage() ? -1 : rank++;
        }
        this.entry = stageIndex(index, template.entryStage().id());
        List<List<CompiledRule>> perStage = new ArrayList<>();
        for (int i = 0; i < stages.length; i++) {
            perStage.add(new ArrayList<>());
        }
        List<TransitionRule> rules = template.rules();
        this.rulesInOrder = new CompiledRule[rules.size()];
        for (int order = 0; order < rules.size(); order++) {
            TransitionRule rule = rules.get(order);
            CompiledRule compiled = new CompiledRule(rule, stageIndex(index, rule.to()), order);
            rulesInOrder[order] = compiled;
            for (String from : rule.from()) {
                perStage.get(stageIndex(index, from)).add(compiled);
            }
        }
        this.outgoing = new CompiledRule[stages.length][];
        Comparator<CompiledRule> byPriority = Comparator.comparingInt((CompiledRule r) -> r.rule.priority())
                .reversed()
                .thenComparingInt(r -> r.order);
        for (int i = 0; i < stages.length; i++) {
            List<CompiledRule> candidates = perStage.get(i);
            candidates.sort(byPriority);
            outgoing[i] = candidates.toArray(CompiledRule[]::new);
        }
        Map<ColumnCondition, Integer> distinct = new java.util.LinkedHashMap<>();
        boolean allColumns = true;
        for (CompiledRule rule : rulesInOrder) {
            if (rule.column == null) {
                allColumns = false;
            } else {
                distinct.putIfAbsent(rule.column, distinct.size());
            }
        }
        FactNeeds all = new FactNeeds();
        for (ColumnCondition condition : distinct.keySet()) {
            condition.needs(all);
        }
        this.rowNeeds = allColumns && !all.orders ? all : null;
        if (allColumns && distinct.size() <= MAX_MASK_CONDITIONS) {
            this.maskConditions = distinct.keySet().toArray(ColumnCondition[]::new);
            int[] bitOfRule = new int[rulesInOrder.length];
            for (CompiledRule rule : rulesInOrder) {
                // allColumns: every rule has a column condition, and each is a key of distinct
                bitOfRule[rule.order] = requireNonNull(distinct.get(rule.column), "a rule without a column condition");
            }
            this.outcomeByMask = new long[1 << maskConditions.length];
            for (int mask = 0; mask < outcomeByMask.length; mask++) {
                outcomeByMask[mask] = walkMask(mask, bitOfRule);
            }
            FactNeeds needs = new FactNeeds();
            for (ColumnCondition condition : maskConditions) {
                condition.needs(needs);
            }
            this.batchNeeds = needs;
        } else {
            this.maskConditions = null;
            this.outcomeByMask = null;
            this.batchNeeds = null;
        }
    }

    /** The index of a stage of the template: a valid template's entry stage and rules name only its own stages. */
    private static int stageIndex(Map<String, Integer> index, String stageId) {
        return requireNonNull(index.get(stageId), "a rule or the entry stage names an unknown stage");
    }

    /** The walk from the entry stage when exactly the conditions whose bits are set in {@code mask} hold. */
    private long walkMask(int mask, int[] bitOfRule) {
        int current = entry;
        int highest = entry;
        boolean[] visited = new boolean[stages.length];
        visited[entry] = true;
        while (true) {
            CompiledRule chosen = null;
            for (CompiledRule candidate : outgoing[current]) {
                if ((mask & (1 << bitOfRule[candidate.order])) != 0) {
                    chosen = candidate;
                    break;
                }
            }
            if (chosen == null || visited[chosen.target]) {
                break;
            }
            visited[chosen.target] = true;
            current = chosen.target;
            if (mainRank[current] > mainRank[highest]) {
                highest = current;
            }
        }
        return PackedStages.outcome(current, highest);
    }

    /**
     * Returns a classifier for the template.
     *
     * @param template a validated template
     * @return the classifier
     * @throws NullPointerException if {@code template} is null
     */
    public static LifecycleClassifier of(LifecycleTemplate template) {
        return new LifecycleClassifier(requireNonNull(template, "template"));
    }

    /** {@return the template this classifier applies} */
    public LifecycleTemplate template() {
        return template;
    }

    /**
     * Classifies one customer at an instant.
     *
     * @param profile the customer's facts
     * @param asOf the instant the classification holds for
     * @return the stage, the highest main-path stage reached, and the rules that fired with their evidence
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code asOf} is not a {@linkplain SupportedInstants supported instant}, or
     *     the profile has a fact dated after {@code asOf}; the message names the customer, the fact and its instant
     * @throws ClassificationException if a rule's condition throws; the message names the rule
     */
    public Classification classify(CustomerProfile profile, Instant asOf) {
        requireNonNull(profile, "profile");
        SupportedInstants.check(asOf, "asOf");
        profile.checkNoFactAfter(asOf);
        return classifyChecked(profile, asOf, null);
    }

    /**
     * Walks a checked profile from the entry stage and returns its classification, whose path records only the
     * positions of the rules that fired: the {@link FiredRule}s are built when the path is first read, with the
     * evidence of the rules whose conditions {@linkplain Conditions#hasLazyEvidence have lazy evidence}; the evidence
     * of any other condition is built here, so that a failure is a {@link ClassificationException} of this call.
     * Counts the outcome into {@code counts} when it is not null.
     */
    private Classification classifyChecked(CustomerProfile profile, Instant asOf, @Nullable StageCounts counts) {
        FiredRules fired = new FiredRules(profile, asOf);
        long result = walk(entry, profile, asOf, fired);
        if (counts != null) {
            counts.add(result);
        }
        return new Classification(
                template.name(),
                profile.customerId(),
                asOf,
                stages[PackedStages.finalStage(result)],
                stages[PackedStages.highestStage(result)],
                fired);
    }

    /**
     * Classifies many customers at one instant and counts them per stage.
     *
     * @param profiles the customers' facts
     * @param asOf the instant the classification holds for
     * @return the number of customers in each stage (every stage listed, zeros included) and the reached counts
     * @throws NullPointerException if an argument or a profile is null
     * @throws IllegalArgumentException if {@code asOf} is not a {@linkplain SupportedInstants supported instant}, or
     *     a profile has a fact dated after {@code asOf}; the message names the customer, the fact and its instant
     * @throws ClassificationException if a rule's condition throws; the message names the rule and the customer
     */
    public StageDistribution classifyAll(Iterable<CustomerProfile> profiles, Instant asOf) {
        requireNonNull(profiles, "profiles");
        SupportedInstants.check(asOf, "asOf");
        return countAll(profiles, asOf, null);
    }

    /**
     * Classifies many customers at one instant, hands each customer's classification to {@code each} as soon as it is
     * made, and counts them per stage: one pass that both exports every customer's stage and gives the distribution of
     * exactly the classifications exported, without holding them. Each call to {@code each} receives a profile and the
     * {@link Classification} that {@link #classify(CustomerProfile, Instant)} returns for it, in the order of {@code
     * profiles}, on the calling thread; the counts equal those of {@link #classifyAll(Iterable, Instant)}, which is
     * faster when the classifications themselves are not needed, since it makes none.
     *
     * <pre>{@code
     * StageDistribution distribution =
     *         classifier.classifyAll(profiles, asOf, (profile, classification) -> export.write(classification));
     * }</pre>
     *
     * @param profiles the customers' facts
     * @param asOf the instant the classification holds for
     * @param each receives every profile with its classification; an exception it throws ends the pass and propagates
     * @return the number of customers in each stage (every stage listed, zeros included) and the reached counts
     * @throws NullPointerException if an argument or a profile is null
     * @throws IllegalArgumentException if {@code asOf} is not a {@linkplain SupportedInstants supported instant}, or
     *     a profile has a fact dated after {@code asOf}; the message names the customer, the fact and its instant
     * @throws ClassificationException if a rule's condition throws; the message names the rule and the customer
     */
    public StageDistribution classifyAll(
            Iterable<CustomerProfile> profiles,
            Instant asOf,
            BiConsumer<? super CustomerProfile, ? super Classification> each) {
        requireNonNull(profiles, "profiles");
        SupportedInstants.check(asOf, "asOf");
        requireNonNull(each, "each");
        return countAll(profiles, asOf, each);
    }

    /**
     * The one pass over profiles behind both {@code classifyAll(Iterable, ...)}: checks and walks each profile, counts
     * it, and hands its classification to {@code each} when there is one (only then is a classification made).
     */
    private StageDistribution countAll(
            Iterable<CustomerProfile> profiles,
            Instant asOf,
            @Nullable BiConsumer<? super CustomerProfile, ? super Classification> each) {
        StageCounts counts = new StageCounts(stages.length);
        for (CustomerProfile profile : profiles) {
            if (each == null) {
                counts.add(walkChecked(profile, asOf));
            } else {
                requireNonNull(profile, "profile").checkNoFactAfter(asOf);
                each.accept(profile, classifyChecked(profile, asOf, counts));
            }
        }
        return counts.toDistribution(template, asOf);
    }

    /** Checks a profile of a bulk call (not null, no fact after {@code asOf}) and walks it from the entry stage. */
    private long walkChecked(CustomerProfile profile, Instant asOf) {
        requireNonNull(profile, "profile").checkNoFactAfter(asOf);
        return walk(entry, profile, asOf, null);
    }

    /**
     * Classifies every row of a table at one instant and counts them per stage; the same counts as {@link
     * #classifyAll(Iterable, Instant)} over {@code table.profiles()}, faster, since the built-in conditions read the
     * table's columns instead of a profile per customer.
     *
     * @param table the customers' facts by column
     * @param asOf the instant the classification holds for
     * @return the number of customers in each stage (every stage listed, zeros included) and the reached counts
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code asOf} is not a {@linkplain SupportedInstants supported instant}, or
     *     a row has a fact dated after {@code asOf}; the message names the first such row's customer and the fact
     * @throws ClassificationException if a rule's condition throws; the message names the rule and the customer
     */
    public StageDistribution classifyAll(ProfileTable table, Instant asOf) {
        requireNonNull(table, "table");
        SupportedInstants.check(asOf, "asOf");
        table.checkNoFactAfter(asOf);
        StageCounts counts = new StageCounts(stages.length);
        classifyRows(table, 0, table.size(), asOf, counts);
        return counts.toDistribution(template, asOf);
    }

    /**
     * As {@link #classifyAll(ProfileTable, Instant)}, with the rows split into blocks classified on the common
     * fork-join pool, for all the machine's cores.
     *
     * @param table the customers' facts by column
     * @param asOf the instant the classification holds for
     * @return the number of customers in each stage (every stage listed, zeros included) and the reached counts
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code asOf} is not a {@linkplain SupportedInstants supported instant}, or
     *     a row has a fact dated after {@code asOf}; the message names the first such row's customer and the fact
     * @throws ClassificationException if a rule's condition throws; the message names the rule and the customer
     */
    public StageDistribution classifyAllParallel(ProfileTable table, Instant asOf) {
        requireNonNull(table, "table");
        SupportedInstants.check(asOf, "asOf");
        table.checkNoFactAfter(asOf);
        int rows = table.size();
        int blocks = (rows + PARALLEL_BLOCK - 1) / PARALLEL_BLOCK;
        StageCounts counts = IntStream.range(0, blocks)
                .parallel()
                .mapToObj(block -> {
                    StageCounts part = new StageCounts(stages.length);
                    int from = block * PARALLEL_BLOCK;
                    classifyRows(table, from, Math.min(rows, from + PARALLEL_BLOCK), asOf, part);
                    return part;
                })
                .collect(() -> new StageCounts(stages.length), StageCounts::addAll, StageCounts::addAll);
        return counts.toDistribution(template, asOf);
    }

    /**
     * Classifies every customer of an event batch at one instant and counts them per stage, on the calling thread; the
     * same counts as {@link #classifyAll(ProfileTable, Instant)} over {@link ProfileTable#fromEvents(EventBatch)}.
     * When every condition of the template is a built-in one, the events are folded into only the facts those
     * conditions read; otherwise into whole rows.
     *
     * @param batch the events
     * @param asOf the instant the classification holds for
     * @return the number of customers in each stage (every stage listed, zeros included) and the reached counts
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code asOf} is not a {@linkplain SupportedInstants supported instant}, an
     *     event lies after {@code asOf} (the message names the first such customer and the fact), or a customer's
     *     amounts are in more than one currency
     * @throws ClassificationException if a rule's condition throws; the message names the rule and the customer
     */
    public StageDistribution classifyAll(EventBatch batch, Instant asOf) {
        checkBatch(batch, asOf);
        StageCounts counts = new StageCounts(stages.length);
        classifyCustomers(batch, 0, batch.customerCount, asOf, counts, null);
        return counts.toDistribution(template, asOf);
    }

    /**
     * As {@link #classifyAll(EventBatch, Instant)}, with the customers split into as many ranges of codes as the
     * common fork-join pool runs threads (its parallelism plus the calling thread): each thread reads the whole batch
     * and folds only its own customers, whose facts stay in its cache.
     *
     * @param batch the events
     * @param asOf the instant the classification holds for
     * @return the number of customers in each stage (every stage listed, zeros included) and the reached counts
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException as {@link #classifyAll(EventBatch, Instant)}
     * @throws ClassificationException if a rule's condition throws; the message names the rule and the customer
     */
    public StageDistribution classifyAllParallel(EventBatch batch, Instant asOf) {
        checkBatch(batch, asOf);
        return inParts(batch, asOf, null, commonPoolThreads()).toDistribution(template, asOf);
    }

    /**
     * Classifies every customer of an event batch at one instant, in parallel as {@link
     * #classifyAllParallel(EventBatch, Instant)} does, and keeps each customer's stage: for an export or a CRM sync of
     * every stage, without a {@link Classification} object per customer.
     *
     * @param batch the events
     * @param asOf the instant the classification holds for
     * @return each customer's stage by customer code, and their distribution
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException as {@link #classifyAll(EventBatch, Instant)}
     * @throws ClassificationException if a rule's condition throws; the message names the rule and the customer
     */
    public CustomerStages classifyEach(EventBatch batch, Instant asOf) {
        checkBatch(batch, asOf);
        return each(batch, asOf, commonPoolThreads());
    }

    /**
     * As {@link #classifyEach(EventBatch, Instant)}, on at most {@code threads} threads: the customers are split into
     * at most {@code threads} ranges of codes (and no more than one per 1,024 customers), run on the common fork-join
     * pool with the calling thread taking part. With one range, as always with {@code threads = 1}, everything runs on
     * the calling thread: for callers that promise their own thread count, such as the batch metrics.
     *
     * @param batch the events
     * @param asOf the instant the classification holds for
     * @param threads the most threads to use, 1 or more
     * @return each customer's stage by customer code, and their distribution
     * @throws NullPointerException if {@code batch} or {@code asOf} is null
     * @throws IllegalArgumentException if {@code threads} is below 1, or as {@link #classifyAll(EventBatch, Instant)}
     * @throws ClassificationException if a rule's condition throws; the message names the rule and the customer
     */
    public CustomerStages classifyEach(EventBatch batch, Instant asOf, int threads) {
        requireNonNull(batch, "batch");
        requireNonNull(asOf, "asOf");
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be 1 or more but was " + threads);
        }
        checkBatch(batch, asOf);
        return each(batch, asOf, threads);
    }

    private CustomerStages each(EventBatch batch, Instant asOf, long threads) {
        long[] outcomes = new long[batch.customerCount];
        StageCounts counts = inParts(batch, asOf, outcomes, threads);
        return new CustomerStages(batch, stages, outcomes, counts.toDistribution(template, asOf));
    }

    private static long commonPoolThreads() {
        return ForkJoinPool.getCommonPoolParallelism() + 1L;
    }

    private void checkBatch(EventBatch batch, Instant asOf) {
        requireNonNull(batch, "batch");
        SupportedInstants.check(asOf, "asOf");
        long second = asOf.getEpochSecond();
        if (batch.latestSecond > second || (batch.latestSecond == second && batch.latestNano > asOf.getNano())) {
            // the rows say which customer and which fact, as a table does
            ProfileTable.fromEvents(batch).checkNoFactAfter(asOf);
        }
    }

    /**
     * Classifies the batch's customers in ranges of codes, one per thread (at most {@code threads}, and no more than
     * one per 1,024 customers), counting them; a single range runs on the calling thread.
     */
    private StageCounts inParts(EventBatch batch, Instant asOf, long @Nullable [] outcomes, long threads) {
        int customers = batch.customerCount;
        int parts = (int) Math.max(1, Math.min(threads, customers / 1024L));
        if (parts == 1) {
            StageCounts counts = new StageCounts(stages.length);
            classifyCustomers(batch, 0, customers, asOf, counts, outcomes);
            return counts;
        }
        return IntStream.range(0, parts)
                .parallel()
                .mapToObj(part -> {
                    StageCounts counts = new StageCounts(stages.length);
                    int lo = (int) ((long) customers * part / parts);
                    int hi = (int) ((long) customers * (part + 1) / parts);
                    classifyCustomers(batch, lo, hi, asOf, counts, outcomes);
                    return counts;
                })
                .collect(() -> new StageCounts(stages.length), StageCounts::addAll, StageCounts::addAll);
    }

    /** Folds and classifies the customers {@code lo} to {@code hi - 1} of a batch; keeps outcomes by code if asked. */
    private void classifyCustomers(
            EventBatch batch, int lo, int hi, Instant asOf, StageCounts counts, long @Nullable [] outcomes) {
        ProfileTable table = ProfileTable.forClassification(batch, lo, hi, batchNeeds);
        classifyRows(table, 0, table.size(), asOf, counts, outcomes, lo);
    }

    private void classifyRows(ProfileTable table, int from, int to, Instant asOf, StageCounts counts) {
        classifyRows(table, from, to, asOf, counts, null, 0);
    }

    /** Classifies rows, counting them, and keeps row {@code r}'s outcome at {@code outcomes[offset + r]} if asked. */
    private void classifyRows(
            ProfileTable table,
            int from,
            int to,
            Instant asOf,
            StageCounts counts,
            long @Nullable [] outcomes,
            int offset) {
        long asOfSecond = asOf.getEpochSecond();
        int asOfNano = asOf.getNano();
        ColumnCondition[] conditions = maskConditions;
        long[] byMask = outcomeByMask;
        if (conditions != null && byMask != null) {
            // Each condition tests a block of rows in a loop of its own; the walk is then one lookup per row.
            int[] masks = new int[MASK_BLOCK];
            for (int start = from; start < to; start += MASK_BLOCK) {
                int end = Math.min(to, start + MASK_BLOCK);
                Arrays.fill(masks, 0);
                for (int k = 0; k < conditions.length; k++) {
                    conditions[k].mark(table, start, end, asOfSecond, asOfNano, masks, 1 << k);
                }
                for (int i = 0; i < end - start; i++) {
                    long outcome = byMask[masks[i]];
                    counts.add(outcome);
                    if (outcomes != null) {
                        outcomes[offset + start + i] = outcome;
                    }
                }
            }
            return;
        }
        // A custom condition, or too many conditions for the table of outcomes: each row is walked as a profile.
        for (int row = from; row < to; row++) {
            long outcome = walk(entry, table.profile(row), asOf, null);
            counts.add(outcome);
            if (outcomes != null) {
                outcomes[offset + row] = outcome;
            }
        }
    }

    /**
     * Returns a collector that classifies customers at one instant and counts them per stage, as {@link
     * #classifyAll(Iterable, Instant)} does; it works with parallel streams, which classify on several threads:
     *
     * <pre>{@code
     * StageDistribution distribution = profiles.parallelStream().collect(classifier.toDistribution(asOf));
     * }</pre>
     *
     * @param asOf the instant the classification holds for
     * @return the collector; it throws {@link NullPointerException} for a null profile, {@link
     *     IllegalArgumentException} for a profile with a fact dated after {@code asOf}, and {@link
     *     ClassificationException} if a rule's condition throws
     * @throws NullPointerException if {@code asOf} is null
     * @throws IllegalArgumentException if {@code asOf} is not a {@linkplain SupportedInstants supported instant}
     */
    public Collector<CustomerProfile, ?, StageDistribution> toDistribution(Instant asOf) {
        SupportedInstants.check(asOf, "asOf");
        return Collector.of(
                () -> new StageCounts(stages.length),
                (counts, profile) -> counts.add(walkChecked(profile, asOf)),
                (left, right) -> {
                    left.addAll(right);
                    return left;
                },
                counts -> counts.toDistribution(template, asOf),
                Collector.Characteristics.UNORDERED);
    }

    /**
     * Walks the rules from stage {@code start}; returns the {@linkplain PackedStages#outcome outcome}: the final stage index and the
     * index of the furthest main-path stage visited (or {@code start}). Reports each fired rule to {@code sink} when it
     * is not null.
     */
    long walk(int start, CustomerProfile profile, Instant asOf, @Nullable StepSink sink) {
        return walk(start, profile.customerId(), profile, null, 0, asOf, sink);
    }

    /**
     * As {@link #walk(int, CustomerProfile, Instant, StepSink)}, on the facts of a table row through the column
     * conditions; only for a template whose rules all read columns ({@link #rowNeeds()} is not null).
     */
    long walk(int start, ProfileTable table, int row, Instant asOf, @Nullable StepSink sink) {
        return walk(start, table.ids[row], null, table, row, asOf, sink);
    }

    /**
     * The one walk: follows the first rule that holds from each stage, never into a stage visited before; the rules
     * are tested on {@code profile}, or when it is null on row {@code row} of {@code table}. (Two parameters rather
     * than a test object, so that a walk allocates nothing: classifying a million profiles makes no garbage.)
     */
    private long walk(
            int start,
            String customerId,
            @Nullable CustomerProfile profile,
            @Nullable ProfileTable table,
            int row,
            Instant asOf,
            @Nullable StepSink sink) {
        int current = start;
        int highest = start;
        long visitedSmall = 1L << (start & 63);
        boolean @Nullable [] visitedLarge = null;
        if (stages.length > 64) {
            visitedLarge = new boolean[stages.length];
            visitedLarge[start] = true;
        }
        while (true) {
            @Nullable CompiledRule chosen = null;
            for (CompiledRule candidate : outgoing[current]) {
                boolean holds = profile != null
                        ? holds(candidate, profile, asOf)
                        : holds(candidate, java.util.Objects.requireNonNull(table, "table"), row, asOf, customerId);
                if (holds) {
                    chosen = candidate;
                    break;
                }
            }
            if (chosen == null) {
                break;
            }
            int next = chosen.target;
            boolean seen = visitedLarge == null ? (visitedSmall & (1L << next)) != 0 : visitedLarge[next];
            if (seen) {
                break;
            }
            if (visitedLarge == null) {
                visitedSmall |= 1L << next;
            } else {
                visitedLarge[next] = true;
            }
            if (sink != null) {
                sink.step(chosen.order, current, next);
            }
            if (LOG.isDebugEnabled()) {
                LOG.debug(
                        "customer '{}': rule '{}' moves {} -> {}",
                        customerId,
                        chosen.rule.id(),
                        stages[current].id(),
                        stages[next].id());
            }
            current = next;
            if (mainRank[next] > mainRank[highest]) {
                highest = next;
            }
        }
        return PackedStages.outcome(current, highest);
    }

    private boolean holds(CompiledRule rule, ProfileTable table, int row, Instant asOf, String customerId) {
        try {
            return java.util.Objects.requireNonNull(rule.column, "a rule of a row walk reads columns")
                    .test(table, row, asOf.getEpochSecond(), asOf.getNano());
        } catch (RuntimeException e) {
            throw new ClassificationException(template.name(), rule.rule.id(), customerId, e);
        }
    }

    private boolean holds(CompiledRule rule, CustomerProfile profile, Instant asOf) {
        try {
            return rule.condition.test(profile, asOf);
        } catch (RuntimeException e) {
            throw new ClassificationException(template.name(), rule.rule.id(), profile.customerId(), e);
        }
    }

    private String evidence(CompiledRule rule, CustomerProfile profile, Instant asOf) {
        String evidence;
        try {
            evidence = rule.condition.evidence(profile, asOf);
        } catch (RuntimeException e) {
            throw new ClassificationException(template.name(), rule.rule.id(), profile.customerId(), e);
        }
        return evidence == null || evidence.isBlank() ? rule.rule.description() : evidence;
    }

    @Override
    public String toString() {
        return "LifecycleClassifier{template=" + template.name() + ", stages="
                + Arrays.stream(stages).map(Stage::id).toList() + "}";
    }

    /**
     * Returns the earliest instant (epoch nanoseconds) after {@code afterNanos} at which a time-sensitive condition of
     * a rule leaving {@code stage} may change its value for the profile; {@link Long#MAX_VALUE} if none can.
     */
    long nextChangeAfter(int stage, CustomerProfile profile, long afterNanos) {
        long next = Long.MAX_VALUE;
        for (CompiledRule rule : outgoing[stage]) {
            if (rule.condition instanceof TimeSensitive timed) {
                next = Math.min(next, timed.nextChangeAfter(profile, afterNanos));
            }
        }
        return next;
    }

    /**
     * As {@link #nextChangeAfter(int, CustomerProfile, long)}, for the facts of a table row; only for a template whose
     * rules all read columns.
     */
    long nextChangeAfter(int stage, ProfileTable table, int row, long afterNanos) {
        long next = Long.MAX_VALUE;
        for (CompiledRule rule : outgoing[stage]) {
            ColumnCondition column =
                    java.util.Objects.requireNonNull(rule.column, "a rule of a row walk reads columns");
            next = Math.min(next, column.nextChangeAfter(table, row, afterNanos));
        }
        return next;
    }

    /**
     * Returns the facts a row walk reads ({@link #walk(int, ProfileTable, int, Instant, StepSink)}): those of every
     * rule's condition when all of them read columns and none reads order instants (which the tracker's rows do not
     * load); null otherwise, and such a template is followed on profiles.
     */
    @Nullable
    FactNeeds rowNeeds() {
        return rowNeeds;
    }

    int entryIndex() {
        return entry;
    }

    int stageCount() {
        return stages.length;
    }

    Stage stageAt(int index) {
        return stages[index];
    }

    /** The position of a stage on the main path, -1 for side stages. */
    int mainRank(int index) {
        return mainRank[index];
    }

    /** The index of a stage in {@code template().stages()}, -1 when the template has no such stage. */
    int indexOf(String stageId) {
        for (int i = 0; i < stages.length; i++) {
            if (stages[i].id().equals(stageId)) {
                return i;
            }
        }
        return -1;
    }

    TransitionRule ruleAt(int order) {
        return rulesInOrder[order].rule;
    }

    /**
     * The path of one classification: records the position of each rule the walk fires, and the evidence of those
     * whose condition has no {@linkplain Conditions#hasLazyEvidence lazy evidence} at once; {@link #path()} builds the
     * {@link FiredRule}s. The stages need no recording: the walk starts at the entry stage and each rule enters its
     * target, which the next rule leaves. Written by one walk before its {@link Classification} is made, then only read:
     * the classification's final field publishes it to every thread.
     */
    final class FiredRules implements StepSink {
        private static final int[] NONE = new int[0];

        /** How many positions {@link #packed} holds, 16 bits each. */
        private static final int PACKED = 4;

        private final CustomerProfile profile;
        private final Instant asOf;
        /**
         * The positions in template order of the first {@value #PACKED} rules fired, 16 bits each, lowest first: a path
         * is mostly a few steps, which then need no array. Used only while every position fits in 16 bits.
         */
        private long packed;
        /**
         * The positions in template order of the rules fired, the first {@link #count}, where {@link #packed} does not
         * hold them.
         */
        private int[] rules = NONE;
        /**
         * The evidence built during the walk, by step (null where it is built on reading; shorter than {@link #rules}
         * when the later steps have none); null when the walk built none.
         */
        private @Nullable String @Nullable [] eager;

        private int count;

        FiredRules(CustomerProfile profile, Instant asOf) {
            this.profile = profile;
            this.asOf = asOf;
        }

        @Override
        public void step(int ruleOrder, int fromStage, int toStage) {
            CompiledRule rule = rulesInOrder[ruleOrder];
            if (!rule.lazyEvidence) {
                String[] built = eager == null ? new String[Math.max(PACKED, count + 1)] : eager;
                if (built.length <= count) {
                    built = Arrays.copyOf(built, 2 * count);
                }
                built[count] = evidence(rule, profile, asOf);
                eager = built;
            }
            if (count < PACKED && rulesInOrder.length <= 1 << 16) {
                packed |= (long) ruleOrder << (16 * count);
            } else {
                if (count >= rules.length) {
                    rules = Arrays.copyOf(rules, Math.max(2 * PACKED, 2 * count));
                }
                rules[count] = ruleOrder;
            }
            count++;
        }

        /** Returns the position in template order of the {@code i}-th rule fired. */
        private int ruleAt(int i) {
            return i < PACKED && rulesInOrder.length <= 1 << 16 ? (int) (packed >>> (16 * i)) & 0xFFFF : rules[i];
        }

        /** Builds the fired rules, in order, with their evidence. */
        ImmutableList<FiredRule> path() {
            if (count == 0) {
                return ImmutableList.of();
            }
            FiredRule[] path = new FiredRule[count];
            int from = entry;
            for (int i = 0; i < count; i++) {
                CompiledRule rule = rulesInOrder[ruleAt(i)];
                String[] evidence = eager;
                String built = evidence == null || i >= evidence.length ? null : evidence[i];
                path[i] = new FiredRule(
                        rule.rule.id(),
                        stages[from].id(),
                        stages[rule.target].id(),
                        built != null ? built : evidence(rule, profile, asOf));
                from = rule.target;
            }
            return ImmutableList.copyOf(path);
        }
    }

    /** Receives each rule a walk fires: its position in template order and the stages it moves between. */
    @FunctionalInterface
    interface StepSink {
        void step(int ruleOrder, int fromStage, int toStage);
    }

    /**
     * Customers counted per final stage and per furthest main-path stage: the one counting path of every bulk
     * classification (profiles, collector, table, parallel table). Not thread-safe; a parallel pass counts into one per
     * task and adds them up.
     */
    private static final class StageCounts {
        private final long[] current;
        private final long[] highest;

        StageCounts(int stages) {
            this.current = new long[stages];
            this.highest = new long[stages];
        }

        void add(long outcome) {
            current[PackedStages.finalStage(outcome)]++;
            highest[PackedStages.highestStage(outcome)]++;
        }

        void addAll(StageCounts other) {
            for (int i = 0; i < current.length; i++) {
                current[i] += other.current[i];
                highest[i] += other.highest[i];
            }
        }

        StageDistribution toDistribution(LifecycleTemplate template, Instant asOf) {
            return StageDistribution.of(template, asOf, current, highest);
        }
    }

    /** A rule with its target resolved to a stage index and its position in template order. */
    private static final class CompiledRule {
        final TransitionRule rule;
        final Condition condition;
        /** The condition when it can read table columns, else null. */
        final @Nullable ColumnCondition column;
        /** Whether the evidence may be built when a classification's path is read, rather than during the walk. */
        final boolean lazyEvidence;

        final int target;
        final int order;

        CompiledRule(TransitionRule rule, int target, int order) {
            this.rule = rule;
            this.condition = rule.condition();
            this.column = condition instanceof ColumnCondition c && c.readsColumns() ? c : null;
            this.lazyEvidence = Conditions.hasLazyEvidence(condition);
            this.target = target;
            this.order = order;
        }
    }
}
