package dev.lifecycle.core;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The tracker's logic for one customer as a pure function, for engines that keep the state themselves (a stream
 * processor's keyed state, a database row, an actor): given a customer's {@link CustomerState}, one event or one
 * instant, it returns the new state, the {@link StageTransition}s the step caused in the order they happened, and the
 * next instant at which time alone could change the customer's stage. It has no side effects, reads no clock and holds
 * no customer; one step serves any number of customers from any number of threads.
 *
 * <p>{@link LifecycleTracker} is a layer over this step (ordering, lateness, duplicates, listeners and shards around it),
 * so replaying a customer's events through the step gives the states and transitions the tracker gives:
 *
 * <ul>
 *   <li>Apply a customer's events in timestamp order, ties by event id, as the tracker does; an event before the
 *       state's {@linkplain CustomerState#time() time} is refused. De-duplicating redelivered events is the caller's
 *       job: every event given to the step counts.
 *   <li>Call {@link #advance(CustomerState, Instant)} at the instant {@link StepResult#nextChange()} names (or later) to
 *       let time-based rules act without an event: a lapse carries the exact instant its condition became true, even
 *       if the advance comes later. Custom conditions cannot say when they change; moves they cause carry the instant
 *       of the event or advance that revealed them.
 *   <li>Keep the state as {@link CustomerState#toBytes()} and read it back with {@link #read(byte[])}: the bytes carry
 *       a version and this step's template {@linkplain #fingerprint() fingerprint}, so a state of another template,
 *       another version or corrupt bytes are refused with a message, never half-read.
 * </ul>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class LifecycleStep {
    /**
     * The order in which the tracker applies events, and in which an engine gives a customer's events to the step:
     * by timestamp, ties by customer id, then by event id.
     */
    public static final Comparator<CustomerEvent> EVENT_ORDER = WaitingEvents.ORDER;

    private final LifecycleTemplate template;
    private final LifecycleClassifier classifier;
    private final String fingerprint;
    /** Each thread's one-row table of the fast path; null when the template's rules do not all read columns. */
    private final @Nullable ThreadLocal<RowTable> rowTables;

    private LifecycleStep(LifecycleTemplate template) {
        this.template = template;
        this.classifier = LifecycleClassifier.of(template);
        this.fingerprint = TrackerStateCodec.fingerprint(template);
        FactNeeds needs = classifier.rowNeeds();
        this.rowTables = needs == null ? null : ThreadLocal.withInitial(() -> new RowTable(needs));
    }

    /**
     * Returns the step of a template.
     *
     * @param template the lifecycle the step follows
     * @return the step
     * @throws NullPointerException if {@code template} is null
     */
    public static LifecycleStep of(LifecycleTemplate template) {
        return new LifecycleStep(requireNonNull(template, "template"));
    }

    /** {@return the template this step follows} */
    public LifecycleTemplate template() {
        return template;
    }

    /**
     * Returns the fingerprint of what a state depends on: the template's name, its stages (ids, main or side, the
     * entry stage) and its rules (ids, stages, priorities and conditions), but not descriptions or other metadata. A
     * state written under one fingerprint is read only by a step of the same fingerprint, and the tracker's exported
     * text carries the same one.
     *
     * @return the fingerprint as hexadecimal digits
     */
    public String fingerprint() {
        return fingerprint;
    }

    /**
     * Applies one event to a customer: the customer is first brought to the event's instant (time-based rules act at
     * the instants their conditions change), then the event is folded into the profile and the rules are followed from
     * the current stage as far as they lead.
     *
     * @param state the customer's state, or null for a customer without a state yet (their first event)
     * @param event the customer's next event
     * @return the new state, the transitions in order and the next instant time alone could change the stage
     * @throws NullPointerException if {@code event} is null
     * @throws IllegalArgumentException if the event belongs to another customer than the state, lies before the
     *     state's time, lies outside the years 1678 to 2261, or cannot be folded into the profile (an amount in another
     *     currency than the customer's earlier amounts); the state is unchanged, as always
     * @throws ClassificationException if a rule's condition throws
     */
    public StepResult apply(@Nullable CustomerState state, CustomerEvent event) {
        requireNonNull(event, "event");
        long at = TrackerTime.toNanos(event.timestamp());
        if (state != null) {
            checkOwn(state);
            if (!CustomerRecords.hasId(state.record(), event.customerId())) {
                throw new IllegalArgumentException("event '" + event.eventId() + "' belongs to customer '"
                        + event.customerId() + "', not to the state's customer '" + state.customerId() + "'");
            }
        }
        RowTable table = rows();
        if (table != null) {
            FactRow row = table.row;
            if (state == null) {
                row.start(event.customerId(), classifier.entryIndex(), at, CustomerRecords.Currencies.SHARED);
            } else {
                row.read(state.record(), event.customerId(), CustomerRecords.Currencies.SHARED);
                checkInOrder(row.evaluatedAt, event, at);
                row.checkCanAdd(event);
            }
            if (row.canFold(event)) {
                table.moves.clear();
                long next = applyToRow(row, state != null, event, at, table, table.moves);
                return result(row, table.moves.transitions, next);
            }
        }
        Collected moves = new Collected();
        if (state != null) {
            checkInOrder(state.customer().evaluatedAt, event, at);
        }
        CustomerProfile before =
                state == null ? CustomerProfile.builder(event.customerId()).build() : state.customer().profile;
        CustomerProfile after = before.plus(event);
        TrackedCustomer customer =
                state == null ? start(before, at) : state.customer().copy();
        applyFolded(customer, state != null, after, at, event.timestamp(), moves);
        return result(customer, moves.transitions);
    }

    private static void checkAdvance(long evaluatedAt, long at, Instant instant) {
        if (at < evaluatedAt) {
            throw new IllegalArgumentException("cannot advance to " + instant + ": the state's time is already "
                    + TrackerTime.toInstant(evaluatedAt));
        }
    }

    private static void checkInOrder(long evaluatedAt, CustomerEvent event, long at) {
        if (at < evaluatedAt) {
            throw new IllegalArgumentException("event '" + event.eventId() + "' at " + event.timestamp()
                    + " lies before the state's time " + TrackerTime.toInstant(evaluatedAt)
                    + "; a customer's events are applied in time order");
        }
    }

    /**
     * Brings a customer to an instant without an event: time-based rules (such as a lapse after inactivity) act at the
     * exact instants their conditions change up to {@code instant}, then the rules are followed at {@code instant}.
     *
     * @param state the customer's state
     * @param instant the instant to bring the customer to; not before the state's time
     * @return the new state, the transitions in order and the next instant time alone could change the stage
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code instant} lies before the state's time or outside the years 1678 to
     *     2261, or the state is of another step's template
     * @throws ClassificationException if a rule's condition throws
     */
    public StepResult advance(CustomerState state, Instant instant) {
        requireNonNull(state, "state");
        requireNonNull(instant, "instant");
        checkOwn(state);
        long at = TrackerTime.toNanos(instant);
        RowTable table = rows();
        if (table != null) {
            FactRow row = table.row;
            row.read(state.record(), null, CustomerRecords.Currencies.SHARED);
            checkAdvance(row.evaluatedAt, at, instant);
            table.moves.clear();
            long next = advanceRow(row, at, instant, table, table.moves);
            return result(row, table.moves.transitions, next);
        }
        Collected moves = new Collected();
        checkAdvance(state.customer().evaluatedAt, at, instant);
        TrackedCustomer customer = state.customer().copy();
        evaluate(customer, at, instant, true, moves);
        return result(customer, moves.transitions);
    }

    /**
     * Reads a state written by {@link CustomerState#toBytes()}.
     *
     * @param bytes the state's bytes
     * @return the state
     * @throws NullPointerException if {@code bytes} is null
     * @throws IllegalArgumentException if the bytes are not a customer state, are of an unsupported version, were
     *     written under another template fingerprint, or are corrupt; the message says which
     */
    public CustomerState read(byte[] bytes) {
        requireNonNull(bytes, "bytes");
        return CustomerState.of(this, CustomerStateCodec.read(this, bytes));
    }

    /**
     * Returns what the {@linkplain #fingerprint() fingerprint} is computed from, in order: the template's name, its
     * entry stage, one part per stage ({@code id:main} or {@code id:side}) and one per rule ({@code
     * id:from->to@priority:condition}, the condition as data). Two steps whose parts differ read each other's states
     * as foreign; comparing the parts names what changed, as a stream engine restoring a state under another template
     * should say.
     *
     * @return the parts, an unmodifiable list
     */
    public List<String> fingerprintParts() {
        return TrackerStateCodec.fingerprintParts(template);
    }

    @Override
    public String toString() {
        return "LifecycleStep{template=" + template.name() + ", fingerprint=" + fingerprint + "}";
    }

    private void checkOwn(CustomerState state) {
        if (state.step() != this && !state.step().fingerprint.equals(fingerprint)) {
            throw new IllegalArgumentException("the state of customer '" + state.customerId()
                    + "' belongs to template '"
                    + state.step().template.name() + "' (fingerprint " + state.step().fingerprint
                    + "), not to this step's template '" + template.name() + "' (fingerprint " + fingerprint + ")");
        }
    }

    private StepResult result(TrackedCustomer customer, List<StageTransition> transitions) {
        long next = classifier.nextChangeAfter(customer.current, customer.profile, customer.evaluatedAt);
        return new StepResult(CustomerState.of(this, customer), transitions, next);
    }

    /**
     * The result of a step on the fast path: the row written as the new state's record; {@code known} is what {@link
     * #evaluate} returned.
     */
    private StepResult result(FactRow row, List<StageTransition> transitions, long known) {
        // the row's facts are those the table holds since the last evaluation
        long next = known != UNKNOWN ? known : row.nextChangeAfter(classifier, row.evaluatedAt);
        return new StepResult(new CustomerState(this, row.written(false)), transitions, next);
    }

    /**
     * The one-row table of the calling thread for this step's fast path, null when the template's rules do not all
     * read columns. One per thread, as the step serves many threads and a table is written for each customer.
     */
    private @Nullable RowTable rows() {
        return rowTables == null ? null : rowTables.get();
    }

    // ---- the work, in place: the tracker calls these on the customers it stores

    LifecycleClassifier classifier() {
        return classifier;
    }

    /** A customer seen for the first time at {@code at}, in the entry stage, with the profile before their event. */
    TrackedCustomer start(CustomerProfile empty, long at) {
        return new TrackedCustomer(empty, classifier.entryIndex(), at);
    }

    /**
     * Applies an event already folded into {@code after}: brings a known customer to the event's instant with the
     * profile before it, then follows the rules with the profile after it. A condition that throws leaves the moves
     * made before it in the customer, as they were reported.
     */
    void applyFolded(
            TrackedCustomer customer, boolean known, CustomerProfile after, long at, Instant instant, Moves moves) {
        if (known) {
            evaluate(customer, at, instant, true, moves);
        }
        customer.profile = after;
        evaluate(customer, at, instant, true, moves);
    }

    /**
     * Brings a customer to {@code at}: first lets time-based rules act at the exact instants their conditions change
     * between the customer's last evaluation and {@code at}, then follows the rules at {@code at}. When committing,
     * each move is recorded in the history and reported with the instant it happened; otherwise only the stages change
     * (a projection) and nothing is reported.
     *
     * @return the next instant after {@code at} at which time alone could change the customer's stage ({@link
     *     Long#MAX_VALUE} for none) when it is known without asking the rules again, else {@link #UNKNOWN}
     */
    long evaluate(StepSubject customer, long at, Instant instant, boolean commit, Moves moves) {
        long next;
        while ((next = customer.nextChangeAfter(classifier, customer.evaluatedAt())) < at) {
            walk(customer, next, TrackerTime.toInstant(next), commit, moves);
        }
        int before = customer.current();
        walk(customer, at, instant, commit, moves);
        // the first change after the evaluation before at, when later than at, is the first after at: same stage, same
        // facts
        return next > at && customer.current() == before && customer.evaluatedAt() == at ? next : UNKNOWN;
    }

    /** What {@link #evaluate} returns when the next change is not known without asking the rules again. */
    static final long UNKNOWN = Long.MIN_VALUE;

    private void walk(StepSubject customer, long at, Instant instant, boolean commit, Moves moves) {
        long result = customer.walkAt(classifier, at, instant, commit ? moves : null);
        int reached = PackedStages.highestStage(result);
        if (classifier.mainRank(reached) > classifier.mainRank(customer.highest())) {
            customer.reached(reached);
        }
        customer.evaluatedAt(Math.max(customer.evaluatedAt(), at));
    }

    /**
     * The tracker's fast path for a customer held as a record's primitives, whose template's rules all read columns
     * ({@link LifecycleClassifier#rowNeeds()}): as {@link #applyFolded}, with the event folded into the row itself
     * between the two evaluations. The caller has checked that the row can take the event ({@link
     * FactRow#checkCanAdd}, {@link FactRow#canFold}); {@code rows} is the one-row table the row's facts are loaded into.
     * Returns what {@link #evaluate} returns.
     */
    long applyToRow(FactRow row, boolean known, CustomerEvent event, long at, RowTable rows, Moves moves) {
        Instant instant = event.timestamp();
        if (known) {
            rows.attach(row);
            evaluate(row, at, instant, true, moves);
        }
        ProfileFold.fold(event, row);
        rows.attach(row);
        return evaluate(row, at, instant, true, moves);
    }

    /** Brings a row to {@code at} on the fast path, as {@link #evaluate} does, and returns what it returns. */
    long advanceRow(FactRow row, long at, Instant instant, RowTable rows, Moves moves) {
        rows.attach(row);
        return evaluate(row, at, instant, true, moves);
    }

    /** The one-row table a tracker shard's fast path loads each customer's facts into; null for other templates. */
    @Nullable
    RowTable rowTable() {
        FactNeeds needs = classifier.rowNeeds();
        return needs == null ? null : new RowTable(needs);
    }

    /**
     * A one-row table with the columns a template's column conditions read, with the row and the moves of the step's
     * fast path that uses it. Not thread-safe.
     */
    final class RowTable {
        /** The row a step reads each state's record into. */
        final FactRow row = new FactRow();
        /** The moves of one step. */
        final Collected moves = new Collected();

        private final FactNeeds needs;
        private final ProfileColumns columns;
        private final ProfileTable table;

        RowTable(FactNeeds needs) {
            this.needs = needs;
            this.columns = new ProfileColumns(1, needs);
            for (int t = 0; t < ProfileTable.TYPES; t++) {
                if (needs.counts(t)) {
                    columns.countColumn(t);
                }
                if (needs.lasts(t)) {
                    columns.ensureLastColumn(t);
                }
            }
            columns.newRow("");
            this.table = ProfileTable.over(columns);
        }

        void attach(FactRow row) {
            row.attach(columns, table, needs);
        }
    }

    /** The moves of one step as transitions, in order; cleared for each step. */
    final class Collected implements Moves {
        final List<StageTransition> transitions = new ArrayList<>(4);

        void clear() {
            transitions.clear();
        }

        @Override
        public void moved(String customerId, int rule, int from, int to, Instant instant) {
            transitions.add(transition(customerId, rule, from, to, instant));
        }
    }

    /** The transition of a move as listeners and step results carry it. */
    StageTransition transition(String customerId, int rule, int from, int to, Instant instant) {
        return new StageTransition(
                customerId,
                classifier.stageAt(from).id(),
                classifier.stageAt(to).id(),
                instant,
                classifier.ruleAt(rule).id());
    }

    /** The customer's history as the public value. */
    CustomerHistory history(TrackedCustomer customer) {
        List<StageVisit> visits = new ArrayList<>(customer.visits);
        for (int v = 0; v < customer.visits; v++) {
            int rule = customer.ruleOf(v);
            visits.add(new StageVisit(
                    classifier.stageAt(customer.stageOf(v)),
                    TrackerTime.toInstant(customer.entered[v]),
                    v + 1 < customer.visits ? TrackerTime.toInstant(customer.entered[v + 1]) : null,
                    rule < 0 ? null : classifier.ruleAt(rule).id()));
        }
        return new CustomerHistory(
                customer.profile.customerId(),
                classifier.stageAt(customer.current),
                classifier.stageAt(customer.highest),
                visits);
    }

    /** Receives each committed move of a customer, in order. */
    @FunctionalInterface
    interface Moves {
        void moved(String customerId, int rule, int from, int to, Instant instant);
    }
}
