package dev.lifecycle.flink;

import java.io.IOException;
import java.time.Instant;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** Flink's serializer of a {@link StageCount}. Reading builds the line through its constructor, which checks it. */
public final class StageCountSerializer extends ImmutableValueSerializer<StageCount> {
    private static final long serialVersionUID = 1L;

    /** The one instance. */
    public static final StageCountSerializer INSTANCE = new StageCountSerializer();

    private StageCountSerializer() {}

    @Override
    public void serialize(StageCount count, DataOutputView out) throws IOException {
        writeInstant(count.windowEnd(), out);
        out.writeUTF(count.stageId());
        out.writeLong(count.customers());
    }

    @Override
    public StageCount deserialize(DataInputView in) throws IOException {
        Instant windowEnd = readInstant(in);
        String stage = in.readUTF();
        long customers = in.readLong();
        try {
            return new StageCount(windowEnd, stage, customers);
        } catch (RuntimeException e) {
            throw new IOException("cannot read a stage count of stage '" + stage + "': " + e.getMessage(), e);
        }
    }

    @Override
    public TypeSerializerSnapshot<StageCount> snapshotConfiguration() {
        return new Snapshot();
    }

    /** The snapshot of a serializer without configuration. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<StageCount> {
        /** For Flink, which reads the snapshot. */
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
