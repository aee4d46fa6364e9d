package dev.lifecycle.core;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The events a tracker shard has accepted but not yet applied because the watermark has not passed them, released in
 * timestamp order (ties by customer, then event id) and refusing a second event with a waiting event's customer and
 * id. Two forms, chosen by the allowed lateness: {@link #forLateness(long)}. Not thread-safe: a shard uses it under its
 * lock.
 */
abstract class WaitingEvents {
    /** Timestamp order, ties by customer id, then by event id: the order events are applied in. */
    static final Comparator<CustomerEvent> ORDER = WaitingEvents::compare;

    /**
     * Returns the waiting events of a tracker with the given allowed lateness. Without lateness an accepted event waits
     * only while it is at the latest instant seen (a later event may still tie with it), so a short list serves; with
     * lateness, a heap and a set of keys.
     */
    static WaitingEvents forLateness(long latenessNanos) {
        return latenessNanos == 0 ? new Ties() : new Queue();
    }

    /** Adds an event; false, adding nothing, if an event of the same customer and id is waiting. */
    abstract boolean add(CustomerEvent event);

    /** Takes back the event {@link #add} took last (it turned out not to be applicable). */
    abstract void removeAdded(CustomerEvent event);

    /** Removes and returns the first waiting event if its timestamp lies before {@code watermark}, else null. */
    abstract @Nullable CustomerEvent pollBefore(long watermark);

    abstract int size();

    /** {@return the waiting events in the order they will be applied} */
    abstract List<CustomerEvent> inOrder();

    static int compare(CustomerEvent a, CustomerEvent b) {
        int byTime = a.timestamp().compareTo(b.timestamp());
        if (byTime != 0) {
            return byTime;
        }
        int byCustomer = a.customerId().compareTo(b.customerId());
        return byCustomer != 0 ? byCustomer : a.eventId().compareTo(b.eventId());
    }

    private static long nanos(CustomerEvent event) {
        return TrackerTime.toNanosOfSupported(event.timestamp());
    }

    /** Identifies an event for de-duplication. */
    private record EventKey(String customerId, String eventId) {
        static EventKey of(CustomerEvent event) {
            return new EventKey(event.customerId(), event.eventId());
        }
    }

    /**
     * Without allowed lateness the waiting events are those at the latest instant seen: a few, or a few dozen when
     * many events share an instant (a log with whole-minute timestamps). They are kept in a list in the order they
     * will be applied, each new event put in its place by binary search, which also finds a waiting event of the same
     * customer and id; nothing is hashed or sorted, and no object is made per event. Past {@value #LIST_LIMIT} events
     * waiting at once (a burst of ties, or events restored from a state exported with lateness) they move to a {@link
     * Queue}, whose cost per event does not grow with their number, and come back to the list once it is empty.
     */
    private static final class Ties extends WaitingEvents {
        private static final int LIST_LIMIT = 1024;

        private final ArrayList<CustomerEvent> events = new ArrayList<>(8);
        /** The waiting events when there are too many for the list, else null. */
        private @Nullable Queue many;
        /** The first waiting event of {@link #events}: those before it were released. */
        private int next;

        @Override
        boolean add(CustomerEvent event) {
            Queue queue = many;
            if (queue != null) {
                return queue.add(event);
            }
            if (!allAt(event.timestamp())) {
                // a waiting event of the same customer and id may lie at another instant, where the search would not
                // look: a new instant arriving while the last one's events wait, or events restored from a state
                for (int i = next; i < events.size(); i++) {
                    CustomerEvent waiting = events.get(i);
                    if (waiting.eventId().equals(event.eventId())
                            && waiting.customerId().equals(event.customerId())) {
                        return false;
                    }
                }
            }
            int at = place(event);
            if (at < 0) {
                return false;
            }
            if (events.size() - next >= LIST_LIMIT) {
                queue = new Queue();
                for (int i = next; i < events.size(); i++) {
                    queue.add(events.get(i));
                }
                clear();
                many = queue;
                return queue.add(event);
            }
            events.add(at, event);
            return true;
        }

        /** Whether every waiting event lies at {@code instant} (true when none waits). */
        private boolean allAt(java.time.Instant instant) {
            int last = events.size() - 1;
            return last < next
                    || (events.get(next).timestamp().equals(instant)
                            && events.get(last).timestamp().equals(instant));
        }

        /**
         * The index at which the event belongs among the waiting ones, or -1 if one with its instant, customer and id
         * waits.
         */
        private int place(CustomerEvent event) {
            int low = next;
            int high = events.size() - 1;
            // events mostly come in time order: try the end first
            if (high < low || compare(events.get(high), event) < 0) {
                return high + 1;
            }
            while (low <= high) {
                int middle = (low + high) >>> 1;
                int order = compare(events.get(middle), event);
                if (order < 0) {
                    low = middle + 1;
                } else if (order > 0) {
                    high = middle - 1;
                } else {
                    return -1;
                }
            }
            return low;
        }

        @Override
        void removeAdded(CustomerEvent event) {
            Queue queue = many;
            if (queue != null) {
                queue.removeAdded(event);
                return;
            }
            for (int i = events.size() - 1; i >= next; i--) {
                if (events.get(i).equals(event)) {
                    events.remove(i);
                    break;
                }
            }
            if (next == events.size()) {
                clear();
            }
        }

        @Override
        @Nullable
        CustomerEvent pollBefore(long watermark) {
            Queue queue = many;
            if (queue != null) {
                CustomerEvent first = queue.pollBefore(watermark);
                if (queue.size() == 0) {
                    many = null;
                }
                return first;
            }
            if (next == events.size()) {
                return null;
            }
            CustomerEvent first = events.get(next);
            if (nanos(first) >= watermark) {
                return null;
            }
            next++;
            if (next == events.size()) {
                clear();
            }
            return first;
        }

        private void clear() {
            if (events.size() > 64) {
                // a burst of ties: give back its array
                events.clear();
                events.trimToSize();
                events.ensureCapacity(8);
            } else {
                events.clear();
            }
            next = 0;
        }

        @Override
        int size() {
            Queue queue = many;
            return queue != null ? queue.size() : events.size() - next;
        }

        @Override
        List<CustomerEvent> inOrder() {
            Queue queue = many;
            return queue != null ? queue.inOrder() : new ArrayList<>(events.subList(next, events.size()));
        }
    }

    /** With allowed lateness: a heap in application order and the keys of the waiting events. */
    private static final class Queue extends WaitingEvents {
        private static final int RELEASE_AFTER_PEAK = 4096;

        private PriorityQueue<CustomerEvent> queue = new PriorityQueue<>(ORDER);
        private Set<EventKey> keys = new HashSet<>();
        /** The most events waiting at once since the queue was last made anew; the queue and set never shrink. */
        private int peak;

        @Override
        boolean add(CustomerEvent event) {
            if (!keys.add(EventKey.of(event))) {
                return false;
            }
            queue.add(event);
            peak = Math.max(peak, queue.size());
            return true;
        }

        @Override
        void removeAdded(CustomerEvent event) {
            queue.remove(event);
            keys.remove(EventKey.of(event));
        }

        @Override
        @Nullable
        CustomerEvent pollBefore(long watermark) {
            CustomerEvent first = queue.peek();
            if (first == null || nanos(first) >= watermark) {
                return null;
            }
            queue.poll();
            keys.remove(EventKey.of(first));
            if (queue.isEmpty() && peak > RELEASE_AFTER_PEAK) {
                // Give back the arrays a burst of waiting events grew, which would otherwise stay for the tracker's
                // life.
                queue = new PriorityQueue<>(ORDER);
                keys = new HashSet<>();
                peak = 0;
            }
            return first;
        }

        @Override
        int size() {
            return queue.size();
        }

        @Override
        List<CustomerEvent> inOrder() {
            List<CustomerEvent> events = new ArrayList<>(queue);
            events.sort(ORDER);
            return events;
        }
    }
}
