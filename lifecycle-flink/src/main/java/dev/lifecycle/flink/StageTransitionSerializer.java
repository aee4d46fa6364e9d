package dev.lifecycle.flink;

import dev.lifecycle.core.StageTransition;
import java.io.IOException;
import java.time.Instant;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Flink's serializer of a {@link StageTransition}, the operator's output: the customer, the two stages, the instant and
 * the rule. Reading builds the transition through its constructor, which checks it.
 */
public final class StageTransitionSerializer extends ImmutableValueSerializer<StageTransition> {
    private static final long serialVersionUID = 1L;

    /** The one instance. */
    public static final StageTransitionSerializer INSTANCE = new StageTransitionSerializer();

    private StageTransitionSerializer() {}

    @Override
    public void serialize(StageTransition transition, DataOutputView out) throws IOException {
        out.writeUTF(transition.customerId());
        out.writeUTF(transition.fromStageId());
        out.writeUTF(transition.toStageId());
        writeInstant(transition.at(), out);
        out.writeUTF(transition.ruleId());
    }

    @Override
    public StageTransition deserialize(DataInputView in) throws IOException {
        String customerId = in.readUTF();
        String from = in.readUTF();
        String to = in.readUTF();
        Instant at = readInstant(in);
        String rule = in.readUTF();
        try {
            return new StageTransition(customerId, from, to, at, rule);
        } catch (RuntimeException e) {
            throw new IOException("cannot read a transition of customer '" + customerId + "': " + e.getMessage(), e);
        }
    }

    @Override
    public TypeSerializerSnapshot<StageTransition> snapshotConfiguration() {
        return new Snapshot();
    }

    /** The snapshot of a serializer without configuration. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<StageTransition> {
        /** For Flink, which reads the snapshot. */
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
