package dev.lifecycle.flink;

import static java.util.Objects.requireNonNull;

import dev.lifecycle.core.CustomerEvent;
import dev.lifecycle.core.StageTransition;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.jspecify.annotations.Nullable;

/**
 * Flink's type information of the library's values, each with its own serializer, so that a job never falls back to
 * Kryo for them: pass {@link #EVENTS} to a source or {@code returns(...)}, and the operator declares {@link
 * #TRANSITIONS} for its output.
 */
public final class LifecycleTypes {
    /** Customer events, serialized by {@link CustomerEventSerializer}. */
    public static final TypeInformation<CustomerEvent> EVENTS =
            new Info<>(CustomerEvent.class, CustomerEventSerializer.INSTANCE);

    /** Stage transitions, serialized by {@link StageTransitionSerializer}. */
    public static final TypeInformation<StageTransition> TRANSITIONS =
            new Info<>(StageTransition.class, StageTransitionSerializer.INSTANCE);

    /** Stage counts per window, serialized by {@link StageCountSerializer}. */
    public static final TypeInformation<StageCount> STAGE_COUNTS =
            new Info<>(StageCount.class, StageCountSerializer.INSTANCE);

    private LifecycleTypes() {}

    /** The type information of a class with one serializer of its own, whatever the job's configuration. */
    private static final class Info<T> extends TypeInformation<T> {
        private static final long serialVersionUID = 1L;

        /** The class described. */
        private final Class<T> type;
        /** Its serializer. */
        private final TypeSerializer<T> serializer;

        Info(Class<T> type, TypeSerializer<T> serializer) {
            this.type = requireNonNull(type, "type");
            this.serializer = requireNonNull(serializer, "serializer");
        }

        @Override
        public boolean isBasicType() {
            return false;
        }

        @Override
        public boolean isTupleType() {
            return false;
        }

        @Override
        public int getArity() {
            return 1;
        }

        @Override
        public int getTotalFields() {
            return 1;
        }

        @Override
        public Class<T> getTypeClass() {
            return type;
        }

        @Override
        public boolean isKeyType() {
            return false;
        }

        @Override
        public TypeSerializer<T> createSerializer(SerializerConfig config) {
            return serializer;
        }

        @Override
        public String toString() {
            return type.getSimpleName();
        }

        @Override
        public boolean equals(@Nullable Object o) {
            return o instanceof Info<?> other && other.type == type;
        }

        @Override
        public int hashCode() {
            return type.hashCode();
        }

        @Override
        public boolean canEqual(@Nullable Object o) {
            return o instanceof Info<?>;
        }
    }
}
