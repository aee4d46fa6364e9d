package dev.lifecycle.core;

import static dev.lifecycle.core.Generators.between;
import static dev.lifecycle.core.Generators.chance;
import static dev.lifecycle.core.Generators.pick;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * The binary form of a {@link CustomerState}: what {@link CustomerState#toBytes()} writes, {@link
 * LifecycleStep#read(byte[])} gives back exactly, and any other bytes (altered, cut, extended, random, crafted with a
 * valid checksum) are refused with an {@link IllegalArgumentException} and nothing else.
 */
final class CustomerStateCodecProperties {
    private static final List<String> IDS = List.of("c-0", "c 2", "ç/3", "kunde-ä", "顧客-7", "a");
    /** Currencies with 2, 0 and 3 decimal places. */
    private static final List<Currency> CURRENCIES = List.of(
            Generators.USD, Currency.getInstance("EUR"), Currency.getInstance("JPY"), Currency.getInstance("BHD"));

    /** A customer's state and the step it is of. */
    record Customer(LifecycleStep step, CustomerState state) {
        @Override
        public String toString() {
            return state + " of " + step + ", " + state.profile();
        }
    }

    /**
     * States of built-in and generated templates: 1 to 30 events of every type (amounts in one of four currencies,
     * NPS scores, custom types, attributes, loyalty) replayed through the step, half of them advanced up to 400 days
     * further.
     */
    static Gen<Customer> customers() {
        Gen<LifecycleTemplate> templates = TrackerGenerators.anyTemplates();
        return in -> {
            LifecycleStep step = LifecycleStep.of(templates.generate(in));
            String id = pick(in, IDS);
            Currency currency = pick(in, CURRENCIES);
            List<CustomerEvent> events = new ArrayList<>(Generators.events(id).generate(in));
            if (events.isEmpty()) {
                events.add(Generators.event(in, id, "first", Generators.instant(in)));
            }
            List<CustomerEvent> sorted = TrackerGenerators.inApplyOrder(events);
            Instant last = sorted.get(sorted.size() - 1).timestamp();
            Instant asOf = chance(in, 50) ? last : last.plus(Duration.ofDays(between(in, 0, 400)));
            try {
                return new Customer(
                        step,
                        LifecycleStepProperties.replay(step, inCurrency(sorted, currency), asOf)
                                .state());
            } catch (ClassificationException e) {
                // the template compares amounts with thresholds in US dollars
                return new Customer(
                        step, LifecycleStepProperties.replay(step, sorted, asOf).state());
            }
        };
    }

    /** The events with their amounts in {@code currency}: the same minor units. */
    private static List<CustomerEvent> inCurrency(List<CustomerEvent> events, Currency currency) {
        List<CustomerEvent> converted = new ArrayList<>(events.size());
        for (CustomerEvent event : events) {
            converted.add(event.amount()
                    .map(m -> event.withAmount(
                            Money.ofMinorUnits(m.amount().unscaledValue().longValueExact(), currency)))
                    .orElse(event));
        }
        return converted;
    }

    @Test
    void read_givesBackTheState() {
        qt().withExamples(500).forAll(customers()).checkAssert(c -> {
            byte[] bytes = c.state().toBytes();
            CustomerState read = c.step().read(bytes);
            assertEquals(c.state(), read);
            assertEquals(c.state().history(), read.history());
            assertEquals(c.state().profile(), read.profile());
            assertEquals(c.state().time(), read.time());
            assertArrayEquals(bytes, read.toBytes());
        });
    }

    /**
     * A customer of the five-stage template with up to eight events (any types, attributes and amounts) takes less than
     * 300 bytes.
     */
    @Test
    void typicalStates_areSmall() {
        LifecycleStep step = LifecycleStep.of(Templates.fiveStage());
        qt().withExamples(200)
                .forAll(in -> {
                    List<CustomerEvent> events = new ArrayList<>();
                    int count = between(in, 1, 8);
                    for (int i = 0; i < count; i++) {
                        events.add(Generators.event(in, "customer-0042", "e" + i, Generators.instant(in)));
                    }
                    return TrackerGenerators.inApplyOrder(events);
                })
                .checkAssert(events -> {
                    Instant last = events.get(events.size() - 1).timestamp();
                    byte[] bytes = LifecycleStepProperties.replay(step, events, last)
                            .state()
                            .toBytes();
                    assertTrue(bytes.length < 300, () -> bytes.length + " bytes for " + events);
                });
    }

    // ---- refused bytes

    /** Changing any one byte to any other value is refused. */
    @Test
    void everyChangedByte_isRefused() {
        qt().withExamples(200).forAll(customers(), seeds()).checkAssert((c, seed) -> {
            byte[] bytes = c.state().toBytes();
            Random random = new Random(seed);
            for (int i = 0; i < bytes.length; i++) {
                byte[] changed = bytes.clone();
                changed[i] ^= (byte) (1 + random.nextInt(255));
                assertRefused(c.step(), changed);
            }
        });
    }

