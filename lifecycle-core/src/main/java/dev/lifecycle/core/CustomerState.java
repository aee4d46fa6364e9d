package dev.lifecycle.core;

import java.time.Instant;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * One customer's state in a {@link LifecycleStep}: the profile folded from their events, the current and furthest
 * stage, every stay so far, and the instant the customer was last brought to. Immutable: a step returns a new state
 * and leaves the one it was given as it was. {@link #toBytes()} gives the compact, versioned binary form an external
 * state store keeps; {@link LifecycleStep#read(byte[])} reads it back.
 */
public final class CustomerState {
    private final LifecycleStep step;
    /** Never changed after construction: steps work on copies. */
    private final TrackedCustomer customer;

    CustomerState(LifecycleStep step, TrackedCustomer customer) {
        this.step = step;
        this.customer = customer;
    }

    /** {@return the customer's id} */
    public String customerId() {
        return customer.profile.customerId();
    }

    /** {@return the stage the customer is in} */
    public Stage stage() {
        return step.classifier().stageAt(customer.current);
    }

    /** {@return the furthest main-path stage the customer has been in, even if they have lapsed since} */
    public Stage furthestStage() {
        return step.classifier().stageAt(customer.highest);
    }

    /** {@return the latest instant the customer was brought to, by an event or an advance} */
    public Instant time() {
        return TrackerTime.toInstant(customer.evaluatedAt);
    }

    /** {@return the profile folded from the customer's applied events} */
    public CustomerProfile profile() {
        return customer.profile;
    }

    /** {@return the customer's history: every stay, oldest first, the last one open} */
    public CustomerHistory history() {
        return step.history(customer);
    }

    /**
     * Returns the state's binary form: four magic bytes, a format version, the template's {@linkplain
     * LifecycleStep#fingerprint() fingerprint}, the codes of the currencies it holds, the state packed as the tracker
     * packs its customers (variable-length integers, instants as offsets) and a CRC-32 checksum. A customer with a
     * handful of events and two or three stays takes about a hundred bytes.
     *
     * @return a new array
     */
    public byte[] toBytes() {
        return CustomerStateCodec.write(step, customer);
    }

    LifecycleStep step() {
        return step;
    }

    TrackedCustomer customer() {
        return customer;
    }

    /** Two states are equal when they are of the same template fingerprint and hold the same customer, stays and profile. */
    @Override
    public boolean equals(@Nullable Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof CustomerState other)) {
            return false;
        }
        TrackedCustomer a = customer;
        TrackedCustomer b = other.customer;
        return step.fingerprint().equals(other.step.fingerprint())
                && a.current == b.current
                && a.highest == b.highest
                && a.evaluatedAt == b.evaluatedAt
                && a.visits == b.visits
                && Arrays.equals(a.entered, 0, a.visits, b.entered, 0, b.visits)
                && Arrays.equals(a.stageAndRule, 0, a.visits, b.stageAndRule, 0, b.visits)
                && a.profile.equals(b.profile);
    }

    @Override
    public int hashCode() {
        return customer.profile.hashCode() * 31 + Long.hashCode(customer.evaluatedAt);
    }

    @Override
    public String toString() {
        return "CustomerState{customer=" + customerId() + ", stage=" + stage().id() + ", furthest="
                + furthestStage().id() + ", time=" + time() + ", stays=" + customer.visits + "}";
    }
}
