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
     * Without allowed lateness the waiting events are those at the latest instant seen, usually one: a list, sorted
     * only when more than one is released, searched for duplicates directly while short and through an open-addressing
     * table of positions in the list once many events share an instant (a log with whole-day timestamps), which needs no
     * object per event.
     */
    private static final class Ties extends WaitingEvents {
        private static final int SEARCH_LIMIT = 32;

        private final ArrayList<CustomerEvent> events = new ArrayList<>(4);
        /** Position in {@link #events} plus one by hash of customer and event id, 0 for a free slot; null while short. */
        private int @Nullable [] positions;

        private int taken;
        private boolean sorted = true;
        private int next;

        @Override
        boolean add(CustomerEvent event) {
            int size = events.size() - next;
            if (positions == null && size >= SEARCH_LIMIT) {
                index();
            }
            if (positions != null) {
                if (find(event) >= 0) {
                    return false;
                }
                if (2 * (taken + 1) > positions.length) {
                    index();
                }
            } else {
                for (int i = next; i < events.size(); i++) {
                    if (same(events.get(i), event)) {
                        return false;
                    }
                }
            }
            if (size > 0 && sorted && compare(events.get(events.size() - 1), event) > 0) {
                sorted = false;
            }
            events.add(event);
            if (positions != null) {
                put(event, events.size() - 1);
            }
            return true;
        }

        private static boolean same(CustomerEvent a, CustomerEvent b) {
            return a.eventId().equals(b.eventId()) && a.customerId().equals(b.customerId());
        }

        private static int hash(CustomerEvent event) {
            int h = event.customerId().hashCode() * 31 + event.eventId().hashCode();
            h ^= h >>> 16;
            h *= 0x85EBCA6B;
            return h ^ (h >>> 13);
        }

        /** (Re)builds the table of positions of the waiting events, twice as large as they need. */
        private void index() {
            int capacity = Integer.highestOneBit(Math.max(4 * (events.size() - next), 64) - 1) << 1;
            positions = new int[capacity];
            taken = 0;
            for (int i = next; i < events.size(); i++) {
                put(events.get(i), i);
            }
        }

        private void put(CustomerEvent event, int position) {
            int[] table = positions;
            int mask = table.length - 1;
            int slot = hash(event) & mask;
            while (table[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            table[slot] = position + 1;
            taken++;
        }

        /** The position of a waiting event with the customer and id of {@code event}, -1 if none waits. */
        private int find(CustomerEvent event) {
            int[] table = positions;
            int mask = table.length - 1;
            int slot = hash(event) & mask;
            int entry;
            while ((entry = table[slot]) != 0) {
                int position = entry - 1;
                // positions before next were released: they no longer wait
                if (position >= next && same(events.get(position), event)) {
                    return position;
                }
                slot = (slot + 1) & mask;
            }
            return -1;
        }

        @Override
        void removeAdded(CustomerEvent event) {
            events.remove(events.size() - 1);
            if (positions != null) {
                // the table may still name the removed position; rebuilding it is rare (a rejected event)
                index();
            }
            if (next == events.size()) {
                clear();
            }
        }

        @Override
        @Nullable
        CustomerEvent pollBefore(long watermark) {
            if (next == events.size()) {
                return null;
            }
            if (!sorted) {
                events.subList(next, events.size()).sort(ORDER);
                sorted = true;
                // The positions changed. Events are released once the watermark has passed them, so few are added
                // while a group is being released: the table is made anew when the list is long again, not now.
                positions = null;
                taken = 0;
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
            if (events.size() > SEARCH_LIMIT) {
                // a burst of ties: give back its arrays
                events.clear();
                events.trimToSize();
                events.ensureCapacity(4);
            } else {
                events.clear();
            }
            positions = null;
            taken = 0;
            next = 0;
            sorted = true;
        }

        @Override
        int size() {
            return events.size() - next;
        }

        @Override
        List<CustomerEvent> inOrder() {
            List<CustomerEvent> copy = new ArrayList<>(events.subList(next, events.size()));
            copy.sort(ORDER);
            return copy;
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
