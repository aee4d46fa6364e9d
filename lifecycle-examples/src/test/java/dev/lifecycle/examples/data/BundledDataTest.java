package dev.lifecycle.examples.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lifecycle.core.CustomerEvent;
import dev.lifecycle.core.EventType;
import dev.lifecycle.core.Money;
import dev.lifecycle.io.EventFile;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

final class BundledDataTest {

    @Test
    void bundledCdnow_masterFile_readsEveryRowWithoutRejection() throws IOException {
        EventFile file = BundledData.bundledCdnow();

        assertEquals(EventFile.Format.CDNOW, file.format());
        assertEquals(69_659, file.rowsRead());
        assertEquals(69_659, file.rowsUsed());
        assertEquals(List.of(), file.rejections());
        assertEquals(67_591, file.events().size());
        assertEquals(2_068, file.rowsMerged());
        assertEquals(
                23_570,
                file.events().stream().map(CustomerEvent::customerId).distinct().count());
        assertTrue(file.events().stream().allMatch(event -> event.type() == EventType.PURCHASE));
        assertEquals(
                Instant.parse("1997-01-01T00:00:00Z"),
                file.events().stream()
                        .map(CustomerEvent::timestamp)
                        .min(Comparator.naturalOrder())
                        .orElseThrow());
        assertEquals(
                Instant.parse("1998-06-30T00:00:00Z"),
                file.events().stream()
                        .map(CustomerEvent::timestamp)
                        .max(Comparator.naturalOrder())
                        .orElseThrow());
        Money total = file.events().stream()
                .map(event -> event.amount().orElseThrow())
                .reduce(Money.of("0", "USD"), Money::plus);
        assertEquals(independentCdnowTotal(), total.amount());
        CustomerEvent first = file.events().get(0);
        assertEquals("cdnow-2", first.eventId());
        assertEquals("00001", first.customerId());
        assertEquals(Money.of("11.77", "USD"), first.amount().orElseThrow());
    }

    /** Sums the dollar column of the raw resource by splitting strings, without the reader under test. */
    private static BigDecimal independentCdnowTotal() throws IOException {
        String raw;
        try (InputStream in =
                Objects.requireNonNull(BundledDataTest.class.getResourceAsStream("/data/cdnow/CDNOW_master.txt"))) {
            raw = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
        String[] lines = raw.split("\r\n");
        BigDecimal total = BigDecimal.ZERO;
        for (int i = 1; i < lines.length; i++) {
            String[] fields = lines[i].trim().split(" +");
            total = total.add(new BigDecimal(fields[3]));
        }
        return total;
    }
}
