package dev.lifecycle.core;

import java.time.Instant;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * An instant of a customer's profile that time-based conditions measure from (the last order, the last activity, the
 * first order, the latest event of a type), read from a {@link CustomerProfile} or from a {@link ProfileTable} row.
 * Immutable.
 */
abstract class DatedFact {
    /** The latest order. */
    static final DatedFact LAST_ORDER =
            new Latest(EventType.PURCHASE, "last order", CustomerProfile.Fact.ORDERS.eventTypes());

    /** The latest event of any type. */
    static final DatedFact LAST_ACTIVITY = new LastActivity();

    /** The first order, or the last order where the first is unknown. */
    static final DatedFact FIRST_ORDER = new FirstOrder();

    private static final DatedFact[] LATEST_OF_TYPE = latestOfEachType();

    private final String label;
    private final Set<EventType> eventTypes;

    private DatedFact(String label, Set<EventType> eventTypes) {
        this.label = label;
        this.eventTypes = eventTypes;
    }

    /** {@return the latest event of the type, labelled {@code "last " + type} in evidence} */
    static DatedFact latest(EventType type) {
        return LATEST_OF_TYPE[type.ordinal()];
    }

    private static DatedFact[] latestOfEachType() {
        EventType[] types = EventType.values();
        DatedFact[] facts = new DatedFact[types.length];
        for (EventType type : types) {
            facts[type.ordinal()] = new Latest(type, "last " + type, CustomerProfile.Fact.ofType(type));
        }
        return facts;
    }

    /** {@return how evidence names the fact, as {@code "last order"}} */
    final String label() {
        return label;
    }

    /** {@return the event types whose events set the fact} */
    final Set<EventType> eventTypes() {
        return eventTypes;
    }

    /** {@return the fact's instant in the profile, null if the profile has none} */
    abstract @Nullable Instant in(CustomerProfile profile);

    /** {@return the fact's instant in a table row as epoch seconds, {@link ProfileTable#NONE} if the row has none} */
    long second(ProfileTable table, int row) {
        long[] seconds = seconds(table);
        return seconds == null ? ProfileTable.NONE : seconds[row];
    }

    /** {@return the nanosecond of the fact's instant in a table row, 0 if the row has none} */
    int nano(ProfileTable table, int row) {
        int[] nanos = nanos(table);
        return nanos == null ? 0 : nanos[row];
    }

    /**
     * Returns the table's column of epoch seconds of the fact ({@link ProfileTable#NONE} where a row has none); null
     * where no row has the fact or the fact is not one column of the table ({@link #inOneColumn()}).
     */
    abstract long @Nullable [] seconds(ProfileTable table);

    /** {@return the nanoseconds that go with {@link #seconds(ProfileTable)}, null where that is null} */
    abstract int @Nullable [] nanos(ProfileTable table);

    /** Adds the columns the fact is read from to {@code needs}. */
    abstract void needs(FactNeeds needs);

    /** {@return whether the table keeps the fact in one pair of columns, which a loop over rows can read directly} */
    boolean inOneColumn() {
        return true;
    }

    /** The latest event of one type: the type's last-instant columns. */
    private static final class Latest extends DatedFact {
        private final int type;

        Latest(EventType type, String label, Set<EventType> eventTypes) {
            super(label, eventTypes);
            this.type = type.ordinal();
        }

        @Override
        @Nullable
        Instant in(CustomerProfile profile) {
            return profile.lastAt[type];
        }

        @Override
        void needs(FactNeeds needs) {
            needs.lastTypes |= 1 << type;
        }

        @Override
        long @Nullable [] seconds(ProfileTable table) {
            return table.lastSecond[type];
        }

        @Override
        int @Nullable [] nanos(ProfileTable table) {
            return table.lastNano[type];
        }
    }

    private static final class LastActivity extends DatedFact {
        LastActivity() {
            super("last activity", CustomerProfile.Fact.ACTIVITY.eventTypes());
        }

        @Override
        @Nullable
        Instant in(CustomerProfile profile) {
            return profile.lastActivity;
        }

        @Override
        void needs(FactNeeds needs) {
            needs.lastActivity();
        }

        @Override
        long[] seconds(ProfileTable table) {
            return table.lastActivitySecond;
        }

        @Override
        int[] nanos(ProfileTable table) {
            return table.lastActivityNano;
        }
    }

    /** The first order, falling back to the last order: two pairs of columns, read row by row. */
    private static final class FirstOrder extends DatedFact {
        FirstOrder() {
            super("first order", CustomerProfile.Fact.ORDERS.eventTypes());
        }

        @Override
        @Nullable
        Instant in(CustomerProfile profile) {
            return profile.firstOrderAt != null ? profile.firstOrderAt : profile.lastAt[EventType.PURCHASE.ordinal()];
        }

        @Override
        void needs(FactNeeds needs) {
            needs.firstOrder();
        }

        @Override
        long second(ProfileTable table, int row) {
            long first = table.firstOrderSecond[row];
            return first != ProfileTable.NONE ? first : LAST_ORDER.second(table, row);
        }

        @Override
        int nano(ProfileTable table, int row) {
            return table.firstOrderSecond[row] != ProfileTable.NONE
                    ? table.firstOrderNano[row]
                    : LAST_ORDER.nano(table, row);
        }

        @Override
        long @Nullable [] seconds(ProfileTable table) {
            return null;
        }

        @Override
        int @Nullable [] nanos(ProfileTable table) {
            return null;
        }

        @Override
        boolean inOneColumn() {
            return false;
        }
    }
}
