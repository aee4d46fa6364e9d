package dev.lifecycle.core;

/**
 * The columns of a {@link ProfileTable} that a set of {@link ColumnCondition}s reads: what a fold from an {@link
 * EventBatch} has to compute for them, and no more. Each condition declares its own ({@link
 * ColumnCondition#needs(FactNeeds)}); a test holds the declaration to the columns each condition reads. Not
 * thread-safe.
 */
final class FactNeeds {
    /** Bit {@code t} set: the count column of event type {@code t}. */
    int countTypes;
    /** Bit {@code t} set: the latest-instant columns of event type {@code t}. */
    int lastTypes;

    boolean lastActivity;
    boolean firstOrder;
    boolean nps;
    boolean orders;

    /** {@return needs of every column a fold from a batch can fill: what a full table holds} */
    static FactNeeds all() {
        FactNeeds all = new FactNeeds();
        all.countTypes = (1 << ProfileTable.TYPES) - 1;
        all.lastTypes = all.countTypes;
        all.lastActivity = true;
        all.firstOrder = true;
        all.nps = true;
        all.orders = true;
        return all;
    }

    void count(EventType type) {
        countTypes |= 1 << type.ordinal();
    }

    void last(EventType type) {
        lastTypes |= 1 << type.ordinal();
    }

    void lastActivity() {
        lastActivity = true;
    }

    void firstOrder() {
        firstOrder = true;
        last(EventType.PURCHASE);
    }

    void nps() {
        nps = true;
    }

    void orders() {
        orders = true;
    }

    boolean counts(int type) {
        return (countTypes & (1 << type)) != 0;
    }

    boolean lasts(int type) {
        return (lastTypes & (1 << type)) != 0;
    }

    @Override
    public String toString() {
        return "FactNeeds{counts=" + Integer.toBinaryString(countTypes) + ", lasts=" + Integer.toBinaryString(lastTypes)
                + ", lastActivity=" + lastActivity + ", firstOrder=" + firstOrder + ", nps=" + nps + ", orders="
                + orders + "}";
    }
}
