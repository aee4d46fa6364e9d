package dev.lifecycle.flink;

import dev.lifecycle.core.CustomerEvent;
import dev.lifecycle.core.EventType;
import dev.lifecycle.core.Money;
import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Collectors;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Flink's serializer of a {@link CustomerEvent}, so that events travel between Flink's tasks and wait in keyed state
 * without Kryo: the customer and event ids, the type (by name), the instant, and the optional custom type, amount (as its decimal
 * text and currency code), NPS score and attributes. Reading builds the event through its builder, so every check of
 * an event made in process holds for one read here, and a count of attributes beyond {@link #MAX_ATTRIBUTES} is refused
 * before anything is allocated.
 */
public final class CustomerEventSerializer extends ImmutableValueSerializer<CustomerEvent> {
    private static final long serialVersionUID = 1L;

    /** The one instance. */
    public static final CustomerEventSerializer INSTANCE = new CustomerEventSerializer();

    /** The most attributes an event read may have. */
    public static final int MAX_ATTRIBUTES = 4096;

    /**
     * The event types by name: a type is written as its name, so that the order of {@link EventType}'s constants is not
     * part of the state's format.
     */
    private static final Map<String, EventType> TYPES =
            Arrays.stream(EventType.values()).collect(Collectors.toUnmodifiableMap(EventType::name, t -> t));

    private static final int AMOUNT = 1;
    private static final int CUSTOM_TYPE = 1 << 1;
    private static final int NPS = 1 << 2;

    private CustomerEventSerializer() {}

    @Override
    public void serialize(CustomerEvent event, DataOutputView out) throws IOException {
        out.writeUTF(event.customerId());
        out.writeUTF(event.eventId());
        out.writeUTF(event.type().name());
        writeInstant(event.timestamp(), out);
        Optional<Money> amount = event.amount();
        Optional<String> customType = event.customType();
        OptionalInt nps = event.npsScore();
        out.writeByte((amount.isPresent() ? AMOUNT : 0)
                | (customType.isPresent() ? CUSTOM_TYPE : 0)
                | (nps.isPresent() ? NPS : 0));
        if (amount.isPresent()) {
            out.writeUTF(amount.get().amount().toPlainString());
            out.writeUTF(amount.get().currency().getCurrencyCode());
        }
        if (customType.isPresent()) {
            out.writeUTF(customType.get());
        }
        if (nps.isPresent()) {
            out.writeByte(nps.getAsInt());
        }
        Map<String, Double> attributes = event.attributes();
        out.writeInt(attributes.size());
        for (Map.Entry<String, Double> attribute : attributes.entrySet()) {
            out.writeUTF(attribute.getKey());
            out.writeDouble(attribute.getValue());
        }
    }

    @Override
    public CustomerEvent deserialize(DataInputView in) throws IOException {
        String customerId = in.readUTF();
        String eventId = in.readUTF();
        String typeName = in.readUTF();
        EventType type = TYPES.get(typeName);
        if (type == null) {
            throw new IOException("event type '" + typeName + "' is not one of " + TYPES.keySet());
        }
        Instant timestamp = readInstant(in);
        int present = in.readUnsignedByte();
        try {
            CustomerEvent.Builder event =
                    CustomerEvent.builder(customerId, type, timestamp).eventId(eventId);
            if ((present & AMOUNT) != 0) {
                String amount = in.readUTF();
                event.amount(Money.of(amount, in.readUTF()));
            }
            if ((present & CUSTOM_TYPE) != 0) {
                event.customType(in.readUTF());
            }
            if ((present & NPS) != 0) {
                event.npsScore(in.readUnsignedByte());
            }
            int attributes = in.readInt();
            if (attributes < 0 || attributes > MAX_ATTRIBUTES) {
                throw new IOException(
                        "an event's attributes must number 0 to " + MAX_ATTRIBUTES + " but were " + attributes);
            }
            for (int i = 0; i < attributes; i++) {
                String name = in.readUTF();
                event.attribute(name, in.readDouble());
            }
            return event.build();
        } catch (RuntimeException e) {
            throw new IOException(
                    "cannot read event '" + eventId + "' of customer '" + customerId + "': " + e.getMessage(), e);
        }
    }

    @Override
    public TypeSerializerSnapshot<CustomerEvent> snapshotConfiguration() {
        return new Snapshot();
    }

    /** The snapshot of a serializer without configuration. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<CustomerEvent> {
        /** For Flink, which reads the snapshot. */
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