    /** Every proper prefix is refused. */
    @Test
    void everyTruncation_isRefused() {
        qt().withExamples(200).forAll(customers()).checkAssert(c -> {
            byte[] bytes = c.state().toBytes();
            for (int length = 0; length < bytes.length; length++) {
                assertRefused(c.step(), Arrays.copyOf(bytes, length));
            }
        });
    }

    /** Bytes appended to a state are refused. */
    @Test
    void appendedBytes_areRefused() {
        qt().withExamples(300).forAll(customers(), randomBytes(1, 40)).checkAssert((c, extra) -> {
            byte[] bytes = c.state().toBytes();
            byte[] longer = Arrays.copyOf(bytes, bytes.length + extra.length);
            System.arraycopy(extra, 0, longer, bytes.length, extra.length);
            assertRefused(c.step(), longer);
        });
    }

    /** Random bytes are refused, also after the magic and version, also with a valid checksum. */
    @Test
    void randomBytes_areRefused() {
        LifecycleStep step = LifecycleStep.of(Templates.fiveStage());
        qt().withExamples(2000).forAll(randomBytes(0, 120), seeds()).checkAssert((random, kind) -> {
            byte[] bytes = switch ((int) (kind % 3)) {
                case 0 -> random;
                case 1 -> concat(CustomerStateCodec.MAGIC, new byte[] {1}, random);
                default -> withChecksum(concat(CustomerStateCodec.MAGIC, new byte[] {1}, header(step, 0), random));
            };
            assertRefused(step, bytes);
        });
    }

    /**
     * A state whose record is changed (a byte replaced, inserted or removed) and whose checksum is made to match again
     * is either refused with an {@link IllegalArgumentException} or read as a valid state that writes back the same
     * bytes: the checked reader never fails another way, and nothing is half-read.
     */
    @Test
    void changedRecordWithValidChecksum_isRefusedOrReadExactly() {
        qt().withExamples(1000).forAll(customers(), seeds()).checkAssert((c, seed) -> {
            Random random = new Random(seed);
            byte[] bytes = c.state().toBytes();
            byte[] body = Arrays.copyOf(bytes, bytes.length - 4);
            int changes = 1 + random.nextInt(3);
            for (int i = 0; i < changes; i++) {
                int at = CustomerStateCodec.MAGIC.length + 1 + random.nextInt(body.length - 5);
                body = switch (random.nextInt(3)) {
                    case 0 -> {
                        byte[] changed = body.clone();
                        changed[at] = (byte) random.nextInt(256);
                        yield changed;
                    }
                    case 1 ->
                        concat(
                                Arrays.copyOf(body, at),
                                new byte[] {(byte) random.nextInt(256)},
                                Arrays.copyOfRange(body, at, body.length));
                    default -> concat(Arrays.copyOf(body, at), Arrays.copyOfRange(body, at + 1, body.length));
                };
            }
            byte[] crafted = withChecksum(body);
            try {
                CustomerState read = c.step().read(crafted);
                assertArrayEquals(crafted, read.toBytes(), "a state was read but writes other bytes");
            } catch (IllegalArgumentException e) {
                assertTrue(String.valueOf(e.getMessage()).contains("customer state"), e::getMessage);
            }
        });
    }

    /** Counts far beyond what the bytes could hold are refused before anything of their size is allocated. */
    @Test
    void hugeCounts_areRefusedWithoutAllocating() {
        LifecycleStep step = LifecycleStep.of(Templates.fiveStage());
        PackedBytes.Writer currencies = new PackedBytes.Writer(16);
        currencies.unsigned(Integer.MAX_VALUE);
        assertCountRefused(step, currencies);
        PackedBytes.Writer id = new PackedBytes.Writer(16);
        id.unsigned(0);
        id.unsigned(Integer.MAX_VALUE);
        assertCountRefused(step, id);
        PackedBytes.Writer visits = new PackedBytes.Writer(16);
        visits.unsigned(0);
        visits.string("c-1");
        visits.fixed16(0); // flags
        visits.fixed16(0); // current
        visits.fixed16(0); // highest
        visits.fixed16(0); // count mask
        visits.fixed16(0); // last-instant mask
        visits.fixed8(0); // no NPS answer
        visits.fixed64(0); // base
        visits.fixed64(0); // evaluated at 1970-01-01, the base
        visits.unsigned(Integer.MAX_VALUE);
        assertCountRefused(step, visits);
        PackedBytes.Writer tooLong = new PackedBytes.Writer(16);
        tooLong.unsigned(0);
        tooLong.unsigned(Long.MAX_VALUE);
        IllegalArgumentException e = assertRefused(
                step,
                withChecksum(concat(
                        CustomerStateCodec.MAGIC,
                        new byte[] {CustomerStateCodec.VERSION},
                        header(step, -1),
                        tooLong.toArray())));
        assertTrue(String.valueOf(e.getMessage()).contains("expected a number up to"), e::getMessage);
    }

