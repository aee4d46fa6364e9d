package dev.lifecycle.flink;

import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.jspecify.annotations.Nullable;

/**
 * What the module's serializers share: their values are immutable (copying one returns it, reading into a reused one
 * reads a new one), have no empty instance and no fixed length, and the serializers hold nothing mutable, so one
 * instance serves every thread.
 */
abstract class ImmutableValueSerializer<T> extends TypeSerializer<T> {
    private static final long serialVersionUID = 1L;

    @Override
    public final boolean isImmutableType() {
        return true;
    }

    @Override
    public final TypeSerializer<T> duplicate() {
        return this;
    }

    /** There is no empty value: Flink gets null. */
    @Override
    public final @Nullable T createInstance() {
        return null;
    }

    @Override
    public final T copy(T from) {
        return from;
    }

    @Override
    public final T copy(T from, T reuse) {
        return from;
    }

    @Override
    public final int getLength() {
        return -1;
    }

    @Override
    public final T deserialize(T reuse, DataInputView source) throws IOException {
        return deserialize(source);
    }

    /** Serializers without configuration are equal when of the same class; one with configuration overrides this. */
    @Override
    @SuppressWarnings("EqualsGetClass") // each subclass is another serializer: equal only within one class
    public boolean equals(@Nullable Object o) {
        return o != null && o.getClass() == getClass();
    }

    @Override
    public int hashCode() {
        return getClass().hashCode();
    }

    /** Writes an instant as its epoch second and nanosecond: the one form of an instant in the module's values. */
    static void writeInstant(Instant instant, DataOutputView out) throws IOException {
        out.writeLong(instant.getEpochSecond());
        out.writeInt(instant.getNano());
    }

    /**
     * Reads an instant {@link #writeInstant} wrote.
     *
     * @throws IOException if the second or the nanosecond is out of {@link Instant}'s range
     */
    static Instant readInstant(DataInputView in) throws IOException {
        long second = in.readLong();
        int nano = in.readInt();
        try {
            return Instant.ofEpochSecond(second, nano);
        } catch (DateTimeException | ArithmeticException e) {
            throw new IOException(
                    "an instant of epoch second " + second + " and nanosecond " + nano + " is out of range: "
                            + e.getMessage(),
                    e);
        }
    }

    /** Reads a value and writes it again, so that what is copied is checked as a read is. */
    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        serialize(deserialize(source), target);
    }
}
