package dev.lifecycle.core;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The lists of a profile fact that share one growing array, each seeing its own prefix ({@link PaymentLog}, {@link
 * OrderTimes}): a list folded from another extends the array in place instead of copying it, so that folding one more
 * event into a tracked profile costs the same however long the customer's history is. Only the family's longest list
 * may extend in place, and only once: {@link #claimAfter(int)} gives the slot past it to exactly one caller, however
 * many threads try; every other append copies.
 *
 * <p>Why that is safe: a list reads only its own prefix, which nothing writes again; the claimed slot lies past every
 * prefix of the family; and an array grown for a claim is a new one, which only the lists made from it see (they get
 * it through a final field, written after the slot).
 */
final class AppendFamily {
    /** How many items the family's longest list holds. */
    private final AtomicInteger longest;

    /** A family whose longest list, the one just made, holds {@code size} items. */
    AppendFamily(int size) {
        this.longest = new AtomicInteger(size);
    }

    /**
     * Claims the slot after a list of {@code size} items of this family.
     *
     * @return true for exactly one caller, when that list is the family's longest; the caller then writes the slot and
     *     makes the list of {@code size + 1} items, the new longest
     */
    boolean claimAfter(int size) {
        return longest.get() == size && longest.compareAndSet(size, size + 1);
    }
}
