package dev.lifecycle.core;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A tracker's stage flow between two instants, read from its customers' histories ({@link
 * LifecycleTracker#flow(Instant, Instant)}): where each customer was at the earlier instant and at the later ({@link
 * #customers()}), and every move in between, intermediate ones included ({@link #moves()}), so a team sees both where
 * people ended up and how much they moved to get there.
 *
 * <p><b>Boundary.</b> The interval is {@code (from, to]}: a move (or a first sight) at an instant {@code t} with {@code
 * from < t <= to} is counted; one at exactly {@code from} has already happened at {@code from}, so it is part of the
 * stage a customer was in then. A customer's stage at an instant is the stage of their last stay that began at or
 * before it, as {@link LifecycleTracker#distributionAt(Instant)} counts it; a customer not yet seen at an instant has no
 * stage there.
 *
 * <p><b>The two matrices.</b> Both have the template's stage ids in order as rows and columns, then {@link
 * MoveMatrix#NONE}. In {@link #customers()} a cell counts customers: rows are the stage at {@code from} ({@code (none)}
 * for customers first seen in {@code (from, to]}), columns the stage at {@code to}; tracked customers never leave, so
 * the {@code (none)} column is 0, and customers first seen after {@code to} are in neither matrix. For the built-in
 * templates it is the matrix {@link MoveMatrix#between(CustomerStages, CustomerStages)} gives for two classifications
 * of the same events up to {@code from} and up to {@code to}. In {@link #moves()} a cell counts moves: rows are the stage left, columns the stage
 * entered, and the {@code (none)} row counts the customers first seen in {@code (from, to]}, in the entry stage's
 * column; a customer who moved several times is in several cells, so a row's shares split the moves out of a stage.
 *
 * <p><b>Reconciliation.</b> For every stage {@code s}, the change of its customers between the two instants is the moves
 * into it (first sights included) minus the moves out of it: {@code customers().columnTotal(s) -
 * customers().rowTotal(s) == moves().columnTotal(s) - moves().rowTotal(s)}, with {@code s} the stage's index. A stay
 * never follows a stay in the same stage, so the diagonal of {@link #moves()} is 0.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class StageFlow {
    private final Instant from;
    private final Instant to;
    private final MoveMatrix customers;
    private final MoveMatrix moves;

    private StageFlow(Instant from, Instant to, MoveMatrix customers, MoveMatrix moves) {
        this.from = from;
        this.to = to;
        this.customers = customers;
        this.moves = moves;
    }

    /** {@return the earlier instant, excluded from the interval of moves} */
    public Instant from() {
        return from;
    }

    /** {@return the later instant, included in the interval of moves} */
    public Instant to() {
        return to;
    }

    /**
     * Returns how many customers went from each stage at {@link #from()} to each stage at {@link #to()}.
     *
     * @return the matrix of customers, rows the stage at {@code from} ({@code (none)}: first seen after it), columns
     *     the stage at {@code to}
     */
    public MoveMatrix customers() {
        return customers;
    }

    /**
     * Returns every move in {@code (from, to]}, intermediate ones included.
     *
     * @return the matrix of moves, rows the stage left ({@code (none)}: first seen), columns the stage entered
     */
    public MoveMatrix moves() {
        return moves;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof StageFlow other
                && from.equals(other.from)
                && to.equals(other.to)
                && customers.equals(other.customers)
                && moves.equals(other.moves);
    }

    @Override
    public int hashCode() {
        return Objects.hash(from, to, customers, moves);
    }

    @Override
    public String toString() {
        return "StageFlow(" + from + ", " + to + "]{customers=" + customers + ", moves=" + moves + "}";
    }

    /**
     * Counts customers' stays into a flow: the one place that decides which stay falls on which side of the boundary.
     * Not thread-safe; the tracker uses one per call.
     */
    static final class Counter {
        private final List<String> stageIds;
        private final Instant from;
        private final Instant to;
        private final long fromNanos;
        private final long toNanos;
        private final long[][] customers;
        private final long[][] moves;

        Counter(LifecycleTemplate template, Instant from, Instant to) {
            List<String> ids = new ArrayList<>();
            template.stages().forEach(stage -> ids.add(stage.id()));
            this.stageIds = List.copyOf(ids);
            this.from = from;
            this.to = to;
            this.fromNanos = TrackerTime.toNanos(from);
            this.toNanos = TrackerTime.toNanos(to);
            this.customers = new long[ids.size() + 1][ids.size() + 1];
            this.moves = new long[ids.size() + 1][ids.size() + 1];
        }

        /**
         * Adds a customer's stays up to {@code to}, oldest first, as {@link LifecycleTracker} brings them to it: each
         * stay after the first is a move from the stay before it.
         */
        void add(TrackedCustomer stays) {
            int none = stageIds.size();
            int atFrom = none;
            for (int v = 0; v < stays.visits; v++) {
                long at = stays.entered[v];
                if (at > toNanos) {
                    throw new IllegalStateException("a stay of customer '" + stays.customerId() + "' begins at "
                            + TrackerTime.toInstant(at) + ", after " + to);
                }
                if (at <= fromNanos) {
                    atFrom = stays.stageOf(v);
                } else {
                    moves[v == 0 ? none : stays.stageOf(v - 1)][stays.stageOf(v)]++;
                }
            }
            customers[atFrom][stays.stageOf(stays.visits - 1)]++;
        }

        StageFlow build() {
            return new StageFlow(
                    from, to, MoveMatrix.counted(stageIds, customers), MoveMatrix.counted(stageIds, moves));
        }
    }
}
