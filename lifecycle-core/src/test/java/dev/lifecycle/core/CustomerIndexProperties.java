package dev.lifecycle.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.quicktheories.QuickTheory.qt;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import org.quicktheories.generators.SourceDSL;

/**
 * The one map from customer ids to codes numbers ids in the order they are first met, whether an id comes as a {@code
 * String}, as Latin-1 bytes one at a time, or as bytes many at a time, checked against a {@link LinkedHashMap}. The ids
 * are drawn to be hard on its shortcuts: lengths around the seven characters it keeps inline, characters of Latin-1
 * beyond ASCII (as bytes of either sign), characters beyond Latin-1 whose low byte equals a Latin-1 one, and ids that
 * share their first seven characters.
 */
final class CustomerIndexProperties {
    private static final List<Character> CHARS = List.of('a', 'b', '0', ' ', 'é', 'ÿ', '\u0000', 'Ā', 'ĩ', '€');

    @Test
    void builder_idsAsTextAndAsBytes_sameCodesInOrderOfFirstMeeting() {
        qt().withExamples(300)
                .forAll(
                        SourceDSL.lists().of(ids()).ofSizeBetween(0, 300),
                        SourceDSL.lists().of(SourceDSL.integers().between(0, 2)).ofSize(300))
                .checkAssert((ids, forms) -> {
                    Map<String, Integer> expected = new LinkedHashMap<>();
                    EventBatch.Builder builder = new EventBatch.Builder(0, 0);
                    int i = 0;
                    while (i < ids.size()) {
                        String id = ids.get(i);
                        int form = forms.get(i);
                        if (id.isBlank()) {
                            i++;
                            continue;
                        }
                        if (form == 0 || !latin1(id)) {
                            expected.putIfAbsent(id, expected.size());
                            assertEquals(expected.get(id), builder.customer(id), id);
                            i++;
                        } else if (form == 1) {
                            expected.putIfAbsent(id, expected.size());
                            byte[] bytes = ("xy" + id + "z").getBytes(StandardCharsets.ISO_8859_1);
                            assertEquals(expected.get(id), builder.customer(bytes, 2, bytes.length - 1), id);
                            i++;
                        } else {
                            i = manyAtOnce(ids, i, builder, expected);
                        }
                    }
                    assertEquals(expected.size(), builder.customerCount());
                    expected.forEach((id, code) -> assertEquals(id, builder.customerId(code)));
                });
    }

    /** Looks up the Latin-1, non-blank ids from {@code i} (up to ten) together; returns the index after them. */
    private static int manyAtOnce(List<String> ids, int i, EventBatch.Builder builder, Map<String, Integer> expected) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int[] starts = new int[10];
        int[] lengths = new int[10];
        int count = 0;
        int[] wanted = new int[10];
        while (i < ids.size() && count < 10 && latin1(ids.get(i)) && !ids.get(i).isBlank()) {
            String id = ids.get(i++);
            bytes.write('-');
            starts[count] = bytes.size();
            byte[] idBytes = id.getBytes(StandardCharsets.ISO_8859_1);
            bytes.writeBytes(idBytes);
            lengths[count] = idBytes.length;
            expected.putIfAbsent(id, expected.size());
            wanted[count] = expected.get(id);
            count++;
        }
        if (count == 0) {
            return i + 1;
        }
        int[] codes = new int[count + 3];
        builder.customers(bytes.toByteArray(), starts, lengths, count, codes);
        int[] got = new int[count];
        System.arraycopy(codes, 0, got, 0, count);
        int[] want = new int[count];
        System.arraycopy(wanted, 0, want, 0, count);
        assertArrayEquals(want, got);
        return i;
    }

    @Test
    void builder_idsBeyondLatin1WithEqualHashAndLowBytes_toldApart() {
        // 97 * 31 + 0x2000 == 0x161 * 31 + 0x100, and both ids' characters have the low bytes 0x61, 0x00
        String one = "a\u2000";
        String other = "\u0161\u0100";
        assertEquals(one.hashCode(), other.hashCode());
        EventBatch.Builder builder = EventBatch.builder();
        assertEquals(0, builder.customer(one));
        assertEquals(1, builder.customer(other));
        assertEquals(0, builder.customer(new String(one.toCharArray())));
        byte[] bytes = {0x61, 0x00};
        assertEquals(2, builder.customer(bytes, 0, 2), "nor is a Latin-1 id of those low bytes either of them");
    }

    @Test
    void builder_blankIdAsBytes_refusedAndNothingNumbered() {
        EventBatch.Builder builder = EventBatch.builder();
        byte[] bytes = "a \t b".getBytes(StandardCharsets.ISO_8859_1);
        assertEquals(0, builder.customer(bytes, 0, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> builder.customer(bytes, 1, 4));
        assertEquals("customerId must not be blank but was ' \t '", e.getMessage());
        assertThrows(
                IllegalArgumentException.class,
                () -> builder.customers(bytes, new int[] {4, 1}, new int[] {1, 2}, 2, new int[2]));
        assertEquals(1, builder.customerCount(), "the id before the blank one is not numbered either");
        assertThrows(IndexOutOfBoundsException.class, () -> builder.customer(bytes, 3, 9));
    }

    @Test
    void builder_manyIdsFromASmallTable_growsAndKeepsEveryCode() {
        EventBatch.Builder builder = new EventBatch.Builder(0, 0);
        for (int round = 0; round < 2; round++) {
            for (int c = 0; c < 50_000; c++) {
                String id = (c % 2 == 0 ? "customer-" : "c") + c;
                byte[] bytes = id.getBytes(StandardCharsets.US_ASCII);
                int code = c % 3 == 0 ? builder.customer(id) : builder.customer(bytes, 0, bytes.length);
                assertEquals(c, code, id);
            }
        }
        assertEquals(50_000, builder.customerCount());
    }

    private static boolean latin1(String id) {
        return id.chars().allMatch(c -> c <= 0xFF);
    }

    private static Gen<String> ids() {
        Gen<String> free = SourceDSL.lists()
                .of(Generate.pick(CHARS))
                .ofSizeBetween(0, 12)
                .map(chars -> chars.stream().map(String::valueOf).reduce("", String::concat));
        Gen<String> sharedHead = SourceDSL.integers().between(0, 30).map(n -> "abcdefg" + Integer.toString(n, 3));
        return free.mix(sharedHead, 40);
    }
}
