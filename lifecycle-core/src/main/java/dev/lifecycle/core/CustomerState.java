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
    /** The customer's packed record ({@link CustomerRecords}), currencies numbered in the shared table. */
    private final byte[] record;
    /** The record as objects, made when first asked for. */
    private volatile @Nullable TrackedCustomer decoded;

    CustomerState(LifecycleStep step, byte[] record) {
        this.step = step;
        this.record = record;
    }

    /** A state of the customer's objects, packed. */
    static CustomerState of(LifecycleStep step, TrackedCustomer customer) {
        PackedBytes.Writer out = new PackedBytes.Writer(128);
        CustomerRecords.pack(customer, out, CustomerRecords.Currencies.SHARED);
        return new CustomerState(step, out.toArray());
    }

    /** {@return the customer's id} */
    public String customerId() {
        return CustomerRecords.id(record);
    }

    /** {@return the stage the customer is in} */
    public Stage stage() {
        int[] stages = stages();
        return step.classifier().stageAt(stages[0]);
    }

    /** {@return the furthest main-path stage the customer has been in, even if they have lapsed since} */
    public Stage furthestStage() {
        int[] stages = stages();
        return step.classifier().stageAt(stages[1]);
    }

    private int[] stages() {
        int[] stages = new int[2];
        CustomerRecords.stages(record, (current, highest) -> {
            stages[0] = current;
            stages[1] = highest;
        });
        return stages;
    }

    /** {@return the latest instant the customer was brought to, by an event or an advance} */
    public Instant time() {
        return TrackerTime.toInstant(customer().evaluatedAt);
    }

    /** {@return the profile folded from the customer's applied events} */
    public CustomerProfile profile() {
        return customer().profile;
    }

    /** {@return the customer's history: every stay, oldest first, the last one open} */
    public CustomerHistory history() {
        return step.history(customer());
    }

    /**
     * Returns the state's binary form: a format version, the template's {@linkplain LifecycleStep#fingerprint()
     * fingerprint}, the currencies it names, the state packed (a fixed-width header of facts, then variable-length lists) and a
     * checksum.
     *
     * @return a new array
     */
    public byte[] toBytes() {
        return CustomerStateCodec.write(step, customer());
    }

    LifecycleStep step() {
        return step;
    }

    /** {@return the packed record; not to be changed} */
    byte[] record() {
        return record;
    }

    /** {@return the customer as objects, never to be changed: steps work on copies} */
    TrackedCustomer customer() {
        TrackedCustomer c = decoded;
        if (c == null) {
            c = CustomerRecords.unpack(new PackedBytes.Reader(record, 0), null, CustomerRecords.Currencies.SHARED);
            decoded = c;
        }
        return c;
    }

    /**
     * Two states are equal when they are of the same template fingerprint and hold the same customer, stays and
     * profile: the same record.
     */
    @Override
    public boolean equals(@Nullable Object o) {
        if (this == o) {
            return true;
        }
        return o instanceof CustomerState other
                && step.fingerprint().equals(other.step.fingerprint())
                && Arrays.equals(record, other.record);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(record);
    }

    @Override
    public String toString() {
        TrackedCustomer c = customer();
        return "CustomerState{customer=" + customerId() + ", stage=" + stage().id() + ", furthest="
                + furthestStage().id() + ", time=" + time() + ", stays=" + c.visits + "}";
    }
}
