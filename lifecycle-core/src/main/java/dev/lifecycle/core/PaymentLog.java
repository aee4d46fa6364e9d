package dev.lifecycle.core;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.RandomAccess;
import org.jspecify.annotations.Nullable;

/**
 * An immutable list of payments in a profile's order that a later list can extend in amortised constant time: a list
 * and the lists appended from it share one growing array, each seeing its own prefix. Only the longest list of a family
 * extends in place; appending to a shorter one, or a payment that sorts before the last one (a tie in time with a
 * larger amount), copies. This keeps folding one more event into a tracked profile independent of how many payments
 * the customer already has.
 *
 * <p>Immutable and thread-safe: the shared array only ever grows past the prefix a list can see, and a grown array is
 * published through a volatile field after its prefix was copied.
 */
final class PaymentLog extends AbstractList<CustomerProfile.Payment> implements RandomAccess {
    private static final int FIRST_CAPACITY = 8;

    private final Shared shared;
    private final int size;

    private PaymentLog(Shared shared, int size) {
        this.shared = shared;
        this.size = size;
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
        if (n > 0 && CustomerProfile.comparePayments(payments.get(n - 1), payment) > 0) {
            CustomerProfile.Payment[] items = payments.toArray(new CustomerProfile.Payment[n + 1]);
            items[n] = payment;
            Arrays.sort(items, CustomerProfile::comparePayments);
            return new PaymentLog(new Shared(items, n + 1), n + 1);
        }
        CustomerProfile.Payment[] items =
                payments.toArray(new CustomerProfile.Payment[Math.max(FIRST_CAPACITY, 2 * n)]);
        items[n] = payment;
        return new PaymentLog(new Shared(items, n + 1), n + 1);
    }

    /** Appends in the shared array when this is the family's longest list and the payment sorts last, else null. */
    private @Nullable PaymentLog extendInPlace(CustomerProfile.Payment payment) {
        synchronized (shared) {
            if (shared.used != size) {
                return null;
            }
            CustomerProfile.Payment[] items = shared.items;
            if (size > 0 && CustomerProfile.comparePayments(items[size - 1], payment) > 0) {
                return null;
            }
            if (size == items.length) {
                items = Arrays.copyOf(items, 2 * size);
            }
            items[size] = payment;
            shared.items = items;
            shared.used = size + 1;
            return new PaymentLog(shared, size + 1);
        }
    }

    @Override
    public CustomerProfile.Payment get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("index must be between 0 and " + (size - 1) + " but was " + index);
        }
        return shared.items[index];
    }

    @Override
    public int size() {
        return size;
    }

    /** The array a family of lists shares and how much of it the longest list uses. */
    private static final class Shared {
        volatile CustomerProfile.Payment[] items;
        int used;

        Shared(CustomerProfile.Payment[] items, int used) {
            this.items = items;
            this.used = used;
        }
    }
}
