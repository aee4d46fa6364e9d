package dev.lifecycle.flink;

import static java.util.Objects.requireNonNull;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import dev.lifecycle.core.CustomerEvent;
import dev.lifecycle.core.CustomerState;
import dev.lifecycle.core.EventType;
import dev.lifecycle.core.LifecycleStep;
import dev.lifecycle.core.Money;
import dev.lifecycle.core.StageTransition;
import dev.lifecycle.core.Templates;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.SourceDSL;

/**
 * The module's serializers: every value read back equal to the one written (and copied byte for byte between views),
 * and bytes that are not a value refused with an {@link IOException}, never another exception or a hang.
 */
final class SerializerProperties {
    private static final EventType[] PLAIN = {
        EventType.SITE_VISIT, EventType.PRODUCT_VIEW, EventType.CART_ADD, EventType.SIGN_UP, EventType.REVIEW
    };

    /** Events of every shape: amounts, custom types, NPS answers, attributes, instants with nanoseconds. */
    static Gen<CustomerEvent> events() {
        return in -> {
            int shape = (int) between(in, 0, 4);
            long second = between(in, -9_000_000_000L, 9_000_000_000L);
            int nano = (int) between(in, 0, 999_999_999);
            Instant at = Instant.ofEpochSecond(second, nano);
            String customer = "c" + between(in, 0, 1_000_000);
            CustomerEvent.Builder event = switch (shape) {
                case 0 ->
                    CustomerEvent.builder(customer, EventType.PURCHASE, at)
                            .amount(Money.of(between(in, 0, 10_000_000) + ".25", "EUR"));
                case 1 -> CustomerEvent.builder(customer, EventType.CUSTOM, at).customType("wishlist.add");
                case 2 ->
                    CustomerEvent.builder(customer, EventType.NPS_ANSWER, at).npsScore((int) between(in, 0, 10));
                case 3 ->
                    CustomerEvent.builder(customer, PLAIN[(int) (second & 3)], at)
                            .attribute("price", nano / 7.0)
                            .attribute("size-2", -1.5);
                default -> CustomerEvent.builder(customer, EventType.REFUND, at).amount(Money.of("3", "JPY"));
            };
            return event.eventId("e-" + nano).build();
        };
    }

    private static long between(org.quicktheories.core.RandomnessSource in, long min, long max) {
        return org.quicktheories.generators.Generate.longRange(min, max).generate(in);
    }

    @Test
    void events_roundTrip_andCopy() {
        qt().withExamples(500).forAll(events()).checkAssert(event -> {
            assertEquals(event, roundTrip(CustomerEventSerializer.INSTANCE, event));
        });
    }

    @Test
    void transitions_roundTrip_andCopy() {
        qt().withExamples(300).forAll(events()).checkAssert(event -> {
            StageTransition transition =
                    new StageTransition(event.customerId(), "awareness", "lapsed", event.timestamp(), "lapse");
            assertEquals(transition, roundTrip(StageTransitionSerializer.INSTANCE, transition));
        });
    }

    @Test
    void states_roundTrip_andCopy() {
        LifecycleStep step = LifecycleStep.of(Templates.fiveStage());
        CustomerStateSerializer serializer = new CustomerStateSerializer(Templates.fiveStage());
        qt().withExamples(200)
                .forAll(SourceDSL.longs().between(0, Long.MAX_VALUE))
                .checkAssert(seed -> {
                    CustomerState state = null;
                    for (CustomerEvent event : LifecycleFunctionTest.events(new Random(seed), 1, 12)) {
                        state = step.apply(state, event).state();
                    }
                    CustomerState written = requireNonNull(state, "twelve events were applied");
                    CustomerState read = roundTrip(serializer, written);
                    assertArrayEquals(written.toBytes(), read.toBytes());
                });
    }

    @Test
    void anyBytes_areAValueOrAnIOException() {
        List<TypeSerializer<?>> serializers = List.of(
                CustomerEventSerializer.INSTANCE,
                StageTransitionSerializer.INSTANCE,
                new CustomerStateSerializer(Templates.fiveStage()));
        qt().withExamples(2_000)
                .forAll(SourceDSL.lists()
                        .of(SourceDSL.integers().between(0, 255))
                        .ofSizeBetween(0, 200))
                .checkAssert(bytes -> {
                    byte[] raw = new byte[bytes.size()];
                    for (int i = 0; i < raw.length; i++) {
                        raw[i] = (byte) (int) bytes.get(i);
                    }
                    for (TypeSerializer<?> serializer : serializers) {
                        try {
                            serializer.deserialize(new DataInputDeserializer(raw));
                        } catch (IOException expected) {
                            // refused, as documented
                        }
                    }
                });
    }

