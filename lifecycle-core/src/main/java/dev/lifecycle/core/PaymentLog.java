package dev.lifecycle.core;

import com.google.common.collect.ImmutableList;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.RandomAccess;
import org.jspecify.annotations.Nullable;

/**
 * An immutable list of payments in a profile's order that a later list can extend in amortised constant time: a list
 * and the lists appended from it are an {@link AppendFamily}. Appending to a list that is not the family's longest, or
 * a payment that sorts before the last one (a tie in time with a larger amount), copies. This keeps folding one more
 * event into a tracked profile independent of how many payments the customer already has. A {@linkplain #view view}
 * of an array a fold filled has no family: appending to it copies. Immutable and thread-safe, as {@link AppendFamily}
 * says.
 */
final class PaymentLog extends AbstractList<CustomerProfile.Payment> implements RandomAccess {
    private static final int FIRST_CAPACITY = 8;

    /** The payments; this list sees the first {@link #size}. */
    private final CustomerProfile.Payment[] items;

    private final int size;
    /** The family this list may extend in place; null for a {@linkplain #view view}, which copies to extend. */
    private final @Nullable AppendFamily family;

    private PaymentLog(CustomerProfile.Payment[] items, int size, @Nullable AppendFamily family) {
        this.items = items;
        this.size = size;
        this.family = family;
    }

    /**
     * Returns the first {@code size} payments of an array as an immutable list, without a copy: for a fold that hands
     * its array over and writes it no more. The payments must be in the profile's order (time, then amount, then
     * currency).
     */
    static List<CustomerProfile.Payment> view(CustomerProfile.Payment[] items, int size) {
        return size == 0 ? ImmutableList.of() : new PaymentLog(items, size, null);
    }

    /**
     * Returns {@code payments} with one more payment, in the profile's order (time, then amount, then currency);
     * {@code payments} must already be in that order.
     */
    static List<CustomerProfile.Payment> append(
            List<CustomerProfile.Payment> payments, CustomerProfile.Payment payment) {
        if (payments instanceof PaymentLog log) {
            PaymentLog extended = log.extendInPlace(payment);
            if (extended != null) {
                return extended;
            }
        }
        int n = payments.size();
        CustomerProfile.Payment[] items =
                payments.toArray(new CustomerProfile.Payment[Math.max(FIRST_CAPACITY, 2 * n)]);
        items[n] = payment;
        if (n > 0 && CustomerProfile.comparePayments(items[n - 1], payment) > 0) {
            Arrays.sort(items, 0, n + 1, CustomerProfile::comparePayments);
        }
        return new PaymentLog(items, n + 1, new AppendFamily(n + 1));
    }

    /** Appends in place when this is the family's longest list and the payment sorts last, else null. */
    private @Nullable PaymentLog extendInPlace(CustomerProfile.Payment payment) {
        AppendFamily own = family;
        if (own == null
                || (size > 0 && CustomerProfile.comparePayments(items[size - 1], payment) > 0)
                || !own.claimAfter(size)) {
            return null;
        }
        // the slot after this list's payments is now this call's alone, in this array and any larger copy
        CustomerProfile.Payment[] array = size < items.length ? items : Arrays.copyOf(items, 2 * size);
        array[size] = payment;
        return new PaymentLog(array, size + 1, family);
    }

    @Override
    public CustomerProfile.Payment get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("index must be between 0 and " + (size - 1) + " but was " + index);
        }
        return items[index];
    }

    @Override
    public int size() {
        return size;
    }
}
