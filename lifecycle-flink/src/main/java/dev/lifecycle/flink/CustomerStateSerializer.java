package dev.lifecycle.flink;

import static java.util.Objects.requireNonNull;

import dev.lifecycle.core.CustomerState;
import dev.lifecycle.core.LifecycleStep;
import dev.lifecycle.core.LifecycleTemplate;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.jspecify.annotations.Nullable;

/**
 * Flink's serializer of a customer's {@link CustomerState}: the state's own versioned bytes ({@link
 * CustomerState#toBytes()}), after their length. Reading refuses a length beyond {@link #MAX_STATE_BYTES} before it
 * allocates, and bytes of another template or corrupt bytes with the step's message ({@link LifecycleStep#read}). Its
 * snapshot carries the template, so that a restore under another template is checked ({@link
 * CustomerStateSerializerSnapshot}).
 */
public final class CustomerStateSerializer extends ImmutableValueSerializer<CustomerState> {
    private static final long serialVersionUID = 1L;

    /**
     * The longest state read: 64 MiB. A customer's state grows with their history (each stay, order and payment);
     * this is orders of magnitude above any real customer, and below what would exhaust a task's memory.
     */
    public static final int MAX_STATE_BYTES = 64 << 20;

    /** The template whose customers' states this serializer reads and writes. */
    private final TemplateSource template;

    /**
     * The serializer of the states of a template's customers.
     *
     * @param template the template the operator follows
     * @throws IllegalArgumentException if a rule's condition has no data form (a custom condition)
     */
    public CustomerStateSerializer(LifecycleTemplate template) {
        this(TemplateSource.of(template));
    }

    CustomerStateSerializer(TemplateSource template) {
        this.template = requireNonNull(template, "template");
    }

    TemplateSource template() {
        return template;
    }

    /** {@return the step whose states this serializer reads and writes} */
    LifecycleStep step() {
        return template.step();
    }

    @Override
    public void serialize(CustomerState record, DataOutputView target) throws IOException {
        byte[] bytes = record.toBytes();
        target.writeInt(bytes.length);
        target.write(bytes);
    }

    @Override
    public CustomerState deserialize(DataInputView source) throws IOException {
        byte[] bytes = new byte[length(source.readInt())];
        source.readFully(bytes);
        try {
            return step().read(bytes);
        } catch (IllegalArgumentException e) {
            throw new IOException("cannot read a customer state: " + e.getMessage(), e);
        }
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        byte[] bytes = new byte[length(source.readInt())];
        source.readFully(bytes);
        target.writeInt(bytes.length);
        target.write(bytes);
    }

    private static int length(int length) throws IOException {
        if (length < 0 || length > MAX_STATE_BYTES) {
            throw new IOException("a customer state's length must be 0 to " + MAX_STATE_BYTES + " bytes but was "
                    + length + ": the bytes are not a state this serializer wrote");
        }
        return length;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof CustomerStateSerializer other
                && other.step().fingerprint().equals(step().fingerprint());
    }

    @Override
    public int hashCode() {
        return step().fingerprint().hashCode();
    }

    @Override
    public TypeSerializerSnapshot<CustomerState> snapshotConfiguration() {
        return new CustomerStateSerializerSnapshot(template);
    }
}