    private static void assertCountRefused(LifecycleStep step, PackedBytes.Writer afterFingerprint) {
        byte[] bytes = withChecksum(concat(
                CustomerStateCodec.MAGIC,
                new byte[] {CustomerStateCodec.VERSION},
                header(step, -1),
                afterFingerprint.toArray()));
        IllegalArgumentException e = assertRefused(step, bytes);
        assertTrue(String.valueOf(e.getMessage()).contains("could hold"), e::getMessage);
    }

    /** A state of another template is refused with a message naming both fingerprints and the step's template. */
    @Test
    void foreignFingerprint_isRefused() {
        qt().withExamples(100).forAll(customers()).checkAssert(c -> {
            LifecycleStep other = LifecycleStep.of(
                    c.step().template().equals(Templates.buyerLifecycle())
                            ? Templates.fiveStage()
                            : Templates.buyerLifecycle());
            String message =
                    String.valueOf(assertRefused(other, c.state().toBytes()).getMessage());
            assertTrue(
                    message.contains(c.step().fingerprint())
                            && message.contains(other.fingerprint())
                            && message.contains("'" + other.template().name() + "'"),
                    message);
        });
    }

    /**
     * The fingerprint is the checksum of its parts joined, and the parts name every stage and rule, so that two
     * templates' fingerprints differ where their parts do (a lapse period, a stage's side).
     */
    @Test
    void fingerprintParts_areWhatTheFingerprintIsComputedFrom() {
        for (LifecycleTemplate template : List.of(
                Templates.fiveStage(),
                Templates.fiveStage(Duration.ofDays(90)),
                Templates.buyerLifecycle(),
                Templates.trackingCategories())) {
            LifecycleStep step = LifecycleStep.of(template);
            List<String> parts = step.fingerprintParts();
            CRC32 crc = new CRC32();
            crc.update(String.join("|", parts).getBytes(StandardCharsets.UTF_8));
            assertEquals(Long.toHexString(crc.getValue()), step.fingerprint(), template.name());
            assertEquals(2 + template.stages().size() + template.rules().size(), parts.size());
            assertEquals(template.name(), parts.get(0));
            assertEquals(template.entryStage().id(), parts.get(1));
        }
        List<String> longer = LifecycleStep.of(Templates.fiveStage()).fingerprintParts();
        List<String> shorter =
                LifecycleStep.of(Templates.fiveStage(Duration.ofDays(90))).fingerprintParts();
        assertTrue(longer.stream().anyMatch(p -> p.startsWith("lapse:") && p.contains("P180D")), longer::toString);
        assertTrue(shorter.stream().anyMatch(p -> p.startsWith("lapse:") && p.contains("P90D")), shorter::toString);
    }

    /** A state of another version is refused with a message naming it and the version read. */
    @Test
    void otherVersion_isRefused() {
        qt().withExamples(100).forAll(customers(), seeds()).checkAssert((c, seed) -> {
            byte[] bytes = c.state().toBytes();
            int version = (CustomerStateCodec.VERSION + 1 + (int) (seed % 255)) % 256;
            bytes[CustomerStateCodec.MAGIC.length] = (byte) version;
            String message =
                    String.valueOf(assertRefused(c.step(), withChecksum(Arrays.copyOf(bytes, bytes.length - 4)))
                            .getMessage());
            assertTrue(
                    message.contains("version " + version)
                            && message.contains("reads version " + CustomerStateCodec.VERSION),
                    message);
        });
    }

    /** Bytes that do not begin with the magic are refused as not being a customer state. */
    @Test
    void otherBytes_areNotAState() {
        LifecycleStep step = LifecycleStep.of(Templates.fiveStage());
        IllegalArgumentException e =
                assertRefused(step, "lifecycle-tracker-state 4\n".getBytes(StandardCharsets.UTF_8));
        assertTrue(String.valueOf(e.getMessage()).contains("not a lifecycle customer state"), e::getMessage);
    }

    // ---- helpers

    private static IllegalArgumentException assertRefused(LifecycleStep step, byte[] bytes) {
        return assertThrows(
                IllegalArgumentException.class,
                () -> step.read(bytes),
                () -> "read " + bytes.length + " bytes " + Arrays.toString(bytes));
    }

    /** The step's fingerprint, then the count of currencies unless {@code currencies} is negative. */
    private static byte[] header(LifecycleStep step, int currencies) {
        PackedBytes.Writer out = new PackedBytes.Writer(32);
        out.string(step.fingerprint());
        if (currencies >= 0) {
            out.unsigned(currencies);
        }
        return out.toArray();
    }

    private static byte[] withChecksum(byte[] body) {
        CRC32 crc = new CRC32();
        crc.update(body);
        long value = crc.getValue();
        return concat(
                body, new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value});
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }

    private static Gen<byte[]> randomBytes(int min, int max) {
        return in -> {
            byte[] bytes = new byte[between(in, min, max)];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = (byte) between(in, 0, 255);
            }
            return bytes;
        };
    }

    private static Gen<Long> seeds() {
        return in -> (long) between(in, 0, Integer.MAX_VALUE);
    }
}