    @Test
    void stateLengthBeyondTheBound_isRefusedBeforeReading() throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(8);
        out.writeInt(CustomerStateSerializer.MAX_STATE_BYTES + 1);
        IOException refused = refusedAsFiveStage(out.getCopyOfBuffer());
        assertTrue(String.valueOf(refused.getMessage()).contains("67108865"), refused.getMessage());
    }

    @Test
    void stateOfAnotherTemplate_isRefusedWithTheStepsMessage() throws IOException {
        LifecycleStep other = LifecycleStep.of(Templates.buyerLifecycle());
        CustomerState state = other.apply(
                        null, CustomerEvent.of("c1", EventType.SITE_VISIT, Instant.parse("2024-01-01T00:00:00Z")))
                .state();
        DataOutputSerializer out = new DataOutputSerializer(64);
        new CustomerStateSerializer(Templates.buyerLifecycle()).serialize(state, out);
        IOException refused = refusedAsFiveStage(out.getCopyOfBuffer());
        assertTrue(String.valueOf(refused.getMessage()).contains("fingerprint"), refused.getMessage());
    }

    @Test
    void snapshot_roundTrips_andResolvesByFingerprint() throws IOException {
        CustomerStateSerializer serializer = new CustomerStateSerializer(Templates.fiveStage());
        TypeSerializerSnapshot<CustomerState> read = snapshotRoundTrip(serializer.snapshotConfiguration());
        assertEquals(serializer, read.restoreSerializer());
        assertTrue(serializer
                .snapshotConfiguration()
                .resolveSchemaCompatibility(read)
                .isCompatibleAsIs());
        IllegalStateException refused = assertThrows(
                IllegalStateException.class,
                () -> new CustomerStateSerializer(Templates.fiveStage(Duration.ofDays(30)))
                        .snapshotConfiguration()
                        .resolveSchemaCompatibility(read));
        assertTrue(String.valueOf(refused.getMessage()).contains("rule 'lapse' changed from"), refused.getMessage());
    }

    @Test
    void hostileSnapshots_areRefusedWithAnIOException() throws IOException {
        CustomerStateSerializerSnapshot snapshot = new CustomerStateSerializerSnapshot();
        DataOutputSerializer tooLong = new DataOutputSerializer(8);
        tooLong.writeInt(Integer.MAX_VALUE);
        IOException length = assertThrows(
                IOException.class,
                () -> snapshot.readSnapshot(1, new DataInputDeserializer(tooLong.getCopyOfBuffer()), loader()));
        assertTrue(
                String.valueOf(length.getMessage()).contains(String.valueOf(Integer.MAX_VALUE)), length.getMessage());

        byte[] garbage = "{\"name\": [[[".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        DataOutputSerializer notATemplate = new DataOutputSerializer(32);
        notATemplate.writeInt(garbage.length);
        notATemplate.write(garbage);
        IOException template = assertThrows(
                IOException.class,
                () -> snapshot.readSnapshot(1, new DataInputDeserializer(notATemplate.getCopyOfBuffer()), loader()));
        assertTrue(String.valueOf(template.getMessage()).contains("cannot be read"), template.getMessage());

        IOException version = assertThrows(
                IOException.class, () -> snapshot.readSnapshot(7, new DataInputDeserializer(new byte[0]), loader()));
        assertTrue(String.valueOf(version.getMessage()).contains("version 7"), version.getMessage());
    }

    @Test
    void eventWithTooManyAttributes_isRefusedBeforeReadingThem() throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        CustomerEventSerializer.INSTANCE.serialize(
                CustomerEvent.of("c1", EventType.SITE_VISIT, Instant.parse("2024-01-01T00:00:00Z")), out);
        byte[] bytes = out.getCopyOfBuffer();
        // the attribute count is the event's last four bytes
        int count = CustomerEventSerializer.MAX_ATTRIBUTES + 1;
        bytes[bytes.length - 4] = (byte) (count >>> 24);
        bytes[bytes.length - 3] = (byte) (count >>> 16);
        bytes[bytes.length - 2] = (byte) (count >>> 8);
        bytes[bytes.length - 1] = (byte) count;
        IOException refused = assertThrows(
                IOException.class,
                () -> CustomerEventSerializer.INSTANCE.deserialize(new DataInputDeserializer(bytes)));
        assertTrue(String.valueOf(refused.getMessage()).contains(String.valueOf(count)), refused.getMessage());
    }

    private static ClassLoader loader() {
        return SerializerProperties.class.getClassLoader();
    }

    @Test
    void differences_nameAddedRemovedAndChangedStagesAndRules() {
        List<String> was = List.of("t", "a", "a:main", "b:main", "r1:[a]->b@1:x", "r2:[b]->a@2:y");
        List<String> now = List.of("t2", "a", "a:main", "c:side", "r1:[a]->b@1:z", "r3:[a]->c@3:y");
        assertEquals(
                List.of(
                        "the name changed from 't' to 't2'",
                        "stage 'b' was removed (main stage)",
                        "rule 'r1' changed from '[a]->b@1:x' to '[a]->b@1:z'",
                        "rule 'r2' was removed ('[b]->a@2:y')",
                        "stage 'c' was added (side stage)",
                        "rule 'r3' was added ('[a]->c@3:y')"),
                CustomerStateSerializerSnapshot.differences(was, now));
    }

    /** The refusal of bytes read as a five-stage customer's state. */
    private static IOException refusedAsFiveStage(byte[] bytes) {
        return assertThrows(
                IOException.class,
                () -> new CustomerStateSerializer(Templates.fiveStage()).deserialize(new DataInputDeserializer(bytes)));
    }

    private static <T> T roundTrip(TypeSerializer<T> serializer, T value) {
        try {
            DataOutputSerializer out = new DataOutputSerializer(64);
            serializer.serialize(value, out);
            byte[] written = out.getCopyOfBuffer();
            DataOutputSerializer copied = new DataOutputSerializer(64);
            serializer.copy(new DataInputDeserializer(written), copied);
            assertArrayEquals(written, copied.getCopyOfBuffer(), "copy between views");
            DataInputDeserializer in = new DataInputDeserializer(written);
            T read = serializer.deserialize(in);
            assertEquals(0, in.available(), "every byte read");
            return read;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static <T> TypeSerializerSnapshot<T> snapshotRoundTrip(TypeSerializerSnapshot<T> snapshot)
            throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(256);
        TypeSerializerSnapshot.writeVersionedSnapshot(out, snapshot);
        return TypeSerializerSnapshot.readVersionedSnapshot(
                new DataInputDeserializer(out.getCopyOfBuffer()), SerializerProperties.class.getClassLoader());
    }
}
